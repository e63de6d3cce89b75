#include "ledger/report_checks.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "rollup/rules.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/limits.hpp"
#include "util/utf8.hpp"

namespace taizhang::ledger {

namespace {

// Input quoted in a message: at most 200 bytes of it.
std::string quoted_excerpt(std::string_view s) {
  return util::in_quotes(util::excerpt(s));
}

std::string unit_name(const Plan& plan, const std::string& code) {
  const Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name + " (" + code + ")" : code;
}

// The unit's value of a target in its latest period before `period`, from its other values.
std::optional<Decimal> previous_value(const std::vector<std::pair<Period, Decimal>>& others,
                                      const Period& period) {
  std::optional<Decimal> out;
  for (const auto& [p, v] : others) {
    if (p < period) out = v;
  }
  return out;
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

  ContentCheck run(const ReportContent& content) {
    std::set<int> seen_initiatives;
    for (std::size_t i = 0; i < content.progress.size(); ++i) {
      const InitiativeProgress& p = content.progress[i];
      const std::string path = "progress[" + std::to_string(i) + "]";
      const Initiative* initiative = plan_.find_initiative(p.initiative);
      if (initiative == nullptr) {
        error(path + ".initiative", "plan " + quoted_excerpt(plan_.code) + " has no initiative " +
                                        std::to_string(p.initiative));
        continue;
      }
      if (!assigned(*initiative, path + ".initiative", "")) continue;
      if (!seen_initiatives.insert(p.initiative).second) {
        error(path + ".initiative",
              "initiative " + std::to_string(p.initiative) + " appears twice in the report");
      }
      text(path + ".narrative", p.narrative, true, limits::paragraph_chars);
      out_.content.progress.push_back(p);
    }
    std::set<std::string> seen_targets;
    for (std::size_t i = 0; i < content.values.size(); ++i) {
      const TargetValue& v = content.values[i];
      const std::string path = "values[" + std::to_string(i) + "]";
      const Target* target = plan_.find_target(v.target);
      if (target == nullptr) {
        error(path + ".target",
              "plan " + quoted_excerpt(plan_.code) + " has no target " + quoted_excerpt(v.target));
        continue;
      }
      if (!assigned(*plan_.initiative_of(v.target), path + ".target",
                    " (target " + v.target + ")")) {
        continue;
      }
      if (!seen_targets.insert(v.target).second) {
        error(path + ".target",
              "target " + quoted_excerpt(v.target) + " appears twice in the report");
      }
      if (auto checked = value(*target, v, path)) {
        paths_.emplace(v.target, path);
        out_.content.values.push_back(std::move(*checked));
      }
    }
    order_content(plan_, out_.content);
    if (out_.errors.empty()) {
      for (Issue& w : plausibility(plan_, key_, out_.content, others_)) {
        // The path into the normalised content, turned back into the one as given.
        const std::string code = target_of(w.path, out_.content);
        if (const auto it = paths_.find(code); it != paths_.end()) w.path = it->second + ".value";
        out_.warnings.push_back(std::move(w));
      }
    }
    return std::move(out_);
  }

 private:
  void error(const std::string& path, const Message& message) {
    out_.errors.push_back({Issue::Severity::error, path, message});
  }

  static std::string target_of(const std::string& path, const ReportContent& content) {
    const std::size_t open = path.find('[');
    const std::size_t close = path.find(']');
    if (open == std::string::npos || close == std::string::npos) return {};
    const std::size_t index = std::stoul(path.substr(open + 1, close - open - 1));
    return index < content.values.size() ? content.values[index].target : std::string();
  }

  // Whether the unit is assigned to `initiative`; if not, the refusal is noted at `path`.
  bool assigned(const Initiative& initiative, const std::string& path, const std::string& what) {
    if (assigned_.count(initiative.number) != 0) return true;
    std::string message = unit_name(plan_, key_.unit) + " is not assigned to initiative " +
                          std::to_string(initiative.number) + " “" + initiative.title + "”" + what +
                          " of plan " + quoted_excerpt(plan_.code) + ", so it cannot report on it";
    if (!out_.refusal) out_.refusal = message;
    error(path, std::move(message));
    return false;
  }

  // The one text rule, as the plan's own text is checked (validation.cpp): false when broken.
  bool text(const std::string& path, const std::string& value, bool paragraph,
            std::size_t max_chars) {
    if (std::optional<std::string> problem = text_problem(value, max_chars, paragraph)) {
      error(path, std::move(*problem));
      return false;
    }
    return true;
  }

  std::optional<TargetValue> value(const Target& target, const TargetValue& v,
                                   const std::string& path) {
    TargetValue out = v;
    out.filed_value.reset();
    out.filed_unit.clear();
    out.text.clear();
    text(path + ".comment", v.comment, true, limits::comment_chars);
    text(path + ".evidence", v.evidence, false, limits::line_chars);
    const bool stage_ok = text(path + ".stage", v.stage, false, limits::value_chars);
    // A value as written and its unit are read, and quoted in messages: short text, or nothing.
    if (!text(path + ".value", v.text, false, limits::value_chars) ||
        !text(path + ".unit", v.unit, false, limits::value_chars) || !stage_ok) {
      return std::nullopt;
    }
    const bool number = v.value || !v.text.empty();
    if (target.measure == Measure::milestone || target.measure == Measure::qualitative) {
      if (number || !v.unit.empty()) {
        error(path + ".value", Message("target {target} is a {measure} and takes no number",
                                       {{"target", target.code},
                                        {"measure", to_string(target.measure)}}));
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
          error(path + ".stage", Message("{stage} is not a stage of target {target} ({stages})",
                                         {{"stage", quoted_excerpt(v.stage)},
                                          {"target", target.code},
                                          {"stages", names}}));
        }
      }
      out.value.reset();
      out.unit.clear();
      return out;
    }
    if (!v.stage.empty()) {
      error(path + ".stage", "target " + target.code + " is reported as a number, not a stage");
    }
    if (!number) {
      if (!v.unit.empty()) error(path + ".unit", "a unit of measure without a value");
      out.unit.clear();
      return out;
    }
    if (v.value && !v.text.empty()) {
      error(path + ".value", "give the value either as a number or as written text, not both");
      return std::nullopt;
    }
    try {
      ValueReading reading;
      if (!v.text.empty()) {
        reading = read_value(v.text, v.unit, target.unit, units_);
      } else {
        const std::string unit = v.unit.empty() ? target.unit : v.unit;
        reading.value = units_.convert(*v.value, unit, target.unit);
        reading.as_written = Quantity{*v.value, unit};
      }
      if (reading.value.is_negative()) {
        error(path + ".value", Message("{value} is negative",
                                       {{"value", v.value ? v.value->to_string() : v.text}}));
        return std::nullopt;
      }
      out.value = reading.value;
      if (!(reading.as_written == Quantity{reading.value, target.unit})) {
        out.filed_value = reading.as_written.value;
        out.filed_unit = reading.as_written.unit;
      }
    } catch (const Error& e) {
      const bool unit_problem = e.code() == ErrorCode::unit_mismatch;
      error(path + (unit_problem ? ".unit" : ".value"),
            Message("target {target} is counted in {unit}: {problem}",
                    {{"target", target.code}, {"unit", target.unit}, {"problem", e.message()}}));
      return std::nullopt;
    }
    out.unit.clear();
    if (target.accumulation == Accumulation::cumulative && !correction_ && others_) {
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
              Message("target {target} is a running total: {value} for {period} against {other} "
                      "for {other_period} would make it fall (only a correction with a reason may)",
                      {{"target", target.code},
                       {"value", value.to_string()},
                       {"period", key_.period.to_string()},
                       {"other", other.to_string()},
                       {"other_period", period.to_string()}}));
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
  std::map<std::string, std::string> paths_;  // target code → its value's path as given
  ContentCheck out_;
};

}  // namespace

std::optional<std::string> text_problem(std::string_view text, std::size_t max_chars,
                                        bool paragraph) {
  return util::text_problem(text, max_chars, paragraph);
}

void require_text(std::string_view text, std::size_t max_chars, bool paragraph,
                  std::string_view field, std::string_view where) {
  if (std::optional<std::string> problem = text_problem(text, max_chars, paragraph)) {
    throw ValidationError(std::move(*problem),
                          Location{std::string(where), 0, 0, std::string(field)});
  }
}

void require_person(const Actor& actor, std::string_view where) {
  require_text(actor.person, limits::person_chars, false, "actor.person", where);
}

void require_reason(std::string_view reason, std::string_view where) {
  require_text(reason, limits::reason_chars, true, "reason", where);
}

std::optional<std::string> actor_problem(const Plan& plan, const Actor& actor,
                                         const ReportKey& key) {
  if (actor.role != ActorRole::reporter) {
    return std::string("a ") + to_string(actor.role) + " of " + quoted_excerpt(actor.unit) +
           " may not write reports; that takes a reporter";
  }
  if (actor.unit != key.unit) {
    return "a reporter of " + quoted_excerpt(actor.unit) + " may not write the report of " +
           quoted_excerpt(key.unit);
  }
  const bool assigned =
      std::any_of(plan.initiatives.begin(), plan.initiatives.end(),
                  [&](const Initiative& i) { return i.find_assignment(key.unit) != nullptr; });
  if (!assigned) {
    return quoted_excerpt(key.unit) + " is not responsible for any initiative of plan " +
           quoted_excerpt(plan.code);
  }
  return std::nullopt;
}

std::optional<std::string> period_problem(const Plan& plan, const ReportKey& key) {
  if (key.period.kind() != plan.reporting) {
    return key.period.to_string() + " is not a " + to_string(plan.reporting) + ": plan " +
           quoted_excerpt(plan.code) + " is reported by " + to_string(plan.reporting);
  }
  if (key.period.last_day() < plan.start || plan.end < key.period.first_day()) {
    return key.period.to_string() + " is outside the window of plan " + quoted_excerpt(plan.code) +
           " (" + plan.start.to_string() + " .. " + plan.end.to_string() + ")";
  }
  return std::nullopt;
}

ContentCheck check_content(const Plan& plan, const UnitRegistry& units, const ReportKey& key,
                           const ReportContent& content, bool correction,
                           const OtherValues& other_values) {
  return ContentChecker(plan, units, key, correction, other_values).run(content);
}

void throw_if_bad(const ContentCheck& check, const ReportKey& key) {
  if (check.refusal) throw PermissionDenied(*check.refusal);
  if (!check.errors.empty()) throw ValidationError(check.errors, key.to_string());
}

std::vector<Issue> plausibility(const Plan& plan, const ReportKey& key,
                                const ReportContent& content, const OtherValues& other_values) {
  std::vector<Issue> out;
  for (std::size_t i = 0; i < content.values.size(); ++i) {
    const TargetValue& v = content.values[i];
    const Target* target = plan.find_target(v.target);
    if (target == nullptr || !v.value || !target->is_numeric()) continue;
    std::optional<Decimal> previous;
    if (other_values && target->accumulation != Accumulation::incremental) {
      previous = previous_value(other_values(target->code), key.period);
    }
    std::string why = rollup::implausible(*target, plan.reporting_rules, *v.value, previous);
    if (!why.empty()) {
      out.push_back({Issue::Severity::warning, "values[" + std::to_string(i) + "].value",
                     "需核实: target " + target->code + ": " + why});
    }
  }
  return out;
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
