// The roll-up: what the reports add up to, per target, initiative, plan and unit; compliance and
// the chasing list; explanations; the table of every value. And column extractors that turn lists
// of these into numpy arrays in one pass, for the data frames of the Python package.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>

#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

template <class Enum>
std::string enum_repr(Enum value) {
  return py::str(py::cast(value));
}

std::string double_repr(double value) {
  return py::str(py::repr(py::float_(value)));
}

// __eq__ from the C++ type's own operator== (pybind11 answers Python's NotImplemented for an
// object of another type, so Python falls back to identity).
template <class T, class... Extra>
void def_equality(py::class_<T, Extra...>& cls) {
  cls.def(
      "__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
}

// ---- Columns --------------------------------------------------------------------------------

constexpr std::int64_t missing_int64 = std::numeric_limits<std::int64_t>::min();

// One numpy array of n entries, filled in place.
template <class T>
class Column {
 public:
  explicit Column(std::size_t n)
      : array_(static_cast<py::ssize_t>(n)), view_(array_.template mutable_unchecked<1>()) {}

  T& operator[](std::size_t i) { return view_(static_cast<py::ssize_t>(i)); }
  [[nodiscard]] const py::array_t<T>& array() const { return array_; }

 private:
  py::array_t<T> array_;
  py::detail::unchecked_mutable_reference<T, 1> view_;
};

// An exact decimal: <name>_coef (int64), <name>_scale (int8, −1 missing), <name> (float64, NaN).
class DecimalColumns {
 public:
  explicit DecimalColumns(std::size_t n) : coef_(n), scale_(n), value_(n) {}

  void set(std::size_t i, const std::optional<Decimal>& d) {
    if (d) {
      coef_[i] = d->coefficient();
      scale_[i] = static_cast<std::int8_t>(d->scale());
      value_[i] = d->to_double();
    } else {
      coef_[i] = 0;
      scale_[i] = -1;
      value_[i] = std::numeric_limits<double>::quiet_NaN();
    }
  }
  void put(py::dict& columns, const std::string& name) const {
    columns[py::str(name + "_coef")] = coef_.array();
    columns[py::str(name + "_scale")] = scale_.array();
    columns[py::str(name)] = value_.array();
  }

 private:
  Column<std::int64_t> coef_;
  Column<std::int8_t> scale_;
  Column<double> value_;
};

// Repeated text: <name>_codes (int32, −1 missing) indexing <name>_categories (list of str).
class CategoryColumns {
 public:
  // Categories in the order they are first met.
  explicit CategoryColumns(std::size_t n) : codes_(n) {}
  // Fixed categories (an enum's names in its order, or a dictionary given with the data).
  CategoryColumns(std::size_t n, std::vector<std::string> categories)
      : codes_(n), categories_(std::move(categories)), fixed_(true) {}

  void set_code(std::size_t i, std::int32_t code) { codes_[i] = code; }
  // Empty text is missing.
  void set(std::size_t i, const std::string& text) {
    if (text.empty()) {
      codes_[i] = -1;
      return;
    }
    const auto [it, added] =
        index_.try_emplace(text, static_cast<std::int32_t>(categories_.size()));
    if (added) categories_.push_back(text);
    codes_[i] = it->second;
  }
  void put(py::dict& columns, const std::string& name) const {
    columns[py::str(name + "_codes")] = codes_.array();
    py::list categories;
    for (const std::string& c : categories_) categories.append(py::str(c));
    columns[py::str(name + "_categories")] = categories;
  }
  [[nodiscard]] bool fixed() const noexcept { return fixed_; }

 private:
  Column<std::int32_t> codes_;
  std::vector<std::string> categories_;
  std::unordered_map<std::string, std::int32_t> index_;
  bool fixed_ = false;
};

// Python objects (tuples of str or int): one numpy array of dtype object, filled in place.
class ObjectColumn {
 public:
  explicit ObjectColumn(std::size_t n)
      : array_(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        data_(static_cast<PyObject**>(array_.mutable_data())) {}

  // A tuple of `items` (str or int) at row i; rows without any share the one empty tuple.
  template <class T>
  void set_tuple(std::size_t i, const std::vector<T>& items) {
    if (items.empty()) {
      put(i, empty_);
      return;
    }
    py::tuple tuple(items.size());
    for (std::size_t k = 0; k < items.size(); ++k) tuple[k] = py::cast(items[k]);
    put(i, tuple);
  }
  [[nodiscard]] const py::array& array() const { return array_; }

 private:
  void put(std::size_t i, const py::handle& value) {
    PyObject* old = data_[i];
    data_[i] = value.inc_ref().ptr();
    Py_XDECREF(old);
  }

  py::array array_;
  PyObject** data_;
  py::tuple empty_;
};

const std::vector<std::string>& status_names() {
  static const std::vector<std::string> names = {"achieved", "on_track", "at_risk",
                                                 "behind",   "no_data",  "overdue"};
  return names;
}
const std::vector<std::string>& compliance_names() {
  static const std::vector<std::string> names = {"not_due", "on_time", "late",
                                                 "missing", "omitted", "returned"};
  return names;
}
const std::vector<std::string>& outlook_names() {
  static const std::vector<std::string> names = {"none", "likely_met", "likely_short"};
  return names;
}
const std::vector<std::string>& report_status_names() {
  static const std::vector<std::string> names = {"draft", "submitted", "accepted", "returned"};
  return names;
}
const std::vector<std::string>& period_kind_names() {
  static const std::vector<std::string> names = {"year", "quarter", "month"};
  return names;
}

// An enum stored from 1 in C++ is category (value − 1).
template <class Enum>
std::int32_t category_of(Enum e) {
  return static_cast<std::int32_t>(e) - 1;
}

// Periods: <name>_year and <name>_index (int32; −1 for missing), and <name>_kind, a str: the kind
// all the periods share ("" when there are none, "mixed" when they differ).
class PeriodColumns {
 public:
  explicit PeriodColumns(std::size_t n) : year_(n), index_(n) {}

  void set(std::size_t i, const std::optional<Period>& p) {
    if (!p) {
      year_[i] = -1;
      index_[i] = -1;
      return;
    }
    year_[i] = p->year_number();
    index_[i] = p->index();
    if (!kind_) {
      kind_ = p->kind();
    } else if (*kind_ != p->kind()) {
      mixed_ = true;
    }
  }
  void put(py::dict& columns, const std::string& name) const {
    columns[py::str(name + "_year")] = year_.array();
    columns[py::str(name + "_index")] = index_.array();
    std::string kind;
    if (mixed_) {
      kind = "mixed";
    } else if (kind_) {
      kind = period_kind_names()[static_cast<std::size_t>(category_of(*kind_))];
    }
    columns[py::str(name + "_kind")] = py::str(kind);
  }

 private:
  Column<std::int32_t> year_;
  Column<std::int32_t> index_;
  std::optional<PeriodKind> kind_;
  bool mixed_ = false;
};

double or_nan(const std::optional<double>& d) {
  return d ? *d : std::numeric_limits<double>::quiet_NaN();
}
std::int64_t days_or_missing(const std::optional<Date>& d) {
  return d ? d->days() : missing_int64;
}
std::int64_t ms_or_missing(const std::optional<Timestamp>& t) {
  return t ? t->time_since_epoch().count() : missing_int64;
}

// The columns of one target's roll-up; shared by _columns_targets and _columns_series. `counts`:
// also the number of contributing and reporting units (the series frame has no use for them, and
// counting walks every target's contributions: a third of its time on a million rows).
class TargetColumns {
 public:
  explicit TargetColumns(std::size_t n, bool counts = true)
      : counts_(counts),
        target_(n),
        initiative_(n),
        actual_(n),
        goal_(n),
        baseline_(n),
        completion_(n),
        expected_(n),
        status_(n, status_names()),
        deadline_(n),
        forecast_(n),
        forecast_completion_(n),
        outlook_(n, outlook_names()),
        warnings_(n),
        problem_(n),
        contributions_(counts ? n : 0),
        reported_(counts ? n : 0) {}

  void set(std::size_t i, const TargetRollup& t) {
    target_.set(i, t.code);
    initiative_[i] = t.initiative;
    actual_.set(i, t.actual);
    goal_.set(i, t.goal);
    baseline_.set(i, t.baseline);
    completion_[i] = or_nan(t.completion);
    expected_[i] = t.expected;
    status_.set_code(i, category_of(t.status));
    deadline_[i] = t.deadline.days();
    forecast_.set(i, t.forecast);
    forecast_completion_[i] = or_nan(t.forecast_completion);
    outlook_.set_code(i, static_cast<std::int32_t>(t.outlook));  // Outlook counts from 0
    warnings_.set_tuple(i, t.warnings);
    problem_.set(i, t.problem);
    if (!counts_) return;
    contributions_[i] = static_cast<std::int32_t>(t.contributions.size());
    reported_[i] = static_cast<std::int32_t>(
        std::count_if(t.contributions.begin(), t.contributions.end(),
                      [](const Contribution& c) { return c.latest.has_value(); }));
  }

  void put(py::dict& columns) const {
    target_.put(columns, "code");
    columns["initiative"] = initiative_.array();
    actual_.put(columns, "actual");
    goal_.put(columns, "goal");
    baseline_.put(columns, "baseline");
    columns["completion"] = completion_.array();
    columns["expected"] = expected_.array();
    status_.put(columns, "status");
    columns["deadline_days"] = deadline_.array();
    forecast_.put(columns, "forecast");
    columns["forecast_completion"] = forecast_completion_.array();
    outlook_.put(columns, "outlook");
    columns["warnings"] = warnings_.array();
    problem_.put(columns, "problem");
    if (!counts_) return;
    columns["contributors"] = contributions_.array();
    columns["reported"] = reported_.array();
  }

 private:
  bool counts_;
  CategoryColumns target_;
  Column<std::int32_t> initiative_;
  DecimalColumns actual_;
  DecimalColumns goal_;
  DecimalColumns baseline_;
  Column<double> completion_;
  Column<double> expected_;
  CategoryColumns status_;
  Column<std::int64_t> deadline_;
  DecimalColumns forecast_;
  Column<double> forecast_completion_;
  CategoryColumns outlook_;
  ObjectColumn warnings_;
  CategoryColumns problem_;
  Column<std::int32_t> contributions_;
  Column<std::int32_t> reported_;
};

constexpr const char* target_keys_doc = R"doc(
    - ``code_codes`` (int32), ``code_categories`` (list of str): the target's code;
    - ``initiative`` (int32): the number of its initiative;
    - ``actual``, ``goal``, ``baseline``, ``forecast``: exact decimals, each as ``<name>_coef``
      (int64) and ``<name>_scale`` (int8, −1 when missing), value = coef × 10**−scale, and
      ``<name>`` (float64, NaN when missing);
    - ``completion`` (float64, NaN when it cannot be computed), ``expected`` (float64),
      ``forecast_completion`` (float64, NaN when missing);
    - ``status_codes`` (int32) with ``status_categories``: ``["achieved", "on_track",
      "at_risk", "behind", "no_data", "overdue"]``;
    - ``outlook_codes`` (int32) with ``outlook_categories``: ``["none", "likely_met",
      "likely_short"]`` (预计完成, 预计滞后);
    - ``warnings`` (numpy array of objects): per target a tuple of str, the 需核实 warnings
      (``()`` when none);
    - ``problem_codes`` (int32, −1 when none) with ``problem_categories`` (list of str): why
      a figure could not be computed;
    - ``deadline_days`` (int64): days since 1970-01-01;
    - ``contributors`` (int32): the number of contributing units; ``reported`` (int32): how
      many of them reported by the as-of period.)doc";

py::dict columns_targets(const std::vector<TargetRollup>& targets) {
  TargetColumns columns(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) columns.set(i, targets[i]);
  py::dict out;
  columns.put(out);
  return out;
}

py::dict columns_series(const std::vector<Rollup>& series) {
  std::size_t n = 0;
  for (const Rollup& r : series) n += r.targets.size();
  PeriodColumns period(n);
  Column<std::int64_t> today(n);
  TargetColumns targets(n, false);
  std::size_t i = 0;
  for (const Rollup& r : series) {
    const std::int64_t day = days_or_missing(r.query.today);
    for (const TargetRollup& t : r.targets) {
      period.set(i, r.query.as_of);
      today[i] = day;
      targets.set(i, t);
      ++i;
    }
  }
  py::dict out;
  period.put(out, "period");
  out["today_days"] = today.array();
  targets.put(out);
  return out;
}

py::dict columns_contributions(const std::vector<TargetRollup>& targets) {
  std::size_t n = 0;
  for (const TargetRollup& t : targets) n += t.contributions.size();
  CategoryColumns target(n);
  CategoryColumns unit(n);
  DecimalColumns value(n);
  PeriodColumns latest(n);
  CategoryColumns stage(n);
  std::size_t i = 0;
  for (const TargetRollup& t : targets) {
    for (const Contribution& c : t.contributions) {
      target.set(i, t.code);
      unit.set(i, c.unit);
      value.set(i, c.value);
      latest.set(i, c.latest);
      stage.set(i, c.stage);
      ++i;
    }
  }
  py::dict out;
  target.put(out, "target");
  unit.put(out, "unit");
  value.put(out, "value");
  latest.put(out, "latest");
  stage.put(out, "stage");
  return out;
}

py::dict columns_initiatives(const std::vector<InitiativeRollup>& initiatives) {
  const std::size_t n = initiatives.size();
  Column<std::int32_t> number(n);
  Column<double> completion(n);
  Column<double> expected(n);
  CategoryColumns status(n, status_names());
  CategoryColumns worst(n);
  Column<std::int32_t> measurable(n);
  for (std::size_t i = 0; i < n; ++i) {
    const InitiativeRollup& r = initiatives[i];
    number[i] = r.number;
    completion[i] = r.completion;
    expected[i] = r.expected;
    status.set_code(i, category_of(r.status));
    worst.set(i, r.worst_target);
    measurable[i] = r.measurable_targets;
  }
  py::dict out;
  out["number"] = number.array();
  out["completion"] = completion.array();
  out["expected"] = expected.array();
  status.put(out, "status");
  worst.put(out, "worst_target");
  out["measurable_targets"] = measurable.array();
  return out;
}

py::dict columns_units(const std::vector<UnitRollup>& units) {
  const std::size_t n = units.size();
  CategoryColumns unit(n);
  Column<std::int32_t> assignments(n);
  Column<std::int32_t> reports_due(n);
  Column<std::int32_t> on_time(n);
  Column<std::int32_t> late(n);
  Column<std::int32_t> missing(n);
  Column<std::int32_t> omitted(n);
  Column<std::int32_t> returned(n);
  Column<std::int32_t> days_late(n);
  for (std::size_t i = 0; i < n; ++i) {
    const UnitRollup& u = units[i];
    unit.set(i, u.unit);
    assignments[i] = u.assignments;
    reports_due[i] = u.reports_due;
    on_time[i] = u.on_time;
    late[i] = u.late;
    missing[i] = u.missing;
    omitted[i] = u.omitted;
    returned[i] = u.returned;
    days_late[i] = u.days_late;
  }
  py::dict out;
  unit.put(out, "unit");
  out["assignments"] = assignments.array();
  out["reports_due"] = reports_due.array();
  out["on_time"] = on_time.array();
  out["late"] = late.array();
  out["missing"] = missing.array();
  out["omitted"] = omitted.array();
  out["returned"] = returned.array();
  out["days_late"] = days_late.array();
  return out;
}

py::dict columns_compliance(const std::vector<ComplianceCell>& cells) {
  const std::size_t n = cells.size();
  PeriodColumns period(n);
  CategoryColumns unit(n);
  ObjectColumn initiatives(n);
  CategoryColumns compliance(n, compliance_names());
  Column<std::int64_t> due(n);
  Column<std::int32_t> days_overdue(n);
  Column<std::int64_t> submitted(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ComplianceCell& c = cells[i];
    period.set(i, c.period);
    unit.set(i, c.unit);
    initiatives.set_tuple(i, c.initiatives);
    compliance.set_code(i, category_of(c.compliance));
    due[i] = c.due.days();
    days_overdue[i] = c.days_overdue;
    submitted[i] = ms_or_missing(c.submitted);
  }
  py::dict out;
  period.put(out, "period");
  unit.put(out, "unit");
  out["initiatives"] = initiatives.array();
  compliance.put(out, "compliance");
  out["due_days"] = due.array();
  out["days_overdue"] = days_overdue.array();
  out["submitted_ms"] = submitted.array();
  return out;
}

py::dict columns_values(const ValueTable& table) {
  const std::size_t n = table.size();
  CategoryColumns plan(n, table.plans);
  CategoryColumns unit(n, table.units);
  CategoryColumns target(n, table.targets);
  CategoryColumns stage(n, table.stages);
  PeriodColumns period(n);
  CategoryColumns period_kind(n, period_kind_names());
  DecimalColumns value(n);
  CategoryColumns status(n, report_status_names());
  Column<std::int32_t> revision(n);
  Column<std::int64_t> recorded_at(n);
  for (std::size_t i = 0; i < n; ++i) {
    plan.set_code(i, table.plan[i]);
    unit.set_code(i, table.unit[i]);
    target.set_code(i, table.target[i]);
    stage.set_code(i, table.stage[i]);
    period.set(i, table.period[i]);
    period_kind.set_code(i, category_of(table.period[i].kind()));
    value.set(i, table.value[i]);
    status.set_code(i, category_of(table.status[i]));
    revision[i] = table.revision[i];
    recorded_at[i] = table.recorded_at[i].time_since_epoch().count();
  }
  py::dict out;
  plan.put(out, "plan");
  unit.put(out, "unit");
  period.put(out, "period");
  period_kind.put(out, "period_kind");
  target.put(out, "target");
  value.put(out, "value");
  stage.put(out, "stage");
  status.put(out, "status");
  out["revision"] = revision.array();
  out["recorded_at_ms"] = recorded_at.array();
  return out;
}

// ---- Bindings -------------------------------------------------------------------------------

void register_enums(py::module_& m) {
  py::enum_<ProgressStatus>(m, "ProgressStatus", "How a target, an initiative or the plan stands.")
      .value("achieved", ProgressStatus::achieved, "r ≥ 1")
      .value("on_track", ProgressStatus::on_track, "r ≥ e − tolerance")
      .value("at_risk", ProgressStatus::at_risk, "r ≥ e − 2 × tolerance")
      .value("behind", ProgressStatus::behind, "below that")
      .value("no_data", ProgressStatus::no_data,
             "nothing reported yet, or the goal is not known (a rise without its baseline)")
      .value("overdue", ProgressStatus::overdue, "the deadline has passed and r < 1")
      .def_property_readonly(
          "label", [](ProgressStatus s) { return std::string(status_label(s)); },
          "The status in Chinese, as the dashboard and the plots say it: 已完成, 进度正常, 有风险, "
          "滞后, 无数据 or 逾期.")
      .def_property_readonly(
          "colour", [](ProgressStatus s) { return std::string(status_colour(s)); },
          "The colour the dashboard and the plots give the status, ``\"#rrggbb\"``.");
  m.attr("Status") = m.attr("ProgressStatus");  // the name before 0.2.0

  py::enum_<Outlook>(m, "Outlook", R"doc(
How a target's forecast looks at its deadline (rule 6): labelled 预计完成 or 预计滞后, never with
the status words of actuals.
)doc")
      .value("none", Outlook::none,
             "no forecast: no data, a milestone, or the target is achieved already")
      .value("likely_met", Outlook::likely_met, "预计完成: the forecast reaches the goal")
      .value("likely_short", Outlook::likely_short,
             "预计滞后: the forecast falls short of the goal")
      .def_property_readonly(
          "label", [](Outlook o) { return std::string(outlook_label(o)); },
          "The outlook in Chinese, as the dashboard and the burn-up chart say it: 预计完成 or "
          "预计滞后; ``\"\"`` for ``none``.");

  py::enum_<Compliance>(m, "Compliance", R"doc(
How a unit's report for one period stands (rule 8), judged on the roll-up's ``today``.
)doc")
      .value("not_due", Compliance::not_due, "未到期: the report is not due yet")
      .value("on_time", Compliance::on_time,
             "已报: handed in by the due date, covering every initiative the unit reports on")
      .value("late", Compliance::late, "迟报: handed in after the due date")
      .value("missing", Compliance::missing, "未报: due, and nothing handed in by `today`")
      .value("omitted", Compliance::omitted,
             "漏报: handed in, but an initiative the unit must report on is left out")
      .value("returned", Compliance::returned,
             "退回未改: returned by the coordinator and not handed in again by `today`")
      .def_property_readonly(
          "label", [](Compliance c) { return std::string(compliance_label(c)); },
          "The compliance in Chinese, as the chasing list says it: 未到期, 已报, 迟报, 未报, 漏报 "
          "or 退回未改.")
      .def_property_readonly(
          "colour", [](Compliance c) { return std::string(compliance_colour(c)); },
          "The colour of the compliance heat map, ``\"#rrggbb\"``.");
}

void register_contribution(py::module_& m) {
  py::class_<Contribution> contribution(m, "Contribution", R"doc(
One contributing unit's value of a target (rule 1 of the roll-up).

Parameters
----------
unit : str
    The unit's code.
value : decimal.Decimal, optional
    Its value: the sum of its amounts up to the as-of period (incremental targets) or its latest
    value (cumulative and level targets); None when it reported nothing by then.
latest : Period, optional
    The latest period it reported.
stage : str
    Milestones: the latest stage it reported.
)doc");
  contribution
      .def(py::init([](std::string unit, std::optional<Decimal> value, std::optional<Period> latest,
                       std::string stage) {
             return Contribution{std::move(unit), value, latest, std::move(stage)};
           }),
           py::arg("unit") = "", py::arg("value") = py::none(), py::arg("latest") = py::none(),
           py::arg("stage") = "")
      .def_readwrite("unit", &Contribution::unit, "The unit's code.")
      .def_readwrite("value", &Contribution::value,
                     "Its value (decimal.Decimal), or None when it reported nothing.")
      .def_readwrite("latest", &Contribution::latest,
                     "The latest period it reported (Period), or None.")
      .def_readwrite("stage", &Contribution::stage, "Milestones: the latest stage reported.")
      .def("__repr__", [](const Contribution& c) {
        return "Contribution(unit=" + repr_of(py::str(c.unit)) +
               ", value=" + repr_of(py::cast(c.value)) + ", latest=" + repr_of(py::cast(c.latest)) +
               ", stage=" + repr_of(py::str(c.stage)) + ")";
      });
  def_equality(contribution);
  pickle_fields(contribution, &Contribution::unit, &Contribution::value, &Contribution::latest,
                &Contribution::stage);
}

void register_target_rollup(py::module_& m) {
  py::class_<TargetRollup> target(m, "TargetRollup", R"doc(
Where one target stands as of the roll-up's period.

Parameters
----------
code : str
    The target's code.
initiative : int
    The number of its initiative.
contributions : list of Contribution
    Each contributing unit's value (rule 1).
actual : decimal.Decimal, optional
    What the contributions combine to, in the target's unit (rule 2).
goal, baseline : decimal.Decimal, optional
    The target's goal and baseline.
completion : float, optional
    r = (actual − baseline) / (goal − baseline), mirrored when lower is better, uncapped (rule
    3); a milestone's is the share of its latest stage. None when it cannot be computed.
expected : float
    The share e expected by now (rule 4).
status : ProgressStatus
    Rule 5.
deadline : datetime.date
    The target's deadline.
forecast : decimal.Decimal, optional
    The value projected at the deadline from the series so far (rule 6).
forecast_completion : float, optional
    The completion the forecast would give.
outlook : Outlook
    ``likely_met`` (预计完成) or ``likely_short`` (预计滞后); ``none`` without a forecast.
warnings : list of str
    需核实: the counted values that look implausible (e.g. more than 10 times the goal). They
    count; the office decides.
problem : str
    Why a figure could not be computed (e.g. a sum beyond the range of exact decimals); then
    the status is ``no_data`` and the target counts as r = 0 in its initiative and the plan.
    ``""`` when all is well.
)doc");
  target
      .def(py::init([](std::string code, int initiative, std::vector<Contribution> contributions,
                       std::optional<Decimal> actual, std::optional<Decimal> goal,
                       std::optional<Decimal> baseline, std::optional<double> completion,
                       double expected, ProgressStatus status, Date deadline,
                       std::optional<Decimal> forecast, std::optional<double> forecast_completion,
                       Outlook outlook, std::vector<std::string> warnings, std::string problem) {
             TargetRollup t;
             t.code = std::move(code);
             t.initiative = initiative;
             t.contributions = std::move(contributions);
             t.actual = actual;
             t.goal = goal;
             t.baseline = baseline;
             t.completion = completion;
             t.expected = expected;
             t.status = status;
             t.deadline = deadline;
             t.forecast = forecast;
             t.forecast_completion = forecast_completion;
             t.outlook = outlook;
             t.warnings = std::move(warnings);
             t.problem = std::move(problem);
             return t;
           }),
           py::arg("code") = "", py::arg("initiative") = 0,
           py::arg("contributions") = std::vector<Contribution>{}, py::arg("actual") = py::none(),
           py::arg("goal") = py::none(), py::arg("baseline") = py::none(),
           py::arg("completion") = py::none(), py::arg("expected") = 0.0,
           py::arg("status") = ProgressStatus::no_data, py::arg("deadline") = Date{},
           py::arg("forecast") = py::none(), py::arg("forecast_completion") = py::none(),
           py::arg("outlook") = Outlook::none,
           py::arg_v("warnings", std::vector<std::string>{}, "[]"), py::arg("problem") = "")
      .def_readwrite("code", &TargetRollup::code, "The target's code.")
      .def_readwrite("initiative", &TargetRollup::initiative, "The number of its initiative.")
      .def_readwrite("contributions", &TargetRollup::contributions,
                     "Each contributing unit's value (a list of Contribution; a copy).")
      .def_readwrite("actual", &TargetRollup::actual,
                     "What the contributions combine to (decimal.Decimal), or None.")
      .def_readwrite("goal", &TargetRollup::goal, "The target's goal (decimal.Decimal), or None.")
      .def_readwrite("baseline", &TargetRollup::baseline,
                     "The target's baseline (decimal.Decimal), or None.")
      .def_readwrite("completion", &TargetRollup::completion,
                     "r, uncapped (float), or None when it cannot be computed.")
      .def_readwrite("expected", &TargetRollup::expected, "The share e expected by now (float).")
      .def_readwrite("status", &TargetRollup::status, "Where it stands (ProgressStatus).")
      .def_readwrite("deadline", &TargetRollup::deadline, "The deadline (datetime.date).")
      .def_readwrite("forecast", &TargetRollup::forecast,
                     "The value projected at the deadline (decimal.Decimal), or None.")
      .def_readwrite("forecast_completion", &TargetRollup::forecast_completion,
                     "The completion the forecast would give (float), or None.")
      .def_readwrite("outlook", &TargetRollup::outlook,
                     "How the forecast looks at the deadline (Outlook): likely_met (预计完成), "
                     "likely_short (预计滞后) or none.")
      .def_readwrite("warnings", &TargetRollup::warnings,
                     "需核实: the counted values that look implausible (a list of str; a copy).")
      .def_readwrite("problem", &TargetRollup::problem,
                     "Why a figure could not be computed (the target is then no_data); \"\" "
                     "when all is well.")
      .def("__repr__", [](const TargetRollup& t) {
        std::string text = "<TargetRollup " + t.code + ": " + enum_repr(t.status) +
                           ", actual=" + repr_of(py::cast(t.actual)) +
                           ", goal=" + repr_of(py::cast(t.goal)) +
                           ", completion=" + repr_of(py::cast(t.completion)) +
                           ", expected=" + double_repr(t.expected);
        if (!t.warnings.empty()) text += ", " + std::to_string(t.warnings.size()) + " warnings";
        if (!t.problem.empty()) text += ", problem=" + repr_of(py::str(t.problem));
        return text + ">";
      });
  def_equality(target);
  pickle_fields(target, &TargetRollup::code, &TargetRollup::initiative,
                &TargetRollup::contributions, &TargetRollup::actual, &TargetRollup::goal,
                &TargetRollup::baseline, &TargetRollup::completion, &TargetRollup::expected,
                &TargetRollup::status, &TargetRollup::deadline, &TargetRollup::forecast,
                &TargetRollup::forecast_completion, &TargetRollup::outlook, &TargetRollup::warnings,
                &TargetRollup::problem);
}

// InitiativeRollup and PlanRollup.
void register_initiative_and_plan_rollups(py::module_& m) {
  py::class_<InitiativeRollup> initiative(m, "InitiativeRollup", R"doc(
Where one initiative stands (rule 7).

Parameters
----------
number : int
    The initiative's number.
completion : float
    The weighted mean of min(r, 1) over its measurable targets.
expected : float
    The weighted mean of e.
status : ProgressStatus
    By the same bands as a target's.
worst_target : str
    The code of the target furthest behind; ``""`` if none is measurable.
measurable_targets : int
    How many of its targets have a completion.
)doc");
  initiative
      .def(py::init([](int number, double completion, double expected, ProgressStatus status,
                       std::string worst_target, int measurable_targets) {
             return InitiativeRollup{
                 number, completion, expected, status, std::move(worst_target), measurable_targets};
           }),
           py::arg("number") = 0, py::arg("completion") = 0.0, py::arg("expected") = 0.0,
           py::arg("status") = ProgressStatus::no_data, py::arg("worst_target") = "",
           py::arg("measurable_targets") = 0)
      .def_readwrite("number", &InitiativeRollup::number, "The initiative's number.")
      .def_readwrite("completion", &InitiativeRollup::completion,
                     "The weighted mean of min(r, 1) over its measurable targets (float).")
      .def_readwrite("expected", &InitiativeRollup::expected, "The weighted mean of e (float).")
      .def_readwrite("status", &InitiativeRollup::status, "Where it stands (ProgressStatus).")
      .def_readwrite("worst_target", &InitiativeRollup::worst_target,
                     "The code of the target furthest behind; \"\" if none is measurable.")
      .def_readwrite("measurable_targets", &InitiativeRollup::measurable_targets,
                     "How many of its targets have a completion.")
      .def("__repr__", [](const InitiativeRollup& r) {
        return "InitiativeRollup(number=" + std::to_string(r.number) +
               ", completion=" + double_repr(r.completion) +
               ", expected=" + double_repr(r.expected) + ", status=" + enum_repr(r.status) +
               ", worst_target=" + repr_of(py::str(r.worst_target)) +
               ", measurable_targets=" + std::to_string(r.measurable_targets) + ")";
      });
  def_equality(initiative);
  pickle_fields(initiative, &InitiativeRollup::number, &InitiativeRollup::completion,
                &InitiativeRollup::expected, &InitiativeRollup::status,
                &InitiativeRollup::worst_target, &InitiativeRollup::measurable_targets);

  py::class_<PlanRollup> plan(m, "PlanRollup", R"doc(
Where the whole plan stands (rule 7).

Parameters
----------
completion : float
    The weighted mean of min(r, 1) over the plan's measurable targets.
expected : float
    The weighted mean of e.
status : ProgressStatus
    By the same bands as a target's.
worst_target : str
    The code of the target furthest behind; ``""`` if none is measurable.
measurable_targets : int
    How many targets have a completion.
)doc");
  plan.def(py::init([](double completion, double expected, ProgressStatus status,
                       std::string worst_target, int measurable_targets) {
             return PlanRollup{completion, expected, status, std::move(worst_target),
                               measurable_targets};
           }),
           py::arg("completion") = 0.0, py::arg("expected") = 0.0,
           py::arg("status") = ProgressStatus::no_data, py::arg("worst_target") = "",
           py::arg("measurable_targets") = 0)
      .def_readwrite("completion", &PlanRollup::completion,
                     "The weighted mean of min(r, 1) over the measurable targets (float).")
      .def_readwrite("expected", &PlanRollup::expected, "The weighted mean of e (float).")
      .def_readwrite("status", &PlanRollup::status, "Where it stands (ProgressStatus).")
      .def_readwrite("worst_target", &PlanRollup::worst_target,
                     "The code of the target furthest behind; \"\" if none is measurable.")
      .def_readwrite("measurable_targets", &PlanRollup::measurable_targets,
                     "How many targets have a completion.")
      .def("__repr__", [](const PlanRollup& r) {
        return "PlanRollup(completion=" + double_repr(r.completion) +
               ", expected=" + double_repr(r.expected) + ", status=" + enum_repr(r.status) +
               ", worst_target=" + repr_of(py::str(r.worst_target)) +
               ", measurable_targets=" + std::to_string(r.measurable_targets) + ")";
      });
  def_equality(plan);
  pickle_fields(plan, &PlanRollup::completion, &PlanRollup::expected, &PlanRollup::status,
                &PlanRollup::worst_target, &PlanRollup::measurable_targets);
}

void register_unit_rollup(py::module_& m) {
  py::class_<UnitRollup> unit(m, "UnitRollup", R"doc(
How one unit's reports stand (rule 8).

Parameters
----------
unit : str
    The unit's code.
assignments : int
    The initiatives it is assigned to.
reports_due : int
    Periods up to the as-of period it must report for whose report was due by ``today``.
on_time, late, missing, omitted, returned : int
    How those reports stand: 已报, 迟报, 未报, 漏报 (handed in, leaving out an initiative),
    退回未改 (returned and not handed in again). The cells of ``Rollup.compliance``, counted.
days_late : int
    Summed over its late reports.
)doc");
  unit.def(py::init([](std::string code, int assignments, int reports_due, int on_time, int late,
                       int missing, int omitted, int returned, int days_late) {
             UnitRollup u;
             u.unit = std::move(code);
             u.assignments = assignments;
             u.reports_due = reports_due;
             u.on_time = on_time;
             u.late = late;
             u.missing = missing;
             u.omitted = omitted;
             u.returned = returned;
             u.days_late = days_late;
             return u;
           }),
           py::arg("unit") = "", py::arg("assignments") = 0, py::arg("reports_due") = 0,
           py::arg("on_time") = 0, py::arg("late") = 0, py::arg("missing") = 0,
           py::arg("omitted") = 0, py::arg("returned") = 0, py::arg("days_late") = 0)
      .def_readwrite("unit", &UnitRollup::unit, "The unit's code.")
      .def_readwrite("assignments", &UnitRollup::assignments,
                     "The initiatives the unit is assigned to.")
      .def_readwrite("reports_due", &UnitRollup::reports_due,
                     "Periods up to the as-of period it must report for whose report was due by "
                     "``today``.")
      .def_readwrite("on_time", &UnitRollup::on_time, "Reports handed in on time.")
      .def_readwrite("late", &UnitRollup::late, "Reports handed in late.")
      .def_readwrite("missing", &UnitRollup::missing, "未报: reports due and not handed in.")
      .def_readwrite("omitted", &UnitRollup::omitted,
                     "漏报: reports handed in that leave out an initiative the unit reports on.")
      .def_readwrite("returned", &UnitRollup::returned,
                     "退回未改: reports returned and not handed in again.")
      .def_readwrite("days_late", &UnitRollup::days_late, "Days late, summed over late reports.")
      .def("__repr__", [](const UnitRollup& u) {
        return "UnitRollup(unit=" + repr_of(py::str(u.unit)) +
               ", assignments=" + std::to_string(u.assignments) +
               ", reports_due=" + std::to_string(u.reports_due) +
               ", on_time=" + std::to_string(u.on_time) + ", late=" + std::to_string(u.late) +
               ", missing=" + std::to_string(u.missing) + ", omitted=" + std::to_string(u.omitted) +
               ", returned=" + std::to_string(u.returned) +
               ", days_late=" + std::to_string(u.days_late) + ")";
      });
  def_equality(unit);
  pickle_fields(unit, &UnitRollup::unit, &UnitRollup::assignments, &UnitRollup::reports_due,
                &UnitRollup::on_time, &UnitRollup::late, &UnitRollup::missing, &UnitRollup::omitted,
                &UnitRollup::returned, &UnitRollup::days_late);
}

// ComplianceCell, also ChaseItem.
void register_compliance_cell(py::module_& m) {
  py::class_<ComplianceCell> cell(m, "ComplianceCell", R"doc(
How one unit's report for one period stands (rule 8): a cell of ``Rollup.compliance`` and, when
late, missing, omitted or returned, a line of the chasing list (定期调度, ``Rollup.chasing``).
``ChaseItem`` is another name of this class.

Parameters
----------
period : Period or str
    The reporting period.
unit : str
    The unit's code.
compliance : Compliance
    已报 ``on_time``, 迟报 ``late``, 未报 ``missing``, 漏报 ``omitted``, 退回未改 ``returned``,
    or 未到期 ``not_due``.
due : datetime.date
    When the report was due.
days_overdue : int
    Late: days between `due` and the hand-in; missing and omitted: days from `due` to
    ``today``; returned: days from the return to ``today``; otherwise 0.
submitted : datetime.datetime, optional
    The first hand-in, if any by ``today``.
initiatives : list of int
    The initiatives concerned: missing or returned, every one the unit reports on; omitted,
    those left out; otherwise empty.
)doc");
  cell.def(py::init([](Period period, std::string unit_code, Compliance compliance, Date due,
                       int days_overdue, std::optional<Timestamp> submitted,
                       std::vector<int> initiatives) {
             ComplianceCell c;
             c.period = period;
             c.unit = std::move(unit_code);
             c.compliance = compliance;
             c.due = due;
             c.days_overdue = days_overdue;
             c.submitted = submitted;
             c.initiatives = std::move(initiatives);
             return c;
           }),
           py::arg_v("period", Period{}, "Period('1970')"), py::arg("unit") = "",
           py::arg("compliance") = Compliance::not_due, py::arg("due") = Date{},
           py::arg("days_overdue") = 0, py::arg("submitted") = py::none(),
           py::arg_v("initiatives", std::vector<int>{}, "[]"))
      .def_readwrite("period", &ComplianceCell::period, "The reporting period (Period).")
      .def_readwrite("unit", &ComplianceCell::unit, "The unit's code.")
      .def_readwrite("compliance", &ComplianceCell::compliance,
                     "How the report stands (Compliance).")
      .def_readwrite("due", &ComplianceCell::due, "When the report was due (datetime.date).")
      .def_readwrite("days_overdue", &ComplianceCell::days_overdue,
                     "Late: days after the due date it came in; missing and omitted: days since "
                     "it was due; returned: days since the return; otherwise 0.")
      .def_readwrite("submitted", &ComplianceCell::submitted,
                     "The first hand-in (aware datetime, UTC), or None.")
      .def_readwrite("initiatives", &ComplianceCell::initiatives,
                     "The initiatives concerned (a list of int; a copy): missing or returned, "
                     "every one the unit reports on; omitted, those left out.")
      .def("__repr__",
           [](const ComplianceCell& c) {
             return "ComplianceCell(period=Period('" + c.period.to_string() +
                    "'), unit=" + repr_of(py::str(c.unit)) +
                    ", compliance=" + enum_repr(c.compliance) +
                    ", due=" + repr_of(py::cast(c.due)) +
                    ", days_overdue=" + std::to_string(c.days_overdue) +
                    ", submitted=" + repr_of(py::cast(c.submitted)) +
                    ", initiatives=" + repr_of(py::cast(c.initiatives)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(cell, &ComplianceCell::period, &ComplianceCell::unit, &ComplianceCell::compliance,
                &ComplianceCell::due, &ComplianceCell::days_overdue, &ComplianceCell::submitted,
                &ComplianceCell::initiatives);
  m.attr("ChaseItem") = cell;  // a line of the chasing list is a cell (C++: using ChaseItem)
}

void register_parts(py::module_& m) {
  register_contribution(m);
  register_target_rollup(m);
  register_initiative_and_plan_rollups(m);
  register_unit_rollup(m);
  register_compliance_cell(m);
}

template <class List>
void def_list_equality(List& cls) {
  using Vector = typename List::type;
  cls.def(
      "__eq__", [](const Vector& a, const Vector& b) { return a == b; }, py::is_operator());
}

void register_lists(py::module_& m) {
  auto targets = bind_list<TargetRollup>(m, "TargetRollupList", "A list of TargetRollup.");
  def_list_equality(targets);
  auto initiatives =
      bind_list<InitiativeRollup>(m, "InitiativeRollupList", "A list of InitiativeRollup.");
  def_list_equality(initiatives);
  auto units = bind_list<UnitRollup>(m, "UnitRollupList", "A list of UnitRollup.");
  def_list_equality(units);
  auto cells = bind_list<ComplianceCell>(
      m, "ComplianceCellList",
      "A list of ComplianceCell: ``Rollup.compliance`` and ``Rollup.chasing`` (``ChaseItemList`` "
      "is another name of this class).");
  def_list_equality(cells);
  m.attr("ChaseItemList") = cells;
}

// The query a roll-up answers and the figures it found, one property each.
void add_rollup_fields(py::class_<Rollup>& rollup) {
  rollup
      .def_property_readonly(
          "plan_code", [](const Rollup& r) { return r.query.plan; }, "The plan's code.")
      .def_property_readonly(
          "as_of", [](const Rollup& r) { return r.query.as_of; },
          "The reports of periods up to and including this one count (Period).")
      .def_property_readonly(
          "recorded_at", [](const Rollup& r) { return r.query.recorded_at; },
          "Only revisions recorded by this time counted (aware datetime), or None: all.")
      .def_property_readonly(
          "accepted_only", [](const Rollup& r) { return r.query.accepted_only; },
          "Whether only content the coordinator accepted counted.")
      .def_property_readonly(
          "include_drafts", [](const Rollup& r) { return r.query.include_drafts; },
          "Whether it is a preview that counted drafts too (含草稿).")
      .def_property_readonly(
          "today", [](const Rollup& r) { return r.query.today; },
          "The day deadlines and due dates were judged on (datetime.date).")
      .def_readwrite("plan_version", &Rollup::plan_version,
                     "The version of the plan the roll-up used.")
      .def_readwrite("targets", &Rollup::targets,
                     "Every target, in the plan's order (TargetRollupList).")
      .def_readwrite("initiatives", &Rollup::initiatives,
                     "Every initiative, in the plan's order (InitiativeRollupList).")
      .def_readwrite("plan", &Rollup::plan, "The whole plan (PlanRollup).")
      .def_readwrite("units", &Rollup::units,
                     "Every unit's reports, in the plan's order of units (UnitRollupList).")
      .def_readwrite("compliance", &Rollup::compliance,
                     "Every unit that must report × every period up to as-of that it must "
                     "report for, by unit in the plan's order, then period (ComplianceCellList). "
                     "A unit that need not report, or a period that ended before the plan was "
                     "issued, has no cell.")
      .def_readwrite("chasing", &Rollup::chasing,
                     "The chasing list (定期调度): the cells of ``compliance`` that are late, "
                     "missing, omitted or returned, by period, then unit (ComplianceCellList).");
}

void add_rollup_finders(py::class_<Rollup>& rollup) {
  rollup
      .def(
          "find_target",
          [](const Rollup& r, std::string_view code) -> std::optional<TargetRollup> {
            if (const TargetRollup* found = r.find_target(code)) return *found;
            return std::nullopt;
          },
          py::arg("code"), R"doc(
The target coded `code`.

Returns
-------
TargetRollup or None
)doc")
      .def(
          "find_initiative",
          [](const Rollup& r, int number) -> std::optional<InitiativeRollup> {
            if (const InitiativeRollup* found = r.find_initiative(number)) return *found;
            return std::nullopt;
          },
          py::arg("number"), R"doc(
The initiative numbered `number`.

Returns
-------
InitiativeRollup or None
)doc")
      .def(
          "find_unit",
          [](const Rollup& r, std::string_view code) -> std::optional<UnitRollup> {
            if (const UnitRollup* found = r.find_unit(code)) return *found;
            return std::nullopt;
          },
          py::arg("code"), R"doc(
The unit coded `code`.

Returns
-------
UnitRollup or None
)doc");
}

void add_rollup_repr_and_pickle(py::class_<Rollup>& rollup) {
  rollup
      .def("__repr__",
           [](const Rollup& r) {
             return "<Rollup of " + repr_of(py::str(r.query.plan)) + " as of " +
                    r.query.as_of.to_string() + (r.query.accepted_only ? " (accepted only)" : "") +
                    (r.query.include_drafts ? " (含草稿: drafts included)" : "") + ": plan " +
                    enum_repr(r.plan.status) + ", completion " + double_repr(r.plan.completion) +
                    ", " + std::to_string(r.targets.size()) + " targets, " +
                    std::to_string(r.chasing.size()) + " to chase>";
           })
      .def(py::pickle(
          [](const Rollup& r) {
            return py::make_tuple(r.query.plan, r.query.as_of, r.query.recorded_at,
                                  r.query.accepted_only, r.query.today, r.plan_version, r.targets,
                                  r.initiatives, r.plan, r.units, r.chasing, r.query.include_drafts,
                                  r.compliance);
          },
          [](const py::tuple& t) {
            if (t.size() != 13) throw std::runtime_error("invalid pickled state");
            Rollup r;
            r.query.plan = t[0].cast<std::string>();
            r.query.as_of = t[1].cast<Period>();
            r.query.recorded_at = t[2].cast<std::optional<Timestamp>>();
            r.query.accepted_only = t[3].cast<bool>();
            r.query.today = t[4].cast<std::optional<Date>>();
            r.plan_version = t[5].cast<int>();
            r.targets = t[6].cast<std::vector<TargetRollup>>();
            r.initiatives = t[7].cast<std::vector<InitiativeRollup>>();
            r.plan = t[8].cast<PlanRollup>();
            r.units = t[9].cast<std::vector<UnitRollup>>();
            r.chasing = t[10].cast<std::vector<ComplianceCell>>();
            r.query.include_drafts = t[11].cast<bool>();
            r.compliance = t[12].cast<std::vector<ComplianceCell>>();
            return r;
          }));
}

void register_rollup_type(py::module_& m) {
  py::class_<Rollup> rollup(m, "Rollup", R"doc(
What the reports add up to as of a period: ``Ledger.rollup`` gives one.

The query it answers is in ``plan_code``, ``as_of``, ``recorded_at``, ``accepted_only``,
``include_drafts`` (a preview counting drafts: every output made from it says 含草稿) and
``today`` (filled in). Compliance is computed once, in ``compliance`` (every unit that must
report × every period it must report for); ``chasing``, the units' counts and the heat map of
``taizhang.plot`` are made from it. The lists are changed in place; ``taizhang`` turns them into
data frames.

Examples
--------
>>> r = ledger.rollup("linzi-2021-women-children", "2021Q2")
>>> r.plan.status, r.find_target("1.1").completion
(<ProgressStatus.on_track: 2>, 0.5)
)doc");
  add_rollup_fields(rollup);
  add_rollup_finders(rollup);
  add_rollup_repr_and_pickle(rollup);
  def_equality(rollup);

  auto series = bind_list<Rollup>(m, "RollupList", R"doc(
A list of Rollup: ``Ledger.rollup_series`` gives one roll-up per reporting period.
)doc");
  def_list_equality(series);
}

void register_explanation(py::module_& m) {
  py::class_<ExplanationInput> input(m, "ExplanationInput", R"doc(
One input of a roll-up figure: a value from a report revision.

Parameters
----------
report : ReportKey
    The report it came from.
revision : int
    The revision whose content holds the value.
recorded_at : datetime.datetime
    When that revision was recorded.
actor : Actor
    Who recorded it.
target : str
    The target's code.
value : decimal.Decimal, optional
    The value, in the target's unit.
stage : str
    Milestones: the stage.
counted : bool
    False: shown for context but left out by the rule (an earlier period of a cumulative target,
    or a unit that does not contribute).
warning : str
    需核实: why the value looks implausible; ``""`` when it does not.
)doc");
  input
      .def(py::init([](ReportKey report, int revision, Timestamp recorded_at, Actor actor,
                       std::string target_code, std::optional<Decimal> value, std::string stage,
                       bool counted, std::string warning) {
             ExplanationInput i;
             i.report = std::move(report);
             i.revision = revision;
             i.recorded_at = recorded_at;
             i.actor = std::move(actor);
             i.target = std::move(target_code);
             i.value = value;
             i.stage = std::move(stage);
             i.counted = counted;
             i.warning = std::move(warning);
             return i;
           }),
           py::arg("report"), py::arg("revision") = 0, py::arg("recorded_at") = Timestamp{},
           py::arg_v("actor", Actor{}, "Actor('')"), py::arg("target") = "",
           py::arg("value") = py::none(), py::arg("stage") = "", py::arg("counted") = false,
           py::arg("warning") = "")
      .def_readwrite("report", &ExplanationInput::report, "The report it came from (ReportKey).")
      .def_readwrite("revision", &ExplanationInput::revision,
                     "The revision whose content holds the value.")
      .def_readwrite("recorded_at", &ExplanationInput::recorded_at,
                     "When that revision was recorded (aware datetime, UTC).")
      .def_readwrite("actor", &ExplanationInput::actor, "Who recorded it (Actor).")
      .def_readwrite("target", &ExplanationInput::target, "The target's code.")
      .def_readwrite("value", &ExplanationInput::value,
                     "The value in the target's unit (decimal.Decimal), or None.")
      .def_readwrite("stage", &ExplanationInput::stage, "Milestones: the stage.")
      .def_readwrite("counted", &ExplanationInput::counted,
                     "Whether the rule counted it (False: shown for context only).")
      .def_readwrite("warning", &ExplanationInput::warning,
                     "需核实: why the value looks implausible; \"\" when it does not.")
      .def("__repr__", [](const ExplanationInput& i) {
        return "ExplanationInput(report=" + repr_of(py::cast(i.report)) +
               ", revision=" + std::to_string(i.revision) +
               ", recorded_at=" + repr_of(py::cast(i.recorded_at)) +
               ", actor=" + repr_of(py::cast(i.actor)) + ", target=" + repr_of(py::str(i.target)) +
               ", value=" + repr_of(py::cast(i.value)) + ", stage=" + repr_of(py::str(i.stage)) +
               ", counted=" + (i.counted ? "True" : "False") +
               (i.warning.empty() ? "" : ", warning=" + repr_of(py::str(i.warning))) + ")";
      });
  def_equality(input);
  pickle_fields(input, &ExplanationInput::report, &ExplanationInput::revision,
                &ExplanationInput::recorded_at, &ExplanationInput::actor, &ExplanationInput::target,
                &ExplanationInput::value, &ExplanationInput::stage, &ExplanationInput::counted,
                &ExplanationInput::warning);

  py::class_<Explanation> explanation(m, "Explanation", R"doc(
Where a roll-up figure came from: ``Ledger.explain`` gives one. ``str()`` gives the subject and
the steps, one per line.

Parameters
----------
subject : str
    The figure, e.g. ``"target 1.1 as of 2021Q3"``.
inputs : list of ExplanationInput
    The values it was computed from.
steps : list of str
    Each rule applied, with the numbers it used.
)doc");
  explanation
      .def(py::init([](std::string subject, std::vector<ExplanationInput> inputs,
                       std::vector<std::string> steps) {
             return Explanation{std::move(subject), std::move(inputs), std::move(steps)};
           }),
           py::arg("subject") = "", py::arg("inputs") = std::vector<ExplanationInput>{},
           py::arg("steps") = std::vector<std::string>{})
      .def_readwrite("subject", &Explanation::subject, "The figure explained.")
      .def_readwrite("inputs", &Explanation::inputs,
                     "The values it was computed from (a list of ExplanationInput; a copy).")
      .def_readwrite("steps", &Explanation::steps,
                     "Each rule applied, with its numbers (a list of str; a copy).")
      .def("__str__",
           [](const Explanation& e) {
             std::string text = e.subject;
             for (const std::string& step : e.steps) text += "\n" + step;
             return text;
           })
      .def("__repr__", [](const Explanation& e) {
        return "<Explanation of " + repr_of(py::str(e.subject)) + ": " +
               std::to_string(e.inputs.size()) + " inputs, " + std::to_string(e.steps.size()) +
               " steps>";
      });
  def_equality(explanation);
  pickle_fields(explanation, &Explanation::subject, &Explanation::inputs, &Explanation::steps);
}

void register_value_table(py::module_& m) {
  py::class_<ValueTable> table(m, "ValueTable", R"doc(
Every reported value, as one column-wise table: ``Ledger.values_table`` gives one, and
``taizhang`` turns it into a data frame.

One row per value in the content each report counts (what was handed in, as the roll-up counts
it; the content last accepted for ``accepted_only``; each report's latest, drafts included, for
``include_drafts``), ordered by plan, report and target code. Repeated text is dictionary-encoded: ``plan[i]`` indexes ``plans``, ``unit[i]`` ``units``,
``target[i]`` ``targets`` and ``stage[i]`` ``stages`` (−1: no stage). ``len()`` is the number of
rows. The properties are read-only and give copies as lists; use ``_columns_values`` for arrays.
)doc");
  table.def_readonly("plans", &ValueTable::plans, "The plans' codes (list of str).")
      .def_readonly("units", &ValueTable::units, "The units' codes (list of str).")
      .def_readonly("targets", &ValueTable::targets, "The targets' codes (list of str).")
      .def_readonly("stages", &ValueTable::stages, "The milestone stages (list of str).")
      .def_readonly("plan", &ValueTable::plan, "Per row: an index into ``plans`` (list of int).")
      .def_readonly("unit", &ValueTable::unit, "Per row: an index into ``units`` (list of int).")
      .def_readonly("period", &ValueTable::period, "Per row: the period (list of Period).")
      .def_readonly("target", &ValueTable::target,
                    "Per row: an index into ``targets`` (list of int).")
      .def_readonly("value", &ValueTable::value,
                    "Per row: the value in the target's unit, or None for milestones (list of "
                    "decimal.Decimal or None).")
      .def_readonly("stage", &ValueTable::stage,
                    "Per row: an index into ``stages``, or −1 (list of int).")
      .def_readonly("status", &ValueTable::status,
                    "Per row: the report's status as recorded at the time (list of ReportStatus).")
      .def_readonly("revision", &ValueTable::revision,
                    "Per row: the revision whose content holds the value (list of int).")
      .def_readonly("recorded_at", &ValueTable::recorded_at,
                    "Per row: when that revision was recorded (list of aware datetime).")
      .def("__len__", &ValueTable::size)
      .def("__repr__",
           [](const ValueTable& t) {
             return "<ValueTable of " + std::to_string(t.size()) + " values from " +
                    std::to_string(t.plans.size()) + (t.plans.size() == 1 ? " plan>" : " plans>");
           })
      .def(py::pickle(
          [](const ValueTable& t) {
            return py::make_tuple(t.plans, t.units, t.targets, t.stages, t.plan, t.unit, t.period,
                                  t.target, t.value, t.stage, t.status, t.revision, t.recorded_at);
          },
          [](const py::tuple& s) {
            if (s.size() != 13) throw std::runtime_error("invalid pickled state");
            ValueTable t;
            t.plans = s[0].cast<std::vector<std::string>>();
            t.units = s[1].cast<std::vector<std::string>>();
            t.targets = s[2].cast<std::vector<std::string>>();
            t.stages = s[3].cast<std::vector<std::string>>();
            t.plan = s[4].cast<std::vector<std::int32_t>>();
            t.unit = s[5].cast<std::vector<std::int32_t>>();
            t.period = s[6].cast<std::vector<Period>>();
            t.target = s[7].cast<std::vector<std::int32_t>>();
            t.value = s[8].cast<std::vector<std::optional<Decimal>>>();
            t.stage = s[9].cast<std::vector<std::int32_t>>();
            t.status = s[10].cast<std::vector<ReportStatus>>();
            t.revision = s[11].cast<std::vector<std::int32_t>>();
            t.recorded_at = s[12].cast<std::vector<Timestamp>>();
            return t;
          }));
  def_equality(table);
}

// The extractors of the target roll-ups: the targets of one roll-up, of a series, and their
// contributions.
void register_target_extractors(py::module_& m) {
  m.def("_columns_targets", &columns_targets, py::arg("targets"),
        (std::string(R"doc(
The columns of a list of target roll-ups, for a data frame: one row per target.

Parameters
----------
targets : TargetRollupList or list of TargetRollup

Returns
-------
dict of str to numpy.ndarray, list or str
    Keys:
)doc") + target_keys_doc +
         "\n")
            .c_str());

  m.def("_columns_series", &columns_series, py::arg("series"),
        (std::string(R"doc(
The columns of a roll-up series, for a data frame: one row per period × target.

Parameters
----------
series : RollupList or list of Rollup
    As ``Ledger.rollup_series`` gives it.

Returns
-------
dict of str to numpy.ndarray, list or str
    Keys:

    - ``period_year``, ``period_index`` (int32): the roll-up's as-of period (index: the quarter
      1..4, the month 1..12, or 1 for a year), and ``period_kind`` (str): ``"year"``,
      ``"quarter"`` or ``"month"`` (``""`` when there are no rows);
    - ``today_days`` (int64): the day that roll-up was judged on, in days since 1970-01-01;)doc") +
         target_keys_doc +
         "\n\n    Without ``contributors`` and ``reported``, which a series does not use.\n")
            .c_str());

  m.def("_columns_contributions", &columns_contributions, py::arg("targets"), R"doc(
The columns of the units' contributions to a list of target roll-ups, for a data frame: one row
per target × contributing unit.

Parameters
----------
targets : TargetRollupList or list of TargetRollup

Returns
-------
dict of str to numpy.ndarray, list or str
    Keys:

    - ``target_codes``, ``unit_codes`` (int32) with ``target_categories``, ``unit_categories``
      (list of str);
    - ``value_coef`` (int64), ``value_scale`` (int8, −1 when missing), ``value`` (float64, NaN
      when missing): the unit's value, exactly coef × 10**−scale;
    - ``latest_year``, ``latest_index`` (int32, −1 when the unit reported nothing) and
      ``latest_kind`` (str): the latest period it reported;
    - ``stage_codes`` (int32, −1 for no stage), ``stage_categories`` (list of str).
)doc");
}

// The extractors of the initiatives', the units' and the compliance lists.
void register_initiative_and_unit_extractors(py::module_& m) {
  m.def("_columns_initiatives", &columns_initiatives, py::arg("initiatives"), R"doc(
The columns of a list of initiative roll-ups, for a data frame: one row per initiative.

Parameters
----------
initiatives : InitiativeRollupList or list of InitiativeRollup

Returns
-------
dict of str to numpy.ndarray or list
    Keys:

    - ``number`` (int32): the initiative's number;
    - ``completion``, ``expected`` (float64);
    - ``status_codes`` (int32), ``status_categories``: ``["achieved", "on_track", "at_risk",
      "behind", "no_data", "overdue"]``;
    - ``worst_target_codes`` (int32, −1 when none), ``worst_target_categories`` (list of str);
    - ``measurable_targets`` (int32).
)doc");

  m.def("_columns_units", &columns_units, py::arg("units"), R"doc(
The columns of a list of unit roll-ups, for a data frame: one row per unit.

Parameters
----------
units : UnitRollupList or list of UnitRollup

Returns
-------
dict of str to numpy.ndarray or list
    Keys: ``unit_codes`` (int32) and ``unit_categories`` (list of str); ``assignments``,
    ``reports_due``, ``on_time``, ``late``, ``missing``, ``omitted``, ``returned``,
    ``days_late`` (int32).
)doc");

  m.def("_columns_compliance", &columns_compliance, py::arg("cells"), R"doc(
The columns of a list of compliance cells (``Rollup.compliance`` or the chasing list), for a data
frame: one row per unit × period.

Parameters
----------
cells : ComplianceCellList or list of ComplianceCell

Returns
-------
dict of str to numpy.ndarray, list or str
    Keys:

    - ``period_year``, ``period_index`` (int32) and ``period_kind`` (str);
    - ``unit_codes`` (int32), ``unit_categories`` (list of str);
    - ``initiatives`` (numpy array of objects): per cell a tuple of int, the initiatives
      concerned (``()`` when none);
    - ``compliance_codes`` (int32), ``compliance_categories``: ``["not_due", "on_time",
      "late", "missing", "omitted", "returned"]``;
    - ``due_days`` (int64): days since 1970-01-01;
    - ``days_overdue`` (int32);
    - ``submitted_ms`` (int64): milliseconds since 1970-01-01T00:00Z, −2**63 when not handed in.
)doc");
}

void register_value_extractor(py::module_& m) {
  m.def("_columns_values", &columns_values, py::arg("table"), R"doc(
The columns of a value table, for a data frame: one row per value.

Parameters
----------
table : ValueTable

Returns
-------
dict of str to numpy.ndarray, list or str
    Keys:

    - ``plan_codes``, ``unit_codes``, ``target_codes`` (int32) with ``plan_categories``,
      ``unit_categories``, ``target_categories`` (list of str);
    - ``period_year``, ``period_index`` (int32) and ``period_kind`` (str: ``"year"``,
      ``"quarter"``, ``"month"``; ``""`` for no rows; ``"mixed"`` when plans of different
      reporting kinds are listed), with ``period_kind_codes`` (int32) and
      ``period_kind_categories``: ``["year", "quarter", "month"]`` per row;
    - ``value_coef`` (int64), ``value_scale`` (int8, −1 when missing), ``value`` (float64, NaN
      when missing): the value in the target's unit, exactly coef × 10**−scale;
    - ``stage_codes`` (int32, −1 for no stage), ``stage_categories`` (list of str);
    - ``status_codes`` (int32), ``status_categories``: ``["draft", "submitted", "accepted",
      "returned"]``: the report's status;
    - ``revision`` (int32): the revision whose content holds the value;
    - ``recorded_at_ms`` (int64): when it was recorded, in milliseconds since
      1970-01-01T00:00Z.
)doc");
}

// The column extractors (_columns_*) that taizhang.frames builds its data frames from.
void register_extractors(py::module_& m) {
  register_target_extractors(m);
  register_initiative_and_unit_extractors(m);
  register_value_extractor(m);
}

}  // namespace

void register_rollup(py::module_& m) {
  register_enums(m);
  register_parts(m);
  register_lists(m);
  register_rollup_type(m);
  register_explanation(m);
  register_value_table(m);
  register_extractors(m);
}

}  // namespace taizhang::python
