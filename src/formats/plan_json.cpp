#include "taizhang/plan_json.hpp"

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include <boost/json.hpp>

#include "formats/plan_places.hpp"
#include "taizhang/error.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/message.hpp"
#include "taizhang/validation.hpp"
#include "util/file.hpp"
#include "util/json_parse.hpp"
#include "util/json_writer.hpp"
#include "util/message_mark.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Structure pass: every member checked against the format, every problem collected with its path.

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string item(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// What a JSON value is, in the reader's language.
std::string kind_name(const json::value& v) {
  const char* name = "a value";
  switch (v.kind()) {
    case json::kind::null: name = "null"; break;
    case json::kind::bool_: name = util::N_("a boolean"); break;
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: name = util::N_("a number"); break;
    case json::kind::string: name = util::N_("a string"); break;
    case json::kind::array: name = util::N_("an array"); break;
    case json::kind::object: name = util::N_("an object"); break;
  }
  return Message(name).text();
}

class Reader {
 public:
  std::vector<Issue> issues;

  void error(const std::string& path, const Message& message) {
    issues.emplace_back(Issue::Severity::error, path, message);
  }

  // Checks that `o` holds only `allowed` keys and every `required` one.
  void keys(const json::object& o, const std::string& path,
            std::initializer_list<std::string_view> allowed,
            std::initializer_list<std::string_view> required) {
    for (const auto& member : o) {
      const std::string_view key(member.key().data(), member.key().size());
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string_view best;
      std::size_t best_distance = 3;
      for (const std::string_view candidate : allowed) {
        const std::size_t d = edit_distance(key, candidate);
        if (d < best_distance) {
          best_distance = d;
          best = candidate;
        }
      }
      if (best.empty()) {
        error(child(path, key), Message("unknown key \"{key}\"", {{"key", std::string(key)}}));
      } else {
        error(child(path, key), Message("unknown key \"{key}\" (did you mean \"{best}\"?)",
                                        {{"key", std::string(key)}, {"best", std::string(best)}}));
      }
    }
    for (const std::string_view key : required) {
      if (!o.contains(key)) error(child(path, key), Message("is missing"));
    }
  }

  const json::object* object(const json::value& v, const std::string& path) {
    if (v.is_object()) return &v.get_object();
    error(path, Message("must be an object, not {kind}", {{"kind", kind_name(v)}}));
    return nullptr;
  }

  const json::value* member(const json::object& o, std::string_view key) {
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &it->value();
  }

  // Each getter returns nullopt when the key is absent or its value is bad (then an issue is
  // recorded); required keys are checked by keys().
  std::optional<std::string> string(const json::object& o, std::string_view key,
                                    const std::string& path) {
    const json::value* v = member(o, key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      error(child(path, key), Message("must be a string, not {kind}", {{"kind", kind_name(*v)}}));
      return std::nullopt;
    }
    return std::string(v->get_string().data(), v->get_string().size());
  }

  void string_into(const json::object& o, std::string_view key, const std::string& path,
                   std::string& out) {
    if (auto s = string(o, key, path)) out = std::move(*s);
  }

  std::optional<std::int64_t> integer(const json::object& o, std::string_view key,
                                      const std::string& path, std::int64_t min, std::int64_t max) {
    const json::value* v = member(o, key);
    if (v == nullptr) return std::nullopt;
    std::optional<std::int64_t> n;
    if (v->is_int64()) n = v->get_int64();
    if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) {
      n = static_cast<std::int64_t>(v->get_uint64());
    }
    if (!v->is_int64() && !v->is_uint64()) {
      error(child(path, key),
            Message("must be a whole number, not {kind}", {{"kind", kind_name(*v)}}));
      return std::nullopt;
    }
    if (!n || *n < min || *n > max) {
      error(child(path, key),
            Message("must be a whole number from {min} to {max}",
                    {{"min", std::to_string(min)}, {"max", std::to_string(max)}}));
      return std::nullopt;
    }
    return n;
  }

  std::optional<Decimal> decimal(const json::object& o, std::string_view key,
                                 const std::string& path) {
    const json::value* v = member(o, key);
    if (v == nullptr) return std::nullopt;
    try {
      if (v->is_string()) {
        return Decimal::parse(std::string_view(v->get_string().data(), v->get_string().size()));
      }
      if (v->is_int64()) return Decimal(v->get_int64());
      if (v->is_uint64()) {
        return Decimal::parse(std::to_string(v->get_uint64()));
      }
      error(child(path, key),
            Message("must be a decimal written as a string (\"12.5\"), not {kind}",
                    {{"kind", kind_name(*v)}}));
    } catch (const Error& e) {
      error(child(path, key), Message(e.message_id(), e.arguments()));
    }
    return std::nullopt;
  }

  std::optional<Date> date(const json::object& o, std::string_view key, const std::string& path) {
    const auto s = string(o, key, path);
    if (!s) return std::nullopt;
    try {
      return Date::parse(*s);
    } catch (const Error& e) {
      error(child(path, key), Message(e.message_id(), e.arguments()));
      return std::nullopt;
    }
  }

  std::optional<Period> period(const json::object& o, std::string_view key,
                               const std::string& path) {
    const auto s = string(o, key, path);
    if (!s) return std::nullopt;
    try {
      return Period::parse(*s);
    } catch (const Error& e) {
      error(child(path, key), Message(e.message_id(), e.arguments()));
      return std::nullopt;
    }
  }

  template <class E, class Names>
  std::optional<E> enumeration(const json::object& o, std::string_view key, const std::string& path,
                               std::optional<E> (*from_string)(std::string_view) noexcept,
                               const Names& names) {
    const auto s = string(o, key, path);
    if (!s) return std::nullopt;
    if (auto e = from_string(*s)) return e;
    std::string choices;
    for (std::size_t i = 0; i < std::size(names); ++i) {
      if (i > 0) choices += i + 1 == std::size(names) ? " or " : ", ";
      choices += "\"" + std::string(to_string(names[i])) + "\"";
    }
    error(child(path, key),
          Message("\"{value}\" is not one of {choices}", {{"value", *s}, {"choices", choices}}));
    return std::nullopt;
  }

  // Calls `each(element_object, element_path)` for every object in the array at `key`.
  void objects(const json::object& o, std::string_view key, const std::string& path,
               const std::function<void(const json::object&, const std::string&)>& each) {
    const json::value* v = member(o, key);
    if (v == nullptr) return;
    const std::string apath = child(path, key);
    if (!v->is_array()) {
      error(apath, Message("must be an array, not {kind}", {{"kind", kind_name(*v)}}));
      return;
    }
    const json::array& a = v->get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (const json::object* e = object(a[i], item(apath, i))) each(*e, item(apath, i));
    }
  }

  std::vector<std::string> strings(const json::object& o, std::string_view key,
                                   const std::string& path) {
    std::vector<std::string> out;
    const json::value* v = member(o, key);
    if (v == nullptr) return out;
    const std::string apath = child(path, key);
    if (!v->is_array()) {
      error(apath, Message("must be an array of strings, not {kind}", {{"kind", kind_name(*v)}}));
      return out;
    }
    const json::array& a = v->get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_string()) {
        out.emplace_back(a[i].get_string().data(), a[i].get_string().size());
      } else {
        error(item(apath, i), Message("must be a string, not {kind}", {{"kind", kind_name(a[i])}}));
      }
    }
    return out;
  }

  Plan plan(const json::value& root) {
    Plan p;
    const json::object* o = object(root, "");
    if (o == nullptr) return p;
    keys(
        *o, "",
        {"format", "code", "title", "issuer", "year", "issue_date", "source", "start", "end",
         "reporting", "report_due_days", "coordinator", "contact", "tolerance", "reporting_rules",
         "notes", "units_of_measure", "units", "initiatives"},
        {"format", "code", "title", "year", "start", "end", "coordinator", "units", "initiatives"});
    if (const auto format = integer(*o, "format", "", 1, 1000000);
        format && *format != plan_format_version) {
      error("format", Message("this library reads plan format {expected}, not {format}",
                              {{"expected", std::to_string(plan_format_version)},
                               {"format", std::to_string(*format)}}));
    }
    string_into(*o, "code", "", p.code);
    string_into(*o, "title", "", p.title);
    string_into(*o, "issuer", "", p.issuer);
    if (const auto y = integer(*o, "year", "", 1, 9999)) p.year = static_cast<int>(*y);
    p.issue_date = date(*o, "issue_date", "");
    if (const json::value* v = member(*o, "source")) {
      if (const json::object* s = object(*v, "source")) {
        keys(*s, "source", {"title", "number", "url", "form_title"}, {});
        string_into(*s, "title", "source", p.source.title);
        string_into(*s, "number", "source", p.source.number);
        string_into(*s, "url", "source", p.source.url);
        string_into(*s, "form_title", "source", p.source.form_title);
      }
    }
    if (const auto d = date(*o, "start", "")) p.start = *d;
    if (const auto d = date(*o, "end", "")) p.end = *d;
    static constexpr PeriodKind kKinds[] = {PeriodKind::year, PeriodKind::quarter,
                                            PeriodKind::month};
    if (const auto k = enumeration(*o, "reporting", "", &period_kind_from_string, kKinds)) {
      p.reporting = *k;
    }
    if (const auto d = integer(*o, "report_due_days", "", -366, 366)) {
      p.report_due_days = static_cast<int>(*d);
    }
    string_into(*o, "coordinator", "", p.coordinator);
    if (const json::value* v = member(*o, "contact")) {
      if (const json::object* c = object(*v, "contact")) {
        keys(*c, "contact", {"phone", "email"}, {});
        string_into(*c, "phone", "contact", p.contact.phone);
        string_into(*c, "email", "contact", p.contact.email);
      }
    }
    if (const auto t = decimal(*o, "tolerance", "")) p.tolerance = *t;
    if (const json::value* v = member(*o, "reporting_rules")) {
      if (const json::object* r = object(*v, "reporting_rules")) {
        keys(*r, "reporting_rules", {"reporters", "over_goal", "jump"}, {});
        static constexpr Reporters kReporters[] = {Reporters::assigned, Reporters::leads,
                                                   Reporters::contributors};
        if (const auto w = enumeration(*r, "reporters", "reporting_rules", &reporters_from_string,
                                       kReporters)) {
          p.reporting_rules.reporters = *w;
        }
        if (const auto d = decimal(*r, "over_goal", "reporting_rules")) {
          p.reporting_rules.over_goal = *d;
        }
        if (const auto d = decimal(*r, "jump", "reporting_rules")) p.reporting_rules.jump = *d;
      }
    }
    p.notes = strings(*o, "notes", "");
    objects(*o, "units_of_measure", "", [&](const json::object& u, const std::string& path) {
      keys(u, path, {"name", "dimension", "factor"}, {"name", "dimension", "factor"});
      UnitOfMeasure uom;
      string_into(u, "name", path, uom.name);
      string_into(u, "dimension", path, uom.dimension);
      if (const auto f = decimal(u, "factor", path)) uom.factor = *f;
      p.units_of_measure.push_back(std::move(uom));
    });
    objects(*o, "units", "", [&](const json::object& u, const std::string& path) {
      p.units.push_back(unit(u, path));
    });
    objects(*o, "initiatives", "", [&](const json::object& i, const std::string& path) {
      p.initiatives.push_back(initiative(i, path));
    });
    return p;
  }

  Unit unit(const json::object& o, const std::string& path) {
    keys(o, path, {"code", "name", "kind", "parent", "full_name"}, {"code", "name", "kind"});
    Unit u;
    string_into(o, "code", path, u.code);
    string_into(o, "name", path, u.name);
    static constexpr UnitKind kKinds[] = {UnitKind::bureau,
                                          UnitKind::town,
                                          UnitKind::street,
                                          UnitKind::development_zone,
                                          UnitKind::mass_organisation,
                                          UnitKind::enterprise,
                                          UnitKind::coordinating_office,
                                          UnitKind::party_department,
                                          UnitKind::institution,
                                          UnitKind::government,
                                          UnitKind::other};
    if (const auto k = enumeration(o, "kind", path, &unit_kind_from_string, kKinds)) u.kind = *k;
    string_into(o, "parent", path, u.parent);
    string_into(o, "full_name", path, u.full_name);
    return u;
  }

  Initiative initiative(const json::object& o, const std::string& path) {
    keys(o, path,
         {"number", "title", "description", "deadline", "assignments", "targets", "parameters"},
         {"number", "title", "assignments"});
    Initiative i;
    if (const auto n = integer(o, "number", path, 1, 100000)) i.number = static_cast<int>(*n);
    string_into(o, "title", path, i.title);
    string_into(o, "description", path, i.description);
    i.deadline = date(o, "deadline", path);
    objects(o, "assignments", path, [&](const json::object& a, const std::string& apath) {
      keys(a, apath, {"unit", "role", "division", "person"}, {"unit", "role"});
      Assignment assignment;
      string_into(a, "unit", apath, assignment.unit);
      static constexpr AssignmentRole kRoles[] = {AssignmentRole::lead,
                                                  AssignmentRole::co_responsible};
      if (const auto r = enumeration(a, "role", apath, &assignment_role_from_string, kRoles)) {
        assignment.role = *r;
      }
      string_into(a, "division", apath, assignment.division);
      string_into(a, "person", apath, assignment.person);
      i.assignments.push_back(std::move(assignment));
    });
    objects(o, "targets", path, [&](const json::object& t, const std::string& tpath) {
      i.targets.push_back(target(t, tpath));
    });
    objects(o, "parameters", path, [&](const json::object& a, const std::string& ppath) {
      keys(a, ppath, {"name", "value", "unit", "basis", "source_text"}, {"name", "value"});
      Parameter parameter;
      string_into(a, "name", ppath, parameter.name);
      if (const auto v = decimal(a, "value", ppath)) parameter.value = *v;
      string_into(a, "unit", ppath, parameter.unit);
      string_into(a, "basis", ppath, parameter.basis);
      string_into(a, "source_text", ppath, parameter.source_text);
      i.parameters.push_back(std::move(parameter));
    });
    return i;
  }

  Target target(const json::object& o, const std::string& path) {
    keys(o, path,
         {"code", "description", "measure", "unit", "value", "baseline", "form", "direction",
          "accumulation", "combination", "contributors", "deadline", "trajectory", "weight",
          "scope", "stages", "note", "source_text"},
         {"code", "description", "measure"});
    Target t;
    string_into(o, "code", path, t.code);
    string_into(o, "description", path, t.description);
    static constexpr Measure kMeasures[] = {Measure::count, Measure::money, Measure::percent,
                                            Measure::milestone, Measure::qualitative};
    if (const auto m = enumeration(o, "measure", path, &measure_from_string, kMeasures)) {
      t.measure = *m;
    }
    string_into(o, "unit", path, t.unit);
    t.value = decimal(o, "value", path);
    if (const json::value* v = member(o, "baseline")) {
      const std::string bpath = child(path, "baseline");
      if (const json::object* b = object(*v, bpath)) {
        keys(*b, bpath, {"value", "date", "note"}, {});
        Baseline baseline;
        baseline.value = decimal(*b, "value", bpath);
        baseline.date = date(*b, "date", bpath);
        string_into(*b, "note", bpath, baseline.note);
        t.baseline = std::move(baseline);
      }
    }
    static constexpr TargetForm kForms[] = {TargetForm::absolute, TargetForm::rise_percent,
                                            TargetForm::rise_amount};
    if (const auto f = enumeration(o, "form", path, &target_form_from_string, kForms)) t.form = *f;
    static constexpr Direction kDirections[] = {Direction::higher_is_better,
                                                Direction::lower_is_better};
    if (const auto d = enumeration(o, "direction", path, &direction_from_string, kDirections)) {
      t.direction = *d;
    }
    static constexpr Accumulation kAccumulations[] = {
        Accumulation::incremental, Accumulation::cumulative, Accumulation::level};
    if (const auto a =
            enumeration(o, "accumulation", path, &accumulation_from_string, kAccumulations)) {
      t.accumulation = *a;
    }
    static constexpr Combination kCombinations[] = {Combination::sum, Combination::lead_only,
                                                    Combination::max, Combination::mean};
    if (const auto c =
            enumeration(o, "combination", path, &combination_from_string, kCombinations)) {
      t.combination = *c;
    }
    t.contributors = strings(o, "contributors", path);
    t.deadline = date(o, "deadline", path);
    objects(o, "trajectory", path, [&](const json::object& p, const std::string& ppath) {
      keys(p, ppath, {"period", "share"}, {"period", "share"});
      const auto period_value = period(p, "period", ppath);
      const auto share = decimal(p, "share", ppath);
      if (period_value && share) t.trajectory.push_back({*period_value, *share});
    });
    if (const auto w = decimal(o, "weight", path)) t.weight = *w;
    string_into(o, "scope", path, t.scope);
    objects(o, "stages", path, [&](const json::object& s, const std::string& spath) {
      keys(s, spath, {"name", "share"}, {"name", "share"});
      MilestoneStage stage;
      string_into(s, "name", spath, stage.name);
      if (const auto share = decimal(s, "share", spath)) stage.share = *share;
      t.stages.push_back(std::move(stage));
    });
    string_into(o, "note", path, t.note);
    string_into(o, "source_text", path, t.source_text);
    return t;
  }
};

// ---------------------------------------------------------------------------------------------
// Writing: a fixed member order; members holding their default are left out.

void put(json::object& o, std::string_view key, const std::string& s) {
  if (!s.empty()) o[key] = json::string(s);
}
void put(json::object& o, std::string_view key, const std::optional<Date>& d) {
  if (d) o[key] = json::string(d->to_string());
}
void put(json::object& o, std::string_view key, const std::optional<Decimal>& d) {
  if (d) o[key] = json::string(d->to_string());
}
void put(json::object& o, std::string_view key, const std::vector<std::string>& strings) {
  if (strings.empty()) return;
  json::array a;
  for (const std::string& s : strings) a.emplace_back(json::string(s));
  o[key] = std::move(a);
}
void put(json::object& o, std::string_view key, json::array a) {
  if (!a.empty()) o[key] = std::move(a);
}
void put(json::object& o, std::string_view key, json::object v) {
  if (!v.empty()) o[key] = std::move(v);
}

json::object write_target(const Target& t) {
  json::object o;
  o["code"] = t.code;
  o["description"] = t.description;
  o["measure"] = to_string(t.measure);
  put(o, "unit", t.unit);
  put(o, "value", t.value);
  if (t.baseline) {
    json::object b;
    put(b, "value", t.baseline->value);
    put(b, "date", t.baseline->date);
    put(b, "note", t.baseline->note);
    o["baseline"] = std::move(b);
  }
  if (t.form != TargetForm::absolute) o["form"] = to_string(t.form);
  if (t.direction != Direction::higher_is_better) o["direction"] = to_string(t.direction);
  if (t.accumulation != Accumulation::incremental) o["accumulation"] = to_string(t.accumulation);
  if (t.combination != Combination::sum) o["combination"] = to_string(t.combination);
  put(o, "contributors", t.contributors);
  put(o, "deadline", t.deadline);
  json::array trajectory;
  for (const TrajectoryPoint& p : t.trajectory) {
    trajectory.emplace_back(
        json::object{{"period", p.period.to_string()}, {"share", p.share.to_string()}});
  }
  put(o, "trajectory", std::move(trajectory));
  if (t.weight != Decimal(1)) o["weight"] = t.weight.to_string();
  put(o, "scope", t.scope);
  json::array stages;
  for (const MilestoneStage& s : t.stages) {
    stages.emplace_back(json::object{{"name", s.name}, {"share", s.share.to_string()}});
  }
  put(o, "stages", std::move(stages));
  put(o, "note", t.note);
  put(o, "source_text", t.source_text);
  return o;
}

json::object write_initiative(const Initiative& i) {
  json::object o;
  o["number"] = i.number;
  o["title"] = i.title;
  put(o, "description", i.description);
  put(o, "deadline", i.deadline);
  json::array assignments;
  for (const Assignment& a : i.assignments) {
    json::object e;
    e["unit"] = a.unit;
    e["role"] = to_string(a.role);
    put(e, "division", a.division);
    put(e, "person", a.person);
    assignments.emplace_back(std::move(e));
  }
  o["assignments"] = std::move(assignments);
  json::array targets;
  for (const Target& t : i.targets) targets.emplace_back(write_target(t));
  put(o, "targets", std::move(targets));
  json::array parameters;
  for (const Parameter& p : i.parameters) {
    json::object e;
    e["name"] = p.name;
    e["value"] = p.value.to_string();
    put(e, "unit", p.unit);
    put(e, "basis", p.basis);
    put(e, "source_text", p.source_text);
    parameters.emplace_back(std::move(e));
  }
  put(o, "parameters", std::move(parameters));
  return o;
}

// Whether `a` is `b` or a part of it: "initiatives[0].year" is under "initiatives[0]".
bool under(std::string_view a, std::string_view b) {
  if (b.empty()) return true;
  return a.substr(0, b.size()) == b &&
         (a.size() == b.size() || a[b.size()] == '.' || a[b.size()] == '[');
}

// The problems of a document's structure and, in the same round, the errors of the model's rules
// (validate()) in what could be read, so that a clerk fixing a plan is not sent back twice. A rule
// broken where the structure was already wrong (a year that is not a number is also "not a year")
// is said once. Every problem gets its place in people's words.
std::vector<Issue> in_one_round(const Plan& plan, std::vector<Issue> structural) {
  std::vector<Issue> out = std::move(structural);
  const std::size_t read_problems = out.size();
  for (Issue& rule : validate(plan)) {
    if (rule.severity != Issue::Severity::error) continue;
    bool said = false;
    for (std::size_t i = 0; i < read_problems && !said; ++i) {
      said = under(rule.path, out[i].path) || under(out[i].path, rule.path);
    }
    if (!said) out.push_back(std::move(rule));
  }
  for (Issue& issue : out) {
    if (issue.place.empty()) issue.place = formats::plan_place(plan, issue.path);
  }
  return out;
}

}  // namespace

Plan plan_from_json(std::string_view text, std::string_view source) {
  if (text.size() > limits::plan_bytes) {
    throw ParseError(
        "the plan is larger than 16 MiB, the most a plan may be: not read (is it the "
        "right file?)",
        Location{std::string(source), 0, 0, ""});
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const json::value root = util::parse_json(text, source);
  Reader reader;
  Plan plan = reader.plan(root);
  if (!reader.issues.empty()) {
    throw ValidationError(in_one_round(plan, std::move(reader.issues)), std::string(source));
  }
  return plan;
}

std::string plan_to_json(const Plan& plan) {
  json::object o;
  o["format"] = plan_format_version;
  o["code"] = plan.code;
  o["title"] = plan.title;
  put(o, "issuer", plan.issuer);
  o["year"] = plan.year;
  put(o, "issue_date", plan.issue_date);
  json::object source;
  put(source, "title", plan.source.title);
  put(source, "number", plan.source.number);
  put(source, "url", plan.source.url);
  put(source, "form_title", plan.source.form_title);
  put(o, "source", std::move(source));
  o["start"] = plan.start.to_string();
  o["end"] = plan.end.to_string();
  o["reporting"] = to_string(plan.reporting);
  o["report_due_days"] = plan.report_due_days;
  o["coordinator"] = plan.coordinator;
  json::object contact;
  put(contact, "phone", plan.contact.phone);
  put(contact, "email", plan.contact.email);
  put(o, "contact", std::move(contact));
  o["tolerance"] = plan.tolerance.to_string();
  // Written only when it differs from the defaults, so that plans written before it stay as they
  // were (and hash as they did).
  if (!(plan.reporting_rules == ReportingRules{})) {
    o["reporting_rules"] = json::object{{"reporters", to_string(plan.reporting_rules.reporters)},
                                        {"over_goal", plan.reporting_rules.over_goal.to_string()},
                                        {"jump", plan.reporting_rules.jump.to_string()}};
  }
  put(o, "notes", plan.notes);
  json::array uoms;
  for (const UnitOfMeasure& u : plan.units_of_measure) {
    uoms.emplace_back(json::object{
        {"name", u.name}, {"dimension", u.dimension}, {"factor", u.factor.to_string()}});
  }
  put(o, "units_of_measure", std::move(uoms));
  json::array units;
  for (const Unit& u : plan.units) {
    json::object e;
    e["code"] = u.code;
    e["name"] = u.name;
    e["kind"] = to_string(u.kind);
    put(e, "parent", u.parent);
    put(e, "full_name", u.full_name);
    units.emplace_back(std::move(e));
  }
  o["units"] = std::move(units);
  json::array initiatives;
  for (const Initiative& i : plan.initiatives) initiatives.emplace_back(write_initiative(i));
  o["initiatives"] = std::move(initiatives);
  return util::to_canonical_json(o);
}

Plan load_plan(const std::filesystem::path& path) {
  const std::string text = util::read_file(path, limits::plan_bytes, "a plan file");
  return plan_from_json(text, path.string());
}

void save_plan(const Plan& plan, const std::filesystem::path& path) {
  util::write_file_atomic(path, plan_to_json(plan));
}

}  // namespace taizhang
