"""What one step did, by name: the ledger's per-step columns, declared once.

The phases of a step fill one `StepCounts` (typed fields, no string keys); the ledger
writes it as the step's row, in the order the fields are declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from simulation.levers import LeverUse
from simulation.state import CHURN_CAUSES


@dataclass
class StepCounts:
    """The step's flows: service, complaints, word of mouth, acquisition and losses."""

    encounters: int = 0
    failures: int = 0
    episodes: int = 0
    complaints: int = 0             # escalated to the management queue
    handled: int = 0                # complaints the queue handled this step
    abandoned: int = 0              # complaints given up unresolved in the queue
    frontline_complaints: int = 0
    frontline_resolved: int = 0
    positive_tellers: int = 0
    positive_messages: int = 0
    negative_tellers: int = 0
    negative_messages: int = 0
    relayed_tellers: int = 0
    relayed_messages: int = 0
    new_rejecters: int = 0
    new_advertising: int = 0
    new_referral: int = 0
    new_paid: int = 0
    followup_enrolled: int = 0
    lost: np.ndarray = field(default_factory=lambda: np.zeros(len(CHURN_CAUSES), np.int64))
    levers: LeverUse = field(default_factory=LeverUse)   # units bought and used, their cost

    def as_row(self) -> dict[str, float]:
        """The ledger columns: every count, then one `lost_<cause>` per churn cause, then
        each lever's units bought and used."""
        row = {f.name: getattr(self, f.name) for f in fields(self)
               if f.name not in ("lost", "levers")}
        row.update({f"lost_{c}": int(k) for c, k in zip(CHURN_CAUSES, self.lost)})
        row.update(self.levers.counts())
        return row
