// Validation of a whole plan: every problem, not only the first, each with its path.
#pragma once

#include <vector>

#include "taizhang/error.hpp"
#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

// Checks `plan` against the model's rules and returns every problem found, errors and warnings,
// in document order. Each issue names its path, e.g. "initiatives[3].targets[1].value" (indices
// are 0-based positions in the vectors). Never throws for a bad plan; an empty result means valid.
//
// Errors: an empty or malformed code; duplicate plan, unit, initiative-number or target codes;
// a window that ends before it starts; an unknown coordinator or parent unit; an unknown unit of
// measure, or one that does not fit the measure (money in 名); a count, money or percent target
// without a value, or a value on a milestone; a negative target value, weight or baseline that is
// not positive where it must be; a deadline or trajectory period outside the window; a trajectory
// that falls or leaves 0..1; milestone stages out of order; an initiative without a lead unit or
// assigned to an unknown unit or to the same unit twice; contributing units that are not assigned
// to the initiative; a tolerance outside (0, 1); text that is not valid UTF-8 or holds control
// characters (line breaks are allowed in descriptions and notes only).
// reporting_rules factors under 1.
// Warnings: a rise whose baseline value is not yet known; an initiative without targets; a
// placeholder unit (责任单位待定) assigned to an initiative.
TAIZHANG_EXPORT std::vector<Issue> validate(const Plan& plan);

// Checks one unit as the catalogue keeps it (Ledger::put_unit) and as a plan lists it: its code,
// a name that is not empty, text without control characters. Paths: "code", "name", "full_name".
TAIZHANG_EXPORT std::vector<Issue> validate(const Unit& unit);

// Throws ValidationError carrying every issue when validate(plan) finds at least one error;
// warnings alone do not throw. `source` names the plan's file for the message.
TAIZHANG_EXPORT void require_valid(const Plan& plan, std::string_view source = {});

}  // namespace taizhang
