"""Strategies: each spends the same budget on a different lever."""

import pytest

from simulation import CustomerModel, ParameterError
from simulation.strategies import STRATEGIES, Strategy, apply_strategy, parse_strategy


def test_baseline_and_zero_budget_change_nothing(folklore):
    assert apply_strategy(folklore, Strategy("baseline", 5000)) == folklore
    for name in STRATEGIES:
        assert apply_strategy(folklore, Strategy(name, 0)) == folklore


@pytest.mark.parametrize("name, field, direction", [
    ("fast_resolution", "resolution_days", -1),
    ("fast_resolution", "capacity_per_1000", +1),
    ("easier_complaining", "complaint_prob", +1),
    ("service_quality", "reliability", +1),
    ("follow_up", "followup_budget", +1),
    ("acquisition", "paid_budget", +1),
    ("referral_incentive", "referral_reward", +1),
])
def test_each_strategy_moves_its_lever(folklore, name, field, direction):
    changed = apply_strategy(folklore, Strategy(name, 10_000)).flat()
    assert (changed[field] - folklore.flat()[field]) * direction > 0


def test_more_budget_buys_more_with_diminishing_returns(folklore):
    q = [apply_strategy(folklore, Strategy("service_quality", b, "tangibles")).service.tangibles
         for b in (0, 10_000, 20_000, 40_000)]
    gains = [b - a for a, b in zip(q, q[1:])]
    assert q[-1] < 1.0 and all(g > 0 for g in gains)
    assert gains[0] > gains[1]  # the first 10k buys more than the second


def test_every_strategy_spends_its_budget(folklore):
    """Over a year each strategy's extra cost lines add up to about its budget
    (referral rewards are paid per referral, so they are checked separately)."""
    base = CustomerModel(folklore.replace(population=3000), rng=1).run(12).timeseries
    cost_cols = ["acquisition_cost", "retention_cost", "strategy_cost"]
    for name in ("fast_resolution", "easier_complaining", "service_quality", "acquisition",
                 "follow_up"):
        params = apply_strategy(folklore.replace(population=3000), Strategy(name, 1000))
        ts = CustomerModel(params, rng=1).run(12).timeseries
        extra = ts[cost_cols].to_numpy().sum() - base[cost_cols].to_numpy().sum()
        assert extra == pytest.approx(12_000, rel=0.1), name


def test_bad_strategies_are_named():
    with pytest.raises(ParameterError, match="unknown strategy 'fast'"):
        Strategy("fast", 10)
    with pytest.raises(ParameterError, match="budget = -5 must be a number >= 0"):
        Strategy("acquisition", -5)
    with pytest.raises(ParameterError, match="dimension = 'speed'"):
        parse_strategy("service_quality:speed", 10)
    assert parse_strategy("service_quality:tangibles", 5).label == "service_quality:tangibles"
