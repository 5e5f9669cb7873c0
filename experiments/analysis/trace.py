"""One unhappy customer's ripple: who heard them, who left, who never came.

The model keeps only aggregates per step; `MessageLog` also keeps every word-of-mouth
message of a (small) run through the model's `on_word_of_mouth` hook while it steps,
so a notebook can follow one critic's messages through the network.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

from simulation import word_of_mouth as wom
from simulation.model import CustomerModel
from simulation.state import ACTIVE, CAUSE, LOST, PROSPECT


class MessageLog:
    """Every WOM message of a run: step, teller, listener, tone, listener's status then."""

    def __init__(self, model: CustomerModel) -> None:
        self.model = model
        self._parts: list[pd.DataFrame] = []

    @contextmanager
    def listening(self):
        """Record messages while the model steps inside this block."""
        self.model.on_word_of_mouth.append(self._heard)
        try:
            yield self
        finally:
            self.model.on_word_of_mouth.remove(self._heard)

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
    """Follow `teller`'s negative messages to their listeners' fate at the end of the run."""
    mine = log.messages.query("tone == 'negative' and teller == @teller")
    first = mine.groupby("listener").agg(step=("step", "min"), status=("listener_status", "first"))
    pop = log.model.people
    ids = first.index.to_numpy(np.int64)
    customers = ids[first.status.to_numpy() == ACTIVE]
    after = pop.lost_at[customers] >= first.step.to_numpy()[first.status.to_numpy() == ACTIVE]
    left = customers[after & (pop.lost_cause[customers] == CAUSE["friend_recommendation"])
                     & (pop.status[customers] == LOST)]
    prospects = ids[first.status.to_numpy() == PROSPECT]
    return Ripple(teller=int(teller), first_step=int(mine.step.min()), messages=len(mine),
                  heard=ids, customers_who_heard=customers, left_after=left,
                  prospects_who_heard=prospects,
                  never_came=prospects[pop.status[prospects] == PROSPECT])


def prospects_never_told(log: MessageLog) -> np.ndarray:
    """People who were prospects at the start and never heard anything negative: the base
    rate that a critic's listeners are compared with."""
    heard_bad = log.messages.query("tone == 'negative'").listener.unique()
    started = log.model.people.channel != 0          # 0 = customer from the start
    never = np.setdiff1d(np.flatnonzero(started), heard_bad)
    return never
