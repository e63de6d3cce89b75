// Drafting a plan from the text of a notice (通知), for a person to review.
//
// Every year each district and city issues a notice of its practical initiatives (实事); draft_plan
// reads one as people paste it (from a web page, a word processor or a PDF) and returns a draft in
// the plan model: the title, issuer, year and document number; the numbered initiatives with their
// responsible units and roles; the numeric targets with value, unit of measure and kind; the
// figures that are not targets as parameters; the coordinating office and its contact. Everything
// it is unsure of, and every target it drafted, is listed as a finding with the sentence it came
// from. docs/drafting.md describes the approach, its limits and its measured accuracy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/period.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

// Choices for what a notice does not say.
struct DraftOptions {
  // The plan's code. Empty (or not a valid code: ASCII letters, digits, '.', '_', '-', starting
  // with a letter or digit, at most 64): "draft-<year>".
  std::string code;
  // The plan's year when the notice states none (in its title, document number, date or text);
  // 0: the current year (UTC). Ignored when the notice states a year.
  int default_year = 0;
  // How often units report when the notice says neither 按季度 / 每季度 nor 按月 / 每月.
  PeriodKind default_reporting = PeriodKind::quarter;
  // Days after a period's end a report is due when the notice sets no such rule (-366..366).
  int default_report_due_days = 10;
  // Longer text is cut here (at a UTF-8 boundary) and the draft is flagged truncated; it keeps
  // time and memory bounded whatever the input. 0, or more than limits::notice_bytes (2 MiB, the
  // most a notice may be), means that limit.
  std::size_t max_bytes = std::size_t{1} << 20U;

  friend bool operator==(const DraftOptions&, const DraftOptions&) = default;
};

// How much a finding needs attention. Part of the public contract: do not renumber.
enum class FindingSeverity : std::uint8_t {
  info = 1,     // what the draft took from the text (a target, a parameter), for checking
  warning = 2,  // something the draft guessed, left out or could not read: review it
};

// "info", "warning".
TAIZHANG_EXPORT const char* to_string(FindingSeverity severity) noexcept;
TAIZHANG_EXPORT std::optional<FindingSeverity> finding_severity_from_string(
    std::string_view text) noexcept;

// One remark on a draft, for the person who reviews it.
struct Finding {
  FindingSeverity severity = FindingSeverity::info;
  // Where in the draft plan, as validate() writes paths: "initiatives[2].targets[0]" (0-based
  // positions); empty for the plan as a whole.
  std::string path;
  // What was drafted or what is doubtful, in English, quoting the notice's words.
  std::string message;
  // The sentence of the notice it concerns (as normalised: no line breaks or stray spaces); may be
  // empty.
  std::string source_text;
  // How sure the draft is, 0..1: about 0.9 for a figure read from a plain pattern ("14所"), less
  // for guesses (a count of listed names, a unit of measure inferred from the words).
  double confidence = 1.0;

  // "warning: initiatives[3]: message (confidence 0.50) «source text»", leaving out what is empty.
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string() const;

  friend bool operator==(const Finding&, const Finding&) = default;
};

// The result of drafting: a plan to review, and the remarks on it.
struct Draft {
  // The draft plan. It passes validate() without errors (the open baseline of a rise, an
  // initiative without targets and the like are warnings); anything that would have broken a
  // rule is left out and reported as a finding instead. Units get generated codes "u01", "u02", …
  // (the coordinating unit first, then in order of appearance); targets "<initiative>.<n>".
  Plan plan;
  // In document order of what they concern, the plan-wide ones first.
  std::vector<Finding> findings;
  // The notice seems cut off (it ends inside an item or a sentence, or has fewer items than its
  // title announces, or was longer than DraftOptions::max_bytes): the draft holds what is there.
  bool truncated = false;

  friend bool operator==(const Draft&, const Draft&) = default;
};

// Drafts a plan from the text of a notice: UTF-8 (bytes that are not valid UTF-8 are read as
// U+FFFD), full- or half-width, with or without line breaks inside sentences, table pipes and
// stray spaces from web pages, and either layout in use: numbered items in prose (一、 / （一） /
// 1. / 第一件 / 一是, with （责任单位：…）, （牵头单位：…，责任单位：…） or
// （牵头责任单位：…；配合单位：…）), or a table with one cell per line (序号 / 实事 / 责任单位 /
// 完成时限).
//
// Never throws for any text and never hangs: time is about linear in the length of the text
// (capped by options.max_bytes) and memory a small multiple of it. Any text gives a Draft; text
// that holds no notice gives an almost empty plan and findings that say so.
TAIZHANG_EXPORT Draft draft_plan(std::string_view text, const DraftOptions& options = {});

}  // namespace taizhang
