"""pandas data frames of roll-ups and ledger values, built column by column.

The compiled module hands over each table as numpy arrays (one per column, filled in C++ in one
pass) and this module assembles them: repeated text becomes :class:`pandas.Categorical`,
periods become :class:`pandas.Period` columns, dates ``datetime64[ns]`` and times aware UTC
timestamps. No Python object is created per row except for the text of categories, and the
arrays are not copied again (``copy=False``: they are the frame's own).

Exact values
------------
Every exact decimal ``x`` comes as three columns: ``x`` (float64, for plotting and statistics;
NaN when missing), and ``x_coef`` (Int64) with ``x_scale`` (Int8) so that
``x == x_coef × 10**(−x_scale)`` exactly; both are <NA> when the value is missing. Use
:func:`exact` to get a column of :class:`decimal.Decimal` when you need one (that one does build a
Python object per row).

What counts
-----------
The frames show what their roll-up or value table counted: by default the content handed in
(of submitted and accepted reports their latest content, a correction awaiting acceptance
included; of a returned report the content last accepted), never a draft;
``accepted_only=True`` only accepted content; ``include_drafts=True`` a preview with drafts
(``Rollup.include_drafts``), which the frames do not mark themselves: say 含草稿 wherever you
show one.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING, Any, Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from . import _taizhang

_MISSING_INT64 = np.iinfo(np.int64).min
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}


def _categorical(columns: Mapping[str, Any], name: str, ordered: bool = False) -> pd.Categorical:
    codes = np.asarray(columns[f"{name}_codes"], dtype=np.int32)
    categories = list(columns[f"{name}_categories"])
    return pd.Categorical.from_codes(codes, categories=categories, ordered=ordered)


def _periods(columns: Mapping[str, Any], name: str) -> Any:
    """A column of pandas Periods from year and index arrays.

    One reporting kind gives a PeriodArray (dtype ``period[Q-DEC]``, ``period[M]`` or
    ``period[A-DEC]``); plans of different kinds listed together ("mixed") give an object
    column of Period values.
    """
    kind = str(columns[f"{name}_kind"])
    years = np.asarray(columns[f"{name}_year"])
    index = np.asarray(columns[f"{name}_index"])
    if kind == "mixed":
        kinds = _categorical(columns, f"{name}_kind")
        out = np.empty(len(years), dtype=object)
        for k in ("year", "quarter", "month"):
            mask = np.asarray(kinds == k)
            if mask.any():
                out[mask] = np.asarray(_periods_of_kind(k, years[mask], index[mask]), dtype=object)
        return out
    return _periods_of_kind(kind or "quarter", years, index)


def _periods_of_kind(
    kind: str, years: npt.NDArray[np.integer[Any]], index: npt.NDArray[np.integer[Any]]
) -> pd.PeriodIndex:
    # pandas' ordinals, computed at once and in place (PeriodIndex(year=..., quarter=...) goes
    # row by row): periods since 1970 of the kind, NaT (−2**63) for a missing period (year −1).
    ordinals = np.array(years, dtype=np.int64)
    ordinals -= 1970
    if kind == "quarter":
        freq = "Q"
        ordinals *= 4
    elif kind == "month":
        freq = "M"
        ordinals *= 12
    else:
        freq = "Y"
    if freq != "Y":
        ordinals += index
        ordinals -= 1
    missing = years < 0
    if missing.any():
        ordinals[missing] = _MISSING_INT64
    return pd.PeriodIndex(pd.arrays.PeriodArray(ordinals, freq=freq))


def _dates(days: Any) -> pd.Series:
    values = np.asarray(days, dtype=np.int64)
    out = values.astype("datetime64[D]").astype("datetime64[ns]")
    out[values == _MISSING_INT64] = np.datetime64("NaT")
    return pd.Series(out)


def _times(ms: Any) -> pd.Series:
    # −2**63 is numpy's NaT, and stays NaT from milliseconds to nanoseconds; the instants are UTC.
    out = np.asarray(ms, dtype=np.int64).astype("datetime64[ms]").astype("datetime64[ns]")
    return pd.Series(pd.arrays.DatetimeArray(out, dtype=pd.DatetimeTZDtype(tz="UTC")))


def _exact(frame: dict[str, Any], columns: Mapping[str, Any], name: str) -> None:
    frame[name] = np.asarray(columns[name], dtype=np.float64)
    coef = np.asarray(columns[f"{name}_coef"], dtype=np.int64)
    scale = np.asarray(columns[f"{name}_scale"], dtype=np.int8)
    missing = scale < 0
    # Masked arrays straight from the data and the mask (pd.array would look at every value).
    frame[f"{name}_coef"] = pd.arrays.IntegerArray(coef, missing)
    frame[f"{name}_scale"] = pd.arrays.IntegerArray(scale, missing.copy())


def exact(frame: pd.DataFrame, name: str) -> pd.Series:
    """The exact values of column `name` as :class:`decimal.Decimal` (None where missing).

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame from one of the ``to_pandas`` methods.
    name : str
        An exact column, such as ``"actual"`` or ``"value"``: the frame holds ``<name>_coef``
        and ``<name>_scale``.

    Returns
    -------
    pandas.Series
        Of dtype object, one :class:`decimal.Decimal` per row.
    """
    coef = frame[f"{name}_coef"]
    scale = frame[f"{name}_scale"]
    values = [
        None if pd.isna(c) else decimal.Decimal(int(c)).scaleb(-int(s))
        for c, s in zip(coef, scale)
    ]
    return pd.Series(values, index=frame.index, name=name, dtype=object)


_STATUS_ORDER = ["achieved", "on_track", "at_risk", "behind", "no_data", "overdue"]


def _target_columns(frame: dict[str, Any], columns: dict[str, Any]) -> None:
    """Adds a target roll-up's columns, ``code`` to ``problem``, to `frame` (shared by the targets
    and the series frames)."""
    frame["code"] = _categorical(columns, "code")
    frame["initiative"] = np.asarray(columns["initiative"], dtype=np.int32)
    for name in ("actual", "goal", "baseline"):
        _exact(frame, columns, name)
    frame["completion"] = np.asarray(columns["completion"], dtype=np.float64)
    frame["expected"] = np.asarray(columns["expected"], dtype=np.float64)
    frame["status"] = _categorical(columns, "status", ordered=True)
    frame["deadline"] = _dates(columns["deadline_days"])
    _exact(frame, columns, "forecast")
    frame["forecast_completion"] = np.asarray(columns["forecast_completion"], dtype=np.float64)
    frame["outlook"] = _categorical(columns, "outlook")
    frame["warnings"] = np.asarray(columns["warnings"], dtype=object)
    frame["problem"] = _categorical(columns, "problem")


def targets_frame(targets: "_taizhang.TargetRollupList") -> pd.DataFrame:
    """One row per target of a roll-up: ``rollup.targets.to_pandas()``.

    Parameters
    ----------
    targets : TargetRollupList
        ``Rollup.targets``, or a list of :class:`TargetRollup`.

    Returns
    -------
    pandas.DataFrame
        Columns, in order: ``code`` (category), ``initiative`` (int32), ``actual``, ``goal`` and
        ``baseline`` (each exact: float64 with ``_coef`` Int64 and ``_scale`` Int8, see the
        module's notes), ``completion`` (float64, r uncapped; NaN when it cannot be computed),
        ``expected`` (float64, e), ``status`` (ordered category: achieved < on_track < at_risk <
        behind < no_data < overdue), ``deadline`` (datetime64[ns]), ``forecast`` (exact),
        ``forecast_completion`` (float64), ``outlook`` (category of none, likely_met (预计完成),
        likely_short (预计滞后): how the forecast looks at the deadline; none without a
        forecast), ``warnings`` (object: a tuple of str per target, the 需核实 warnings on its
        counted values, ``()`` when none), ``problem`` (category: why a figure could not be
        computed, e.g. an overflow; NaN when all is well), ``contributors`` (int32: how many
        units contribute) and ``reported`` (int32: how many of them reported by the as-of
        period).

    Examples
    --------
    >>> targets = rollup.targets.to_pandas()
    >>> targets[targets.outlook == "likely_short"]          # 预计滞后
    >>> targets[targets.warnings.str.len() > 0]             # 需核实
    """
    from . import _taizhang

    columns = _taizhang._columns_targets(targets)
    frame: dict[str, Any] = {}
    _target_columns(frame, columns)
    for name in ("contributors", "reported"):
        if name in columns:
            frame[name] = np.asarray(columns[name], dtype=np.int32)
    return pd.DataFrame(frame, copy=False)


def initiatives_frame(initiatives: "_taizhang.InitiativeRollupList") -> pd.DataFrame:
    """One row per initiative of a roll-up: ``rollup.initiatives.to_pandas()``.

    Parameters
    ----------
    initiatives : InitiativeRollupList
        ``Rollup.initiatives``, or a list of :class:`InitiativeRollup`.

    Returns
    -------
    pandas.DataFrame
        Columns: ``number`` (int32), ``completion`` and ``expected`` (float64: weighted means of
        min(r, 1) and of e), ``status`` (ordered category, as in :func:`targets_frame`),
        ``worst_target`` (category; NaN when no target is measurable) and
        ``measurable_targets`` (int32).
    """
    from . import _taizhang

    columns = _taizhang._columns_initiatives(initiatives)
    return pd.DataFrame(
        {
            "number": np.asarray(columns["number"], dtype=np.int32),
            "completion": np.asarray(columns["completion"], dtype=np.float64),
            "expected": np.asarray(columns["expected"], dtype=np.float64),
            "status": _categorical(columns, "status", ordered=True),
            "worst_target": _categorical(columns, "worst_target"),
            "measurable_targets": np.asarray(columns["measurable_targets"], dtype=np.int32),
        },
        copy=False,
    )


def units_frame(units: "_taizhang.UnitRollupList") -> pd.DataFrame:
    """One row per responsible unit of a roll-up: ``rollup.units.to_pandas()``.

    Parameters
    ----------
    units : UnitRollupList
        ``Rollup.units``, or a list of :class:`UnitRollup`.

    Returns
    -------
    pandas.DataFrame
        Columns: ``unit`` (category of unit codes), then int32 counts ``assignments``,
        ``reports_due`` (periods it must report for whose report was due), ``on_time`` (已报),
        ``late`` (迟报), ``missing`` (未报), ``omitted`` (漏报: handed in, leaving out an
        initiative), ``returned`` (退回未改) and ``days_late`` (summed over the late reports).
        The counts are those of ``Rollup.compliance``'s cells.
    """
    from . import _taizhang

    columns = _taizhang._columns_units(units)
    frame: dict[str, Any] = {"unit": _categorical(columns, "unit")}
    for name in ("assignments", "reports_due", "on_time", "late", "missing", "omitted",
                 "returned", "days_late"):
        frame[name] = np.asarray(columns[name], dtype=np.int32)
    return pd.DataFrame(frame, copy=False)


def compliance_frame(cells: "_taizhang.ComplianceCellList") -> pd.DataFrame:
    """How each unit's report for each period stands: ``rollup.compliance.to_pandas()``, and the
    chasing list (定期调度) ``rollup.chasing.to_pandas()``.

    Parameters
    ----------
    cells : ComplianceCellList
        ``Rollup.compliance`` (every unit that must report × every period it must report for),
        ``Rollup.chasing`` (the cells that are late, missing, omitted or returned), or a list of
        :class:`ComplianceCell`.

    Returns
    -------
    pandas.DataFrame
        One row per cell, in the list's order. Columns: ``period`` (pandas Period, dtype
        ``period[Q-DEC]`` for a quarterly plan), ``unit`` (category), ``initiatives`` (object:
        a tuple of int per row, the initiatives concerned — every one the unit reports on when
        missing or returned, those left out when omitted, ``()`` otherwise), ``compliance``
        (category of not_due 未到期, on_time 已报, late 迟报, missing 未报, omitted 漏报, returned
        退回未改), ``due`` (datetime64[ns]), ``days_overdue`` (int32) and ``submitted``
        (datetime64[ns, UTC]: the first hand-in; NaT when never handed in).

    Examples
    --------
    >>> cells = rollup.compliance.to_pandas()
    >>> cells.pivot(index="unit", columns="period", values="compliance")   # the heat map's grid
    >>> rollup.chasing.to_pandas().explode("initiatives")                 # one row per initiative
    """
    from . import _taizhang

    columns = _taizhang._columns_compliance(cells)
    return pd.DataFrame(
        {
            "period": _periods(columns, "period"),
            "unit": _categorical(columns, "unit"),
            "initiatives": np.asarray(columns["initiatives"], dtype=object),
            "compliance": _categorical(columns, "compliance"),
            "due": _dates(columns["due_days"]),
            "days_overdue": np.asarray(columns["days_overdue"], dtype=np.int32),
            "submitted": _times(columns["submitted_ms"]),
        },
        copy=False,
    )


#: The chasing list's frame is the compliance frame of its cells (a chasing line is a cell).
chasing_frame = compliance_frame


def series_frame(series: "_taizhang.RollupList") -> pd.DataFrame:
    """One row per period × target of a roll-up series: ``ledger.rollup_series(...).to_pandas()``.

    Parameters
    ----------
    series : RollupList
        From :meth:`Ledger.rollup_series`, or a list of :class:`Rollup`.

    Returns
    -------
    pandas.DataFrame
        A burn-up chart's data. Columns: ``period`` (pandas Period: the roll-up's as-of
        period), then those of :func:`targets_frame` from ``code`` to ``problem`` (without
        ``contributors`` and ``reported``).
    """
    from . import _taizhang

    columns = _taizhang._columns_series(series)
    frame: dict[str, Any] = {"period": _periods(columns, "period")}
    _target_columns(frame, columns)
    return pd.DataFrame(frame, copy=False)


def values_frame(table: "_taizhang.ValueTable") -> pd.DataFrame:
    """Every value of a ledger, one row each: ``ledger.values.to_pandas()``.

    Parameters
    ----------
    table : ValueTable
        From :meth:`Ledger.values_table` (or ``ledger.values(...)``).

    Returns
    -------
    pandas.DataFrame
        Columns: ``plan``, ``unit`` (categories of codes), ``period`` (pandas Period; an object
        column of Periods when plans of different reporting kinds are listed together),
        ``target`` (category), ``value`` (exact: float64 with ``value_coef`` Int64 and
        ``value_scale`` Int8, see the module's notes; missing for milestones), ``stage``
        (category; NaN when none), ``status`` (category of draft, submitted, accepted, returned:
        the report's), ``revision`` (int32: the revision whose content holds the value — the
        content counted, see :meth:`Ledger.values_table`) and ``recorded_at``
        (datetime64[ns, UTC]).
    """
    from . import _taizhang

    columns = _taizhang._columns_values(table)
    frame: dict[str, Any] = {
        "plan": _categorical(columns, "plan"),
        "unit": _categorical(columns, "unit"),
        "period": _periods(columns, "period"),
        "target": _categorical(columns, "target"),
    }
    _exact(frame, columns, "value")
    frame["stage"] = _categorical(columns, "stage")
    frame["status"] = _categorical(columns, "status")
    frame["revision"] = np.asarray(columns["revision"], dtype=np.int32)
    frame["recorded_at"] = _times(columns["recorded_at_ms"])
    return pd.DataFrame(frame, copy=False)
