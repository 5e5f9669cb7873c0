"""Plain numpy reference of the churn kernel's per-person path (a customer's propensity
scaling all of their exogenous hazards), for the exact comparison in test_kernels.py."""

import numpy as np


def life_events(active, hazards, last_scale, dt, rng, propensity):
    """Leavers among `active` and each one's cause index, drawing as the kernel does: one
    number per customer, then one per leaver."""
    n, last = active.size, hazards.size - 1
    scaled = np.tile(hazards, (n, 1))
    scaled[:, -1] *= last_scale if last_scale.size else 1.0
    running = np.cumsum(scaled, axis=1)           # the kernel's running totals, in order
    total = running[:, -1]
    rate = total * propensity if propensity.size else total
    leave = rng.random(n) < -np.expm1(-rate * dt)
    draw = rng.random(int(leave.sum())) * total[leave]
    pick = (draw[:, None] >= running[leave]).sum(axis=1)
    return active[leave], np.minimum(pick, last)
