"""A comparison split by segment: paired differences per segment with the noise verdict,
from hand-made run tables and from real runs of a market with segments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.compare import compare_plan
from experiments.analysis.segments import segment_split, segments_in
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.reporting.words import money
from experiments.scenarios.scenario import scenario_from_dict


def hand_made_runs(reps: int = 10) -> pd.DataFrame:
    """The save desk adds 100 to business accounts' value in every replication (plus
    noise of sd 10) and nothing to consumers' (noise of sd 10 around 0)."""
    noise = np.random.default_rng(0).normal(0, 10, (reps, 4))
    rows = []
    for rep in range(reps):
        for k, (label, gain) in enumerate((("baseline", 0.0), ("save desk", 100.0))):
            rows.append({"strategy": label, "replication": rep, "currency": "EUR",
                         "segment_business_value": 1000 + gain + noise[rep, k],
                         "segment_consumer_value": 500 + noise[rep, 2 + k],
                         "segment_business_retention": 0.7 + gain / 1000,
                         "segment_consumer_retention": 0.6 + noise[rep, 2 + k] / 1000,
                         "segment_business_customers": 100 + rep,
                         "segment_consumer_customers": 400 + rep})
    return pd.DataFrame(rows)


def test_the_split_says_where_a_lever_pays_and_where_it_is_noise():
    split = segment_split(hand_made_runs(), reference="baseline")
    table = split.table.set_index(["segment", "strategy"])
    assert list(dict.fromkeys(split.table.segment)) == ["consumer", "business"]
    business = table.loc[("business", "save desk")]
    assert business.value_diff == pytest.approx(100, abs=15)
    assert business.value_low > 0 and business.value_verdict == "clearly higher"
    assert table.loc[("consumer", "save desk")].value_verdict == "within noise"
    text = split.text(money)
    assert "business accounts, save desk: value +EUR 1" in text
    assert "consumers, save desk" in text and "within noise" in text
    assert ", baseline:" not in text   # the reference is not compared with itself
    assert split.differences(money) == [
        f"save desk raises the value of business accounts "
        f"({money(business.value_diff, True, 'EUR')} [{money(business.value_low, True, 'EUR')}; "
        f"{money(business.value_high, True, 'EUR')}]), not of consumers (within noise) "
        "(95% intervals; value before the strategy's cost)."]
    assert split.differences(money)[0] in text


def test_no_sentence_when_every_segment_gets_the_same_verdict():
    runs = hand_made_runs()
    runs["segment_consumer_value"] += np.where(runs.strategy == "save desk", 100.0, 0.0)
    split = segment_split(runs, reference="baseline")
    assert set(split.table.value_verdict.dropna()) == {"clearly higher"}
    assert split.differences(money) == []


def test_runs_without_segments_have_no_split():
    assert segment_split(pd.DataFrame({"strategy": ["a"], "profit_npv": [1.0]})) is None


def test_real_runs_carry_segment_columns_that_add_up(tmp_path):
    scenario = scenario_from_dict({
        "months": 12, "replications": 2, "seed": 3, "parameters": {"population": 1000},
        "segments": {"consumer": {"share": 0.7}, "business": {"share": 0.3, "revenue": 4.0}},
        "strategies": [{"name": "baseline"}, {"name": "fast_resolution", "budget": 2000}]})
    outputs = execute(compare_plan(scenario, keep_customers=False),
                      backend=Backend("serial", progress=False))
    runs = pd.DataFrame([o.row for o in outputs])
    assert segments_in(runs) == ["consumer", "business"]
    ever = runs.segment_consumer_ever + runs.segment_business_ever
    total = runs.segment_consumer_value + runs.segment_business_value
    np.testing.assert_allclose(total, runs.mean_clv * ever, rtol=1e-4)
    np.testing.assert_array_equal(runs.segment_consumer_customers
                                  + runs.segment_business_customers, runs.customers)
    split = segment_split(runs, "baseline")
    assert len(split.table) == 4 and split.currency == runs.currency.iloc[0]
    # four times the revenue a month: business accounts bring more value each
    assert (runs.segment_business_value / runs.segment_business_ever
            > 2 * runs.segment_consumer_value / runs.segment_consumer_ever).all()


def test_compare_prints_the_split_in_words(tmp_path, capsys):
    from experiments.cli import main
    path = tmp_path / "segments.toml"
    path.write_text("months = 6\nreplications = 2\nbudget = 1000\n[parameters]\n"
                    "population = 600\n[segments.consumer]\nshare = 0.6\n"
                    "[segments.business]\nshare = 0.4\nrevenue = 3\n[[strategies]]\n"
                    "name = 'baseline'\n[[strategies]]\nname = 'fast_resolution'\n")
    assert main(["compare", str(path), "--backend", "serial", "--no-report", "--no-flip",
                 "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "By segment (each strategy against no extra spending" in out
    assert "business accounts, complaint resolution: value " in out
    assert "consumers, complaint resolution: value " in out
