"""Levers aimed at one segment: follow-up, paid acquisition, save offers, service quality.

A firm may buy a lever for one segment's customers only (`policy.followup_segment`,
`paid_segment`, `save_segment`, `quality_segment`; '' = everyone). Follow-up, paid
acquisition and save offers aimed at a segment have a budget of their own beside the
lever's budget for everyone, so one plan can buy both. Who a lever reaches is one boolean per
person, marked once when the market is made (`mark`); each step reads it for the people
it concerns (`reached`), so aiming adds no loop and no draw. Aiming needs segments; the
parameters refuse a segment the market has no people in.
"""

from __future__ import annotations

import numpy as np

from simulation.parameters.firm_groups import AIMED
from simulation.parameters.params import Params
from simulation.parameters.segments import SEGMENTS
from simulation.state import Population

LEVERS = AIMED


def mark(pop: Population, params: Params) -> None:
    """For each lever aimed at a segment, who belongs to it (people have segments)."""
    for lever in LEVERS:
        segment = getattr(params.policy, f"{lever}_segment")
        if segment:
            pop.targeted[lever] = pop.segment == SEGMENTS.index(segment)


def reached(pop: Population, lever: str, idx: np.ndarray) -> np.ndarray | None:
    """Mask over `idx` of those `lever` is aimed at, or None when it is aimed at everyone."""
    mask = pop.targeted.get(lever)
    return None if mask is None else mask[idx]


def segment_share(params: Params, lever: str) -> float:
    """Share of the market's people in the segment `lever` is aimed at (1: everyone)."""
    segment = getattr(params.policy, f"{lever}_segment")
    return getattr(params.segments, f"{segment}_share") if segment else 1.0
