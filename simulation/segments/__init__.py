"""Segments: observable tags (account size, age band) that shift the latent propensities.

Each person gets one segment, drawn once when the market is made and only when the
parameters name segments (`SegmentParams`), so a market without them draws nothing. A
segment's multipliers scale the per-person propensities at the one place each acts
(`people_traits`): revenue -> spend, churn -> churn propensity (the hazards of leaving for
causes no service episode explains), complaints -> complaint propensity. Where everyone
shared a propensity, the segment's multiplier becomes it. With referral likeness above 0
and spreads set (`people_traits.take_after`), a referred customer like their referrer
takes the referrer's propensities and segment (homophily in segment).

Large accounts' inertia (van Doorn & Verhoef 2008): a business account with no critical
incident yet (a serious failure or an unresolved complaint) who would leave for
dissatisfaction (an episode, a soured attitude, a friend's recommendation) stays with
chance `business_inertia`; after its first incident it leaves as anyone does.
"""

from __future__ import annotations

import numpy as np

from simulation.complaints import UNRESOLVED
from simulation.parameters.params import Params
from simulation.parameters.segments import SEGMENTS
from simulation.segments import targets
from simulation.state import ACTIVE, LOST, Population

BUSINESS = SEGMENTS.index("business")
SHIFTS = (("revenue", "spend"), ("churn", "churn_propensity"),
          ("complaints", "complaint_propensity"))


def draw(pop: Population, params: Params, rng: np.random.Generator) -> None:
    """Give everyone a segment and scale their propensities by its multipliers (nothing is
    drawn when the market has no segments)."""
    seg = params.segments
    if not seg.given:
        return
    shares = np.asarray(seg.shares(), float)
    pop.segment = rng.choice(len(SEGMENTS), pop.n, p=shares / shares.sum()).astype(np.int8)
    for key, trait in SHIFTS:
        factor = np.asarray(seg.multipliers(key), np.float32)
        if np.all(factor == 1.0):
            continue
        own = getattr(pop, trait)
        by_segment = factor[pop.segment]
        setattr(pop, trait, own * by_segment if own.size else by_segment)
    if seg.business_inertia > 0:
        pop.incident = np.zeros(pop.n, bool)
    targets.mark(pop, params)


def mark_incidents(pop: Population, done: np.ndarray, outcome: np.ndarray) -> None:
    """Closed episodes `done` with their `outcome`: a serious failure or an unresolved
    complaint is a critical incident (kept only when some account has inertia)."""
    if pop.incident.size and done.size:
        critical = pop.serious[done] | (outcome == UNRESOLVED)
        pop.incident[done[critical]] = True


def inertia_keeps(pop: Population, leavers: np.ndarray, params: Params,
                  rng: np.random.Generator) -> np.ndarray:
    """Mask over `leavers` (leaving for dissatisfaction) of those who do leave: business
    accounts with no critical incident yet stay with chance `business_inertia`."""
    leave = np.ones(leavers.size, bool)
    if not pop.incident.size or not leavers.size:
        return leave
    held = (pop.segment[leavers] == BUSINESS) & ~pop.incident[leavers]
    stay = rng.random(int(held.sum())) < params.segments.business_inertia
    leave[np.flatnonzero(held)[stay]] = False
    return leave


def segment_summary(pop: Population, params: Params) -> dict:
    """Per used segment: customers now, people ever customers, value (discounted margin,
    total and per customer ever), churned share and retention (customers / ever)."""
    out = {}
    if not pop.segment.size:
        return out
    for name in params.segments.used():
        mine = pop.segment == SEGMENTS.index(name)
        ever = mine & (pop.channel >= 0)
        n_ever = int(ever.sum())
        lost = int((ever & (pop.status == LOST)).sum())
        customers = int((mine & (pop.status == ACTIVE)).sum())
        value = float(pop.value[ever].sum())
        per = n_ever or float("nan")
        out[name] = {"customers": customers, "ever": n_ever, "value": value,
                     "clv": value / per, "churn": lost / per, "retention": customers / per}
    return out
