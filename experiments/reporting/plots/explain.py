"""Figure of "answer explained": a waterfall of the money parts of a profit NPV
difference (the margin, then each cost line), each bar with its 95% CI, ending in the
total they add up to."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from experiments.reporting.explain_text import part_words
from experiments.reporting.plots import COLORS, figure, money_axis
from experiments.reporting.words import strategy_words

GAIN, LOSS, TOTAL = COLORS[2], COLORS[3], COLORS[0]


def waterfall_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The steps: gross margin, each cost line (they add up to the net costs), total."""
    steps = pd.concat([table[table.part == "gross_margin"], table[table.kind == "cost line"]])
    return pd.concat([steps, table[table.kind == "total"]], ignore_index=True)


def explain_waterfall(table: pd.DataFrame, currency: str = "") -> Figure:
    """Each step starts where the previous one ended and runs right for a gain, left for
    a loss; hatched bars are within noise; the last bar is the total difference."""
    rows = waterfall_rows(table)
    steps = rows.iloc[:-1]
    starts = np.r_[np.concatenate([[0.0], np.cumsum(steps["mean"].to_numpy())[:-1]]), 0.0]
    fig, (ax,) = figure(9, 0.5 * len(rows) + 2.4)
    for y, (start, row) in enumerate(zip(starts, rows.itertuples())):
        color = TOTAL if row.kind == "total" else GAIN if row.mean > 0 else LOSS
        ax.barh(y, row.mean, left=start, color=color, edgecolor="white",
                hatch="//" if row.within_noise else None)
        ax.errorbar(start + row.mean, y, xerr=[[row.mean - row.ci_low],
                                               [row.ci_high - row.mean]],
                    color="black", capsize=3, lw=1)
    ax.set_yticks(range(len(rows)), [part_words(p) for p in rows.part])
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    money_axis(ax.xaxis, currency)
    unit = f" ({currency})" if currency else ""
    ax.set_title(f"{strategy_words(table.attrs['a'])} minus {strategy_words(table.attrs['b'])}"
                 ": where the difference comes from", fontsize=11)
    ax.set_xlabel(f"profit NPV difference{unit}, step by step (mean, 95% CI)")
    ax.legend(handles=_legend(rows, np.r_[starts, starts + rows["mean"].to_numpy()]),
              fontsize=8, loc="best")
    return fig


def _legend(rows: pd.DataFrame, ends: np.ndarray) -> list[Patch]:
    """The legend of what is drawn: 'adds' and 'takes' only when such a step is there, and
    'hatched' only when a within-noise bar is wide enough (2% of the span) to show it."""
    steps = rows[rows.kind != "total"]
    span = float(np.ptp(ends)) or 1.0
    handles = [Patch(color=GAIN, label="adds to the difference")] if (steps["mean"] > 0).any() else []
    handles += [Patch(color=LOSS, label="takes from it")] if (steps["mean"] < 0).any() else []
    handles.append(Patch(color=TOTAL, label="total"))
    if (rows.within_noise & (rows["mean"].abs() > 0.02 * span)).any():
        handles.append(Patch(facecolor="white", edgecolor="grey", hatch="//",
                             label="hatched: within noise"))
    return handles
