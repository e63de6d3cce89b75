// What every fuzz target shares: the entry point's declaration and a check that stops the run.
//
// A target catches taizhang::Error, the documented error family, and nothing else: any other
// exception escaping the library terminates the process, and libFuzzer (or the corpus replay)
// reports it as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace taizhang::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT(*-reinterpret-cast)
}

// A property the library promises did not hold: report it and crash, so the input is kept.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

}  // namespace taizhang::fuzz
