"""Charts of a ledger's roll-ups with matplotlib, Chinese labels included.

Three charts, each drawn on a given :class:`matplotlib.axes.Axes` or a new figure:

- :func:`burn_up`: a target's actual against its expected trajectory, with the forecast;
- :func:`initiatives`: each initiative's completion against what was expected, coloured by status;
- :func:`compliance_heatmap`: units × periods, each report 已报, 迟报, 未报, 漏报, 退回未改 or
  未到期, from the roll-up's own compliance cells (``Rollup.compliance``).

A chart of a preview roll-up (``include_drafts=True``) says 含草稿 in its title.

Chinese text is drawn with a CJK font installed from Debian (``fonts-noto-cjk``, which
``scripts/bootstrap`` installs); :func:`cjk_font` names the one in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import matplotlib
import matplotlib.font_manager as font_manager
import numpy as np

from . import _taizhang, frames

if TYPE_CHECKING:  # pragma: no cover
    import numpy.typing as npt
    from matplotlib.axes import Axes

#: ProgressStatus colours: green for achieved, through amber and red, grey for no data — the library's
#: own (:attr:`taizhang.ProgressStatus.colour`, as on the dashboard), by status name.
STATUS_COLOURS = {name: s.colour for name, s in _taizhang.ProgressStatus.__members__.items()}

#: The status labels of the legends, in Chinese (:attr:`taizhang.ProgressStatus.label`), by status name.
STATUS_LABELS = {name: s.label for name, s in _taizhang.ProgressStatus.__members__.items()}

# The heat map's states in the order of its legend: the states of taizhang.Compliance, then
# not_required for a unit and period with no cell.
_COMPLIANCE_ORDER = ("on_time", "late", "omitted", "missing", "returned", "not_due")
_NOT_REQUIRED_COLOUR = "#f0f0f0"
_NOT_REQUIRED_LABEL = "无需报送"

#: Compliance colours of the heat map, in the order of its legend: the states of
#: :class:`taizhang.Compliance` with the library's colours (:attr:`taizhang.Compliance.colour`),
#: and ``not_required`` for a unit and period with no cell (the unit need not report, or the
#: period ended before the plan was issued).
COMPLIANCE_COLOURS = {
    **{name: _taizhang.Compliance.__members__[name].colour for name in _COMPLIANCE_ORDER},
    "not_required": _NOT_REQUIRED_COLOUR,
}

#: The heat map's labels of each state, in Chinese: the library's
#: (:attr:`taizhang.Compliance.label`), and 无需报送 for ``not_required``.
COMPLIANCE_LABELS = {
    **{name: _taizhang.Compliance.__members__[name].label for name in _COMPLIANCE_ORDER},
    "not_required": _NOT_REQUIRED_LABEL,
}

#: How a forecast looks at the deadline (:class:`taizhang.Outlook`), in Chinese: never with the
#: status words of actuals (:attr:`taizhang.Outlook.label`; ``none`` has no label).
OUTLOOK_LABELS = {name: o.label for name, o in _taizhang.Outlook.__members__.items() if o.label}

_CJK_CANDIDATES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "AR PL UMing CN",
)


def cjk_font() -> Optional[str]:
    """The name of an installed font that draws Chinese, or None when there is none.

    Returns
    -------
    str or None
        The first of Noto Sans CJK SC (Debian ``fonts-noto-cjk``), Noto Sans CJK JP, Noto Serif
        CJK SC, WenQuanYi Zen Hei, WenQuanYi Micro Hei and AR PL UMing CN that is installed.
    """
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_CANDIDATES:
        if name in installed:
            return name
    return None


def _families(font: str) -> list[str]:
    """`font` first, then the installed ones of matplotlib's sans-serif list (for Latin glyphs the
    CJK font lacks); families that are not installed are left out, or matplotlib warns about each
    of them every time it draws."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [font, *(f for f in matplotlib.rcParams["font.sans-serif"] if f in installed and f != font)]


def _style() -> dict[str, Any]:
    font = cjk_font()
    style: dict[str, Any] = {"axes.unicode_minus": False}
    if font is not None:
        style["font.sans-serif"] = _families(font)
        style["font.family"] = "sans-serif"
    return style


def _finish(ax: "Axes") -> "Axes":
    """Gives every text of the figure the CJK font for good (a figure is saved after the style's
    context has ended, and would fall back to a font without Chinese), and fits the layout."""
    from matplotlib.text import Text

    font = cjk_font()
    if font is not None:
        family = _families(font)
        for text in ax.figure.findobj(Text):
            text.set_fontfamily(family)
    ax.figure.tight_layout()
    return ax


def _drafts(title: str, include_drafts: bool) -> str:
    """`title`, marked 含草稿 when the roll-up it shows counted drafts."""
    return f"{title}（含草稿）" if include_drafts else title


def _axes(ax: Optional["Axes"], size: tuple[float, float]) -> "Axes":
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size)
    return new


def burn_up(
    series: "_taizhang.RollupList",
    target: str,
    *,
    plan: Optional["_taizhang.Plan"] = None,
    ax: Optional["Axes"] = None,
) -> "Axes":
    """Draw a target's burn-up chart: the actual, period by period, against the expected
    trajectory towards the goal, and the forecast at the deadline, labelled 预计完成 or 预计滞后
    (there is none once the target is achieved, nor for a milestone).

    Parameters
    ----------
    series : RollupList
        From :meth:`Ledger.rollup_series`.
    target : str
        The target's code, e.g. ``"1.1"``.
    plan : Plan, optional
        Gives the chart its title (the target's description) and unit of measure.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    ValueError
        When the series holds no target `target`.
    """
    with matplotlib.rc_context(_style()):
        frame = frames.series_frame(series)
        rows = frame[frame["code"] == target]
        if rows.empty:
            raise ValueError(f"the series holds no target {target!r}")
        ax = _axes(ax, (8, 4.5))
        labels = [str(p) for p in rows["period"]]
        x = np.arange(len(rows))
        goal = rows["goal"].to_numpy()
        baseline = np.nan_to_num(rows["baseline"].to_numpy(), nan=0.0)
        expected = baseline + (goal - baseline) * rows["expected"].to_numpy()
        ax.plot(x, expected, linestyle="--", color="#4575b4", marker="o", label="计划进度")
        ax.plot(x, rows["actual"].to_numpy(), color="#d73027", marker="s", linewidth=2,
                label="实际完成")
        if not np.all(np.isnan(goal)):
            ax.axhline(float(np.nanmax(goal)), color="#1a9850", linewidth=1, label="目标值")
        last = rows.iloc[-1]
        if not np.isnan(last["forecast"]):
            outlook = OUTLOOK_LABELS.get(str(last["outlook"]))
            label = f"预计年底 {last['forecast']:g}" + (f"（{outlook}）" if outlook else "")
            ax.plot([x[-1]], [last["forecast"]], marker="*", markersize=14, color="#762a83",
                    linestyle="none", label=label)
        unit = ""
        title = f"目标 {target}"
        if plan is not None:
            found = plan.find_target(target)
            if found is not None:
                title = f"{target} {found.description}"
                unit = found.unit
        ax.set_title(_drafts(title, any(r.include_drafts for r in series)))
        ax.set_xticks(x)
        ax.set_xticklabels(labels)
        ax.set_xlabel("报告期")
        ax.set_ylabel(f"完成量（{unit}）" if unit else "完成量")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper left")
        return _finish(ax)


def initiatives(
    rollup: "_taizhang.Rollup",
    *,
    plan: Optional["_taizhang.Plan"] = None,
    ax: Optional["Axes"] = None,
) -> "Axes":
    """Draw each initiative's completion as a bar coloured by its status, with a mark at the
    share expected by now.

    Parameters
    ----------
    rollup : Rollup
        From :meth:`Ledger.rollup`.
    plan : Plan, optional
        Labels the bars with the initiatives' titles (一、… ).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    with matplotlib.rc_context(_style()):
        frame = frames.initiatives_frame(rollup.initiatives)
        ax = _axes(ax, (9, 0.5 * len(frame) + 1.5))
        y = np.arange(len(frame))[::-1]
        colours = [STATUS_COLOURS[str(s)] for s in frame["status"]]
        ax.barh(y, np.minimum(frame["completion"].to_numpy(), 1.0) * 100, color=colours)
        ax.scatter(frame["expected"].to_numpy() * 100, y, marker="|", s=400, color="black",
                   label="应完成进度", zorder=3)
        labels = []
        for number in frame["number"]:
            label = _taizhang.chinese_ordinal(int(number))
            if plan is not None:
                found = plan.find_initiative(int(number))
                if found is not None:
                    label = f"{label}、{found.title}"
            labels.append(label)
        ax.set_yticks(y)
        ax.set_yticklabels(labels)
        ax.set_xlim(0, 105)
        ax.set_xlabel("加权完成率（%）")
        title = f"各项实事进展（截至{rollup.as_of}）"
        ax.set_title(_drafts(title, rollup.include_drafts))
        from matplotlib.patches import Patch

        present = [s for s in STATUS_COLOURS if s in set(map(str, frame["status"]))]
        handles = [Patch(color=STATUS_COLOURS[s], label=STATUS_LABELS[s]) for s in present]
        ax.legend(handles=[*handles, *ax.get_legend_handles_labels()[0]], loc="lower right")
        ax.grid(True, axis="x", alpha=0.3)
        return _finish(ax)


def compliance_matrix(rollup: "_taizhang.Rollup", plan: "_taizhang.Plan") -> tuple[
    list[str], list[str], "npt.NDArray[np.object_]"
]:
    """The heat map's grid: each responsible unit × each period up to the roll-up's as-of
    period, as the roll-up's compliance cells (``rollup.compliance``) say — nothing is judged
    again here, so the grid agrees with the chasing list and the units' counts.

    Parameters
    ----------
    rollup : Rollup
        From :meth:`Ledger.rollup`: its units, compliance cells and as-of period.
    plan : Plan
        The plan rolled up (its reporting periods).

    Returns
    -------
    units : list of str
        Unit codes, in the plan's order (those of ``rollup.units``).
    periods : list of str
        The plan's reporting periods up to the as-of period.
    matrix : numpy.ndarray of str
        ``matrix[u, p]`` is the cell's :class:`taizhang.Compliance` name — ``"on_time"``,
        ``"late"``, ``"missing"``, ``"omitted"``, ``"returned"`` or ``"not_due"`` — or
        ``"not_required"`` where the roll-up has no cell: the unit need not report (for that
        period), or the period ended before the plan was issued.
    """
    periods = [str(p) for p in plan.periods() if p <= rollup.as_of]
    units = [u.unit for u in rollup.units]
    state: dict[tuple[str, str], str] = {}
    for cell in rollup.compliance:
        unit, period = cell.unit, str(cell.period)
        state[(unit, period)] = cell.compliance.name
        if unit not in units:
            units.append(unit)
        if period not in periods:
            periods.append(period)
    matrix = np.full((len(units), len(periods)), "not_required", dtype=object)
    for i, unit in enumerate(units):
        for j, period in enumerate(periods):
            matrix[i, j] = state.get((unit, period), "not_required")
    return units, periods, matrix


def compliance_heatmap(
    rollup: "_taizhang.Rollup",
    plan: "_taizhang.Plan",
    *,
    ax: Optional["Axes"] = None,
) -> "Axes":
    """Draw units × periods, each cell coloured by how the unit's report for the period stands:
    已报, 迟报, 漏报, 未报, 退回未改, 未到期, or 无需报送 where the unit need not report (see
    :func:`compliance_matrix`; the colours are :data:`COMPLIANCE_COLOURS`).

    Parameters
    ----------
    rollup : Rollup
        From :meth:`Ledger.rollup` with the ``today`` to judge on.
    plan : Plan
        The plan (its units' names and reporting periods).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    with matplotlib.rc_context(_style()):
        units, periods, matrix = compliance_matrix(rollup, plan)
        order = list(COMPLIANCE_COLOURS)
        numeric = np.vectorize(order.index)(matrix) if matrix.size else np.zeros((0, 0))
        ax = _axes(ax, (1.2 * len(periods) + 3, 0.45 * len(units) + 1.5))
        ax.imshow(numeric, cmap=ListedColormap([COMPLIANCE_COLOURS[s] for s in order]),
                  vmin=0, vmax=len(order) - 1, aspect="auto")
        names = []
        for code in units:
            found = plan.find_unit(code)
            names.append(found.name if found is not None else code)
        ax.set_yticks(np.arange(len(units)))
        ax.set_yticklabels(names)
        ax.set_xticks(np.arange(len(periods)))
        ax.set_xticklabels(periods)
        ax.set_title(_drafts(f"各单位按期报送情况（截至{rollup.today}）", rollup.include_drafts))
        present = set(matrix.flat)
        ax.legend(handles=[Patch(facecolor=COMPLIANCE_COLOURS[s], edgecolor="#969696",
                                 label=COMPLIANCE_LABELS[s])
                           for s in order if s in present],
                  loc="upper left", bbox_to_anchor=(1.01, 1.0))
        return _finish(ax)
