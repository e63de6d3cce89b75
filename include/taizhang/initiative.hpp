// Initiatives: the numbered items of a plan (实事).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/assignment.hpp"
#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/target.hpp"

namespace taizhang {

// A figure an initiative states that is not a target: a subsidy rate, a standard, a price
// (每人补贴1.5万元康复训练补助). Kept so that nothing the notice says is lost.
struct Parameter {
  std::string name;   // "集中康复训练补助"
  Decimal value;      // 1.5
  std::string unit;   // "万元"
  std::string basis;  // what the value is per: "每人"
  std::string source_text;

  friend bool operator==(const Parameter&, const Parameter&) = default;
};

struct Initiative {
  int number = 0;           // 1-based position in the plan, shown as 一、二、…; unique
  std::string title;        // 实事名称: "继续实施“两癌”免费检查和救助行动"
  std::string description;  // the notice's full text of the item
  std::vector<Assignment> assignments;  // in the notice's order; at least one lead
  std::vector<Target> targets;
  std::vector<Parameter> parameters;
  std::optional<Date> deadline;  // 完成时限 when the notice sets one; empty: the plan's end

  // The codes of the lead units, in order.
  [[nodiscard]] TAIZHANG_EXPORT std::vector<std::string> lead_units() const;
  // The assignment of `unit_code`, or nullptr.
  [[nodiscard]] TAIZHANG_EXPORT const Assignment* find_assignment(
      std::string_view unit_code) const noexcept;
  // The units whose values count towards `target` (its contributors, else the lead units).
  [[nodiscard]] TAIZHANG_EXPORT std::vector<std::string> contributors_of(
      const Target& target) const;

  friend bool operator==(const Initiative&, const Initiative&) = default;
};

// The initiative number as Chinese documents show it: 1 → "一", 10 → "十", 14 → "十四",
// 21 → "二十一", 100 → "一百". For 1..9999; other numbers are given in Arabic digits.
TAIZHANG_EXPORT std::string chinese_ordinal(int number);

}  // namespace taizhang
