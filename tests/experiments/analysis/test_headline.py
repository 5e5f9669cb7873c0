"""The first sentence of a comparison: the best strategy against its runner-up and doing
nothing, chosen from the whole table (not the scenario's named pair)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from experiments.analysis.headline import baseline_label, choose_headline
from experiments.reporting.text import headline

REPS = 8


def runs_table(offsets: dict[str, float], noise: dict[str, float], seed: int = 0
               ) -> pd.DataFrame:
    """Replications x strategies: a shared market effect per replication plus each
    strategy's offset and its own noise."""
    rng = np.random.default_rng(seed)
    market = rng.normal(0, 50_000, REPS)
    rows = []
    for label, offset in offsets.items():
        own = rng.normal(0, noise.get(label, 0.0), REPS)
        rows += [{"replication": r, "strategy": label, "strategy_name": label,
                  "profit_npv": market[r] + offset + own[r]} for r in range(REPS)]
    return pd.DataFrame(rows)


def describe(labels, pair=("acquisition", "fast_resolution")) -> dict:
    return {"strategies": {k: {"name": k, "budget": 5000.0} for k in labels},
            "headline": list(pair), "metric": "profit_npv", "months": 36, "currency": "$"}


# Acquisition is within noise of doing nothing, complaint resolution clearly loses,
# service quality clearly wins: the situation where the named pair misleads.
OFFSETS = {"baseline": 0.0, "acquisition": 20_000.0, "fast_resolution": -200_000.0,
           "service_quality": 300_000.0}
NOISE = {"acquisition": 150_000.0, "fast_resolution": 10_000.0, "service_quality": 10_000.0}


def test_the_best_strategy_leads_not_the_named_pair():
    runs = runs_table(OFFSETS, NOISE)
    h = choose_headline(runs, "profit_npv", "baseline")
    assert h.best == "service_quality" and h.runner_up in ("acquisition", "baseline")
    assert not h.nothing_pays and h.over_baseline.low > 0
    text = headline(describe(OFFSETS), runs)
    first, second = text.split(". ", 1)
    assert first.startswith("Service quality is the best strategy in profit NPV")
    assert "against no extra spending" in first and "(clearly higher)" in first
    assert second.startswith("At a budget of $5,000 a month, acquisition")


def test_when_nothing_beats_doing_nothing_that_comes_first():
    offsets = {"baseline": 0.0, "acquisition": 20_000.0, "fast_resolution": -200_000.0}
    runs = runs_table(offsets, {"acquisition": 150_000.0, "fast_resolution": 10_000.0})
    h = choose_headline(runs, "profit_npv", "baseline")
    assert h.nothing_pays and h.closest.a == "acquisition"
    text = headline(describe(offsets), runs)
    assert text.startswith("Nothing beats no extra spending beyond the noise in profit NPV")
    assert "acquisition, is" in text and "(within noise)" in text.split(". ")[0]


def test_when_every_strategy_loses_doing_nothing_is_best():
    offsets = {"baseline": 0.0, "acquisition": -50_000.0, "fast_resolution": -90_000.0}
    runs = runs_table(offsets, {"acquisition": 1_000.0, "fast_resolution": 1_000.0})
    h = choose_headline(runs, "profit_npv", "baseline")
    assert h.best == "baseline" and h.nothing_pays and h.over_baseline is None
    assert "(clearly lower)" in headline(describe(offsets), runs)


def test_a_close_runner_up_is_said_to_be_within_noise():
    offsets = {"baseline": 0.0, "acquisition": 300_000.0, "service_quality": 305_000.0}
    runs = runs_table(offsets, {"acquisition": 80_000.0, "service_quality": 80_000.0})
    h = choose_headline(runs, "profit_npv", "baseline")
    assert {h.best, h.runner_up} == {"acquisition", "service_quality"}
    first = headline(describe(offsets, pair=("acquisition", "service_quality")), runs)
    assert "has the highest mean profit NPV over 36 months, but not beyond the noise of " \
        "the runner-up" in first
    assert "the runner-up (within noise)" in first and "(clearly higher)" in first
    assert "At a budget" not in first   # the named pair is the same pair: said once


def test_baseline_label_finds_the_do_nothing_strategy():
    assert baseline_label({"none": "baseline", "ads": "acquisition"}) == "none"
    assert baseline_label({"ads": "acquisition"}) is None
