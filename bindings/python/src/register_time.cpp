// Dates, reporting periods and times of record.
#include "common.hpp"

namespace taizhang::python {

void register_time(py::module_& m) {
  py::enum_<PeriodKind>(m, "PeriodKind", "How long a reporting period is.")
      .value("year", PeriodKind::year, "a calendar year: \"2021\"")
      .value("quarter", PeriodKind::quarter, "a quarter: \"2021Q3\"")
      .value("month", PeriodKind::month, "a month: \"2021-07\"");

  py::class_<Period> period(m, "Period", R"doc(
A reporting period: a year, a quarter or a month.

Parameters
----------
text : str
    ``"2021Q3"`` (also ``"2021-Q3"``), ``"2021-07"``, ``"2021"``, or the Chinese forms
    ``"2021年第三季度"``, ``"2021年7月"``, ``"2021年"``.

Examples
--------
>>> p = taizhang.Period("2021Q3")
>>> p.first_day, p.last_day
(datetime.date(2021, 7, 1), datetime.date(2021, 9, 30))
>>> str(p.next())
'2021Q4'
)doc");
  period.def(py::init(&Period::parse), py::arg("text"))
      .def_static("year_of", &Period::year, py::arg("year"), "The year `year` as a period.")
      .def_static("quarter", &Period::quarter, py::arg("year"), py::arg("quarter"),
                  "Quarter 1..4 of `year`.")
      .def_static("month", &Period::month, py::arg("year"), py::arg("month"),
                  "Month 1..12 of `year`.")
      .def_static("containing", &Period::containing, py::arg("date"), py::arg("kind"),
                  "The period of `kind` that contains `date`.")
      .def_property_readonly("kind", &Period::kind, "Year, quarter or month (PeriodKind).")
      .def_property_readonly("year", &Period::year_number, "The calendar year.")
      .def_property_readonly("index", &Period::index,
                             "The quarter (1..4) or month (1..12) within the year; 1 for a year.")
      .def_property_readonly("first_day", &Period::first_day, "Its first day (datetime.date).")
      .def_property_readonly("last_day", &Period::last_day, "Its last day (datetime.date).")
      .def("contains", &Period::contains, py::arg("date"), "Whether `date` lies in the period.")
      .def("next", &Period::next, "The following period of the same kind.")
      .def("previous", &Period::previous, "The preceding period of the same kind.")
      .def("__str__", &Period::to_string)
      .def("__repr__", [](const Period& p) { return "Period('" + p.to_string() + "')"; })
      .def("__hash__", [](const Period& p) { return py::hash(py::str(p.to_string())); })
      .def(py::self == py::self)
      .def(py::self != py::self)
      .def(py::self < py::self)
      .def(py::self <= py::self)
      .def(py::self > py::self)
      .def(py::self >= py::self)
      .def(py::pickle([](const Period& p) { return py::make_tuple(p.to_string()); },
                      [](const py::tuple& t) { return Period::parse(t[0].cast<std::string>()); }));
  // Where a Period is asked for, "2021Q3" will do.
  py::implicitly_convertible<py::str, Period>();

  m.def("periods_between", &periods_between, py::arg("first"), py::arg("last"), py::arg("kind"),
        R"doc(
The periods of `kind`, in order, that overlap the days `first` .. `last` (both included).

Returns
-------
list of Period
)doc");
  m.def("parse_timestamp", &parse_timestamp, py::arg("text"), R"doc(
Read an ISO 8601 time ("2021-04-08T09:30:00+08:00"; no zone: UTC; a date alone: midnight UTC).

Returns
-------
datetime.datetime
    Aware, in UTC, to the millisecond.
)doc");
  m.def(
      "local_date",
      [](Timestamp t, int utc_offset_minutes) {
        return local_date(t, std::chrono::minutes(utc_offset_minutes));
      },
      py::arg("moment"), py::arg("utc_offset_minutes") = 480, R"doc(
The calendar date of `moment` at an offset from UTC; China Standard Time (UTC+8) by default,
the time in which the notices' deadlines are meant.

Returns
-------
datetime.date
)doc");
  m.def(
      "format_local_time",
      [](Timestamp t, int utc_offset_minutes) {
        return format_local_time(t, std::chrono::minutes(utc_offset_minutes));
      },
      py::arg("moment"), py::arg("utc_offset_minutes") = 480, R"doc(
`moment` as people in the offices write it, to the minute: ``"2021年7月10日 15:02"``, at an offset
from UTC (China Standard Time by default).

Returns
-------
str
)doc");
}

}  // namespace taizhang::python
