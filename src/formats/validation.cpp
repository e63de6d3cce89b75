#include "taizhang/validation.hpp"

#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "model/codes.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/plan_json.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

std::string at(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

enum class TextKind { line, paragraph };

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
      error("", "the plan is " + std::to_string(size >> 20U) +
                    " MiB as a document, more than the 16 MiB a plan may be");
    }
    return std::move(issues_);
  }

 private:
  void error(const std::string& path, std::string message) {
    issues_.push_back({Issue::Severity::error, path, std::move(message)});
  }
  void warning(const std::string& path, std::string message) {
    issues_.push_back({Issue::Severity::warning, path, std::move(message)});
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
      error(path, "is empty");
      return;
    }
    text(path, value, kind, max_chars);
  }

  void code(const std::string& path, std::string_view value) {
    if (value.empty()) {
      error(path, "is empty");
    } else if (text(path, value) && !detail::is_code(value)) {
      error(path, util::in_quotes(value) +
                      " is not a code: use up to 64 ASCII letters, digits, '.', '_' or '-', "
                      "starting with a letter or digit");
    }
  }

  bool in_window(const Date& d) const { return plan_.start <= d && d <= plan_.end; }

  void deadline(const std::string& path, const std::optional<Date>& d) {
    if (d && plan_.start <= plan_.end && !in_window(*d)) {
      error(path, d->to_string() + " is outside the plan's window " + plan_.start.to_string() +
                      " .. " + plan_.end.to_string());
    }
  }

  void check_plan() {
    code("code", plan_.code);
    required_text("title", plan_.title, TextKind::line, limits::name_chars);
    name("issuer", plan_.issuer);
    if (plan_.year < 1 || plan_.year > 9999) {
      error("year", std::to_string(plan_.year) + " is not a year");
    }
    if (plan_.year >= 1 && plan_.year <= 9999 && plan_.start <= plan_.end &&
        (plan_.year < plan_.start.year() || plan_.year > plan_.end.year())) {
      error("year", std::to_string(plan_.year) + " is outside the window " +
                        plan_.start.to_string() + " .. " + plan_.end.to_string());
    }
    if (plan_.end < plan_.start) {
      error("end", "the window ends (" + plan_.end.to_string() + ") before it starts (" +
                       plan_.start.to_string() + ")");
    }
    if (plan_.tolerance.sign() <= 0 || plan_.tolerance >= Decimal(1)) {
      error("tolerance", plan_.tolerance.to_string() + " is outside (0, 1)");
    }
    const ReportingRules& rules = plan_.reporting_rules;
    if (rules.over_goal < Decimal(1)) {
      error("reporting_rules.over_goal", rules.over_goal.to_string() + " is less than 1");
    }
    if (rules.jump < Decimal(1)) {
      error("reporting_rules.jump", rules.jump.to_string() + " is less than 1");
    }
    if (plan_.report_due_days < -366 || plan_.report_due_days > 366) {
      error("report_due_days", std::to_string(plan_.report_due_days) + " is more than a year");
    }
    if (plan_.coordinator.empty()) {
      error("coordinator", "is empty: a plan needs a coordinating unit");
    } else if (text("coordinator", plan_.coordinator) &&
               plan_.find_unit(plan_.coordinator) == nullptr) {
      error("coordinator", util::in_quotes(plan_.coordinator) + " is not one of the plan's units");
    }
    name("contact.phone", plan_.contact.phone);
    if (text("contact.email", plan_.contact.email) && !plan_.contact.email.empty()) {
      const auto at_sign = plan_.contact.email.find('@');
      if (at_sign == std::string::npos || at_sign == 0 ||
          at_sign + 1 == plan_.contact.email.size()) {
        error("contact.email", util::in_quotes(plan_.contact.email) + " is not an e-mail address");
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
          error(path + ".code", "duplicate unit code " + util::in_quotes(u.code) + " (also units[" +
                                    std::to_string(it->second) + "])");
        }
      }
      if (!u.parent.empty()) {
        if (u.parent == u.code) {
          error(path + ".parent", "a unit cannot be its own parent");
        } else if (plan_.find_unit(u.parent) == nullptr) {
          error(path + ".parent", util::in_quotes(u.parent) + " is not one of the plan's units");
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
        error(at("units", i) + ".parent", "the chain of parent units is a cycle");
      }
    }
  }

  void check_initiative(const Initiative& initiative, const std::string& path,
                        std::unordered_set<int>& numbers,
                        std::unordered_map<std::string, std::string>& target_paths) {
    if (initiative.number < 1) {
      error(path + ".number", std::to_string(initiative.number) + " is not a positive number");
    } else if (!numbers.insert(initiative.number).second) {
      error(path + ".number", "duplicate initiative number " + std::to_string(initiative.number));
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
        error(apath + ".unit", "is empty");
      } else if (const Unit* u = plan_.find_unit(a.unit); u == nullptr) {
        error(apath + ".unit", util::in_quotes(a.unit) + " is not one of the plan's units");
      } else if (u->kind == UnitKind::placeholder) {
        warning(apath + ".unit",
                util::in_quotes(a.unit) +
                    " is a placeholder (责任单位待定): it is never chased; name the "
                    "responsible unit before the plan is used");
      }
      if (!a.unit.empty() && !assigned.insert(a.unit).second) {
        error(apath + ".unit", util::in_quotes(a.unit) + " is assigned to this initiative twice");
      }
      name(apath + ".division", a.division);
      name(apath + ".person", a.person);
    }
    if (!has_lead) error(path + ".assignments", "the initiative has no lead unit");

    if (initiative.targets.empty()) {
      warning(path + ".targets", "the initiative has no targets: nothing of it can be measured");
    }
    for (std::size_t i = 0; i < initiative.targets.size(); ++i) {
      const std::string tpath = path + "." + at("targets", i);
      const Target& t = initiative.targets[i];
      if (!t.code.empty()) {
        const auto [it, fresh] = target_paths.emplace(t.code, tpath);
        if (!fresh)
          error(tpath + ".code",
                "duplicate target code " + util::in_quotes(t.code) + " (also " + it->second + ")");
      }
      check_target(initiative, t, tpath, assigned);
    }
    for (std::size_t i = 0; i < initiative.parameters.size(); ++i) {
      const Parameter& p = initiative.parameters[i];
      const std::string ppath = path + "." + at("parameters", i);
      required_text(ppath + ".name", p.name);
      if (!p.unit.empty() && text(ppath + ".unit", p.unit) && !registry_.contains(p.unit)) {
        error(ppath + ".unit", util::in_quotes(p.unit) + " is not a known unit of measure");
      }
      text(ppath + ".basis", p.basis);
      text(ppath + ".source_text", p.source_text, TextKind::paragraph);
    }
  }

  void check_unit_of_measure(const Target& t, const std::string& path) {
    if (!t.is_numeric()) {
      if (!t.unit.empty()) {
        error(path + ".unit", "a " + std::string(to_string(t.measure)) +
                                  " target takes no unit of measure, but has " +
                                  util::in_quotes(t.unit));
      }
      return;
    }
    if (t.unit.empty()) {
      error(path + ".unit",
            "a " + std::string(to_string(t.measure)) + " target needs a unit of measure");
      return;
    }
    if (!text(path + ".unit", t.unit)) return;
    const UnitOfMeasure* u = registry_.find(t.unit);
    if (u == nullptr) {
      error(path + ".unit", util::in_quotes(t.unit) + " is not a known unit of measure");
      return;
    }
    const bool money = u->dimension == "money";
    const bool rate = u->dimension == "percent" || u->dimension == "percentage_points";
    if (t.measure == Measure::money && !money) {
      error(path + ".unit",
            "a money target must be in a unit of money (元, 万元, 亿元, ...), not " +
                util::in_quotes(t.unit));
    } else if (t.measure == Measure::percent && !rate) {
      error(path + ".unit",
            "a percent target must be in % or 个百分点, not " + util::in_quotes(t.unit));
    } else if (t.measure == Measure::count && (money || rate)) {
      error(path + ".unit", "a count target cannot be in " + util::in_quotes(t.unit) +
                                "; use measure \"money\" or \"percent\"");
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
        error(path + ".value", "a " + std::string(to_string(t.measure)) + " target needs a value");
      } else if (t.value->is_negative()) {
        error(path + ".value", t.value->to_string() + " is negative");
      } else if (t.form == TargetForm::absolute && t.value->is_zero() &&
                 t.direction == Direction::higher_is_better) {
        error(path + ".value", "a target of 0 leaves nothing to reach");
      }
      if (t.measure == Measure::percent && t.accumulation == Accumulation::incremental) {
        error(path + ".accumulation",
              "a rate cannot be added up over periods: use \"level\" or \"cumulative\"");
      }
    } else if (t.value) {
      error(path + ".value", "a " + std::string(to_string(t.measure)) +
                                 " target is reported in stages or words and takes no value");
    }

    if (t.baseline) {
      text(path + ".baseline.note", t.baseline->note, TextKind::paragraph);
      if (t.baseline->value && t.baseline->value->is_negative() && t.measure != Measure::money) {
        error(path + ".baseline.value", t.baseline->value->to_string() + " is negative");
      }
    }
    if (t.form != TargetForm::absolute) {
      if (!t.is_numeric()) {
        error(path + ".form", "only a count, money or percent target can be a rise");
      } else if (!t.baseline || !t.baseline->value) {
        warning(path + ".baseline",
                "the rise is measured from a baseline whose value is not yet "
                "known; the target's goal stays open until it is set");
      }
    }
    if (const std::optional<Decimal> goal = t.goal(); goal && t.baseline && t.baseline->value) {
      const Decimal& base = *t.baseline->value;
      if (*goal == base) {
        error(path + ".baseline.value",
              "equals the goal " + goal->to_string() + ", so completion cannot be measured");
      } else if ((t.direction == Direction::higher_is_better) != (*goal > base)) {
        warning(path + ".baseline.value", "the goal " + goal->to_string() +
                                              " lies on the wrong side of the baseline " +
                                              base.to_string() + " for " + to_string(t.direction));
      }
    }

    if (t.weight.sign() <= 0) error(path + ".weight", t.weight.to_string() + " is not positive");
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
        error(cpath, util::in_quotes(c) + " is not assigned to initiative " +
                         std::to_string(initiative.number) + ", so it cannot contribute");
      } else if (!contributors.insert(c).second) {
        error(cpath, util::in_quotes(c) + " is listed twice");
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
        error(ppath + ".period", point.period.to_string() + " is not a " +
                                     to_string(plan_.reporting) + ", the plan's reporting period");
      } else if (point.period.last_day() < plan_.start || point.period.first_day() > plan_.end) {
        error(ppath + ".period", point.period.to_string() + " is outside the plan's window");
      }
      if (point.share.sign() < 0 || point.share > Decimal(1)) {
        error(ppath + ".share", point.share.to_string() + " is outside 0..1");
      }
      if (i > 0) {
        const TrajectoryPoint& before = t.trajectory[i - 1];
        if (!(before.period < point.period)) {
          error(ppath + ".period",
                point.period.to_string() + " does not follow " + before.period.to_string());
        } else if (point.share < before.share) {
          error(ppath + ".share", point.share.to_string() + " falls below the share " +
                                      before.share.to_string() + " expected earlier");
        }
      }
    }
  }

  void check_stages(const Target& t, const std::string& path) {
    if (t.stages.empty()) return;
    if (t.measure != Measure::milestone) {
      error(path + ".stages", "only a milestone target has stages");
      return;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < t.stages.size(); ++i) {
      const MilestoneStage& s = t.stages[i];
      const std::string spath = path + "." + at("stages", i);
      required_text(spath + ".name", s.name, TextKind::line, limits::name_chars);
      if (!s.name.empty() && !names.insert(s.name).second) {
        error(spath + ".name", "duplicate stage " + util::in_quotes(s.name));
      }
      if (s.share.sign() < 0 || s.share > Decimal(1)) {
        error(spath + ".share", s.share.to_string() + " is outside 0..1");
      } else if (i > 0 && !(t.stages[i - 1].share < s.share)) {
        error(spath + ".share", "stages must be in order of rising share");
      }
    }
    if (t.stages.back().share != Decimal(1)) {
      error(path + ".stages", "the last stage must stand for completion (share 1)");
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
