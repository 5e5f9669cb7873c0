"""The sweep heat map states its colour range and prints each cell's mean and CI, with a
hatch where the cell is within noise of the panel's average; money in the currency."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from experiments.reporting.plots.sweep import heatmap, point_half_widths


def a_sweep() -> tuple[pd.DataFrame, pd.DataFrame]:
    # four points of six runs: three at 1,000 spread +-300 (CI half-width 223), one at
    # 1,800 spread +-50; the panel's average, 1,200, lies inside the first three's CIs
    # (200 away) and far outside the fourth's
    design = pd.DataFrame({"point": range(4), "cac": [100.0, 200.0, 100.0, 200.0],
                           "budget": [1000.0, 1000.0, 2000.0, 2000.0]})
    spread = {0: 300.0, 1: 300.0, 2: 300.0, 3: 50.0}
    centre = {0: 1000.0, 1: 1000.0, 2: 1000.0, 3: 1800.0}
    steps = np.array([-1.0, -0.5, 0.0, 0.0, 0.5, 1.0])
    runs = pd.DataFrame([{"strategy": "baseline", "point": p, "replication": r,
                          "currency": "EUR", "profit_npv": centre[p] + spread[p] * step}
                         for p in range(4) for r, step in enumerate(steps)])
    return design, runs


def test_each_cell_prints_its_ci_and_hatches_when_within_noise():
    design, runs = a_sweep()
    half = point_half_widths(runs, "profit_npv", "baseline", design.point)
    by_hand = [runs[runs.point == p].profit_npv.sem() * 2.5706 for p in range(4)]
    assert half == pytest.approx(by_hand, rel=1e-3)   # t(0.975, 5) = 2.5706
    fig = heatmap(design, runs, "profit_npv", ["cac", "budget"], ["baseline"], grid=True)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 4 and all("EUR" in t and "\u00b1" in t for t in texts)
    assert not any("$" in t for t in texts)
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 3            # all but the far point hold the panel's average
    assert "from EUR" in fig._suptitle.get_text() and "hatched" in fig._suptitle.get_text()
    assert "EUR" in fig.axes[1].get_ylabel()    # the colour bar's unit


def test_a_sampled_design_hatches_its_points_within_noise():
    design, runs = a_sweep()
    fig = heatmap(design, runs, "profit_npv", ["cac", "budget"], ["baseline"], grid=False)
    ax = fig.axes[0]
    clear, noisy = ax.collections[:2]
    assert noisy.get_hatch() and not clear.get_hatch()
    assert len(clear.get_offsets()) == 1 and len(noisy.get_offsets()) == 3
    assert "hatched where its 95% CI holds" in fig._suptitle.get_text()
    assert "EUR" in fig.axes[1].get_ylabel()
