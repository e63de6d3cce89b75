// The checks a report passes before anything is written (internal): written once, used by every
// way in — the Ledger's calls, Ledger::check (dry runs), CSV and .xlsx imports, which map each
// problem's path back to their rows and columns.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/error.hpp"
#include "taizhang/message.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"

namespace taizhang::ledger {

// The unit's current values of a target in its other reports of the plan: (period, value), by
// period. Empty function: no history (a check against the plan alone).
using OtherValues = std::function<std::vector<std::pair<Period, Decimal>>(const std::string&)>;

// ---- Text from callers: the one rule (util/utf8.hpp, text_problem) for what a write keeps

// Why `text` cannot be kept, worded to follow its field's name ("contains the control character
// U+001B", "is longer than 2000 characters (it has 2500)"), or nullopt: valid UTF-8, no C0
// control (line feed, carriage return and tab allowed where `paragraph`), DEL, C1 control or
// bidirectional control (U+202A..U+202E, U+2066..U+2069), at most `max_chars` characters.
std::optional<std::string> text_problem(std::string_view text, std::size_t max_chars,
                                        bool paragraph);

// Throws ValidationError at `field` of `where` (a report key, "plan X"), saying what text_problem
// found ("plan x: reason: contains a NUL byte"), when it finds something.
void require_text(std::string_view text, std::size_t max_chars, bool paragraph,
                  std::string_view field, std::string_view where);

// The two a ledger write checks before anything else: who acts (Actor::person, one line of at
// most limits::person_chars), on every write; and a reason (a paragraph of at most
// limits::reason_chars), where one is given (returning, correcting, importing or updating a
// plan). Both throw ValidationError naming the field.
void require_person(const Actor& actor, std::string_view where = {});
void require_reason(std::string_view reason, std::string_view where = {});

// Why `actor` may not write the report `key` under `plan`, or nullopt when it may: only a reporter,
// only of its own unit, only a unit responsible for some initiative of the plan.
std::optional<Message> actor_problem(const Plan& plan, const Actor& actor, const ReportKey& key);

// Why `key.period` cannot be reported under `plan` (not of its reporting kind, outside its
// window), or nullopt.
std::optional<Message> period_problem(const Plan& plan, const ReportKey& key);

// What the content checks found.
struct ContentCheck {
  ReportContent content;        // normalised: values read and converted exactly into their
                                // target's unit (what was filed kept beside), in the plan's order
  std::vector<Issue> errors;    // every problem, with its path in the content as given
  std::vector<Issue> warnings;  // 需核实, with its path in the content as given
  // The first refusal when the content touches an initiative the unit is not assigned to (that
  // error is among `errors` too, at its path): a PermissionDenied, not a ValidationError.
  std::optional<Message> refusal;
};

// Checks `content` for the report `key` under `plan`: each value read against its target
// (read_value), units of measure, signs, stages, duplicates, assignments, text, and — given the
// unit's other values — that a running total does not fall (unless `correction`) and what looks
// implausible (需核实, rollup::implausible).
ContentCheck check_content(const Plan& plan, const UnitRegistry& units, const ReportKey& key,
                           const ReportContent& content, bool correction,
                           const OtherValues& other_values);

// Throws what `check` found: PermissionDenied for a refusal, else ValidationError listing every
// error. Does nothing when there is none.
void throw_if_bad(const ContentCheck& check, const ReportKey& key);

// `content` in the plan's order: progress by initiative number, values by target position.
void order_content(const Plan& plan, ReportContent& content);

// The plausibility warnings of `content` (already checked, in the target's units) for the report
// `key`, with paths into it, given the unit's other values.
std::vector<Issue> plausibility(const Plan& plan, const ReportKey& key,
                                const ReportContent& content, const OtherValues& other_values);

}  // namespace taizhang::ledger
