"""Several firms in one market: each phase runs per firm, over that firm's customers,
with that firm's parameters (a loop over firms, never over customers).

A market with one firm never builds a `Rivalry`: the model runs as it always has and
`people.firm` stays empty. With two or more (`Params.firms`), `people.firm` says whose
customer each person is (-1 never anyone's; a former customer keeps their last firm)
and a step goes:
- service, complaints, churn, economics: per firm, each with its own step state and its
  own parameters (`Params.firm_views`); the complaint queue is the firm's own;
- word of mouth: once for the market (who talks and whom they reach are market-side);
  each message is about its teller's firm, and what a listener hears moves their
  attitude to their own firm (`brands`);
- acquisition: per firm, in an order drawn each step (so no firm always chooses first),
  from its `entry_month` on: advertising (the market's rate shared equally among the
  firms present: no firm-side advertising lever),
  referral from praise about that firm (the referrer's firm) and, weighted less, praise
  about a rival or the category (`brands.for_adoption`), paid with its budget;
- losses: defection to a rival or disadoption from the category (`switching`).
The market's ledger row sums the firms; `FirmBook` keeps each firm's row.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import numpy as np

from simulation import acquisition, churn
from simulation.economics import Accounts
from simulation.firms import brands, switching
from simulation.firms.book import FirmBook, merged_counts, summed_accounts
from simulation.levers import LeverUse
from simulation.parameters.params import Params
from simulation.recording import Ledger
from simulation.recording.counts import StepCounts
from simulation.state import ACTIVE, CHURN_CAUSES, PROSPECT, Population

__all__ = ["Rivalry", "assign_firms", "starting_share"]
MOVES = ("won_from_rivals", "defections", "disadoptions", "praise", "bad_news")
ACCOUNT_LINES = tuple(f.name for f in dataclasses.fields(Accounts))


def starting_share(params: Params) -> float:
    """Share of the market that are customers at the start, all firms together."""
    return sum(v.market.initial_customer_share for v in params.firm_views())


def assign_firms(pop: Population, params: Params, rng: np.random.Generator) -> None:
    """Split the starting customers among the firms by their initial shares (nothing is
    drawn, and `pop.firm` stays empty, with one firm)."""
    if len(params.firms) < 2:
        return
    shares = np.array([v.market.initial_customer_share for v in params.firm_views()])
    pop.firm = np.full(pop.n, -1, np.int8)
    active = np.flatnonzero(pop.status == ACTIVE)
    if shares.sum() > 0:
        pop.firm[active] = rng.choice(shares.size, active.size, p=shares / shares.sum())


class Rivalry:
    """The firms of one market and their step; `rng` is the firms' own stream."""

    def __init__(self, params: Params, pop: Population, rng: np.random.Generator) -> None:
        self.rng = rng
        self.refresh(params)
        self.book = FirmBook(self.names)
        self._firms: list[Any] = []
        self.outcomes = [Ledger() for _ in range(self.count)]   # each firm's closed episodes
        self._joining: list[tuple[np.ndarray, np.ndarray]] = []  # (defectors, their firm)
        self._moves = {k: np.zeros(self.count, np.int64) for k in MOVES}
        self._present = self.entry <= 0.0
        self._record(pop, None, [None] * self.count, [0] * self.count)

    def refresh(self, params: Params) -> None:
        """Take (changed) parameters: each firm's view and its acquisition view."""
        self.names, self.views = params.firm_names(), params.firm_views()
        self.competition = params.competition
        self.entry = np.array([v.market.entry_month for v in self.views])
        self._acquiring: dict[int, tuple[Params, ...]] = {}
        self._starting_share = starting_share(params)

    def acquiring(self, present: int) -> tuple[Params, ...]:
        """Each firm's acquisition view when `present` firms are in the market: the
        market's advertising rate shared equally among them."""
        if present not in self._acquiring:
            rate = self.views[0].acquisition.advertising_rate
            self._acquiring[present] = tuple(
                v.replace(advertising_rate=rate / present,
                          initial_customer_share=self._starting_share) for v in self.views)
        return self._acquiring[present]

    @property
    def count(self) -> int:
        return len(self.views)

    def customers(self, pop: Population, k: int) -> np.ndarray:
        active = np.flatnonzero(pop.status == ACTIVE)
        return active[pop.firm[active] == k]

    def count_outcomes(self, k: int, outcome: np.ndarray, serious: np.ndarray,
                       stayed: np.ndarray) -> None:
        """Firm k's closed episodes by outcome (its own complaint recovery table)."""
        self.outcomes[k].count_outcomes(outcome, serious, stayed)

    def waiting(self, pop: Population, k: int | None) -> np.ndarray | None:
        """Firm k's complaint queue as a mask (None: the one firm's, everyone's)."""
        return None if k is None else pop.waiting & (pop.firm == k)

    # ----- one step ----------------------------------------------------------------
    def step(self, model, now, phases: tuple[str, ...]) -> None:
        """One step of the model's `phases` in order: each runs once per firm with that
        firm's settings, except word of mouth (once for the market), acquisition (firms
        in turn over one prospect pool), accounts and recording; a phase the model adds
        runs per firm without a change here."""
        pop = model.people
        self._moves = {k: np.zeros(self.count, np.int64) for k in MOVES}
        firms = [dataclasses.replace(now, active=self.customers(pop, k), firm=k,
                                     counts=StepCounts()) for k in range(self.count)]
        self._firms, self._joining = firms, []
        self._present = self.entry <= now.clock.start + 1e-9
        market_wide = {"wom": lambda: self._market_wom(model, now),
                       "acquisition": lambda: self._acquire(model, now, firms),
                       "economics": lambda: self._economics(model, firms),
                       "recording": lambda: model._recording(now)}
        after = {"complaints": lambda: self._gather_episodes(now, firms),
                 "churn": lambda: self._join_rivals(pop, now.clock.step, firms),
                 "economics": lambda: self._merge(now, firms)}
        for phase in phases:
            self._timed(model, phase, market_wide.get(
                phase, lambda p=phase: self._each(model, f"_{p}", firms)))
            if phase in after:
                after[phase]()
        new = [sum(idx.size for idx in (f.new.advertising, f.new.referral, f.new.paid))
               for f in firms]
        self._record(pop, now.clock, [f.accounts for f in firms], new,
                     [f.counts for f in firms])

    @staticmethod
    def _gather_episodes(now, firms: list) -> None:
        """The market's unhappy episodes (word of mouth hears them all)."""
        now.episodes = np.concatenate([f.episodes for f in firms])
        now.moved = True

    @staticmethod
    def _merge(now, firms: list) -> None:
        """The market's row: every firm's counts and accounts together."""
        now.counts = merged_counts([now.counts] + [f.counts for f in firms])
        now.accounts = summed_accounts([f.accounts for f in firms])
        now.moved = True

    @staticmethod
    def _timed(model, phase: str, run) -> None:
        began = time.perf_counter()
        run()
        if model.phase_seconds is not None:
            model.phase_seconds[phase] += time.perf_counter() - began

    def _each(self, model, phase: str, firms: list) -> None:
        """Run one phase for each firm with that firm's parameters."""
        base = model.params
        try:
            for k, firm in enumerate(firms):
                model.params = self.views[k]
                getattr(model, phase)(firm)
        finally:
            model.params = base

    def _economics(self, model, firms: list) -> None:
        """Each firm's accounts; a firm not yet in the market buys, spends and earns
        nothing."""
        self._each(model, "_economics", firms)
        for k in np.flatnonzero(~self._present):
            firms[k].accounts = Accounts(**dict.fromkeys(ACCOUNT_LINES, 0.0))
            firms[k].counts.levers = LeverUse()

    def _market_wom(self, model, now) -> None:
        base = model.params
        try:
            model.params = self.views[0]   # word of mouth reads market-side settings only
            model._wom(now)
        finally:
            model.params = base

    def as_heard(self, pop: Population, positive, negative) -> tuple[np.ndarray, np.ndarray]:
        """The step's messages as they bear on each listener's own firm; counts the
        messages about each firm (good and bad, retold ones included)."""
        for key, messages in (("praise", positive), ("bad_news", negative)):
            brand = brands.about(pop, messages)
            self._moves[key] += np.bincount(brand[brand >= 0], minlength=self.count)
        return brands.as_heard(pop, positive, negative, self.competition.cross_brand_weight)

    def _acquire(self, model, now, firms: list) -> None:
        pop, rng = model.people, model.streams["acquisition"]
        praise = brands.for_adoption(pop, now.positive, self.count,
                                     self.competition.cross_brand_adoption)
        prospects = np.flatnonzero(pop.status == PROSPECT)
        present = self._present
        views = self.acquiring(int(present.sum()))
        for k in rng.permutation(self.count):
            if not present[k]:
                firms[k].new = acquisition.Adoptions(*(prospects[:0],) * 3, 0.0)
                firms[k].positive = praise[k]
                continue
            exposure = np.bincount(praise[k].listener, weights=praise[k].weight,
                                   minlength=pop.n)
            new = acquisition.acquire(pop, exposure, views[k], now.clock, rng, prospects)
            for idx in (new.advertising, new.referral, new.paid):
                pop.firm[idx] = k
            firms[k].new, firms[k].positive = new, praise[k]
            prospects = prospects[pop.status[prospects] == PROSPECT]
        self._each(model, "_settle_new", firms)

    # ----- losses --------------------------------------------------------------------
    def lose(self, now, pop: Population, idx: np.ndarray, causes: np.ndarray | int) -> None:
        """Mark people lost, count each firm's losses by cause, and choose a rival for the
        defectors (they join it once every firm's churn has run, so no one is at risk of
        leaving twice in a step); the others have left the category."""
        churn.mark_lost(pop, idx, causes, now.clock.step)
        if idx.size == 0:
            return
        causes = np.broadcast_to(np.asarray(causes, np.int64), idx.shape)
        origin = pop.firm[idx].astype(np.int64)
        for k, firm in enumerate(self._firms):
            firm.counts.lost += np.bincount(causes[origin == k], minlength=len(CHURN_CAUSES))
            firm.moved = True
        now.moved = True
        share = self.competition.defection_share if self._present.sum() > 1 else 0.0
        movers = switching.defectors(idx, causes, share, self.rng)
        weight = (np.array([f.active.size for f in self._firms], np.int64) + 1) * self._present
        to = switching.rival_for(origin[movers], weight, self.rng)
        self._joining.append((idx[movers], to))
        m = self._moves
        m["defections"] += np.bincount(origin[movers], minlength=self.count)
        m["won_from_rivals"] += np.bincount(to, minlength=self.count)
        m["disadoptions"] += np.bincount(origin, minlength=self.count) - \
            np.bincount(origin[movers], minlength=self.count)

    def _join_rivals(self, pop: Population, step: int, firms: list) -> None:
        """This step's defectors become customers of the rival each chose."""
        for movers, to in self._joining:
            switching.join(pop, movers, to, self.views[0], step)
        for firm in firms:
            firm.moved = True
        self._joining = []

    def _record(self, pop: Population, clock, accounts: list, new: list[int],
                counts: list | None = None) -> None:
        from simulation.clock import Clock
        clock = clock if clock is not None else Clock.at(0, self.views[0].market.step_months)
        customers = np.bincount(pop.firm[pop.status == ACTIVE], minlength=self.count)
        self.book.record(clock, customers, self._moves, new, accounts, counts)
