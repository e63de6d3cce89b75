// The quarterly progress form (工作进展情况报表) that units send the coordinating office: the
// notice's attachment, with its columns 序号 / 实事名称 / 责任单位 / 本季度具体措施及任务进度情况 /
// 完成时限, per unit or consolidated for the coordinator, in .xlsx, CSV, Markdown or HTML.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.hpp"
#include "taizhang/export.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/period.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// One unit's words on one initiative for the period.
struct FormEntry {
  std::string unit;       // the unit's code
  std::string unit_name;  // 区卫健局
  std::string narrative;  // 本季度具体措施及任务进度情况; empty when the unit has not reported it
  std::optional<Date> expected_completion;    // 完成时限 as the unit gave it
  ReportStatus status = ReportStatus::draft;  // of the report it comes from
  bool reported = false;  // false: nothing filed for this initiative (the cell is left blank)

  friend bool operator==(const FormEntry&, const FormEntry&) = default;
};

// One line of the form: an initiative.
struct FormRow {
  int number = 0;                  // 序号
  std::string initiative;          // 实事名称
  std::vector<std::string> units;  // 责任单位: the names, lead first, as the notice lists them
  std::vector<FormEntry> entries;  // the form's unit only, or every responsible unit

  friend bool operator==(const FormRow&, const FormRow&) = default;
};

struct ProgressForm {
  std::string title;  // the plan's form title ("2021年为全区妇女儿童办实事工作进展情况报表")
  std::string plan;  // the plan's code
  Period period;
  std::string unit;           // the unit whose form it is; empty for the consolidated form
  std::string unit_name;      // for the line 单位：（盖章）; empty for the consolidated form
  std::vector<FormRow> rows;  // the unit's initiatives, or all of them for the consolidated form
  Timestamp made_at{};
  bool includes_drafts = false;  // a preview with drafts: every rendering says 含草稿

  [[nodiscard]] bool consolidated() const noexcept { return unit.empty(); }

  friend bool operator==(const ProgressForm&, const ProgressForm&) = default;
};

// What a form shows.
struct FormOptions {
  // A preview: each report's latest content, drafts included, marked 含草稿. By default a form
  // shows what the roll-up counts (Report::counted: the content handed in), never a draft.
  bool include_drafts = false;

  friend bool operator==(const FormOptions&, const FormOptions&) = default;
};

// The form of `unit` for `period`: only the initiatives it is assigned to, its own narratives and
// dates (from the content of its report that counts; blank where it reported nothing). Throws
// NotFoundError for an unknown plan, or a unit not assigned to any of its initiatives.
TAIZHANG_EXPORT ProgressForm unit_progress_form(const Ledger& ledger, std::string_view plan,
                                                std::string_view unit, const Period& period,
                                                const FormOptions& options = {});

// The coordinator's form: every initiative, every responsible unit, and under each initiative
// all its units' narratives, each marked with its unit.
TAIZHANG_EXPORT ProgressForm consolidated_progress_form(const Ledger& ledger, std::string_view plan,
                                                        const Period& period,
                                                        const FormOptions& options = {});

// Part of the public contract: do not renumber.
enum class FormFormat : std::uint8_t {
  xlsx = 1,  // Excel: merged title, wrapped text, borders, A4 landscape, repeated header rows
  csv = 2,   // UTF-8 with a byte-order mark, so Excel opens it right
  markdown = 3,
  html = 4,  // a printable page, self-contained
};
TAIZHANG_EXPORT const char* to_string(FormFormat format) noexcept;
TAIZHANG_EXPORT std::optional<FormFormat> form_format_from_string(std::string_view text) noexcept;

// Whether this build writes .xlsx forms (built with TAIZHANG_WITH_XLSX, the default). Without
// it, asking for FormFormat::xlsx throws IoError saying so.
TAIZHANG_EXPORT bool xlsx_supported() noexcept;

// The form in `format` (for xlsx, the bytes of the workbook).
TAIZHANG_EXPORT std::string render_form(const ProgressForm& form, FormFormat format);

// Writes the form to `path`, replacing it atomically. Throws IoError naming the path.
TAIZHANG_EXPORT void write_form(const ProgressForm& form, FormFormat format,
                                const std::filesystem::path& path);

}  // namespace taizhang
