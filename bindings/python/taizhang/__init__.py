"""taizhang (台账): the work ledger of a programme of public commitments.

Plans of numbered initiatives (实事) with responsible units and targets; a ledger file of the
progress reports units file, with their complete history; and the roll-up of that progress into
status, forecasts, each unit's compliance and the coordinator's chasing list — with pandas data
frames and plots.

Examples
--------
>>> import taizhang
>>> plan = taizhang.load_plan("examples/plans/linzi-2021.json")
>>> with taizhang.Ledger.open("linzi.db") as ledger:            # doctest: +SKIP
...     rollup = ledger.rollup(plan.code, "2021Q2")
...     rollup.targets.to_pandas()

Everything exact stays exact: values are :class:`decimal.Decimal` in and out (floats are
refused), dates are :class:`datetime.date`, times aware :class:`datetime.datetime` in UTC. A
reported value given as text (``TargetValue("5.1", value="3000万元")``) is read against its
target when filed (:func:`read_value`). Roll-ups, values and forms count the content handed in,
never a draft, unless asked for a preview with ``include_drafts=True``.
Errors are the classes in :mod:`taizhang._errors`, re-exported here (``taizhang.ValidationError``
and so on), each also a fitting built-in exception (``ValueError``, ``PermissionError``…).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import _taizhang, frames
from ._errors import (
    ConflictError,
    Error,
    IoError,
    NotFoundError,
    OverflowError,
    ParseError,
    PermissionDenied,
    StorageError,
    UnitError,
    ValidationError,
)
from ._taizhang import *  # noqa: F401,F403 - the compiled API is the package's API
from ._taizhang import __version__

if TYPE_CHECKING:  # pragma: no cover - at run time taizhang.plot is imported on first use
    from . import plot as plot

# Data frames: the list types of a roll-up and the ledger's value table get .to_pandas() (the stubs,
# _taizhang.pyi, declare them there).
setattr(_taizhang.TargetRollupList, "to_pandas", frames.targets_frame)
setattr(_taizhang.InitiativeRollupList, "to_pandas", frames.initiatives_frame)
setattr(_taizhang.UnitRollupList, "to_pandas", frames.units_frame)
setattr(_taizhang.ComplianceCellList, "to_pandas", frames.compliance_frame)  # also ChaseItemList
setattr(_taizhang.RollupList, "to_pandas", frames.series_frame)
setattr(_taizhang.ValueTable, "to_pandas", frames.values_frame)


class _LedgerValues:
    """``ledger.values``: the ledger's values, as a table or a data frame.

    Call it for the :class:`ValueTable` (``ledger.values(plan="...")``) or ask for a frame
    (``ledger.values.to_pandas(plan="...")``); the keywords are those of
    :meth:`Ledger.values_table`.

    Parameters
    ----------
    ledger : Ledger
        The ledger whose values these are.
    """

    def __init__(self, ledger: _taizhang.Ledger) -> None:
        self._ledger = ledger

    def __call__(
        self,
        plan: str = "",
        *,
        recorded_at: datetime.datetime | str | None = None,
        accepted_only: bool = False,
        include_drafts: bool = False,
    ) -> _taizhang.ValueTable:
        """Every value filed, as a :class:`ValueTable` (see :meth:`Ledger.values_table`).

        Parameters
        ----------
        plan : str, optional
            One plan's values; every plan's by default.
        recorded_at : datetime.datetime or str, optional
            The values as recorded at this time.
        accepted_only : bool, optional
            The content last accepted instead of the content handed in.
        include_drafts : bool, optional
            A preview: each report's latest content, drafts included.

        Returns
        -------
        ValueTable
        """
        return self._ledger.values_table(
            plan, recorded_at=recorded_at, accepted_only=accepted_only,
            include_drafts=include_drafts,
        )

    def to_pandas(
        self,
        plan: str = "",
        *,
        recorded_at: datetime.datetime | str | None = None,
        accepted_only: bool = False,
        include_drafts: bool = False,
    ) -> pd.DataFrame:
        """Every value filed, one row each (see :func:`taizhang.frames.values_frame`).

        Parameters
        ----------
        plan : str, optional
            One plan's values; every plan's by default.
        recorded_at : datetime.datetime or str, optional
            The values as recorded at this time.
        accepted_only : bool, optional
            The content last accepted instead of the content handed in.
        include_drafts : bool, optional
            A preview: each report's latest content, drafts included.

        Returns
        -------
        pandas.DataFrame
            The columns of :func:`taizhang.frames.values_frame`.
        """
        return frames.values_frame(
            self._ledger.values_table(plan, recorded_at=recorded_at, accepted_only=accepted_only,
                                      include_drafts=include_drafts)
        )


setattr(
    _taizhang.Ledger,
    "values",
    property(
        _LedgerValues, doc="The ledger's values: call it for a ValueTable, or use .to_pandas()."
    ),
)


def __getattr__(name: str) -> Any:
    # taizhang.plot imports matplotlib: only when asked for.
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'taizhang' has no attribute {name!r}")


__all__ = [
    "ConflictError",
    "Error",
    "IoError",
    "NotFoundError",
    "OverflowError",
    "ParseError",
    "PermissionDenied",
    "StorageError",
    "UnitError",
    "ValidationError",
    "__version__",
    "frames",
    *[name for name in dir(_taizhang) if not name.startswith("_")],
]
