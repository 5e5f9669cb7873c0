"""The month-0 base as survivors: the customers a market starts with have already stayed a
while, so their chances of leaving are those of people who survived, not a fresh draw.

Fader & Hardie (2007, the shifted-beta-geometric model): with each customer's chance of
leaving per period theta ~ Beta(alpha, beta), those still customers after t periods have
theta ~ Beta(alpha, beta + t), since surviving t periods has likelihood (1 - theta) ** t.
An existing base therefore leaves less than a new cohort of the same market.

How long has a month-0 customer stayed? Take the steady state of the model's own hazards
with everyone alike: customers join at a constant rate and leave at a constant total
hazard H (every cause), so a customer present has a tenure ~ Exp(H) and has accrued a
cumulative hazard Lambda = H x tenure ~ Exp(1), whatever H is. Under the shared frailty
(`people_traits`), a person with frailty z = m / mean(m), m = -log(1 - theta) / h (h the
yearly hazard the propensity scales), survives that with chance exp(-z x Lambda) =
(1 - theta) ** (Lambda / (h x mean(m))): the sBG posterior after tau = Lambda / (h x
mean(m)) years, theta ~ Beta(alpha, beta + tau). One draw of Lambda and one of theta per
initial customer. The frailty stays relative to the people as drawn (newcomers keep mean
1), so the base's is lower. Nothing is drawn when everyone is alike.
"""

from __future__ import annotations

import numpy as np

NEAR_ONE = 1.0 - 1e-12


def survivor_thetas(alpha: float, beta: float, years_per_hazard: float, n: int,
                    rng: np.random.Generator) -> np.ndarray:
    """Yearly chances of leaving of `n` customers of a steady-state base: theta ~
    Beta(alpha, beta + tau), tau = Lambda x `years_per_hazard`, Lambda ~ Exp(1)."""
    tau = rng.exponential(1.0, n) * years_per_hazard
    return np.minimum(rng.beta(alpha, beta + tau), NEAR_ONE)


def sort_the_base(multipliers: np.ndarray, base: np.ndarray, alpha: float, beta: float,
                  yearly_hazard: float, rng: np.random.Generator) -> np.ndarray:
    """Replace the churn multipliers of the initial customers `base` (in place) by those
    of survivors; returns everyone's frailty, relative to the mean of the multipliers as
    drawn (read before the replacement), so newcomers keep mean 1."""
    mean = multipliers.astype(np.float64).mean()
    if base.size:
        theta = survivor_thetas(alpha, beta, 1.0 / (yearly_hazard * mean), base.size, rng)
        multipliers[base] = (-np.log1p(-theta) / yearly_hazard).astype(np.float32)
    return (multipliers / mean).astype(np.float32)
