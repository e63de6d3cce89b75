// Messages people read, in Chinese or in English, from a GNU gettext catalogue.
//
// Every message taizhang writes for a person (an error, a warning, a validation problem, a line of
// the command line's output) is a Message: a stable identifier — the English text with named
// placeholders, "the unit \"{unit}\" is not in the catalogue" — and the values of those
// placeholders. Its text is rendered in the language asked for: the English of the identifier, or
// the Chinese of the catalogue po/zh_CN.po (a GNU gettext .po file, compiled by msgfmt and built
// into the library, so nothing is looked up on disk at run time). A district system that shows
// errors in its own words uses the identifier and the arguments, which do not change between
// releases except by a note in the changelog.
//
// The language is process-wide. It starts from the environment as gettext reads it — the first
// of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set: English when it begins with "en", else
// Chinese (the default; "C" and "POSIX" included) — and set_language() changes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.hpp"

namespace taizhang {

enum class Language : std::uint8_t { chinese = 1, english = 2 };

// The language messages are rendered in now.
[[nodiscard]] TAIZHANG_EXPORT Language language() noexcept;
// Change it for the whole process (every thread). Messages already rendered keep their language.
TAIZHANG_EXPORT void set_language(Language language) noexcept;
// What the environment asks for (see above), without changing anything.
[[nodiscard]] TAIZHANG_EXPORT Language language_from_environment() noexcept;
// "zh", "zh_CN.UTF-8", "chinese", "中文" → chinese; "en", "en_US", "english" → english.
[[nodiscard]] TAIZHANG_EXPORT std::optional<Language> language_from_string(
    std::string_view text) noexcept;
// "zh" or "en".
[[nodiscard]] TAIZHANG_EXPORT const char* to_string(Language language) noexcept;

// One named value of a message: {unit} → 区卫健局.
struct MessageArgument {
  std::string name;
  std::string value;
  friend bool operator==(const MessageArgument&, const MessageArgument&) = default;
};

class TAIZHANG_EXPORT Message {
 public:
  // Implicit on purpose: a plain string is a message without arguments.
  Message(std::string id, std::vector<MessageArgument> arguments = {});  // NOLINT
  Message(const char* id);                                                // NOLINT

  // The stable identifier: the English template, placeholders unfilled.
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] const std::vector<MessageArgument>& arguments() const noexcept { return arguments_; }
  // The text in a language (the current one by default), placeholders filled. A message the
  // catalogue lacks is shown in English.
  [[nodiscard]] std::string text(Language in) const;
  [[nodiscard]] std::string text() const;

  friend bool operator==(const Message&, const Message&) = default;

 private:
  std::string id_;
  std::vector<MessageArgument> arguments_;
};

// The catalogue's text of a message identifier in a language (the identifier itself in English,
// or when the catalogue has no translation), placeholders unfilled.
[[nodiscard]] TAIZHANG_EXPORT std::string_view translate(std::string_view id, Language in);
// Fill {name} placeholders of a template; {{ and }} are literal braces; an unknown name is left.
[[nodiscard]] TAIZHANG_EXPORT std::string fill_placeholders(
    std::string_view text, const std::vector<MessageArgument>& arguments);

// How complete the built-in catalogue is: messages and how many have a Chinese text.
struct CatalogueStatistics {
  std::size_t messages = 0;
  std::size_t translated = 0;
};
[[nodiscard]] TAIZHANG_EXPORT CatalogueStatistics catalogue_statistics();

}  // namespace taizhang
