"""One game: the shared market, the round clock, the teams' plans and the leaderboard,
behind one lock, published as JSON the pages poll.

Pages read a prepared snapshot (bytes built once a change), so thirty pages cost the
market nothing; a page's request waits until the state is newer than the one it has
(`newer_than`), so every page sees a month as soon as it is played. The market steps in
one thread (`run_months`), one month every `month_seconds` while a round plays.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from experiments.classroom.budget import STRATEGY_BUDGET
from experiments.classroom.drawing import network_layout
from experiments.classroom.game.leaderboard import Leaderboard
from experiments.classroom.game.levers import check_split, firm_settings, game_levers, lever_fields
from experiments.classroom.game.luck import lead_words, same_plan_gaps
from experiments.classroom.game.market import RivalMarket, equal_part
from experiments.classroom.game.rounds import RoundClock
from experiments.errors import UsageError
from experiments.reporting.words import count, metric_words, money
from experiments.scenarios.market_scale import scale_market
from simulation import Params
from simulation.parameters.firms import MAX_FIRMS

BRAND_COLOURS = ("#1f6fd1", "#d62728", "#2ca02c", "#8e44ad", "#ff7f0e", "#17a2b8",
                 "#8c564b", "#e377c2")
MAX_TEAMS = MAX_FIRMS              # one firm a team
assert len(BRAND_COLOURS) >= MAX_TEAMS
SPLIT_STEPS = 20            # a lever's money moves in twentieths of the budget
NAME_LENGTH = 24


@dataclass(frozen=True)
class FirmResult:
    """A team's firm on the pages: customers and market share now (share of all firms'
    customers), profit so far (discounted to the start) at the last round's end."""

    customers: int
    share: float
    profit: float


@dataclass(frozen=True)
class GameSettings:
    teams: int
    population: int
    seed: int = 7
    rounds: int = 4
    round_months: int = 6
    month_seconds: float = 0.5
    preset: str = "folklore"

    def __post_init__(self) -> None:
        if not 2 <= self.teams <= MAX_TEAMS:
            raise UsageError(f"--teams: {self.teams} is outside 2-{MAX_TEAMS}")
        if not 0 <= self.month_seconds <= 10:
            raise UsageError(f"--month-seconds: {self.month_seconds} is outside 0-10")
        RoundClock(self.rounds, self.round_months)   # checks both


class GameSession:
    """The game as the pages see it; every change takes the lock and republishes."""

    def __init__(self, settings: GameSettings, market: Callable = RivalMarket):
        full = Params.preset(settings.preset)
        self.settings, self.base = settings, scale_market(full, settings.population)
        self.currency = self.base.economics.currency
        n = settings.teams
        # Every firm starts as an equal part of the preset's one firm, with its part of the
        # class budget the classroom app gives that firm.
        start = equal_part(self.base, n)
        self.firm_base = self.base.replace(**start)
        self.budget = STRATEGY_BUDGET * settings.population / full.market.population / n
        self.levers = game_levers(self.firm_base)
        self.fields = tuple(sorted({*lever_fields(self.firm_base, self.levers, self.budget),
                                    *start}))
        self.names = [f"Team {k + 1}" for k in range(n)]
        self.splits: list[dict[str, float]] = [{} for _ in range(n)]
        self.planned = [False] * n
        self.clock = RoundClock(settings.rounds, settings.round_months)
        self.board = Leaderboard(n)
        self.market = market(self.base, list(self.names), start, settings.seed)
        self.luck = same_plan_gaps(functools.partial(market, self.base, list(self.names), start),
                                   settings.rounds, settings.round_months, settings.seed)
        self.lock = threading.Condition()
        self.version, self.shares = 0, []
        self.profits = self.market.profits()
        with self.lock:
            self._observe()
            self._publish()

    # ----- what the teams and the teacher do ----------------------------------------
    def rename(self, team: int, name: str) -> None:
        name = " ".join(str(name).split())[:NAME_LENGTH]
        if not name:
            raise UsageError("name: a team name needs at least one letter")
        with self.lock:
            self.names[self._team(team)] = name
            self._publish()

    def plan(self, team: int, split: dict) -> None:
        with self.lock:
            k = self._team(team)
            if not self.clock.plans_open:
                raise UsageError(f"plans are locked: {self.clock.words().lower()}")
            self.splits[k] = check_split(split, self.levers, self.budget, self.currency)
            self.planned[k] = True
            self._publish()

    def teacher(self, action: str) -> None:
        """start (the planned round), pause, resume."""
        if action not in ("start", "pause", "resume"):
            raise UsageError(f"unknown action {action!r}: start, pause or resume")
        with self.lock:
            if action == "start":
                self.clock.start()
                for k, split in enumerate(self.splits):
                    self.market.set_firm(k, firm_settings(self.firm_base, split, self.fields))
            else:
                getattr(self.clock, action)()
            self._publish()

    # ----- the market ---------------------------------------------------------------
    def run_months(self, stop: threading.Event) -> None:
        """Play a month whenever a round is playing, paced at `month_seconds`, until
        `stop` is set."""
        while not stop.is_set():
            with self.lock:
                if not self.clock.wants_a_month:
                    self.lock.wait(0.25)
                    continue
            began = time.monotonic()
            self.play_month()
            stop.wait(max(0.0, self.settings.month_seconds - (time.monotonic() - began)))

    def play_month(self) -> None:
        """One month of the market; plans are locked while a round plays, so the firms'
        settings cannot change under it."""
        self.market.play_month()
        with self.lock:
            ended = self.clock.played()
            if ended:
                self.profits = self.market.profits()
                self.board.close_round(self.profits)
            self._observe()
            if ended:
                self.planned = [False] * len(self.names)
            self._publish()

    def newer_than(self, version: int, seconds: float) -> bytes:
        """The state once it is newer than `version` (or after `seconds`): a page asks
        again as soon as it has its answer, so it sees each change at once."""
        with self.lock:
            self.lock.wait_for(lambda: self.version > version, timeout=seconds)
            return self.state_bytes

    def _observe(self) -> None:
        self.results = [FirmResult(c, share, profit) for (c, share), profit
                        in zip(self.market.standing(), self.profits)]
        brands = self.market.brands()
        self.brands = "".join(chr(97 + b) if b >= 0 else "." for b in brands.tolist())
        self.shares.append([r.share for r in self.results])

    # ----- what the pages read ------------------------------------------------------
    def _team(self, team: int) -> int:
        if not 0 <= team < len(self.names):
            raise UsageError(f"team: {team + 1} is outside 1-{len(self.names)}")
        return team

    def _publish(self) -> None:
        """A new version of the state; wakes the pages waiting for one (lock held)."""
        self.version += 1
        self.state_bytes = json.dumps(self.state()).encode()
        self.brand_bytes = json.dumps({"version": self.version, "brands": self.brands}).encode()
        self.lock.notify_all()

    def state(self) -> dict:
        c, cur = self.clock, self.currency
        steps = [money(self.budget * i / SPLIT_STEPS, currency=cur) for i in range(SPLIT_STEPS + 1)]
        teams = [{"name": self.names[k], "colour": BRAND_COLOURS[k], "planned": self.planned[k],
                  "split": self.splits[k], "customers": count(r.customers, "customer", "customers"),
                  "share": f"{100 * r.share:.0f}%", "profit": money(r.profit, currency=cur)}
                 for k, r in enumerate(self.results)]
        rows = self.board.rows(self.names)
        board = [{**row, "colour": BRAND_COLOURS[row["team"]],
                  "rounds": [money(x, currency=cur) for x in row["rounds"]],
                  "total": money(row["total"], currency=cur)} for row in rows]
        played = len(self.board.at_round_end)
        return {"version": self.version, "phase": c.phase, "words": c.words(), "round": c.round,
                "rounds": c.rounds, "round_months": c.round_months,
                "month_in_round": c.month_in_round, "months": c.months_played,
                "budget": self.budget, "budget_text": money(self.budget, currency=cur),
                "steps": steps, "levers": [lv.as_dict(cur) for lv in self.levers],
                "teams": teams, "leaderboard": board, "shares": self.shares,
                "rounds_played": played,
                "lead": lead_words(rows, self.luck, played, cur),
                "profit_words": metric_words("profit_npv")}

    @functools.cached_property
    def network(self) -> bytes:
        """Where each person is drawn and who knows whom (drawn once by the teacher page)."""
        graph = self.market.graph
        pos = network_layout(graph, self.base.network.kind, self.settings.seed)
        rows, cols = graph.to_csr().nonzero()
        keep = rows < cols
        ties = np.column_stack([rows[keep], cols[keep]]).ravel()
        return json.dumps({"xy": np.round(pos.ravel(), 4).tolist(),
                           "ties": ties.tolist()}).encode()
