#include "taizhang/report_json.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "model/report_lifecycle.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/error.hpp"
#include "taizhang/limits.hpp"
#include "util/json_parse.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace json = boost::json;

namespace {

// Whether `text` begins as a number does (a digit, a Chinese numeral, a sign, 百分之), so that it
// is worth keeping to be read against its target when filed.
bool looks_like_a_number(std::string_view text) {
  text = util::trim(text);
  if (text.empty()) return false;
  const char c = text.front();
  if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') return true;
  static constexpr std::string_view kStarts[] = {
      "０", "１", "２", "３", "４", "５", "６", "７", "８",     "９", "－", "零", "〇", "一", "二",
      "两", "三", "四", "五", "六", "七", "八", "九", "十",     "百", "千", "万", "壹", "贰", "叁",
      "肆", "伍", "陆", "柒", "捌", "玖", "拾", "负", "百分之", "兩", "貳", "參", "陸", "負"};
  for (const std::string_view start : kStarts) {
    if (text.substr(0, start.size()) == start) return true;
  }
  return false;
}

class ContentReader {
 public:
  std::vector<Issue> issues;

  ReportContent read(const json::value& root) {
    ReportContent out;
    const json::object* o = object(root, "");
    if (o == nullptr) return out;
    keys(*o, "", {"progress", "values"}, {});
    for_each(*o, "progress", [&](const json::object& p, const std::string& path) {
      keys(p, path, {"initiative", "narrative", "expected_completion"}, {"initiative"});
      InitiativeProgress progress;
      if (const json::value* v = member(p, "initiative")) {
        if (v->is_int64() && v->get_int64() > 0 && v->get_int64() < 100000) {
          progress.initiative = static_cast<int>(v->get_int64());
        } else {
          error(path + ".initiative", "must be the initiative's number");
        }
      }
      progress.narrative = string(p, "narrative", path);
      const std::string date = string(p, "expected_completion", path);
      if (!date.empty()) {
        try {
          progress.expected_completion = Date::parse(date);
        } catch (const Error& e) {
          error(path + ".expected_completion", e.message());
        }
      }
      out.progress.push_back(std::move(progress));
    });
    for_each(*o, "values", [&](const json::object& v, const std::string& path) {
      keys(v, path,
           {"target", "value", "unit", "stage", "comment", "evidence", "filed_value", "filed_unit"},
           {"target"});
      TargetValue value;
      value.target = string(v, "target", path);
      if (const json::value* x = member(v, "value")) {
        try {
          if (x->is_string()) {
            const std::string_view written(x->get_string().data(), x->get_string().size());
            if (const std::optional<Decimal> plain = Decimal::try_parse(written)) {
              value.value = *plain;  // a plain number: in the target's unit, as read_value reads it
            } else if (looks_like_a_number(written)) {
              // Read against the target's unit when filed (read_value): "1500万" on 万元 is 1500.
              value.text = std::string(written);
            } else {
              error(path + ".value", "\"" + std::string(written) +
                                         "\" is not a number (\"4500\", \"1.6万\", \"3000万元\")");
            }
          } else if (x->is_int64()) {
            value.value = Decimal(x->get_int64());
          } else if (!x->is_null()) {
            error(path + ".value", "must be a number written as a string (\"4500\", \"1.6万\")");
          }
        } catch (const Error& e) {
          error(path + ".value", e.message());
        }
      }
      value.unit = string(v, "unit", path);
      value.stage = string(v, "stage", path);
      value.comment = string(v, "comment", path);
      value.evidence = string(v, "evidence", path);
      out.values.push_back(std::move(value));
    });
    return out;
  }

 private:
  void error(const std::string& path, std::string message) {
    issues.push_back({Issue::Severity::error, path, std::move(message)});
  }
  static std::string child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }
  const json::object* object(const json::value& v, const std::string& path) {
    if (v.is_object()) return &v.get_object();
    error(path, "must be an object");
    return nullptr;
  }
  static const json::value* member(const json::object& o, std::string_view key) {
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &it->value();
  }
  void keys(const json::object& o, const std::string& path,
            std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required) {
    for (const auto& m : o) {
      const std::string_view key(m.key().data(), m.key().size());
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        error(child(path, key), "unknown key \"" + std::string(key) + "\"");
      }
    }
    for (const std::string_view key : required) {
      if (!o.contains(key)) error(child(path, key), "is missing");
    }
  }
  std::string string(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = member(o, key);
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_string()) {
      error(child(path, key), "must be a string");
      return {};
    }
    return std::string(v->get_string().data(), v->get_string().size());
  }
  template <class F>
  void for_each(const json::object& o, std::string_view key, F&& each) {
    const json::value* v = member(o, key);
    if (v == nullptr) return;
    if (!v->is_array()) {
      error(std::string(key), "must be an array");
      return;
    }
    const json::array& a = v->get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
      if (const json::object* e = object(a[i], path)) each(*e, path);
    }
  }
};

json::object content_object(const ReportContent& content) {
  json::array progress;
  for (const InitiativeProgress& p : content.progress) {
    json::object e;
    e["initiative"] = p.initiative;
    e["narrative"] = p.narrative;
    if (p.expected_completion) e["expected_completion"] = p.expected_completion->to_string();
    progress.emplace_back(std::move(e));
  }
  json::array values;
  for (const TargetValue& v : content.values) {
    json::object e;
    e["target"] = v.target;
    if (v.value) {
      e["value"] = v.value->to_string();
    } else if (!v.text.empty()) {
      e["value"] = v.text;
    }
    if (!v.unit.empty()) e["unit"] = v.unit;
    if (!v.stage.empty()) e["stage"] = v.stage;
    if (!v.comment.empty()) e["comment"] = v.comment;
    if (!v.evidence.empty()) e["evidence"] = v.evidence;
    if (v.filed_value) e["filed_value"] = v.filed_value->to_string();
    if (!v.filed_unit.empty()) e["filed_unit"] = v.filed_unit;
    values.emplace_back(std::move(e));
  }
  return json::object{{"progress", std::move(progress)}, {"values", std::move(values)}};
}

}  // namespace

ReportContent report_content_from_json(std::string_view text, std::string_view source) {
  if (text.size() > limits::report_json_bytes) {
    throw ParseError(
        "the report content is larger than 4 MiB, the most report JSON may be: not "
        "read (is it the right file?)",
        Location{std::string(source), 0, 0, ""});
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const json::value root = util::parse_json(text, source);
  ContentReader reader;
  ReportContent content = reader.read(root);
  if (!reader.issues.empty()) throw ValidationError(std::move(reader.issues), std::string(source));
  return content;
}

std::string report_content_to_json(const ReportContent& content) {
  return util::to_canonical_json(content_object(content));
}

std::string report_history_to_json(const ReportKey& key, const std::vector<Revision>& history) {
  json::object o;
  o["plan"] = key.plan;
  o["unit"] = key.unit;
  o["period"] = key.period.to_string();
  // The same fold as Report's: accepted_revision is the revision whose content was accepted.
  detail::Lifecycle<int> lifecycle(0);
  int content = 0;
  json::array revisions;
  for (const Revision& r : history) {
    if (detail::carries_content(r.action)) content = r.number;
    lifecycle.apply(r.action, r.recorded_at.time_since_epoch().count(), content);
    json::object e;
    e["number"] = r.number;
    e["recorded_at"] = format_timestamp(r.recorded_at);
    e["actor"] = json::object{
        {"unit", r.actor.unit}, {"role", to_string(r.actor.role)}, {"person", r.actor.person}};
    e["action"] = to_string(r.action);
    e["status"] = to_string(r.status);
    e["reason"] = r.reason;
    e["hash"] = r.hash;
    e["content"] = content_object(r.content);
    revisions.emplace_back(std::move(e));
  }
  o["status"] = history.empty() ? "" : to_string(history.back().status);
  const auto time = [](const std::optional<std::int64_t>& ms) {
    return ms ? json::value(format_timestamp(Timestamp{std::chrono::milliseconds(*ms)}))
              : json::value(nullptr);
  };
  o["first_submitted"] = time(lifecycle.first_submitted_ms);
  o["last_accepted"] = time(lifecycle.last_accepted_ms);
  o["returned_at"] = time(lifecycle.returned_ms);
  o["accepted_revision"] = lifecycle.accepted;
  o["counted_revision"] = lifecycle.handed_in();
  o["revisions"] = std::move(revisions);
  return util::to_canonical_json(o);
}

}  // namespace taizhang
