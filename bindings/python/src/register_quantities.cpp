// Exact numbers, units of measure and reading numbers as Chinese documents write them.
#include "common.hpp"
#include "lists.hpp"

namespace taizhang::python {

namespace {

// Rounding, Quantity and UnitOfMeasure.
void register_quantity_types(py::module_& m) {
  py::enum_<Rounding>(m, "Rounding", "How to round a decimal to fewer places.")
      .value("half_up", Rounding::half_up, "四舍五入: ties away from zero")
      .value("half_even", Rounding::half_even, "ties to the even digit")
      .value("toward_zero", Rounding::toward_zero, "truncate");

  py::class_<Quantity> quantity(m, "Quantity", R"doc(
An exact value with its unit of measure.

Parameters
----------
value : decimal.Decimal or int or str
    The value (a string is read like ``parse_number`` reads it).
unit : str
    The unit of measure, e.g. ``"名"`` or ``"亿元"``; ``""`` for a bare number.

Examples
--------
>>> taizhang.parse_quantity("12亿元")
Quantity(value=Decimal('12'), unit='亿元')
)doc");
  quantity
      .def(py::init([](Decimal value, std::string unit) {
             return Quantity{value, std::move(unit)};
           }),
           py::arg("value") = Decimal(), py::arg("unit") = "")
      .def_readwrite("value", &Quantity::value, "The exact value (decimal.Decimal).")
      .def_readwrite("unit", &Quantity::unit, "The unit of measure (\"\" for a bare number).")
      .def("__str__", &Quantity::to_string)
      .def("__repr__",
           [](const Quantity& q) {
             return "Quantity(value=" + repr_of(py::cast(q.value)) +
                    ", unit=" + repr_of(py::str(q.unit)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(quantity, &Quantity::value, &Quantity::unit);

  py::class_<UnitOfMeasure> uom(m, "UnitOfMeasure", R"doc(
A unit of measure and its size in its dimension's base unit.

Parameters
----------
name : str
    As written in Chinese text: ``"万元"``, ``"名"``, ``"所"``.
dimension : str
    What it measures; units convert only within one dimension (``"money"``, ``"persons"``).
factor : decimal.Decimal or int or str
    Its size in the dimension's base unit (万元 → 10000); positive.
)doc");
  uom.def(py::init([](std::string name, std::string dimension, Decimal factor) {
            return UnitOfMeasure{std::move(name), std::move(dimension), factor};
          }),
          py::arg("name"), py::arg("dimension"), py::arg("factor") = Decimal(1))
      .def_readwrite("name", &UnitOfMeasure::name, "The unit's name.")
      .def_readwrite("dimension", &UnitOfMeasure::dimension, "What it measures.")
      .def_readwrite("factor", &UnitOfMeasure::factor, "Its size in the base unit.")
      .def("__repr__",
           [](const UnitOfMeasure& u) {
             return "UnitOfMeasure(name=" + repr_of(py::str(u.name)) +
                    ", dimension=" + repr_of(py::str(u.dimension)) +
                    ", factor=" + repr_of(py::cast(u.factor)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(uom, &UnitOfMeasure::name, &UnitOfMeasure::dimension, &UnitOfMeasure::factor);
  bind_list<UnitOfMeasure>(m, "UnitOfMeasureList", "A list of units of measure.");
}

void register_unit_registry(py::module_& m) {
  py::class_<UnitRegistry>(m, "UnitRegistry", R"doc(
A set of units of measure and which convert into which.

``UnitRegistry.standard()`` gives a copy of the built-in units (money 元/千元/万元/百万元/亿元;
persons 名 = 人 = 位; %; 个百分点; length and area; measure words such as 所, 个, 班, 户, each of
which converts only to itself). Add your own to a copy.

Examples
--------
>>> units = taizhang.UnitRegistry.standard()
>>> units.convert(12, "亿元", "元")
Decimal('1200000000')
)doc")
      .def(py::init<>(), "An empty registry.")
      .def_static(
          "standard", [] { return UnitRegistry::standard(); },
          "A copy of the built-in units of measure.")
      .def("add", &UnitRegistry::add, py::arg("unit"), R"doc(
Add a unit of measure.

Raises
------
ConflictError
    When the name is taken by a different definition.
ValidationError
    For an empty name or dimension, or a factor that is not positive.
)doc")
      .def(
          "find",
          [](const UnitRegistry& r, std::string_view name) -> std::optional<UnitOfMeasure> {
            if (const UnitOfMeasure* u = r.find(name)) return *u;
            return std::nullopt;
          },
          py::arg("name"), "The unit called `name`, or None.")
      .def(
          "base_of",
          [](const UnitRegistry& r, std::string_view name) -> std::optional<UnitOfMeasure> {
            if (const UnitOfMeasure* u = r.base_of(name)) return *u;
            return std::nullopt;
          },
          py::arg("name"), R"doc(
The base unit of the dimension `name` belongs to: the first unit added to it with factor 1 (元
for 万元, 名 for 人, 所 for 所). A magnitude word written without a unit (``"1500万"``) counts
this unit (``read_value``).

Returns
-------
UnitOfMeasure or None
    None when `name` is unknown or its dimension has no unit of factor 1.
)doc")
      .def("convertible", &UnitRegistry::convertible, py::arg("source"), py::arg("target"),
           "Whether both units are known and measure the same thing.")
      .def("convert", &UnitRegistry::convert, py::arg("value"), py::arg("source"),
           py::arg("target"), R"doc(
Express `value` in `source` units in `target` units, exactly.

Raises
------
UnitError
    When either unit is unknown or they measure different things (所 into 名), or the result
    has no exact decimal form.
)doc")
      .def("units", &UnitRegistry::units, "Every unit, in the order they were added.")
      .def("__len__", &UnitRegistry::size)
      .def("__contains__", &UnitRegistry::contains, py::arg("name"))
      .def("__repr__", [](const UnitRegistry& r) {
        return "<UnitRegistry of " + std::to_string(r.size()) + " units of measure>";
      });
}

// parse_number, parse_quantity and ValueReading.
void register_number_reading(py::module_& m) {
  m.def("parse_number", &parse_number, py::arg("text"), R"doc(
Read a number the way Chinese documents and spreadsheets write it.

Parameters
----------
text : str
    ``"18000"``, ``"1.6万"``, ``"１８０００"``, ``"两千五百"``, ``"一千一百"``, ``"-2.5"``.

Returns
-------
decimal.Decimal

Raises
------
ParseError
    Naming the text, for anything that is not a number (``""``, ``"abc"``, ``"万万"``).
OverflowError
    When the value does not fit.

See Also
--------
read_value : a value written for a target, read against the target's unit of measure
    (``"1500万"`` on a target in 万元 is 1500, where ``parse_number`` gives 15000000).
)doc");
  m.def(
      "parse_quantity",
      [](std::string_view text, const std::optional<UnitRegistry>& units) {
        return parse_quantity(text, units ? *units : UnitRegistry::standard());
      },
      py::arg("text"), py::arg("units") = py::none(), R"doc(
Read a number and its unit of measure: ``"3.3万名"`` → 33000 名, ``"12亿元"`` → 12 亿元.

Parameters
----------
text : str
    The number, then optionally a unit known to `units`.
units : UnitRegistry, optional
    The units to recognise; the standard ones by default.

Returns
-------
Quantity

Raises
------
ParseError
    When the number is bad or the rest is not a known unit.
)doc");
  py::class_<ValueReading> reading(m, "ValueReading", R"doc(
A value read for a target (``read_value``): in the target's unit, and as it was written.

Parameters
----------
value : decimal.Decimal or int or str
    In the target's unit of measure.
as_written : Quantity
    The value in the unit it was written in: ``"1500万"`` → 15000000 元.
)doc");
  reading
      .def(py::init([](Decimal value, Quantity as_written) {
             return ValueReading{value, std::move(as_written)};
           }),
           py::arg("value") = Decimal(), py::arg_v("as_written", Quantity{}, "Quantity()"))
      .def_readwrite("value", &ValueReading::value,
                     "The value in the target's unit of measure (decimal.Decimal).")
      .def_readwrite("as_written", &ValueReading::as_written,
                     "The value in the unit it was written in (Quantity).")
      .def("__repr__",
           [](const ValueReading& r) {
             return "ValueReading(value=" + repr_of(py::cast(r.value)) +
                    ", as_written=" + repr_of(py::cast(r.as_written)) + ")";
           })
      .def(py::self == py::self);
  pickle_fields(reading, &ValueReading::value, &ValueReading::as_written);
}

// read_value and decimal_round.
void register_value_reading(py::module_& m) {
  m.def(
      "read_value",
      [](std::string_view text, std::string_view unit, std::string_view target_unit,
         const std::optional<UnitRegistry>& units) {
        return read_value(text, unit, target_unit, units ? *units : UnitRegistry::standard());
      },
      py::arg("text"), py::arg("unit"), py::arg("target_unit"), py::arg("units") = py::none(),
      R"doc(
Read a value written for a target, the way the ledger reads ``TargetValue.text`` when it is
filed (and the CSV import and the command line read theirs).

- A value with a unit (``"3000万元"``, or ``"3000"`` with `unit` ``"万元"``) is in that unit,
  converted exactly into the target's (0.3 on a target in 亿元).
- A magnitude word with no unit (万, 亿, 千 or 百万 after a number: ``"1500万"``, ``"0.15亿"``;
  a Chinese numeral with 万 or 亿: ``"一千五百万"``) counts the base unit of the target's measure
  (元 for money, the measure word itself for counted things): on a target in 万元, ``"1500万"``
  is 1500万元 = 1500; on a target in 名, ``"1.6万"`` is 16000.
- A bare number (``"1500"``, ``"三"``) is in the target's own unit.

A value that can be read two ways is refused, naming both readings: a magnitude word with a
multiple unit given apart (``"1500万"`` with 万元), a Chinese numeral with places below 万 on a
target counted in a multiple (``"三千"`` on 万元), a magnitude word on a target whose unit is a
multiple with no smaller unit defined.

Parameters
----------
text : str
    The value as written.
unit : str
    The unit of measure given apart from it (a CSV column, a JSON member); ``""`` when none.
target_unit : str
    The unit the target is counted in.
units : UnitRegistry, optional
    The units of measure; the standard ones by default (a plan's: ``plan.unit_registry()``).

Returns
-------
ValueReading

Raises
------
ParseError
    For text that cannot be read, or can be read two ways (the message names both), or a unit
    that is not known.
UnitError
    For a unit that does not convert into the target's, or an unknown `target_unit`.
OverflowError
    When the value does not fit.

Examples
--------
>>> taizhang.read_value("1500万", "", "万元").value
Decimal('1500')
>>> taizhang.read_value("3000万元", "", "亿元").value
Decimal('0.3')
)doc");
  m.def(
      "decimal_round", [](Decimal d, int places, Rounding mode) { return d.rounded(places, mode); },
      py::arg("value"), py::arg("places"), py::arg("mode") = Rounding::half_up, R"doc(
Round an exact value to at most `places` decimal places (0..18), 四舍五入 by default.

Returns
-------
decimal.Decimal
)doc");
}

}  // namespace

void register_quantities(py::module_& m) {
  register_quantity_types(m);
  register_unit_registry(m);
  register_number_reading(m);
  register_value_reading(m);
}

}  // namespace taizhang::python
