"""Attitude: each person's propensity to buy (a prospect) or to buy again (a customer).

Attitude is separate from expectation. Expectation is the reference a service encounter
is judged against (disconfirmation); attitude is what word of mouth moves. The impact of
a message follows East, Hammond & Lomax (2008): it depends on the listener's
pre-message propensity a (latitude: praise closes a share of the room to rise, 1 - a,
so it moves those unlikely to buy; bad news removes a share of a, so it moves those
likely to buy), on the strength of expression (a message's weight: an enemy's counts
more than a mild complaint, a retold one less), and on whether the brand is the
listener's own: own customers resist, bad news deters acquisition
`criticism_acquisition_ratio` times more than retention, praise
`praise_acquisition_ratio` times more. Between messages attitude returns to its
baseline with `attitude_memory_months`.

A prospect's chance to adopt by any channel scales with a / prospect_attitude (at most
1); a customer whose attitude fell below the baseline carries an extra hazard of leaving
for a friend's brand, `attitude_churn_rate` x the share of attitude lost.
"""

from __future__ import annotations

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population


def impacts(params: Params, customer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per listener, the share of room one unit of praise closes and the share of
    attitude one unit of bad news removes (own customers resist both, unequally)."""
    a = params.attitude
    praise = np.where(customer, a.praise_impact / a.praise_acquisition_ratio,
                      a.praise_impact)
    criticism = np.where(customer, a.criticism_impact / a.criticism_acquisition_ratio,
                         a.criticism_impact)
    return praise, criticism


def shifted(attitude: np.ndarray, praise: np.ndarray, criticism: np.ndarray,
            k_praise: np.ndarray, k_criticism: np.ndarray) -> np.ndarray:
    """Attitude after `criticism` units of bad news and `praise` units of praise, each
    unit applied on the attitude left by the one before (latitude)."""
    from simulation.attitude.kernels import shift_all  # compiled on first use
    arrays = np.broadcast_arrays(attitude, praise, criticism, k_praise, k_criticism)
    return shift_all(*(np.ascontiguousarray(a, np.float64) for a in arrays))


def listen(pop: Population, positive: np.ndarray, negative: np.ndarray,
           params: Params) -> None:
    """Prospects and customers who heard something this step move their attitude;
    `positive` and `negative` are strength-weighted message counts per person."""
    if not params.attitude.attitude_enabled:
        return
    from simulation.attitude.kernels import listen as listen_all  # compiled on first use
    praise, criticism = impacts(params, np.array([False, True]))  # prospect, customer
    listen_all(pop.status, pop.attitude, positive, negative, praise, criticism)


def fade(pop: Population, params: Params, clock: Clock) -> None:
    """What was heard fades: attitude relaxes toward the baseline of the person's status."""
    a = params.attitude
    if not a.attitude_enabled:
        return
    from simulation.attitude.kernels import fade as fade_all  # compiled on first use
    keep = np.float32(np.exp(-clock.dt / a.attitude_memory_months))
    fade_all(pop.status, pop.attitude, float(a.customer_attitude), float(a.prospect_attitude),
             keep)


def acceptance(pop: Population, prospects: np.ndarray, params: Params) -> np.ndarray:
    """Factor on a prospect's adoption chance: attitude / baseline, at most 1; 0 for a
    rejecter."""
    a = params.attitude
    if not a.attitude_enabled:
        return np.ones(prospects.size)
    from simulation.attitude.kernels import acceptance as accept_all  # compiled on first use
    return accept_all(np.ascontiguousarray(prospects, np.int64), pop.attitude, pop.rejecter,
                      np.float32(a.prospect_attitude))


def churn_hazard(pop: Population, active: np.ndarray, params: Params) -> np.ndarray:
    """Monthly hazard of leaving for a friend's brand: rate x share of attitude lost."""
    a = params.attitude
    lost_share = np.maximum(1.0 - pop.attitude[active] / a.customer_attitude, 0.0)
    return a.attitude_churn_rate * lost_share


def leavers(pop: Population, active: np.ndarray, params: Params, clock: Clock,
            rng: np.random.Generator) -> np.ndarray:
    """Customers whose soured attitude makes them leave this step."""
    if not params.attitude.attitude_enabled or active.size == 0:
        return active[:0]
    from simulation.attitude.kernels import at_risk as find_at_risk  # compiled on first use
    a = params.attitude
    at_risk, hazard = find_at_risk(np.ascontiguousarray(active, np.int64), pop.attitude,
                                   np.float32(a.customer_attitude),
                                   np.float32(a.attitude_churn_rate))
    leave = rng.random(at_risk.size) < -np.expm1(-hazard * clock.dt)
    return active[at_risk[leave]]
