// The forms, status reports, CSV import, JSON and export of a ledger (progress_form.hpp,
// status_report.hpp, rollup_json.hpp, csv_import.hpp, report_json.hpp, ledger_export.hpp).
#include <taizhang/csv_import.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/progress_form.hpp>
#include <taizhang/report_json.hpp>
#include <taizhang/rollup_json.hpp>
#include <taizhang/status_report.hpp>

#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

// FormFormat, TextEncoding, FormEntry and FormRow.
void register_form_parts(py::module_& m) {
  py::enum_<FormFormat>(m, "FormFormat", "The file formats of a progress form.")
      .value("xlsx", FormFormat::xlsx, "Excel, printable on A4 landscape")
      .value("csv", FormFormat::csv, "UTF-8 with a byte-order mark")
      .value("markdown", FormFormat::markdown, "a Markdown table")
      .value("html", FormFormat::html, "a printable page");
  py::enum_<TextEncoding>(m, "TextEncoding", "The encoding a CSV file was read in (or xlsx).")
      .value("utf8", TextEncoding::utf8, "UTF-8 without a byte-order mark")
      .value("utf8_bom", TextEncoding::utf8_bom, "UTF-8 with a byte-order mark")
      .value("gb18030", TextEncoding::gb18030, "GBK / GB18030, as Excel on Chinese Windows saves")
      .value("xlsx", TextEncoding::xlsx, "not text: an .xlsx workbook");

  py::class_<FormEntry> entry(m, "FormEntry", R"doc(
One unit's words on one initiative in a progress form.

Attributes
----------
unit, unit_name : str
narrative : str
    本季度具体措施及任务进度情况 ("" when the unit reported nothing).
expected_completion : datetime.date or None
    完成时限.
status : ReportStatus
reported : bool
)doc");
  entry.def(py::init<>())
      .def_readwrite("unit", &FormEntry::unit, "The unit's code.")
      .def_readwrite("unit_name", &FormEntry::unit_name, "The unit's name.")
      .def_readwrite("narrative", &FormEntry::narrative, "本季度具体措施及任务进度情况.")
      .def_readwrite("expected_completion", &FormEntry::expected_completion, "完成时限, or None.")
      .def_readwrite("status", &FormEntry::status, "The status of the report it comes from.")
      .def_readwrite("reported", &FormEntry::reported, "Whether the unit reported on it.")
      .def("__repr__",
           [](const FormEntry& e) {
             return "FormEntry(unit=" + repr_of(py::str(e.unit)) +
                    ", narrative=" + repr_of(py::str(e.narrative)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(entry, &FormEntry::unit, &FormEntry::unit_name, &FormEntry::narrative,
                &FormEntry::expected_completion, &FormEntry::status, &FormEntry::reported);

  py::class_<FormRow> row(m, "FormRow", R"doc(
One line of a progress form: an initiative.

Attributes
----------
number : int
    序号.
initiative : str
    实事名称.
units : list of str
    责任单位, lead first.
entries : list of FormEntry
    The form's unit only, or every responsible unit.
)doc");
  row.def(py::init<>())
      .def_readwrite("number", &FormRow::number, "序号.")
      .def_readwrite("initiative", &FormRow::initiative, "实事名称.")
      .def_readwrite("units", &FormRow::units, "责任单位 (names).")
      .def_readwrite("entries", &FormRow::entries, "The units' words (a list copy).")
      .def("__repr__",
           [](const FormRow& r) {
             return "FormRow(number=" + std::to_string(r.number) +
                    ", initiative=" + repr_of(py::str(r.initiative)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(row, &FormRow::number, &FormRow::initiative, &FormRow::units, &FormRow::entries);
}

void register_progress_form(py::module_& m) {
  py::class_<ProgressForm> form(m, "ProgressForm", R"doc(
The quarterly progress form (工作进展情况报表): the notice's attachment, per unit or consolidated.

Make one with :meth:`Ledger.unit_form` or :meth:`Ledger.consolidated_form`; render it with
:meth:`render` or :meth:`write`. It shows what the roll-up counts (the content handed in), never a
draft — unless it is a preview made with ``include_drafts=True`` (``includes_drafts``), which
every rendering marks 含草稿.
)doc");
  form.def(py::init<>())
      .def_readwrite("title", &ProgressForm::title, "The form's title.")
      .def_readwrite("plan", &ProgressForm::plan, "The plan's code.")
      .def_readwrite("period", &ProgressForm::period, "The period it reports.")
      .def_readwrite("unit", &ProgressForm::unit, "The unit; \"\" for the consolidated form.")
      .def_readwrite("unit_name", &ProgressForm::unit_name, "The unit's name for 单位：（盖章）.")
      .def_readwrite("rows", &ProgressForm::rows, "The form's lines (a list copy).")
      .def_readwrite("made_at", &ProgressForm::made_at, "When it was made (UTC).")
      .def_readwrite("includes_drafts", &ProgressForm::includes_drafts,
                     "A preview with drafts: every rendering says 含草稿.")
      .def_property_readonly("consolidated", &ProgressForm::consolidated,
                             "Whether it is the coordinator's consolidated form.")
      .def(
          "render",
          [](const ProgressForm& f, FormFormat format) -> py::object {
            std::string out;
            {
              const py::gil_scoped_release release;
              out = render_form(f, format);
            }
            if (format == FormFormat::xlsx) return py::bytes(out);
            return py::str(out);
          },
          py::arg("format"), R"doc(
The form in `format`.

Returns
-------
str or bytes
    Text for csv, markdown and html; the workbook's bytes for xlsx.
)doc")
      .def(
          "write",
          [](const ProgressForm& f, FormFormat format, const std::filesystem::path& path) {
            const py::gil_scoped_release release;
            write_form(f, format, path);
          },
          py::arg("format"), py::arg("path"), "Write the form to `path`, replacing it atomically.")
      .def("__repr__",
           [](const ProgressForm& f) {
             return "<ProgressForm " + f.plan + " " + f.period.to_string() + " " +
                    (f.consolidated() ? std::string("consolidated") : f.unit) + ", " +
                    std::to_string(f.rows.size()) + " rows" +
                    (f.includes_drafts ? ", 含草稿" : "") + ">";
           })
      .def(py::self == py::self);
  pickle_fields(form, &ProgressForm::title, &ProgressForm::plan, &ProgressForm::period,
                &ProgressForm::unit, &ProgressForm::unit_name, &ProgressForm::rows,
                &ProgressForm::made_at, &ProgressForm::includes_drafts);
}

// The dashboard, the status table and the JSON forms of roll-ups and reports.
void register_report_functions(py::module_& m) {
  m.def(
      "render_dashboard",
      [](const Plan& plan, const Rollup& rollup, const std::vector<Rollup>& series,
         std::optional<Timestamp> made_at) {
        const py::gil_scoped_release release;
        return render_dashboard(plan, rollup, series, made_at.value_or(now_utc()));
      },
      py::arg("plan"), py::arg("rollup"), py::arg("series"), py::arg("made_at") = py::none(),
      R"doc(
A self-contained HTML dashboard of a roll-up (no external assets or scripts; prints on A4).

Parameters
----------
plan : Plan
rollup : Rollup
series : RollupList
    From ``Ledger.rollup_series`` up to the roll-up's period: the small burn-up charts.
made_at : datetime.datetime, optional
    Shown as the time of making; now by default.

Returns
-------
str
)doc");
  m.def("render_status_table", &render_status_table, py::arg("plan"), py::arg("rollup"),
        py::arg("width") = 100, py::arg("colour") = false, R"doc(
The roll-up as a table for a terminal `width` columns wide (CJK characters count two).

Returns
-------
str
)doc");
  m.attr("format_status_table") = m.attr("render_status_table");  // the name before 0.2.0
  m.def("rollup_to_json", &rollup_to_json, py::arg("rollup"),
        "The roll-up as JSON (decimals as strings, UTF-8 unescaped).");
  m.def(
      "report_content_from_json",
      [](std::string_view text) { return report_content_from_json(text); }, py::arg("text"),
      R"doc(
Read report content from JSON (``{"progress": [...], "values": [...]}``, docs/cli.md).

A ``"value"`` that is a JSON integer is the number; a string is the value as a person wrote it
(``"1.6万"``, ``"3000万元"``), kept as ``TargetValue.text`` and read against the target's unit
when filed (``read_value``: ``"1500万"`` on a target in 万元 is 1500).

Raises
------
ParseError, ValidationError
)doc");
  m.def("report_content_to_json", &report_content_to_json, py::arg("content"),
        "Report content as JSON.");
  m.def("report_history_to_json", &report_history_to_json, py::arg("key"), py::arg("history"),
        "A report and every revision of it as JSON.");
}

// CsvReading and read_progress_csv.
void register_csv_reading(py::module_& m) {
  py::class_<CsvReading> reading(m, "CsvReading", R"doc(
What a progress CSV holds, checked against the plan.

Attributes
----------
encoding : TextEncoding
rows : int
    Data rows read.
filings : list of Filing
    One per unit × period (only reports whose rows are all good), each with the reading's
    ``mode``.
problems : list of Issue
    Each bad row, with the path "row 12, column 数值": the first 200 by row.
problems_not_listed : int
    The problems beyond those 200, counted, not listed.
warnings : list of Issue
    需核实 values, and what a replacement removes, by row and column.
)doc");
  reading.def(py::init<>())
      .def_readonly("encoding", &CsvReading::encoding, "The encoding the file was read in.")
      .def_readonly("rows", &CsvReading::rows, "Data rows read.")
      .def_readonly("filings", &CsvReading::filings, "The reports it gives.")
      .def_readonly("problems", &CsvReading::problems, "Every bad row (the first 200).")
      .def_readonly("problems_not_listed", &CsvReading::problems_not_listed,
                    "The problems beyond the 200 listed, counted.")
      .def_readonly("warnings", &CsvReading::warnings,
                    "需核实 values and what a replacement removes, by row and column.")
      .def("__repr__",
           [](const CsvReading& r) {
             return "<CsvReading " + std::to_string(r.rows) + " rows, " +
                    std::to_string(r.filings.size()) + " reports, " +
                    std::to_string(r.problems.size()) + " problems, " +
                    std::to_string(r.warnings.size()) + " warnings>";
           })
      .def(py::self == py::self);
  pickle_fields(reading, &CsvReading::encoding, &CsvReading::rows, &CsvReading::filings,
                &CsvReading::problems, &CsvReading::problems_not_listed, &CsvReading::warnings);
  m.def(
      "read_progress_csv",
      [](const Actor& actor, const Plan& plan, const py::bytes& data, std::string_view source,
         ContentMode mode) {
        const std::string bytes = data;
        const py::gil_scoped_release release;
        return read_progress_csv(actor, plan, bytes, source, mode);
      },
      py::arg("actor"), py::arg("plan"), py::arg("data"), py::arg("source") = "<csv>",
      py::kw_only(), py::arg("mode") = ContentMode::merge, R"doc(
Read and check a progress CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030) without filing anything.

Every report is checked with the ledger's own checks, each problem named by its row and column;
values are read against their targets as ``read_value`` reads them (``"1500万"`` in a row of a
target in 万元 is 1500).

Parameters
----------
actor : Actor
    Who will file it (a reporter may file only its own unit's rows).
plan : Plan
data : bytes
    The file's bytes, as a clerk saved it.
source : str
    The file's name, for messages.
mode : ContentMode
    Set on every filing: ``ContentMode.merge`` (the default) changes only what the rows give;
    ``ContentMode.replace`` makes each report what the file gives.

Returns
-------
CsvReading
)doc");
  m.def(
      "read_progress_xlsx",
      [](const Actor& actor, const Plan& plan, const py::bytes& data, std::string_view source,
         ContentMode mode) {
        const std::string bytes = data;
        const py::gil_scoped_release release;
        return read_progress_xlsx(actor, plan, bytes, source, mode);
      },
      py::arg("actor"), py::arg("plan"), py::arg("data"), py::arg("source") = "<xlsx>",
      py::kw_only(), py::arg("mode") = ContentMode::merge, R"doc(
Read and check the progress table of an .xlsx workbook (its first visible sheet, laid out as the
CSV: the same column names in its first row) without filing anything. Numbers are read as the
spreadsheet shows them (15 significant digits), dates as YYYY-MM-DD; problems are named by row
and column. A workbook that is not one, or is hostile (a zip bomb, paths out of the archive, a
document type), raises ParseError.

Parameters
----------
actor : Actor
plan : Plan
data : bytes
    The workbook's bytes, as a clerk saved it.
source : str
    The file's name, for messages.
mode : ContentMode

Returns
-------
CsvReading
)doc");
}

}  // namespace

void register_reports(py::module_& m) {
  register_form_parts(m);
  register_progress_form(m);
  register_report_functions(m);
  register_csv_reading(m);
}

}  // namespace taizhang::python
