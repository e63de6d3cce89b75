// The plan model: units, initiatives, assignments, the plan; validation and the plan file
// format. Targets and their parts are in register_targets.cpp.
#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

void register_plan_enums(py::module_& m) {
  py::enum_<UnitKind>(m, "UnitKind", "What kind of organisation a unit is.")
      .value("bureau", UnitKind::bureau, "a government department or bureau (区卫健局)")
      .value("town", UnitKind::town, "镇人民政府")
      .value("street", UnitKind::street, "街道办事处")
      .value("development_zone", UnitKind::development_zone, "开发区管委会")
      .value("mass_organisation", UnitKind::mass_organisation, "群团组织: 区妇联, 团区委")
      .value("enterprise", UnitKind::enterprise, "企业")
      .value("coordinating_office", UnitKind::coordinating_office,
             "the office that schedules the work and receives reports")
      .value("party_department", UnitKind::party_department, "党委部门: 区委宣传部")
      .value("institution", UnitKind::institution, "事业单位")
      .value("government", UnitKind::government, "a people's government or its general office")
      .value("other", UnitKind::other, "any other kind of organisation")
      .value("placeholder", UnitKind::placeholder,
             "not known yet (a draft's 责任单位（待定）): never chased, to be replaced");
  py::enum_<Reporters>(m, "Reporters", R"doc(
Which units must report each period, for the chasing list and the units' figures (rule 8):
``Plan.reporting_rules.reporters``.
)doc")
      .value("assigned", Reporters::assigned,
             "every unit assigned to an initiative, lead or co-responsible, on each of its "
             "initiatives (what a notice's 按季度报送 asks of every 责任单位; the default)")
      .value("leads", Reporters::leads, "the lead units only, on the initiatives they lead")
      .value("contributors", Reporters::contributors,
             "the units whose values count towards a measurable target, on those targets' "
             "initiatives");
  py::enum_<AssignmentRole>(m, "AssignmentRole", "A unit's role on an initiative.")
      .value("lead", AssignmentRole::lead, "牵头单位: the first unit a notice lists")
      .value("co_responsible", AssignmentRole::co_responsible,
             "责任单位 / 配合单位 listed after the lead");
  m.attr("Role") = m.attr("AssignmentRole");  // the name before 0.2.0
  py::enum_<Measure>(m, "Measure", "What a target measures.")
      .value("count", Measure::count, "things or people counted: 18000 名, 3 所")
      .value("money", Measure::money, "an amount of money: 12 亿元")
      .value("percent", Measure::percent, "a rate")
      .value("milestone", Measure::milestone, "a commitment done in stages")
      .value("qualitative", Measure::qualitative, "reported in words only");
  py::enum_<Direction>(m, "Direction", "Which way is better.")
      .value("higher_is_better", Direction::higher_is_better,
             "more is better: places, people, money (the default)")
      .value("lower_is_better", Direction::lower_is_better,
             "less is better: a rate of illness, a waiting time");
  py::enum_<Accumulation>(m, "Accumulation", "What each report's value means over time.")
      .value("incremental", Accumulation::incremental, "the period's amount; summed")
      .value("cumulative", Accumulation::cumulative, "the total to date; the latest counts")
      .value("level", Accumulation::level, "a snapshot such as a rate; the latest counts");
  py::enum_<Combination>(m, "Combination", "How several contributing units' values combine.")
      .value("sum", Combination::sum, "the sum of the units' values (the default)")
      .value("lead_only", Combination::lead_only,
             "the sum over the lead units among the contributors")
      .value("max", Combination::max, "the largest of the units' values")
      .value("mean", Combination::mean, "the mean of the values, rounded half up to 12 places");
  py::enum_<TargetForm>(m, "TargetForm", "How a target value is stated.")
      .value("absolute", TargetForm::absolute, "reach the value")
      .value("rise_percent", TargetForm::rise_percent, "rise by value % over the baseline")
      .value("rise_amount", TargetForm::rise_amount, "rise by value over the baseline");
}

// Unit and Assignment.
void register_units(py::module_& m) {
  py::class_<Unit> unit(m, "Unit", R"doc(
An organisation a plan makes responsible.

Parameters
----------
code : str
    Stable identifier: ASCII letters, digits, ``.``, ``_``, ``-``.
name : str
    As the documents name it: ``"区卫健局"``.
kind : UnitKind
    What kind of organisation it is.
parent : str
    The code of its parent unit, or ``""``.
full_name : str
    The formal name when it differs, or ``""``.
)doc");
  unit.def(py::init([](std::string code, std::string name, UnitKind kind, std::string parent,
                       std::string full_name) {
             return Unit{std::move(code), std::move(name), kind, std::move(parent),
                         std::move(full_name)};
           }),
           py::arg("code") = "", py::arg("name") = "", py::arg("kind") = UnitKind::bureau,
           py::arg("parent") = "", py::arg("full_name") = "")
      .def_readwrite("code", &Unit::code, "Stable identifier.")
      .def_readwrite("name", &Unit::name, "The name documents use.")
      .def_readwrite("kind", &Unit::kind, "What kind of organisation it is.")
      .def_readwrite("parent", &Unit::parent, "The parent unit's code, or \"\".")
      .def_readwrite("full_name", &Unit::full_name, "The formal name, or \"\".")
      .def("__repr__",
           [](const Unit& u) {
             return "Unit(" + field("code", py::str(u.code)) + ", " +
                    field("name", py::str(u.name)) + ", kind=UnitKind." + to_string(u.kind) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(unit, &Unit::code, &Unit::name, &Unit::kind, &Unit::parent, &Unit::full_name);
  bind_list<Unit>(m, "UnitList", "A list of units.");

  // ---- Assignment
  py::class_<Assignment> assignment(m, "Assignment", R"doc(
A unit made responsible for an initiative.

Parameters
----------
unit : str
    The unit's code.
role : AssignmentRole
    ``AssignmentRole.lead`` or ``AssignmentRole.co_responsible``.
division : str
    责任科室, the responsible division inside the unit, or ``""``.
person : str
    责任人, the responsible person, or ``""``.
)doc");
  assignment
      .def(py::init([](std::string unit_code, AssignmentRole role, std::string division,
                       std::string person) {
             return Assignment{std::move(unit_code), role, std::move(division), std::move(person)};
           }),
           py::arg("unit") = "", py::arg("role") = AssignmentRole::co_responsible,
           py::arg("division") = "", py::arg("person") = "")
      .def_readwrite("unit", &Assignment::unit, "The unit's code.")
      .def_readwrite("role", &Assignment::role, "Lead or co-responsible.")
      .def_readwrite("division", &Assignment::division, "责任科室, or \"\".")
      .def_readwrite("person", &Assignment::person, "责任人, or \"\".")
      .def("__repr__",
           [](const Assignment& a) {
             return "Assignment(" + field("unit", py::str(a.unit)) + ", role=AssignmentRole." +
                    to_string(a.role) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(assignment, &Assignment::unit, &Assignment::role, &Assignment::division,
                &Assignment::person);
  bind_list<Assignment>(m, "AssignmentList", "A list of assignments.");
}

// Parameter and Initiative.
void register_initiatives(py::module_& m) {
  py::class_<Parameter> parameter(m, "Parameter", R"doc(
A figure an initiative states that is not a target: a subsidy rate, a standard, a price.

Parameters
----------
name : str
    ``"集中康复训练补助"``.
value : decimal.Decimal
unit : str
    ``"万元"``.
basis : str
    What the value is per: ``"每人"``.
source_text : str
)doc");
  parameter
      .def(py::init([](std::string name, Decimal value, std::string unit_name, std::string basis,
                       std::string source_text) {
             return Parameter{std::move(name), value, std::move(unit_name), std::move(basis),
                              std::move(source_text)};
           }),
           py::arg("name") = "", py::arg("value") = Decimal(), py::arg("unit") = "",
           py::arg("basis") = "", py::arg("source_text") = "")
      .def_readwrite("name", &Parameter::name, "What the figure is.")
      .def_readwrite("value", &Parameter::value, "The figure.")
      .def_readwrite("unit", &Parameter::unit, "Its unit of measure.")
      .def_readwrite("basis", &Parameter::basis, "What it is per: \"每人\".")
      .def_readwrite("source_text", &Parameter::source_text, "The source document's words.")
      .def("__repr__",
           [](const Parameter& p) {
             return "Parameter(" + field("name", py::str(p.name)) + ", " +
                    field("value", py::cast(p.value)) + ", " + field("unit", py::str(p.unit)) +
                    ", " + field("basis", py::str(p.basis)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(parameter, &Parameter::name, &Parameter::value, &Parameter::unit, &Parameter::basis,
                &Parameter::source_text);
  bind_list<Parameter>(m, "ParameterList", "A list of parameters.");

  // ---- Initiative
  py::class_<Initiative> initiative(m, "Initiative", R"doc(
A numbered item of a plan (实事).

Parameters
----------
number : int
    1-based position in the plan, shown as 一、二、…
title : str
    实事名称.
description : str
    The notice's full text of the item.
assignments : list of Assignment
    In the notice's order; at least one lead.
targets : list of Target
parameters : list of Parameter
deadline : datetime.date, optional
    完成时限 when the notice sets one.
)doc");
  initiative
      .def(py::init([](int number, std::string title, std::string description,
                       std::vector<Assignment> assignments, std::vector<Target> targets,
                       std::vector<Parameter> parameters, std::optional<Date> deadline) {
             return Initiative{number,
                               std::move(title),
                               std::move(description),
                               std::move(assignments),
                               std::move(targets),
                               std::move(parameters),
                               deadline};
           }),
           py::arg("number") = 0, py::arg("title") = "", py::arg("description") = "",
           py::arg("assignments") = std::vector<Assignment>{},
           py::arg("targets") = std::vector<Target>{},
           py::arg("parameters") = std::vector<Parameter>{}, py::arg("deadline") = py::none())
      .def_readwrite("number", &Initiative::number, "1-based position in the plan.")
      .def_readwrite("title", &Initiative::title, "实事名称.")
      .def_readwrite("description", &Initiative::description, "The full text of the item.")
      .def_readwrite("assignments", &Initiative::assignments, "Responsible units, lead first.")
      .def_readwrite("targets", &Initiative::targets, "Its targets.")
      .def_readwrite("parameters", &Initiative::parameters, "Figures that are not targets.")
      .def_readwrite("deadline", &Initiative::deadline, "完成时限, or None.")
      .def("lead_units", &Initiative::lead_units, "The codes of the lead units, in order.")
      .def(
          "find_assignment",
          [](const Initiative& i, std::string_view code) -> std::optional<Assignment> {
            if (const Assignment* a = i.find_assignment(code)) return *a;
            return std::nullopt;
          },
          py::arg("unit"), "The assignment of unit `unit`, or None.")
      .def("contributors_of", &Initiative::contributors_of, py::arg("target"),
           "The units whose values count towards `target`.")
      .def("__repr__",
           [](const Initiative& i) {
             return "Initiative(number=" + std::to_string(i.number) + ", " +
                    field("title", py::str(i.title)) + ", " + std::to_string(i.targets.size()) +
                    " targets)";
           })
      .def(py::self == py::self);
  pickle_fields(initiative, &Initiative::number, &Initiative::title, &Initiative::description,
                &Initiative::assignments, &Initiative::targets, &Initiative::parameters,
                &Initiative::deadline);
  bind_list<Initiative>(m, "InitiativeList", "A list of initiatives.");
}

// Contact, SourceDocument and ReportingRules.
void register_plan_parts(py::module_& m) {
  py::class_<Contact> contact(m, "Contact", "The coordinating office's contact.");
  contact
      .def(py::init([](std::string phone, std::string email) {
             return Contact{std::move(phone), std::move(email)};
           }),
           py::arg("phone") = "", py::arg("email") = "")
      .def_readwrite("phone", &Contact::phone, "Telephone: \"7220350\".")
      .def_readwrite("email", &Contact::email, "E-mail address.")
      .def("__repr__",
           [](const Contact& c) {
             return "Contact(" + field("phone", py::str(c.phone)) + ", " +
                    field("email", py::str(c.email)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(contact, &Contact::phone, &Contact::email);

  py::class_<SourceDocument> source_document(m, "SourceDocument",
                                             "The document a plan was taken from.");
  source_document
      .def(py::init(
               [](std::string title, std::string number, std::string url, std::string form_title) {
                 return SourceDocument{std::move(title), std::move(number), std::move(url),
                                       std::move(form_title)};
               }),
           py::arg("title") = "", py::arg("number") = "", py::arg("url") = "",
           py::arg("form_title") = "")
      .def_readwrite("title", &SourceDocument::title, "The notice's title.")
      .def_readwrite("number", &SourceDocument::number, "文号: \"竹府办〔2016〕20号\", or \"\".")
      .def_readwrite("url", &SourceDocument::url, "Where it was published.")
      .def_readwrite("form_title", &SourceDocument::form_title,
                     "The title of the attached progress form.")
      .def("__repr__",
           [](const SourceDocument& s) {
             return "SourceDocument(" + field("title", py::str(s.title)) + ", " +
                    field("number", py::str(s.number)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(source_document, &SourceDocument::title, &SourceDocument::number,
                &SourceDocument::url, &SourceDocument::form_title);

  py::class_<ReportingRules> rules(m, "ReportingRules", R"doc(
How a plan's reports are judged beyond their due dates: who must report, and when a value is
filed with a warning (需核实) — never refused: the coordinating office decides.

Parameters
----------
reporters : Reporters
    Which units must report each period (``Reporters.assigned`` by default).
over_goal : decimal.Decimal or int or str
    A value more than this many times its target's goal is flagged 需核实 (10; at least 1).
jump : decimal.Decimal or int or str
    A running total that grows, or a level that rises or falls, by more than this factor from
    the unit's value in its latest earlier period is flagged 需核实 (10; at least 1).
)doc");
  rules
      .def(py::init([](Reporters reporters, Decimal over_goal, Decimal jump) {
             return ReportingRules{reporters, over_goal, jump};
           }),
           py::arg("reporters") = Reporters::assigned, py::arg("over_goal") = Decimal(10),
           py::arg("jump") = Decimal(10))
      .def_readwrite("reporters", &ReportingRules::reporters,
                     "Which units must report each period (Reporters).")
      .def_readwrite("over_goal", &ReportingRules::over_goal,
                     "A value more than this many times the goal is flagged 需核实.")
      .def_readwrite("jump", &ReportingRules::jump,
                     "A move by more than this factor from the latest earlier period is flagged "
                     "需核实.")
      .def("__repr__",
           [](const ReportingRules& r) {
             return std::string("ReportingRules(reporters=Reporters.") + to_string(r.reporters) +
                    ", " + field("over_goal", py::cast(r.over_goal)) + ", " +
                    field("jump", py::cast(r.jump)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(rules, &ReportingRules::reporters, &ReportingRules::over_goal,
                &ReportingRules::jump);
}

void add_plan_init(py::class_<Plan>& plan) {
  plan.def(py::init([](std::string code, std::string title, std::string issuer, int year,
                       std::optional<Date> issue_date, PeriodKind reporting, Date start, Date end,
                       std::string coordinator, int report_due_days, Contact c, Decimal tolerance,
                       ReportingRules reporting_rules, SourceDocument s,
                       std::vector<std::string> notes, std::vector<UnitOfMeasure> units_of_measure,
                       std::vector<Unit> units, std::vector<Initiative> initiatives) {
             Plan p;
             p.code = std::move(code);
             p.title = std::move(title);
             p.issuer = std::move(issuer);
             p.year = year;
             p.issue_date = issue_date;
             p.reporting = reporting;
             p.start = start;
             p.end = end;
             p.coordinator = std::move(coordinator);
             p.report_due_days = report_due_days;
             p.contact = std::move(c);
             p.tolerance = tolerance;
             p.reporting_rules = std::move(reporting_rules);
             p.source = std::move(s);
             p.notes = std::move(notes);
             p.units_of_measure = std::move(units_of_measure);
             p.units = std::move(units);
             p.initiatives = std::move(initiatives);
             return p;
           }),
           py::arg("code") = "", py::arg("title") = "", py::arg("issuer") = "", py::arg("year") = 0,
           py::arg("issue_date") = py::none(), py::arg("reporting") = PeriodKind::quarter,
           py::arg("start") = Date(), py::arg("end") = Date(), py::arg("coordinator") = "",
           py::arg("report_due_days") = 10, py::arg("contact") = Contact{},
           py::arg("tolerance") = Decimal::from_parts(1, 1),
           py::arg("reporting_rules") = ReportingRules{}, py::arg("source") = SourceDocument{},
           py::arg("notes") = std::vector<std::string>{},
           py::arg("units_of_measure") = std::vector<UnitOfMeasure>{},
           py::arg("units") = std::vector<Unit>{},
           py::arg("initiatives") = std::vector<Initiative>{});
}

void add_plan_fields(py::class_<Plan>& plan) {
  plan.def_readwrite("code", &Plan::code, "Stable identifier.")
      .def_readwrite("title", &Plan::title, "\"2021年为全区妇女儿童办实事\".")
      .def_readwrite("issuer", &Plan::issuer, "The issuing office.")
      .def_readwrite("year", &Plan::year, "The plan's year.")
      .def_readwrite("issue_date", &Plan::issue_date, "When it was issued, or None.")
      .def_readwrite("reporting", &Plan::reporting, "How often units report.")
      .def_readwrite("start", &Plan::start, "First day of the window.")
      .def_readwrite("end", &Plan::end, "Last day of the window.")
      .def_readwrite("coordinator", &Plan::coordinator, "The coordinating unit's code.")
      .def_readwrite("report_due_days", &Plan::report_due_days,
                     "Days after a period's end a report is due.")
      .def_readwrite("contact", &Plan::contact, "The coordinating office's contact.")
      .def_readwrite("tolerance", &Plan::tolerance, "Width of a status band.")
      .def_readwrite("reporting_rules", &Plan::reporting_rules,
                     "Who must report each period; when a value is flagged 需核实 "
                     "(ReportingRules, changed in place: "
                     "``plan.reporting_rules.reporters = Reporters.leads``).")
      .def_readwrite("source", &Plan::source, "The source document.")
      .def_readwrite("notes", &Plan::notes,
                     "Remarks on the plan (a copy: assign a new list to change them).")
      .def_readwrite("units_of_measure", &Plan::units_of_measure,
                     "Units of measure beyond the standard ones.")
      .def_readwrite("units", &Plan::units, "Every unit the plan names.")
      .def_readwrite("initiatives", &Plan::initiatives, "The initiatives, in order.");
}

// Look-ups, replacements, reporting dates, validation, repr, == and pickling.
void add_plan_methods(py::class_<Plan>& plan) {
  plan.def("periods", &Plan::periods, "The reporting periods of the window (list of Period).")
      .def("unit_registry", &Plan::unit_registry,
           "The standard units of measure plus the plan's own.")
      .def(
          "find_unit",
          [](const Plan& p, std::string_view code) -> std::optional<Unit> {
            if (const Unit* u = p.find_unit(code)) return *u;
            return std::nullopt;
          },
          py::arg("code"), "The unit `code` (a copy), or None.")
      .def(
          "find_initiative",
          [](const Plan& p, int number) -> std::optional<Initiative> {
            if (const Initiative* found = p.find_initiative(number)) return *found;
            return std::nullopt;
          },
          py::arg("number"), "A copy of the initiative numbered `number`, or None.")
      .def(
          "find_target",
          [](const Plan& p, std::string_view code) -> std::optional<Target> {
            if (const Target* found = p.find_target(code)) return *found;
            return std::nullopt;
          },
          py::arg("code"), "A copy of the target `code`, or None.")
      .def(
          "replace_target",
          [](Plan& p, const Target& changed) {
            for (Initiative& i : p.initiatives) {
              for (Target& t : i.targets) {
                if (t.code == changed.code) {
                  t = changed;
                  return;
                }
              }
            }
            throw NotFoundError("plan \"" + p.code + "\" has no target \"" + changed.code + "\"");
          },
          py::arg("target"), R"doc(
Put a changed copy of a target back: the target with the same code is replaced.

Items taken from the plan (``find_target``, ``plan.initiatives[0].targets[1]``) are copies, so
that they stay valid whatever happens to the plan's lists; change one and put it back.

Raises
------
NotFoundError
    When the plan has no target with that code.
)doc")
      .def(
          "replace_initiative",
          [](Plan& p, const Initiative& changed) {
            for (Initiative& i : p.initiatives) {
              if (i.number == changed.number) {
                i = changed;
                return;
              }
            }
            throw NotFoundError("plan \"" + p.code + "\" has no initiative " +
                                std::to_string(changed.number));
          },
          py::arg("initiative"), R"doc(
Put a changed copy of an initiative back: the initiative with the same number is replaced.

Raises
------
NotFoundError
    When the plan has no initiative with that number.
)doc")
      .def(
          "deadline_of",
          [](const Plan& p, std::string_view code) {
            const Initiative* i = p.initiative_of(code);
            if (i == nullptr)
              throw NotFoundError("plan \"" + p.code + "\" has no target \"" + std::string(code) +
                                  "\"");
            return p.deadline_of(*i, *p.find_target(code));
          },
          py::arg("target"),
          "The date target `target` is due (its own, its initiative's, or 年内).")
      .def("report_due", &Plan::report_due, py::arg("period"),
           "The day a report for `period` is due.")
      .def("requires_report", &Plan::requires_report, py::arg("period"),
           "Whether units must report for `period`: it overlaps the window and did not end "
           "before the plan was issued (a notice issued in May is not chased for the first "
           "quarter).")
      .def("reported_initiatives", &Plan::reported_initiatives, py::arg("unit"), R"doc(
The initiatives the unit coded `unit` must report on each period, under
``reporting_rules.reporters``, in the plan's order.

Returns
-------
list of int
    Empty when the unit need not report (or is a placeholder).
)doc")
      .def(
          "to_json", [](const Plan& p) { return plan_to_json(p); },
          "The plan in the canonical JSON of the plan file format.")
      .def_static(
          "from_json", [](std::string_view text) { return plan_from_json(text); }, py::arg("text"),
          "Read a plan from JSON text (see :func:`plan_from_json`).")
      .def("validate", py::overload_cast<const Plan&>(&validate),
           "Every problem of the plan (see :func:`validate`).")
      .def("outline", &render_outline, "The plan as a readable outline in Chinese.")
      .def("__repr__",
           [](const Plan& p) {
             return "Plan(" + field("code", py::str(p.code)) + ", " +
                    field("title", py::str(p.title)) + ", " + std::to_string(p.initiatives.size()) +
                    " initiatives)";
           })
      .def(py::self == py::self)
      .def(py::pickle([](const Plan& p) { return py::make_tuple(plan_to_json(p)); },
                      [](const py::tuple& t) { return plan_from_json(t[0].cast<std::string>()); }));
}

void register_plan_class(py::module_& m) {
  py::class_<Plan> plan(m, "Plan", R"doc(
A programme of public commitments as one notice issues it.

Build one in code with keywords, or read one with :func:`load_plan` / :meth:`Plan.from_json`.
Lists (``units``, ``initiatives``, ``targets`` …) can be appended to, deleted from and assigned;
the items taken out of them are copies, which stay valid whatever happens to the list. To change
an item, change the copy and put it back: ``t = plan.find_target("1.1"); t.value = Decimal(20000);
plan.replace_target(t)`` (or ``plan.initiatives[0] = initiative``).

Parameters
----------
code : str
title : str
issuer : str
year : int
issue_date : datetime.date, optional
reporting : PeriodKind
start, end : datetime.date
    The window in which the plan runs, both days included.
coordinator : str
    The coordinating unit's code.
report_due_days : int
    A report is due this many days after its period ends.
contact : Contact
tolerance : decimal.Decimal
    The width of a status band (0.1).
reporting_rules : ReportingRules
    Who must report each period; when a value is flagged 需核实.
source : SourceDocument
notes : list of str
units_of_measure : list of UnitOfMeasure
units : list of Unit
initiatives : list of Initiative
)doc");
  add_plan_init(plan);
  add_plan_fields(plan);
  add_plan_methods(plan);
}

// validate, require_valid, plan_from_json, plan_to_json, load_plan, save_plan, render_outline
// and chinese_ordinal.
void register_plan_functions(py::module_& m) {
  m.def("validate", py::overload_cast<const Plan&>(&validate), py::arg("plan"), R"doc(
Check a plan against the model's rules.

Returns
-------
list of Issue
    Every problem found, errors and warnings, each with its path
    (``"initiatives[3].targets[1].value"``); empty when the plan is valid.
)doc");
  m.def("validate", py::overload_cast<const Unit&>(&validate), py::arg("unit"), R"doc(
Check one unit as the ledger's catalogue keeps it (``Ledger.put_unit``) and as a plan lists it:
its code, a name that is not empty, text without control characters.

Returns
-------
list of Issue
    Every problem, with the paths ``"code"``, ``"name"``, ``"full_name"``; empty when the unit
    is valid.
)doc");
  m.def(
      "require_valid", [](const Plan& p, std::string_view source) { require_valid(p, source); },
      py::arg("plan"), py::arg("source") = "", R"doc(
Raise :class:`ValidationError` (listing every issue) when the plan has at least one error.
)doc");
  m.def(
      "plan_from_json",
      [](std::string_view text, std::string_view source) { return plan_from_json(text, source); },
      py::arg("text"), py::arg("source") = "<string>", R"doc(
Read a plan from the JSON of the plan file format.

Raises
------
ParseError
    With line and column, for malformed JSON.
ValidationError
    Listing every unknown key, wrong type and unreadable value, with its path.
)doc");
  m.def("plan_to_json", &plan_to_json, py::arg("plan"),
        "The plan's canonical JSON text (decimals as strings, UTF-8 unescaped).");
  m.def(
      "load_plan", [](const std::filesystem::path& path) { return load_plan(path); },
      py::arg("path"), py::call_guard<py::gil_scoped_release>(), R"doc(
Read a plan file (see :func:`plan_from_json`).

Raises
------
IoError
    Naming the file when it cannot be read.
)doc");
  m.def(
      "save_plan", [](const Plan& p, const std::filesystem::path& path) { save_plan(p, path); },
      py::arg("plan"), py::arg("path"), py::call_guard<py::gil_scoped_release>(),
      "Write the plan's canonical JSON to `path`, replacing it atomically.");
  m.def("render_outline", &render_outline, py::arg("plan"),
        "The plan as a readable outline in Chinese (initiatives, units, targets).");
  m.attr("format_outline") = m.attr("render_outline");  // the name before 0.2.0
  py::enum_<PlanChangeKind>(m, "PlanChangeKind", "What a change of a plan does.")
      .value("added", PlanChangeKind::added, "新增: a unit, initiative, target or assignment")
      .value("removed", PlanChangeKind::removed, "删除 (减少 for a unit of an initiative)")
      .value("changed", PlanChangeKind::changed, "a field with another value: before → after");
  py::class_<PlanChange> change(m, "PlanChange",
                                "One change between two versions of a plan, in words.");
  change.def(py::init<>())
      .def_readonly("kind", &PlanChange::kind, "added, removed or changed (PlanChangeKind).")
      .def_readonly("subject", &PlanChange::subject,
                    "What it is about: 计划, 单位 finance, 实事二, or a target's code.")
      .def_readonly("field", &PlanChange::field, "Which field, in Chinese (目标值, 责任单位, …).")
      .def_readonly("before", &PlanChange::before, "As people write it; \"\" when added.")
      .def_readonly("after", &PlanChange::after, "As people write it; \"\" when removed.")
      .def_readonly("text", &PlanChange::text, "The whole change: \"2.1 目标值 3所 → 4所\".")
      .def("__repr__", [](const PlanChange& c) { return "<PlanChange " + c.text + ">"; })
      .def("__str__", [](const PlanChange& c) { return c.text; })
      .def(py::self == py::self);
  pickle_fields(change, &PlanChange::kind, &PlanChange::subject, &PlanChange::field,
                &PlanChange::before, &PlanChange::after, &PlanChange::text);
  m.def("diff_plans", &diff_plans, py::arg("before"), py::arg("after"), R"doc(
What changed from `before` to `after`, in the words an office uses, in the plan's order:
``实事二 责任单位 增加 区妇联``, ``2.1 目标值 3所 → 4所``, ``实事二 新增目标 2.9 …``.
Targets are matched by code, initiatives by number, units by code.

Returns
-------
list of PlanChange
)doc");
  m.def("chinese_ordinal", &chinese_ordinal, py::arg("number"),
        "The number as Chinese documents write an item's number: 1 → 一, 14 → 十四.");
}

}  // namespace

void register_plan(py::module_& m) {
  register_plan_enums(m);
  register_units(m);
  register_targets(m);
  register_initiatives(m);
  register_plan_parts(m);
  register_plan_class(m);
  register_plan_functions(m);
}

}  // namespace taizhang::python
