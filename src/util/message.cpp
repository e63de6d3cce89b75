#include "taizhang/message.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>

#include "util/catalogue_data.hpp"

namespace taizhang {

namespace {

// 0 until the first use, then the Language.
std::atomic<std::uint8_t> g_language{0};

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// A GNU gettext .mo file (as msgfmt writes it): a header, then two tables of (length, offset)
// pairs — the original strings and their translations — in the same order.
class MoCatalogue {
 public:
  MoCatalogue(const unsigned char* data, std::size_t size) {
    if (size < 28) return;
    const std::uint32_t magic = word(data, 0, false);
    bool swap = false;
    if (magic == 0x950412deU) {
      swap = false;
    } else if (magic == 0xde120495U) {
      swap = true;
    } else {
      return;
    }
    const std::uint32_t count = word(data, 8, swap);
    const std::uint32_t originals = word(data, 12, swap);
    const std::uint32_t translations = word(data, 16, swap);
    if (std::uint64_t{originals} + std::uint64_t{count} * 8 > size ||
        std::uint64_t{translations} + std::uint64_t{count} * 8 > size) {
      return;
    }
    entries_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::string_view id = string_at(data, size, originals + i * 8, swap);
      const std::string_view text = string_at(data, size, translations + i * 8, swap);
      if (id.empty() || text.empty()) continue;  // the header, or an untranslated message
      entries_.emplace(id, text);
    }
  }

  [[nodiscard]] const std::string_view* find(std::string_view id) const {
    auto it = entries_.find(id);
    return it == entries_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  static std::uint32_t word(const unsigned char* data, std::size_t at, bool swap) {
    std::uint32_t v = 0;
    std::memcpy(&v, data + at, 4);
    if (swap) v = __builtin_bswap32(v);
    return v;
  }
  static std::string_view string_at(const unsigned char* data, std::size_t size, std::size_t at,
                                    bool swap) {
    const std::uint32_t length = word(data, at, swap);
    const std::uint32_t offset = word(data, at + 4, swap);
    if (std::uint64_t{offset} + length > size) return {};
    return {reinterpret_cast<const char*>(data) + offset, length};
  }

  std::unordered_map<std::string_view, std::string_view> entries_;
};

const MoCatalogue& chinese_catalogue() {
  static const MoCatalogue catalogue(util::detail::kCatalogueZhCN,
                                     util::detail::kCatalogueZhCNSize);
  return catalogue;
}

}  // namespace

std::optional<Language> language_from_string(std::string_view text) noexcept {
  if (starts_with_ci(text, "en")) return Language::english;
  if (starts_with_ci(text, "zh") || starts_with_ci(text, "chinese") || text == "中文") {
    return Language::chinese;
  }
  return std::nullopt;
}

const char* to_string(Language language) noexcept {
  return language == Language::english ? "en" : "zh";
}

Language language_from_environment() noexcept {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once
    if (value == nullptr || *value == '\0') continue;
    // LANGUAGE is a list ("en_GB:en"): its first entry decides.
    std::string_view first(value);
    first = first.substr(0, first.find(':'));
    return starts_with_ci(first, "en") ? Language::english : Language::chinese;
  }
  return Language::chinese;
}

Language language() noexcept {
  std::uint8_t v = g_language.load(std::memory_order_relaxed);
  if (v == 0) {
    v = static_cast<std::uint8_t>(language_from_environment());
    std::uint8_t expected = 0;
    if (!g_language.compare_exchange_strong(expected, v)) v = expected;
  }
  return static_cast<Language>(v);
}

void set_language(Language language) noexcept {
  g_language.store(static_cast<std::uint8_t>(language), std::memory_order_relaxed);
}

std::string_view translate(std::string_view id, Language in) {
  if (in == Language::chinese) {
    if (const std::string_view* text = chinese_catalogue().find(id)) return *text;
  }
  return id;
}

std::string fill_placeholders(std::string_view text,
                              const std::vector<MessageArgument>& arguments) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      i += 2;
      continue;
    }
    if (c == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view name = text.substr(i + 1, close - i - 1);
        auto it = std::find_if(arguments.begin(), arguments.end(),
                               [&](const MessageArgument& a) { return a.name == name; });
        if (it != arguments.end()) {
          out += it->value;
          i = close + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

Message::Message(std::string id, std::vector<MessageArgument> arguments)
    : id_(std::move(id)), arguments_(std::move(arguments)) {}
Message::Message(const char* id) : id_(id == nullptr ? "" : id) {}

std::string Message::text(Language in) const {
  const std::string_view pattern = translate(id_, in);
  if (arguments_.empty()) return std::string(pattern);
  return fill_placeholders(pattern, arguments_);
}

std::string Message::text() const {
  return text(language());
}

CatalogueStatistics catalogue_statistics() {
  // msgfmt leaves untranslated messages out of the .mo; the .po's count is built in beside it.
  return {util::detail::kCatalogueMessages, chinese_catalogue().size()};
}

}  // namespace taizhang
