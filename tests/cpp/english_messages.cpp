// The C++ tests were written against the English text of messages (the catalogue's identifiers):
// they run in English, as a district system would that sets LANGUAGE=en, and so do the command
// lines they start. tests/cpp/message_test.cpp checks the Chinese texts.
#include <cstdlib>

#include "taizhang/message.hpp"

namespace {
const bool kEnglish = [] {
  ::setenv("LANGUAGE", "en", 1);  // NOLINT(concurrency-mt-unsafe): before main, one thread
  taizhang::set_language(taizhang::Language::english);
  return true;
}();
}  // namespace
