// The roll-up, form, import and export calls of Ledger.
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <taizhang/csv_import.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/progress_form.hpp>
#include <utility>
#include <vector>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"
#include "ledger_handle.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

RollupQuery make_query(std::string plan, const Period& as_of,
                       const std::optional<Timestamp>& recorded_at, bool accepted_only,
                       const std::optional<Date>& today, bool include_drafts) {
  RollupQuery query;
  query.plan = std::move(plan);
  query.as_of = as_of;
  query.recorded_at = recorded_at;
  query.accepted_only = accepted_only;
  query.today = today;
  query.include_drafts = include_drafts;
  return query;
}

// unit_form and consolidated_form.
void add_ledger_forms(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "unit_form",
          [](LedgerHandle& h, std::string plan, std::string unit, Period period,
             bool include_drafts) {
            FormOptions options;
            options.include_drafts = include_drafts;
            return h.call(
                [&](Ledger& l) { return unit_progress_form(l, plan, unit, period, options); });
          },
          py::arg("plan"), py::arg("unit"), py::arg("period"), py::kw_only(),
          py::arg("include_drafts") = false, R"doc(
The progress form of one unit for a period: only its initiatives, its own narratives and dates,
from the content of its report that counts (what was handed in; blank where it reported
nothing).

Parameters
----------
plan, unit : str
    The codes of the plan and the unit.
period : Period or str
include_drafts : bool
    A preview: the report's latest content, a draft included; the form says 含草稿
    (``ProgressForm.includes_drafts``).

Returns
-------
ProgressForm

Raises
------
NotFoundError
    For an unknown plan, or a unit not assigned to any of its initiatives.
)doc")
      .def(
          "consolidated_form",
          [](LedgerHandle& h, std::string plan, Period period, bool include_drafts) {
            FormOptions options;
            options.include_drafts = include_drafts;
            return h.call(
                [&](Ledger& l) { return consolidated_progress_form(l, plan, period, options); });
          },
          py::arg("plan"), py::arg("period"), py::kw_only(), py::arg("include_drafts") = false,
          R"doc(
The coordinator's consolidated progress form: every initiative and every unit's narrative that
counts (what was handed in, never a draft).

Parameters
----------
plan : str
period : Period or str
include_drafts : bool
    A preview with each report's latest content, drafts included, marked 含草稿.

Returns
-------
ProgressForm
)doc");
}

// import_csv and export: a progress CSV read into the ledger, the whole ledger written out.
void add_ledger_files(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "import_csv",
          [](LedgerHandle& h, const Actor& actor, std::string plan,
             const std::filesystem::path& path, bool partial, ContentMode mode) {
            CsvImportOptions options;
            options.partial = partial;
            options.mode = mode;
            return h.call(
                [&](Ledger& l) { return import_progress_csv(l, actor, plan, path, options); });
          },
          py::arg("actor"), py::arg("plan"), py::arg("path"), py::kw_only(),
          py::arg("partial") = false, py::arg("mode") = ContentMode::merge, R"doc(
File the reports of a progress CSV that a unit clerk filled in, as one transaction. Each report
is checked against the ledger's history first (``Ledger.check``).

Parameters
----------
actor : Actor
    Who files it.
plan : str
    The plan's code.
path : str or os.PathLike
    The CSV file (UTF-8, UTF-8 with BOM, or GBK/GB18030).
partial : bool
    False (the default): nothing is imported unless every row is good. True: the reports whose
    rows are all good are imported, the others left out.
mode : ContentMode
    ``ContentMode.merge`` (the default): a file changes what its rows give and keeps the rest
    of each report (a file with only the corrected row fixes a returned report);
    ``ContentMode.replace``: each report becomes what the file gives, and what it drops is
    listed in ``warnings``.

Raises
------
ValidationError
    Listing every bad row with its row and column (nothing is filed), unless `partial`.
IoError
    When the file cannot be read, or is larger than 64 MiB.

Returns
-------
CsvReading
    Its ``filings`` are what was filed; ``warnings`` lists 需核实 values and what a
    replacement removed, by row.
)doc")
      .def(
          "export",
          [](LedgerHandle& h, const std::filesystem::path& directory) {
            const std::vector<std::filesystem::path> paths =
                h.call([&](Ledger& l) { return export_ledger(l, directory); });
            std::vector<std::string> out;
            for (const auto& p : paths) out.push_back(p.string());
            return out;
          },
          py::arg("directory"), R"doc(
Write everything (units, plans with their versions, reports with their history, values) as
JSON and CSV into `directory`.

Returns
-------
list of str
    The files written.
)doc");
}

// rollup and rollup_series.
void add_ledger_rollups(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "rollup",
          [](LedgerHandle& h, std::string plan, Period as_of, std::optional<Timestamp> recorded_at,
             bool accepted_only, std::optional<Date> today, bool include_drafts) {
            const RollupQuery query = make_query(std::move(plan), as_of, recorded_at, accepted_only,
                                                 today, include_drafts);
            return h.call([&](Ledger& l) { return l.rollup(query); });
          },
          py::arg("plan"), py::arg("as_of"), py::kw_only(), py::arg("recorded_at") = py::none(),
          py::arg("accepted_only") = false, py::arg("today") = py::none(),
          py::arg("include_drafts") = false, R"doc(
What the reports add up to as of a period: per target, initiative, plan and unit, with each
unit's compliance for each period and the coordinator's chasing list.

What counts: by default the content handed in — of a submitted report (a correction awaiting
acceptance included) or an accepted one its latest content, of a returned report the content last
accepted (nothing if none); drafts never. One target's figure that cannot be computed (a sum
beyond the range of exact decimals) is reported on that target (``TargetRollup.problem``) and
never stops the roll-up.

Parameters
----------
plan : str
    The plan's code.
as_of : Period or str
    Count the reports of periods up to and including this one.
recorded_at : datetime.datetime, optional
    Count only revisions recorded by this time, and the plan as it stood then.
accepted_only : bool
    Count only content the coordinator accepted (the content last accepted).
today : datetime.date, optional
    The day deadlines and due dates are judged on; by default the last day of `as_of`.
include_drafts : bool
    A preview that also counts drafts (each report's latest content); ``Rollup.include_drafts``
    says so, and every output made from it says 含草稿. Not with `accepted_only`.

Returns
-------
Rollup

Raises
------
NotFoundError
    For an unknown plan.
ValidationError
    When `as_of` is not of the plan's reporting kind, or for `include_drafts` with
    `accepted_only`.
)doc")
      .def(
          "rollup_series",
          [](LedgerHandle& h, std::string plan, Period as_of, std::optional<Timestamp> recorded_at,
             bool accepted_only, std::optional<Date> today, bool include_drafts) {
            const RollupQuery query = make_query(std::move(plan), as_of, recorded_at, accepted_only,
                                                 today, include_drafts);
            return h.call([&](Ledger& l) { return l.rollup_series(query); });
          },
          py::arg("plan"), py::arg("as_of"), py::kw_only(), py::arg("recorded_at") = py::none(),
          py::arg("accepted_only") = false, py::arg("today") = py::none(),
          py::arg("include_drafts") = false, R"doc(
The roll-up as of each reporting period of the plan up to `as_of`, oldest first: a burn-up
chart's points. Each is judged on its period's last day, or on `today` when that is earlier.

Parameters
----------
plan, as_of, recorded_at, accepted_only, today, include_drafts
    As for ``rollup``.

Returns
-------
RollupList

Raises
------
NotFoundError, ValidationError
    As ``rollup``.
)doc");
}

// explain and values_table.
void add_ledger_explain(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "explain",
          [](LedgerHandle& h, std::string plan, Period as_of, std::string subject,
             std::optional<Timestamp> recorded_at, bool accepted_only, std::optional<Date> today,
             bool include_drafts) {
            const RollupQuery query = make_query(std::move(plan), as_of, recorded_at, accepted_only,
                                                 today, include_drafts);
            return h.call([&](Ledger& l) { return l.explain(query, subject); });
          },
          py::arg("plan"), py::arg("as_of"), py::arg("subject"), py::kw_only(),
          py::arg("recorded_at") = py::none(), py::arg("accepted_only") = false,
          py::arg("today") = py::none(), py::arg("include_drafts") = false, R"doc(
Where a roll-up figure came from: the report revisions and values it was computed from, and each
rule applied with its numbers.

Parameters
----------
plan, as_of, recorded_at, accepted_only, today, include_drafts
    As for ``rollup``.
subject : str
    The figure: a target's code (``"1.1"``), ``"initiative 3"``, ``"plan"``, or
    ``"unit <code>"`` (``"unit health"``) for a unit's reports due, on time, late, missing,
    omitted and returned.

Returns
-------
Explanation

Raises
------
NotFoundError
    When the plan has no such target, initiative or unit.
ValidationError
    For a subject of another form.
)doc")
      .def(
          "values_table",
          [](LedgerHandle& h, std::string plan, std::optional<Timestamp> recorded_at,
             bool accepted_only, bool include_drafts) {
            ValuesQuery query;
            query.plan = std::move(plan);
            query.recorded_at = recorded_at;
            query.accepted_only = accepted_only;
            query.include_drafts = include_drafts;
            return h.call([&](Ledger& l) { return l.values(query); });
          },
          py::arg("plan") = "", py::kw_only(), py::arg("recorded_at") = py::none(),
          py::arg("accepted_only") = false, py::arg("include_drafts") = false, R"doc(
Every value filed, as one column-wise table: the content each report counts (what was handed
in, as the roll-up counts it; never a draft), as recorded at a time, or as last accepted.

Parameters
----------
plan : str
    One plan's values; ``""``: every plan's.
recorded_at : datetime.datetime, optional
    The values as recorded at this time.
accepted_only : bool
    The content last accepted instead of the content handed in.
include_drafts : bool
    A preview: each report's latest content, drafts included. Not with `accepted_only`.

Returns
-------
ValueTable

Raises
------
NotFoundError
    For an unknown plan.
)doc");
}

}  // namespace

// The roll-up calls of Ledger: added once the roll-up types are bound (register_rollup calls
// this), so that their signatures name the Python types.
void register_ledger_rollup(py::module_& m) {
  py::class_<LedgerHandle> ledger_type(m.attr("Ledger"));
  add_ledger_forms(ledger_type);
  add_ledger_files(ledger_type);
  add_ledger_rollups(ledger_type);
  add_ledger_explain(ledger_type);
}

}  // namespace taizhang::python
