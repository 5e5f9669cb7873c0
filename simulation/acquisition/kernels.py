"""Compiled organic adoption: one pass over the prospects of a step.

A prospect adopts with 1 - (1 - p_ad)(1 - p_wom), p_wom = 1 - miss^heard, scaled by
its acceptance (attitude over the baseline, at most 1; none for a rejecter); an adopter
credits word of mouth with p_wom / (p_ad + p_wom). Draws come from the model's
Generator: one per prospect, and a second only for adopters.
"""

from __future__ import annotations

import numba
import numpy as np

from simulation.attitude.kernels import accept_one


@numba.njit(cache=True)
def organic(prospects, exposure, attitude, rejecter, p_ad, miss, baseline, attitude_on, rng):
    """Masks over `prospects`: who adopts, and who of them by referral."""
    adopt = np.zeros(prospects.size, np.bool_)
    by_wom = np.zeros(prospects.size, np.bool_)
    for j in range(prospects.size):
        i = prospects[j]
        heard = exposure[i]
        p_wom = 1.0 - miss ** heard if heard > 0 else 0.0
        accept = accept_one(attitude[i], rejecter[i], baseline) if attitude_on else 1.0
        p_any = (1.0 - (1.0 - p_ad) * (1.0 - p_wom)) * accept
        if rng.random() < p_any:
            adopt[j] = True
            by_wom[j] = rng.random() < p_wom / (p_ad + p_wom)
    return adopt, by_wom
