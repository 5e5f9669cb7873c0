"""Acquisition channel: how a customer was won shapes what they expect and how they stay.

A referred customer arrives with the expectation their referrer holds (a friend's
account of the service, learned from experience) and with a tie to a current customer:
a higher starting attitude (`referral_attitude`) and, while the referrer stays, a
smaller hazard of leaving for a better deal (`referral_tie_hazard_ratio`). Customers won
by marketing (advertising, paid) arrive with the expectation the promise set
(`marketing_promise_gap` above their own; gap 4, delivery vs promises). Villanueva, Yoo &
Hanssens (2008) find word-of-mouth customers worth nearly twice as much in the long run;
here the direction follows from these mechanisms and the size is measured, not set.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from simulation.parameters.params import Params
from simulation.state import ACTIVE, CHANNEL, CHANNELS, LOST, Population


def settle_in(pop: Population, adoptions, referrers: np.ndarray, params: Params) -> None:
    """Give this step's new customers the expectation, attitude and tie of their channel."""
    a = params.attitude
    referred = adoptions.referral
    pop.referrer[referred] = referrers
    pop.expectation[referred] = pop.expectation[referrers]
    pop.attitude[referred] = a.referral_attitude
    marketed = np.concatenate([adoptions.advertising, adoptions.paid])
    pop.attitude[marketed] = a.customer_attitude
    raised = pop.expectation[marketed] + a.marketing_promise_gap
    pop.expectation[marketed] = np.minimum(raised, 1.0)


def better_deal_scale(pop: Population, active: np.ndarray, params: Params) -> np.ndarray:
    """Per active customer, the factor on the better-deal hazard: referred customers whose
    referrer is still a customer are held by the tie."""
    referrer = pop.referrer[active]
    referred = np.flatnonzero(referrer >= 0)  # the few to look up
    scale = np.ones(active.size)
    scale[referred[pop.status[referrer[referred]] == ACTIVE]] = \
        params.attitude.referral_tie_hazard_ratio
    return scale


def channel_table(pop: Population, step_months: float,
                  now_step: int) -> dict[str, dict[str, Any]]:
    """Per acquisition channel: customers won, mean value so far (discounted margin),
    share still customers 12 months after joining (of those who joined at least 12
    months ago; None when nobody did), and referrals brought per customer."""
    window = int(round(12.0 / step_months))
    table = {}
    for name in CHANNELS:
        won = pop.channel == CHANNEL[name]
        old = won & (pop.customer_since <= now_step - window)
        gone = old & (pop.status == LOST) & (pop.lost_at - pop.customer_since <= window)
        count = int(won.sum())
        table[name] = {
            "customers": count,
            "mean_value": float(pop.value[won].mean()) if count else 0.0,
            "retention_12m": float(1 - gone.sum() / old.sum()) if old.any() else None,
            "referrals_per_customer": float(pop.referrals[won].mean()) if count else 0.0,
        }
    return table
