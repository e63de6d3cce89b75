#include "ledger/report_checks.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "taizhang/error.hpp"
#include "text/utf8.hpp"

namespace taizhang::ledger {

namespace {

std::string in_quotes(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string unit_name(const Plan& plan, const std::string& code) {
  const Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name + " (" + code + ")" : code;
}

class ContentChecker {
 public:
  ContentChecker(const Plan& plan, const UnitRegistry& units, const ReportKey& key, bool correction,
                 const OtherValues& other_values)
      : plan_(plan), units_(units), key_(key), correction_(correction), others_(other_values) {
    for (const Initiative& i : plan.initiatives) {
      if (i.find_assignment(key.unit) != nullptr) assigned_.insert(i.number);
    }
  }

  ReportContent run(const ReportContent& content) {
    check_permissions(content);
    ReportContent out;
    std::set<int> seen_initiatives;
    for (std::size_t i = 0; i < content.progress.size(); ++i) {
      const InitiativeProgress& p = content.progress[i];
      const std::string path = "progress[" + std::to_string(i) + "]";
      if (plan_.find_initiative(p.initiative) == nullptr) {
        error(path + ".initiative", "plan " + in_quotes(plan_.code) + " has no initiative " +
                                        std::to_string(p.initiative));
        continue;
      }
      if (!seen_initiatives.insert(p.initiative).second) {
        error(path + ".initiative",
              "initiative " + std::to_string(p.initiative) + " appears twice in the report");
      }
      text(path + ".narrative", p.narrative, true);
      out.progress.push_back(p);
    }
    std::set<std::string> seen_targets;
    for (std::size_t i = 0; i < content.values.size(); ++i) {
      const TargetValue& v = content.values[i];
      const std::string path = "values[" + std::to_string(i) + "]";
      const Target* target = plan_.find_target(v.target);
      if (target == nullptr) {
        error(path + ".target",
              "plan " + in_quotes(plan_.code) + " has no target " + in_quotes(v.target));
        continue;
      }
      if (!seen_targets.insert(v.target).second) {
        error(path + ".target", "target " + in_quotes(v.target) + " appears twice in the report");
      }
      if (auto checked = value(*target, v, path)) out.values.push_back(std::move(*checked));
    }
    if (!issues_.empty()) throw ValidationError(std::move(issues_), key_.to_string());
    order_content(plan_, out);
    return out;
  }

 private:
  void error(const std::string& path, std::string message) {
    issues_.push_back({Issue::Severity::error, path, std::move(message)});
  }

  void text(const std::string& path, const std::string& value, bool paragraph) {
    if (const auto bad = text::find_invalid_utf8(value)) {
      error(path, "is not valid UTF-8 (bad byte at offset " + std::to_string(*bad) + ")");
      return;
    }
    for (const char c : value) {
      const auto u = static_cast<unsigned char>(c);
      const bool allowed = paragraph && (c == '\n' || c == '\r' || c == '\t');
      // The C0 controls and DEL, as the plan's own text is checked (validation.cpp).
      if ((u < 0x20 || u == 0x7F) && !allowed) {
        error(path, c == '\0' ? "contains a NUL byte" : "contains a control character");
        return;
      }
    }
  }

  // Everything the unit is not assigned to, refused as a whole before any other check.
  void check_permissions(const ReportContent& content) {
    for (const InitiativeProgress& p : content.progress) {
      const Initiative* initiative = plan_.find_initiative(p.initiative);
      if (initiative != nullptr && assigned_.count(p.initiative) == 0) refuse(*initiative);
    }
    for (const TargetValue& v : content.values) {
      const Initiative* initiative = plan_.initiative_of(v.target);
      if (initiative != nullptr && assigned_.count(initiative->number) == 0) {
        refuse(*initiative, " (target " + v.target + ")");
      }
    }
  }

  [[noreturn]] void refuse(const Initiative& initiative, const std::string& what = {}) {
    throw PermissionDenied(unit_name(plan_, key_.unit) + " is not assigned to initiative " +
                           std::to_string(initiative.number) + " “" + initiative.title + "”" +
                           what + " of plan " + in_quotes(plan_.code) +
                           ", so it cannot report on it");
  }

  std::optional<TargetValue> value(const Target& target, const TargetValue& v,
                                   const std::string& path) {
    TargetValue out = v;
    out.filed_value.reset();
    out.filed_unit.clear();
    text(path + ".comment", v.comment, true);
    text(path + ".evidence", v.evidence, false);
    text(path + ".stage", v.stage, false);
    if (target.measure == Measure::milestone || target.measure == Measure::qualitative) {
      if (v.value || !v.unit.empty()) {
        error(path + ".value", "target " + target.code + " is a " + to_string(target.measure) +
                                   " and takes no number");
      }
      if (target.measure == Measure::qualitative && !v.stage.empty()) {
        error(path + ".stage", "target " + target.code +
                                   " is qualitative: report it in words (comment), not a stage");
      }
      if (target.measure == Measure::milestone && !v.stage.empty()) {
        const auto& stages = target.stages.empty() ? default_milestone_stages() : target.stages;
        const bool known = std::any_of(stages.begin(), stages.end(),
                                       [&](const MilestoneStage& s) { return s.name == v.stage; });
        if (!known) {
          std::string names;
          for (const MilestoneStage& s : stages) names += (names.empty() ? "" : "、") + s.name;
          error(path + ".stage", in_quotes(v.stage) + " is not a stage of target " + target.code +
                                     " (" + names + ")");
        }
      }
      return out;
    }
    if (!v.stage.empty()) {
      error(path + ".stage", "target " + target.code + " is reported as a number, not a stage");
    }
    if (!v.value) {
      if (!v.unit.empty()) error(path + ".unit", "a unit of measure without a value");
      return out;
    }
    if (v.value->is_negative()) {
      error(path + ".value", v.value->to_string() + " is negative");
      return std::nullopt;
    }
    if (!v.unit.empty() && v.unit != target.unit) {
      try {
        out.value = units_.convert(*v.value, v.unit, target.unit);
        out.filed_value = v.value;
        out.filed_unit = v.unit;
        out.unit.clear();
      } catch (const Error& e) {
        error(path + ".unit",
              "target " + target.code + " is counted in " + target.unit + ": " + e.message());
        return std::nullopt;
      }
    }
    out.unit.clear();
    if (target.accumulation == Accumulation::cumulative && !correction_) {
      check_cumulative(target, *out.value, path);
    }
    return out;
  }

  // A running total does not fall: not below an earlier period's total, not above a later one's.
  void check_cumulative(const Target& target, const Decimal& value, const std::string& path) {
    for (const auto& [period, other] : others_(target.code)) {
      if (period == key_.period) continue;
      const bool falls =
          (period < key_.period && value < other) || (key_.period < period && other < value);
      if (falls) {
        error(path + ".value",
              "target " + target.code + " is a running total: " + value.to_string() + " for " +
                  key_.period.to_string() + " against " + other.to_string() + " for " +
                  period.to_string() + " would make it fall (only a correction with a reason may)");
        return;
      }
    }
  }

  const Plan& plan_;
  const UnitRegistry& units_;
  const ReportKey& key_;
  bool correction_;
  const OtherValues& others_;
  std::set<int> assigned_;
  std::vector<Issue> issues_;
};

}  // namespace

void check_period(const Plan& plan, const ReportKey& key) {
  std::string problem;
  if (key.period.kind() != plan.reporting) {
    problem = key.period.to_string() + " is not a " + to_string(plan.reporting) + ": plan " +
              in_quotes(plan.code) + " is reported by " + to_string(plan.reporting);
  } else if (key.period.last_day() < plan.start || plan.end < key.period.first_day()) {
    problem = key.period.to_string() + " is outside the window of plan " + in_quotes(plan.code) +
              " (" + plan.start.to_string() + " .. " + plan.end.to_string() + ")";
  }
  if (!problem.empty()) {
    Location where;
    where.file = key.to_string();
    where.path = "period";
    throw ValidationError(problem, where);
  }
}

ReportContent check_content(const Plan& plan, const UnitRegistry& units, const ReportKey& key,
                            const ReportContent& content, bool correction,
                            const OtherValues& other_values) {
  return ContentChecker(plan, units, key, correction, other_values).run(content);
}

void order_content(const Plan& plan, ReportContent& content) {
  std::map<std::string, std::size_t> position;
  for (const Initiative& i : plan.initiatives) {
    for (const Target& t : i.targets) position.emplace(t.code, position.size());
  }
  std::stable_sort(content.progress.begin(), content.progress.end(),
                   [](const InitiativeProgress& a, const InitiativeProgress& b) {
                     return a.initiative < b.initiative;
                   });
  const auto rank = [&](const TargetValue& v) {
    const auto it = position.find(v.target);
    return it == position.end() ? position.size() : it->second;
  };
  std::stable_sort(content.values.begin(), content.values.end(),
                   [&](const TargetValue& a, const TargetValue& b) { return rank(a) < rank(b); });
}

}  // namespace taizhang::ledger
