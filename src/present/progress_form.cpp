#include "taizhang/progress_form.hpp"

#include <unistd.h>
#if TAIZHANG_WITH_XLSX
#include <xlsxwriter.h>
#endif

#include <map>
#include <random>

#include "present/text_format.hpp"
#include "taizhang/error.hpp"
#include "taizhang/initiative.hpp"
#include "util/enum_names.hpp"
#include "util/file.hpp"

namespace taizhang {

namespace {

using P = std::pair<FormFormat, const char*>;
constexpr auto kFormats =
    detail::enum_names<FormFormat>(P{FormFormat::xlsx, "xlsx"}, P{FormFormat::csv, "csv"},
                                   P{FormFormat::markdown, "md"}, P{FormFormat::html, "html"});

std::string form_title(const Plan& plan) {
  if (!plan.source.form_title.empty()) return plan.source.form_title;
  return plan.title + "工作进展情况报表";
}

std::string unit_name(const Plan& plan, const std::string& code) {
  const Unit* u = plan.find_unit(code);
  return u != nullptr ? u->name : code;
}

FormRow row_of(const Plan& plan, const Initiative& initiative) {
  FormRow row;
  row.number = initiative.number;
  row.initiative = initiative.title;
  for (const Assignment& a : initiative.assignments) row.units.push_back(unit_name(plan, a.unit));
  return row;
}

FormEntry entry_of(const Plan& plan, const std::string& unit, const Initiative& initiative,
                   const std::optional<Report>& report, const FormOptions& options) {
  FormEntry e;
  e.unit = unit;
  e.unit_name = unit_name(plan, unit);
  if (report) {
    e.status = report->status();
    const ReportContent& content = options.include_drafts ? report->content() : report->counted;
    if (const InitiativeProgress* p = content.find_progress(initiative.number)) {
      e.narrative = p->narrative;
      e.expected_completion = p->expected_completion;
      e.reported = true;
    }
  }
  return e;
}

// The cells of the form's table, as text, for every format: 序号, 实事名称, 责任单位,
// 本季度具体措施及任务进度情况, 完成时限. Lines within a cell are separated by '\n'.
std::vector<std::array<std::string, 5>> table_cells(const ProgressForm& form) {
  std::vector<std::array<std::string, 5>> out;
  for (const FormRow& row : form.rows) {
    std::array<std::string, 5> cells;
    cells[0] = std::to_string(row.number);
    cells[1] = row.initiative;
    for (std::size_t i = 0; i < row.units.size(); ++i) {
      cells[2] += (i > 0 ? "\n" : "") + row.units[i];
    }
    for (const FormEntry& e : row.entries) {
      if (!e.reported) continue;
      const std::string mark = form.consolidated() ? "【" + e.unit_name + "】" : "";
      if (!cells[3].empty()) cells[3] += "\n";
      cells[3] += mark + e.narrative;
      if (e.expected_completion) {
        if (!cells[4].empty()) cells[4] += "\n";
        cells[4] += (form.consolidated() ? e.unit_name + "：" : "") +
                    present::chinese_date(*e.expected_completion);
      }
    }
    out.push_back(std::move(cells));
  }
  return out;
}

constexpr const char* kHeader[5] = {"序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况",
                                    "完成时限"};

std::string unit_line(const ProgressForm& form) {
  return "单位：（盖章）" + (form.consolidated() ? std::string() : form.unit_name);
}

std::string period_line(const ProgressForm& form) {
  return "报告期：" + present::chinese_period(form.period) +
         (form.includes_drafts ? "（含草稿：未报送的内容，仅供预览，不得上报）" : "");
}

std::string csv(const ProgressForm& form) {
  std::string out = "\xEF\xBB\xBF";  // Excel reads UTF-8 only with the byte-order mark
  const auto line = [&out](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += present::csv_field(fields[i]);
    }
    out += "\r\n";
  };
  line({form.title});
  line({unit_line(form)});
  line({period_line(form)});
  line({kHeader[0], kHeader[1], kHeader[2], kHeader[3], kHeader[4]});
  for (const auto& cells : table_cells(form)) {
    line({cells[0], cells[1], cells[2], cells[3], cells[4]});
  }
  return out;
}

std::string markdown(const ProgressForm& form) {
  // Every text from the plan or the reports is escaped: no HTML (<script>), link or emphasis
  // passes into the page a Markdown viewer makes of it.
  const auto cell = [](const std::string& s) { return present::markdown_escape(s); };
  std::string out = "# " + cell(form.title) + "\n\n" + cell(unit_line(form)) + "  \n" +
                    cell(period_line(form)) +
                    "\n\n| 序号 | 实事名称 | 责任单位 | 本季度具体措施及任务进度情况 | 完成时限 |\n"
                    "|---:|---|---|---|---|\n";
  for (const auto& cells : table_cells(form)) {
    out += "|";
    for (const std::string& c : cells) out += " " + cell(c) + " |";
    out += "\n";
  }
  out += "\n制表时间：" + present::chinese_time(form.made_at) + "\n";
  return out;
}

std::string html(const ProgressForm& form) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
      present::html_escape(form.title) +
      "</title>\n<style>\n"
      "@page { size: A4 landscape; margin: 15mm; }\n"
      "body { font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", \"Noto Sans CJK SC\", "
      "serif; font-size: 11pt; color: #000; }\n"
      "h1 { font-family: \"SimHei\", \"Noto Sans CJK SC\", sans-serif; font-size: 18pt; "
      "text-align: center; margin: 0 0 8mm; }\n"
      "p.meta { margin: 2mm 0; }\n"
      "table { border-collapse: collapse; width: 100%; }\n"
      "thead { display: table-header-group; }\n"
      "tr { page-break-inside: avoid; }\n"
      "th, td { border: 1px solid #000; padding: 2mm; vertical-align: top; }\n"
      "th { font-weight: bold; text-align: center; }\n"
      "td.number { text-align: center; width: 3em; }\n"
      "td.units, td.date { white-space: pre-line; }\n"
      "td.narrative { white-space: pre-line; width: 45%; }\n"
      "p.made { font-size: 9pt; text-align: right; }\n"
      "</style>\n</head>\n<body>\n<h1>" +
      present::html_escape(form.title) + "</h1>\n<p class=\"meta unit\">" +
      present::html_escape(unit_line(form)) + "</p>\n<p class=\"meta period\">" +
      present::html_escape(period_line(form)) + "</p>\n<table>\n<thead><tr>";
  for (const char* h : kHeader) out += "<th>" + std::string(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  const char* classes[5] = {"number", "initiative", "units", "narrative", "date"};
  for (const auto& cells : table_cells(form)) {
    out += "<tr>";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out += "<td class=\"" + std::string(classes[i]) + "\">" + present::html_escape(cells[i]) +
             "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"made\">制表时间：" + present::chinese_time(form.made_at) +
         "</p>\n</body>\n</html>\n";
  return out;
}

#if TAIZHANG_WITH_XLSX
// Writes the workbook into `path` (which must not exist yet).
void xlsx(const ProgressForm& form, const std::filesystem::path& path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr)
    throw IoError("cannot create the workbook", Location{path.string(), 0, 0, ""});
  lxw_worksheet* sheet = workbook_add_worksheet(book, "进展情况");

  lxw_format* title = workbook_add_format(book);
  format_set_font_name(title, "黑体");
  format_set_font_size(title, 18);
  format_set_bold(title);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
  lxw_format* meta = workbook_add_format(book);
  format_set_font_name(meta, "宋体");
  format_set_font_size(meta, 12);
  lxw_format* header = workbook_add_format(book);
  format_set_font_name(header, "黑体");
  format_set_font_size(header, 12);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_CENTER);
  format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* cell = workbook_add_format(book);
  format_set_font_name(cell, "宋体");
  format_set_font_size(cell, 11);
  format_set_text_wrap(cell);
  format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(cell, LXW_BORDER_THIN);
  lxw_format* centred = workbook_add_format(book);
  format_set_font_name(centred, "宋体");
  format_set_font_size(centred, 11);
  format_set_text_wrap(centred);
  format_set_align(centred, LXW_ALIGN_CENTER);
  format_set_align(centred, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(centred, LXW_BORDER_THIN);

  const double widths[5] = {6, 26, 16, 64, 16};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_set_column(sheet, c, c, widths[c], nullptr);
  worksheet_merge_range(sheet, 0, 0, 0, 4, form.title.c_str(), title);
  worksheet_set_row(sheet, 0, 36, nullptr);
  worksheet_merge_range(sheet, 1, 0, 1, 4, unit_line(form).c_str(), meta);
  worksheet_merge_range(sheet, 2, 0, 2, 4, period_line(form).c_str(), meta);
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(sheet, 3, c, kHeader[c], header);
  worksheet_set_row(sheet, 3, 32, nullptr);
  lxw_row_t r = 4;
  for (const auto& cells : table_cells(form)) {
    worksheet_write_number(sheet, r, 0, std::stod(cells[0]), centred);
    worksheet_write_string(sheet, r, 1, cells[1].c_str(), cell);
    worksheet_write_string(sheet, r, 2, cells[2].c_str(), centred);
    worksheet_write_string(sheet, r, 3, cells[3].c_str(), cell);
    worksheet_write_string(sheet, r, 4, cells[4].c_str(), centred);
    ++r;
  }
  // Printing: A4 landscape, the header row repeated on every page, one page wide.
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);
  worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.6);
  worksheet_repeat_rows(sheet, 3, 3);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页");
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    throw IoError(std::string("cannot write the workbook: ") + lxw_strerror(error),
                  Location{path.string(), 0, 0, ""});
  }
}
#else
// A build without libxlsxwriter (TAIZHANG_WITH_XLSX=OFF) writes no workbook.
void xlsx(const ProgressForm&, const std::filesystem::path& path) {
  throw IoError(
      "this build of taizhang writes no .xlsx forms (it was built with "
      "TAIZHANG_WITH_XLSX=OFF): choose csv, md or html",
      Location{path.string(), 0, 0, ""});
}
#endif

std::filesystem::path temporary_beside(const std::filesystem::path& path) {
  return path.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::random_device{}()) + ".xlsx";
}

}  // namespace

const char* to_string(FormFormat format) noexcept {
  return kFormats.name(format);
}
std::optional<FormFormat> form_format_from_string(std::string_view text) noexcept {
  if (text == "markdown") return FormFormat::markdown;
  return kFormats.parse(text);
}

ProgressForm unit_progress_form(const Ledger& ledger, std::string_view plan_code,
                                std::string_view unit, const Period& period,
                                const FormOptions& options) {
  const Plan plan = ledger.plan(plan_code);
  ProgressForm form;
  form.title = form_title(plan);
  form.plan = plan.code;
  form.period = period;
  form.unit = std::string(unit);
  form.unit_name = unit_name(plan, form.unit);
  form.made_at = now_utc();
  form.includes_drafts = options.include_drafts;
  const std::optional<Report> report = ledger.report(ReportKey{plan.code, form.unit, period});
  for (const Initiative& i : plan.initiatives) {
    if (i.find_assignment(unit) == nullptr) continue;
    FormRow row = row_of(plan, i);
    row.entries.push_back(entry_of(plan, form.unit, i, report, options));
    form.rows.push_back(std::move(row));
  }
  if (form.rows.empty()) {
    throw NotFoundError("unit \"" + form.unit + "\" is not assigned to any initiative of plan \"" +
                        plan.code + "\"");
  }
  return form;
}

ProgressForm consolidated_progress_form(const Ledger& ledger, std::string_view plan_code,
                                        const Period& period, const FormOptions& options) {
  const Plan plan = ledger.plan(plan_code);
  ProgressForm form;
  form.title = form_title(plan);
  form.plan = plan.code;
  form.period = period;
  form.made_at = now_utc();
  form.includes_drafts = options.include_drafts;
  std::map<std::string, std::optional<Report>> reports;
  for (const Initiative& i : plan.initiatives) {
    FormRow row = row_of(plan, i);
    for (const Assignment& a : i.assignments) {
      auto [it, fresh] = reports.try_emplace(a.unit);
      if (fresh) it->second = ledger.report(ReportKey{plan.code, a.unit, period});
      row.entries.push_back(entry_of(plan, a.unit, i, it->second, options));
    }
    form.rows.push_back(std::move(row));
  }
  return form;
}

bool xlsx_supported() noexcept {
  return TAIZHANG_WITH_XLSX != 0;
}

std::string render_form(const ProgressForm& form, FormFormat format) {
  switch (format) {
    case FormFormat::csv: return csv(form);
    case FormFormat::markdown: return markdown(form);
    case FormFormat::html: return html(form);
    case FormFormat::xlsx:
      return util::bytes_written_to_temporary(
          "taizhang-form", [&](const std::filesystem::path& temp) { xlsx(form, temp); });
  }
  throw Error(ErrorCode::internal, "unknown form format");
}

void write_form(const ProgressForm& form, FormFormat format, const std::filesystem::path& path) {
  if (format != FormFormat::xlsx) {
    util::write_file_atomic(path, render_form(form, format));
    return;
  }
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw IoError("cannot write the form: there is no directory " + directory.string(),
                  Location{path.string(), 0, 0, ""});
  }
  const std::filesystem::path temp = temporary_beside(path);
  try {
    xlsx(form, temp);
    std::filesystem::rename(temp, path);
  } catch (const IoError& e) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw IoError(e.message(), Location{path.string(), 0, 0, ""});  // the path asked for
  } catch (const std::filesystem::filesystem_error& e) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw IoError(std::string("cannot write the form: ") + e.code().message(),
                  Location{path.string(), 0, 0, ""});
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    throw;
  }
}

}  // namespace taizhang
