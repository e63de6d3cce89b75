#include "taizhang/plan.hpp"

#include <algorithm>

#include "taizhang/error.hpp"

namespace taizhang {

std::vector<std::string> Initiative::lead_units() const {
  std::vector<std::string> out;
  for (const Assignment& a : assignments) {
    if (a.role == Role::lead) out.push_back(a.unit);
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

}  // namespace taizhang
