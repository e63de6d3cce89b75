#include "taizhang/plan.hpp"

#include <algorithm>

#include "taizhang/error.hpp"
#include "util/enum_names.hpp"

namespace taizhang {

namespace {
using R = std::pair<Reporters, const char*>;
constexpr auto kReporters =
    detail::enum_names<Reporters>(R{Reporters::assigned, "assigned"}, R{Reporters::leads, "leads"},
                                  R{Reporters::contributors, "contributors"});
}  // namespace

const char* to_string(Reporters reporters) noexcept {
  return kReporters.name(reporters);
}
std::optional<Reporters> reporters_from_string(std::string_view text) noexcept {
  return kReporters.parse(text);
}

std::vector<std::string> Initiative::lead_units() const {
  std::vector<std::string> out;
  for (const Assignment& a : assignments) {
    if (a.role == AssignmentRole::lead) out.push_back(a.unit);
  }
  return out;
}

const Assignment* Initiative::find_assignment(std::string_view unit_code) const noexcept {
  const auto it = std::find_if(assignments.begin(), assignments.end(),
                               [&](const Assignment& a) { return a.unit == unit_code; });
  return it == assignments.end() ? nullptr : &*it;
}

std::vector<std::string> Initiative::contributors_of(const Target& target) const {
  return target.contributors.empty() ? lead_units() : target.contributors;
}

std::vector<Period> Plan::periods() const {
  return periods_between(start, end, reporting);
}

UnitRegistry Plan::unit_registry() const {
  UnitRegistry registry = UnitRegistry::standard();
  for (const UnitOfMeasure& u : units_of_measure) registry.add(u);
  return registry;
}

const Unit* Plan::find_unit(std::string_view unit_code) const noexcept {
  const auto it =
      std::find_if(units.begin(), units.end(), [&](const Unit& u) { return u.code == unit_code; });
  return it == units.end() ? nullptr : &*it;
}

const Initiative* Plan::find_initiative(int number) const noexcept {
  const auto it = std::find_if(initiatives.begin(), initiatives.end(),
                               [&](const Initiative& i) { return i.number == number; });
  return it == initiatives.end() ? nullptr : &*it;
}

const Target* Plan::find_target(std::string_view target_code) const noexcept {
  for (const Initiative& initiative : initiatives) {
    for (const Target& target : initiative.targets) {
      if (target.code == target_code) return &target;
    }
  }
  return nullptr;
}

const Initiative* Plan::initiative_of(std::string_view target_code) const noexcept {
  for (const Initiative& initiative : initiatives) {
    for (const Target& target : initiative.targets) {
      if (target.code == target_code) return &initiative;
    }
  }
  return nullptr;
}

Date Plan::deadline_of(const Initiative& initiative, const Target& target) const noexcept {
  if (target.deadline) return *target.deadline;
  if (initiative.deadline) return *initiative.deadline;
  return end;
}

Date Plan::report_due(const Period& period) const {
  return period.last_day().plus_days(report_due_days);
}

bool Plan::requires_report(const Period& period) const {
  if (period.last_day() < start || end < period.first_day()) return false;
  return !issue_date || !(period.last_day() < *issue_date);
}

std::vector<int> Plan::reported_initiatives(std::string_view unit_code) const {
  std::vector<int> out;
  const Unit* unit = find_unit(unit_code);
  if (unit != nullptr && unit->kind == UnitKind::placeholder) return out;
  for (const Initiative& i : initiatives) {
    const Assignment* a = i.find_assignment(unit_code);
    bool reports = false;
    switch (reporting_rules.reporters) {
      case Reporters::assigned: reports = a != nullptr; break;
      case Reporters::leads: reports = a != nullptr && a->role == AssignmentRole::lead; break;
      case Reporters::contributors:
        for (const Target& t : i.targets) {
          if (!t.is_measurable()) continue;
          const std::vector<std::string> contributors = i.contributors_of(t);
          if (std::find(contributors.begin(), contributors.end(), unit_code) !=
              contributors.end()) {
            reports = true;
          }
        }
        break;
    }
    if (reports) out.push_back(i.number);
  }
  return out;
}

}  // namespace taizhang
