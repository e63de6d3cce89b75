// Reading a filled clerk template back (template_form.hpp): its identity, and its cells as a table
// of progress rows for the CSV importer's checks, each problem named by sheet, row and column.
#include <cstdio>
#include <cstdlib>
#include <map>

#include "formats/xlsx_reader.hpp"
#include "present/table_import.hpp"
#include "taizhang/error.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/template_form.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

constexpr std::string_view kNoticeSheet = "进展情况";
constexpr std::string_view kDataSheet = "数据";

// A cell as the person who typed it sees it (numbers with Excel's 15 significant digits).
std::string shown(const formats::XlsxCell* cell) {
  if (cell == nullptr) return {};
  if (cell->kind != formats::XlsxCellKind::number) return std::string(util::trim(cell->text));
  char* end = nullptr;
  const double v = std::strtod(cell->text.c_str(), &end);
  if (end != cell->text.c_str() + cell->text.size()) return cell->text;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  const std::string text = buf;
  return text.find_first_of("eE") == std::string::npos ? text : cell->text;
}

// name → value pairs: the custom properties, else the hidden sheet _taizhang.
std::map<std::string, std::string> identity_pairs(const formats::XlsxWorkbook& book) {
  std::map<std::string, std::string> pairs;
  for (const auto& [name, value] : book.properties) {
    if (name.rfind("taizhang.", 0) == 0) pairs[name] = value;
  }
  if (pairs.count("taizhang.plan") != 0) return pairs;
  if (const formats::XlsxSheet* sheet = book.sheet("_taizhang")) {
    for (std::uint32_t r = 1; r <= 20; ++r) {
      const std::string name = shown(sheet->find(r, 1));
      if (name.rfind("taizhang.", 0) == 0) pairs[name] = shown(sheet->find(r, 2));
    }
  }
  return pairs;
}

// "plan=P; plan_version=1; unit=U; period=2021Q3; kind=unit" → pairs named taizhang.NAME.
std::map<std::string, std::string> line_pairs(std::string_view line) {
  std::map<std::string, std::string> pairs;
  std::size_t at = 0;
  while (at < line.size()) {
    std::size_t end = line.find(';', at);
    if (end == std::string_view::npos) end = line.size();
    const std::string_view part = line.substr(at, end - at);
    const std::size_t eq = part.find('=');
    if (eq != std::string_view::npos) {
      pairs["taizhang." + std::string(util::trim(part.substr(0, eq)))] =
          std::string(util::trim(part.substr(eq + 1)));
    }
    at = end + 1;
  }
  return pairs;
}

std::optional<TemplateIdentity> identity_of(const std::map<std::string, std::string>& pairs,
                                            std::string_view source) {
  const auto get = [&pairs](const char* name) {
    const auto it = pairs.find(name);
    return it == pairs.end() ? std::string() : it->second;
  };
  if (get("taizhang.plan").empty()) return std::nullopt;
  TemplateIdentity id;
  id.plan = get("taizhang.plan");
  id.unit = get("taizhang.unit");
  id.plan_version = std::atoi(get("taizhang.plan_version").c_str());
  const std::optional<TemplateKind> kind = template_kind_from_string(get("taizhang.kind"));
  try {
    id.period = Period::parse(get("taizhang.period"));
  } catch (const Error&) {
    throw ValidationError(Message("{file}: the template's period \"{period}\" cannot be read",
                                  {{"file", std::string(source)},
                                   {"period", get("taizhang.period")}}),
                          Location{std::string(source), 0, 0, ""});
  }
  if (!kind || (*kind == TemplateKind::unit && id.unit.empty())) {
    throw ValidationError(Message("{file}: the template's identity is damaged (kind \"{kind}\", "
                                  "unit \"{unit}\")",
                                  {{"file", std::string(source)},
                                   {"kind", get("taizhang.kind")},
                                   {"unit", id.unit}}),
                          Location{std::string(source), 0, 0, ""});
  }
  id.kind = *kind;
  return id;
}

// Where each synthetic row of the table lies in the workbook, and its columns (the importer's
// column name → the sheet's column number and header label).
struct Origin {
  std::string sheet;
  std::uint32_t row = 0;
  std::map<std::string, std::pair<std::uint32_t, std::string>> columns;
};

// The header row of `sheet`: the first whose first cells hold `first` (序号, 目标编号 or 单位), and
// its labels by column.
std::pair<std::uint32_t, std::map<std::string, std::uint32_t>> header_of(
    const formats::XlsxSheet& sheet, std::string_view first) {
  std::uint32_t row = 0;
  for (const formats::XlsxCell& c : sheet.cells) {
    if (c.column <= 2 && util::trim(c.text) == first) {
      row = c.row;
      break;
    }
  }
  std::map<std::string, std::uint32_t> labels;
  for (const formats::XlsxCell& c : sheet.cells) {
    if (c.row == row && row != 0) labels[std::string(util::trim(c.text))] = c.column;
  }
  return {row, labels};
}

// The importer's columns of the table made from a workbook.
constexpr const char* kColumns[] = {"单位", "报告期", "序号", "进展情况", "完成时限",
                                    "目标", "数值",   "备注"};

class WorkbookTable {
 public:
  WorkbookTable(const formats::XlsxWorkbook& book, const TemplateIdentity& id)
      : book_(book), id_(id) {
    table_.rows.push_back({1, std::vector<std::string>(std::begin(kColumns), std::end(kColumns))});
    origins_.emplace_back();
  }

  present::Table take() {
    if (const formats::XlsxSheet* s = book_.sheet(kNoticeSheet)) notice(*s);
    if (const formats::XlsxSheet* s = book_.sheet(kDataSheet)) data(*s);
    table_.locate = [origins = origins_](Issue& issue) { place(origins, issue); };
    return std::move(table_);
  }

 private:
  void add(const Origin& origin, std::vector<std::string> fields) {
    table_.rows.push_back({table_.rows.size() + 1, std::move(fields)});
    origins_.push_back(origin);
  }

  // 进展情况: 序号, 责任单位, the narrative and 完成时限.
  void notice(const formats::XlsxSheet& sheet) {
    const auto [header, labels] = header_of(sheet, "序号");
    if (header == 0) return;
    const auto col = [&labels = labels](const char* label) {
      const auto it = labels.find(label);
      return it == labels.end() ? std::uint32_t{0} : it->second;
    };
    const std::uint32_t number = col("序号");
    const std::uint32_t units = col("责任单位");
    const std::uint32_t narrative = col("本季度具体措施及任务进度情况");
    const std::uint32_t completion = col("完成时限");
    for (std::uint32_t r = header + 1; r <= last_row(sheet); ++r) {
      const std::string n = shown(sheet.find(r, number));
      if (n.empty()) continue;
      Origin o{std::string(kNoticeSheet), r, {}};
      o.columns["序号"] = {number, "序号"};
      o.columns["单位"] = {units, "责任单位"};
      o.columns["进展情况"] = {narrative, "本季度具体措施及任务进度情况"};
      o.columns["完成时限"] = {completion, "完成时限"};
      add(o, {unit_of(sheet.find(r, units)), id_.period.to_string(), n,
              shown(sheet.find(r, narrative)), shown(sheet.find(r, completion)), "", "", ""});
    }
  }

  // 数据: (单位,) 目标编号, 本期数值, 说明.
  void data(const formats::XlsxSheet& sheet) {
    const auto [header, labels] = header_of(sheet, id_.kind == TemplateKind::unit ? "目标编号" : "单位");
    if (header == 0) return;
    const auto col = [&labels = labels](const char* label) {
      const auto it = labels.find(label);
      return it == labels.end() ? std::uint32_t{0} : it->second;
    };
    const std::uint32_t unit = col("单位");
    const std::uint32_t target = col("目标编号");
    const std::uint32_t value = col("本期数值");
    const std::uint32_t comment = col("说明");
    for (std::uint32_t r = header + 1; r <= last_row(sheet); ++r) {
      const std::string t = shown(sheet.find(r, target));
      if (t.empty()) continue;
      Origin o{std::string(kDataSheet), r, {}};
      o.columns["单位"] = {unit, "单位"};
      o.columns["目标"] = {target, "目标编号"};
      o.columns["数值"] = {value, "本期数值"};
      o.columns["备注"] = {comment, "说明"};
      add(o, {unit_of(sheet.find(r, unit)), id_.period.to_string(), "", "", "", t,
              shown(sheet.find(r, value)), shown(sheet.find(r, comment))});
    }
  }

  // The unit of a row: the template's own, or (consolidated) the name in its 单位 cell.
  [[nodiscard]] std::string unit_of(const formats::XlsxCell* cell) const {
    return id_.kind == TemplateKind::unit ? id_.unit : shown(cell);
  }

  static std::uint32_t last_row(const formats::XlsxSheet& sheet) {
    return sheet.cells.empty() ? 0 : sheet.cells.back().row;
  }

  // "row 7, column 数值" → path 数据!F5, place 数据表 第5行 第F列（本期数值）.
  static void place(const std::vector<Origin>& origins, Issue& issue) {
    if (issue.path.rfind("row ", 0) != 0) return;
    const std::size_t row = std::strtoul(issue.path.c_str() + 4, nullptr, 10);
    if (row == 0 || row > origins.size() || origins[row - 1].row == 0) return;
    const Origin& o = origins[row - 1];
    const std::size_t at = issue.path.find(", column ");
    std::string place = o.sheet + "表 第" + std::to_string(o.row) + "行";
    std::string path = o.sheet + "!";
    const auto it = at == std::string::npos ? o.columns.end()
                                            : o.columns.find(issue.path.substr(at + 9));
    if (it != o.columns.end() && it->second.first != 0) {
      const std::string letter = formats::column_name(it->second.first);
      place += " 第" + letter + "列（" + it->second.second + "）";
      path += letter;
    }
    issue.path = path + std::to_string(o.row);
    issue.place = place;
  }

  const formats::XlsxWorkbook& book_;
  const TemplateIdentity& id_;
  present::Table table_;
  std::vector<Origin> origins_;
};

// The identity of a CSV template: its "# taizhang:" line.
std::optional<TemplateIdentity> csv_identity(std::string_view bytes, std::string_view source) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t end = bytes.find_first_of("\r\n");
  std::string_view line = util::trim(bytes.substr(0, end));
  if (!line.empty() && line.front() == '"') {  // re-saved by a spreadsheet: one quoted field
    line = util::trim(line.substr(1, line.rfind('"') > 0 ? line.rfind('"') - 1 : 0));
  }
  if (line.rfind(present::kTemplateLinePrefix, 0) != 0) return std::nullopt;
  line.remove_prefix(present::kTemplateLinePrefix.size());
  const std::size_t comma = line.find(',');  // a spreadsheet may add empty fields
  return identity_of(line_pairs(line.substr(0, comma)), source);
}

// A filled progress form (`taizhang form --unit U --format xlsx`): its lines 单位：（盖章）NAME
// and 报告期：…; the unit by its name, the plan not named.
std::optional<TemplateIdentity> form_identity(const formats::XlsxWorkbook& book) {
  const formats::XlsxSheet* sheet = book.sheet(kNoticeSheet);
  if (sheet == nullptr) return std::nullopt;
  static constexpr std::string_view kUnit = "单位：（盖章）";
  static constexpr std::string_view kPeriod = "报告期：";
  TemplateIdentity id;
  std::string period;
  for (std::uint32_t r = 1; r <= 5; ++r) {
    const std::string line = shown(sheet->find(r, 1));
    if (line.rfind(kUnit, 0) == 0) id.unit = std::string(util::trim(line.substr(kUnit.size())));
    if (line.rfind(kPeriod, 0) == 0) {
      period = line.substr(kPeriod.size());
      period = period.substr(0, period.find("（"));  // （含草稿…）
    }
  }
  if (id.unit.empty() || period.empty()) return std::nullopt;
  try {
    id.period = Period::parse(util::trim(period));
  } catch (const Error&) {
    return std::nullopt;
  }
  return id;
}

// The plan a file is for: its own, else the one asked for, else the ledger's only plan.
std::string plan_of(const Ledger& ledger, const TemplateIdentity& id, const std::string& asked,
                    const std::string& source) {
  if (!id.plan.empty()) return id.plan;
  if (!asked.empty()) return asked;
  const std::vector<PlanSummary> plans = ledger.plans();
  if (plans.size() == 1) return plans.front().code;
  throw ValidationError(Message("{file} does not name its plan, and the ledger holds {count} plans: "
                                "give the plan (--plan)",
                                {{"file", source}, {"count", std::to_string(plans.size())}}),
                        Location{source, 0, 0, ""});
}

// The unit's code, when a progress form named it by its name.
std::string unit_code(const Plan& plan, const std::string& unit) {
  for (const Unit& u : plan.units) {
    if (u.code == unit) return u.code;
  }
  for (const Unit& u : plan.units) {
    if (u.name == unit || (!u.full_name.empty() && u.full_name == unit)) return u.code;
  }
  return unit;
}

}  // namespace

std::optional<TemplateIdentity> template_identity(std::string_view bytes, std::string_view source) {
  if (!is_xlsx(bytes)) return csv_identity(bytes, source);
  const formats::XlsxWorkbook book = formats::read_xlsx(bytes, source);
  if (std::optional<TemplateIdentity> id = identity_of(identity_pairs(book), source)) return id;
  return form_identity(book);
}

TemplateReading import_template(Ledger& ledger, Actor actor,
                                const std::filesystem::path& path,
                                const TemplateImportOptions& options) {
  const std::string source = path.string();
  const std::string bytes = util::read_file(path, limits::csv_bytes, "a filled template");
  const std::optional<TemplateIdentity> id = template_identity(bytes, source);
  if (!id) {
    throw ValidationError(
        Message("{file} is not a taizhang template: it carries no identity (write one with "
                "`taizhang template`, or import a plain table with import-csv)",
                {{"file", source}}),
        Location{source, 0, 0, ""});
  }
  const Plan plan = ledger.plan(plan_of(ledger, *id, options.plan, source));
  TemplateReading out;
  out.identity = *id;
  out.identity.plan = plan.code;
  out.identity.unit = unit_code(plan, id->unit);
  if (actor.unit.empty() && id->kind == TemplateKind::unit) actor.unit = out.identity.unit;
  if (is_xlsx(bytes)) {
    const formats::XlsxWorkbook book = formats::read_xlsx(bytes, source);
    const present::Table table = WorkbookTable(book, out.identity).take();
    out.reading =
        present::import_table(ledger, actor, plan, &table, {}, source, options.dry_run,
                              options.for_units);
  } else {
    out.reading = present::import_table(ledger, actor, plan, nullptr, bytes, source,
                                          options.dry_run, options.for_units);
  }
  int now = 0;
  for (const PlanSummary& s : ledger.plans()) {
    if (s.code == plan.code) now = s.versions;
  }
  if (id->plan_version != 0 && id->plan_version != now) {
    out.reading.warnings.insert(
        out.reading.warnings.begin(),
        Issue(Issue::Severity::warning, "file",
              Message("the template was made from version {made} of plan \"{plan}\", which is "
                      "now at version {now}: check the targets",
                      {{"made", std::to_string(id->plan_version)},
                       {"plan", plan.code},
                       {"now", std::to_string(now)}})));
  }
  return out;
}

}  // namespace taizhang
