"""The leaderboard's noise verdict: the gap luck alone puts between firms on one plan."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.classroom.game.luck import MARKETS, lead_words, same_plan_gaps


class SeededLuck:
    """Three firms whose profit a month is drawn from the market's own seed."""

    seeds: list[int] = []

    def __init__(self, seed: int):
        SeededLuck.seeds.append(seed)
        self.rng, self.profit = np.random.default_rng(seed), np.zeros(3)

    def play_month(self) -> None:
        self.profit += self.rng.normal(100.0, 10.0, 3)

    def profits(self) -> list[float]:
        return self.profit.tolist()


def test_the_luck_gap_is_the_95th_percentile_of_same_plan_gaps_from_child_seeds():
    SeededLuck.seeds = []
    gaps = same_plan_gaps(SeededLuck, rounds=3, round_months=4, seed=11)
    children = [int(c.generate_state(1)[0]) for c in np.random.SeedSequence(11).spawn(MARKETS)]
    assert SeededLuck.seeds == children and 11 not in children
    assert same_plan_gaps(SeededLuck, 3, 4, 11) == gaps      # the same seed, the same gaps
    # After n months a firm's profit has sd 10 sqrt(n), a gap between two sd 10 sqrt(2n),
    # so the 95th percentile of |gap| is 1.96 x that. One estimate (24 correlated gaps) is
    # noisy; the mean of 20 seeds has a standard error of about 5% and the 95th
    # percentile of 24 values runs a few percent low: within 20% (4 standard errors).
    estimates = np.array([same_plan_gaps(SeededLuck, 3, 4, seed) for seed in range(20)])
    expected = 1.96 * 10 * np.sqrt(2 * 4 * np.arange(1, 4))
    assert estimates.mean(axis=0) == pytest.approx(expected, rel=0.2)


def rows(*totals: float) -> list[dict]:
    return [{"name": name, "total": t} for name, t in zip(("Ada", "Bo", "Cy"), totals)]


def test_a_lead_within_the_luck_gap_is_called_within_noise():
    gaps = [500.0, 900.0]
    assert lead_words(rows(3000, 2500), gaps, 2, "$") == (
        "Ada leads Bo by $500: within noise (firms on the same plan end up to $900 apart "
        "in 95% of markets).")
    assert lead_words(rows(3000, 2400), gaps, 1, "EUR").startswith(
        "Ada leads Bo by EUR 600: clearly ahead (")
    assert lead_words(rows(300, 300), gaps, 1, "$").startswith("Ada and Bo are level: within")
    assert lead_words(rows(300, 200), gaps, 0, "$") == ""
