"""Honest flip points: a flip is reported only where both sides are beyond the noise;
a sign change inside a noise plateau is "no clear flip", with the band; today's value
is in the sentence and on the plot."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.flip import find_flip, read_flip
from experiments.reporting.plots.sweep import flip_curve
from experiments.reporting.text import flip_sentence
from experiments.scenarios.scenario import scenario_from_dict

REPLICATIONS = 6


def scenario(low=10, high=100_000, steps=10):
    return scenario_from_dict({
        "months": 12, "replications": REPLICATIONS, "seed": 4,
        "parameters": {"population": 1000, "cac": 200},
        "strategies": [{"name": "baseline"}, {"name": "acquisition", "budget": 100}],
        "flip": {"parameter": "cac", "low": low, "high": high, "steps": steps,
                 "challenger": "acquisition", "incumbent": "baseline"}})


def evaluate_with(curve, noise: float, seed: int):
    """Challenger minus incumbent = curve(x) + a replication's own noise (the same draws
    at every x, as common random numbers give)."""
    deviations = np.random.default_rng(seed).normal(0, noise, REPLICATIONS)

    def evaluate(specs):
        return pd.DataFrame([{
            "run_id": s.run_id, "strategy": s.labels["strategy"],
            "replication": s.labels["replication"],
            "profit_npv": (curve(s.labels["flip_value"]) + deviations[s.labels["replication"]])
            if s.labels["strategy"] == "acquisition" else 0.0} for s in specs])
    return evaluate


def plateau(x: float) -> float:
    """Clearly negative below 3,000; above it a shallow drift across zero at ~35,000
    that the noise (sd 100,000) swamps."""
    return -391_000.0 if x < 3_000 else 0.5 * (x - 35_000)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_a_flip_inside_a_noise_plateau_is_no_clear_flip(seed):
    result = find_flip(scenario(), evaluate_with(plateau, 100_000.0, seed))
    reading = read_flip(result.to_dict()["evaluations"])
    assert not reading.clear and reading.plateau[0] >= 3_000
    text = flip_sentence(result.to_dict())
    assert text.startswith("No clear flip between acquisition and no extra spending for the "
                           "acquisition cost per customer from $10 to $100,000 (profit NPV): ")
    assert "no extra spending is ahead beyond the noise from $10" in text
    assert "is within noise, between -$" in text and "today's value is $200" in text
    assert "Flip point" not in text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_steep_crossing_is_a_clear_flip_with_todays_value(seed):
    result = find_flip(scenario(), evaluate_with(lambda x: 100.0 * (x - 35_400), 1_000.0, seed))
    reading = read_flip(result.to_dict()["evaluations"])
    assert reading.clear
    a, b = reading.bracket
    assert a < 35_400 < b and b / a < 1.3
    text = flip_sentence(result.to_dict())
    assert text.startswith("Flip point: acquisition beats no extra spending when the "
                           "acquisition cost per customer is above about $35,")
    assert ", about 177 times today's $200 (somewhere between" in text


def test_read_flip_needs_both_sides_beyond_noise():
    rows = [{"value": v, "ci_low": lo, "ci_high": hi}
            for v, lo, hi in [(1, -5, -1), (2, -3, 1), (4, -1, 3), (8, 1, 5)]]
    reading = read_flip(rows)
    assert reading.clear and reading.bracket == (1, 8)
    assert reading.plateau == (2, 4) and reading.band == (-3, 3)
    assert not read_flip(rows[:3]).clear


def test_flip_plot_marks_todays_value():
    table = pd.DataFrame({"value": [10, 100, 1000], "diff": [-5.0, 0.0, 5.0],
                          "ci_low": [-6.0, -1.0, 4.0], "ci_high": [-4.0, 1.0, 6.0]})
    fig = flip_curve(table, "cac", "acquisition", "baseline", "profit_npv", True, today=200)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "today: $200" in labels
    marker = next(line for line in ax.get_lines() if line.get_label() == "today: $200")
    assert list(marker.get_xdata()) == [200, 200]
