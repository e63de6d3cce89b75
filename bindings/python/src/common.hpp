// Shared by every register_<area>.cpp: pybind11, the library, the opaque list types and the
// conversions of taizhang's exact values to Python's (Decimal ↔ decimal.Decimal, Date ↔
// datetime.date, Timestamp ↔ an aware datetime.datetime in UTC).
#pragma once

#include <chrono>
#include <string>
#include <taizhang/taizhang.hpp>
#include <vector>

#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>
#include <pybind11/stl_bind.h>

namespace py = pybind11;

// Lists of model values are bound as their own Python list types, so that
// `plan.initiatives[0].title = "…"` changes the plan rather than a copy. This must be seen before
// any use of the vector types, in every translation unit of the module.
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Unit>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Initiative>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Assignment>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Target>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Parameter>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::MilestoneStage>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::TrajectoryPoint>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::UnitOfMeasure>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::InitiativeProgress>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::TargetValue>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::TargetRollup>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::InitiativeRollup>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::UnitRollup>)
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::ComplianceCell>)  // also ChaseItem
PYBIND11_MAKE_OPAQUE(std::vector<taizhang::Rollup>)

namespace pybind11::detail {

// taizhang::Decimal ↔ decimal.Decimal. Accepts decimal.Decimal, int and str (read the way Chinese
// documents write numbers: "1.6万", "１８０００"); refuses float, which is not exact.
template <>
struct type_caster<taizhang::Decimal> {
  PYBIND11_TYPE_CASTER(taizhang::Decimal, const_name("decimal.Decimal"));

  bool load(handle src, bool convert);
  static handle cast(const taizhang::Decimal& d, return_value_policy, handle);
};

// taizhang::Date ↔ datetime.date. Also accepts "2021-12-31".
template <>
struct type_caster<taizhang::Date> {
  PYBIND11_TYPE_CASTER(taizhang::Date, const_name("datetime.date"));

  bool load(handle src, bool convert);
  static handle cast(const taizhang::Date& d, return_value_policy, handle);
};

// taizhang::Timestamp ↔ datetime.datetime, aware, in UTC. Accepts aware datetimes (any zone),
// naive ones (taken as UTC) and ISO 8601 text.
template <>
struct type_caster<taizhang::Timestamp> {
  PYBIND11_TYPE_CASTER(taizhang::Timestamp, const_name("datetime.datetime"));

  bool load(handle src, bool convert);
  static handle cast(const taizhang::Timestamp& t, return_value_policy, handle);
};

}  // namespace pybind11::detail

namespace taizhang::python {

void register_errors(py::module_& m);
void register_quantities(py::module_& m);
void register_time(py::module_& m);
void register_plan(py::module_& m);
// Baseline, MilestoneStage, TrajectoryPoint and Target: register_plan calls it after Unit and
// Assignment, before Initiative.
void register_targets(py::module_& m);
void register_ledger(py::module_& m);
// What a ledger records (enums, Actor, ReportKey, report content, revisions, plan versions,
// VerifyResult, filings): register_ledger calls it before binding Ledger.
void register_ledger_records(py::module_& m);
void register_rollup(py::module_& m);
void register_reports(py::module_& m);
void register_draft(py::module_& m);
// Signer, key_id_of, signature_holds, PrincipalKind, Identity and Grant (after register_ledger:
// Grant takes an ActorRole).
void register_identity(py::module_& m);
// Ledger.open (which takes a Signer), the registry calls, import windows and verify: added once
// Signer, Identity and Grant are bound, so that their signatures name the Python types.
void register_ledger_identity(py::module_& m);
// The roll-up and report methods of Ledger, added once the types they use are bound (module.cpp
// calls it last, so their signatures name the Python types).
void register_ledger_rollup(py::module_& m);

// Python repr() of a value, for __repr__ strings: 'text', Decimal('1.5'), datetime.date(2021, 12,
// 31).
std::string repr_of(const py::handle& value);

// "name=<repr of value>", a field as a __repr__ string shows it.
inline std::string field(const char* name, const py::handle& value) {
  return std::string(name) + "=" + repr_of(value);
}

// Adds pickling to a bound value type from its fields, in order, as a tuple.
template <class T, class... Fields>
void pickle_fields(py::class_<T>& cls, Fields... fields) {
  cls.def(py::pickle([fields...](const T& v) { return py::make_tuple(py::cast(v.*fields)...); },
                     [fields...](const py::tuple& t) {
                       if (t.size() != sizeof...(Fields))
                         throw std::runtime_error("invalid pickled state");
                       T v;
                       std::size_t i = 0;
                       ((v.*fields = t[i++].cast<std::decay_t<decltype(v.*fields)>>()), ...);
                       return v;
                     }));
}

}  // namespace taizhang::python
