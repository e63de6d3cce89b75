#include "util/json_parse.hpp"

#include <string>
#include <unordered_set>
#include <vector>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang::util {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxDepth = 64;

json::parse_options parse_options() {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  return options;
}

// ---------------------------------------------------------------------------------------------
// Syntax pass: the rules plain JSON parsing lets through but a plan file must not hold — a key
// given twice in one object (one of the two would silently win) and numbers with a fraction or
// exponent (they would pass through binary floating point). Reported with line and column.

class SyntaxHandler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::string problem;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t, json::error_code&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
    key_.append(s.data(), s.size());
    const bool fresh = keys_.back().insert(key_).second;
    if (!fresh) problem = "the key \"" + key_ + "\" appears twice in one object";
    key_.clear();
    return fresh || fail(ec);
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_number_part(json::string_view s, json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) {
    number_.clear();
    return true;
  }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) {
    number_.clear();
    return true;
  }
  bool on_double(double, json::string_view s, json::error_code& ec) {
    number_.append(s.data(), s.size());
    problem = "the number " + number_ +
              " has a fraction or exponent: write whole numbers without them, and decimals as "
              "strings (\"" +
              number_ + "\") so that they stay exact";
    number_.clear();
    return fail(ec);
  }
  bool on_bool(bool, json::error_code&) { return true; }
  bool on_null(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  static bool fail(json::error_code& ec) {
    ec = json::error::syntax;
    return false;
  }

  std::vector<std::unordered_set<std::string>> keys_;
  std::string key_;
  std::string number_;
};

[[noreturn]] void throw_syntax(std::string_view text, std::string_view source, std::size_t offset,
                               const std::string& message) {
  const util::LineColumn lc = util::line_column(text, offset);
  Location where;
  where.file = std::string(source);
  where.line = static_cast<std::uint32_t>(lc.line);
  where.column = static_cast<std::uint32_t>(lc.column);
  throw ParseError(message, where);
}

}  // namespace

json::value parse_json(std::string_view text, std::string_view source) {
  {
    json::basic_parser<SyntaxHandler> checker(parse_options());
    json::error_code ec;
    const std::size_t used = checker.write_some(false, text.data(), text.size(), ec);
    if (ec) {
      std::string message = checker.handler().problem;
      if (message.empty()) {
        message = ec == json::error::too_deep
                      ? "the JSON is nested deeper than " + std::to_string(kMaxDepth) + " levels"
                      : "malformed JSON: " + ec.message();
      }
      throw_syntax(text, source, used, message);
    }
  }
  json::stream_parser parser({}, parse_options());
  json::error_code ec;
  const std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) throw_syntax(text, source, used, "malformed JSON: " + ec.message());
  return parser.release();
}

}  // namespace taizhang::util
