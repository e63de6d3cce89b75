#include "taizhang/csv_import.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "formats/xlsx_reader.hpp"
#include "ledger/report_checks.hpp"
#include "present/table_import.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/limits.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

// ---- encodings

// `bytes` (GB18030, a superset of GBK) as UTF-8; nullopt when they are not valid GB18030.
std::optional<std::string> from_gb18030(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* dst = out.data();
  std::size_t out_left = out.size();
  bool ok = true;
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        const std::size_t used = static_cast<std::size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        out_left = out.size() - used;
        continue;
      }
      ok = false;
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

// ---- bounds

// A progress form holds a few hundred rows of short fields and narratives of a few thousand
// characters. Anything far larger is not such a form (or is an attack on the memory of the process
// that reads it): it is refused before it is read whole or parsed, so that reading any file costs
// bounded memory and time (docs/reliability.md). The file is parsed a row at a time, straight from
// its bytes; only the reports it gives (bounded by the plan: its units, targets and periods) and
// the first limits::csv_problems_listed problems are kept.
constexpr std::size_t kMaxCsvBytes = limits::csv_bytes;         // 64 MiB
constexpr std::size_t kMaxRecordBytes = limits::csv_row_bytes;  // 1 MiB per row
constexpr std::size_t kMaxListed = limits::csv_problems_listed;
constexpr std::size_t kMaxMessageBytes = 1000;  // a problem's message (it may quote the file)

// ---- RFC 4180 records, with the row number each starts on (the header is row 1)

struct Record {
  std::size_t row = 0;
  std::vector<std::string> fields;
  bool unclosed = false;  // its last field opens a quote that is never closed
  bool too_long = false;  // longer than kMaxRecordBytes: reading stopped there
};

// The records of `text`, one at a time: blank records are skipped; a record longer than
// kMaxRecordBytes is given marked too_long (without its fields) and ends the reading.
class Records {
 public:
  explicit Records(std::string_view text) : text_(text) {}

  bool next(Record& out) {
    while (!done_) {
      Record current;
      current.row = row_;
      std::string field;
      bool quoted = false;
      bool was_quoted = false;
      bool ended = false;  // by a line break (else by the end of the text)
      const std::size_t record_start = pos_;
      const auto end_field = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      };
      for (; pos_ < text_.size(); ++pos_) {
        const char c = text_[pos_];
        if (pos_ - record_start > kMaxRecordBytes) {
          current.too_long = true;
          current.fields.clear();
          done_ = true;
          out = std::move(current);
          return true;
        }
        if (quoted) {
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              field += '"';
              ++pos_;
            } else {
              quoted = false;
            }
          } else if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
            continue;  // a line break within a field is kept as '\n', whatever the file's line ends
          } else {
            if (c == '\n') ++row_;
            field += c;
          }
          continue;
        }
        if (c == '"' && util::trim(field).empty() && !was_quoted) {
          field.clear();
          quoted = true;
          was_quoted = true;
        } else if (c == ',') {
          end_field();
        } else if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
          continue;
        } else if (c == '\n' || c == '\r') {
          ++pos_;
          ++row_;
          ended = true;
          break;
        } else {
          field += c;
        }
      }
      if (!ended) {
        // A quote never closed runs to the end of the file: the record is kept, marked, so that
        // the problem is reported with its row and its report is not filed.
        done_ = true;
        current.unclosed = quoted;
        if (!quoted && field.empty() && current.fields.empty()) return false;
      }
      end_field();
      const bool blank = std::all_of(current.fields.begin(), current.fields.end(),
                                     [](const std::string& f) { return util::trim(f).empty(); });
      if (!blank) {
        out = std::move(current);
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t row_ = 1;
  bool done_ = false;
};

// The problems of a file: the first kMaxListed by row are kept, the rest only counted, so that a
// file of a million bad rows costs a few hundred messages, not a million.
class Problems {
 public:
  void add(Issue issue) {
    if (issue.message.size() > kMaxMessageBytes) {
      issue.message = util::excerpt(issue.message, kMaxMessageBytes);
    }
    kept_.push_back(std::move(issue));
    if (kept_.size() >= 2 * kMaxListed) trim();
  }
  void clear() {
    kept_.clear();
    dropped_ = 0;
  }
  [[nodiscard]] bool empty() const { return kept_.empty() && dropped_ == 0; }

  // Into `out`: the first kMaxListed problems by row (in the order found within a row), and the
  // number of the others.
  void finish(CsvReading& out) {
    trim();
    out.problems = std::move(kept_);
    out.problems_not_listed = dropped_;
    clear();
  }

  static std::size_t row_of(const std::string& path) {
    if (path.rfind("row ", 0) != 0) return 0;
    return std::strtoul(path.c_str() + 4, nullptr, 10);
  }

 private:
  void trim() {
    std::stable_sort(kept_.begin(), kept_.end(), [](const Issue& a, const Issue& b) {
      return row_of(a.path) < row_of(b.path);
    });
    if (kept_.size() > kMaxListed) {
      dropped_ += kept_.size() - kMaxListed;
      kept_.resize(kMaxListed);
    }
  }

  std::vector<Issue> kept_;
  std::size_t dropped_ = 0;
};

// ---- columns

enum class Column {
  unit,
  period,
  initiative,
  target,
  value,
  unit_of_measure,
  stage,
  comment,
  evidence,
  narrative,
  completion,
  ignored  // shown to the clerk in a template (实事名称, 目标值, 上期累计…), not read
};

const std::map<std::string, Column>& column_names() {
  static const std::map<std::string, Column> names = {
      {"单位", Column::unit},
      {"责任单位", Column::unit},
      {"unit", Column::unit},
      {"报告期", Column::period},
      {"period", Column::period},
      {"序号", Column::initiative},
      {"实事序号", Column::initiative},
      {"initiative", Column::initiative},
      {"目标", Column::target},
      {"目标编号", Column::target},
      {"target", Column::target},
      {"数值", Column::value},
      {"完成值", Column::value},
      {"value", Column::value},
      {"计量单位", Column::unit_of_measure},
      {"unit_of_measure", Column::unit_of_measure},
      {"阶段", Column::stage},
      {"stage", Column::stage},
      {"备注", Column::comment},
      {"comment", Column::comment},
      {"佐证", Column::evidence},
      {"佐证材料", Column::evidence},
      {"evidence", Column::evidence},
      {"进展情况", Column::narrative},
      {"本季度具体措施及任务进度情况", Column::narrative},
      {"narrative", Column::narrative},
      {"完成时限", Column::completion},
      {"completion", Column::completion},
      // The columns of a CSV template (template_form.hpp) beyond those above.
      {"本期数值", Column::value},
      {"说明", Column::comment},
      {"实事名称", Column::ignored},
      {"目标内容", Column::ignored},
      {"目标值", Column::ignored},
      {"上期累计", Column::ignored},
  };
  return names;
}

// Where each part of a report's content came from in the file, so that a problem the one report
// checker (ledger/report_checks) finds at a path of the content is named by its row and column.
struct Origin {
  std::size_t row = 0;
  std::map<std::string, std::string> columns;  // field ("value", "unit", ...) → column name
};
struct FilingOrigin {
  std::size_t first_row = 0;
  std::string unit_column;
  std::string period_column;
  std::vector<Origin> values;    // by index in the filing's content
  std::vector<Origin> progress;  // by index in the filing's content
};

class Reader {
 public:
  Reader(const Plan& plan, const Actor& actor)
      : plan_(plan), actor_(actor), units_(plan.unit_registry()) {}

  CsvReading read(std::string_view bytes, std::string_view source, ContentMode mode) {
    CsvReading out;
    if (bytes.size() > kMaxCsvBytes) {
      out.problems.push_back(
          {Issue::Severity::error, "file",
           Message("{file} is larger than 64 MiB, the most a progress CSV file may be: not read",
                   {{"file", std::string(source)}})});
      return out;
    }
    // UTF-8 is parsed where it lies; only GB18030 is converted (one copy).
    std::string_view text;
    std::string converted;
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
      out.encoding = TextEncoding::utf8_bom;
      text = bytes.substr(3);
    } else if (util::is_valid_utf8(bytes)) {
      text = bytes;
    } else if (std::optional<std::string> gb = from_gb18030(bytes)) {
      out.encoding = TextEncoding::gb18030;
      converted = std::move(*gb);
      text = converted;
    } else {
      out.problems.push_back({Issue::Severity::error, "file",
                              Message("{file} is neither UTF-8 nor GBK/GB18030 text",
                                      {{"file", std::string(source)}})});
      return out;
    }
    if (!util::is_valid_utf8(text)) {
      out.problems.push_back(
          {Issue::Severity::error, "file", Message("the text is not valid UTF-8")});
      return out;
    }
    Records records(text);
    return read_records([&records](Record& r) { return records.next(r); }, mode, std::move(out));
  }

  // The first visible sheet of a workbook, read as the CSV file is: its first row that holds
  // anything is the header, each later row that holds anything a record; numbers as a person sees
  // them (Excel's 15 significant digits), dates as YYYY-MM-DD.
  CsvReading read_workbook(std::string_view bytes, std::string_view source, ContentMode mode) {
    CsvReading out;
    out.encoding = TextEncoding::xlsx;
    const formats::XlsxWorkbook book = formats::read_xlsx(bytes, source);
    const formats::XlsxSheet* sheet = nullptr;
    for (const formats::XlsxSheet& s : book.sheets) {
      if (!s.hidden) {
        sheet = &s;
        break;
      }
    }
    if (sheet == nullptr) {
      out.problems.push_back(
          {Issue::Severity::error, "file", Message("the workbook has no visible sheet")});
      return out;
    }
    std::size_t next = 0;
    const auto next_record = [&](Record& r) {
      if (next >= sheet->cells.size()) return false;
      r = Record{};
      r.row = sheet->cells[next].row;
      for (; next < sheet->cells.size() && sheet->cells[next].row == r.row; ++next) {
        const formats::XlsxCell& cell = sheet->cells[next];
        if (cell.column > 1000) continue;  // far to the right of any progress column
        r.fields.resize(std::max<std::size_t>(r.fields.size(), cell.column));
        r.fields[cell.column - 1] = cell_text(cell);
      }
      return true;
    };
    return read_records(next_record, mode, std::move(out));
  }

 private:
  // A cell as the person who typed it sees it: a number with at most 15 significant digits (what
  // Excel and WPS show and keep; "0.30000000000000004" from a formula is 0.3).
  static std::string cell_text(const formats::XlsxCell& cell) {
    if (cell.kind != formats::XlsxCellKind::number) return cell.text;
    char* end = nullptr;
    const double v = std::strtod(cell.text.c_str(), &end);
    if (end != cell.text.c_str() + cell.text.size()) return cell.text;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    const std::string shown = buf;
    // Out of plain notation (1e+20, 1e-07): as written, for the value reader to judge.
    return shown.find_first_of("eE") == std::string::npos ? shown : cell.text;
  }

 public:
  // The header and the rows of a table, one record at a time from `next`.
  CsvReading read_records(const std::function<bool(Record&)>& next, ContentMode mode,
                          CsvReading out) {
    const auto too_long = [&](const Record& r) {
      // Not a progress form: nothing of it is kept, only why.
      CsvReading refused;
      refused.encoding = out.encoding;
      refused.problems.push_back({Issue::Severity::error, where(r.row, ""),
                                  "the row is longer than 1 MiB, more than any progress row: "
                                  "reading stopped there (is it the right file?)"});
      problems_.clear();
      origins_.clear();
      bad_reports_.clear();
      return refused;
    };
    Record record;
    if (!next(record)) {
      out.problems.push_back(
          {Issue::Severity::error, "row 1", Message("the file has no header row")});
      return out;
    }
    if (record.too_long) return too_long(record);
    // A template's identity line ("# taizhang: plan=…"), before the header: rows that a clerk
    // leaves untouched give nothing, rather than a problem.
    while (!record.fields.empty() &&
           util::trim(record.fields[0]).rfind(present::kTemplateLinePrefix, 0) == 0) {
      template_ = true;
      if (!next(record)) {
        out.problems.push_back(
            {Issue::Severity::error, "row 1", Message("the file has no header row")});
        return out;
      }
      if (record.too_long) return too_long(record);
    }
    std::vector<Issue> header_problems;
    if (record.unclosed) {
      header_problems.push_back(
          {Issue::Severity::error, where(record.row, ""), "a quoted field is never closed"});
    }
    const bool header_ok = header(record, header_problems) && !record.unclosed;
    for (Issue& i : header_problems) problems_.add(std::move(i));
    if (!header_ok) {
      problems_.finish(out);
      return out;
    }
    ReportIndex report_index;
    while (next(record)) {
      if (record.too_long) return too_long(record);
      ++out.rows;
      row(record, out, report_index);
    }
    // Every report through the one checker, against the plan (the ledger adds its history when it
    // files them): each problem back to its row and column.
    for (std::size_t f = 0; f < out.filings.size(); ++f) {
      Filing& filing = out.filings[f];
      filing.mode = mode;
      std::vector<Issue> errors;
      if (std::optional<Message> p = ledger::period_problem(plan_, filing.key)) {
        errors.push_back({Issue::Severity::error, "period", std::move(*p)});
      }
      if (std::optional<Message> p = ledger::actor_problem(plan_, filing.actor, filing.key)) {
        errors.push_back({Issue::Severity::error, "actor", std::move(*p)});
      }
      const ledger::ContentCheck check =
          ledger::check_content(plan_, units_, filing.key, filing.content, false, {});
      errors.insert(errors.end(), check.errors.begin(), check.errors.end());
      for (const Issue& e : errors) {
        problems_.add({Issue::Severity::error, locate(f, e.path), e.message});
      }
      for (const Issue& w : check.warnings) {
        out.warnings.push_back({Issue::Severity::warning, locate(f, w.path), w.message});
      }
      if (!errors.empty()) bad_reports_.insert(f);
    }
    problems_.finish(out);
    return out;
  }

  // `out` without the reports that have a problem (the partial import relies on this), keeping
  // the origins of the rest in step.
  void drop_bad(CsvReading& out) {
    std::vector<Filing> good;
    std::vector<FilingOrigin> origins;
    for (std::size_t i = 0; i < out.filings.size(); ++i) {
      if (bad_reports_.count(i) != 0) continue;
      good.push_back(std::move(out.filings[i]));
      origins.push_back(std::move(origins_[i]));
    }
    out.filings = std::move(good);
    origins_ = std::move(origins);
    bad_reports_.clear();
  }

  // A path of filing `f`'s content ("values[2].unit", "period", "actor") as the row and column
  // the file gave it in.
  [[nodiscard]] std::string locate(std::size_t f, const std::string& path) const {
    const FilingOrigin& o = origins_[f];
    if (path == "period") return where(o.first_row, o.period_column);
    if (path == "actor" || path.empty() || path == "status")
      return where(o.first_row, o.unit_column);
    const std::size_t open = path.find('[');
    const std::size_t close = path.find(']');
    if (open == std::string::npos || close == std::string::npos) {
      return where(o.first_row, "");
    }
    const std::string list = path.substr(0, open);
    const std::size_t index = std::stoul(path.substr(open + 1, close - open - 1));
    const std::vector<Origin>& origins = list == "values" ? o.values : o.progress;
    if (index >= origins.size()) return where(o.first_row, "");
    return locate(origins[index], path);
  }

 private:
  // The column of `path`'s field ("values[0].unit" → unit) in the row `origin` names.
  static std::string locate(const Origin& origin, const std::string& path) {
    const std::size_t close = path.find(']');
    const std::string field =
        close != std::string::npos && close + 2 <= path.size() ? path.substr(close + 2) : "";
    auto it = origin.columns.find(field);
    if (it == origin.columns.end()) it = origin.columns.find("");
    return where(origin.row, it == origin.columns.end() ? "" : it->second);
  }

 public:
 private:
  static std::string where(std::size_t row, const std::string& column) {
    return "row " + std::to_string(row) + (column.empty() ? "" : ", column " + column);
  }

  bool header(const Record& record, std::vector<Issue>& problems) {
    const std::size_t problems_before = problems.size();
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      std::string name(util::trim(record.fields[i]));
      std::string lower = name;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      });
      if (name.empty()) continue;
      const auto it = column_names().find(lower);
      if (it == column_names().end()) {
        problems.push_back({Issue::Severity::error, where(record.row, util::excerpt(name, 100)),
                            "\"" + util::excerpt(name, 100) +
                                "\" is not a column this import knows (单位, 报告期, 序号, "
                                "目标, 数值, 计量单位, 阶段, 备注, 佐证, 进展情况, 完成时限)"});
        continue;
      }
      if (it->second == Column::ignored) continue;
      if (columns_.count(it->second) != 0) {
        problems.push_back({Issue::Severity::error, where(record.row, name),
                            "the column \"" + name + "\" appears twice"});
        continue;
      }
      columns_[it->second] = {i, name};
    }
    for (const Column required : {Column::unit, Column::period}) {
      if (columns_.count(required) == 0) {
        problems.push_back({Issue::Severity::error, where(record.row, ""),
                            required == Column::unit ? "the header has no 单位 (unit) column"
                                                     : "the header has no 报告期 (period) column"});
      }
    }
    return problems.size() == problems_before;
  }

  // The trimmed field of `column` in `record`, and the column's name for messages.
  std::pair<std::string, std::string> field(const Record& record, Column column) const {
    const auto it = columns_.find(column);
    if (it == columns_.end()) return {};
    const std::size_t index = it->second.first;
    return {index < record.fields.size() ? std::string(util::trim(record.fields[index])) : "",
            it->second.second};
  }

  // The reports being made, by (unit, period): their index in CsvReading::filings.
  using ReportIndex = std::map<std::pair<std::string, std::string>, std::size_t>;

  // One row: what only a file has to say — which unit (by code or name) and period, which
  // target and initiative, rows that disagree or repeat — is checked here; the content it gives
  // goes into its report, for the one checker.
  void row(const Record& record, CsvReading& out, ReportIndex& report_index) {
    std::vector<Issue> mine;  // this row's problems, in the order found
    row(record, out, report_index, mine);
    for (Issue& i : mine) problems_.add(std::move(i));
  }

  // What a row gives, read step by step, and its problems in the order found.
  struct Row {
    Row(const Record& r, std::vector<Issue>& m) : record(r), mine(m) {}

    void problem(const std::string& column, const Message& message) {
      mine.push_back({Issue::Severity::error, where(record.row, column), message});
    }

    const Record& record;
    std::vector<Issue>& mine;
    std::string unit;  // the unit's code
    std::string unit_column;
    std::optional<Period> period;
    std::string period_column;
    std::string target_text;
    const Target* target = nullptr;
    std::string target_column;
    std::optional<int> number;  // the initiative's
    std::string number_column;
    std::optional<TargetValue> value;
    Origin value_origin;
    std::optional<InitiativeProgress> progress;
    Origin progress_origin;
    std::string narrative_column;
    std::string completion_column;
  };

  void row(const Record& record, CsvReading& out, ReportIndex& report_index,
           std::vector<Issue>& mine) {
    Row r(record, mine);
    if (record.unclosed) r.problem("", Message("a quoted field is never closed"));
    read_unit(r);
    read_period(r);
    read_initiative(r);
    read_value(r);
    read_progress(r);
    if (!r.value && !r.progress && mine.empty() && template_) return;  // a row left as it was
    if (!r.value && !r.progress && mine.empty()) {
      r.problem("", Message("the row gives neither a target's value nor an initiative's progress"));
    }

    if (r.unit.empty() || !r.period) {
      if (mine.empty()) r.problem("", Message("the row has no report to go into"));
      return;
    }
    // A period the plan is not reported by makes no report (the problem as the checker words it),
    // so that a file of many periods cannot make many reports.
    if (std::optional<Message> p =
            ledger::period_problem(plan_, ReportKey{plan_.code, r.unit, *r.period})) {
      r.problem(r.period_column, p->text());
      return;
    }
    const std::size_t report = report_of(r, out, report_index);
    if (r.value) add_value(r, out, report);
    if (r.progress) add_progress(r, out.filings[report].content, origins_[report]);
    if (!mine.empty()) bad_reports_.insert(report);
  }

  // Unit: a code or a name of the plan's units.
  void read_unit(Row& r) const {
    const auto [unit_text, unit_column] = field(r.record, Column::unit);
    r.unit_column = unit_column;
    for (const Unit& u : plan_.units) {
      if (unit_text.empty()) break;
      if (u.code == unit_text || u.name == unit_text ||
          (!u.full_name.empty() && u.full_name == unit_text)) {
        r.unit = u.code;
      }
    }
    if (unit_text.empty()) {
      r.problem(unit_column, Message("the unit is empty"));
    } else if (r.unit.empty()) {
      r.problem(unit_column, Message("\"{unit}\" is not a unit of plan \"{plan}\"",
                                     {{"unit", unit_text}, {"plan", plan_.code}}));
    }
  }

  // Period (its kind and window are the checker's).
  void read_period(Row& r) const {
    const auto [period_text, period_column] = field(r.record, Column::period);
    r.period_column = period_column;
    try {
      r.period = Period::parse(period_text);
    } catch (const Error& e) {
      r.problem(period_column, e.message());
    }
  }

  // Target, and the initiative (by number, also 一、二、…), which must agree with the target's.
  void read_initiative(Row& r) const {
    const auto [target_text, target_column] = field(r.record, Column::target);
    r.target_text = target_text;
    r.target_column = target_column;
    r.target = target_text.empty() ? nullptr : plan_.find_target(target_text);
    const Initiative* initiative =
        r.target != nullptr ? plan_.initiative_of(r.target->code) : nullptr;
    const auto [number_text, number_column] = field(r.record, Column::initiative);
    r.number_column = number_column;
    if (!number_text.empty()) {
      std::string digits = number_text;
      if (digits.size() > 3 && digits.substr(digits.size() - 3) == "、") {
        digits.resize(digits.size() - 3);
      }
      try {
        const Decimal n = parse_number(digits);
        if (!n.is_integer() || n.sign() <= 0 || n > Decimal(1000000)) {
          r.problem(number_column,
                    Message("\"{value}\" is not an initiative's number", {{"value", number_text}}));
        } else {
          r.number = static_cast<int>(n.to_integer());
          if (initiative != nullptr && initiative->number != *r.number) {
            r.problem(number_column,
                      Message("target {target} belongs to initiative {number}, not {given}",
                              {{"target", r.target->code},
                               {"number", std::to_string(initiative->number)},
                               {"given", number_text}}));
          }
        }
      } catch (const Error& e) {
        r.problem(number_column, e.message());
      }
    }
    if (!r.number && initiative != nullptr) r.number = initiative->number;
  }

  // The target's value the row gives, if any.
  void read_value(Row& r) const {
    const auto [value_text, value_column] = field(r.record, Column::value);
    const auto [uom_text, uom_column] = field(r.record, Column::unit_of_measure);
    const auto [stage_text, stage_column] = field(r.record, Column::stage);
    const auto [comment_text, comment_column] = field(r.record, Column::comment);
    const auto [evidence_text, evidence_column] = field(r.record, Column::evidence);
    // A template shows each target's unit of measure: alone, it gives nothing.
    const bool shown_unit = template_ && r.target != nullptr && uom_text == r.target->unit;
    const bool gives_value = !value_text.empty() || !stage_text.empty() ||
                             (!uom_text.empty() && !shown_unit) || !comment_text.empty() ||
                             !evidence_text.empty();
    if (gives_value && r.target_text.empty()) {
      r.problem(
          value_text.empty() ? (stage_text.empty() ? comment_column : stage_column) : value_column,
          "a value needs its target (目标) in the same row");
    }
    r.value_origin = Origin{r.record.row,
                            {{"", r.target_column},
                             {"target", r.target_column},
                             {"value", value_column},
                             {"unit", uom_column.empty() ? value_column : uom_column},
                             {"stage", stage_column},
                             {"comment", comment_column},
                             {"evidence", evidence_column}}};
    if (r.target_text.empty() || (template_ && !gives_value)) return;
    if (template_ && r.target != nullptr && !template_value(r, value_text, value_column)) return;
    TargetValue& value = r.value.emplace();
    value.target = r.target != nullptr ? r.target->code : r.target_text;
    // A plain number is the number; anything else is read against the target when filed.
    if (const std::optional<Decimal> plain = Decimal::try_parse(value_text)) {
      value.value = *plain;
    } else {
      value.text = value_text;
    }
    value.unit = shown_unit ? std::string() : uom_text;
    value.stage = stage_text;
    // A template has one cell to fill per target: for a milestone it holds the stage.
    if (template_ && r.target != nullptr && r.target->measure == Measure::milestone &&
        stage_text.empty() && !value.value) {
      value.stage = value.text;
      value.text.clear();
      r.value_origin.columns["stage"] = value_column;
    }
    value.comment = comment_text;
    value.evidence = evidence_text;
    if (r.target == nullptr) {
      // Named here, as the checker would, and not kept: a file of many made-up targets makes
      // no report grow.
      r.problem(r.target_column,
                Message("plan \"{plan}\" has no target \"{target}\"",
                        {{"plan", plan_.code}, {"target", util::excerpt(r.target_text)}}));
      r.value.reset();
    }
  }

  // In a template, 本期数值 of a target counted in numbers is a number, as the clerk's data
  // validation asks: anything the value reader cannot read is named here, in the clerk's words.
  [[nodiscard]] bool template_value(Row& r, const std::string& text,
                                    const std::string& column) const {
    if (!r.target->is_numeric() || text.empty() || Decimal::try_parse(text)) return true;
    try {
      (void)taizhang::read_value(text, "", r.target->unit, units_);
      return true;
    } catch (const Error&) {
      r.problem(column,
                Message("\"{text}\" is not a number", {{"text", util::excerpt(text, 100)}}));
      return false;
    }
  }

  // Progress of the initiative.
  void read_progress(Row& r) const {
    const auto [narrative_text, narrative_column] = field(r.record, Column::narrative);
    const auto [completion_text, completion_column] = field(r.record, Column::completion);
    r.narrative_column = narrative_column;
    r.completion_column = completion_column;
    const std::string& initiative_column =
        r.number_column.empty() ? r.target_column : r.number_column;
    r.progress_origin = Origin{r.record.row,
                               {{"", initiative_column},
                                {"initiative", initiative_column},
                                {"narrative", narrative_column},
                                {"expected_completion", completion_column}}};
    if (narrative_text.empty() && completion_text.empty()) return;
    if (!r.number) {
      // Named where the number is missing, else where the progress is.
      r.problem(!r.number_column.empty() ? r.number_column
                : narrative_text.empty() ? completion_column
                                         : narrative_column,
                "progress needs its initiative (序号) or a target in the same row");
      return;
    }
    r.progress = InitiativeProgress{*r.number, narrative_text, std::nullopt};
    if (!completion_text.empty()) {
      try {
        r.progress->expected_completion = Date::parse(completion_text);
      } catch (const Error& e) {
        r.problem(completion_column, e.message());
      }
    }
    if (plan_.find_initiative(*r.number) == nullptr) {
      r.problem(r.number_column,
                "plan \"" + plan_.code + "\" has no initiative " + std::to_string(*r.number));
      r.progress.reset();
    }
  }

  // The report of the row's unit and period: made at its first row.
  std::size_t report_of(const Row& r, CsvReading& out, ReportIndex& report_index) {
    auto [it, fresh] =
        report_index.try_emplace(std::make_pair(r.unit, r.period->to_string()), out.filings.size());
    if (fresh) {
      // On behalf of the units (a consolidated template the office enters): each its reporter.
      const Actor actor = for_units_ ? Actor{r.unit, ActorRole::reporter, actor_.person} : actor_;
      out.filings.push_back(Filing{actor, ReportKey{plan_.code, r.unit, *r.period}, {}});
      origins_.push_back(FilingOrigin{r.record.row, r.unit_column, r.period_column, {}, {}});
    }
    return it->second;
  }

  // The row's value into its report, unless an earlier row gave the target one.
  void add_value(Row& r, CsvReading& out, std::size_t report) {
    ReportContent& content = out.filings[report].content;
    if (content.find_value(r.value->target) == nullptr) {
      content.values.push_back(std::move(*r.value));
      origins_[report].values.push_back(std::move(r.value_origin));
      return;
    }
    r.problem(
        r.target_column,
        Message(
            "target {target} already has a value for {unit} in {period} in an earlier row",
            {{"target", r.value->target}, {"unit", r.unit}, {"period", r.period->to_string()}}));
    // Its own value is still checked, so that every problem of the row is named at once.
    ReportContent alone;
    alone.values.push_back(std::move(*r.value));
    const ledger::ContentCheck check =
        ledger::check_content(plan_, units_, out.filings[report].key, alone, false, {});
    for (const Issue& e : check.errors) {
      if (e.path.find(".target") != std::string::npos) continue;  // named above
      r.mine.push_back({Issue::Severity::error, locate(r.value_origin, e.path), e.message});
    }
  }

  // The row's progress into its report: several rows of one initiative give one narrative, once
  // (values may fill the rest).
  static void add_progress(Row& r, ReportContent& content, FilingOrigin& origin) {
    InitiativeProgress* existing = find_progress(content, r.progress->initiative);
    if (existing == nullptr) {
      content.progress.push_back(*r.progress);
      origin.progress.push_back(std::move(r.progress_origin));
      return;
    }
    if (!r.progress->narrative.empty() && !existing->narrative.empty() &&
        existing->narrative != r.progress->narrative) {
      r.problem(r.narrative_column,
                Message("initiative {number} already has its progress in an earlier row",
                        {{"number", std::to_string(r.progress->initiative)}}));
    } else if (r.progress->expected_completion && existing->expected_completion &&
               existing->expected_completion != r.progress->expected_completion) {
      r.problem(r.completion_column,
                Message("initiative {number} already has another 完成时限 in an earlier row",
                        {{"number", std::to_string(r.progress->initiative)}}));
    } else {
      if (existing->narrative.empty()) existing->narrative = r.progress->narrative;
      if (!existing->expected_completion) {
        existing->expected_completion = r.progress->expected_completion;
      }
    }
  }

  static InitiativeProgress* find_progress(ReportContent& content, int initiative) {
    for (InitiativeProgress& p : content.progress) {
      if (p.initiative == initiative) return &p;
    }
    return nullptr;
  }

  const Plan& plan_;
  const Actor& actor_;
  UnitRegistry units_;
  std::map<Column, std::pair<std::size_t, std::string>> columns_;
  std::set<std::size_t> bad_reports_;
  std::vector<FilingOrigin> origins_;  // by filing, in step with CsvReading::filings
  Problems problems_;
  bool template_ = false;   // the file is a template: rows left untouched give nothing
  bool for_units_ = false;  // each report filed as its unit's reporter (consolidated templates)

 public:
  void set_template() { template_ = true; }
  void set_for_units() { for_units_ = true; }
  [[nodiscard]] bool is_template() const { return template_; }
  // The column of the header named `name` (0-based), if the header has it.
  [[nodiscard]] std::optional<std::size_t> column_index(const std::string& name) const {
    for (const auto& [column, at] : columns_) {
      if (at.second == name) return at.first;
    }
    return std::nullopt;
  }
};

}  // namespace

const char* to_string(TextEncoding encoding) noexcept {
  switch (encoding) {
    case TextEncoding::utf8: return "utf-8";
    case TextEncoding::utf8_bom: return "utf-8-bom";
    case TextEncoding::gb18030: return "gb18030";
    case TextEncoding::xlsx: return "xlsx";
  }
  return "unknown";
}
std::optional<TextEncoding> text_encoding_from_string(std::string_view text) noexcept {
  for (const TextEncoding e :
       {TextEncoding::utf8, TextEncoding::utf8_bom, TextEncoding::gb18030, TextEncoding::xlsx}) {
    if (text == to_string(e)) return e;
  }
  return std::nullopt;
}

CsvReading read_progress_csv(const Actor& actor, const Plan& plan, std::string_view bytes,
                             std::string_view source, ContentMode mode) {
  Reader reader(plan, actor);
  CsvReading reading = reader.read(bytes, source, mode);
  reader.drop_bad(reading);
  return reading;
}

CsvReading read_progress_xlsx(const Actor& actor, const Plan& plan, std::string_view bytes,
                              std::string_view source, ContentMode mode) {
  Reader reader(plan, actor);
  CsvReading reading = reader.read_workbook(bytes, source, mode);
  reader.drop_bad(reading);
  return reading;
}

bool is_xlsx(std::string_view bytes) noexcept {
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

namespace {

// The problems listed, and a last one that counts those that are not.
std::vector<Issue> listed(const CsvReading& r) {
  std::vector<Issue> out = r.problems;
  if (r.problems_not_listed != 0) {
    out.push_back({Issue::Severity::error, "file",
                   Message("… and {more} more problems, not listed (the first {listed} are)",
                           {{"more", std::to_string(r.problems_not_listed)},
                            {"listed", std::to_string(kMaxListed)}})});
  }
  return out;
}

// Checks what `reading` gives against the ledger's history and files it (unless `dry_run`): all
// of it, or (partial) the reports that are good. Every problem and warning named by `locate`.
CsvReading check_and_file(Ledger& ledger, Reader& reader, CsvReading reading,
                          const std::string& source, bool partial, bool dry_run,
                          const present::Locate& locate) {
  const auto placed = [&locate](std::vector<Issue>& issues) {
    if (locate) {
      for (Issue& i : issues) locate(i);
    }
  };
  placed(reading.problems);
  if (!reading.problems.empty() && !partial && !dry_run) {
    throw ValidationError(listed(reading), source);
  }
  // What only the ledger knows (earlier periods' running totals, a report already handed in):
  // its own checks, as a dry run first, each problem and warning named by its row and column.
  reading.warnings.clear();
  std::vector<Filing> good;
  const std::vector<FilingCheck> checks = ledger.check(reading.filings);
  const std::size_t known = reading.problems.size();
  for (std::size_t f = 0; f < checks.size(); ++f) {
    for (const Issue& e : checks[f].errors) {
      if (reading.problems.size() >= kMaxListed) {
        ++reading.problems_not_listed;
        continue;
      }
      reading.problems.push_back({Issue::Severity::error, reader.locate(f, e.path), e.message});
    }
    for (const Issue& w : checks[f].warnings) {
      reading.warnings.push_back({Issue::Severity::warning, reader.locate(f, w.path), w.message});
    }
    if (checks[f].ok()) good.push_back(reading.filings[f]);
  }
  std::vector<Issue> found(reading.problems.begin() + static_cast<std::ptrdiff_t>(known),
                           reading.problems.end());
  placed(found);
  std::copy(found.begin(), found.end(),
            reading.problems.begin() + static_cast<std::ptrdiff_t>(known));
  placed(reading.warnings);
  if (dry_run) return reading;
  if (good.size() != reading.filings.size() && !partial) {
    // A conflict (a report already handed in) or a refusal keeps its class, and so its exit code.
    const auto failed =
        std::find_if(checks.begin(), checks.end(), [](const FilingCheck& c) { return !c.ok(); });
    std::string message;
    for (const Issue& p : listed(reading)) {
      message += "\n" + (p.place.empty() ? p.path : p.place) + ": " + p.message;
    }
    const Location where{source, 0, 0, ""};
    switch (failed->code) {
      case ErrorCode::conflict: throw ConflictError(message.substr(1), where);
      case ErrorCode::permission_denied: throw PermissionDenied(message.substr(1), where);
      case ErrorCode::not_found: throw NotFoundError(message.substr(1), where);
      default: throw ValidationError(listed(reading), source);
    }
  }
  reading.filings = std::move(good);
  ledger.file_all(reading.filings);
  return reading;
}

// A CSV template's problem "row 7, column 本期数值" as the clerk sees the file in a spreadsheet:
// 第7行 第L列（本期数值）.
present::Locate csv_places(const Reader& reader) {
  return [&reader](Issue& issue) {
    if (issue.path.rfind("row ", 0) != 0) return;
    const std::size_t row = std::strtoul(issue.path.c_str() + 4, nullptr, 10);
    std::string place = "第" + std::to_string(row) + "行";
    const std::size_t at = issue.path.find(", column ");
    if (at != std::string::npos) {
      const std::string name = issue.path.substr(at + 9);
      if (const std::optional<std::size_t> c = reader.column_index(name)) {
        place += " 第" + formats::column_name(static_cast<std::uint32_t>(*c + 1)) + "列";
      }
      place += "（" + name + "）";
    }
    issue.place = place;
  };
}

}  // namespace

namespace present {

CsvReading import_table(Ledger& ledger, const Actor& actor, const Plan& plan, const Table* table,
                        std::string_view bytes, const std::string& source, bool dry_run,
                        bool for_units) {
  Reader reader(plan, actor);
  reader.set_template();
  if (for_units) reader.set_for_units();
  CsvReading reading;
  if (table != nullptr) {
    reading.encoding = TextEncoding::xlsx;
    std::size_t next = 0;
    const auto next_record = [&](Record& r) {
      if (next >= table->rows.size()) return false;
      r = Record{};
      r.row = table->rows[next].row;
      r.fields = table->rows[next].fields;
      ++next;
      return true;
    };
    reading = reader.read_records(next_record, ContentMode::merge, std::move(reading));
  } else {
    reading = reader.read(bytes, source, ContentMode::merge);
  }
  reader.drop_bad(reading);
  const Locate locate = table != nullptr ? table->locate : csv_places(reader);
  return check_and_file(ledger, reader, std::move(reading), source, false, dry_run, locate);
}

}  // namespace present

CsvReading import_progress_csv(Ledger& ledger, const Actor& actor, std::string_view plan,
                               const std::filesystem::path& path, const CsvImportOptions& options) {
  const std::string bytes = util::read_file(path, kMaxCsvBytes, "a progress CSV file or workbook");
  const Plan current = ledger.plan(plan);
  Reader reader(current, actor);
  CsvReading reading = is_xlsx(bytes) ? reader.read_workbook(bytes, path.string(), options.mode)
                                      : reader.read(bytes, path.string(), options.mode);
  reader.drop_bad(reading);
  return check_and_file(ledger, reader, std::move(reading), path.string(), options.partial, false,
                        nullptr);
}

}  // namespace taizhang
