"""Fit and spend: a customer whose taste fits the firm buys more of its offer at first.

A new customer's spend is scaled by 1 + `fit_spend` x fit x remaining, floored at 0, where
remaining is the share of the fit's offset in their expectation still unlearned: each
service encounter closes `expectation_learning` of it, so over Poisson encounters at
`encounter_rate` a month the mean share left after m months as a customer is
exp(-encounter_rate x expectation_learning x m) (as the paradox's glow fades,
`service.fade_glow`). The firm and the customer learn each other at one rate: the good
fit's extra spend fades as the poor fit's shortfall is worked out (Schmitt, Skiera & Van
den Bulte 2011 find referred customers' margin higher at first, the gap fading with
tenure). The month-0 base (customers since step 0) has been known a long while: no
offset. Nothing changes when customers do not differ in fit or `fit_spend` is 0.
"""

from __future__ import annotations

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.state import Population


def unlearned(months: np.ndarray, params: Params) -> np.ndarray:
    """Mean share of a fit's offset still unlearned after `months` as a customer."""
    s = params.service
    return np.exp(-s.encounter_rate * s.expectation_learning * months)


def spend_by_fit(pop: Population, active: np.ndarray, params: Params,
                 clock: Clock) -> np.ndarray | None:
    """Per customer of `active`, the factor on their spend their fit makes this step, or
    None when fit does not move spend."""
    if not pop.fit.size or params.traits.fit_spend <= 0 or not active.size:
        return None
    since = pop.customer_since[active]
    factor = np.ones(active.size)
    new = np.flatnonzero(since > 0)         # the month-0 base keeps 1
    left = unlearned((clock.step - since[new]) * clock.dt, params)
    factor[new] = np.maximum(1.0 + params.traits.fit_spend * pop.fit[active[new]] * left, 0.0)
    return factor
