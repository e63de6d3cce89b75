// The private extension module taizhang._taizhang. Users import the pure-Python package
// `taizhang`, which re-exports what is here and adds data frames and plots.
#include <cstdint>

#include "common.hpp"

namespace pybind11::detail {

namespace {

object decimal_type() {
  static object type = module_::import("decimal").attr("Decimal");
  return type;
}

object datetime_module() {
  return module_::import("datetime");
}

[[noreturn]] void refuse_float(handle src) {
  throw type_error("a float is not exact (" + std::string(str(repr(src))) +
                   "): pass a decimal.Decimal, an int or a string such as '0.1'");
}

}  // namespace

bool type_caster<taizhang::Decimal>::load(handle src, bool convert) {
  if (src.is_none()) return false;
  if (isinstance<pybind11::bool_>(src)) return false;
  if (isinstance(src, decimal_type())) {
    // format(d, 'f') gives plain digits (no exponent); NaN and infinities do not parse.
    const std::string text = str(module_::import("builtins").attr("format")(src, "f"));
    if (text.find_first_not_of("-0123456789.") != std::string::npos) {
      throw value_error("not a finite decimal: " + text);
    }
    value = taizhang::Decimal::parse(text);  // too many digits: taizhang.OverflowError
    return true;
  }
  if (isinstance<pybind11::int_>(src)) {
    value = taizhang::Decimal::parse(std::string(str(src)));
    return true;
  }
  // Exact integers of other kinds, such as numpy.int64: anything with __index__.
  if (!isinstance<pybind11::float_>(src) && hasattr(src, "__index__")) {
    const object integer = reinterpret_steal<object>(PyNumber_Index(src.ptr()));
    if (!integer) throw error_already_set();
    value = taizhang::Decimal::parse(std::string(str(integer)));
    return true;
  }
  if (isinstance<pybind11::float_>(src)) {
    if (!convert) return false;
    refuse_float(src);
  }
  if (convert && isinstance<pybind11::str>(src)) {
    value = taizhang::parse_number(src.cast<std::string>());
    return true;
  }
  return false;
}

handle type_caster<taizhang::Decimal>::cast(const taizhang::Decimal& d, return_value_policy,
                                            handle) {
  return decimal_type()(d.to_string()).release();
}

bool type_caster<taizhang::Date>::load(handle src, bool convert) {
  if (src.is_none()) return false;
  const object datetime = datetime_module();
  if (isinstance(src, datetime.attr("datetime"))) return false;  // a moment, not a day
  if (isinstance(src, datetime.attr("date"))) {
    value = taizhang::Date::make(src.attr("year").cast<int>(), src.attr("month").cast<int>(),
                                 src.attr("day").cast<int>());
    return true;
  }
  if (convert && isinstance<pybind11::str>(src)) {
    value = taizhang::Date::parse(src.cast<std::string>());
    return true;
  }
  return false;
}

handle type_caster<taizhang::Date>::cast(const taizhang::Date& d, return_value_policy, handle) {
  return datetime_module().attr("date")(d.year(), d.month(), d.day()).release();
}

bool type_caster<taizhang::Timestamp>::load(handle src, bool convert) {
  if (src.is_none()) return false;
  const object datetime = datetime_module();
  if (isinstance(src, datetime.attr("datetime"))) {
    object moment = reinterpret_borrow<object>(src);
    const object utc = datetime.attr("timezone").attr("utc");
    if (moment.attr("tzinfo").is_none()) moment = moment.attr("replace")(arg("tzinfo") = utc);
    const object epoch = datetime.attr("datetime")(1970, 1, 1, arg("tzinfo") = utc);
    const object delta = moment - epoch;
    // Whole milliseconds, from days, seconds and microseconds (no float on the way).
    const auto days = delta.attr("days").cast<std::int64_t>();
    const auto seconds = delta.attr("seconds").cast<std::int64_t>();
    const auto micro = delta.attr("microseconds").cast<std::int64_t>();
    value = taizhang::Timestamp{
        std::chrono::milliseconds(days * 86'400'000 + seconds * 1000 + micro / 1000)};
    return true;
  }
  if (convert && isinstance<pybind11::str>(src)) {
    value = taizhang::parse_timestamp(src.cast<std::string>());
    return true;
  }
  return false;
}

handle type_caster<taizhang::Timestamp>::cast(const taizhang::Timestamp& t, return_value_policy,
                                              handle) {
  const object datetime = datetime_module();
  const object utc = datetime.attr("timezone").attr("utc");
  const object epoch = datetime.attr("datetime")(1970, 1, 1, arg("tzinfo") = utc);
  const std::int64_t ms = t.time_since_epoch().count();
  return (epoch + datetime.attr("timedelta")(arg("milliseconds") = ms)).release();
}

}  // namespace pybind11::detail

namespace taizhang::python {

std::string repr_of(const py::handle& value) {
  return py::str(py::repr(value));
}

}  // namespace taizhang::python

PYBIND11_MODULE(_taizhang, m) {
  m.doc() = "The compiled core of taizhang; import the `taizhang` package instead.";
  m.attr("__version__") = taizhang::runtime_version();
  taizhang::python::register_errors(m);
  taizhang::python::register_quantities(m);
  taizhang::python::register_time(m);
  taizhang::python::register_plan(m);
  taizhang::python::register_ledger(m);
  taizhang::python::register_identity(m);
  taizhang::python::register_ledger_identity(m);
  taizhang::python::register_rollup(m);
  taizhang::python::register_reports(m);
  taizhang::python::register_draft(m);
  // Ledger's roll-up and report methods, once the types they take and give are bound.
  taizhang::python::register_ledger_rollup(m);
}
