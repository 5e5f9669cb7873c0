"""Organic adoption written out plainly in numpy: the oracle the compiled kernel of
`simulation.acquisition.kernels` is tested against (same rule, its own random stream)."""

import numpy as np

from simulation.acquisition import referral_conversion
from simulation.attitude import acceptance
from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population, per_step


def organic_adoption(pop: Population, prospects: np.ndarray, exposure: np.ndarray,
                     params: Params, clock: Clock, rng: np.random.Generator):
    """Prospects adopt from advertising or from positive messages heard this step.
    Returns masks over `prospects`: who adopts, and who of them by referral."""
    p_ad = per_step(params.acquisition.advertising_rate, clock.dt)
    miss = 1.0 - referral_conversion(params)
    heard = exposure[prospects]
    p_wom = np.zeros(prospects.size)
    told = np.flatnonzero(heard > 0)   # most prospects heard nothing this step
    p_wom[told] = 1.0 - np.power(miss, heard[told])
    p_any = (1.0 - (1.0 - p_ad) * (1.0 - p_wom)) * acceptance(pop, prospects, params)
    adopt = rng.random(prospects.size) < p_any
    wom_share = np.divide(p_wom, p_ad + p_wom, out=np.zeros_like(p_wom), where=p_any > 0)
    by_wom = adopt & (rng.random(prospects.size) < wom_share)
    return adopt, by_wom
