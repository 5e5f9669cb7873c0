"""Smaller copies of a market keep per-customer money and shrink market-wide money."""

from __future__ import annotations

import dataclasses

import pytest

from experiments.scenarios.market_scale import MARKET_MONEY, scale_market, scale_scenario
from experiments.scenarios.scenario import load_scenario
from simulation import FirmSetting, Params


def test_market_money_shrinks_with_the_population():
    big = Params.preset("folklore")
    small = scale_market(big, 2000)
    ratio = 2000 / big.market.population
    assert small.market.population == 2000
    assert small.acquisition.paid_budget == pytest.approx(big.acquisition.paid_budget * ratio)
    hired = scale_market(big.replace(extra_handlers=2.0), 2000)
    assert hired.policy.extra_handlers == pytest.approx(2.0 * ratio)
    # Per-customer figures stay: what one customer pays, costs and is worth, and what
    # one unit of each lever costs.
    assert small.acquisition.cac == big.acquisition.cac
    assert small.economics == big.economics
    assert small.costs.handler_cost_per_month == big.costs.handler_cost_per_month


def test_every_declared_market_wide_money_parameter_scales_and_nothing_else():
    big = Params.preset("folklore").replace(followup_budget=800.0, extra_spend=300.0,
                                            extra_handlers=2.0, frontline_budget=500.0,
                                            solicit_budget=400.0, save_budget=600.0,
                                            targeted_paid_budget=600.0,
                                            targeted_followup_budget=600.0,
                                            targeted_save_budget=600.0)
    small, ratio = scale_market(big, 2000), 2000 / big.market.population
    before, after = big.flat(), small.flat()
    changed = {k for k in before if k != "population" and after[k] != before[k]}
    assert changed == set(MARKET_MONEY) == {
        "paid_budget", "followup_budget", "extra_spend", "extra_handlers", "frontline_budget",
        "solicit_budget", "save_budget", "referral_budget_scale",
        "targeted_paid_budget", "targeted_followup_budget",
        "targeted_save_budget"}   # unit prices stay what one unit costs
    assert all(after[k] == pytest.approx(before[k] * ratio) for k in changed)


def test_tiny_markets_keep_budget_scales_valid():
    small = scale_market(Params.preset("folklore").replace(mean_degree=4), 10)  # 10 ties need 11
    assert small.costs.referral_budget_scale >= 1.0


def test_scenario_budgets_and_a_budget_flip_range_scale_too():
    scenario = load_scenario("budget_split")
    scenario = scenario.replace(flip=dataclasses.replace(scenario.flip, parameter="budget",
                                                         low=1000, high=20000))
    small = scale_scenario(scenario, 1000)
    assert small.params.market.population == 1000
    assert small.strategies["acquisition"].budget == pytest.approx(500)
    assert small.strategies["baseline"].budget == 0
    assert (small.flip.low, small.flip.high) == pytest.approx((100, 2000))


# ----- one rule for command line, notebooks and classroom --------------------------------
def _compare_args(*extra: str):
    from experiments.cli import _load_commands, build_parser
    _load_commands()
    return build_parser().parse_args(["compare", "budget_split", *extra])


def test_command_line_population_scales_money_by_the_same_rule():
    from experiments.cli.options import scenario_from_args
    cli = scenario_from_args(_compare_args("--set", "population=2000"))
    rule = scale_scenario(load_scenario("budget_split"), 2000)
    assert cli.params == rule.params
    assert {k: s.budget for k, s in cli.strategies.items()} == \
           {k: s.budget for k, s in rule.strategies.items()}
    assert cli.strategies["acquisition"].budget == pytest.approx(1000)


def test_budget_option_sets_every_strategy_but_the_baseline():
    from experiments.cli.options import scenario_from_args
    scenario = scenario_from_args(_compare_args("--set", "population=2000", "--budget", "700"))
    assert scenario.strategies["baseline"].budget == 0
    assert {s.budget for k, s in scenario.strategies.items() if k != "baseline"} == {700}


def test_classroom_uses_the_same_rule():
    from experiments.classroom.app import ClassroomApp
    app = ClassroomApp(population=600)
    assert app.base == scale_market(Params.preset("folklore"), 600)


def test_notebooks_resize_markets_only_through_the_rule():
    import json
    from pathlib import Path
    root = Path(__file__).resolve().parents[3] / "notebooks"
    for path in root.glob("*.ipynb"):
        code = "".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                       if c["cell_type"] == "code")
        assert "replace(population=" not in code, f"{path.name}: use scale_market/scale_scenario"


def test_a_smaller_copy_shrinks_each_firms_own_budget():
    big = Params.preset("folklore").replace(population=3000).with_firms(
        (FirmSetting("A"), FirmSetting("B", (("paid_budget", 6000.0),))))
    small = scale_market(big, 1500)
    assert small.firm_views()[1].acquisition.paid_budget == pytest.approx(3000.0)
    assert small.firm_views()[0].acquisition.paid_budget == pytest.approx(
        big.acquisition.paid_budget / 2)
