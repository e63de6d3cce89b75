#include "util/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

namespace taizhang::util {

namespace {

// The widest an array of scalars may be, in bytes, to be written on one line.
constexpr std::size_t kFlatArrayWidth = 100;

bool is_scalar(const boost::json::value& v) {
  return !v.is_object() && !v.is_array();
}

void write(std::string& out, const boost::json::value& v, int indent) {
  const auto newline = [&](int level) {
    out += '\n';
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; return;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; return;
    case boost::json::kind::int64: out += std::to_string(v.get_int64()); return;
    case boost::json::kind::uint64: out += std::to_string(v.get_uint64()); return;
    case boost::json::kind::double_: {
      // Ratios and shares: twelve significant digits, in plain notation where it is short.
      const double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.12g", d);
      std::string text = buf;
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
      out += text;
      return;
    }
    case boost::json::kind::string: {
      const boost::json::string& s = v.get_string();
      out += json_quote(std::string_view(s.data(), s.size()));
      return;
    }
    case boost::json::kind::array: {
      const boost::json::array& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        return;
      }
      // Scalars share one line when it stays short; otherwise one element per line.
      bool flat = true;
      std::size_t width = static_cast<std::size_t>(indent) * 2 + 2;
      for (const auto& e : a) {
        flat = flat && is_scalar(e);
        if (flat) width += (e.is_string() ? e.get_string().size() + 2 : 20) + 2;
      }
      flat = flat && width <= kFlatArrayWidth;
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0) out += flat ? ", " : ",";
        if (!flat) newline(indent + 1);
        write(out, a[i], indent + 1);
      }
      if (!flat) newline(indent);
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      const boost::json::object& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& member : o) {
        if (!first) out += ',';
        first = false;
        newline(indent + 1);
        out += json_quote(std::string_view(member.key().data(), member.key().size()));
        out += ": ";
        write(out, member.value(), indent + 1);
      }
      newline(indent);
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string json_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += kHex[u >> 4U];
          out += kHex[u & 15U];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string to_canonical_json(const boost::json::value& value) {
  std::string out;
  write(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace taizhang::util
