"""Figure of "answer explained": a waterfall of the money parts of a profit NPV
difference, each bar with its 95% CI, ending in the total they add up to."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from experiments.reporting.explain_text import part_words
from experiments.reporting.plots import COLORS, figure, money_axis
from experiments.reporting.words import strategy_words


def explain_waterfall(table: pd.DataFrame, currency: str = "") -> Figure:
    """Each money part starts where the previous one ended; hatched bars are within
    noise; the last bar is the total difference."""
    money = table[table.kind == "money"]
    total = next(table[table.kind == "total"].itertuples())
    fig, (ax,) = figure(9, 0.5 * len(money) + 2.2)
    starts = np.concatenate([[0.0], np.cumsum(money["mean"].to_numpy())[:-1]])
    rows = [*zip(starts, money.itertuples()), (0.0, total)]
    for y, (start, row) in enumerate(rows):
        color = COLORS[0] if row.part == "profit_npv" else COLORS[2 if row.mean > 0 else 3]
        ax.barh(y, row.mean, left=start, color=color, hatch="//" if row.within_noise else None,
                edgecolor="white")
        ax.errorbar(start + row.mean, y, xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]],
                    color="black", capsize=3, lw=1)
    ax.set_yticks(range(len(rows)), [part_words(r.part) for _, r in rows])
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    money_axis(ax.xaxis, currency)
    unit = f" ({currency})" if currency else ""
    ax.set_title(f"{strategy_words(table.attrs['a'])} minus {strategy_words(table.attrs['b'])}"
                 ": where the difference comes from", fontsize=11)
    ax.set_xlabel(f"profit NPV difference{unit}, part by part (mean, 95% CI; "
                  "hatched = within noise)")
    return fig
