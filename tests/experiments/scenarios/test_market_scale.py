"""Smaller copies of a market keep per-customer money and shrink market-wide money."""

from __future__ import annotations

import dataclasses

import pytest

from experiments.scenarios.market_scale import scale_market, scale_scenario
from experiments.scenarios.scenario import load_scenario
from simulation import Params


def test_market_money_shrinks_with_the_population():
    big = Params.preset("folklore")
    small = scale_market(big, 2000)
    ratio = 2000 / big.market.population
    assert small.market.population == 2000
    assert small.acquisition.paid_budget == pytest.approx(big.acquisition.paid_budget * ratio)
    assert small.costs.resolution_budget_scale == pytest.approx(
        big.costs.resolution_budget_scale * ratio)
    # Per-customer figures stay: what one customer pays, costs and is worth.
    assert small.acquisition.cac == big.acquisition.cac
    assert small.economics == big.economics


def test_tiny_markets_keep_budget_scales_valid():
    small = scale_market(Params.preset("folklore").replace(mean_degree=4), 10)  # 10 ties need 11
    assert small.costs.quality_budget_scale >= 1.0


def test_scenario_budgets_and_a_budget_flip_range_scale_too():
    scenario = load_scenario("budget_split")
    scenario = scenario.replace(flip=dataclasses.replace(scenario.flip, parameter="budget",
                                                         low=1000, high=20000))
    small = scale_scenario(scenario, 1000)
    assert small.params.market.population == 1000
    assert small.strategies["acquisition"].budget == pytest.approx(500)
    assert small.strategies["baseline"].budget == 0
    assert (small.flip.low, small.flip.high) == pytest.approx((100, 2000))
