"""Per-lever readouts: the break-even unit cost is where the lever stops paying, a lever
with no response is worth nothing even free, and a free lever's gain is its ceiling."""

import numpy as np
import pytest

from experiments.analysis.compare import paired_difference
from experiments.analysis.levers import ceiling_strategies, lever_readouts
from experiments.reporting.results import compare_runs
from experiments.scenarios.scenario import load_scenario
from simulation.strategies import Strategy

LEVER = "front_line"


def front_line_scenario(seed: int, **prices):
    """The evidence market (a front line settling 60% of complaints), small and short,
    with an empowered front line bought per complaint; the budget buys more places than
    there are complaints, so the units used do not depend on the price."""
    s = load_scenario("budget_split_evidence")
    params = s.params.replace(population=8000, **prices)
    strategies = {"baseline": Strategy("baseline"), LEVER: Strategy(LEVER, 20_000)}
    return s.replace(params=params, strategies=strategies, months=48, replications=24,
                     seed=seed, flip=None)


def readouts(scenario, ceilings=True):
    runs = compare_runs(scenario).runs
    ceiling = (compare_runs(scenario.replace(strategies=ceiling_strategies(scenario.strategies))).runs
               if ceilings else None)
    return lever_readouts(runs, ceiling, scenario.strategies, scenario.params).rows(LEVER)


def gain(scenario):
    return paired_difference(compare_runs(scenario).runs, "profit_npv", LEVER, "baseline")


def test_priced_at_its_break_even_the_lever_gains_nothing_at_half_wins_at_double_loses():
    """Break-even measured on one set of seeds (24 replications), re-measured on others.
    At that unit cost the gain is zero within the noise of both measurements: its own 95%
    half-width and the break-even's, times the units it bought (the two sets of markets
    are independent, so the half-widths add in quadrature). At half the price the gain is
    clearly positive, at double clearly negative (the lever's value is several times its
    paired noise)."""
    measured = readouts(front_line_scenario(seed=11), ceilings=False)
    row = measured.loc["break_even_unit_cost"]
    break_even, spread = row["mean"], (row["ci_high"] - row["ci_low"]) / 2
    units = measured.loc["spend", "mean"] / row["unit_price"]
    assert break_even > 0
    at = gain(front_line_scenario(seed=12, empowerment_cost_per_complaint=break_even))
    noise = np.hypot((at.high - at.low) / 2, units * spread)
    assert abs(at.mean) <= noise, (at, noise)
    half = gain(front_line_scenario(seed=12, empowerment_cost_per_complaint=break_even / 2))
    assert half.low > 0, half
    double = gain(front_line_scenario(seed=12, empowerment_cost_per_complaint=2 * break_even))
    assert double.high < 0, double


def test_a_lever_without_a_response_has_no_ceiling():
    """Empowered agents who settle no more than the usual share (0.6): even free and
    unlimited the lever changes nothing, so its ceiling is zero within noise."""
    scenario = front_line_scenario(seed=3, empowered_resolution_share=0.6)
    ceiling = readouts(scenario).loc["ceiling"]
    assert ceiling["ci_low"] <= 0 <= ceiling["ci_high"] or ceiling["mean"] == 0


def test_a_free_lever_gains_its_ceiling():
    """Free units (price 0), already more than the complaints: more money buys nothing
    more, so the gain equals the ceiling replication by replication."""
    rows = readouts(front_line_scenario(seed=4, empowerment_cost_per_complaint=0.0))
    assert rows.loc["profit_gain", "mean"] == pytest.approx(rows.loc["ceiling", "mean"])
    assert rows.loc["ceiling", "ci_low"] > 0   # an empowered front line is worth something
    assert np.isnan(rows.loc["return_on_spend", "mean"])   # nothing spent


def test_compare_prints_each_levers_readouts(tmp_path, capsys):
    from experiments.cli import main
    toml = tmp_path / "s.toml"
    toml.write_text("""months = 6\nreplications = 2\nbudget = 2000\nseed = 3\npreset = "evidence"
[parameters]\npopulation = 600\n[[strategies]]\nname = "baseline"\n
[[strategies]]\nname = "front_line"\n[[strategies]]\nname = "fast_resolution"\n""")
    args = ["compare", str(toml), "--backend", "serial", "--out", str(tmp_path / "r"),
            "--quiet", "--no-flip", "--no-report"]
    assert main(args) == 0
    assert main(args) == 0   # resumes: the stored runs and ceilings are read back
    out = capsys.readouterr().out
    block = out[out.index("What each lever's money bought"):]
    for words in ("front-line empowerment, at $10 an empowered front-line complaint "
                  "(default: assumption: a phone contact costs 8-25, vendor ranges in "
                  "docs/figures.md (plausible 5 to 25)",
                  "complaint resolution, at $4,000 a handler-month", "ceiling (free and",
                  "break-even unit cost", "return on spend"):
        assert words in block


def test_an_overflowing_lever_is_reported_in_words():
    """Readouts with extra abandoned complaints clearly above zero get the sentence;
    within noise, they do not."""
    import pandas as pd

    from experiments.analysis.levers import COLUMNS, LeverReadout
    from experiments.reporting.lever_text import format_levers

    def table(low):
        rows = [("profit_gain", -5.0, -9.0, -1.0), ("spend", 10.0, 9.0, 11.0),
                ("return_on_spend", -0.5, -0.9, -0.1), ("extra_abandoned", 150, low, 200)]
        return LeverReadout(pd.DataFrame(
            [("follow_up", "a month of follow-up for 100 customers", 333.0, "default: F3", r,
              m, lo, hi, lo <= 0 <= hi, 4) for r, m, lo, hi in rows], columns=list(COLUMNS)))

    assert "overflow the handlers: 150 [100; 200] more complaints" in format_levers(table(100))
    assert "overflow" not in format_levers(table(-10))
