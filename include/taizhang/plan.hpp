// Plans: a programme of public commitments as one notice issues it.
#pragma once

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

  friend bool operator==(const Plan&, const Plan&) = default;
};

}  // namespace taizhang
