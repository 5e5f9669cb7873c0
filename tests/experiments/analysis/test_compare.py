"""Paired comparison: statistics, common random numbers, known-sign results, flip point."""

import pandas as pd
import pytest

from experiments.analysis.compare import (
    compare_plan,
    paired_difference,
    paired_table,
    win_shares,
)
from experiments.analysis.flip import find_flip
from experiments.cli import main
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.reporting.text import flip_sentence
from experiments.scenarios.scenario import scenario_from_dict
from simulation.economics import discount_factor


def small(strategies, **extra):
    data = {"months": 12, "replications": 3, "seed": 4, "parameters": {"population": 1000},
            "strategies": strategies, **extra}
    return scenario_from_dict(data)


def run_rows(scenario):
    outs = execute(compare_plan(scenario, keep_customers=False),
                   backend=Backend("serial", progress=False))
    return pd.DataFrame([o.row for o in outs])


def test_paired_difference_and_wins_with_ties():
    runs = pd.DataFrame({"replication": [0, 0, 1, 1, 2, 2, 3, 3],
                         "strategy": ["a", "b"] * 4,
                         "m": [10, 8, 7, 9, 5, 5, 12, 10]})
    d = paired_difference(runs, "m", "a", "b")
    assert d.mean == pytest.approx(0.5) and d.n == 4   # differences 2, -2, 0, 2
    assert d.a_wins == pytest.approx((1 + 0 + 0.5 + 1) / 4)
    shares = win_shares(runs.pivot(index="replication", columns="strategy", values="m"))
    assert shares.sum() == pytest.approx(1.0) and shares["a"] == pytest.approx(0.625)
    table = paired_table(runs, "m", reference="b")
    assert table.set_index("strategy").loc["b", "diff"] == 0
    assert table.attrs == {"metric": "m", "reference": "b", "currency": ""}
    assert paired_table(runs.assign(currency="EUR"), "m").attrs["currency"] == "EUR"


def test_strategies_of_a_replication_share_network_and_random_numbers():
    scenario = small([{"name": "baseline"}, {"name": "fast_resolution", "budget": 0}])
    specs = compare_plan(scenario)
    by_rep = {}
    for spec in specs:
        by_rep.setdefault(spec.labels["replication"], set()).add(spec.seed)
    assert all(len(seeds) == 1 for seeds in by_rep.values()) and len(by_rep) == 3
    runs = run_rows(scenario)   # budget 0 changes nothing: pairs are identical
    d = paired_difference(runs, "profit_npv", "fast_resolution", "baseline")
    assert d.mean == 0 and d.low == 0 and d.high == 0


def test_without_complaints_faster_resolution_only_costs_money():
    """Known sign: nobody complains, so speed buys nothing; with common random numbers the
    paired difference is exactly the discounted budget, in every replication."""
    budget = 3000.0
    scenario = small([{"name": "baseline"}, {"name": "fast_resolution", "budget": budget}],
                     parameters={"population": 1000, "complaint_prob": 0.0})
    runs = run_rows(scenario)
    d = paired_difference(runs, "profit_npv", "fast_resolution", "baseline")
    spend = sum(budget * discount_factor(scenario.params, m + 0.5) for m in range(12))
    assert d.a_wins == 0 and d.high < 0
    assert d.mean == pytest.approx(-spend, rel=1e-6)


def test_cheap_acquisition_wins_customers():
    """Known sign: with no other paid acquisition, 2,000 a month at a CAC of 100 buys
    about 20 customers a month from 800 prospects; over three seeds the paired CI of
    customers at the end lies above zero."""
    scenario = small([{"name": "baseline"}, {"name": "acquisition", "budget": 2000}],
                     parameters={"population": 1000, "cac": 100.0, "paid_budget": 0.0})
    d = paired_difference(run_rows(scenario), "customers", "acquisition", "baseline")
    assert d.low > 0 and d.a_wins == 1


def _fake_evaluate(root):
    """Challenger minus incumbent = x - root in every replication (a known crossing)."""
    def evaluate(specs):
        return pd.DataFrame([{"run_id": s.run_id, "strategy": s.labels["strategy"],
                              "replication": s.labels["replication"],
                              "profit_npv": (s.labels["flip_value"] - root + s.labels["replication"])
                              if s.labels["strategy"] == "acquisition" else 1.0}
                             for s in specs])
    return evaluate


def flip_scenario(steps=8):
    return small([{"name": "baseline"}, {"name": "acquisition", "budget": 100}],
                 flip={"parameter": "cac", "low": 10, "high": 1000, "steps": steps,
                       "challenger": "acquisition", "incumbent": "baseline"})


def test_flip_point_is_bracketed_by_bisection():
    result = find_flip(flip_scenario(), _fake_evaluate(300.0))
    low, high = result.bracket
    assert low < 300 < high and high / low < 1.1
    assert result.estimate == pytest.approx(300, rel=0.02)
    assert len(result.evaluations) == 2 + 8
    assert flip_sentence(result.to_dict()).startswith(
        "Flip point: acquisition beats no extra spending when "
        "the acquisition cost per customer is above about $300")


def test_no_flip_in_range_says_who_wins_throughout():
    result = find_flip(flip_scenario(), _fake_evaluate(5.0))
    assert result.estimate is None and len(result.evaluations) == 2
    assert flip_sentence(result.to_dict()).startswith(
        "No flip for the acquisition cost per customer from $10 to $1,000: acquisition is "
        "ahead beyond the noise at every value tried")


def test_compare_command_prints_table_answer_and_flip(tmp_path, capsys):
    toml = tmp_path / "s.toml"
    toml.write_text("""months = 12\nreplications = 3\nbudget = 2000\n
headline = ["fast_resolution", "acquisition"]\n[parameters]\npopulation = 1000\n
[[strategies]]\nname = "baseline"\n[[strategies]]\nname = "fast_resolution"\n
[[strategies]]\nname = "acquisition"\n
[flip]\nparameter = "cac"\nlow = 50\nhigh = 5000\nsteps = 2\nreplications = 2\n""")
    code = main(["compare", str(toml), "--backend", "serial", "--out", str(tmp_path / "r"),
                 "--quiet", "--no-report"])
    out = capsys.readouterr().out
    assert code == 0
    assert "complaint resolution" in out and "[95% CI]" in out
    assert "At a budget of $2,000 a month" in out
    assert "Flip point" in out or "No flip" in out or "No clear flip" in out
    assert (tmp_path / "r" / "flip" / "manifest.json").exists()
