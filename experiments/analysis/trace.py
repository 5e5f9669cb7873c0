"""One critic's bad news, traced through the network: who heard it, who passed it on,
who left, who never came.

The model keeps only aggregates per step; its `on_word_of_mouth` hook hands every
step's messages to a listener. `RippleTrace` is the one tracer: it follows bad news from
one critic, either only the critic's own listeners or onward, hop by hop, through
everyone who heard it (the classroom story). It is fed live while the model steps
(`spread`, `hop`) or from a recorded `MessageLog` (`trace_ripple`). `bad_experience` is
the one intervention that starts a ripple, shared with the lost-customer analysis.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation import word_of_mouth as wom
from simulation.model import CustomerModel
from simulation.state import ACTIVE, CAUSE, ENEMY, LOST, PROSPECT, Population

MAX_WAIT_MONTHS = 12      # a hop waits at most this long for someone in the ripple to speak


def bad_experience(people: Population, who: int | np.ndarray) -> None:
    """A serious failure handled badly: very dissatisfied, and angry enough to campaign
    against the firm (an enemy)."""
    people.satisfaction[who] = 1.0
    people.escalation[who] = ENEMY


@contextmanager
def hearing(model: CustomerModel, hook) -> Iterator[None]:
    """Call `hook(positive, negative)` on every word-of-mouth step inside this block."""
    model.on_word_of_mouth.append(hook)
    try:
        yield
    finally:
        model.on_word_of_mouth.remove(hook)


@dataclass(frozen=True)
class Hop:
    """One round of telling inside the ripple: arrows from teller to listener."""

    number: int
    month: float
    teller: np.ndarray
    listener: np.ndarray
    newly_reached: np.ndarray


@dataclass(frozen=True)
class RippleCounts:
    """Running counts of a ripple, in whole people."""

    reached: int            # heard the bad news from the ripple
    tellers: int            # people in the ripple who passed bad news on (critic included)
    customers_heard: int
    left: int               # of those customers, left since hearing
    followed_friend: int    # of those who left, followed a friend to a rival
    prospects_heard: int
    never_came: int         # of those prospects, still not customers


class RippleTrace:
    """The bad news from one `critic`: when each person first heard it, their status then,
    and who passed it on. With `onward`, anyone who heard it and speaks badly later
    passes it on too; without, only the critic's own messages count."""

    def __init__(self, model: CustomerModel, critic: int, onward: bool = True) -> None:
        n = model.people.n
        self.model, self.person, self.onward = model, int(critic), onward
        self.heard_at = np.full(n, -1, np.int64)       # step first reached, -1 never
        self.status_heard = np.full(n, -1, np.int8)    # their status when reached
        self.told = np.zeros(n, bool)
        self.hops: list[Hop] = []
        self.died_down = False     # a hop waited in vain: nobody in the ripple spoke
        self._pairs: list[tuple[np.ndarray, np.ndarray]] = []

    def in_ripple(self) -> np.ndarray:
        """Mask of the critic and (when following onward) everyone the ripple reached."""
        mask = (self.heard_at >= 0) if self.onward else np.zeros(self.heard_at.size, bool)
        mask[self.person] = True
        return mask

    def record(self, step: int, teller: np.ndarray, listener: np.ndarray,
               status_then: np.ndarray) -> None:
        """Messages of one step; those told by someone in the ripple join it."""
        mine = self.in_ripple()[teller]
        teller, listener, status_then = teller[mine], listener[mine], status_then[mine]
        self._pairs.append((teller, listener))
        self.told[teller] = True
        first = (self.heard_at[listener] < 0) & (listener != self.person)
        fresh, where = np.unique(listener[first], return_index=True)
        self.heard_at[fresh] = step
        self.status_heard[fresh] = status_then[first][where]

    def _heard(self, positive: wom.Messages, negative: wom.Messages) -> None:
        self.record(self.model.steps, negative.teller, negative.listener,
                    self.model.people.status[negative.listener])

    @contextmanager
    def listening(self):
        """Follow the ripple while the model steps inside this block."""
        with hearing(self.model, self._heard):
            yield self

    def hop(self, max_wait_months: float = MAX_WAIT_MONTHS) -> Hop | None:
        """Step the market until someone in the ripple tells others; None (and the ripple
        has died down) if nobody does within `max_wait_months`."""
        model, before = self.model, self.heard_at >= 0
        self._pairs = []
        with self.listening():
            for _ in range(max(1, int(round(max_wait_months / model.dt)))):
                model.step()
                if any(t.size for t, _ in self._pairs):
                    break
        teller = np.concatenate([t for t, _ in self._pairs] or [np.zeros(0, np.int64)])
        if teller.size == 0:
            self.died_down = True
            return None
        listener = np.concatenate([ls for _, ls in self._pairs])
        hop = Hop(len(self.hops) + 1, model.month, teller, listener,
                  np.flatnonzero((self.heard_at >= 0) & ~before))
        self.hops.append(hop)
        return hop

    def fates(self) -> dict[str, np.ndarray]:
        """Masks over everyone: reached, customers and prospects when reached, and what
        became of them (left since hearing, followed a friend, still not a customer)."""
        pop, reached = self.model.people, self.heard_at >= 0
        customers = reached & (self.status_heard == ACTIVE)
        left = customers & (pop.status == LOST) & (pop.lost_at >= self.heard_at)
        prospects = reached & (self.status_heard == PROSPECT)
        return {"heard": reached, "customers_heard": customers, "left": left,
                "followed_friend": left & (pop.lost_cause == CAUSE["friend_recommendation"]),
                "prospects_heard": prospects, "never_came": prospects & (pop.status == PROSPECT)}

    def counts(self) -> RippleCounts:
        f = self.fates()
        return RippleCounts(reached=int(f["heard"].sum()), tellers=int(self.told.sum()),
                            **{k: int(f[k].sum()) for k in ("customers_heard", "left",
                                                            "followed_friend",
                                                            "prospects_heard", "never_came")})


def ripple_travels(model: CustomerModel, critic: int, hops: int,
                   max_wait_months: float = MAX_WAIT_MONTHS) -> int:
    """How many hops (up to `hops`) a bad experience of `critic` would travel from the
    model's state now. Played on an exact copy (same people, same random streams), so a
    story told on the model itself travels as far; the model is left untouched."""
    ahead = copy.deepcopy(model)
    bad_experience(ahead.people, critic)
    trace = RippleTrace(ahead, critic)
    while len(trace.hops) < hops and trace.hop(max_wait_months) is not None:
        pass
    return len(trace.hops)


class MessageLog:
    """Every WOM message of a run: step, teller, listener, tone, listener's status then."""

    def __init__(self, model: CustomerModel) -> None:
        self.model = model
        self._parts: list[pd.DataFrame] = []

    @contextmanager
    def listening(self):
        """Record messages while the model steps inside this block."""
        with hearing(self.model, self._heard):
            yield self

    def _heard(self, positive: wom.Messages, negative: wom.Messages) -> None:
        self._record(positive, "positive")
        self._record(negative, "negative")

    def run(self, months: float) -> MessageLog:
        """Advance the model by `months`, recording every message."""
        with self.listening():
            self.model.run(months)
        return self

    def _record(self, messages: wom.Messages, tone: str) -> None:
        if messages.listener.size:
            self._parts.append(pd.DataFrame({
                "step": self.model.steps, "teller": messages.teller,
                "listener": messages.listener, "tone": tone,
                "listener_status": self.model.people.status[messages.listener]}))

    @property
    def messages(self) -> pd.DataFrame:
        columns = ["step", "teller", "listener", "tone", "listener_status"]
        return pd.concat(self._parts, ignore_index=True) if self._parts else \
            pd.DataFrame(columns=columns)

    def loudest_critic(self, by_step: int | None = None) -> int:
        """The person who sent the most negative messages (up to `by_step`)."""
        neg = self.messages.query("tone == 'negative'")
        if by_step is not None:
            neg = neg[neg.step <= by_step]
        if neg.empty:
            raise ValueError("nobody said anything negative in this run")
        return int(neg.teller.value_counts().idxmax())

    def replay(self, trace: RippleTrace) -> RippleTrace:
        """Feed the recorded bad news to `trace`, step by step, as if it had listened live."""
        for step, part in self.messages.query("tone == 'negative'").groupby("step", sort=True):
            trace.record(int(step), part.teller.to_numpy(np.int64),
                         part.listener.to_numpy(np.int64),
                         part.listener_status.to_numpy(np.int8))
        return trace


@dataclass
class Ripple:
    """What one critic's negative word of mouth reached, as arrays of person ids."""

    teller: int
    first_step: int
    messages: int
    heard: np.ndarray              # everyone who heard the critic at least once
    customers_who_heard: np.ndarray
    left_after: np.ndarray         # of those, left on a friend's recommendation afterwards
    prospects_who_heard: np.ndarray
    never_came: np.ndarray         # of those, still not customers at the end


def trace_ripple(log: MessageLog, teller: int) -> Ripple:
    """Follow `teller`'s own negative messages to their listeners' fate at the end of the
    run (the tracer, fed from the log, not following the news onward)."""
    neg = log.messages.query("tone == 'negative' and teller == @teller")
    f = log.replay(RippleTrace(log.model, teller, onward=False)).fates()
    ids = {k: np.flatnonzero(v) for k, v in f.items()}
    return Ripple(teller=int(teller), first_step=int(neg.step.min()), messages=len(neg),
                  heard=ids["heard"], customers_who_heard=ids["customers_heard"],
                  left_after=ids["followed_friend"],
                  prospects_who_heard=ids["prospects_heard"], never_came=ids["never_came"])


def prospects_never_told(log: MessageLog) -> np.ndarray:
    """People who were prospects at the start and never heard anything negative: the base
    rate that a critic's listeners are compared with."""
    heard_bad = log.messages.query("tone == 'negative'").listener.unique()
    started = log.model.people.channel != 0          # 0 = customer from the start
    never = np.setdiff1d(np.flatnonzero(started), heard_bad)
    return never
