"""Plots do not draw noise as a finding: rankings whose interval reaches zero are pale
and hatched, the lost-customer trace carries its 95% band and marks the loss; and money
ticks never run into each other."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.text import Text

from experiments.reporting.plots.sweep import lost_customer_trace, ranking_bars


def test_a_ranking_within_noise_of_no_effect_is_hatched_not_solid():
    table = pd.DataFrame({"parameter": ["cac", "resolution_days"], "index": [0.9, 0.5],
                          "conf": [0.1, 0.6]})
    fig = ranking_bars({"profit_npv": table}, "share of the spread")
    bars = fig.axes[0].patches
    assert [b.get_hatch() or "" for b in bars] == ["", "//"]
    fig.canvas.draw()
    words = [t.get_text() for t in fig.findobj(Text)]
    assert "within noise of no effect" in words
    assert "acquisition cost per customer ($)" in words and "profit NPV ($)" in words


def test_the_lost_customer_trace_shows_its_band_and_the_loss():
    rows = []
    for rep in range(4):
        for month in range(6):
            gap = 0 if month < 2 else 10 + rep
            for variant, missing in (("control", 0), ("quiet", gap), ("enemy", 2 * gap)):
                rows.append({"run_id": f"r{rep}", "month": float(month), "variant": variant,
                             "customers": 1000.0 - missing})
    fig = lost_customer_trace(pd.DataFrame(rows), at_month=2.0)
    ax = fig.axes[0]
    assert len(ax.collections) == 2                       # one 95% band per variant
    quiet = ax.lines[0]
    assert np.allclose(quiet.get_ydata()[2:], 11.5)       # mean of 10..13
    assert "95% CI" in ax.get_ylabel() and "people" in ax.get_ylabel()
    assert "the customers are lost" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_a_line_sweep_draws_each_points_interval_on_a_log_axis():
    from experiments.reporting.plots.sweep import line_sweep, point_half_widths
    design = pd.DataFrame({"point": range(3), "resolution_days": [1.0, 5.0, 30.0]})
    runs = pd.DataFrame([{"point": p, "strategy": "baseline", "replication": r,
                          "currency": "EUR", "profit_npv": 1000.0 * p + 100.0 * r}
                         for p in range(3) for r in range(4)])
    fig = line_sweep(design, runs, "profit_npv", "resolution_days", ["baseline"])
    ax = fig.axes[0]
    (bars,) = ax.containers
    lows = bars.lines[2][0].get_segments()
    half = point_half_widths(runs, "profit_npv", "baseline", design.point)
    assert np.allclose([seg[1][1] - seg[0][1] for seg in lows], 2 * half)
    assert ax.get_xscale() == "log" and "95% CI" in ax.get_ylabel() and "EUR" in ax.get_ylabel()
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 3      # not a lone "10" on a log axis
