"""The front line: the first tier of complaint handling (Goodman's correction of TARP).

Goodman (Quality Progress, 2005): "only 4% complain" is wrong; about half of customers
with a problem complain to a front-line person, and only 1-5% escalate to a manager.
So a complaint first meets the front line, which resolves `frontline_resolution_share`
of them on the spot (a quick resolution, at `frontline_cost` each); of the rest,
`escalation_share` escalate to the management queue (`complaints.serve_queue`) and the
others end unresolved. With no front line (share 0, escalation 1, the folklore preset)
every complaint goes to the queue and F6's 1 in 25 is the share that reaches management,
and no front-line cost is booked. Empowering the front line is a lever bought per
complaint taken (`costs.empowerment_cost_per_complaint`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population


@dataclass
class Desk:
    """What the front line did with one step's complaints."""

    resolved: np.ndarray     # settled on the spot
    unresolved: np.ndarray   # not settled and not escalated
    escalated: np.ndarray    # sent to the management queue


def take_complaints(pop: Population, complainers: np.ndarray, params: Params, clock: Clock,
                    rng: np.random.Generator, empowered: int = 0) -> Desk:
    """Settle, drop or escalate each new complaint; escalated ones join the queue. Up to
    `empowered` complaints (bought per complaint) meet a trained, empowered agent who
    settles `empowered_resolution_share` of them instead of the usual share."""
    c = params.complaints
    if empowered > 0 and complainers.size:
        share = np.full(complainers.size, c.frontline_resolution_share)
        share[:empowered] = params.costs.empowered_resolution_share
        settled = rng.random(complainers.size) < share
    else:
        settled = _draw(rng, complainers.size, c.frontline_resolution_share)
    rest = complainers[~settled]
    up = _draw(rng, rest.size, c.escalation_share)
    escalated = rest[up]
    pop.waiting[escalated] = True
    pop.complained_at[escalated] = clock.start + rng.random(escalated.size) * clock.dt
    return Desk(complainers[settled], rest[~up], escalated)


def _draw(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    """n coin flips at `share` (no draws when the answer is certain)."""
    if share <= 0.0:
        return np.zeros(n, bool)
    if share >= 1.0:
        return np.ones(n, bool)
    return rng.random(n) < share
