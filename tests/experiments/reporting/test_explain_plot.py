"""The answer-explained waterfall: steps that add up to the total, drawn left for a loss
and right for a gain, a legend that names what the colours and hatching mean, money in
the currency on the axis."""

from __future__ import annotations

import numpy as np

from experiments.analysis.explain import explain_difference
from experiments.reporting.plots.explain import explain_waterfall, waterfall_rows
from tests.experiments.analysis.test_explain import synthetic_runs


def test_the_waterfall_steps_add_up_and_are_labelled():
    table = explain_difference(synthetic_runs(), "a", "b")
    rows = waterfall_rows(table)
    assert rows.part.iloc[0] == "gross_margin" and rows.part.iloc[-1] == "profit_npv"
    assert np.isclose(rows["mean"].iloc[:-1].sum(), rows["mean"].iloc[-1])
    fig = explain_waterfall(table, "EUR")
    ax = fig.axes[0]
    bars = [p for p in ax.patches if p.get_height() > 0.5]   # the drawn steps
    widths = [b.get_width() for b in bars]
    assert np.allclose(widths, rows["mean"].to_numpy())
    loss = bars[1]                                   # acquisition: -1, drawn leftwards
    assert loss.get_width() < 0 and np.isclose(loss.get_x(), rows["mean"].iloc[0])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["adds to the difference", "takes from it", "total",
                      "hatched: within noise"]
    assert "(EUR)" in ax.get_xlabel()
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert any("EUR" in t for t in ticks) and not any("$" in t for t in ticks)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "gross margin from customers"
    assert "acquisition spending (paid and advertising)" in labels


def test_the_legend_names_hatching_only_when_a_hatched_bar_shows():
    table = explain_difference(synthetic_runs(), "a", "b")
    # only the complaint costs (mean 0, drawn as no bar at all) stay within noise
    table.loc[table.part != "complaint_cost", "within_noise"] = False
    legend = [t.get_text() for t in explain_waterfall(table).axes[0].get_legend().get_texts()]
    assert legend == ["adds to the difference", "takes from it", "total"]
