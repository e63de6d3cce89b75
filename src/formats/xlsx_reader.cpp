#include "formats/xlsx_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

#if TAIZHANG_WITH_XLSX
#include <expat.h>
#include <zip.h>
#endif

namespace taizhang::formats {

const XlsxCell* XlsxSheet::find(std::uint32_t row, std::uint32_t column) const {
  const auto it =
      std::lower_bound(cells.begin(), cells.end(), std::pair{row, column},
                       [](const XlsxCell& c, const std::pair<std::uint32_t, std::uint32_t>& k) {
                         return std::pair{c.row, c.column} < k;
                       });
  return it != cells.end() && it->row == row && it->column == column ? &*it : nullptr;
}

const XlsxSheet* XlsxWorkbook::sheet(std::string_view name) const {
  for (const XlsxSheet& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string column_name(std::uint32_t column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return out;
}

#if !TAIZHANG_WITH_XLSX

XlsxWorkbook read_xlsx(std::string_view, std::string_view source, const XlsxLimits&) {
  Location where;
  where.file = std::string(source);
  throw IoError(
      "this build of taizhang reads no .xlsx (built with TAIZHANG_WITH_XLSX=OFF): save the "
      "sheet as CSV",
      where);
}

#else

namespace {

// What a workbook may hold. Excel's own limits for rows, columns and a cell's text; the rest keep
// memory and time bounded whatever the file says of itself.
constexpr std::uint32_t kMaxRow = 1'048'576;
constexpr std::uint32_t kMaxColumn = 16'384;
constexpr std::size_t kMaxCellBytes = 32'767 * 4;                   // 32,767 characters
constexpr std::uint64_t kMaxTextBytes = std::uint64_t{128} << 20U;  // all the shared text kept

[[noreturn]] void refuse(std::string_view source, const std::string& part, std::uint32_t line,
                         const std::string& what) {
  Location where;
  where.file = std::string(source);
  where.line = line;
  where.path = part;
  throw ParseError("cannot read the workbook: " + what, where);
}

// ---- the zip container --------------------------------------------------------------------------

// An entry name that stays inside the archive: no absolute path, drive letter, backslash or "..".
bool safe_entry_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return false;
  }
  if (name.size() >= 2 && name[1] == ':') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return false;
    start = end + 1;
  }
  return true;
}

class Archive {
 public:
  Archive(std::string_view bytes, std::string_view source, const XlsxLimits& limits)
      : source_(source), limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src == nullptr) fail_with(error);
    zip_.reset(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (zip_ == nullptr) {
      zip_source_free(src);
      fail_with(error);
    }
    zip_error_fini(&error);
    check_entries();
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;
  ~Archive() = default;

  [[nodiscard]] bool has(const std::string& name) const {
    return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0;
  }

  // Feeds the inflated bytes of `name` to `sink` a block at a time, refusing a part that inflates
  // beyond its limit. False when there is no such entry.
  bool stream(const std::string& name, const std::function<void(std::string_view)>& sink) {
    const zip_int64_t index = zip_name_locate(zip_.get(), name.c_str(), 0);
    if (index < 0) return false;
    zip_file_t* file = zip_fopen_index(zip_.get(), static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr)
      refuse(source_, name, 0,
             std::string("the part cannot be opened (") + zip_strerror(zip_.get()) + ")");
    const std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(file, zip_fclose);
    std::array<char, 64 * 1024> block{};
    std::uint64_t part = 0;
    for (;;) {
      const zip_int64_t n = zip_fread(file, block.data(), block.size());
      if (n < 0)
        refuse(source_, name, 0,
               std::string("the part is damaged (") + zip_file_strerror(file) + ")");
      if (n == 0) break;
      part += static_cast<std::uint64_t>(n);
      total_ += static_cast<std::uint64_t>(n);
      if (part > limits_.part_bytes || total_ > limits_.total_bytes) {
        const std::uint64_t limit =
            part > limits_.part_bytes ? limits_.part_bytes : limits_.total_bytes;
        refuse(source_, name, 0,
               "it inflates to more than " + std::to_string(limit) +
                   " bytes (a zip bomb, or not a clerk's workbook)");
      }
      sink(std::string_view(block.data(), static_cast<std::size_t>(n)));
    }
    return true;
  }

 private:
  [[noreturn]] void fail_with(zip_error_t& error) {
    const std::string what = zip_error_strerror(&error);
    zip_error_fini(&error);
    refuse(source_, "", 0, "it is not an .xlsx file (a zip archive): " + what);
  }

  void check_entries() {
    const zip_int64_t n = zip_get_num_entries(zip_.get(), 0);
    if (n < 0 || static_cast<std::uint64_t>(n) > limits_.entries) {
      refuse(source_, "", 0,
             "the archive holds more than " + std::to_string(limits_.entries) + " parts");
    }
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(zip_.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
      if (name == nullptr || !safe_entry_name(name)) {
        refuse(source_, name != nullptr ? util::excerpt(name, 200) : "", 0,
               "an entry's name points outside the archive (path traversal)");
      }
    }
  }

  std::string source_;
  XlsxLimits limits_;
  // Closed without writing, also when the constructor throws after opening it (a refused entry).
  std::unique_ptr<zip_t, void (*)(zip_t*)> zip_{nullptr, zip_discard};
  std::uint64_t total_ = 0;
};

// ---- XML, a part at a time
// ------------------------------------------------------------------------

// Receives a part's elements by local name (namespaces dropped) and their text.
class XmlHandler {
 public:
  XmlHandler() = default;
  XmlHandler(const XmlHandler&) = delete;
  XmlHandler& operator=(const XmlHandler&) = delete;
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}
};

std::string_view local_name(const char* name) {
  const std::string_view n(name);
  const std::size_t sep = n.rfind('\x01');
  return sep == std::string_view::npos ? n : n.substr(sep + 1);
}

// The value of attribute `name` (local name), or nullopt.
std::optional<std::string_view> attribute(const char** attributes, std::string_view name) {
  for (std::size_t i = 0; attributes[i] != nullptr; i += 2) {
    if (local_name(attributes[i]) == name) return std::string_view(attributes[i + 1]);
  }
  return std::nullopt;
}

class XmlPart {
 public:
  XmlPart(std::string_view source, std::string part, XmlHandler& handler)
      : source_(source),
        part_(std::move(part)),
        handler_(handler),
        parser_(XML_ParserCreateNS(nullptr, '\x01')) {
    if (parser_ == nullptr) throw std::bad_alloc();
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlPart::on_start, &XmlPart::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlPart::on_text);
    // No document type: no entity of any kind is declared, let alone expanded or fetched.
    XML_SetStartDoctypeDeclHandler(parser_, &XmlPart::on_doctype);
  }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;
  ~XmlPart() { XML_ParserFree(parser_); }

  void feed(std::string_view bytes, bool last) {
    if (XML_Parse(parser_, bytes.data(), static_cast<int>(bytes.size()), last ? 1 : 0) ==
        XML_STATUS_ERROR) {
      const auto line = static_cast<std::uint32_t>(XML_GetCurrentLineNumber(parser_));
      if (doctype_)
        refuse(source_, part_, line,
               "it declares a document type (DTD), which a workbook never does");
      refuse(source_, part_, line,
             std::string("the XML is not well formed (") +
                 XML_ErrorString(XML_GetErrorCode(parser_)) + ")");
    }
  }

 private:
  static void on_start(void* self, const char* name, const char** attributes) {
    static_cast<XmlPart*>(self)->handler_.start(local_name(name), attributes);
  }
  static void on_end(void* self, const char* name) {
    static_cast<XmlPart*>(self)->handler_.end(local_name(name));
  }
  static void on_text(void* self, const char* text, int length) {
    static_cast<XmlPart*>(self)->handler_.text(
        std::string_view(text, static_cast<std::size_t>(length)));
  }
  static void on_doctype(void* self, const char*, const char*, const char*, int) {
    auto* part = static_cast<XmlPart*>(self);
    part->doctype_ = true;
    XML_StopParser(part->parser_, XML_FALSE);
  }

  std::string_view source_;
  std::string part_;
  XmlHandler& handler_;
  XML_Parser parser_;
  bool doctype_ = false;
};

// Parses part `name` of the archive with `handler`; false when the archive has no such part.
bool parse_part(Archive& archive, std::string_view source, const std::string& name,
                XmlHandler& handler) {
  XmlPart xml(source, name, handler);
  const bool found = archive.stream(name, [&](std::string_view block) { xml.feed(block, false); });
  if (found) xml.feed({}, true);
  return found;
}

// ---- the parts
// ---------------------------------------------------------------------------------------

// "xl/worksheets/../sharedStrings.xml" → "xl/sharedStrings.xml"; a path that climbs out of the
// package stays as it is and then names no part.
std::string normalised(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return path;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
  return out;
}

// A relationships part: Id → target part name, resolved against the folder of the part it
// belongs to.
class Relationships final : public XmlHandler {
 public:
  explicit Relationships(std::string folder) : folder_(std::move(folder)) {}
  void start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const auto id = attribute(a, "Id");
    const auto target = attribute(a, "Target");
    const auto mode = attribute(a, "TargetMode");
    if (!id || !target || (mode && *mode == "External")) return;
    const std::string path =
        target->starts_with('/') ? std::string(target->substr(1)) : folder_ + std::string(*target);
    targets[std::string(*id)] = normalised(path);
  }
  void end(std::string_view) override {}
  std::map<std::string, std::string> targets;

 private:
  std::string folder_;
};

struct SheetEntry {
  std::string name;
  std::string relationship;
  bool hidden = false;
};

class WorkbookPart final : public XmlHandler {
 public:
  void start(std::string_view name, const char** a) override {
    if (name == "sheet") {
      SheetEntry s;
      s.name = std::string(attribute(a, "name").value_or(""));
      s.relationship = std::string(attribute(a, "id").value_or(""));
      const std::string_view state = attribute(a, "state").value_or("visible");
      s.hidden = state == "hidden" || state == "veryHidden";
      sheets.push_back(std::move(s));
    } else if (name == "workbookPr") {
      const std::string_view v = attribute(a, "date1904").value_or("0");
      date1904 = v == "1" || v == "true";
    }
  }
  void end(std::string_view) override {}
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

// Text inside <t> elements, except inside phonetic runs (<rPh>): for shared strings, inline
// strings.
class RichText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_text_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh") --phonetic_;
    if (name == "t") in_text_ = false;
  }
  // False when the text grew beyond a cell's limit.
  bool text(std::string_view s) {
    if (!in_text_) return true;
    value.append(s);
    return value.size() <= kMaxCellBytes;
  }
  std::string value;

 private:
  int phonetic_ = 0;
  bool in_text_ = false;
};

class SharedStringsPart final : public XmlHandler {
 public:
  SharedStringsPart(std::string_view source, std::size_t max_strings)
      : source_(source), max_strings_(max_strings) {}
  void start(std::string_view name, const char**) override {
    if (name == "si") {
      rich_ = RichText{};
      in_item_ = true;
    } else if (in_item_) {
      rich_.start(name);
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      bytes_ += rich_.value.size();
      if (strings.size() >= max_strings_ || bytes_ > kMaxTextBytes) {
        refuse(source_, "xl/sharedStrings.xml", 0, "it holds more text than a workbook may");
      }
      strings.push_back(std::move(rich_.value));
    } else if (in_item_) {
      rich_.end(name);
    }
  }
  void text(std::string_view s) override {
    if (in_item_ && !rich_.text(s)) {
      refuse(source_, "xl/sharedStrings.xml", 0, "a text is longer than 32,767 characters");
    }
  }
  std::vector<std::string> strings;

 private:
  std::string_view source_;
  std::size_t max_strings_;
  RichText rich_;
  bool in_item_ = false;
  std::uint64_t bytes_ = 0;
};

// Whether a number format shows a date or a time: the built-in date formats (including the
// Chinese and Japanese ones, 27–36 and 50–58), or a format code with y, m, d, h or s outside
// quoted text, escapes and [colour] brackets.
bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58)) {
    return true;
  }
  if (code.empty()) return false;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is
    } else if (c == '[') {
      const std::size_t close = code.find(']', i);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time; anything else ([Red], [$-804]) is not a date part
      if (!inside.empty() && (inside[0] == 'h' || inside[0] == 'm' || inside[0] == 's'))
        return true;
      i = close;
    } else if (c == ';') {
      return false;  // only the first section decides
    } else {
      const char l = static_cast<char>(c | 0x20);
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

class StylesPart final : public XmlHandler {
 public:
  void start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const auto id = attribute(a, "numFmtId");
      if (id)
        formats_[std::atoi(std::string(*id).c_str())] =
            std::string(attribute(a, "formatCode").value_or(""));
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const int id = std::atoi(std::string(attribute(a, "numFmtId").value_or("0")).c_str());
      const auto custom = formats_.find(id);
      date_styles.push_back(is_date_format(id, custom != formats_.end() ? custom->second : ""));
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  std::vector<bool> date_styles;  // per cell style (the s attribute of a cell)

 private:
  std::map<int, std::string> formats_;
  bool in_cell_xfs_ = false;
};

// Days since 1970-01-01 → year, month, day (the proleptic Gregorian calendar).
std::string iso_date(std::int64_t days, std::int64_t minutes) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  std::string out = std::to_string(y) + "-" + two(m) + "-" + two(d);
  if (minutes != 0) out += " " + two(minutes / 60) + ":" + two(minutes % 60);
  return out;
}

// A spreadsheet's date serial as "YYYY-MM-DD" (and " HH:MM" when it has a time of day), or
// nullopt when it is no date a workbook could mean (negative, past 9999, not a number). In the
// 1900 system serial 60 is the 29th of February 1900 that never was (Lotus's error, kept by Excel).
std::optional<std::string> date_text(std::string_view number, bool date1904) {
  char* end = nullptr;
  const std::string s(number);
  const double serial = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !(serial >= 0) || serial > 2958465.0) return std::nullopt;
  auto whole = static_cast<std::int64_t>(serial);
  auto minutes = static_cast<std::int64_t>((serial - static_cast<double>(whole)) * 1440.0 + 0.5);
  if (minutes >= 1440) {
    ++whole;
    minutes -= 1440;
  }
  std::int64_t days = 0;  // since 1970-01-01
  if (date1904) {
    days = whole - 24107;  // 1904-01-01 is serial 0
  } else {
    if (whole == 60) return std::string("1900-02-29");
    days = whole - (whole > 60 ? 25569 : 25568);  // serial 1 is 1900-01-01
  }
  return iso_date(days, minutes);
}

// "B12" → (12, 2); nullopt for anything else or beyond a spreadsheet's size.
std::optional<std::pair<std::uint32_t, std::uint32_t> > cell_reference(std::string_view ref) {
  std::size_t i = 0;
  std::uint32_t column = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && column <= kMaxColumn; ++i) {
    column = column * 26 + static_cast<std::uint32_t>(ref[i] - 'A' + 1);
  }
  std::uint32_t row = 0;
  const std::size_t digits = i;
  for (; i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row <= kMaxRow; ++i) {
    row = row * 10 + static_cast<std::uint32_t>(ref[i] - '0');
  }
  if (i != ref.size() || digits == 0 || i == digits || column == 0 || column > kMaxColumn ||
      row == 0 || row > kMaxRow) {
    return std::nullopt;
  }
  return std::pair{row, column};
}

class SheetPart final : public XmlHandler {
 public:
  SheetPart(std::string_view source, std::string part, XlsxSheet& sheet,
            const std::vector<std::string>& strings, const std::vector<bool>& date_styles,
            bool date1904, std::size_t& cells_read, std::size_t max_cells)
      : source_(source),
        part_(std::move(part)),
        sheet_(sheet),
        strings_(strings),
        date_styles_(date_styles),
        date1904_(date1904),
        cells_read_(cells_read),
        max_cells_(max_cells) {}

  void start(std::string_view name, const char** a) override {
    if (name == "row") {
      start_row(a);
    } else if (name == "c") {
      start_cell(a);
    } else if (in_cell_ && (name == "v" || name == "t" || name == "rPh" || name == "is")) {
      if (name == "v") in_value_ = true;
      rich_.start(name);
    } else if (name == "mergeCell") {
      merge(attribute(a, "ref").value_or(""));
    }
  }
  void end(std::string_view name) override {
    if (name == "c") {
      finish_cell();
    } else if (in_cell_) {
      if (name == "v") in_value_ = false;
      rich_.end(name);
    }
  }
  void text(std::string_view s) override {
    if (!in_cell_) return;
    if (in_value_) {
      value_.append(s);
      if (value_.size() > kMaxCellBytes) fail("a cell holds more than 32,767 characters");
    } else if (!rich_.text(s)) {
      fail("a cell holds more than 32,767 characters");
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    refuse(source_, part_, 0, what + " (" + sheet_.name + ")");
  }

  void start_row(const char** a) {
    if (const auto r = attribute(a, "r")) {
      const long v = std::atol(std::string(*r).c_str());
      if (v < 1 || v > static_cast<long>(kMaxRow))
        fail("a row number is out of range: " + std::string(*r));
      row_ = static_cast<std::uint32_t>(v);
    } else {
      ++row_;
    }
    column_ = 0;
  }

  void start_cell(const char** a) {
    in_cell_ = true;
    value_.clear();
    rich_ = RichText{};
    if (const auto ref = attribute(a, "r")) {
      const auto at = cell_reference(*ref);
      if (!at) fail("a cell reference is out of range: " + util::excerpt(*ref, 20));
      row_ = at->first;
      column_ = at->second;
    } else {
      if (++column_ > kMaxColumn) fail("a row has more than 16,384 columns");
      if (row_ == 0) row_ = 1;
    }
    type_ = std::string(attribute(a, "t").value_or("n"));
    const long style = std::atol(std::string(attribute(a, "s").value_or("0")).c_str());
    style_ = style < 0 ? 0 : static_cast<std::size_t>(style);
  }

  void finish_cell() {
    in_cell_ = false;
    XlsxCell cell;
    cell.row = row_;
    cell.column = column_;
    if (type_ == "s") {
      const long index = value_.empty() ? -1 : std::atol(value_.c_str());
      if (index < 0 || static_cast<std::size_t>(index) >= strings_.size()) {
        fail("cell " + column_name(column_) + std::to_string(row_) +
             " names a shared string that is not there");
      }
      cell.text = strings_[static_cast<std::size_t>(index)];
    } else if (type_ == "inlineStr") {
      cell.text = std::move(rich_.value);
    } else if (type_ == "str") {
      cell.text = std::move(value_);
    } else if (type_ == "b") {
      cell.kind = XlsxCellKind::boolean;
      cell.text = value_ == "1" ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      cell.kind = XlsxCellKind::error;
      cell.text = std::move(value_);
    } else {
      cell.kind = XlsxCellKind::number;
      cell.text = std::string(util::trim(value_));
      if (style_ < date_styles_.size() && date_styles_[style_] && !cell.text.empty()) {
        if (auto date = date_text(cell.text, date1904_)) {
          cell.kind = XlsxCellKind::date;
          cell.text = std::move(*date);
        }
      }
    }
    if (cell.text.empty() && cell.kind != XlsxCellKind::boolean) return;
    if (++cells_read_ > max_cells_) {
      fail("the workbook holds more than " + std::to_string(max_cells_) + " cells");
    }
    sheet_.cells.push_back(std::move(cell));
  }

  void merge(std::string_view ref) {
    const std::size_t colon = ref.find(':');
    const auto first = cell_reference(ref.substr(0, colon));
    const auto last =
        colon == std::string_view::npos ? first : cell_reference(ref.substr(colon + 1));
    if (!first || !last) return;  // a range that names no cells merges nothing
    sheet_.merged.push_back(
        XlsxRange{std::min(first->first, last->first), std::min(first->second, last->second),
                  std::max(first->first, last->first), std::max(first->second, last->second)});
  }

  std::string_view source_;
  std::string part_;
  XlsxSheet& sheet_;
  const std::vector<std::string>& strings_;
  const std::vector<bool>& date_styles_;
  bool date1904_;
  std::size_t& cells_read_;
  std::size_t max_cells_;
  std::uint32_t row_ = 0;
  std::uint32_t column_ = 0;
  bool in_cell_ = false;
  bool in_value_ = false;
  std::string type_;
  std::size_t style_ = 0;
  std::string value_;
  RichText rich_;
};

// docProps/custom.xml: <property name="..."><vt:lpwstr>value</vt:lpwstr></property>.
class CustomPropertiesPart final : public XmlHandler {
 public:
  explicit CustomPropertiesPart(std::map<std::string, std::string>& out) : out_(out) {}
  void start(std::string_view name, const char** a) override {
    if (name == "property") {
      name_ = std::string(attribute(a, "name").value_or(""));
      value_.clear();
      in_property_ = true;
    }
  }
  void end(std::string_view name) override {
    if (name == "property" && in_property_) {
      if (!name_.empty() && out_.size() < 1000) out_[name_] = value_.substr(0, kMaxCellBytes);
      in_property_ = false;
    }
  }
  void text(std::string_view s) override {
    if (in_property_ && value_.size() <= kMaxCellBytes) value_.append(s);
  }

 private:
  std::map<std::string, std::string>& out_;
  std::string name_;
  std::string value_;
  bool in_property_ = false;
};

// docProps/core.xml: the title.
class CorePropertiesPart final : public XmlHandler {
 public:
  void start(std::string_view name, const char**) override { in_title_ = name == "title"; }
  void end(std::string_view) override { in_title_ = false; }
  void text(std::string_view s) override {
    if (in_title_ && title.size() <= kMaxCellBytes) title.append(s);
  }
  std::string title;

 private:
  bool in_title_ = false;
};

// The workbook part, from the package's relationships (xl/workbook.xml when they say nothing).
std::string workbook_part(Archive& archive, std::string_view source) {
  Relationships package("");
  parse_part(archive, source, "_rels/.rels", package);
  for (const auto& [id, target] : package.targets) {
    if (target.ends_with("workbook.xml") && archive.has(target)) return target;
  }
  return "xl/workbook.xml";
}

std::string folder_of(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string relationships_of(const std::string& part) {
  return folder_of(part) + "_rels/" + part.substr(folder_of(part).size()) + ".rels";
}

}  // namespace

XlsxWorkbook read_xlsx(std::string_view bytes, std::string_view source, const XlsxLimits& limits) {
  if (bytes.size() > limits.file_bytes) {
    refuse(source, "", 0,
           "the file is larger than " + std::to_string(limits.file_bytes) + " bytes");
  }
  Archive archive(bytes, source, limits);
  const std::string book_part = workbook_part(archive, source);
  WorkbookPart book;
  if (!parse_part(archive, source, book_part, book)) {
    refuse(source, book_part, 0,
           "it has no workbook part: it is a zip file but not an .xlsx workbook");
  }
  Relationships links(folder_of(book_part));
  parse_part(archive, source, relationships_of(book_part), links);
  SharedStringsPart strings(source, limits.shared_strings);
  StylesPart styles;
  for (const auto& [id, target] : links.targets) {
    if (target.ends_with("sharedStrings.xml")) parse_part(archive, source, target, strings);
    if (target.ends_with("styles.xml")) parse_part(archive, source, target, styles);
  }

  XlsxWorkbook out;
  std::size_t cells = 0;
  for (const SheetEntry& entry : book.sheets) {
    const auto target = links.targets.find(entry.relationship);
    if (target == links.targets.end()) continue;  // a chart sheet or a dangling entry: no cells
    XlsxSheet sheet;
    sheet.name = entry.name;
    sheet.hidden = entry.hidden;
    SheetPart part(source, target->second, sheet, strings.strings, styles.date_styles,
                   book.date1904, cells, limits.cells);
    if (!parse_part(archive, source, target->second, part)) {
      refuse(source, target->second, 0,
             "the sheet " + util::in_quotes(entry.name) + " is missing from the archive");
    }
    std::stable_sort(sheet.cells.begin(), sheet.cells.end(),
                     [](const XlsxCell& a, const XlsxCell& b) {
                       return std::pair{a.row, a.column} < std::pair{b.row, b.column};
                     });
    out.sheets.push_back(std::move(sheet));
  }
  CustomPropertiesPart custom(out.properties);
  parse_part(archive, source, "docProps/custom.xml", custom);
  CorePropertiesPart core;
  parse_part(archive, source, "docProps/core.xml", core);
  out.title = std::move(core.title);
  return out;
}

#endif

}  // namespace taizhang::formats
