// What a ledger records: actors, report keys, report content and revisions, plan versions,
// filings and the integrity check's result (the Ledger itself is in register_ledger.cpp).
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
#include "lists.hpp"

namespace taizhang::python {

namespace {

// "ActorRole.reporter".
template <class Enum>
std::string enum_repr(Enum value) {
  return py::str(py::cast(value));
}

// The ErrorCode named `name` ("validation"), as Python's taizhang.Error.code names it.
std::optional<ErrorCode> error_code_from_string(std::string_view name) {
  for (int i = 1; i <= static_cast<int>(ErrorCode::conflict); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    if (name == to_string(code)) return code;
  }
  return std::nullopt;
}

// Sets a TargetValue's number from Python: None removes the number and the text; a str is the value
// as written (TargetValue::text, read against the target when filed, so that "1500万" on a target
// in 万元 is 1500); a decimal.Decimal or an int (a numpy integer) is the number itself.
void set_target_value(TargetValue& v, const py::handle& value) {
  if (value.is_none()) {
    v.value.reset();
    v.text.clear();
    return;
  }
  if (py::isinstance<py::str>(value)) {
    v.text = value.cast<std::string>();
    v.value.reset();
    return;
  }
  try {
    v.value = value.cast<Decimal>();  // a float raises TypeError: it is not exact
  } catch (const py::cast_error&) {
    throw py::type_error("a value is a decimal.Decimal, an int or a str such as '1500万', not " +
                         repr_of(value));
  }
  v.text.clear();
}

void register_enums(py::module_& m) {
  py::enum_<ActorRole>(m, "ActorRole", "What an actor may do in a ledger.")
      .value("reporter", ActorRole::reporter,
             "files its own unit's reports, on the initiatives its unit is assigned to")
      .value("coordinator", ActorRole::coordinator,
             "the plan's coordinating unit: accepts and returns reports")
      .value("administrator", ActorRole::administrator,
             "imports and edits plans and the unit catalogue");

  py::enum_<ReportStatus>(m, "ReportStatus", "The state a report is in.")
      .value("draft", ReportStatus::draft, "saved by the unit, not yet handed in")
      .value("submitted", ReportStatus::submitted,
             "handed in (or resubmitted, or corrected), awaiting the coordinator")
      .value("accepted", ReportStatus::accepted, "accepted by the coordinator")
      .value("returned", ReportStatus::returned,
             "sent back by the coordinator with a reason; the unit edits and resubmits");

  py::enum_<ReportAction>(m, "ReportAction", "What a revision of a report did.")
      .value("saved", ReportAction::saved, "content saved as a draft (or edited after a return)")
      .value("submitted", ReportAction::submitted, "first handed in")
      .value("resubmitted", ReportAction::resubmitted, "handed in again after a return")
      .value("accepted", ReportAction::accepted, "accepted by the coordinator")
      .value("returned", ReportAction::returned, "sent back, with the coordinator's reason")
      .value("corrected", ReportAction::corrected,
             "content changed after acceptance, with a reason; awaits acceptance again")
      .value("withdrawn", ReportAction::withdrawn,
             "taken back by the unit before the office acted on it: a draft again");

  py::enum_<ContentMode>(m, "ContentMode", R"doc(
How the content a write call gives relates to the report's content (``Ledger.save``, ``file``,
``correct``, ``Filing.mode``).
)doc")
      .value("replace", ContentMode::replace,
             "it is the report's whole content: values and narratives it leaves out are gone "
             "(the returned report warns, naming each)")
      .value("merge", ContentMode::merge,
             "it changes only what it names (merge_content); everything else is kept");

  py::enum_<Durability>(m, "Durability", "How hard a commit waits for the disk.")
      .value("full", Durability::full,
             "every committed call survives a power failure (fsync per commit)")
      .value("normal", Durability::normal,
             "committed calls survive a crash of the program, perhaps not a power failure");

  py::enum_<StorageFault>(m, "StorageFault", R"doc(
What is wrong with a ledger file; ``StorageError.fault`` holds its name.
)doc")
      .value("other", StorageFault::other, "anything else")
      .value("cannot_open", StorageFault::cannot_open,
             "the file or its directory cannot be opened or created")
      .value("not_sqlite", StorageFault::not_sqlite, "the file is not an SQLite database")
      .value("not_a_ledger", StorageFault::not_a_ledger,
             "an SQLite database, but not a taizhang ledger")
      .value("too_new", StorageFault::too_new,
             "written by a newer taizhang whose schema this library does not know")
      .value("corrupt", StorageFault::corrupt, "damaged, truncated, or its schema was altered")
      .value("busy", StorageFault::busy,
             "another process held the file locked for longer than the busy timeout")
      .value("full", StorageFault::full, "the disk or the file system is full")
      .value("read_only", StorageFault::read_only,
             "the file, its directory or the ledger was opened read-only");
}

void register_actor_and_key(py::module_& m) {
  py::class_<Actor> actor_type(m, "Actor", R"doc(
Who does something in a ledger, and in which role. Comes with every write and is recorded with
every revision; the ledger checks what the role allows.

Parameters
----------
unit : str
    The acting unit's code.
role : ActorRole
    ``reporter`` (the default), ``coordinator`` or ``administrator``.
person : str
    Who, for the record (a name or a login); may be empty.

Examples
--------
>>> taizhang.Actor("health", person="张三")
Actor(unit='health', role=ActorRole.reporter, person='张三')
)doc");
  actor_type
      .def(py::init([](std::string unit, ActorRole role, std::string person) {
             return Actor{std::move(unit), role, std::move(person)};
           }),
           py::arg("unit"), py::arg("role") = ActorRole::reporter, py::arg("person") = "")
      .def_readwrite("unit", &Actor::unit, "The acting unit's code.")
      .def_readwrite("role", &Actor::role, "Its role (ActorRole).")
      .def_readwrite("person", &Actor::person, "Who, for the record; may be empty.")
      .def("__repr__",
           [](const Actor& a) {
             return "Actor(unit=" + repr_of(py::str(a.unit)) + ", role=" + enum_repr(a.role) +
                    ", person=" + repr_of(py::str(a.person)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(actor_type, &Actor::unit, &Actor::role, &Actor::person);

  py::class_<ReportKey> key_type(m, "ReportKey", R"doc(
Which report: there is one per plan × unit × period.

Parameters
----------
plan : str
    The plan's code.
unit : str
    The reporting unit's code.
period : Period or str
    A period of the plan's reporting kind inside its window, e.g. ``"2021Q2"``.

Examples
--------
>>> str(taizhang.ReportKey("linzi-2021-women-children", "health", "2021Q2"))
'linzi-2021-women-children/health/2021Q2'
)doc");
  key_type
      .def(py::init([](std::string plan, std::string unit, Period period) {
             return ReportKey{std::move(plan), std::move(unit), period};
           }),
           py::arg("plan"), py::arg("unit"), py::arg("period"))
      .def_readwrite("plan", &ReportKey::plan, "The plan's code.")
      .def_readwrite("unit", &ReportKey::unit, "The reporting unit's code.")
      .def_readwrite("period", &ReportKey::period, "The reporting period (Period).")
      .def("__str__", &ReportKey::to_string,
           "``plan/unit/period``, e.g. ``linzi-2021-women-children/health/2021Q2``.")
      .def("__repr__",
           [](const ReportKey& k) {
             return "ReportKey(plan=" + repr_of(py::str(k.plan)) +
                    ", unit=" + repr_of(py::str(k.unit)) + ", period=Period('" +
                    k.period.to_string() + "'))";
           })
      .def("__hash__", [](const ReportKey& k) { return py::hash(py::str(k.to_string())); })
      .def(py::self == py::self);
  pickle_fields(key_type, &ReportKey::plan, &ReportKey::unit, &ReportKey::period);
}

void register_initiative_progress(py::module_& m) {
  py::class_<InitiativeProgress> progress_type(m, "InitiativeProgress", R"doc(
The progress of one initiative in a report's period, as the notice's form asks for it.

Parameters
----------
initiative : int
    The initiative's number.
narrative : str
    What was done in the period (本季度具体措施及任务进度情况).
expected_completion : datetime.date or str, optional
    When it is expected to be done (完成时限).
)doc");
  progress_type
      .def(py::init(
               [](int initiative, std::string narrative, std::optional<Date> expected_completion) {
                 return InitiativeProgress{initiative, std::move(narrative), expected_completion};
               }),
           py::arg("initiative"), py::arg("narrative") = "",
           py::arg("expected_completion") = py::none())
      .def_readwrite("initiative", &InitiativeProgress::initiative, "The initiative's number.")
      .def_readwrite("narrative", &InitiativeProgress::narrative, "What was done in the period.")
      .def_readwrite("expected_completion", &InitiativeProgress::expected_completion,
                     "When it is expected to be done (datetime.date), or None.")
      .def("__repr__",
           [](const InitiativeProgress& p) {
             return "InitiativeProgress(initiative=" + std::to_string(p.initiative) +
                    ", narrative=" + repr_of(py::str(p.narrative)) +
                    ", expected_completion=" + repr_of(py::cast(p.expected_completion)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(progress_type, &InitiativeProgress::initiative, &InitiativeProgress::narrative,
                &InitiativeProgress::expected_completion);
  bind_list<InitiativeProgress>(m, "InitiativeProgressList", R"doc(
A list of InitiativeProgress, as a report's content holds it. A plain list will do wherever one
is expected.
)doc");
}

void register_target_value(py::module_& m) {
  py::class_<TargetValue> value_type(m, "TargetValue", R"doc(
A reported value for one target. It is filed with `value` in `unit`, or as a person wrote it
(`text`), read against the target's unit of measure and stored converted exactly into it; read
back so, with what was filed kept in ``filed_value`` and ``filed_unit``.

A string given as `value` is kept as `text`, as written, and read only when the value is filed,
against the target it is for (``read_value``): on a target counted in 万元, ``"1500万"`` is
1500万元 = 1500, never 1500 × 10⁴ 万元; on a target in 名, ``"1.6万"`` is 16000; a bare number
(``"1500"``) is in the target's own unit. A value that can be read two ways (``"1500万"`` with
``unit="万元"``) is refused when filed, with both readings named.

Parameters
----------
target : str
    The target's code, e.g. ``"1.1"``.
value : decimal.Decimal or int or str, optional
    For count, money and percent targets. A ``Decimal`` or an ``int`` is the number itself (in
    `unit`); a ``str`` is the value as written (``"1500万"``, ``"3000万元"``, ``"１８０００"``),
    kept as `text`. A float is refused: it is not exact.
unit : str
    The unit of measure of `value` (or of `text`); ``""`` for the target's own unit.
stage : str
    For milestone targets: the stage reached, e.g. ``"推进中"``.
comment : str
    A remark.
evidence : str
    A link or reference to the evidence.
text : str
    The value as written, instead of `value` (what a ``str`` `value` sets).

Raises
------
TypeError
    For a float, or a value of another type.
ValueError
    When both a number and `text` are given.

Examples
--------
>>> taizhang.TargetValue("5.1", value=120000, unit="万元")
TargetValue(target='5.1', value=Decimal('120000'), unit='万元', stage='', comment='', evidence='')
>>> taizhang.TargetValue("5.1", value="3000万元").text
'3000万元'
)doc");
  value_type
      .def(py::init([](std::string target, const py::object& value, std::string unit,
                       std::string stage, std::string comment, std::string evidence,
                       std::string text) {
             TargetValue v;
             v.target = std::move(target);
             set_target_value(v, value);
             if (!text.empty()) {
               if (v.value || !v.text.empty()) {
                 throw py::value_error(
                     "give the value either as a number (value=) or as written (text=), not both");
               }
               v.text = std::move(text);
             }
             v.unit = std::move(unit);
             v.stage = std::move(stage);
             v.comment = std::move(comment);
             v.evidence = std::move(evidence);
             return v;
           }),
           py::arg("target"), py::arg("value") = py::none(), py::arg("unit") = "",
           py::arg("stage") = "", py::arg("comment") = "", py::arg("evidence") = "",
           py::arg("text") = "")
      .def_readwrite("target", &TargetValue::target, "The target's code.")
      .def_property(
          "value", [](const TargetValue& v) { return v.value; },
          [](TargetValue& v, const py::object& value) { set_target_value(v, value); },
          "The number (decimal.Decimal), or None; read back in the target's unit. Assigning a "
          "str sets ``text`` instead (the value as written, read when filed); assigning None "
          "removes the number and the text.")
      .def_readwrite("unit", &TargetValue::unit,
                     "The unit of measure of `value` or `text` (\"\": the target's unit).")
      .def_readwrite("stage", &TargetValue::stage, "Milestones: the stage reached.")
      .def_readwrite("comment", &TargetValue::comment, "A remark.")
      .def_readwrite("evidence", &TargetValue::evidence, "A link or reference to the evidence.")
      .def_readwrite("text", &TargetValue::text,
                     "The value as a person wrote it (\"1500万\"), read against the target's "
                     "unit when filed; \"\" when the value is a number, and always when read "
                     "back.")
      .def_readonly("filed_value", &TargetValue::filed_value,
                    "Read back only: the value as filed before conversion, or None when it was "
                    "not converted.")
      .def_readonly("filed_unit", &TargetValue::filed_unit,
                    "Read back only: the unit the value was filed in (\"\" when not converted).")
      .def("__repr__",
           [](const TargetValue& v) {
             std::string text = "TargetValue(target=" + repr_of(py::str(v.target)) +
                                ", value=" + repr_of(py::cast(v.value)) +
                                ", unit=" + repr_of(py::str(v.unit)) +
                                ", stage=" + repr_of(py::str(v.stage)) +
                                ", comment=" + repr_of(py::str(v.comment)) +
                                ", evidence=" + repr_of(py::str(v.evidence));
             if (!v.text.empty()) text += ", text=" + repr_of(py::str(v.text));
             if (v.filed_value || !v.filed_unit.empty()) {
               text += ", filed_value=" + repr_of(py::cast(v.filed_value)) +
                       ", filed_unit=" + repr_of(py::str(v.filed_unit));
             }
             return text + ")";
           })
      .def(py::self == py::self);
  pickle_fields(value_type, &TargetValue::target, &TargetValue::value, &TargetValue::unit,
                &TargetValue::stage, &TargetValue::comment, &TargetValue::evidence,
                &TargetValue::filed_value, &TargetValue::filed_unit, &TargetValue::text);
  bind_list<TargetValue>(m, "TargetValueList", R"doc(
A list of TargetValue, as a report's content holds it. A plain list will do wherever one is
expected.
)doc");
}

void register_report_content(py::module_& m) {
  py::class_<ReportContent> content_type(m, "ReportContent", R"doc(
What a unit writes into a report: the progress of its initiatives and values for targets.

Parameters
----------
progress : list of InitiativeProgress
    One per initiative at most.
values : list of TargetValue
    One per target at most.

Examples
--------
>>> content = taizhang.ReportContent(
...     progress=[taizhang.InitiativeProgress(1, "一季度筛查4500人")],
...     values=[taizhang.TargetValue("1.1", 4500)])
>>> content.find_value("1.1").value
Decimal('4500')
)doc");
  content_type
      .def(py::init([](std::vector<InitiativeProgress> progress, std::vector<TargetValue> values) {
             return ReportContent{std::move(progress), std::move(values)};
           }),
           py::arg_v("progress", std::vector<InitiativeProgress>{}, "[]"),
           py::arg_v("values", std::vector<TargetValue>{}, "[]"))
      .def_readwrite("progress", &ReportContent::progress,
                     "The initiatives' progress (InitiativeProgressList, changed in place).")
      .def_readwrite("values", &ReportContent::values,
                     "The targets' values (TargetValueList, changed in place).")
      .def(
          "find_progress",
          [](const ReportContent& c, int initiative) -> std::optional<InitiativeProgress> {
            if (const InitiativeProgress* found = c.find_progress(initiative)) return *found;
            return std::nullopt;
          },
          py::arg("initiative"), R"doc(
The progress of initiative number `initiative`, or None.

Returns
-------
InitiativeProgress or None
    A copy: to change the content, change its list.
)doc")
      .def(
          "find_value",
          [](const ReportContent& c, std::string_view target) -> std::optional<TargetValue> {
            if (const TargetValue* found = c.find_value(target)) return *found;
            return std::nullopt;
          },
          py::arg("target"), R"doc(
The value for the target coded `target`, or None.

Returns
-------
TargetValue or None
    A copy: to change the content, change its list.
)doc")
      .def("__repr__",
           [](const ReportContent& c) {
             return "ReportContent(progress=" + list_repr(c.progress) +
                    ", values=" + list_repr(c.values) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(content_type, &ReportContent::progress, &ReportContent::values);
}

void register_revision(py::module_& m) {
  py::class_<Revision> revision_type(m, "Revision", R"doc(
One saved state of a report, kept forever.

Parameters
----------
number : int
    1, 2, … within the report.
recorded_at : datetime.datetime
    When the ledger recorded it (UTC, to the millisecond).
actor : Actor
    Who.
action : ReportAction
    What the revision did.
status : ReportStatus
    The report's state after this revision.
reason : str
    The coordinator's reason for a return; the reason of a correction.
content : ReportContent
    The report's content in this state.
hash : str
    SHA-256 (hex) chaining this revision to the one recorded before it.
)doc");
  revision_type
      .def(py::init([](int number, Timestamp recorded_at, Actor actor, ReportAction action,
                       ReportStatus status, std::string reason, ReportContent content,
                       std::string hash) {
             return Revision{number, recorded_at,       std::move(actor),   action,
                             status, std::move(reason), std::move(content), std::move(hash)};
           }),
           py::arg("number") = 0, py::arg("recorded_at") = Timestamp{},
           py::arg_v("actor", Actor{}, "Actor('')"), py::arg("action") = ReportAction::saved,
           py::arg("status") = ReportStatus::draft, py::arg("reason") = "",
           py::arg_v("content", ReportContent{}, "ReportContent()"), py::arg("hash") = "")
      .def_readwrite("number", &Revision::number, "1, 2, … within the report.")
      .def_readwrite("recorded_at", &Revision::recorded_at,
                     "When the ledger recorded it (aware datetime, UTC).")
      .def_readwrite("actor", &Revision::actor, "Who (Actor).")
      .def_readwrite("action", &Revision::action, "What the revision did (ReportAction).")
      .def_readwrite("status", &Revision::status,
                     "The report's state after this revision (ReportStatus).")
      .def_readwrite("reason", &Revision::reason,
                     "The reason of a return or a correction; otherwise \"\".")
      .def_readwrite("content", &Revision::content,
                     "The report's content in this state (ReportContent).")
      .def_readwrite("hash", &Revision::hash,
                     "SHA-256 (hex) chaining it to the revision recorded before it.")
      .def("__repr__",
           [](const Revision& r) {
             return "<Revision " + std::to_string(r.number) + ": " + enum_repr(r.action) + " by " +
                    repr_of(py::cast(r.actor)) + " at " + format_timestamp(r.recorded_at) + ", " +
                    enum_repr(r.status) + ">";
           })
      .def(py::self == py::self);
  pickle_fields(revision_type, &Revision::number, &Revision::recorded_at, &Revision::actor,
                &Revision::action, &Revision::status, &Revision::reason, &Revision::content,
                &Revision::hash);
}

void register_report(py::module_& m) {
  py::class_<Report> report_type(m, "Report", R"doc(
A report as it stands, now or as recorded at some time.

Two contents: ``content`` is the latest, drafts included (what the unit sees), and ``counted`` is
what the coordinating office counts — the roll-up, the values, the forms and the chasing list:
while the report is submitted or accepted, the content handed in; while it is a draft or
returned, the content last accepted (empty if none). A draft never counts.

Parameters
----------
key : ReportKey
    Which report.
current : Revision
    The latest revision (up to the time asked for).
first_submitted : datetime.datetime, optional
    When it was first handed in: this decides whether it was on time.
last_accepted : datetime.datetime, optional
    When it was last accepted.
accepted_revision : int
    The revision whose content was last accepted (0: never accepted).
counted_revision : int
    The revision whose content the default views count (0: nothing counts).
counted : ReportContent
    The content of `counted_revision`.
returned_at : datetime.datetime, optional
    When the coordinator last returned it, while it waits to be handed in again (退回未改).
warnings : list of Issue
    需核实: values of its current content that look implausible, each with its path
    (``"values[0].value"``); on the report a write call returns, also what that call's
    replacement of the content removed. Warnings never stop a filing.
)doc");
  report_type
      .def(py::init([](ReportKey key, Revision current, std::optional<Timestamp> first_submitted,
                       std::optional<Timestamp> last_accepted, int accepted_revision,
                       int counted_revision, ReportContent counted,
                       std::optional<Timestamp> returned_at, std::vector<Issue> warnings) {
             Report r;
             r.key = std::move(key);
             r.current = std::move(current);
             r.first_submitted = first_submitted;
             r.last_accepted = last_accepted;
             r.accepted_revision = accepted_revision;
             r.counted_revision = counted_revision;
             r.counted = std::move(counted);
             r.returned_at = returned_at;
             r.warnings = std::move(warnings);
             return r;
           }),
           py::arg("key"), py::arg_v("current", Revision{}, "Revision()"),
           py::arg("first_submitted") = py::none(), py::arg("last_accepted") = py::none(),
           py::arg("accepted_revision") = 0, py::arg("counted_revision") = 0,
           py::arg_v("counted", ReportContent{}, "ReportContent()"),
           py::arg("returned_at") = py::none(), py::arg_v("warnings", std::vector<Issue>{}, "[]"))
      .def_readwrite("key", &Report::key, "Which report (ReportKey).")
      .def_readwrite("current", &Report::current,
                     "The latest revision, up to the time asked for (Revision).")
      .def_readwrite("first_submitted", &Report::first_submitted,
                     "When it was first handed in (aware datetime, UTC), or None.")
      .def_readwrite("last_accepted", &Report::last_accepted,
                     "When it was last accepted (aware datetime, UTC), or None.")
      .def_readwrite("accepted_revision", &Report::accepted_revision,
                     "The revision whose content was last accepted; 0 when never accepted.")
      .def_readwrite("counted_revision", &Report::counted_revision,
                     "The revision whose content the default views count (the content handed "
                     "in; while a draft or returned, the content last accepted); 0: nothing "
                     "counts.")
      .def_readwrite("counted", &Report::counted,
                     "What the coordinating office counts: the content of ``counted_revision`` "
                     "(ReportContent; empty when nothing counts).")
      .def_readwrite("returned_at", &Report::returned_at,
                     "When the coordinator last returned it, while it waits to be handed in "
                     "again (aware datetime, UTC), or None.")
      .def_readwrite("warnings", &Report::warnings,
                     "需核实 and what a replacement removed (a list of Issue, each with its path; "
                     "a copy).")
      .def_property_readonly("status", &Report::status,
                             "The report's state: ``current.status`` (ReportStatus).")
      .def_property_readonly(
          "content", [](Report& r) -> ReportContent& { return r.current.content; },
          py::return_value_policy::reference_internal,
          "The latest content, drafts included: ``current.content`` (ReportContent); "
          "``counted`` is what the office counts.")
      .def("__repr__",
           [](const Report& r) {
             std::string text = "<Report " + r.key.to_string() + ": " +
                                enum_repr(r.current.status) + ", revision " +
                                std::to_string(r.current.number);
             if (!r.warnings.empty()) {
               text += ", " + std::to_string(r.warnings.size()) + " warnings";
             }
             return text + ">";
           })
      .def(py::self == py::self);
  pickle_fields(report_type, &Report::key, &Report::current, &Report::first_submitted,
                &Report::last_accepted, &Report::accepted_revision, &Report::counted_revision,
                &Report::counted, &Report::returned_at, &Report::warnings);
}

// PlanSummary and PlanVersion.
void register_plan_records(py::module_& m) {
  py::class_<PlanSummary> summary_type(m, "PlanSummary", R"doc(
A plan as the ledger lists it.

Parameters
----------
code, title : str
    The plan's code and title.
year : int
    The plan's year.
versions : int
    1 + the number of edits.
imported_at : datetime.datetime
    When version 1 was recorded.
updated_at : datetime.datetime
    When the current version was recorded.
)doc");
  summary_type
      .def(py::init([](std::string code, std::string title, int year, int versions,
                       Timestamp imported_at, Timestamp updated_at) {
             return PlanSummary{std::move(code), std::move(title), year,
                                versions,        imported_at,      updated_at};
           }),
           py::arg("code") = "", py::arg("title") = "", py::arg("year") = 0,
           py::arg("versions") = 0, py::arg("imported_at") = Timestamp{},
           py::arg("updated_at") = Timestamp{})
      .def_readwrite("code", &PlanSummary::code, "The plan's code.")
      .def_readwrite("title", &PlanSummary::title, "The plan's title.")
      .def_readwrite("year", &PlanSummary::year, "The plan's year.")
      .def_readwrite("versions", &PlanSummary::versions, "1 + the number of edits.")
      .def_readwrite("imported_at", &PlanSummary::imported_at,
                     "When version 1 was recorded (aware datetime, UTC).")
      .def_readwrite("updated_at", &PlanSummary::updated_at,
                     "When the current version was recorded (aware datetime, UTC).")
      .def("__repr__",
           [](const PlanSummary& s) {
             return "PlanSummary(code=" + repr_of(py::str(s.code)) +
                    ", title=" + repr_of(py::str(s.title)) + ", year=" + std::to_string(s.year) +
                    ", versions=" + std::to_string(s.versions) +
                    ", imported_at=" + repr_of(py::cast(s.imported_at)) +
                    ", updated_at=" + repr_of(py::cast(s.updated_at)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(summary_type, &PlanSummary::code, &PlanSummary::title, &PlanSummary::year,
                &PlanSummary::versions, &PlanSummary::imported_at, &PlanSummary::updated_at);

  py::class_<PlanVersion> version_type(m, "PlanVersion", R"doc(
One recorded version of a plan: plan changes are dated events.

Parameters
----------
version : int
    1, 2, …
recorded_at : datetime.datetime
    When it was recorded.
actor : Actor
    Who recorded it.
reason : str
    Why (the reason given to ``import_plan`` or ``update_plan``).
plan : Plan
    The plan as it stood in this version.
hash : str
    SHA-256 (hex) chaining it to the plan version recorded before it.
)doc");
  version_type
      .def(py::init([](int version, Timestamp recorded_at, Actor actor, std::string reason,
                       Plan plan, std::string hash) {
             return PlanVersion{version,           recorded_at,     std::move(actor),
                                std::move(reason), std::move(plan), std::move(hash)};
           }),
           py::arg("version") = 0, py::arg("recorded_at") = Timestamp{},
           py::arg_v("actor", Actor{}, "Actor('')"), py::arg("reason") = "",
           py::arg_v("plan", Plan{}, "Plan()"), py::arg("hash") = "")
      .def_readwrite("version", &PlanVersion::version, "1, 2, …")
      .def_readwrite("recorded_at", &PlanVersion::recorded_at,
                     "When it was recorded (aware datetime, UTC).")
      .def_readwrite("actor", &PlanVersion::actor, "Who recorded it (Actor).")
      .def_readwrite("reason", &PlanVersion::reason, "Why it was recorded.")
      .def_readwrite("plan", &PlanVersion::plan, "The plan as it stood in this version (Plan).")
      .def_readwrite("hash", &PlanVersion::hash,
                     "SHA-256 (hex) chaining it to the plan version recorded before it.")
      .def("__repr__",
           [](const PlanVersion& v) {
             return "<PlanVersion " + std::to_string(v.version) + " of " +
                    repr_of(py::str(v.plan.code)) + " recorded at " +
                    format_timestamp(v.recorded_at) + " by " + repr_of(py::cast(v.actor)) +
                    ": reason " + repr_of(py::str(v.reason)) + ">";
           })
      .def(py::self == py::self);
  pickle_fields(version_type, &PlanVersion::version, &PlanVersion::recorded_at, &PlanVersion::actor,
                &PlanVersion::reason, &PlanVersion::plan, &PlanVersion::hash);
}

void register_verify_result(py::module_& m) {
  py::class_<VerifyResult> verify_type(m, "VerifyResult", R"doc(
核验结果：``Ledger.verify()`` 所见。What ``Ledger.verify()`` found. True when every check holds.

Parameters
----------
ok : bool
    Every check held: the chains, the signatures, the rules replayed over the history, the
    tables outside the chains, the times, the file's own integrity check and, when asked for,
    the expected head.
revisions_checked, plan_versions_checked, registry_events_checked : int
    How many report revisions, plan versions and registry events (identities, grants, keys,
    import windows) were checked.
signatures_checked : int
    How many signatures were checked against the key valid when each was made.
has_identities : bool
    Whether the ledger has identities: who did what is proven by keys.
problems : list of Issue
    Every problem found, each naming the record (``"revision 3 of report …"``) and what is
    wrong with it; empty when ok.
first_mismatch : str
    ``problems[0]``'s message; ``""`` when ok.
integrity : str
    ``"ok"``, or what SQLite's integrity check reported.
head : str
    One hash over the tips of every chain as the ledger stands (64 hex digits). Publish it
    (on the consolidated form sent upward) and check it later with
    ``verify(expect_head=...)``.
)doc");
  verify_type
      .def(py::init([](bool ok, std::int64_t revisions_checked, std::int64_t plan_versions_checked,
                       std::int64_t registry_events_checked, std::int64_t signatures_checked,
                       bool has_identities, std::vector<Issue> problems, std::string first_mismatch,
                       std::string integrity, std::string head) {
             VerifyResult r;
             r.ok = ok;
             r.revisions_checked = revisions_checked;
             r.plan_versions_checked = plan_versions_checked;
             r.registry_events_checked = registry_events_checked;
             r.signatures_checked = signatures_checked;
             r.has_identities = has_identities;
             r.problems = std::move(problems);
             r.first_mismatch = std::move(first_mismatch);
             r.integrity = std::move(integrity);
             r.head = std::move(head);
             return r;
           }),
           py::arg("ok") = true, py::arg("revisions_checked") = 0,
           py::arg("plan_versions_checked") = 0, py::arg("registry_events_checked") = 0,
           py::arg("signatures_checked") = 0, py::arg("has_identities") = false,
           py::arg_v("problems", std::vector<Issue>{}, "[]"), py::arg("first_mismatch") = "",
           py::arg("integrity") = "ok", py::arg("head") = "")
      .def_readwrite("ok", &VerifyResult::ok, "Whether every check held.")
      .def_readwrite("revisions_checked", &VerifyResult::revisions_checked,
                     "How many report revisions were checked.")
      .def_readwrite("plan_versions_checked", &VerifyResult::plan_versions_checked,
                     "How many plan versions were checked.")
      .def_readwrite("registry_events_checked", &VerifyResult::registry_events_checked,
                     "How many registry events (identities, grants, keys, import windows) were "
                     "checked.")
      .def_readwrite("signatures_checked", &VerifyResult::signatures_checked,
                     "How many signatures were checked.")
      .def_readwrite("has_identities", &VerifyResult::has_identities,
                     "Whether the ledger has identities (who did what is proven by keys).")
      .def_readwrite("problems", &VerifyResult::problems,
                     "Every problem found, each naming its record (a list of Issue; a copy).")
      .def_readwrite("first_mismatch", &VerifyResult::first_mismatch,
                     "The first problem's message; \"\" when ok.")
      .def_readwrite("integrity", &VerifyResult::integrity,
                     "\"ok\", or what SQLite's integrity check reported.")
      .def_readwrite("head", &VerifyResult::head,
                     "The head: one hash over the tips of every chain (64 hex digits), to publish "
                     "and check later with ``verify(expect_head=...)``.")
      .def("__bool__", [](const VerifyResult& r) { return r.ok; })
      .def("__repr__",
           [](const VerifyResult& r) {
             return std::string("VerifyResult(ok=") + (r.ok ? "True" : "False") +
                    ", revisions_checked=" + std::to_string(r.revisions_checked) +
                    ", plan_versions_checked=" + std::to_string(r.plan_versions_checked) +
                    ", registry_events_checked=" + std::to_string(r.registry_events_checked) +
                    ", signatures_checked=" + std::to_string(r.signatures_checked) +
                    ", has_identities=" + (r.has_identities ? "True" : "False") +
                    ", problems=" + list_repr(r.problems) +
                    ", first_mismatch=" + repr_of(py::str(r.first_mismatch)) +
                    ", integrity=" + repr_of(py::str(r.integrity)) +
                    ", head=" + repr_of(py::str(r.head)) + ")";
           })
      .def(
          "__eq__",
          [](const VerifyResult& a, const VerifyResult& b) {
            return a.ok == b.ok && a.revisions_checked == b.revisions_checked &&
                   a.plan_versions_checked == b.plan_versions_checked &&
                   a.registry_events_checked == b.registry_events_checked &&
                   a.signatures_checked == b.signatures_checked &&
                   a.has_identities == b.has_identities && a.problems == b.problems &&
                   a.first_mismatch == b.first_mismatch && a.integrity == b.integrity &&
                   a.head == b.head;
          },
          py::is_operator());
  pickle_fields(verify_type, &VerifyResult::ok, &VerifyResult::revisions_checked,
                &VerifyResult::plan_versions_checked, &VerifyResult::registry_events_checked,
                &VerifyResult::signatures_checked, &VerifyResult::has_identities,
                &VerifyResult::problems, &VerifyResult::first_mismatch, &VerifyResult::integrity,
                &VerifyResult::head);
}

// Filing and FilingCheck.
void register_filings(py::module_& m) {
  py::class_<Filing> filing_type(m, "Filing", R"doc(
One report to file with ``Ledger.file_all`` (or to check with ``Ledger.check``).

Parameters
----------
actor : Actor
    Who files it.
key : ReportKey
    Which report.
content : ReportContent
    What it says.
mode : ContentMode
    ``ContentMode.replace`` (the default): `content` is the report's whole content;
    ``ContentMode.merge``: it changes only what it names and keeps the rest.
)doc");
  filing_type
      .def(py::init([](Actor actor, ReportKey key, ReportContent content, ContentMode mode) {
             return Filing{std::move(actor), std::move(key), std::move(content), mode};
           }),
           py::arg("actor"), py::arg("key"), py::arg("content"),
           py::arg("mode") = ContentMode::replace)
      .def_readwrite("actor", &Filing::actor, "Who files it (Actor).")
      .def_readwrite("key", &Filing::key, "Which report (ReportKey).")
      .def_readwrite("content", &Filing::content, "What it says (ReportContent).")
      .def_readwrite("mode", &Filing::mode,
                     "Whether `content` replaces the report's content or is merged into it "
                     "(ContentMode).")
      .def("__repr__",
           [](const Filing& f) {
             return "Filing(actor=" + repr_of(py::cast(f.actor)) +
                    ", key=" + repr_of(py::cast(f.key)) +
                    ", content=" + repr_of(py::cast(f.content)) + ", mode=" + enum_repr(f.mode) +
                    ")";
           })
      .def(py::self == py::self);
  pickle_fields(filing_type, &Filing::actor, &Filing::key, &Filing::content, &Filing::mode);

  py::class_<FilingCheck> check_type(m, "FilingCheck", R"doc(
What filing one report would meet (``Ledger.check``); nothing is written. True when it would be
filed (it may still have warnings).

Parameters
----------
errors : list of Issue
    Every problem that would stop it, each with its path: ``"actor"`` (a permission),
    ``"period"``, ``"status"`` (already submitted…), or one into the filing's content as given
    (``"values[2].unit"``).
warnings : list of Issue
    What would be filed with a warning: 需核实 values, and what a replacement removes.
code : str
    The class of the first error: ``"permission_denied"``, ``"conflict"``, ``"not_found"`` or
    ``"validation"``.
)doc");
  check_type
      .def(py::init(
               [](std::vector<Issue> errors, std::vector<Issue> warnings, std::string_view code) {
                 FilingCheck c;
                 c.errors = std::move(errors);
                 c.warnings = std::move(warnings);
                 const auto parsed = error_code_from_string(code);
                 if (!parsed) throw py::value_error("unknown error code: " + std::string(code));
                 c.code = *parsed;
                 return c;
               }),
           py::arg_v("errors", std::vector<Issue>{}, "[]"),
           py::arg_v("warnings", std::vector<Issue>{}, "[]"), py::arg("code") = "validation")
      .def_readwrite("errors", &FilingCheck::errors,
                     "Every problem that would stop the filing (a list of Issue; a copy).")
      .def_readwrite("warnings", &FilingCheck::warnings,
                     "What would be filed with a warning (a list of Issue; a copy).")
      .def_property(
          "code", [](const FilingCheck& c) { return std::string(to_string(c.code)); },
          [](FilingCheck& c, std::string_view code) {
            const auto parsed = error_code_from_string(code);
            if (!parsed) throw py::value_error("unknown error code: " + std::string(code));
            c.code = *parsed;
          },
          "The class of the first error (str): \"permission_denied\", \"conflict\", "
          "\"not_found\" or \"validation\".")
      .def_property_readonly("ok", &FilingCheck::ok,
                             "Whether it would be filed: no errors (warnings allowed).")
      .def("__bool__", &FilingCheck::ok)
      .def("__repr__",
           [](const FilingCheck& c) {
             return std::string("<FilingCheck ") + (c.ok() ? "ok" : to_string(c.code)) + ": " +
                    std::to_string(c.errors.size()) + " errors, " +
                    std::to_string(c.warnings.size()) + " warnings>";
           })
      .def(py::self == py::self);
  check_type.def(py::pickle(
      [](const FilingCheck& c) {
        return py::make_tuple(c.errors, c.warnings, std::string(to_string(c.code)));
      },
      [](const py::tuple& t) {
        if (t.size() != 3) throw std::runtime_error("invalid pickled state");
        FilingCheck c;
        c.errors = t[0].cast<std::vector<Issue>>();
        c.warnings = t[1].cast<std::vector<Issue>>();
        c.code = error_code_from_string(t[2].cast<std::string>()).value_or(ErrorCode::validation);
        return c;
      }));
}

// merge_content and removed_by.
void register_content_functions(py::module_& m) {
  m.def("merge_content", &merge_content, py::arg("base"), py::arg("patch"), R"doc(
`patch` laid over `base`, as a write with ``mode=ContentMode.merge`` does.

A value of `patch` for a target replaces, of `base`'s value for that target, the fields the
patch sets: the number (its value or text, with its unit), the stage, the comment, the evidence.
A progress entry replaces the narrative and the 完成时限 it sets. Targets and initiatives `patch`
does not name keep what `base` has; new ones are added. Nothing is removed: removing takes a
replacement.

Parameters
----------
base, patch : ReportContent

Returns
-------
ReportContent
)doc");
  m.def("removed_by", &removed_by, py::arg("current"), py::arg("replacement"), R"doc(
What `replacement` would remove of `current`: the warnings a replacing write gives.

Parameters
----------
current, replacement : ReportContent

Returns
-------
list of Issue
    A warning for each value (by target) and each narrative or 完成时限 (by initiative) that
    `current` has and `replacement` does not, with its path in `current` (``"values[1]"``,
    ``"progress[0].narrative"``); empty when nothing is lost.
)doc");
}

}  // namespace

void register_ledger_records(py::module_& m) {
  register_enums(m);
  register_actor_and_key(m);
  register_initiative_progress(m);
  register_target_value(m);
  register_report_content(m);
  register_revision(m);
  register_report(m);
  register_plan_records(m);
  register_verify_result(m);
  register_filings(m);
  register_content_functions(m);
}

}  // namespace taizhang::python
