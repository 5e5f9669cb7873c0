"""Customers differ: latent per-person propensities, drawn once when the market is made.

Each propensity multiplies one rate at the one place it acts, so the mechanisms stay as
they are and a market whose spreads are all 0 draws nothing (the one-rate model, bit for
bit):

- churn propensity: the hazards of leaving for causes no service episode explains
  (`churn.life_events`). A person's yearly chance of leaving for them, theta, is Beta
  with the market's mean (1 - exp(-yearly hazard)) and the set polarization, so a cohort
  follows the shifted-beta-geometric curve (Fader & Hardie 2007): retention rises with
  tenure because the churn-prone leave first, though nobody's own rate changes.
- frailty: the same person's proneness to leave, as a factor with mean 1 over the
  market's people as drawn (their churn propensity over its mean), on the hazard of
  leaving after an unhappy episode, for a soured attitude (`attitude.leavers`) and to
  follow a friend to a rival (`word_of_mouth.hear`, each bad word a hazard; both small,
  so the mean-1 frailty keeps their averages to first order): one frailty multiplying
  the hazard of every cause is the shared-frailty model (Vaupel, Manton & Stallard
  1979), the churn-prone are churn-prone whatever makes them leave. After an episode
  whose outcome keeps a share s of customers (TARP's table, `complaints`), a person
  stays with chance s ** (frailty x k), k set once per outcome so that the average over
  the market's people is still s: the table is an average over customers who differ,
  and a bare s ** frailty would raise it (Jensen's inequality), most for the outcomes
  few survive. Where more than s of the people are
  nearly immune (frailty near 0) no k can bring the average down to s; k then stops at
  exp(20) and the average stays above s. Segments' churn multipliers do not enter the
  frailty: they scale only the causes no episode explains (`segments`).
- spend: revenue per customer-month (`economics.settle_accounts`), Gamma, mean 1.
- talkativeness: the praise and critics' telling rates (`word_of_mouth`), Gamma, mean 1.
- complaint propensity: the chance an unhappy customer speaks up (`complaints.speak_up`),
  Gamma, mean 1.
- fit: quality points by which a person joins expecting less than the firm delivers (a
  poor fit: more). It sets the expectation of the initial customers and of each
  newcomer; as expectations learn from encounters the offset fades. A newcomer's spend
  moves with their fit by as much of it as is still unlearned (`fit`).

The month-0 customers are survivors: their churn propensities are the shifted-beta-
geometric posterior after a tenure drawn from the steady state (`survivors`), so an
existing base leaves less than a new cohort (Fader & Hardie 2007); `base_survived`
false makes them a fresh draw like newcomers.

Referral likeness (homophily): with chance `likeness` a referred customer is like their
referrer and takes all of their propensities, and their segment when the market has
segments (so the tag and the shifts it made stay together); otherwise they keep their
own. Prospects' propensities act only once they are customers, so this is the same as
friends having been alike all along. Copying, not averaging, keeps the spread: an average of two draws
would make the referred more alike than people are, and with a frailty a less spread
group loses more of itself (a cohort's survival is the mean of exp(-frailty x hazard)).
Referrers are customers who stayed and praise, so with likeness above 0 the referred
inherit the stayers' lower churn (Schmitt, Skiera & Van den Bulte 2011 find referred
customers more loyal and more valuable).
"""

from __future__ import annotations

import numpy as np

from simulation.complaints import stay_table
from simulation.parameters.params import Params
from simulation.people_traits.survivors import sort_the_base
from simulation.state import ACTIVE, Population

SOLVE_SAMPLE = 50_000   # people the stay exponents average over (drawn in random order)
TRAITS = ("churn_propensity", "frailty", "spend", "talkativeness", "complaint_propensity",
          "fit")


def yearly_exogenous_hazard(params: Params) -> float:
    """Yearly hazard of all the causes the churn propensity scales."""
    c = params.churn
    return c.death_rate + c.moving_rate + c.taste_change_rate + c.better_deal_rate


def beta_shape(mean: float, polarization: float) -> tuple[float, float]:
    """Beta (alpha, beta) with this mean and polarization 1 / (alpha + beta + 1)."""
    total = (1.0 - polarization) / polarization
    return mean * total, (1.0 - mean) * total


def polarization_for_shape(alpha: float, yearly_hazard: float) -> float:
    """The polarization 1 / (alpha + beta + 1) of the Beta with shape `alpha` whose mean
    is the yearly chance of leaving 1 - exp(-`yearly_hazard`) (alpha / mean = alpha + beta)."""
    return 1.0 / (alpha / -np.expm1(-yearly_hazard) + 1.0)


def churn_multipliers(n: int, yearly_hazard: float, polarization: float,
                      rng: np.random.Generator) -> np.ndarray:
    """Per person, the factor on the yearly hazard that makes their yearly chance of
    leaving theta ~ Beta(mean 1 - exp(-hazard), polarization)."""
    alpha, beta = beta_shape(-np.expm1(-yearly_hazard), polarization)
    theta = np.minimum(rng.beta(alpha, beta, n), 1.0 - 1e-12)
    return (-np.log1p(-theta) / yearly_hazard).astype(np.float32)


def relative(multipliers: np.ndarray) -> np.ndarray:
    """The multipliers over their mean (in double precision): mean 1 over the people."""
    return (multipliers / multipliers.astype(np.float64).mean()).astype(np.float32)


def stay_exponents(frailty: np.ndarray, stay: np.ndarray, sample: int = SOLVE_SAMPLE,
                   iterations: int = 60) -> np.ndarray:
    """Per chance to stay s (any shape), the k with mean(s ** (frailty x k)) = s over the
    first `sample` people (bisection on log k within +-20; no random draw); 1 where s
    is 0 or 1."""
    z = frailty[:sample].astype(np.float64)[:, None]
    flat = stay.ravel()
    hazard = -np.log(np.clip(flat, 1e-300, 1.0))
    low, high = np.full(flat.size, -20.0), np.full(flat.size, 20.0)
    for _ in range(iterations):
        mid = (low + high) / 2
        too_many = np.exp(-hazard * np.exp(mid) * z).mean(axis=0) > flat  # k must grow
        low, high = np.where(too_many, mid, low), np.where(too_many, high, mid)
    k = np.exp((low + high) / 2)
    return np.where((flat <= 0.0) | (flat >= 1.0), 1.0, k).reshape(stay.shape)


def mean_one_gamma(n: int, cv: float, rng: np.random.Generator) -> np.ndarray:
    """Gamma multipliers with mean 1 and coefficient of variation `cv`."""
    return rng.gamma(1.0 / cv**2, cv**2, n).astype(np.float32)


def draw(pop: Population, params: Params, rng: np.random.Generator) -> None:
    """Give everyone their latent propensities (nothing is drawn for a spread of 0), and
    the initial customers the expectation their fit gives."""
    t, n = params.traits, pop.n
    hazard = yearly_exogenous_hazard(params)
    if t.churn_polarization > 0 and hazard > 0:
        draw_churn(pop, params, hazard, rng)
    for name, cv in (("spend", t.spend_cv), ("talkativeness", t.talk_cv),
                     ("complaint_propensity", t.complaint_cv)):
        if cv > 0:
            setattr(pop, name, mean_one_gamma(n, cv, rng))
    if t.fit_sd > 0:
        pop.fit = rng.normal(0.0, t.fit_sd, n).astype(np.float32)
        expect_by_fit(pop, np.flatnonzero(pop.status == ACTIVE))


def draw_churn(pop: Population, params: Params, hazard: float,
               rng: np.random.Generator) -> None:
    """Churn propensities and frailties; the stay exponents are solved over the people as
    drawn (TARP's table holds for newcomers), then the month-0 customers become
    survivors (`survivors`) when `base_survived`."""
    polarization = params.traits.churn_polarization
    drawn = churn_multipliers(pop.n, hazard, polarization, rng)
    pop.frailty = relative(drawn)
    pop.stay_exponent = stay_exponents(pop.frailty, stay_table(params))
    if params.traits.base_survived:
        pop.frailty = sort_the_base(drawn, np.flatnonzero(pop.status == ACTIVE),
                                    *beta_shape(-np.expm1(-hazard), polarization), hazard, rng)
    pop.churn_propensity = drawn


def expect_by_fit(pop: Population, idx: np.ndarray) -> None:
    """New customers `idx` expect less than otherwise by their fit (a poor fit: more)."""
    if pop.fit.size and idx.size:
        pop.expectation[idx] = np.clip(pop.expectation[idx] - pop.fit[idx], 0.0, 1.0)


def take_after(pop: Population, referred: np.ndarray, referrers: np.ndarray,
               likeness: float, rng: np.random.Generator) -> None:
    """With chance `likeness` each referred customer takes all of their referrer's
    propensities and segment (homophily); the others keep their own. One draw per
    referred customer."""
    if likeness <= 0 or referred.size == 0:
        return
    alike = rng.random(referred.size) < likeness
    who, whom = referred[alike], referrers[alike]
    for name in TRAITS:
        trait = getattr(pop, name)
        if trait.size:
            trait[who] = trait[whom]
    if pop.segment.size:        # and their segment, whose shifts the propensities carry
        pop.segment[who] = pop.segment[whom]
        for reached in pop.targeted.values():
            reached[who] = reached[whom]


def settle_in(pop: Population, adoptions, referrers: np.ndarray, params: Params,
              rng: np.random.Generator) -> None:
    """This step's new customers: the referred take after their referrers, then everyone
    new expects by their fit (after `acquisition.channels.settle_in` set the channel's
    expectation). Draws nothing when everyone is alike."""
    if not params.traits.differ:
        return
    take_after(pop, adoptions.referral, referrers, params.traits.referral_likeness, rng)
    for idx in (adoptions.advertising, adoptions.referral, adoptions.paid):
        expect_by_fit(pop, idx)
