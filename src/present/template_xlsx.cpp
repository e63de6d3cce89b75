// The .xlsx clerk template (template_form.hpp): sheets 进展情况 and 数据 to fill in, protected
// without a password, with data validation on the cells to fill; the identity in the document's
// custom properties and in the hidden sheet _taizhang.
#include <unistd.h>

#if TAIZHANG_WITH_XLSX
#include <xlsxwriter.h>
#endif

#include <algorithm>
#include <random>

#include "present/text_format.hpp"
#include "taizhang/error.hpp"
#include "taizhang/template_form.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace taizhang {

#if TAIZHANG_WITH_XLSX
namespace {

// The lines a cell of `width` characters needs for `text`, wrapped (a Chinese character is two
// characters wide), so that the row is tall enough for Excel, WPS and LibreOffice alike.
int lines_for(const std::string& text, double width) {
  int lines = 1;
  double used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    i += n;
    if (c == '\n') {
      ++lines;
      used = 0;
      continue;
    }
    const double w = n >= 3 ? 2.0 : 1.0;
    if (used + w > width - 1) {
      ++lines;
      used = 0;
    }
    used += w;
  }
  return lines;
}

struct Formats {
  lxw_format* title;
  lxw_format* meta;
  lxw_format* header;
  lxw_format* label;     // locked, wrapped
  lxw_format* centred;   // locked, centred
  lxw_format* fill;      // unlocked, wrapped: a cell to fill
  lxw_format* fill_date; // unlocked date
};

lxw_format* base(lxw_workbook* book, double size) {
  lxw_format* f = workbook_add_format(book);
  format_set_font_name(f, "宋体");
  format_set_font_size(f, size);
  return f;
}

Formats make_formats(lxw_workbook* book) {
  Formats f{};
  f.title = base(book, 18);
  format_set_font_name(f.title, "黑体");
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
  f.meta = base(book, 12);
  f.header = base(book, 12);
  format_set_font_name(f.header, "黑体");
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xD9D9D9);
  f.label = base(book, 11);
  format_set_text_wrap(f.label);
  format_set_align(f.label, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.label, LXW_BORDER_THIN);
  f.centred = base(book, 11);
  format_set_text_wrap(f.centred);
  format_set_align(f.centred, LXW_ALIGN_CENTER);
  format_set_align(f.centred, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.centred, LXW_BORDER_THIN);
  f.fill = base(book, 11);
  format_set_text_wrap(f.fill);
  format_set_align(f.fill, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.fill, LXW_BORDER_THIN);
  format_set_bg_color(f.fill, 0xFFF2CC);
  format_set_unlocked(f.fill);
  f.fill_date = base(book, 11);
  format_set_align(f.fill_date, LXW_ALIGN_CENTER);
  format_set_align(f.fill_date, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(f.fill_date, LXW_BORDER_THIN);
  format_set_bg_color(f.fill_date, 0xFFF2CC);
  format_set_num_format(f.fill_date, "yyyy-mm-dd");
  format_set_unlocked(f.fill_date);
  return f;
}

// Protected without a password; rows and columns may still be resized.
void protect(lxw_worksheet* sheet) {
  lxw_protection options{};
  options.format_columns = LXW_TRUE;
  options.format_rows = LXW_TRUE;
  worksheet_protect(sheet, nullptr, &options);
}

void print_setup(lxw_worksheet* sheet, lxw_row_t header_row) {
  worksheet_set_landscape(sheet);
  worksheet_set_paper(sheet, 9);  // A4
  worksheet_set_margins(sheet, 0.5, 0.5, 0.6, 0.6);
  worksheet_repeat_rows(sheet, header_row, header_row);
  worksheet_fit_to_pages(sheet, 1, 0);
  worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页");
  worksheet_freeze_panes(sheet, header_row + 1, 0);
}

void date_validation(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_DATE;
  v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  v.minimum_datetime = lxw_datetime{2000, 1, 1, 0, 0, 0};
  v.maximum_datetime = lxw_datetime{2100, 12, 31, 0, 0, 0};
  v.error_title = const_cast<char*>("完成时限");
  v.error_message = const_cast<char*>("请填写日期，如 2021-12-31");
  worksheet_data_validation_cell(sheet, row, col, &v);
}

// 进展情况: the notice's columns, the narrative and 完成时限 to fill.
void notice_sheet(lxw_workbook* book, const Formats& f, const ClerkTemplate& form) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "进展情况");
  const double widths[5] = {6, 26, 16, 64, 14};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_set_column(sheet, c, c, widths[c], nullptr);
  worksheet_merge_range(sheet, 0, 0, 0, 4, form.title.c_str(), f.title);
  worksheet_set_row(sheet, 0, 36, nullptr);
  const std::string unit_line =
      "单位：（盖章）" + (form.identity.kind == TemplateKind::unit ? form.unit_name : "各责任单位");
  worksheet_merge_range(sheet, 1, 0, 1, 4, unit_line.c_str(), f.meta);
  const std::string period_line = "报告期：" + present::chinese_period(form.identity.period);
  worksheet_merge_range(sheet, 2, 0, 2, 4, period_line.c_str(), f.meta);
  const char* header[5] = {"序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况",
                           "完成时限"};
  for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(sheet, 3, c, header[c], f.header);
  worksheet_set_row(sheet, 3, 32, nullptr);
  lxw_row_t r = 4;
  for (const TemplateNoticeRow& row : form.notice) {
    worksheet_write_number(sheet, r, 0, row.number, f.centred);
    worksheet_write_string(sheet, r, 1, row.initiative.c_str(), f.label);
    worksheet_write_string(sheet, r, 2, row.units.c_str(), f.centred);
    worksheet_write_string(sheet, r, 3, row.narrative.c_str(), f.fill);
    if (row.expected_completion) {
      const Date& d = *row.expected_completion;
      lxw_datetime when{d.year(), static_cast<uint8_t>(d.month()), static_cast<uint8_t>(d.day()),
                        0, 0, 0};
      worksheet_write_datetime(sheet, r, 4, &when, f.fill_date);
    } else {
      worksheet_write_blank(sheet, r, 4, f.fill_date);
    }
    date_validation(sheet, r, 4);
    const int lines = std::max({lines_for(row.initiative, widths[1]),
                                lines_for(row.units, widths[2]),
                                lines_for(row.narrative, widths[3]), 4});
    worksheet_set_row(sheet, r, 15.0 * lines + 4, nullptr);
    ++r;
  }
  print_setup(sheet, 3);
  protect(sheet);
}

void value_validation(lxw_worksheet* sheet, lxw_row_t r, lxw_col_t c, const TemplateDataRow& row,
                      std::vector<char*>& list) {
  lxw_data_validation v{};
  if (row.milestone) {
    list.clear();
    for (const std::string& s : row.stages) list.push_back(const_cast<char*>(s.c_str()));
    list.push_back(nullptr);
    v.validate = LXW_VALIDATION_TYPE_LIST;
    v.value_list = list.data();
    v.input_title = const_cast<char*>("本期阶段");
    v.input_message = const_cast<char*>("从下拉列表选择本期达到的阶段");
    v.error_message = const_cast<char*>("请从下拉列表选择阶段");
  } else {
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    v.input_title = const_cast<char*>("本期数值");
    v.input_message = const_cast<char*>("填写数字（计量单位见C列），不填单位和文字");
    v.error_message = const_cast<char*>("本期数值只能填写不小于0的数字");
  }
  v.error_title = const_cast<char*>("本期数值");
  worksheet_data_validation_cell(sheet, r, c, &v);
}

// One row of 数据 from column `c0` on: 目标编号 目标 计量单位 目标值 上期累计 本期数值 说明.
void data_cells(lxw_worksheet* sheet, const Formats& f, lxw_row_t r, lxw_col_t c0,
                const TemplateDataRow& row, std::vector<char*>& list) {
  worksheet_write_string(sheet, r, c0, row.target.c_str(), f.centred);
  worksheet_write_string(sheet, r, c0 + 1, row.description.c_str(), f.label);
  worksheet_write_string(sheet, r, c0 + 2, row.unit_of_measure.c_str(), f.centred);
  const std::string goal = row.goal ? row.goal->to_string() : "";
  const std::string previous = row.previous ? row.previous->to_string() : "";
  if (row.goal) {
    worksheet_write_number(sheet, r, c0 + 3, std::strtod(goal.c_str(), nullptr), f.centred);
  } else {
    worksheet_write_string(sheet, r, c0 + 3, row.milestone ? "按阶段" : "", f.centred);
  }
  if (row.previous) {
    worksheet_write_number(sheet, r, c0 + 4, std::strtod(previous.c_str(), nullptr), f.centred);
  } else {
    worksheet_write_blank(sheet, r, c0 + 4, f.centred);
  }
  const bool qualitative = !row.milestone && row.unit_of_measure.empty() && !row.goal;
  if (qualitative) {
    worksheet_write_string(sheet, r, c0 + 5, "（文字说明）", f.centred);  // locked: words only
  } else if (!row.value.empty() && !row.milestone) {
    worksheet_write_number(sheet, r, c0 + 5, std::strtod(row.value.c_str(), nullptr), f.fill);
    value_validation(sheet, r, c0 + 5, row, list);
  } else {
    worksheet_write_string(sheet, r, c0 + 5, row.value.c_str(), f.fill);
    value_validation(sheet, r, c0 + 5, row, list);
  }
  worksheet_write_string(sheet, r, c0 + 6, row.comment.c_str(), f.fill);
  worksheet_set_row(sheet, r, 15.0 * std::max(2, lines_for(row.description, 30)) + 4, nullptr);
}

// 数据: a row per target (per unit × target in the consolidated template).
void data_sheet(lxw_workbook* book, const Formats& f, const ClerkTemplate& form) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "数据");
  const bool consolidated = form.identity.kind == TemplateKind::consolidated;
  const lxw_col_t c0 = consolidated ? 1 : 0;
  if (consolidated) worksheet_set_column(sheet, 0, 0, 16, nullptr);
  const double widths[7] = {10, 30, 10, 12, 12, 14, 36};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_set_column(sheet, c0 + c, c0 + c, widths[c], nullptr);
  const std::string line = "单位：" + (consolidated ? std::string("各责任单位") : form.unit_name) +
                           "　报告期：" + present::chinese_period(form.identity.period) +
                           "　（只填黄色单元格：本期数值、说明）";
  worksheet_merge_range(sheet, 0, 0, 0, c0 + 6, line.c_str(), f.meta);
  const char* header[7] = {"目标编号", "目标", "计量单位", "目标值", "上期累计", "本期数值", "说明"};
  if (consolidated) worksheet_write_string(sheet, 1, 0, "单位", f.header);
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(sheet, 1, c0 + c, header[c], f.header);
  worksheet_set_row(sheet, 1, 24, nullptr);
  std::vector<char*> list;
  lxw_row_t r = 2;
  for (const TemplateDataRow& row : form.data) {
    if (consolidated) worksheet_write_string(sheet, r, 0, row.unit_name.c_str(), f.centred);
    data_cells(sheet, f, r, c0, row, list);
    ++r;
  }
  print_setup(sheet, 1);
  protect(sheet);
}

// The identity, again, where a program that drops custom properties keeps it.
void identity_sheet(lxw_workbook* book, const TemplateIdentity& id) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "_taizhang");
  const std::string version = std::to_string(id.plan_version);
  const std::string period = id.period.to_string();
  const std::pair<const char*, std::string> pairs[] = {
      {"taizhang.plan", id.plan},     {"taizhang.plan_version", version},
      {"taizhang.unit", id.unit},     {"taizhang.period", period},
      {"taizhang.kind", to_string(id.kind)}};
  lxw_row_t r = 0;
  for (const auto& [name, value] : pairs) {
    worksheet_write_string(sheet, r, 0, name, nullptr);
    worksheet_write_string(sheet, r, 1, value.c_str(), nullptr);
    workbook_set_custom_property_string(book, name, value.c_str());
    ++r;
  }
  worksheet_hide(sheet);
  protect(sheet);
}

void write_xlsx(const ClerkTemplate& form, const std::filesystem::path& path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (book == nullptr) {
    throw IoError(Message("cannot create the workbook"), Location{path.string(), 0, 0, ""});
  }
  lxw_doc_properties properties{};
  const std::string title = form.title + "（填报模板）";
  properties.title = const_cast<char*>(title.c_str());
  properties.company = const_cast<char*>("taizhang");
  workbook_set_properties(book, &properties);
  const Formats f = make_formats(book);
  notice_sheet(book, f, form);
  data_sheet(book, f, form);
  identity_sheet(book, form.identity);
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    throw IoError(Message("cannot write the workbook: {reason}", {{"reason", lxw_strerror(error)}}),
                  Location{path.string(), 0, 0, ""});
  }
}

}  // namespace

std::string render_template_xlsx(const ClerkTemplate& form) {
  return util::bytes_written_to_temporary(
      "taizhang-template", [&](const std::filesystem::path& temp) { write_xlsx(form, temp); });
}

#else

std::string render_template_xlsx(const ClerkTemplate&) {
  throw IoError(Message("this build of taizhang writes no .xlsx (it was built with "
                        "TAIZHANG_WITH_XLSX=OFF): choose csv"));
}

#endif

}  // namespace taizhang
