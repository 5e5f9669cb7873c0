"""A game session's bookkeeping: plans applied when a round starts, locked while it plays,
profit booked round by round, the teacher's buttons behind the key (a stand-in market)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from experiments.classroom.game.server import GameServer
from experiments.classroom.game.session import GameSession, GameSettings
from experiments.cli import main
from experiments.errors import UsageError
from tests.experiments.classroom.game_double import LedgerMarket

SETTINGS = GameSettings(teams=2, population=400, seed=3, rounds=2, round_months=2,
                        month_seconds=0.0)


def session() -> GameSession:
    return GameSession(SETTINGS, market=LedgerMarket)


def play_round(game: GameSession) -> None:
    game.teacher("start")
    for _ in range(SETTINGS.round_months):
        game.play_month()


def test_plans_apply_when_the_round_starts_and_lock_while_it_plays():
    game = session()
    ads = game.budget / 2
    game.plan(0, {"acquisition": ads})
    assert game.market.settings == [[], []]          # nothing reaches the market yet
    game.teacher("start")
    first, second = (game.market.settings[k][-1] for k in range(2))
    assert first["paid_budget"] == pytest.approx(game.firm_base.acquisition.paid_budget + ads)
    assert second["paid_budget"] == game.firm_base.acquisition.paid_budget
    assert first["initial_customer_share"] == game.base.market.initial_customer_share / 2
    with pytest.raises(UsageError, match="plans are locked: round 1 is playing"):
        game.plan(1, {"acquisition": 1.0})


def test_the_leaderboard_books_each_rounds_profit():
    game = session()
    paid = game.firm_base.acquisition.paid_budget
    play_round(game)
    assert game.clock.round == 2 and game.state()["phase"] == "planning"
    game.plan(0, {"acquisition": game.budget})
    play_round(game)
    state = game.state()
    assert state["phase"] == "over" and state["rounds_played"] == 2
    assert game.board.round_profits(0) == pytest.approx([2 * (100 + paid),
                                                          2 * (100 + paid + game.budget)])
    assert game.board.round_profits(1) == pytest.approx([2 * (200 + paid)] * 2)
    assert [row["name"] for row in state["leaderboard"]] == ["Team 2", "Team 1"]
    assert state["leaderboard"][0]["total"].startswith("$")


def test_money_on_the_pages_comes_from_the_money_renderer():
    state = session().state()
    assert state["steps"][0] == "$0" and len(state["steps"]) == 21
    assert state["budget_text"] == state["steps"][-1]
    assert {lever["words"] for lever in state["levers"]} >= {"Complaint handlers"}
    assert all(lever["price"].startswith("$") for lever in state["levers"])


def test_teams_may_rename_their_firm_but_not_to_nothing():
    game = session()
    game.rename(1, "  Blue   Sky Telecom and a very long tail of words ")
    assert game.names[1] == "Blue Sky Telecom and a v"
    with pytest.raises(UsageError, match="^name: "):
        game.rename(0, "   ")
    with pytest.raises(UsageError, match=r"^team: 3 is outside 1-2$"):
        game.rename(2, "C")


@pytest.mark.parametrize("teams", [1, 9])
def test_team_counts_outside_the_models_range_are_refused(teams):
    with pytest.raises(UsageError, match=f"^--teams: {teams} is outside 2-8$"):
        GameSettings(teams=teams, population=400)


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return json.loads(reply.read())


def _post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, json.dumps(body).encode(), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_server_takes_plans_and_only_the_teacher_starts_a_round():
    server = GameServer(("127.0.0.1", 0), session())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert _post(f"{base}/api/team/1/plan", {"split": {"follow_up": 10.0}})[0] == 200
        status, reply = _post(f"{base}/api/team/2/plan", {"split": {"follow_up": 60.0, "acquisition": 60.0}})
        assert status == 400 and "more than the budget" in reply["error"]
        state = _get(f"{base}/api/state")
        assert state["teams"][0]["planned"] and not state["teams"][1]["planned"]
        assert _post(f"{base}/api/teacher/start?key=guess", {})[0] == 403
        assert _get(f"{base}/api/state")["phase"] == "planning"
        assert _post(f"{base}/api/teacher/start?key={server.teacher_key}", {})[0] == 200
        for _ in range(100):                       # the round plays in the server's thread
            if _get(f"{base}/api/state")["rounds_played"] == 1:
                break
            time.sleep(0.05)
        assert _get(f"{base}/api/state")["phase"] == "planning"
        assert _get(f"{base}/api/state")["months"] == SETTINGS.round_months
        with urllib.request.urlopen(f"{base}/teacher", timeout=10) as reply:
            assert "https://" not in reply.read().decode()
    finally:
        server.shutdown()
        server.server_close()


def test_the_real_market_gives_each_team_a_firm_and_its_plan():
    """Against the multi-firm model: every team an equal firm at the start, a team's
    plan reaches its firm only, and brands on the network count each firm's customers."""
    game = GameSession(SETTINGS)
    market = game.market
    share = game.base.market.initial_customer_share
    assert [v.market.initial_customer_share for v in market.model.params.firm_views()] == \
        [share / 2] * 2                          # each firm starts with half the customers
    assert [r.customers for r in game.results] == \
        [int((market.brands() == k).sum()) for k in range(2)]
    game.plan(0, {"acquisition": game.budget})
    play_round(game)
    views = market.model.params.firm_views()
    paid = game.firm_base.acquisition.paid_budget
    assert views[0].acquisition.paid_budget == pytest.approx(paid + game.budget)
    assert views[1].acquisition.paid_budget == pytest.approx(paid)
    brands = market.brands()
    assert [int((brands == k).sum()) for k in range(2)] == [r.customers for r in game.results]
    assert sum(r.share for r in game.results) == pytest.approx(1.0)
    assert game.board.round_profits(0) == [game.results[0].profit]


def test_the_same_seed_and_plans_give_the_same_game():
    """Reproducible for a seed: the market thread's timing plays no part."""
    profits = []
    for _ in range(2):
        game = GameSession(SETTINGS)
        game.plan(1, {"complaint_handling": game.budget / 2, "follow_up": game.budget / 4})
        play_round(game)
        profits.append([game.board.round_profits(k) for k in range(2)])
    assert profits[0] == profits[1]


@pytest.mark.parametrize("options, message", [
    (["--teams", "1"], "ripple demo: error: --teams: 1 is outside 2-8"),
    (["--teams", "2", "--rounds", "0"], "ripple demo: error: --rounds: 0 is outside 1-50"),
    (["--teams", "2", "--month-seconds", "-1"], "--month-seconds: -1.0 is outside 0-10")])
def test_bad_game_options_are_refused_in_one_line_before_any_work(options, message, capsys):
    assert main(["demo", *options]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
