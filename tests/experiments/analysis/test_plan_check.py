"""A plan agrees with itself when no step of money could move between its uses and gain
beyond the noise; the coarse grid covers the budget in whole fractions."""

from __future__ import annotations

import numpy as np
import pytest

from experiments.analysis.allocate import UNSPENT, Lever
from experiments.analysis.plan_check import (
    check_plan,
    coarse_grid,
    giving_step,
    grid_check,
    moves,
)

BUDGET, STEP, PAIRS = 10_000.0, 500.0, 24
LEVERS = (Lever("acquisition"), Lever("follow_up"))
WEIGHTS = {"acquisition": 3.0, "follow_up": 1.0}


def probes(split: dict[str, float], seed: int, noise: float = 1.0):
    """Known returns sum a_i sqrt(x_i): what one more step adds on each lever and what
    its last step contributes, plus a pair's own noise (sd `noise`, a fifth of the
    smallest true move gain the tests below expect to see)."""
    rng = np.random.default_rng(seed)
    shared = rng.normal(0, noise, PAIRS)

    def draw(values):
        return {k: v + shared + rng.normal(0, noise, PAIRS) for k, v in values.items()}
    up = {k: a * (np.sqrt(split[k] + STEP) - np.sqrt(split[k])) for k, a in WEIGHTS.items()}
    down = {k: a * (np.sqrt(split[k]) - np.sqrt(split[k] - STEP)) for k, a in WEIGHTS.items()
            if split[k] >= STEP}
    return draw(up), draw(down)


@pytest.mark.parametrize("seed", range(5))
def test_the_optimal_split_agrees_with_itself(seed):
    """Optimum of 3 sqrt(x1) + sqrt(x2) on 10,000: x1 = 9,000 (equal marginal returns)."""
    best = {"acquisition": 9_000.0, "follow_up": 1_000.0, UNSPENT: 0.0}
    assert check_plan(best, LEVERS, *probes(best, seed)).consistent


@pytest.mark.parametrize("seed", range(5))
def test_an_even_split_is_caught_and_refined_toward_the_better_lever(seed):
    """At 5,000 each, moving 500 from follow-up to acquisition gains about 10.4."""
    even = {"acquisition": 5_000.0, "follow_up": 5_000.0, UNSPENT: 0.0}
    result = check_plan(even, LEVERS, *probes(even, seed))
    assert not result.consistent
    first = result.violations[0]
    assert (first.better, first.worse) == ("acquisition", "follow_up")
    gain = 3 * (np.sqrt(5500) - np.sqrt(5000)) - (np.sqrt(5000) - np.sqrt(4500))
    assert first.difference[0] == pytest.approx(gain, abs=1.5)   # 3.5 sd of the mean
    for moved in moves(even, LEVERS, result.violations, STEP):
        assert moved["acquisition"] > 5_000 and moved["follow_up"] < 5_000
        assert sum(moved.values()) == pytest.approx(BUDGET)


def test_money_left_unspent_while_a_lever_pays_is_a_violation():
    idle = {"acquisition": 2_000.0, "follow_up": 0.0, UNSPENT: 8_000.0}
    result = check_plan(idle, LEVERS, *probes(idle, 0))
    assert ("acquisition", UNSPENT) in {(v.better, v.worse) for v in result.violations}


def test_a_lever_at_its_maximum_may_return_more():
    capped = (Lever("acquisition", 0.0, 2_000.0), Lever("follow_up"))
    split = {"acquisition": 2_000.0, "follow_up": 8_000.0, UNSPENT: 0.0}
    assert check_plan(split, capped, *probes(split, 0)).consistent


def test_a_lever_holding_less_than_a_step_is_unfunded_in_the_check():
    """A lever holding 3 (money) cannot give a step of 500: no backward probe, so no
    violation asks to move a step out of it; a lever a step above its minimum gives one."""
    split = {"acquisition": 9_997.0, "follow_up": 3.0, UNSPENT: 0.0}
    floored = Lever("acquisition", 9_600.0)
    assert giving_step(split, LEVERS[1], STEP) == 0.0
    assert giving_step(split, floored, STEP) == 0.0          # 397 above its minimum
    assert giving_step(split, LEVERS[0], STEP) == STEP
    assert giving_step({"follow_up": STEP}, LEVERS[1], STEP) == STEP
    for seed in range(3):
        up, down = probes(split, seed)
        down = {k: v for k, v in down.items()
                if giving_step(split, Lever(k), STEP) > 0}
        result = check_plan(split, LEVERS, up, down)
        assert all(v.worse != "follow_up" for v in result.violations)
        # the tiny lever may still take more: its next step returns 20.7, acquisition's
        # last 7.6 (3 (sqrt(9997) - sqrt(9497)))
        assert ("follow_up", "acquisition") in {(v.better, v.worse) for v in result.violations}


def test_coarse_grid_covers_the_budget_in_fifths_for_two_levers():
    splits, k = coarse_grid(LEVERS, BUDGET)
    assert k == 5 and len(splits) == 21          # 2 levers + unspent, fifths: C(7, 2)
    for split in splits:
        assert sum(split.values()) == pytest.approx(BUDGET)
        assert all((v / 2_000.0) == pytest.approx(round(v / 2_000.0)) for v in split.values())
    six = tuple(Lever(f"lever{i}") for i in range(6))
    splits, k = coarse_grid(six, BUDGET)
    assert k == 2 and len(splits) == 28          # halves: C(8, 6)


def test_grid_check_reports_the_grid_best_minus_the_search_best():
    search = np.array([[1.0, 2.0, 3.0], [5.0, 6.0, 7.0]])
    grid = np.array([[6.0, 7.0, 9.0]])
    result = grid_check(search, grid, 1, 5)
    assert result.grid_minus_search[0] == pytest.approx(4 / 3)
