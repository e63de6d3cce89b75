// Reading JSON input strictly, with line and column in errors (internal).
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

namespace taizhang::util {

// Parses `text` as JSON (`source` names it in errors). Beyond plain JSON it refuses a key given
// twice in one object and numbers with a fraction or exponent (decimals are strings, so that they
// stay exact), and nesting deeper than 64. Throws ParseError with line and column.
boost::json::value parse_json(std::string_view text, std::string_view source);

}  // namespace taizhang::util
