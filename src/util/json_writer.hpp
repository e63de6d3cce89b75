// Canonical, readable JSON text (internal).
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace taizhang::util {

// `value` as canonical JSON: keys in the order the objects hold them, two-space indentation, one
// member per line, arrays of scalars on one line, UTF-8 text unescaped (only '"', '\\' and control
// characters are escaped), a final newline. The same value always gives the same bytes.
std::string to_canonical_json(const boost::json::value& value);

// `s` as a JSON string literal, quotes included, escaped as to_canonical_json does.
std::string json_quote(std::string_view s);

}  // namespace taizhang::util
