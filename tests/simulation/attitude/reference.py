"""Attitude's passes written out plainly in numpy: the oracle the compiled kernels of
`simulation.attitude.kernels` are compared with, exactly (moved in float64, stored as
float32, as the kernels do)."""

import numpy as np

from simulation.state import ACTIVE, LOST


def shifted(attitude, praise, criticism, k_praise, k_criticism):
    """Bad news first, then praise, each unit on what the one before left."""
    attitude = np.asarray(attitude, np.float64)
    keep_bad = np.where(criticism != 0, (1.0 - k_criticism) ** criticism, 1.0)
    keep_room = np.where(praise != 0, (1.0 - k_praise) ** praise, 1.0)
    after_bad = attitude * keep_bad
    return np.where(praise != 0, 1.0 - (1.0 - after_bad) * keep_room, 1.0 - (1.0 - after_bad))


def fade(status, attitude, customer_base, prospect_base, keep):
    base = np.where(status == ACTIVE, customer_base, prospect_base)
    attitude[:] = (base + (attitude.astype(np.float64) - base) * np.float64(keep)).astype(
        np.float32)


def listen(status, attitude, positive, negative, praise, criticism):
    heard = np.flatnonzero(((positive > 0) | (negative > 0)) & (status != LOST))
    kind = (status[heard] == ACTIVE).astype(np.int64)        # 0 prospect, 1 customer
    attitude[heard] = shifted(attitude[heard], positive[heard], negative[heard],
                              praise[kind], criticism[kind]).astype(np.float32)


def acceptance(idx, attitude, rejecter, baseline):
    return np.where(rejecter[idx], np.float32(0.0),
                    np.minimum(attitude[idx] / baseline, np.float32(1.0))).astype(np.float32)


def leavers(pop, active, params, clock, rng):
    """Customers whose soured attitude makes them leave: float32 hazards, as stored."""
    a = params.attitude
    lost_share = np.maximum(1.0 - pop.attitude[active] / a.customer_attitude, 0.0)
    hazard = a.attitude_churn_rate * lost_share
    at_risk = np.flatnonzero(hazard > 0)
    leave = rng.random(at_risk.size) < -np.expm1(-hazard[at_risk] * clock.dt)
    return active[at_risk[leave]]
