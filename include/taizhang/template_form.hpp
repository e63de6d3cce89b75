// Clerk templates (填报模板): the fill-in form a unit clerk gets for a period — the notice's
// columns for its initiatives (序号 / 实事名称 / 责任单位 / 本季度具体措施及任务进度情况 / 完成时限)
// and a 数据 table with one row per target it reports on (目标编号 / 目标 / 计量单位 / 目标值 /
// 上期累计 / 本期数值 / 说明) — and reading a filled template back into reports, with no options:
// the template carries who and when it is for.
//
// Identity kept in the file:
//   .xlsx  custom document properties (docProps/custom.xml) taizhang.plan, taizhang.plan_version,
//          taizhang.unit, taizhang.period, taizhang.kind; and the same pairs in a hidden sheet
//          "_taizhang" (column A the name, column B the value), for a program that drops the
//          properties when it saves.
//   .csv   a first line "# taizhang: plan=P; plan_version=N; unit=U; period=2021Q3; kind=unit",
//          then one table in the progress CSV's own columns (csv_import.hpp), so that the CSV
//          template is read by the CSV importer as it is (it skips the "# taizhang:" line).
//
// The .xlsx sheets are protected without a password (审阅 → 撤销工作表保护 lifts it): labels are
// locked, the cells to fill (the narrative, 完成时限, 本期数值, 说明) are not; 本期数值 accepts
// only decimal numbers, or for a milestone target one of its stages from a dropdown list.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/csv_import.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/period.hpp"
#include "taizhang/progress_form.hpp"

namespace taizhang {

// Part of the public contract (kept in the files): do not renumber.
enum class TemplateKind : std::uint8_t {
  unit = 1,          // one unit's template
  consolidated = 2,  // the office's: every unit, one row per unit × initiative and unit × target
};
TAIZHANG_EXPORT const char* to_string(TemplateKind kind) noexcept;
TAIZHANG_EXPORT std::optional<TemplateKind> template_kind_from_string(
    std::string_view text) noexcept;

// Who and when a template is for.
struct TemplateIdentity {
  std::string plan;      // the plan's code
  int plan_version = 0;  // the version of the plan the template was made from
  std::string unit;      // the unit's code; empty for the consolidated template
  Period period;
  TemplateKind kind = TemplateKind::unit;

  friend bool operator==(const TemplateIdentity&, const TemplateIdentity&) = default;
};

// One line of the narrative table: an initiative, for one unit.
struct TemplateNoticeRow {
  int number = 0;          // 序号
  std::string initiative;  // 实事名称
  std::string units;       // 责任单位: every responsible unit (unit template) or the row's unit
  std::string unit;        // the code of the unit whose row it is
  std::string unit_name;   // and its name
  std::string narrative;   // what the unit already filed for the period, else empty (to fill)
  std::optional<Date> expected_completion;

  friend bool operator==(const TemplateNoticeRow&, const TemplateNoticeRow&) = default;
};

// One line of the 数据 table: a target, for one unit.
struct TemplateDataRow {
  std::string unit;       // the unit's code
  std::string unit_name;  // its name, shown in the consolidated template
  std::string target;     // 目标编号
  std::string description;
  std::string unit_of_measure;      // empty for a milestone
  std::optional<Decimal> goal;      // 目标值 (Target::goal)
  std::optional<Decimal> previous;  // 上期累计: a running total's latest earlier value counted
  std::string previous_period;      // the period it was reported for ("2021Q2")
  bool milestone = false;
  std::vector<std::string> stages;  // a milestone's stages, for the dropdown list
  std::string value;                // what the unit already filed for the period, else empty
  std::string comment;

  friend bool operator==(const TemplateDataRow&, const TemplateDataRow&) = default;
};

struct ClerkTemplate {
  TemplateIdentity identity;
  std::string title;      // the plan's form title
  std::string unit_name;  // empty for the consolidated template
  std::vector<TemplateNoticeRow> notice;
  std::vector<TemplateDataRow> data;

  friend bool operator==(const ClerkTemplate&, const ClerkTemplate&) = default;
};

// The template of `unit` for `period`: its initiatives, the targets it reports on (those whose
// values count for it, Initiative::contributors_of), what it already filed for the period (its
// latest content, drafts included, so that a clerk continues where the unit stopped) and, for a
// running total, its latest earlier value counted. Throws NotFoundError for an unknown plan, or a
// unit not assigned to any initiative.
TAIZHANG_EXPORT ClerkTemplate unit_template(const Ledger& ledger, std::string_view plan,
                                            std::string_view unit, const Period& period);

// The office's template: every initiative and target, a row per responsible unit.
TAIZHANG_EXPORT ClerkTemplate consolidated_template(const Ledger& ledger, std::string_view plan,
                                                    const Period& period);

// The template as FormFormat::xlsx or FormFormat::csv (UTF-8 with a byte-order mark). Other
// formats throw ValidationError; xlsx in a build without it throws IoError.
TAIZHANG_EXPORT std::string render_template(const ClerkTemplate& form, FormFormat format);
// Writes it to `path`, replacing it atomically. Throws IoError naming the path.
TAIZHANG_EXPORT void write_template(const ClerkTemplate& form, FormFormat format,
                                    const std::filesystem::path& path);

// The identity a file carries: an .xlsx template's properties (else its hidden sheet), a CSV
// template's "# taizhang:" line, or the unit and period of a filled progress form (its lines
// 单位：（盖章）NAME and 报告期：… — the unit is then given by its name, the plan left empty and the
// version 0). nullopt when the file carries none. Throws ParseError when an .xlsx file cannot be
// read.
TAIZHANG_EXPORT std::optional<TemplateIdentity> template_identity(std::string_view bytes,
                                                                  std::string_view source = {});

// What reading a filled template gives.
struct TemplateReading {
  TemplateIdentity identity;
  CsvReading reading;  // problems and warnings name sheet, row and column: Issue::place
                       // "数据表 第5行 第F列（本期数值）", Issue::path "数据!F5"
};

struct TemplateImportOptions {
  bool dry_run = false;  // check against the plan and the ledger; file nothing
  // The coordinating office entering a consolidated template the units gave it on paper, in a
  // ledger without identities: each unit's rows are filed as that unit's reporter, with
  // `actor.person` recorded as who entered them. (In a ledger with identities only a unit's own
  // key writes its report, and the ledger refuses this.)
  bool for_units = false;
  // The plan of a file that names none (a filled progress form); empty: the ledger's only plan.
  std::string plan;
  friend bool operator==(const TemplateImportOptions&, const TemplateImportOptions&) = default;
};

// Reads the file at `path` (the plan named by its identity), checks its reports against the
// ledger's history (Ledger::check) and files them all as one transaction, or none: a file with
// any problem files nothing. An actor without a unit, for a unit's template, acts for the unit
// the file names. The reading's identity names the plan and the unit by their codes. Returns the reading (its filings are what was, or would be, filed;
// a dry run's problems are listed, not thrown). Throws ValidationError listing every bad cell
// (Issue::place in Chinese), ConflictError / PermissionDenied as the ledger's check finds, IoError
// when the file cannot be read.
TAIZHANG_EXPORT TemplateReading import_template(Ledger& ledger, Actor actor,
                                                const std::filesystem::path& path,
                                                const TemplateImportOptions& options = {});

}  // namespace taizhang
