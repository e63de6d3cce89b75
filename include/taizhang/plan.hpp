// Plans: a programme of public commitments as one notice issues it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/period.hpp"
#include "taizhang/unit.hpp"
#include "taizhang/unit_of_measure.hpp"

namespace taizhang {

struct Contact {
  std::string phone;  // "7220350"
  std::string email;  // "lzqfl@zb.shandong.cn"

  friend bool operator==(const Contact&, const Contact&) = default;
};

// The document a plan was taken from.
struct SourceDocument {
  std::string title;   // "关于做好2021年为全区妇女儿童办实事工作的通知"
  std::string number;  // 文号: "竹府办〔2016〕20号"; empty when the notice has none
  std::string url;
  std::string form_title;  // the title of the attached progress form, when there is one

  friend bool operator==(const SourceDocument&, const SourceDocument&) = default;
};

// Which units must report each period, for the chasing list and the units' figures (rule 8).
// Part of the persistent format: do not renumber.
enum class Reporters : std::uint8_t {
  assigned = 1,      // every unit assigned to an initiative, lead or co-responsible, on each of its
                     // initiatives (what a notice's 按季度报送 asks of every 责任单位)
  leads = 2,         // the lead units only, on the initiatives they lead
  contributors = 3,  // the units whose values count towards a measurable target, on those
                     // targets' initiatives
};
// "assigned", "leads", "contributors".
TAIZHANG_EXPORT const char* to_string(Reporters reporters) noexcept;
TAIZHANG_EXPORT std::optional<Reporters> reporters_from_string(std::string_view text) noexcept;

// How the plan's reports are judged beyond their due dates.
struct ReportingRules {
  Reporters reporters = Reporters::assigned;
  // A value more than this many times its target's goal is filed with a warning (需核实), never
  // refused: the office decides. At least 1.
  Decimal over_goal = 10;
  // A running total that grows, or a level that rises or falls, by more than this factor from the
  // unit's value in its latest earlier period is filed with a warning (需核实). At least 1.
  Decimal jump = 10;

  friend bool operator==(const ReportingRules&, const ReportingRules&) = default;
};

struct Plan {
  std::string code;    // stable identifier: ASCII letters, digits, '.', '_' or '-'
  std::string title;   // "2021年为全区妇女儿童办实事"
  std::string issuer;  // the issuing office, as named: "临淄区人民政府办公室"
  int year = 0;
  std::optional<Date> issue_date;
  PeriodKind reporting = PeriodKind::quarter;  // how often units report
  Date start;  // the window in which the plan runs, both days inclusive
  Date end;
  std::string coordinator;   // code of the coordinating unit that receives the reports
  int report_due_days = 10;  // a report is due this many days after its period ends (may be
                             // negative: due before the period ends)
  Contact contact;
  Decimal tolerance = Decimal::from_parts(1, 1);  // width of a status band: 0.1 = 10 points
  ReportingRules reporting_rules;  // who must report; when a value is flagged 需核实
  SourceDocument source;
  std::vector<std::string> notes;  // remarks on the plan, such as choices the notice left open
  std::vector<UnitOfMeasure> units_of_measure;  // units beyond UnitRegistry::standard()
  std::vector<Unit> units;                      // every unit the plan names, coordinator included
  std::vector<Initiative> initiatives;          // in the notice's order

  // The reporting periods that overlap the window.
  [[nodiscard]] TAIZHANG_EXPORT std::vector<Period> periods() const;
  // The standard units of measure plus the plan's own.
  [[nodiscard]] TAIZHANG_EXPORT UnitRegistry unit_registry() const;

  // Lookups; nullptr when absent.
  [[nodiscard]] TAIZHANG_EXPORT const Unit* find_unit(std::string_view code) const noexcept;
  [[nodiscard]] TAIZHANG_EXPORT const Initiative* find_initiative(int number) const noexcept;
  [[nodiscard]] TAIZHANG_EXPORT const Target* find_target(std::string_view code) const noexcept;
  // The initiative that holds the target `code`, or nullptr.
  [[nodiscard]] TAIZHANG_EXPORT const Initiative* initiative_of(
      std::string_view target_code) const noexcept;

  // The date by which `target` of `initiative` is due: its own deadline, else the initiative's,
  // else the plan's end (年内).
  [[nodiscard]] TAIZHANG_EXPORT Date deadline_of(const Initiative& initiative,
                                                 const Target& target) const noexcept;
  // The day a report for `period` is due: its last day plus report_due_days.
  [[nodiscard]] TAIZHANG_EXPORT Date report_due(const Period& period) const;
  // Whether units must report for `period`: it overlaps the window and did not end before the
  // plan was issued (a notice issued in May is not chased for the first quarter).
  [[nodiscard]] TAIZHANG_EXPORT bool requires_report(const Period& period) const;
  // The initiatives `unit_code` must report on each period under reporting_rules.reporters, in
  // the plan's order; empty when the unit need not report (or is a placeholder).
  [[nodiscard]] TAIZHANG_EXPORT std::vector<int> reported_initiatives(
      std::string_view unit_code) const;

  friend bool operator==(const Plan&, const Plan&) = default;
};

}  // namespace taizhang
