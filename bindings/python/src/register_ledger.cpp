// The Ledger and its own methods: the unit catalogue, plans, progress reports and backups. Every
// Ledger call that may touch the file or compute a roll-up releases the GIL; its arguments are
// copied into C++ values first, while the GIL is still held.
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

constexpr const char* ledger_doc = R"doc(
A ledger: plans and progress reports kept in one SQLite file, so that nothing a unit ever filed is
lost or silently changed.

Open one with ``Ledger.open(path)``; use it as a context manager, or call ``close()``, to close
it. Every write names an Actor and is checked against what its role allows (an actor whose unit is
not in the ledger's unit catalogue may write nothing); a call that fails writes nothing. Every
save of a report is a new revision, chained to the one before by a SHA-256 hash (``verify()``
recomputes the chains). In a ledger with identities (``add_identity``) every write is signed
with the key the ledger was opened with (``Ledger.open(path, signer=...)``), and who acts is the
key's identity under its grants, not what the call declares. A clock that reads more than 10
minutes in the past needs an import window (``begin_import``).

Calls release the GIL while they work, so other Python threads run meanwhile. One Ledger may be
used from several threads (its calls take turns on one connection); for reading in parallel, open
one Ledger per thread on the same file. Several processes may open the same file.

Examples
--------
>>> with taizhang.Ledger.open("ledger.sqlite") as ledger:
...     ledger.import_plan(admin, taizhang.load_plan("linzi-2021.json"))
...     ledger.file(reporter, key, content)
...     rollup = ledger.rollup("linzi-2021-women-children", "2021Q2")
)doc";

// schema_version, path, closed, close and the context manager.
void add_ledger_basics(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def_static("schema_version", &Ledger::schema_version, R"doc(
The schema version this library writes (``PRAGMA user_version`` of a current ledger file).

Returns
-------
int
)doc")
      .def_property_readonly("path", &LedgerHandle::path,
                             "The file the ledger lives in (str; ``\":memory:\"`` in memory).")
      .def_property_readonly("closed", &LedgerHandle::closed, "Whether ``close()`` was called.")
      .def("close", &LedgerHandle::close, R"doc(
Close the ledger file. Later calls raise ValueError; closing again does nothing. A call running
in another thread is finished first.
)doc")
      .def(
          "__enter__",
          [](LedgerHandle& h) -> LedgerHandle& {
            if (h.closed()) throw py::value_error("the ledger is closed");
            return h;
          },
          py::return_value_policy::reference, "Return the ledger itself.")
      .def(
          "__exit__", [](LedgerHandle& h, const py::args&) { h.close(); }, "Close the ledger.")
      .def("__repr__", [](const LedgerHandle& h) {
        return "<Ledger " + repr_of(py::str(h.path())) + (h.closed() ? " (closed)>" : ">");
      });
}

// The unit catalogue.
void add_ledger_units(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "units", [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.units(); }); },
          R"doc(
Every unit of the catalogue, which all plans share.

Returns
-------
UnitList
)doc")
      .def(
          "unit",
          [](LedgerHandle& h, std::string code) {
            return h.call([&](Ledger& l) { return l.unit(code); });
          },
          py::arg("code"), R"doc(
The unit coded `code`, or None.

Returns
-------
Unit or None
)doc")
      .def(
          "put_unit",
          [](LedgerHandle& h, Actor actor, Unit unit) {
            h.call([&](Ledger& l) { l.put_unit(actor, unit); });
          },
          py::arg("actor"), py::arg("unit"), R"doc(
Add a unit to the catalogue, or change one (administrators only).

Raises
------
PermissionDenied
    When the actor is not an administrator.
ValidationError
    For a unit that breaks the model's rules (see ``validate(unit)``).
)doc");
}

// Plans.
void add_ledger_plans(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "import_plan",
          [](LedgerHandle& h, Actor actor, Plan plan, std::string reason) {
            h.call([&](Ledger& l) { l.import_plan(actor, plan, reason); });
          },
          py::arg("actor"), py::arg("plan"), py::arg("reason") = "", R"doc(
Record a new plan as version 1 (administrators only). Its units join the catalogue; a unit that is
already there must be identical.

Parameters
----------
actor : Actor
    An administrator.
plan : Plan
    The plan; it is validated first.
reason : str
    Why, for the record.

Raises
------
PermissionDenied
    When the actor is not an administrator.
ValidationError
    Listing every problem of the plan.
ConflictError
    When a plan with this code exists, or a unit differs from the catalogue.
)doc")
      .def(
          "update_plan",
          [](LedgerHandle& h, Actor actor, Plan plan, std::string reason) {
            h.call([&](Ledger& l) { l.update_plan(actor, plan, reason); });
          },
          py::arg("actor"), py::arg("plan"), py::arg("reason"), R"doc(
Record a new version of an existing plan (administrators only), keeping every earlier one:
reports filed under the old version stay as they were filed.

Parameters
----------
actor : Actor
    An administrator.
plan : Plan
    The new version, with the same code.
reason : str
    Why it changed.

Raises
------
NotFoundError
    When there is no plan with this code.
ConflictError
    When the edit changes nothing, or a unit differs from the catalogue.
PermissionDenied, ValidationError
    As ``import_plan``.
)doc")
      .def(
          "plans", [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.plans(); }); },
          R"doc(
Every plan in the ledger.

Returns
-------
list of PlanSummary
)doc")
      .def(
          "plan",
          [](LedgerHandle& h, std::string code) {
            return h.call([&](Ledger& l) { return l.plan(code); });
          },
          py::arg("code"), R"doc(
The current version of the plan coded `code`.

Returns
-------
Plan

Raises
------
NotFoundError
    When there is no such plan.
)doc")
      .def(
          "plan_at",
          [](LedgerHandle& h, std::string code, Timestamp when) {
            return h.call([&](Ledger& l) { return l.plan_at(code, when); });
          },
          py::arg("code"), py::arg("when"), R"doc(
The plan coded `code` as it stood at time `when`.

Parameters
----------
code : str
    The plan's code.
when : datetime.datetime or str
    A moment (naive: UTC; or ISO 8601 text).

Returns
-------
Plan

Raises
------
NotFoundError
    When the plan did not exist yet at `when`.
)doc")
      .def(
          "plan_history",
          [](LedgerHandle& h, std::string code) {
            return h.call([&](Ledger& l) { return l.plan_history(code); });
          },
          py::arg("code"), R"doc(
Every recorded version of the plan coded `code`, oldest first.

Returns
-------
list of PlanVersion
)doc");
}

// Progress reports: save, submit, file and file_all.
void add_ledger_filing(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "save",
          [](LedgerHandle& h, Actor actor, ReportKey key, ReportContent content, ContentMode mode) {
            return h.call([&](Ledger& l) { return l.save(actor, key, content, mode); });
          },
          py::arg("actor"), py::arg("key"), py::arg("content"), py::kw_only(),
          py::arg("mode") = ContentMode::replace, R"doc(
Save `content` as the report's draft (creating the report), or edit a draft or a returned report.
For reporters of the report's unit. A draft counts nowhere (roll-ups, values, forms) until it is
handed in, except in a preview with ``include_drafts=True``.

Content is checked before anything is written, and every problem is listed in one
ValidationError with a path such as ``"values[2].unit"``. Values in a convertible unit are
converted exactly (万元 → 元); values given as text are read against their target
(``read_value``: ``"1500万"`` on a target in 万元 is 1500).

Parameters
----------
actor : Actor
    A reporter of the report's unit.
key : ReportKey
    Which report.
content : ReportContent
    What it says.
mode : ContentMode
    ``ContentMode.replace`` (the default): `content` becomes the report's whole content, and
    the returned report's ``warnings`` name each value and narrative it removed;
    ``ContentMode.merge``: only what `content` names changes (``merge_content``).

Returns
-------
Report
    The report as it stands after the call, with its ``warnings`` (需核实 values, and what a
    replacement removed): a warning never stops a call.

Raises
------
ValidationError
    Listing every problem of the content (a value that can be read two ways names both
    readings).
PermissionDenied
    When the actor may not write this report, or not on these initiatives, or its unit is not
    in the ledger's catalogue.
ConflictError
    When the report is submitted or accepted (use ``correct`` after acceptance).
)doc")
      .def(
          "submit",
          [](LedgerHandle& h, Actor actor, ReportKey key) {
            return h.call([&](Ledger& l) { return l.submit(actor, key); });
          },
          py::arg("actor"), py::arg("key"), R"doc(
Hand in a draft, or hand in again a returned report. For reporters of the report's unit.

Returns
-------
Report
    The report as it stands after the call.

Raises
------
PermissionDenied, ConflictError, NotFoundError
)doc")
      .def(
          "file",
          [](LedgerHandle& h, Actor actor, ReportKey key, ReportContent content, ContentMode mode) {
            return h.call([&](Ledger& l) { return l.file(actor, key, content, mode); });
          },
          py::arg("actor"), py::arg("key"), py::arg("content"), py::kw_only(),
          py::arg("mode") = ContentMode::replace, R"doc(
``save`` and ``submit`` as one call: either both happen or neither.

Parameters
----------
actor, key, content, mode
    As for ``save``.

Returns
-------
Report
    The report as it stands after the call, with its ``warnings``.

Raises
------
ValidationError, PermissionDenied, ConflictError
    As ``save`` and ``submit``.
)doc")
      .def(
          "file_all",
          [](LedgerHandle& h, const py::iterable& items) {
            std::vector<Filing> filings;
            for (const py::handle item : items) filings.push_back(item.cast<Filing>());
            return h.call([&](Ledger& l) { return l.file_all(filings); });
          },
          py::arg("filings"), R"doc(
``file`` for many reports, as one transaction: all are filed or none. For imports and for
district systems pushing their own records.

Parameters
----------
filings : list of Filing

Returns
-------
int
    How many were filed.

Raises
------
ValidationError, PermissionDenied, ConflictError
    The first failure, naming its report; then nothing was filed.

See Also
--------
check : every problem and warning of each filing, without filing anything.
)doc");
}

// Progress reports: check, accept, return_report and correct.
// A clerk takes a submitted report back: withdraw.
void add_ledger_withdrawal(py::class_<LedgerHandle>& ledger_type) {
  ledger_type.def(
      "withdraw",
      [](LedgerHandle& h, Actor actor, ReportKey key, std::string reason) {
        return h.call([&](Ledger& l) { return l.withdraw(actor, key, reason); });
      },
      py::arg("actor"), py::arg("key"), py::arg("reason") = "", R"doc(
Take a submitted report back before the office acts on it (neither accepted nor returned; a
correction is corrected again instead). The report is a draft again, as if it had not been handed
in: it counts in no default view and is not on time until it is handed in again. For reporters of
the report's unit; `reason` (may be empty) is recorded.

Returns
-------
Report

Raises
------
PermissionDenied, ConflictError, NotFoundError
)doc");
}

void add_ledger_review(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "check",
          [](LedgerHandle& h, const py::iterable& items) {
            std::vector<Filing> filings;
            for (const py::handle item : items) filings.push_back(item.cast<Filing>());
            return h.call([&](Ledger& l) { return l.check(filings); });
          },
          py::arg("filings"), R"doc(
What ``file_all`` would meet, report by report, without writing anything (a dry run): every
problem and warning of each filing, as the checks of ``file`` find them. Later filings are
checked as if the earlier good ones had been filed.

Parameters
----------
filings : list of Filing

Returns
-------
list of FilingCheck
    One per filing, in order.
)doc")
      .def(
          "accept",
          [](LedgerHandle& h, Actor actor, ReportKey key) {
            return h.call([&](Ledger& l) { return l.accept(actor, key); });
          },
          py::arg("actor"), py::arg("key"), R"doc(
Accept a submitted report (the plan's coordinator).

Returns
-------
Report
    The report as it stands after the call.

Raises
------
PermissionDenied, ConflictError, NotFoundError
)doc")
      .def(
          "return_report",
          [](LedgerHandle& h, Actor actor, ReportKey key, std::string reason) {
            return h.call([&](Ledger& l) { return l.return_report(actor, key, reason); });
          },
          py::arg("actor"), py::arg("key"), py::arg("reason"), R"doc(
Send a submitted report back to its unit (the plan's coordinator).

Parameters
----------
actor : Actor
    The plan's coordinator.
key : ReportKey
    Which report.
reason : str
    Why; must not be empty.

Returns
-------
Report
    The report as it stands after the call.

Raises
------
ValidationError
    For an empty reason.
PermissionDenied, ConflictError, NotFoundError
)doc")
      .def(
          "correct",
          [](LedgerHandle& h, Actor actor, ReportKey key, ReportContent content, std::string reason,
             ContentMode mode) {
            return h.call([&](Ledger& l) { return l.correct(actor, key, content, reason, mode); });
          },
          py::arg("actor"), py::arg("key"), py::arg("content"), py::arg("reason"), py::kw_only(),
          py::arg("mode") = ContentMode::replace, R"doc(
Change an accepted report (reporters of its unit). The correction is a new revision with
`reason`, and the report awaits acceptance again; until then accepted-only views keep the content
last accepted.

Parameters
----------
actor : Actor
    A reporter of the report's unit.
key : ReportKey
    Which report.
content : ReportContent
    The corrected content (a cumulative series may fall here, and only here).
reason : str
    Why; required.
mode : ContentMode
    ``ContentMode.replace`` (the default): `content` is the whole corrected report, and the
    returned report's ``warnings`` name what it removed; ``ContentMode.merge``: only what
    `content` names changes — correcting one value keeps the others and every narrative.

Returns
-------
Report
    The report as it stands after the call, with its ``warnings``.

Raises
------
ValidationError, PermissionDenied, ConflictError, NotFoundError
)doc");
}

// Progress reports: report, report_at, history and reports.
void add_ledger_report_reads(py::class_<LedgerHandle>& ledger_type) {
  ledger_type
      .def(
          "report",
          [](LedgerHandle& h, ReportKey key) {
            return h.call([&](Ledger& l) { return l.report(key); });
          },
          py::arg("key"), R"doc(
The report as it stands now.

Returns
-------
Report or None
    None when nothing was ever filed for `key`.
)doc")
      .def(
          "report_at",
          [](LedgerHandle& h, ReportKey key, Timestamp when) {
            return h.call([&](Ledger& l) { return l.report_at(key, when); });
          },
          py::arg("key"), py::arg("when"), R"doc(
The report as recorded at time `when`: only revisions recorded by then count.

Returns
-------
Report or None
    None when nothing was filed for `key` by `when`.
)doc")
      .def(
          "history",
          [](LedgerHandle& h, ReportKey key) {
            return h.call([&](Ledger& l) { return l.history(key); });
          },
          py::arg("key"), R"doc(
Every revision of the report, oldest first; empty when nothing was filed.

Returns
-------
list of Revision
)doc")
      .def(
          "reports",
          [](LedgerHandle& h, std::string plan, std::optional<Period> period, std::string unit,
             std::optional<int> initiative, std::optional<ReportStatus> status,
             std::optional<Timestamp> recorded_at) {
            ReportFilter filter;
            filter.plan = std::move(plan);
            filter.period = period;
            filter.unit = std::move(unit);
            filter.initiative = initiative;
            filter.status = status;
            filter.recorded_at = recorded_at;
            return h.call([&](Ledger& l) { return l.reports(filter); });
          },
          py::arg("plan"), py::kw_only(), py::arg("period") = py::none(), py::arg("unit") = "",
          py::arg("initiative") = py::none(), py::arg("status") = py::none(),
          py::arg("recorded_at") = py::none(), R"doc(
The reports of a plan that match, ordered by period, then unit. Filters left at their defaults
do not filter.

Parameters
----------
plan : str
    The plan's code.
period : Period or str, optional
    Only this period's reports.
unit : str
    Only this unit's reports.
initiative : int, optional
    Only reports whose content covers this initiative.
status : ReportStatus, optional
    Only reports in this state.
recorded_at : datetime.datetime, optional
    The reports as they stood at this time.

Returns
-------
list of Report
)doc");
}

// Backups (verify() is in register_ledger_identity).
void add_ledger_backups(py::class_<LedgerHandle>& ledger_type) {
  ledger_type.def(
      "backup",
      [](LedgerHandle& h, std::filesystem::path destination) {
        h.call([&](Ledger& l) { l.backup(destination); });
      },
      py::arg("destination"), R"doc(
Copy the ledger into `destination` while others may go on writing. The copy is written beside
the destination and renamed into place, replacing an earlier backup there.

Parameters
----------
destination : str or os.PathLike
    Not this ledger, nor any ledger in use.

Raises
------
StorageError, IoError
    Naming the destination.
)doc");
}

}  // namespace

void register_ledger(py::module_& m) {
  register_ledger_records(m);

  py::class_<LedgerHandle> ledger_type(m, "Ledger", ledger_doc);
  add_ledger_basics(ledger_type);
  add_ledger_units(ledger_type);
  add_ledger_plans(ledger_type);
  add_ledger_filing(ledger_type);
  add_ledger_withdrawal(ledger_type);
  add_ledger_review(ledger_type);
  add_ledger_report_reads(ledger_type);
  add_ledger_backups(ledger_type);
}

}  // namespace taizhang::python
