"""Strategies under competition: the focal (first) firm follows the strategy, the rival's
settings stay as given, and a run's row judges the focal firm."""

from __future__ import annotations

from experiments.execution.runs import RunSpec, simulate_run
from simulation import FirmSetting, Params
from simulation.strategies import Strategy, apply_strategy

MARKET = Params.preset("folklore").replace(population=1000).with_firms(
    (FirmSetting("Ours"), FirmSetting("Rival", (("reliability", 0.9),))))


def test_the_strategy_is_the_focal_firms_and_the_rival_is_held_fixed():
    for strategy in (Strategy("acquisition", 2000.0), Strategy("service_quality", 2000.0),
                     Strategy("fast_resolution", 2000.0)):
        after = apply_strategy(MARKET, strategy)
        ours, rival = after.firm_views()
        alone = apply_strategy(MARKET.firm_views()[0], strategy)
        assert ours.firm_side() == alone.firm_side()
        assert rival.firm_side() == MARKET.firm_views()[1].firm_side()
        assert after.market_side() == MARKET.market_side()


def test_a_runs_row_is_the_focal_firms_with_the_market_beside_it():
    spec = RunSpec("r1", MARKET, seed=3, months=6)
    row = simulate_run(spec).row
    assert row["profit_npv"] == row["firms_Ours_profit_npv"]
    assert row["customers"] == row["firms_Ours_customers"]
    assert row["market_customers"] == row["firms_Ours_customers"] + row["firms_Rival_customers"]
    assert row["lost"] == row["firms_Ours_defections"] + row["firms_Ours_disadoptions"]
    assert 0 < row["market_share"] < 1


def test_runs_that_differ_only_in_a_firms_settings_are_told_apart():
    other = MARKET.with_firm(1, reliability=0.5)
    assert RunSpec("a", MARKET, 1, 6).fingerprint() != RunSpec("a", other, 1, 6).fingerprint()
    one = Params.preset("folklore")
    assert RunSpec("a", one, 1, 6).fingerprint() == RunSpec("a", one, 1, 6).fingerprint()
