#include "taizhang/validation.hpp"

#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "formats/plan_places.hpp"
#include "model/codes.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/message.hpp"
#include "taizhang/plan_json.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

std::string at(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

enum class TextKind { line, paragraph };

// "count", "money", ... as the reader's language names them.
std::string measure_name(Measure m) {
  return Message(to_string(m)).text();
}

// Collects every issue of one plan, in document order.
class Checker {
 public:
  explicit Checker(const Plan& plan) : plan_(plan) {}

  // One unit alone (the catalogue's put_unit): its code, name and full name.
  std::vector<Issue> unit_alone(const Unit& u) {
    check_unit(u, "");
    return std::move(issues_);
  }

  std::vector<Issue> run() {
    check_plan();
    check_units_of_measure();
    check_units();
    std::unordered_set<int> numbers;
    std::unordered_map<std::string, std::string> target_paths;
    for (std::size_t i = 0; i < plan_.initiatives.size(); ++i) {
      check_initiative(plan_.initiatives[i], at("initiatives", i), numbers, target_paths);
    }
    // A plan is kept as its JSON document: one larger than a plan may be could be kept but never
    // read again (plan_from_json).
    if (const std::size_t size = plan_to_json(plan_).size(); size > limits::plan_bytes) {
      error("", Message("the plan is {mib} MiB as a document, more than the 16 MiB a plan may be",
                        {{"mib", std::to_string(size >> 20U)}}));
    }
    return std::move(issues_);
  }

 private:
  // Each problem names its path for machines and its place for people (plan_places.hpp).
  void error(const std::string& path, const Message& message) {
    issues_.emplace_back(Issue::Severity::error, path, message, formats::plan_place(plan_, path));
  }
  void warning(const std::string& path, const Message& message) {
    issues_.emplace_back(Issue::Severity::warning, path, message, formats::plan_place(plan_, path));
  }

  // Checks `value` by the one text rule (util::text_problem): valid UTF-8, no control, C1 or
  // bidirectional control characters (line breaks and tabs only in paragraphs), at most
  // `max_chars` characters (limits.hpp; by default, a line's or a paragraph's). Returns false
  // when it is not so.
  bool text(const std::string& path, std::string_view value, TextKind kind = TextKind::line,
            std::size_t max_chars = 0) {
    const bool paragraph = kind == TextKind::paragraph;
    if (max_chars == 0) max_chars = paragraph ? limits::paragraph_chars : limits::line_chars;
    if (std::optional<std::string> problem = util::text_problem(value, max_chars, paragraph)) {
      error(path, std::move(*problem));
      return false;
    }
    return true;
  }

  // A name or title: one line of at most limits::name_chars characters.
  bool name(const std::string& path, std::string_view value) {
    return text(path, value, TextKind::line, limits::name_chars);
  }

  void required_text(const std::string& path, std::string_view value,
                     TextKind kind = TextKind::line, std::size_t max_chars = 0) {
    if (util::trim(value).empty()) {
      error(path, Message("is empty"));
      return;
    }
    text(path, value, kind, max_chars);
  }

  void code(const std::string& path, std::string_view value) {
    if (value.empty()) {
      error(path, Message("is empty"));
    } else if (text(path, value) && !detail::is_code(value)) {
      error(path, Message("\"{value}\" is not a code: use up to 64 ASCII letters, digits, '.', '_' "
                          "or '-', starting with a letter or digit",
                          {{"value", std::string(value)}}));
    }
  }

  bool in_window(const Date& d) const { return plan_.start <= d && d <= plan_.end; }

  void deadline(const std::string& path, const std::optional<Date>& d) {
    if (d && plan_.start <= plan_.end && !in_window(*d)) {
      error(path, Message("{date} is outside the plan's window {start} .. {end}",
                          {{"date", d->to_string()},
                           {"start", plan_.start.to_string()},
                           {"end", plan_.end.to_string()}}));
    }
  }

  void check_plan() {
    code("code", plan_.code);
    required_text("title", plan_.title, TextKind::line, limits::name_chars);
    name("issuer", plan_.issuer);
    if (plan_.year < 1 || plan_.year > 9999) {
      error("year", Message("{year} is not a year", {{"year", std::to_string(plan_.year)}}));
    }
    if (plan_.year >= 1 && plan_.year <= 9999 && plan_.start <= plan_.end &&
        (plan_.year < plan_.start.year() || plan_.year > plan_.end.year())) {
      error("year", Message("{year} is outside the window {start} .. {end}",
                            {{"year", std::to_string(plan_.year)},
                             {"start", plan_.start.to_string()},
                             {"end", plan_.end.to_string()}}));
    }
    if (plan_.end < plan_.start) {
      error("end", Message("the window ends ({end}) before it starts ({start})",
                           {{"end", plan_.end.to_string()}, {"start", plan_.start.to_string()}}));
    }
    if (plan_.tolerance.sign() <= 0 || plan_.tolerance >= Decimal(1)) {
      error("tolerance",
            Message("{value} is outside (0, 1)", {{"value", plan_.tolerance.to_string()}}));
    }
    const ReportingRules& rules = plan_.reporting_rules;
    if (rules.over_goal < Decimal(1)) {
      error("reporting_rules.over_goal",
            Message("{value} is less than 1", {{"value", rules.over_goal.to_string()}}));
    }
    if (rules.jump < Decimal(1)) {
      error("reporting_rules.jump",
            Message("{value} is less than 1", {{"value", rules.jump.to_string()}}));
    }
    if (plan_.report_due_days < -366 || plan_.report_due_days > 366) {
      error("report_due_days", Message("{days} is more than a year",
                                       {{"days", std::to_string(plan_.report_due_days)}}));
    }
    if (plan_.coordinator.empty()) {
      error("coordinator", Message("is empty: a plan needs a coordinating unit"));
    } else if (text("coordinator", plan_.coordinator) &&
               plan_.find_unit(plan_.coordinator) == nullptr) {
      error("coordinator",
            Message("\"{unit}\" is not one of the plan's units", {{"unit", plan_.coordinator}}));
    }
    name("contact.phone", plan_.contact.phone);
    if (text("contact.email", plan_.contact.email) && !plan_.contact.email.empty()) {
      const auto at_sign = plan_.contact.email.find('@');
      if (at_sign == std::string::npos || at_sign == 0 ||
          at_sign + 1 == plan_.contact.email.size()) {
        error("contact.email",
              Message("\"{email}\" is not an e-mail address", {{"email", plan_.contact.email}}));
      }
    }
    text("source.title", plan_.source.title);
    name("source.number", plan_.source.number);
    text("source.url", plan_.source.url);
    name("source.form_title", plan_.source.form_title);
    for (std::size_t i = 0; i < plan_.notes.size(); ++i) {
      required_text(at("notes", i), plan_.notes[i], TextKind::paragraph);
    }
  }

  void check_units_of_measure() {
    for (std::size_t i = 0; i < plan_.units_of_measure.size(); ++i) {
      const UnitOfMeasure& u = plan_.units_of_measure[i];
      const std::string path = at("units_of_measure", i);
      if (!name(path + ".name", u.name) || !name(path + ".dimension", u.dimension)) continue;
      try {
        registry_.add(u);
      } catch (const Error& e) {
        error(path, e.message());
      }
    }
  }

  // The rules of one unit, written once: a code, a name, text without control characters.
  void check_unit(const Unit& u, const std::string& prefix) {
    code(prefix + "code", u.code);
    required_text(prefix + "name", u.name, TextKind::line, limits::name_chars);
    name(prefix + "full_name", u.full_name);
  }

  void check_units() {
    std::unordered_map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < plan_.units.size(); ++i) {
      const Unit& u = plan_.units[i];
      const std::string path = at("units", i);
      check_unit(u, path + ".");
      if (!u.code.empty()) {
        const auto [it, fresh] = seen.emplace(u.code, i);
        if (!fresh) {
          error(path + ".code", Message("duplicate unit code \"{code}\" (also units[{other}])",
                                        {{"code", u.code}, {"other", std::to_string(it->second)}}));
        }
      }
      if (!u.parent.empty()) {
        if (u.parent == u.code) {
          error(path + ".parent", Message("a unit cannot be its own parent"));
        } else if (plan_.find_unit(u.parent) == nullptr) {
          error(path + ".parent",
                Message("\"{unit}\" is not one of the plan's units", {{"unit", u.parent}}));
        }
      }
    }
    // A parent chain must end: follow each chain at most units.size() steps.
    for (std::size_t i = 0; i < plan_.units.size(); ++i) {
      const Unit* u = &plan_.units[i];
      std::size_t steps = 0;
      while (u != nullptr && !u->parent.empty() && steps <= plan_.units.size()) {
        u = plan_.find_unit(u->parent);
        ++steps;
      }
      if (steps > plan_.units.size()) {
        error(at("units", i) + ".parent", Message("the chain of parent units is a cycle"));
      }
    }
  }

  void check_initiative(const Initiative& initiative, const std::string& path,
                        std::unordered_set<int>& numbers,
                        std::unordered_map<std::string, std::string>& target_paths) {
    if (initiative.number < 1) {
      error(path + ".number", Message("{number} is not a positive number",
                                      {{"number", std::to_string(initiative.number)}}));
    } else if (!numbers.insert(initiative.number).second) {
      error(path + ".number", Message("duplicate initiative number {number}",
                                      {{"number", std::to_string(initiative.number)}}));
    }
    required_text(path + ".title", initiative.title, TextKind::line, limits::name_chars);
    text(path + ".description", initiative.description, TextKind::paragraph);
    deadline(path + ".deadline", initiative.deadline);

    bool has_lead = false;
    std::unordered_set<std::string> assigned;
    for (std::size_t i = 0; i < initiative.assignments.size(); ++i) {
      const Assignment& a = initiative.assignments[i];
      const std::string apath = path + "." + at("assignments", i);
      has_lead = has_lead || a.role == AssignmentRole::lead;
      if (a.unit.empty()) {
        error(apath + ".unit", Message("is empty"));
      } else if (const Unit* u = plan_.find_unit(a.unit); u == nullptr) {
        error(apath + ".unit",
              Message("\"{unit}\" is not one of the plan's units", {{"unit", a.unit}}));
      } else if (u->kind == UnitKind::placeholder) {
        warning(apath + ".unit",
                Message("\"{unit}\" is a placeholder (责任单位待定): it is never chased; name the "
                        "responsible unit before the plan is used",
                        {{"unit", a.unit}}));
      }
      if (!a.unit.empty() && !assigned.insert(a.unit).second) {
        error(apath + ".unit",
              Message("\"{unit}\" is assigned to this initiative twice", {{"unit", a.unit}}));
      }
      name(apath + ".division", a.division);
      name(apath + ".person", a.person);
    }
    if (!has_lead) error(path + ".assignments", Message("the initiative has no lead unit"));

    if (initiative.targets.empty()) {
      warning(path + ".targets",
              Message("the initiative has no targets: nothing of it can be measured"));
    }
    for (std::size_t i = 0; i < initiative.targets.size(); ++i) {
      const std::string tpath = path + "." + at("targets", i);
      const Target& t = initiative.targets[i];
      if (!t.code.empty()) {
        const auto [it, fresh] = target_paths.emplace(t.code, tpath);
        if (!fresh)
          error(tpath + ".code", Message("duplicate target code \"{code}\" (also {other})",
                                         {{"code", t.code}, {"other", it->second}}));
      }
      check_target(initiative, t, tpath, assigned);
    }
    for (std::size_t i = 0; i < initiative.parameters.size(); ++i) {
      const Parameter& p = initiative.parameters[i];
      const std::string ppath = path + "." + at("parameters", i);
      required_text(ppath + ".name", p.name);
      if (!p.unit.empty() && text(ppath + ".unit", p.unit) && !registry_.contains(p.unit)) {
        error(ppath + ".unit",
              Message("\"{unit}\" is not a known unit of measure", {{"unit", p.unit}}));
      }
      text(ppath + ".basis", p.basis);
      text(ppath + ".source_text", p.source_text, TextKind::paragraph);
    }
  }

  void check_unit_of_measure(const Target& t, const std::string& path) {
    if (!t.is_numeric()) {
      if (!t.unit.empty()) {
        error(path + ".unit",
              Message("a {measure} target takes no unit of measure, but has \"{unit}\"",
                      {{"measure", measure_name(t.measure)}, {"unit", t.unit}}));
      }
      return;
    }
    if (t.unit.empty()) {
      error(path + ".unit", Message("a {measure} target needs a unit of measure",
                                    {{"measure", measure_name(t.measure)}}));
      return;
    }
    if (!text(path + ".unit", t.unit)) return;
    const UnitOfMeasure* u = registry_.find(t.unit);
    if (u == nullptr) {
      error(path + ".unit",
            Message("\"{unit}\" is not a known unit of measure", {{"unit", t.unit}}));
      return;
    }
    const bool money = u->dimension == "money";
    const bool rate = u->dimension == "percent" || u->dimension == "percentage_points";
    if (t.measure == Measure::money && !money) {
      error(
          path + ".unit",
          Message("a money target must be in a unit of money (元, 万元, 亿元, ...), not \"{unit}\"",
                  {{"unit", t.unit}}));
    } else if (t.measure == Measure::percent && !rate) {
      error(path + ".unit", Message("a percent target must be in % or 个百分点, not \"{unit}\"",
                                    {{"unit", t.unit}}));
    } else if (t.measure == Measure::count && (money || rate)) {
      error(path + ".unit",
            Message("a count target cannot be in \"{unit}\"; use measure \"money\" or \"percent\"",
                    {{"unit", t.unit}}));
    }
  }

  void check_target(const Initiative& initiative, const Target& t, const std::string& path,
                    const std::unordered_set<std::string>& assigned) {
    code(path + ".code", t.code);
    required_text(path + ".description", t.description, TextKind::paragraph, limits::line_chars);
    check_unit_of_measure(t, path);
    text(path + ".scope", t.scope, TextKind::paragraph);
    text(path + ".note", t.note, TextKind::paragraph);
    text(path + ".source_text", t.source_text, TextKind::paragraph);

    if (t.is_numeric()) {
      if (!t.value) {
        error(path + ".value",
              Message("a {measure} target needs a value", {{"measure", measure_name(t.measure)}}));
      } else if (t.value->is_negative()) {
        error(path + ".value", Message("{value} is negative", {{"value", t.value->to_string()}}));
      } else if (t.form == TargetForm::absolute && t.value->is_zero() &&
                 t.direction == Direction::higher_is_better) {
        error(path + ".value", Message("a target of 0 leaves nothing to reach"));
      }
      if (t.measure == Measure::percent && t.accumulation == Accumulation::incremental) {
        error(path + ".accumulation",
              Message("a rate cannot be added up over periods: use \"level\" or \"cumulative\""));
      }
    } else if (t.value) {
      error(path + ".value",
            Message("a {measure} target is reported in stages or words and takes no value",
                    {{"measure", measure_name(t.measure)}}));
    }

    if (t.baseline) {
      text(path + ".baseline.note", t.baseline->note, TextKind::paragraph);
      if (t.baseline->value && t.baseline->value->is_negative() && t.measure != Measure::money) {
        error(path + ".baseline.value",
              Message("{value} is negative", {{"value", t.baseline->value->to_string()}}));
      }
    }
    if (t.form != TargetForm::absolute) {
      if (!t.is_numeric()) {
        error(path + ".form", Message("only a count, money or percent target can be a rise"));
      } else if (!t.baseline || !t.baseline->value) {
        warning(path + ".baseline",
                Message("the rise is measured from a baseline whose value is not yet "
                        "known; the target's goal stays open until it is set"));
      }
    }
    if (const std::optional<Decimal> goal = t.goal(); goal && t.baseline && t.baseline->value) {
      const Decimal& base = *t.baseline->value;
      if (*goal == base) {
        error(path + ".baseline.value",
              Message("equals the goal {goal}, so completion cannot be measured",
                      {{"goal", goal->to_string()}}));
      } else if ((t.direction == Direction::higher_is_better) != (*goal > base)) {
        warning(path + ".baseline.value",
                Message("the goal {goal} lies on the wrong side of the baseline {baseline} for "
                        "{direction}",
                        {{"goal", goal->to_string()},
                         {"baseline", base.to_string()},
                         {"direction", Message(to_string(t.direction)).text()}}));
      }
    }

    if (t.weight.sign() <= 0) {
      error(path + ".weight",
            Message("{value} is not positive", {{"value", t.weight.to_string()}}));
    }
    if (t.measure == Measure::qualitative && (t.weight != Decimal(1) || !t.trajectory.empty())) {
      error(path + (t.trajectory.empty() ? ".weight" : ".trajectory"),
            "a qualitative target carries no completion figure, so it takes no weight or "
            "trajectory");
    }
    deadline(path + ".deadline", t.deadline);

    std::unordered_set<std::string> contributors;
    for (std::size_t i = 0; i < t.contributors.size(); ++i) {
      const std::string& c = t.contributors[i];
      const std::string cpath = path + "." + at("contributors", i);
      if (assigned.count(c) == 0) {
        error(cpath, Message("\"{unit}\" is not assigned to initiative {number}, so it cannot "
                             "contribute",
                             {{"unit", c}, {"number", std::to_string(initiative.number)}}));
      } else if (!contributors.insert(c).second) {
        error(cpath, Message("\"{unit}\" is listed twice", {{"unit", c}}));
      }
    }

    check_trajectory(t, path);
    check_stages(t, path);
  }

  void check_trajectory(const Target& t, const std::string& path) {
    for (std::size_t i = 0; i < t.trajectory.size(); ++i) {
      const TrajectoryPoint& point = t.trajectory[i];
      const std::string ppath = path + "." + at("trajectory", i);
      if (point.period.kind() != plan_.reporting) {
        error(ppath + ".period", Message("{period} is not a {kind}, the plan's reporting period",
                                         {{"period", point.period.to_string()},
                                          {"kind", Message(to_string(plan_.reporting)).text()}}));
      } else if (point.period.last_day() < plan_.start || point.period.first_day() > plan_.end) {
        error(ppath + ".period", Message("{period} is outside the plan's window",
                                         {{"period", point.period.to_string()}}));
      }
      if (point.share.sign() < 0 || point.share > Decimal(1)) {
        error(ppath + ".share",
              Message("{value} is outside 0..1", {{"value", point.share.to_string()}}));
      }
      if (i > 0) {
        const TrajectoryPoint& before = t.trajectory[i - 1];
        if (!(before.period < point.period)) {
          error(ppath + ".period", Message("{period} does not follow {before}",
                                           {{"period", point.period.to_string()},
                                            {"before", before.period.to_string()}}));
        } else if (point.share < before.share) {
          error(ppath + ".share", Message("{value} falls below the share {before} expected earlier",
                                          {{"value", point.share.to_string()},
                                           {"before", before.share.to_string()}}));
        }
      }
    }
  }

  void check_stages(const Target& t, const std::string& path) {
    if (t.stages.empty()) return;
    if (t.measure != Measure::milestone) {
      error(path + ".stages", Message("only a milestone target has stages"));
      return;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < t.stages.size(); ++i) {
      const MilestoneStage& s = t.stages[i];
      const std::string spath = path + "." + at("stages", i);
      required_text(spath + ".name", s.name, TextKind::line, limits::name_chars);
      if (!s.name.empty() && !names.insert(s.name).second) {
        error(spath + ".name", Message("duplicate stage \"{name}\"", {{"name", s.name}}));
      }
      if (s.share.sign() < 0 || s.share > Decimal(1)) {
        error(spath + ".share",
              Message("{value} is outside 0..1", {{"value", s.share.to_string()}}));
      } else if (i > 0 && !(t.stages[i - 1].share < s.share)) {
        error(spath + ".share", Message("stages must be in order of rising share"));
      }
    }
    if (t.stages.back().share != Decimal(1)) {
      error(path + ".stages", Message("the last stage must stand for completion (share 1)"));
    }
  }

  const Plan& plan_;
  UnitRegistry registry_ = UnitRegistry::standard();
  std::vector<Issue> issues_;
};

}  // namespace

std::vector<Issue> validate(const Plan& plan) {
  return Checker(plan).run();
}

std::vector<Issue> validate(const Unit& unit) {
  const Plan none;
  return Checker(none).unit_alone(unit);
}

void require_valid(const Plan& plan, std::string_view source) {
  std::vector<Issue> issues = validate(plan);
  for (const Issue& issue : issues) {
    if (issue.severity == Issue::Severity::error) {
      throw ValidationError(std::move(issues), std::string(source));
    }
  }
}

}  // namespace taizhang
