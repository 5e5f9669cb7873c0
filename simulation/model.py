"""`CustomerModel`: one market of people on one social network, stepped month by month.

The model only orchestrates; each mechanism lives in its own module. People are numpy
arrays (see `state.py`), so a step has no Python loop over customers.
"""

from __future__ import annotations

from typing import Any

import mesa
import numpy as np
import pandas as pd

from simulation import acquisition, churn, complaints, service, wom
from simulation.economics import Accounts, settle_accounts
from simulation.network import SocialGraph, build_network
from simulation.params import Params
from simulation.recording import Ledger, summarise
from simulation.state import ACTIVE, CAUSE, Population, new_population

STREAMS = ("service", "complaints", "wom", "churn", "acquisition")


class CustomerModel(mesa.Model):
    """A market of customers and prospects whose satisfaction spreads by word of mouth.

    Pass a `Params` and/or flat overrides: ``CustomerModel(complaint_prob=0.1, rng=7)``.
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
        self.ledger = Ledger()
        self.ledger.record(self, step_counts={}, accounts=None)

    def _build_graph(self, rng: np.random.Generator) -> SocialGraph:
        n = self.params.network
        return build_network(n.kind, self.params.market.population, mean_degree=n.mean_degree,
                             rewire_prob=n.rewire_prob, triangle_prob=n.triangle_prob,
                             community_size=n.community_size,
                             weak_tie_share=n.weak_tie_share,
                             edge_list_path=n.edge_list_path, seed=rng)

    def _populate(self, rng: np.random.Generator) -> Population:
        p = self.params
        return new_population(self.graph.n, p.market.initial_customer_share,
                              p.service.initial_satisfaction, service.rater_score(p), rng)

    @property
    def month(self) -> float:
        """Months simulated so far."""
        return self.steps * self.dt

    def active(self) -> np.ndarray:
        return np.flatnonzero(self.people.status == ACTIVE)

    # ----- one step ------------------------------------------------------------------
    def step(self) -> None:
        """One step: service, complaints, word of mouth, churn, acquisition, accounts."""
        p, pop, dt, s = self.params, self.people, self.dt, self.streams
        start = self.month - dt
        counts: dict[str, float] = {}
        active = self.active()
        enrolled = service.follow_up_contacts(pop, active, p, dt)
        unhappy = self._serve(active, enrolled, start, counts)
        wom.forget(pop, p, dt)
        positive, negative = wom.tell_friends(pop, self.graph, unhappy, p, s["wom"], dt)
        pos_exposure = wom.exposure(positive, pop.n)
        followers = wom.hear(pop, pos_exposure, wom.exposure(negative, pop.n), p, s["wom"])
        if p.churn.churn_enabled:
            churn.mark_lost(pop, followers, CAUSE["friend_recommendation"], self.steps)
        leaving, causes = churn.life_events(self.active(), p, s["churn"], dt)
        churn.mark_lost(pop, leaving, causes, self.steps)
        new = acquisition.acquire(pop, pos_exposure, p, s["acquisition"], dt, self.steps)
        referrers = wom.first_teller(positive, new.referral)
        np.add.at(pop.referrals, referrers, 1)
        counts.update(positive_tellers=positive.tellers, positive_messages=positive.listener.size,
                      negative_tellers=negative.tellers, negative_messages=negative.listener.size,
                      new_advertising=new.advertising.size, new_referral=new.referral.size,
                      new_paid=new.paid.size, followup_enrolled=enrolled.size)
        accounts = self._settle(enrolled.size, counts, new)
        self.ledger.record(self, step_counts=counts, accounts=accounts)

    def _serve(self, active: np.ndarray, enrolled: np.ndarray, start: float,
               counts: dict) -> np.ndarray:
        """Service encounters, complaints and recovery; returns the newly unhappy."""
        p, pop, dt = self.params, self.people, self.dt
        if not p.service.service_enabled:
            counts.update(encounters=0, failures=0, episodes=0, complaints=0, handled=0)
            return active[:0]
        enc = service.serve_customers(pop, active, p, self.streams["service"], dt)
        rng = self.streams["complaints"]
        complainers, silent = complaints.speak_up(pop, enc.episodes, enrolled, p, rng, start, dt)
        capacity = complaints.queue_capacity(p, active.size, dt, rng)
        queue = complaints.serve_queue(pop, p, rng, start, dt, capacity)
        done = np.concatenate([silent, queue.done])
        outcome = np.concatenate([np.full(silent.size, complaints.SILENT, np.int8),
                                  queue.outcome])
        stays, leavers, causes = complaints.close_episodes(pop, done, outcome, p, rng)
        if p.churn.churn_enabled:
            churn.mark_lost(pop, leavers, causes, self.steps)
        self.ledger.count_outcomes(outcome, pop.serious[done], stays)
        counts.update(encounters=enc.encounters, failures=enc.failures,
                      episodes=enc.episodes.size, complaints=complainers.size,
                      handled=queue.handled)
        return enc.episodes

    def _settle(self, enrolled: int, counts: dict, new: acquisition.Adoptions) -> Accounts:
        return settle_accounts(self.people, self.active(), enrolled=enrolled,
                               handled=int(counts["handled"]), referred=new.referral.size,
                               paid_spend=new.paid_spend, params=self.params,
                               month=self.month - self.dt / 2, dt=self.dt)

    # ----- running and results -------------------------------------------------------
    def run(self, months: float) -> CustomerModel:
        """Advance the model by `months` (rounded to whole steps)."""
        for _ in range(int(round(months / self.dt))):
            self.step()
        return self

    @property
    def timeseries(self) -> pd.DataFrame:
        """One row per step (row 0 is the starting state) of market aggregates."""
        return self.ledger.frame()

    def summary(self) -> dict[str, Any]:
        """Per-run results: customers, profit NPV, mean CLV, churn by cause, WOM, ..."""
        return summarise(self)
