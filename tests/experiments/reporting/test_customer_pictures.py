"""Pictures of customers drawn over every replication: each run keeps a small profile of
its customers (the same numbers as a per-customer count would give), the analysis pools
the profiles into medians and bands, and the figures say their units and currency."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

import simulation
from experiments.analysis.customer_profiles import (
    channel_values,
    loyalty,
    retention_curves,
    value_histogram,
)
from experiments.execution.customer_profile import SAMPLE, VALUE_QUANTILES, customer_profile
from experiments.execution.runs import RunSpec, fingerprint
from experiments.reporting.customers import Customers
from experiments.reporting.plots import customers as plots
from simulation import Params


def drawn_text(fig) -> str:
    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(Text))


@pytest.fixture(scope="module")
def market():
    params = Params.preset("evidence").replace(population=800, spend_cv=0.76)
    return simulation.run(params, seed=5, months=24)


def test_a_profile_counts_retention_as_a_customer_by_customer_count_does(market):
    pop, last = market.people, 24
    profile = customer_profile(pop, last, 1.0)
    ever = np.flatnonzero(pop.channel >= 0)
    for view, codes in (("channel", pop.channel[ever]), ("all", np.zeros(ever.size, int))):
        curves = profile[profile.view == view]
        for row in curves.sample(40, random_state=1, replace=True).itertuples():
            names = {"all": ["all customers"]}.get(view, list(simulation.state.CHANNELS))
            members = ever[codes == names.index(row.group)]
            age = int(row.x)
            seen = [i for i in members if pop.customer_since[i] + age <= last]
            kept = [i for i in seen if pop.lost_at[i] == -1
                    or pop.lost_at[i] > pop.customer_since[i] + age]
            assert row.n == len(seen) and row.y == pytest.approx(len(kept) / len(seen))
    value = pop.value[ever].astype(float)
    quantiles = profile[profile.view == "value_quantile"].y.to_numpy()
    assert quantiles == pytest.approx(np.quantile(value, VALUE_QUANTILES))
    assert (profile.view == "loyalty").sum() == min(SAMPLE, ever.size)


def test_the_profile_is_small_and_fixed_in_size(market):
    profile = customer_profile(market.people, 24, 1.0)
    assert len(profile) < 1000            # not a row per customer (800 people here)
    bigger = simulation.run(Params.preset("evidence").replace(population=3000), seed=5,
                            months=24)
    assert abs(len(customer_profile(bigger.people, 24, 1.0)) - len(profile)) < 60


def test_a_run_that_keeps_no_profile_keeps_its_old_fingerprint():
    params = Params.preset("folklore").replace(population=100)
    plain = RunSpec("r", params, 1, 6.0)
    assert plain.fingerprint() == fingerprint(params.flat(), 1, 6.0, {}, False)
    assert RunSpec("r", params, 1, 6.0, profile=True).fingerprint() != plain.fingerprint()


def profiles_of(values: dict[str, list[float]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Runs of strategies 'a'/'b' whose one retention point, channel values and
    correlation are the given numbers (one per replication)."""
    rows, runs = [], []
    for strategy, ys in values.items():
        for rep, y in enumerate(ys):
            rid = f"{strategy}{rep}"
            runs.append({"run_id": rid, "strategy": strategy, "replication": rep})
            rows += [{"run_id": rid, "view": "cohort", "group": "initial customers",
                      "x": 12.0, "y": y, "n": 100},
                     {"run_id": rid, "view": "channel_value", "group": "paid", "x": 0.0,
                      "y": 100.0, "n": 50},
                     {"run_id": rid, "view": "channel_value", "group": "referral", "x": 0.0,
                      "y": 100.0 * (1 + y), "n": 40},
                     {"run_id": rid, "view": "loyalty_correlation", "group": "all", "x": 0.0,
                      "y": y, "n": 90}]
    return pd.DataFrame(rows), pd.DataFrame(runs)


def test_curves_pool_every_replication_into_a_median_and_band():
    profiles, runs = profiles_of({"a": [0.5, 0.6, 0.7, 0.8, 0.9], "b": [0.1, 0.2, 0.3, 0.4, 0.5]})
    curves = retention_curves(profiles, runs, "cohort").set_index("strategy")
    assert curves.loc["a", "median"] == pytest.approx(0.7)
    assert curves.loc["a", "low"] == pytest.approx(np.quantile([.5, .6, .7, .8, .9], 0.05))
    assert curves.loc["b", "high"] == pytest.approx(np.quantile([.1, .2, .3, .4, .5], 0.95))
    assert (curves.replications == 5).all()
    thin = profiles.assign(n=np.where(profiles.run_id == "a0", 5, profiles.n))
    assert "a" not in set(retention_curves(thin, runs, "cohort").strategy)   # one thin run


def test_channel_values_and_loyalty_carry_an_interval_over_replications():
    profiles, runs = profiles_of({"a": [0.1, 0.2, 0.3]})
    table = channel_values(profiles, runs).set_index("channel")
    ratio = table.loc["referral / paid"]
    assert ratio["mean"] == pytest.approx(1.2) and ratio.ci_low < 1.2 < ratio.ci_high
    assert ratio.ci_high - 1.2 == pytest.approx(4.303 * 0.1 / np.sqrt(3), rel=1e-3)
    _, corr = loyalty(profiles, runs)
    assert corr.iloc[0].correlation == pytest.approx(0.2) and corr.iloc[0].replications == 3


def test_the_value_histogram_reads_each_run_on_shared_bins():
    q = VALUE_QUANTILES
    rows = [{"run_id": f"r{k}", "view": "value_quantile", "group": "all", "x": x,
             "y": 1000.0 * x * (1 + 0.1 * k), "n": 500} for k in range(3) for x in q]
    runs = pd.DataFrame({"run_id": ["r0", "r1", "r2"], "strategy": "a", "replication": [0, 1, 2]})
    hist = value_histogram(pd.DataFrame(rows), runs, bins=10)
    assert len(hist) == 10 and hist.high_edge.max() == pytest.approx(970 * 1.2)
    # uniform values: the middle run puts 1/11 of its customers in each bin of 116.4
    assert hist["median"].iloc[0] == pytest.approx(116.4 / 1100, rel=1e-3)
    assert (hist.low <= hist["median"]).all() and (hist["median"] <= hist.high).all()
    assert hist.attrs["above"] == 0.0     # only the widest run (3% above) reaches past


def test_figures_name_their_units_and_the_scenarios_currency(market):
    rows = []
    for rep in range(3):
        run = simulation.run(Params.preset("evidence").replace(population=600, currency="EUR"),
                             seed=rep, months=12)
        rows.append(customer_profile(run.people, 12, 1.0).assign(run_id=f"r{rep}"))
    runs = pd.DataFrame({"run_id": ["r0", "r1", "r2"], "strategy": "baseline",
                         "replication": [0, 1, 2]})
    result = Customers(pd.concat(rows), runs, "EUR")
    cohort = drawn_text(plots.cohort_retention(result.curves("cohort"), result.curves("all"),
                                               "baseline", 3))
    assert "share still a customer" in cohort and "months since acquisition" in cohort
    assert "median over 3 replications" in cohort and "%" in cohort
    money_figures = [plots.clv_distribution(value_histogram(result.profiles, runs), "EUR", 3),
                     plots.value_by_channel(result.channels, "EUR"),
                     plots.loyalty_scatter(*(lambda p, t: (p, t.iloc[0]))(*result.loyalty),
                                           currency="EUR")]
    for fig in money_figures:
        text = drawn_text(fig)
        assert "EUR" in text and "$" not in text
    assert "referred by a friend" in drawn_text(money_figures[1])
    assert "correlation" in drawn_text(money_figures[2])
    assert "$" not in result.text() and "EUR" in result.channel_table().to_string()


def test_a_notebook_comparison_shows_its_customers_over_every_replication():
    from experiments import Backend, compare_runs, scenario_from_dict
    scenario = scenario_from_dict({"months": 12, "replications": 3, "seed": 4,
                                   "parameters": {"population": 500},
                                   "strategies": [{"name": "baseline"},
                                                  {"name": "acquisition", "budget": 500}]})
    comparison = compare_runs(scenario, Backend("serial", progress=False))
    customers = comparison.customers()
    assert set(customers.profiles.run_id) == set(comparison.runs.run_id)   # all 6 runs
    assert customers.replications == 3 and "after 1 year" in customers.text()


def test_yearly_retention_is_each_replications_year_on_year_ratio():
    from experiments.analysis.customer_profiles import yearly_retention
    # Fader & Hardie's cohort: 10,000 -> 8,000 -> 6,480 -> 5,307 keeps 80.0, 81.0, 81.9%
    curve = [1.0, 0.8, 0.648, 0.5307]
    rows = [{"run_id": f"r{k}", "view": "cohort", "group": "initial customers",
             "x": 12.0 * year + extra, "y": share * (1 - 0.01 * k * (year > 0)), "n": 1000}
            for k in range(3) for year, share in enumerate(curve) for extra in (0.0, 6.0)]
    runs = pd.DataFrame({"run_id": ["r0", "r1", "r2"], "strategy": "a", "replication": [0, 1, 2]})
    table = yearly_retention(pd.DataFrame(rows), runs, "initial customers")
    assert table.year.tolist() == [1, 2, 3]
    assert table["median"].tolist() == pytest.approx([0.8 * 0.99, 0.81, 0.819], abs=1e-3)
    assert (table.low <= table["median"]).all() and (table.replications == 3).all()
