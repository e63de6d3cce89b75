// The ledger and what it records: actors, report keys, report content and revisions, plan versions,
// and the Ledger itself. Every Ledger call that may touch the file or compute a roll-up releases
// the GIL; its arguments are copied into C++ values first, while the GIL is still held.
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
#include <utility>
#include <vector>

#include <pybind11/stl/filesystem.h>

#include "common.hpp"

#include <taizhang/csv_import.hpp>
#include <taizhang/ledger_export.hpp>
#include <taizhang/progress_form.hpp>
#include "lists.hpp"

namespace taizhang::python {

namespace {

// "ActorRole.reporter".
template <class Enum>
std::string enum_repr(Enum value) {
  return py::str(py::cast(value));
}

// The Python face of a Ledger. close() ends it before the object goes away; every later call
// raises ValueError. Calls run with the GIL released, under a shared lock that close() waits for,
// so that a ledger is never closed under a call running in another thread. The lock is only ever
// taken without the GIL: a call may need the GIL back (the clock) while it holds the lock.
class LedgerHandle {
 public:
  explicit LedgerHandle(Ledger ledger)
      : path_(ledger.path().string()), ledger_(std::move(ledger)) {}

  // Runs f(ledger) with the GIL released: f must not touch Python objects, and what it returns is
  // turned into Python objects only after the GIL is back.
  template <class F>
  auto call(F&& f) {
    const py::gil_scoped_release release;
    const std::shared_lock lock(mutex_);
    if (!ledger_) throw py::value_error("the ledger is closed");
    return std::forward<F>(f)(*ledger_);
  }

  void close() {
    const py::gil_scoped_release release;
    std::optional<Ledger> closing;
    {
      const std::unique_lock lock(mutex_);
      closing.swap(ledger_);
      closed_ = true;
    }
    // `closing` goes here: the file is closed and the clock let go (which takes the GIL back).
  }

  [[nodiscard]] bool closed() const noexcept { return closed_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  mutable std::shared_mutex mutex_;
  std::optional<Ledger> ledger_;
  std::atomic<bool> closed_ = false;
};

// A Python callable as the ledger's clock: it is called, and finally let go, with the GIL held,
// from whichever thread the ledger calls it on.
std::function<Timestamp()> wrap_clock(py::object clock) {
  const std::shared_ptr<py::object> held(new py::object(std::move(clock)), [](py::object* o) {
    const py::gil_scoped_acquire gil;
    delete o;
  });
  return [held] {
    const py::gil_scoped_acquire gil;
    const py::object moment = (*held)();
    try {
      return moment.cast<Timestamp>();
    } catch (const py::cast_error&) {
      throw py::type_error("the ledger's clock returned " + repr_of(moment) +
                           ", not a datetime.datetime");
    }
  };
}

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
             "content changed after acceptance, with a reason; awaits acceptance again");

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

void register_content(py::module_& m) {
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

void register_records(py::module_& m) {
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

}  // namespace

void register_ledger(py::module_& m) {
  register_enums(m);
  register_actor_and_key(m);
  register_content(m);
  register_records(m);

  py::class_<LedgerHandle> ledger_type(m, "Ledger", ledger_doc);
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

  // ---- The unit catalogue ------------------------------------------------------------------
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

  // ---- Plans --------------------------------------------------------------------------------
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

  // ---- Progress reports ---------------------------------------------------------------------
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
)doc")
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
)doc")
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

  // ---- Backups (verify() is in register_ledger_identity) -----------------------------------
  ledger_type
      .def(
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

// The roll-up calls of Ledger: added once the roll-up types are bound (register_rollup calls
// this), so that their signatures name the Python types.
void register_ledger_rollup(py::module_& m) {
  py::class_<LedgerHandle> ledger_type(m.attr("Ledger"));
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
)doc")
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
)doc")
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
)doc")
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


// Ledger.open (with its signer), the registry of identities, import windows and verify: added
// once Signer, Identity and Grant are bound (register_identity), so that their signatures name
// the Python types.
void register_ledger_identity(py::module_& m) {
  py::class_<LedgerHandle> ledger_type(m.attr("Ledger"));
  ledger_type.def_static(
      "open",
      [](const std::filesystem::path& path, bool create_if_missing, bool read_only,
         double busy_timeout, Durability durability, std::optional<py::function> clock,
         std::shared_ptr<Signer> signer) {
        if (!std::isfinite(busy_timeout) || busy_timeout < 0 || busy_timeout > 1e9) {
          throw py::value_error("busy_timeout must be a number of seconds, 0 or more");
        }
        LedgerOptions options;
        options.create_if_missing = create_if_missing;
        options.read_only = read_only;
        options.busy_timeout = std::chrono::milliseconds(std::llround(busy_timeout * 1000));
        options.durability = durability;
        if (clock) options.clock = wrap_clock(std::move(*clock));
        options.signer = std::move(signer);
        std::optional<Ledger> ledger;
        {
          const py::gil_scoped_release release;
          ledger.emplace(Ledger::open(path, options));
        }
        return std::make_unique<LedgerHandle>(std::move(*ledger));
      },
      py::arg("path"), py::kw_only(), py::arg("create_if_missing") = true,
      py::arg("read_only") = false, py::arg("busy_timeout") = 30.0,
      py::arg("durability") = Durability::full, py::arg("clock") = py::none(),
      py::arg("signer") = py::none(), R"doc(
Open the ledger file at `path`, creating it when it does not exist; an older schema is upgraded
in one transaction.

Parameters
----------
path : str or os.PathLike
    The file; ``":memory:"`` gives a ledger that lives only as long as the object.
create_if_missing : bool
    Create a new, empty ledger when the file does not exist; when False a missing file is a
    StorageError with fault ``"cannot_open"``.
read_only : bool
    Write nothing: every write raises StorageError (fault ``"read_only"``), and an older schema
    is not upgraded.
busy_timeout : float
    Seconds a call waits for another process that holds the file locked before it gives up with
    StorageError (fault ``"busy"``).
durability : Durability
    ``Durability.full`` (fsync on every commit) or ``Durability.normal``.
clock : callable, optional
    Called with no arguments, with the GIL held, whenever the ledger stamps a record; returns a
    datetime (aware, or naive taken as UTC). None: the system clock. Every write's time is
    checked before anything is written: within the years 2000..2099; not ahead of the system's
    clock by more than 10 minutes; never earlier than the ledger's last record (a clock up to 10
    minutes behind it is taken as that record's time); and more than 10 minutes in the past only
    while an import window is open (``begin_import``): recording a past time is a historic
    import. For tests and imports of historic records.
signer : Signer, optional
    签名密钥: the key that signs this object's writes. In a ledger with identities every write
    must be signed, and the actor of a write is the key's identity acting under its grants (the
    Actor a call is given may leave the unit empty, ``Actor("")``; if it names a unit or a role,
    it must be one the key holds). In a ledger without identities the key is not used, except by
    the first ``add_identity``.

Returns
-------
Ledger

Raises
------
StorageError
    Naming the file, with fault ``not_sqlite``, ``not_a_ledger``, ``too_new``, ``corrupt``,
    ``cannot_open`` or ``busy``; the file is then left as it was.
)doc");

  // ---- Identities ---------------------------------------------------------------------------
  ledger_type
      .def(
          "has_identities",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.has_identities(); }); },
          R"doc(
Whether the ledger has identities: every write signed, the actor derived from the key.

Returns
-------
bool
)doc")
      .def(
          "add_identity",
          [](LedgerHandle& h, Actor actor, Identity identity) {
            h.call([&](Ledger& l) { l.add_identity(actor, identity); });
          },
          py::arg("actor"), py::arg("identity"), R"doc(
登记身份。Register a principal with its public key (``identity.public_key``, PEM); an
administrator's call, signed like any write once the ledger has identities.

The first one turns identities on — from then on every write must be signed — and is made by an
administrator declared as today (``Actor(unit, ActorRole.administrator)``), whose unit the new
identity administers from then on. That first call must be signed with the new identity's own
key (the ledger opened with ``signer=`` that key), which proves it is held.

Parameters
----------
actor : Actor
    An administrator: declared for the first identity; afterwards the key's
    (``Actor("")`` will do).
identity : Identity
    Its id, name, kind and public key.

Raises
------
PermissionDenied
    When the actor (or the key) is not an administrator's, or the first identity is not signed
    with its own key.
ValidationError
    For a bad id, name or key.
ConflictError
    When the id or the key is registered already.
)doc")
      .def(
          "grant",
          [](LedgerHandle& h, Actor actor, Grant grant) {
            h.call([&](Ledger& l) { l.grant(actor, grant); });
          },
          py::arg("actor"), py::arg("grant"), R"doc(
授权。Grant ``grant.identity`` the unit and role, from ``grant.from_`` (None: now) until
``grant.until`` (administrators).

Parameters
----------
actor : Actor
    An administrator (in a ledger with identities, the key's: ``Actor("")`` will do).
grant : Grant

Raises
------
NotFoundError
    For an unknown identity or unit.
PermissionDenied
    When the actor is not an administrator.
ValidationError
    When the grant ends before it begins.
)doc")
      .def(
          "revoke",
          [](LedgerHandle& h, Actor actor, std::string identity, std::string unit, ActorRole role) {
            h.call([&](Ledger& l) { l.revoke(actor, identity, unit, role); });
          },
          py::arg("actor"), py::arg("identity"), py::arg("unit"), py::arg("role"), R"doc(
撤销授权。End every grant of `unit` and `role` to `identity` now (administrators). Writes the
identity signed before stay valid.

Parameters
----------
actor : Actor
    An administrator.
identity : str
    The identity's id.
unit : str
    The unit's code.
role : ActorRole

Raises
------
NotFoundError
    When the identity holds no such grant.
PermissionDenied
    When the actor is not an administrator.
)doc")
      .def(
          "rotate_key",
          [](LedgerHandle& h, Actor actor, std::string identity, std::string public_key_pem) {
            h.call([&](Ledger& l) { l.rotate_key(actor, identity, public_key_pem); });
          },
          py::arg("actor"), py::arg("identity"), py::arg("public_key_pem"), R"doc(
更换密钥。Replace `identity`'s key from now (administrators): writes signed with the old key are
refused from now on, and those signed before stay valid.

Parameters
----------
actor : Actor
    An administrator.
identity : str
    The identity's id.
public_key_pem : str
    The new public key (``Signer.public_key_pem()``).

Raises
------
NotFoundError
    For an unknown identity.
ConflictError
    When the key is registered already.
ParseError
    When it is not an Ed25519 public key.
PermissionDenied
    When the actor is not an administrator.
)doc")
      .def(
          "identities",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.identities(); }); },
          R"doc(
Every identity of the registry, as it stands (each with the key valid now).

Returns
-------
list of Identity
)doc")
      .def(
          "grants", [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.grants(); }); },
          R"doc(
Every grant ever made, revoked ones included (``Grant.revoked_at``), in the order made.

Returns
-------
list of Grant
)doc")
      .def(
          "signer_actors",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.signer_actors(); }); },
          R"doc(
当前密钥可代表的身份。Who this ledger object's signer (``Ledger.open(..., signer=...)``) may act as
now: one Actor (unit, role, and the identity's id as person) per grant valid now, ordered by role
then unit. Empty without a signer, in a ledger without identities, or when the key is no
identity's now (never registered, rotated away).

Returns
-------
list of Actor
)doc");

  // ---- Historic imports ---------------------------------------------------------------------
  ledger_type
      .def(
          "begin_import",
          [](LedgerHandle& h, Actor actor, std::string reason) {
            h.call([&](Ledger& l) { l.begin_import(actor, reason); });
          },
          py::arg("actor"), py::arg("reason"), R"doc(
开启历史数据导入。Open an import window (administrators), recorded with `reason` at the
system's time: while it is open the ledger's clock may read in the past, so that historic
records keep their times; records still go in time order.

Parameters
----------
actor : Actor
    An administrator.
reason : str
    Why; must not be empty.

Raises
------
PermissionDenied
    When the actor is not an administrator.
ConflictError
    When a window is open already.
ValidationError
    For an empty reason.
)doc")
      .def(
          "end_import",
          [](LedgerHandle& h, Actor actor) { h.call([&](Ledger& l) { l.end_import(actor); }); },
          py::arg("actor"), R"doc(
结束历史数据导入。Close the import window (administrators): from now on the ledger's clock may
not read in the past.

Raises
------
PermissionDenied
    When the actor is not an administrator.
ConflictError
    When no window is open.
)doc")
      .def(
          "import_open",
          [](LedgerHandle& h) { return h.call([](Ledger& l) { return l.import_open(); }); },
          R"doc(
Whether an import window is open.

Returns
-------
bool
)doc");

  // ---- Integrity ----------------------------------------------------------------------------
  ledger_type.def(
      "verify",
      [](LedgerHandle& h, std::string expect_head) {
        VerifyOptions options;
        options.expect_head = std::move(expect_head);
        return h.call([&](Ledger& l) { return l.verify(options); });
      },
      py::kw_only(), py::arg("expect_head") = "", R"doc(
核验台账。Re-check everything and list every problem, never stopping at a bad record: every chain
(report revisions, plan versions, the registry, the heads) recomputed; every signature against the
key valid when it was made; the rules replayed over the history (roles, the lifecycle of reports,
what each key was entitled to); the tables outside the chains against the chained records; times
in range; SQLite's integrity check; and, with `expect_head`, that the ledger still holds the
history that head covered. Never raises for a damaged record; writes nothing.

Parameters
----------
expect_head : str
    A head published earlier (``VerifyResult.head``): a later truncation or rewrite of the
    history it covered is then caught. ``""``: no such check.

Returns
-------
VerifyResult
    True when everything holds; otherwise ``problems`` names every record that does not.
)doc");
}

}  // namespace taizhang::python
