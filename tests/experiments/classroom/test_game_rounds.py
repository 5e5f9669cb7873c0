"""The market game's round clock, leaderboard and levers (no model, no browser)."""

from __future__ import annotations

import pytest

from experiments.analysis.levers import unit_price
from experiments.classroom.game.leaderboard import Leaderboard
from experiments.classroom.game.levers import check_split, firm_settings, game_levers, lever_fields
from experiments.classroom.game.rounds import OVER, PAUSED, PLANNING, PLAYING, RoundClock
from experiments.errors import UsageError
from simulation import Params


def test_a_round_is_planned_started_paused_resumed_and_played_to_its_end():
    clock = RoundClock(rounds=2, round_months=3)
    assert clock.phase == PLANNING and clock.plans_open and not clock.wants_a_month
    clock.start()
    assert clock.phase == PLAYING and clock.wants_a_month and not clock.plans_open
    assert clock.played() is False
    clock.pause()
    assert clock.phase == PAUSED and not clock.wants_a_month
    assert clock.played() is False        # the month in hand when the pause came
    clock.resume()
    assert clock.played() is True         # month 3 ends round 1
    assert (clock.phase, clock.round, clock.month_in_round, clock.months_played) == \
        (PLANNING, 2, 0, 3)
    clock.start()
    for _ in range(2):
        assert clock.played() is False
    assert clock.played() is True and clock.phase == OVER and clock.months_played == 6


@pytest.mark.parametrize("action", ["pause", "resume", "played"])
def test_the_clock_refuses_what_cannot_happen_while_teams_plan(action):
    clock = RoundClock(rounds=2, round_months=3)
    with pytest.raises(UsageError, match="teams are planning round 1"):
        getattr(clock, action)()


def test_nothing_starts_after_the_last_round_nor_twice():
    clock = RoundClock(rounds=1, round_months=1)
    clock.start()
    with pytest.raises(UsageError, match="cannot start a round now: round 1 is playing"):
        clock.start()
    clock.played()
    assert clock.phase == OVER
    with pytest.raises(UsageError, match="the game is over"):
        clock.start()


@pytest.mark.parametrize("rounds, months, key", [(0, 6, "--rounds"), (4, 0, "--round-months"),
                                                 (51, 6, "--rounds"), (4, 25, "--round-months")])
def test_bad_round_settings_name_the_option_and_range(rounds, months, key):
    with pytest.raises(UsageError, match=f"^{key}: "):
        RoundClock(rounds, months)


def test_the_leaderboard_shows_each_rounds_profit_and_ranks_by_total():
    board = Leaderboard(teams=3)
    board.close_round([100.0, 300.0, 200.0])     # cumulative profit at the end of round 1
    board.close_round([500.0, 350.0, 500.0])     # ... of round 2
    assert board.round_profits(0) == [100.0, 400.0]
    assert board.round_profits(1) == [300.0, 50.0]
    assert board.ranks() == [1, 3, 1]            # equal totals share the better rank
    rows = board.rows(["Ada", "Bo", "Cy"])
    assert [(r["name"], r["rank"], r["total"]) for r in rows] == \
        [("Ada", 1, 500.0), ("Cy", 1, 500.0), ("Bo", 3, 350.0)]


def test_an_empty_leaderboard_ranks_everyone_first_and_refuses_a_short_row():
    board = Leaderboard(teams=2)
    assert board.ranks() == [1, 1] and board.round_profits(0) == []
    with pytest.raises(ValueError):
        board.close_round([1.0])


def test_lever_prices_are_the_models_declared_unit_prices():
    params = Params.preset("folklore")
    levers = {lv.key: lv for lv in game_levers(params)}
    assert set(levers) == {"acquisition", "complaint_handling", "service_quality", "follow_up",
                           "easier_complaining", "front_line", "save_desk"}
    assert levers["save_desk"].price == params.costs.save_offer_cost
    assert levers["complaint_handling"].price == params.costs.handler_cost_per_month
    assert levers["acquisition"].price == params.acquisition.cac
    assert levers["follow_up"].price == unit_price(params, "follow_up")
    assert levers["complaint_handling"].price_text("EUR") == "EUR 4,000 a handler-month"
    cheap = params.replace(handler_cost_per_month=2500.0)
    assert {lv.key: lv for lv in game_levers(cheap)}["complaint_handling"].price == 2500.0


def test_a_split_over_budget_or_unknown_is_refused_in_one_line():
    levers = game_levers(Params.preset("folklore"))
    assert check_split({"acquisition": 100, "follow_up": 50.5}, levers, 200.0, "$") == \
        {"acquisition": 100.0, "follow_up": 50.5}
    with pytest.raises(UsageError, match=r"^split: \$250 a month is more than the budget of \$200$"):
        check_split({"acquisition": 150, "follow_up": 100}, levers, 200.0, "$")
    with pytest.raises(UsageError, match="^split: paid acquisition = -1 is outside 0 to"):
        check_split({"acquisition": -1}, levers, 200.0, "$")
    with pytest.raises(UsageError, match="^split: unknown lever 'ads'"):
        check_split({"ads": 1}, levers, 200.0, "$")


def test_a_lever_no_longer_funded_goes_back_to_the_markets_value():
    base = Params.preset("folklore")
    levers = game_levers(base)
    fields = lever_fields(base, levers, 500.0)
    assert {"paid_budget", "extra_handlers", "followup_budget", "solicit_budget"} <= set(fields)
    funded = firm_settings(base, {"complaint_handling": 400.0, "acquisition": 100.0}, fields)
    assert funded["extra_handlers"] == pytest.approx(base.policy.extra_handlers + 0.1)
    assert funded["paid_budget"] == base.acquisition.paid_budget + 100.0
    back = firm_settings(base, {}, fields)
    assert back == {k: base.flat()[k] for k in fields}
