// A plan's targets and their parts: baselines, milestone stages, trajectories.
#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

// Baseline, MilestoneStage (and the default stages) and TrajectoryPoint.
void register_target_parts(py::module_& m) {
  py::class_<Baseline> baseline(m, "Baseline", R"doc(
The starting point a rise is measured from.

Parameters
----------
value : decimal.Decimal, optional
    In the target's unit of measure; None while not known.
date : datetime.date, optional
    When the baseline held.
note : str
    Where the value comes from, or why it is missing.
)doc");
  baseline
      .def(py::init([](std::optional<Decimal> value, std::optional<Date> date, std::string note) {
             return Baseline{value, date, std::move(note)};
           }),
           py::arg("value") = py::none(), py::arg("date") = py::none(), py::arg("note") = "")
      .def_readwrite("value", &Baseline::value, "The baseline value, or None.")
      .def_readwrite("date", &Baseline::date, "When it held, or None.")
      .def_readwrite("note", &Baseline::note, "A remark.")
      .def("__repr__",
           [](const Baseline& b) {
             return "Baseline(" + field("value", py::cast(b.value)) + ", " +
                    field("date", py::cast(b.date)) + ", " + field("note", py::str(b.note)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(baseline, &Baseline::value, &Baseline::date, &Baseline::note);

  py::class_<MilestoneStage> stage(m, "MilestoneStage", R"doc(
A stage of a milestone target and the share of completion it stands for.

Parameters
----------
name : str
    ``"已启动"``.
share : decimal.Decimal
    0 .. 1.
)doc");
  stage
      .def(py::init([](std::string name, Decimal share) {
             return MilestoneStage{std::move(name), share};
           }),
           py::arg("name") = "", py::arg("share") = Decimal())
      .def_readwrite("name", &MilestoneStage::name, "The stage's name.")
      .def_readwrite("share", &MilestoneStage::share, "The share of completion, 0 .. 1.")
      .def("__repr__",
           [](const MilestoneStage& s) {
             return "MilestoneStage(" + field("name", py::str(s.name)) + ", " +
                    field("share", py::cast(s.share)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(stage, &MilestoneStage::name, &MilestoneStage::share);
  bind_list<MilestoneStage>(m, "MilestoneStageList", "A list of milestone stages.");
  m.def("default_milestone_stages", &default_milestone_stages,
        "The stages a milestone uses when it names none: 未启动 0, 已启动 0.25, 推进中 0.5, "
        "基本完成 0.75, 已完成 1.");

  py::class_<TrajectoryPoint> point(m, "TrajectoryPoint", R"doc(
The share of a target expected to be done by the end of a period.

Parameters
----------
period : Period or str
share : decimal.Decimal
    0 .. 1, not decreasing along the trajectory.
)doc");
  point
      .def(py::init([](Period period, Decimal share) {
             return TrajectoryPoint{period, share};
           }),
           py::arg("period"), py::arg("share"))
      .def_readwrite("period", &TrajectoryPoint::period, "The period.")
      .def_readwrite("share", &TrajectoryPoint::share, "The share expected by its end.")
      .def("__repr__",
           [](const TrajectoryPoint& p) {
             return "TrajectoryPoint(period=Period('" + p.period.to_string() + "'), " +
                    field("share", py::cast(p.share)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(point, &TrajectoryPoint::period, &TrajectoryPoint::share);
  bind_list<TrajectoryPoint>(m, "TrajectoryPointList", "A trajectory: points in time order.");
}

void add_target_init(py::class_<Target>& target) {
  target
      .def(py::init(
               [](std::string code, std::string description, Measure measure, std::string unit_name,
                  const py::object& value, std::optional<Baseline> base, TargetForm form,
                  Direction direction, Accumulation accumulation, Combination combination,
                  std::vector<std::string> contributors, std::optional<Date> deadline,
                  std::vector<TrajectoryPoint> trajectory, Decimal weight, std::string scope,
                  std::vector<MilestoneStage> stages, std::string note, std::string source_text) {
                 Target t;
                 t.code = std::move(code);
                 t.description = std::move(description);
                 t.measure = measure;
                 t.unit = std::move(unit_name);
                 // A value written as text is read against the target's unit, as reported values
                 // are: "12亿" on a target in 亿元 is 12, never 12亿 亿元.
                 if (py::isinstance<py::str>(value) &&
                     UnitRegistry::standard().contains(t.unit)) {
                   t.value = read_value(value.cast<std::string>(), "", t.unit).value;
                 } else if (!value.is_none()) {
                   t.value = value.cast<Decimal>();
                 }
                 t.baseline = std::move(base);
                 t.form = form;
                 t.direction = direction;
                 t.accumulation = accumulation;
                 t.combination = combination;
                 t.contributors = std::move(contributors);
                 t.deadline = deadline;
                 t.trajectory = std::move(trajectory);
                 t.weight = weight;
                 t.scope = std::move(scope);
                 t.stages = std::move(stages);
                 t.note = std::move(note);
                 t.source_text = std::move(source_text);
                 return t;
               }),
           py::arg("code") = "", py::arg("description") = "", py::arg("measure") = Measure::count,
           py::arg("unit") = "", py::arg("value") = py::none(), py::arg("baseline") = py::none(),
           py::arg("form") = TargetForm::absolute,
           py::arg("direction") = Direction::higher_is_better,
           py::arg("accumulation") = Accumulation::incremental,
           py::arg("combination") = Combination::sum,
           py::arg("contributors") = std::vector<std::string>{}, py::arg("deadline") = py::none(),
           py::arg("trajectory") = std::vector<TrajectoryPoint>{}, py::arg("weight") = Decimal(1),
           py::arg("scope") = "", py::arg("stages") = std::vector<MilestoneStage>{},
           py::arg("note") = "", py::arg("source_text") = "");
}

// The fields, is_numeric, is_measurable, goal, repr and ==.
void add_target_fields(py::class_<Target>& target) {
  target
      .def_readwrite("code", &Target::code, "Unique in the plan: \"2.3\".")
      .def_readwrite("description", &Target::description, "What is promised.")
      .def_readwrite("measure", &Target::measure, "What it measures.")
      .def_readwrite("unit", &Target::unit, "Unit of measure of reported values.")
      .def_readwrite("value", &Target::value, "The target (absolute) or the rise, or None.")
      .def_readwrite("baseline", &Target::baseline, "The baseline, or None.")
      .def_readwrite("form", &Target::form, "Absolute, or a rise over the baseline.")
      .def_readwrite("direction", &Target::direction, "Which way is better.")
      .def_readwrite("accumulation", &Target::accumulation, "What each report's value means.")
      .def_readwrite("combination", &Target::combination, "How contributing units combine.")
      .def_readwrite("contributors", &Target::contributors,
                     "Unit codes whose values count (a copy: assign a new list to change it).")
      .def_readwrite("deadline", &Target::deadline, "Its own deadline, or None.")
      .def_readwrite("trajectory", &Target::trajectory, "Explicit expected shares, or empty.")
      .def_readwrite("weight", &Target::weight, "Relative weight within its initiative.")
      .def_readwrite("scope", &Target::scope, "Who or where it covers.")
      .def_readwrite("stages", &Target::stages, "Milestone stages, or empty for the defaults.")
      .def_readwrite("note", &Target::note, "Qualifiers and remarks.")
      .def_readwrite("source_text", &Target::source_text, "The source document's words.")
      .def_property_readonly("is_numeric", &Target::is_numeric,
                             "Whether reports give it a number (count, money, percent).")
      .def_property_readonly("is_measurable", &Target::is_measurable,
                             "Whether the roll-up gives it a completion and counts it in its "
                             "initiative's and the plan's (rule 7): a milestone, or a numeric "
                             "target whose goal is known.")
      .def("goal", &Target::goal, R"doc(
The value to reach, in the target's unit.

Returns
-------
decimal.Decimal or None
    The value for an absolute target; baseline × (1 + value/100) or baseline + value for a rise;
    None when it cannot be known yet (a rise whose baseline is unknown) or the target is not
    numeric.
)doc")
      .def("__repr__",
           [](const Target& t) {
             return "Target(" + field("code", py::str(t.code)) + ", measure=Measure." +
                    to_string(t.measure) + ", " + field("value", py::cast(t.value)) + ", " +
                    field("unit", py::str(t.unit)) + ")";
           })
      .def(py::self == py::self);
}

void register_target_class(py::module_& m) {
  py::class_<Target> target(m, "Target", R"doc(
What an initiative promises, in a form the roll-up can measure.

Parameters
----------
code : str
    Unique in the plan, conventionally ``"<initiative>.<n>"``: ``"2.3"``.
description : str
    What is promised, in the notice's words.
measure : Measure
    Count, money, percent, milestone or qualitative.
unit : str
    Unit of measure of reported values (``"名"``, ``"亿元"``); ``""`` for milestones.
value : decimal.Decimal, optional
    Absolute: the target; a rise: the rise. Required for count, money and percent.
baseline : Baseline, optional
form : TargetForm
direction : Direction
accumulation : Accumulation
combination : Combination
contributors : list of str
    Unit codes whose values count; empty: the lead unit(s) only.
deadline : datetime.date, optional
    Empty: the initiative's deadline, else the plan's end (年内).
trajectory : list of TrajectoryPoint
    Empty: linear over the reporting periods.
weight : decimal.Decimal
    Relative weight within its initiative.
scope : str
    Who or where it covers.
stages : list of MilestoneStage
    Milestones only; empty: the default stages.
note : str
    Qualifiers and remarks (余, 以上, 不少于).
source_text : str
    The words of the source document.

Examples
--------
>>> taizhang.Target(code="1.1", description="“两癌”免费检查", unit="名", value=18000)
Target(code='1.1', measure=Measure.count, value=Decimal('18000'), unit='名')
)doc");
  add_target_init(target);
  add_target_fields(target);
  pickle_fields(target, &Target::code, &Target::description, &Target::measure, &Target::unit,
                &Target::value, &Target::baseline, &Target::form, &Target::direction,
                &Target::accumulation, &Target::combination, &Target::contributors,
                &Target::deadline, &Target::trajectory, &Target::weight, &Target::scope,
                &Target::stages, &Target::note, &Target::source_text);
  bind_list<Target>(m, "TargetList", "A list of targets.");
}

}  // namespace

void register_targets(py::module_& m) {
  register_target_parts(m);
  register_target_class(m);
}

}  // namespace taizhang::python
