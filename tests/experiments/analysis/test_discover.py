"""What flips it: PRIM finds a planted rule and says it in words; cases are sampled
within their stated ranges and reproducibly."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from experiments.analysis.calibrate import Prior
from experiments.analysis.discover import (
    PRICE_RANGE,
    Cases,
    discover,
    flip_sentences,
    preset_differences,
    sample_cases,
)

PRIORS = (Prior("complaint_prob", 0.01, 0.9, "the chance an unhappy customer complains"),)


def planted(n: int = 400, seed: int = 0) -> Cases:
    """The rival wins exactly when complaints are likely (> 0.3) and CAC is dear (> 1.2)."""
    draws = pd.DataFrame({"complaint_prob": np.random.default_rng(seed).uniform(0.01, 0.9, 50)})
    inputs = sample_cases(draws, n, seed)
    rival = (inputs["complaint_prob"] > 0.3) & (inputs["cac"] > 1.2)
    return Cases(inputs, ~rival.to_numpy(), np.where(rival, -1.0, 1.0))


def test_prim_recovers_a_planted_rule_in_words():
    finding = discover(planted(), PRIORS)
    assert finding.outcome == "rival"
    low_c, _ = finding.limits["complaint_prob"]
    low_cac, _ = finding.limits["cac"]
    # The widest box with density >= 80% may reach a little below the planted limits:
    # up to a fifth of the cases inside it may be wins of the other plan.
    assert 0.2 <= low_c <= 0.35 and 1.0 <= low_cac <= 1.3
    assert finding.density >= 0.8 and finding.coverage >= 0.7
    sentence = finding.sentence("the plan", "all on acquisition")
    assert re.search(r"the chance an unhappy customer complains is above 0\.[23]", sentence)
    assert re.search(r"the acquisition cost \(CAC\) is above 1\.\d+ times the quoted price",
                     sentence)
    assert sentence.startswith("All on acquisition beats the plan when") and "coverage" in sentence


def test_no_sentence_when_the_answer_never_flips():
    cases = planted()
    cases = Cases(cases.inputs, np.ones(len(cases.inputs), bool), np.ones(len(cases.inputs)))
    assert discover(cases, PRIORS) is None
    lines = flip_sentences(cases, None, "the plan", "all on acquisition")
    assert "100%" in lines[0] and "No region" in lines[1]


def test_cases_stay_in_range_and_repeat_for_a_seed():
    draws = pd.DataFrame({"complaint_prob": [0.1, 0.2]})
    a, b = sample_cases(draws, 200, 5), sample_cases(draws, 200, 5)
    assert a.equals(b)
    assert a["cac"].between(*PRICE_RANGE).all()
    assert set(a["assumptions"]) == {"folklore", "evidence"}
    assert preset_differences()["evidence"]["stay_resolved"] == 0.70


def test_a_thin_box_is_not_sold_as_a_rule():
    from experiments.analysis.discover import Finding
    cases = planted()
    thin = Finding("rival", ["the CAC is above 1.5"], {}, 1.0, 0.12, 0.05)
    lines = flip_sentences(cases, thin, "the plan", "all on acquisition")
    assert lines[1].startswith("No clear region flips it") and "12% dense" in lines[1]
