"""Strategies: each spends the same budget on a different lever."""

import numpy as np
import pytest

from simulation import CustomerModel, ParameterError
from simulation.strategies import (
    STRATEGIES,
    Strategy,
    apply_strategy,
    parse_strategy,
    quality_bought,
)


def test_baseline_and_zero_budget_change_nothing(folklore):
    assert apply_strategy(folklore, Strategy("baseline", 5000)) == folklore
    for name in STRATEGIES:
        assert apply_strategy(folklore, Strategy(name, 0)) == folklore


@pytest.mark.parametrize("name, field, direction", [
    ("fast_resolution", "extra_handlers", +1),
    ("front_line", "frontline_budget", +1),
    ("easier_complaining", "solicit_budget", +1),
    ("save_desk", "save_budget", +1),
    ("service_quality", "quality_spend", +1),
    ("service_quality", "reliability", +1),
    ("follow_up", "followup_budget", +1),
    ("acquisition", "paid_budget", +1),
    ("referral_incentive", "referral_reward", +1),
])
def test_each_strategy_moves_its_lever(folklore, name, field, direction):
    changed = apply_strategy(folklore, Strategy(name, 10_000)).flat()
    assert (changed[field] - folklore.flat()[field]) * direction > 0


def test_the_first_quality_point_costs_its_price(folklore):
    tiny = 1e-4   # a small spend buys price-per-point points: 1 point = 0.01
    level = quality_bought(0.8, tiny, folklore.costs.quality_point_cost)
    assert (level - 0.8) / 0.01 == pytest.approx(tiny / folklore.costs.quality_point_cost,
                                                 rel=1e-3)


def test_more_budget_buys_more_with_diminishing_returns(folklore):
    q = [apply_strategy(folklore, Strategy("service_quality", b, "tangibles")).service.tangibles
         for b in (0, 10_000, 20_000, 40_000)]
    gains = [b - a for a, b in zip(q, q[1:])]
    assert q[-1] < 1.0 and all(g > 0 for g in gains)
    assert gains[0] > gains[1]  # the first 10k buys more than the second


def test_hired_handlers_are_paid_busy_or_idle(folklore):
    """Handlers are hired for the month: a year of a 1,000 budget costs 12,000 whether
    the queue needs them or not, and the run says how much of them stood idle."""
    params = apply_strategy(folklore.replace(population=3000),
                            Strategy("fast_resolution", 1000))
    model = CustomerModel(params, rng=1).run(12)
    base = CustomerModel(folklore.replace(population=3000), rng=1).run(12).timeseries
    extra = model.timeseries["strategy_cost"].sum() - base["strategy_cost"].sum()
    assert extra == pytest.approx(12_000)
    units = model.summary()["levers"]
    bought = 12 * 1000 / folklore.costs.handler_cost_per_month \
        * folklore.costs.handler_complaints_per_month
    assert units["handlers_bought"] == pytest.approx(bought)
    assert units["handlers_idle"] == pytest.approx(bought - units["handlers_used"])
    assert units["handlers_idle"] > 0.9 * bought   # folklore's queue is nearly empty


def test_quality_is_priced_per_customer_served(folklore):
    """The quality lever's monthly bill follows the customers served: the spend per
    customer set from the budget at the start, times the customers each month."""
    params = apply_strategy(folklore.replace(population=3000),
                            Strategy("service_quality", 1000, "empathy"))
    ts = CustomerModel(params, rng=1).run(6).timeseries.iloc[1:]
    per_customer = 1000 / (3000 * folklore.market.initial_customer_share)
    np.testing.assert_allclose(ts["strategy_cost"], per_customer * ts["quality_used"])


def test_every_per_use_strategy_spends_its_budget(folklore):
    """Over a year each strategy whose units the market can absorb (quality, follow-up)
    spends about its budget on its own cost line (10%: who is served within a step moves
    the bill); quality is priced per customer served, so its budget, set against the
    customers at the start, grows with the customers it serves. Paid customers are paid
    as won, so soured prospects leave money unspent (test_acquisition)."""
    base = CustomerModel(folklore.replace(population=3000), rng=1).run(12).timeseries
    own = {"service_quality": "strategy_cost", "follow_up": "retention_cost"}
    for name, line in own.items():
        params = apply_strategy(folklore.replace(population=3000), Strategy(name, 1000))
        ts = CustomerModel(params, rng=1).run(12).timeseries
        served = ts["customers"].iloc[:-1].mean() / ts["customers"].iloc[0]
        budget = 12_000 * (served if name == "service_quality" else 1.0)
        assert ts[line].sum() - base[line].sum() == pytest.approx(budget, rel=0.1), name


def test_bad_strategies_are_named():
    with pytest.raises(ParameterError, match="unknown strategy 'fast'"):
        Strategy("fast", 10)
    with pytest.raises(ParameterError, match="budget = -5 must be a number >= 0"):
        Strategy("acquisition", -5)
    with pytest.raises(ParameterError, match="dimension = 'speed'"):
        parse_strategy("service_quality:speed", 10)
    assert parse_strategy("service_quality:tangibles", 5).label == "service_quality:tangibles"


@pytest.mark.parametrize("preset", ["folklore", "evidence"])
def test_follow_up_with_enough_capacity_never_lowers_customers(preset):
    """Follow-up has no awakening effect: with handlers for every complaint it uncovers,
    it keeps more customers, paired by seed. Tolerance: the mean gain over 6 seeds more
    than 2 standard errors above zero, and no seed more than 2 standard errors below
    zero (a seed's own noise: kept customers change who talks and who is told)."""
    from simulation import Params
    market = Params.preset(preset).replace(population=2000, capacity_per_1000=1000.0)
    gain = np.array([CustomerModel(market.replace(followup_budget=3000.0), rng=s).run(36)
                     .summary()["customers"] - CustomerModel(market, rng=s).run(36)
                     .summary()["customers"] for s in range(1, 7)], float)
    se = gain.std(ddof=1) / np.sqrt(gain.size)
    assert gain.mean() > 2 * se and gain.min() > -2 * se * np.sqrt(gain.size)
