"""The calibration's plots: one panel per fitted parameter with the prior drawn and a
few plain tick labels; the figure check marks the missed figures and shows the noise."""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.calibrate import Posterior
from experiments.analysis.firm_settings import DEFAULT_PRIORS
from experiments.reporting.fit_report import figure_table, plot_figures, plot_posterior


def a_posterior() -> Posterior:
    rng = np.random.default_rng(1)
    draws = pd.DataFrame({p.name: [p.to_model(x) for x in rng.uniform(*p.bounds(), 150)]
                          for p in DEFAULT_PRIORS})
    draws["weight"] = rng.exponential(1, 150)
    return Posterior(draws, DEFAULT_PRIORS, {"churn_per_year": 0.12, "nps": 25.0}, 900, 5,
                     [1.0], 0.2)


def test_posterior_plot_has_a_panel_per_parameter_with_its_prior():
    fig = plot_posterior(a_posterior())
    fig.canvas.draw()
    panels = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in panels] == [p.words for p in DEFAULT_PRIORS]
    for ax, p in zip(panels, DEFAULT_PRIORS):
        assert ax.get_xlim() == (p.low, p.high)
        assert any(line.get_linestyle() == "--" for line in ax.get_lines())   # the prior
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()
                 and p.low <= t.get_position()[0] <= p.high]
        assert 1 <= len(ticks) <= 5, ticks                                    # few, plain
        assert not any("10^" in t or "mathdefault" in t for t in ticks), ticks
    labels = [t.get_text() for t in panels[0].get_legend().get_texts()]
    assert set(labels) == {"prior", "median", "posterior"}


def test_figure_check_marks_a_miss_and_draws_the_noise():
    post = a_posterior()
    rng = np.random.default_rng(2)
    check = pd.DataFrame({"churn_per_year": rng.normal(0.3, 0.1, 40),
                          "nps": rng.normal(25, 10, 40)})
    noise = pd.DataFrame({"churn_per_year": rng.normal(0.3, 0.02, 16),
                          "nps": rng.normal(25, 3, 16)})
    table = figure_table(post, check, noise)
    assert table.set_index("key")["fits"].to_dict() == {"churn_per_year": False, "nps": True}
    ax = plot_figures(table).axes[0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "missed (beyond the noise)" in legend and "observed" in legend
    assert any("run-to-run sd" in t for t in legend)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "share of customers lost in a year", "net promoter score"]
    assert "relative to the observed value" in ax.get_xlabel()


def test_cohort_plot_draws_the_observed_years_against_the_fitted_band():
    from experiments.reporting.fit_report import plot_cohort
    post = a_posterior()
    post.observed = {"nps": 25.0, "cohort_year_1": 0.8, "cohort_year_2": 0.69}
    check = pd.DataFrame({"nps": [20.0, 30.0, 25.0], "cohort_year_1": [0.75, 0.8, 0.85],
                          "cohort_year_2": [0.6, 0.66, 0.72]})
    table = figure_table(post, check, check)
    assert "share of today's customers still customers after 2 years" in list(table.figure)
    ax = plot_cohort(table).axes[0]
    observed = next(line for line in ax.get_lines() if line.get_label() == "observed")
    assert list(observed.get_xdata()) == [1, 2]
    assert list(observed.get_ydata()) == [80.0, 69.0]                    # percent
    assert "%" in ax.get_ylabel() and ax.get_xlabel() == "years after today"
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {
        "fitted market: 90% band", "fitted market: median", "observed"}
