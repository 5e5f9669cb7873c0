"""`CustomerModel`: one market of people on one social network, stepped month by month.

The model only orchestrates; each mechanism lives in its own folder (its rule and its
compiled kernels). Every phase reads the step's `Clock` and writes its flows into the
step's `StepCounts`. People are numpy arrays (see `state.py`), so a step has no Python
loop over customers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mesa
import numpy as np
import pandas as pd

from simulation import (
    acquisition,
    allocator,
    attitude,
    churn,
    complaints,
    firms,
    holding_on,
    levers,
    people_traits,
    rejecters,
    save_desk,
    segments,
    service,
    tenure,
)
from simulation import word_of_mouth as wom
from simulation.acquisition import channels
from simulation.clock import Clock
from simulation.complaints import front_line
from simulation.economics import Accounts, settle_accounts
from simulation.firms.verbs import FirmVerbs
from simulation.horizon import steps_in
from simulation.network import SocialGraph, build_network
from simulation.parameters.params import Params
from simulation.recording import Ledger, mesa_collector, summarise
from simulation.recording.counts import StepCounts
from simulation.state import ACTIVE, CAUSE, CHURN_CAUSES, Population, new_population, trait_at

STREAMS = ("service", "complaints", "wom", "churn", "acquisition", "save_desk")
PHASES = ("save_desk", "service", "complaints", "wom", "churn", "acquisition", "economics", "recording")


@dataclass
class StepState:
    """What the phases of one step hand to each other."""

    clock: Clock
    active: np.ndarray  # the customers when last looked up (see CustomerModel._customers)
    firm: int | None = None  # whose customers `active` are; None: the market's (or one firm)
    moved: bool = False  # someone left or joined since `active` was looked up
    counts: StepCounts = field(default_factory=StepCounts)
    enrolled: np.ndarray | None = None
    episodes: np.ndarray | None = None
    positive: wom.Messages | None = None
    exposure: np.ndarray | None = None
    new: acquisition.Adoptions | None = None
    accounts: Accounts | None = None


class CustomerModel(FirmVerbs, mesa.Model):
    """A market of customers and prospects whose satisfaction spreads by word of mouth.

    Pass a `Params` and/or flat overrides: ``CustomerModel(complaint_prob=0.1, rng=7)``.
    With several firms (`Params.firms`) see `FirmVerbs` and `simulation.firms`.
    """

    def __init__(self, params: Params | None = None, *, rng: Any = None,
                 graph: SocialGraph | None = None, **overrides: Any) -> None:
        super().__init__(rng=rng)
        params = params if params is not None else Params()
        self.params = params.replace(**overrides) if overrides else params
        self.dt = self.params.market.step_months
        network_rng, *streams = self.rng.spawn(1 + len(STREAMS))
        self.streams = dict(zip(STREAMS, streams))
        self.graph = graph if graph is not None else self._build_graph(network_rng)
        if self.graph.n != self.params.market.population:
            self.params = self.params.replace(population=self.graph.n)
        self.people = self._populate(network_rng)
        # several firms: their step and accounts (`simulation.firms`); None for one firm
        self.rivals = (firms.Rivalry(self.params, self.people, self.rng.spawn(1)[0])
                       if len(self.params.firms) > 1 else None)
        if self.graph.n >= allocator.LARGE_MARKET:  # after the build: its blocks go back
            allocator.reuse_freed_memory()
        self.ledger = Ledger()
        self.phase_seconds: dict[str, float] | None = None
        # called as listener(positive, negative) with each step's messages (tracing);
        # negative holds first-hand bad news and, after it, rejecters' retold messages
        self.on_word_of_mouth: list[Callable[[wom.Messages, wom.Messages], None]] = []
        # called as listener(clock, counts) at the end of each step, once its row is kept
        self.on_step: list[Callable[[Clock, StepCounts], None]] = []
        self.ledger.record(Clock.at(0, self.dt), self.people, counts=None, accounts=None)

    def _build_graph(self, rng: np.random.Generator) -> SocialGraph:
        n = self.params.network
        return build_network(n.kind, self.params.market.population, mean_degree=n.mean_degree,
                             rewire_prob=n.rewire_prob, triangle_prob=n.triangle_prob,
                             community_size=n.community_size,
                             weak_tie_share=n.weak_tie_share,
                             edge_list_path=n.edge_list_path, seed=rng)

    def _populate(self, rng: np.random.Generator) -> Population:
        p = self.params
        pop = new_population(self.graph.n, firms.starting_share(p),
                             p.service.initial_satisfaction, p.service.market_norm, rng,
                             (p.attitude.prospect_attitude, p.attitude.customer_attitude))
        people_traits.draw(pop, p, rng)  # draws nothing when everyone is alike
        segments.draw(pop, p, rng)  # draws nothing when the market has no segments
        firms.assign_firms(pop, p, rng)  # draws nothing when the market has one firm
        return pop

    def time_phases(self) -> dict[str, float]:
        """Start timing each phase of the step (seconds accumulate in the dict returned)."""
        self.phase_seconds = dict.fromkeys(PHASES, 0.0)
        return self.phase_seconds

    @property
    def month(self) -> float:
        """Months simulated so far."""
        return self.steps * self.dt

    def active(self) -> np.ndarray:
        return np.flatnonzero(self.people.status == ACTIVE)

    def _customers(self, now: StepState) -> np.ndarray:
        """The active customers, looked up again only if someone left or joined since."""
        if now.moved:
            now.active = (self.active() if now.firm is None
                          else self.rivals.customers(self.people, now.firm))
            now.moved = False
        return now.active

    # ----- one step ------------------------------------------------------------------
    def step(self) -> None:
        """One step: service, complaints, word of mouth, churn, acquisition, accounts."""
        now = StepState(clock=Clock.at(self.steps, self.dt), active=self.active())
        if self.rivals is not None:
            return self.rivals.step(self, now, PHASES)
        for phase in PHASES:
            if self.phase_seconds is None:
                getattr(self, f"_{phase}")(now)
            else:
                began = time.perf_counter()
                getattr(self, f"_{phase}")(now)
                self.phase_seconds[phase] += time.perf_counter() - began

    def _save_desk(self, now: StepState) -> None:
        """Save offers to customers showing warning signs; a few of them are awoken by
        the contact and leave for a better deal."""
        offers = save_desk.make_offers(self.people, self._customers(now), self.graph,
                                       self.params, now.clock, self.streams["save_desk"],
                                       now.counts.levers)
        if self.params.churn.churn_enabled:
            self._lose(now, offers.awakened, CAUSE["better_deal"])

    def _service(self, now: StepState) -> None:
        """Encounters move satisfaction; failures open unhappy episodes."""
        p, pop, counts = self.params, self.people, now.counts
        now.enrolled = service.follow_up_contacts(pop, now.active, p, now.clock)
        if not p.service.service_enabled:
            now.episodes = now.active[:0]
            return
        enc = service.serve_customers(pop, now.active, p, now.clock, self.streams["service"])
        if p.policy.quality_spend > 0:
            served = service.quality_served(pop, now.active) * now.clock.dt
            counts.levers.book("quality", served, served, p.policy.quality_spend * served)
        now.episodes = enc.episodes
        counts.encounters, counts.failures = enc.encounters, enc.failures
        counts.episodes = enc.episodes.size

    def _complaints(self, now: StepState) -> None:
        """The unhappy complain or stay silent; the queue is served; episodes close."""
        p, pop, clock, rng = self.params, self.people, now.clock, self.streams["complaints"]
        solicit = levers.solicited_places(p, clock.dt)
        empowered = levers.empowered_places(p, clock.dt)
        complainers, silent, drawn = complaints.speak_up(
            now.episodes, now.enrolled, p, rng, solicit,
            trait_at(pop.complaint_propensity, now.episodes))
        desk = front_line.take_complaints(pop, complainers, p, clock, rng, empowered)
        capacity = complaints.queue_capacity(now.active.size, p, clock, rng)
        own_queue = None if self.rivals is None else self.rivals.waiting(pop, now.firm)
        queue = complaints.serve_queue(pop, capacity, p, clock, rng, own_queue)
        self._book_complaint_levers(now, (solicit, drawn), (empowered, complainers.size),
                                    queue.handled)
        done = np.concatenate([silent, desk.resolved, desk.unresolved, queue.done])
        outcome = np.concatenate([np.full(silent.size, complaints.SILENT, np.int8),
                                  np.full(desk.resolved.size, complaints.RESOLVED_FAST, np.int8),
                                  np.full(desk.unresolved.size, complaints.UNRESOLVED, np.int8),
                                  queue.outcome])
        stays, leavers, causes = complaints.close_episodes(pop, done, outcome, p, rng)
        stays, leavers, causes = holding_on.after_episodes(pop, done, outcome, stays, leavers,
                                                           causes, p, clock, rng)
        if p.churn.churn_enabled:
            self._lose(now, leavers, causes)
        self.ledger.count_outcomes(outcome, pop.serious[done], stays)
        if self.rivals is not None:   # and the firm's own
            self.rivals.count_outcomes(now.firm, outcome, pop.serious[done], stays)
        counts, at_front = now.counts, levers.has_front_line(p)
        counts.complaints, counts.handled = desk.escalated.size, queue.handled
        counts.abandoned = queue.done.size - queue.handled
        counts.frontline_complaints = complainers.size if at_front else 0
        counts.frontline_resolved = desk.resolved.size if at_front else 0

    def _book_complaint_levers(self, now: StepState, solicited: tuple[int, int],
                               empowered: tuple[int, int], handled: int) -> None:
        """Units bought and used of the complaint levers this step: (bought, available)
        pairs; paid as used, except hired handlers (paid for the month)."""
        p, k, dt, use = self.params, self.params.costs, now.clock.dt, now.counts.levers
        if p.policy.solicit_budget > 0:
            used = min(solicited)
            use.book("solicited", solicited[0], used, used * k.solicit_cost_per_complaint)
        if p.policy.frontline_budget > 0:
            used = min(empowered)
            use.book("front_line", empowered[0], used, used * k.empowerment_cost_per_complaint)
        if p.policy.extra_handlers > 0:
            hired, cost = levers.hired_handlers(p, dt)
            beyond = handled - levers.todays_team(p, now.active.size, dt)
            use.book("handlers", hired, min(max(beyond, 0.0), hired), cost)

    def _wom(self, now: StepState) -> None:
        """Tellers talk (rejecters retell); listeners' expectations and attitudes move;
        some customers follow a friend to a rival; some prospects turn rejecters."""
        p, pop, rng, clock = self.params, self.people, self.streams["wom"], now.clock
        attitude.fade(pop, p, clock)
        rejecters.forgive(pop, p, clock)
        now.positive, negative = wom.tell_friends(pop, self.graph, now.episodes, p, clock, rng)
        relayed = rejecters.retell(pop, self.graph, p, clock, rng)
        bad_news = wom.Messages.join(negative, relayed)
        for listener in self.on_word_of_mouth:  # bad news first-hand, then retold
            listener(now.positive, bad_news)
        now.exposure = wom.exposure(now.positive, pop.n)
        heard = ((now.exposure, wom.exposure(bad_news, pop.n)) if self.rivals is None
                 else self.rivals.as_heard(pop, now.positive, bad_news))  # by brand
        followers = wom.hear(pop, now.exposure, heard[1], p, rng)
        attitude.listen(pop, *heard, p)
        turned = rejecters.reject(pop, p, clock)
        if p.churn.churn_enabled:
            self._lose(now, holding_on.dissatisfied(pop, followers, p, rng),
                       CAUSE["friend_recommendation"])
        counts = now.counts
        counts.positive_tellers = now.positive.tellers
        counts.positive_messages = now.positive.listener.size
        counts.negative_tellers, counts.negative_messages = negative.tellers, negative.listener.size
        counts.relayed_tellers, counts.relayed_messages = relayed.tellers, relayed.listener.size
        counts.new_rejecters = turned.size

    def _churn(self, now: StepState) -> None:
        """Soured attitudes, life events and better deals elsewhere."""
        p, pop, rng = self.params, self.people, self.streams["churn"]
        if p.churn.churn_enabled:
            soured = attitude.leavers(pop, self._customers(now), p, now.clock, rng)
            self._lose(now, holding_on.dissatisfied(pop, soured, p, rng),
                       CAUSE["friend_recommendation"])
        active = self._customers(now)
        leaving, causes = churn.life_events(active, channels.better_deal_scale(pop, active, p),
                                            p, now.clock, rng, tenure.hazard_scale(
                                                pop, active, p, now.clock,
                                                trait_at(pop.churn_propensity, active)))
        self._lose(now, leaving, causes)

    def _acquisition(self, now: StepState) -> None:
        """Advertising, referrals and paid acquisition bring new customers."""
        now.new = acquisition.acquire(self.people, now.exposure, self.params, now.clock,
                                      self.streams["acquisition"])
        self._settle_new(now)

    def _settle_new(self, now: StepState) -> None:
        """The step's new customers (`now.new`) settle in; referrers are credited."""
        pop = self.people
        now.moved |= any(idx.size for idx in (now.new.advertising, now.new.referral,
                                              now.new.paid))
        now.counts.levers.book("paid_customers", now.new.paid_affordable, now.new.paid.size, 0.0)
        referrers = wom.first_teller(now.positive, now.new.referral)
        np.add.at(pop.referrals, referrers, 1)
        channels.settle_in(pop, now.new, referrers, self.params)
        people_traits.settle_in(pop, now.new, referrers, self.params, self.streams["acquisition"])
        counts = now.counts
        counts.new_advertising, counts.new_referral = now.new.advertising.size, now.new.referral.size
        counts.new_paid, counts.followup_enrolled = now.new.paid.size, now.enrolled.size

    def _economics(self, now: StepState) -> None:
        """Book the step's revenue and costs."""
        now.accounts = settle_accounts(
            self.people, self._customers(now), enrolled=now.enrolled.size,
            handled=int(now.counts.handled), referred=now.new.referral.size,
            frontline=int(now.counts.frontline_complaints),
            paid_spend=now.new.paid_spend, lever_cost=now.counts.levers.cost,
            params=self.params, clock=now.clock)

    def _lose(self, now: StepState, idx: np.ndarray, causes: np.ndarray | int) -> None:
        """Mark people lost with their cause and count them for this step's row."""
        if self.rivals is not None:  # by firm, some to a rival
            return self.rivals.lose(now, self.people, idx, causes)
        churn.mark_lost(self.people, idx, causes, now.clock.step)
        now.moved |= idx.size > 0
        if np.ndim(causes) == 0:  # one cause for all: a count, no array
            now.counts.lost[int(causes)] += idx.size
        else:
            now.counts.lost += np.bincount(causes, minlength=len(CHURN_CAUSES))

    def _recording(self, now: StepState) -> None:
        self.ledger.record(now.clock, self.people, now.counts, now.accounts,
                           active=self._customers(now))
        for listener in self.on_step:
            listener(now.clock, now.counts)

    # ----- running and results -------------------------------------------------------
    def run(self, months: float) -> CustomerModel:
        """Advance the model by `months` (rounded to whole steps; 0 to 1200 months)."""
        for _ in range(steps_in(months, self.dt)):
            self.step()
        return self

    @property
    def datacollector(self) -> mesa.DataCollector:
        """Mesa's DataCollector over the ledger, filled when read (for `mesa.batch_run`)."""
        return mesa_collector.collector_for(self, self.ledger)

    @property
    def timeseries(self) -> pd.DataFrame:
        """One row per step (row 0 is the starting state) of market aggregates."""
        return self.ledger.frame()

    def summary(self) -> dict[str, Any]:
        """Per-run results: customers, profit NPV, mean CLV, churn by cause, WOM, ..."""
        out = summarise(self.ledger, self.people, self.params, Clock.at(self.steps, self.dt))
        if self.params.segments.given:
            out["segment"] = segments.segment_summary(self.people, self.params)
        if self.rivals is not None:
            out["firms"] = self.rivals.book.summary()
        return out
