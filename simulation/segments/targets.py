"""Levers aimed at one segment: follow-up, paid acquisition and service quality.

A firm may buy a lever for one segment's customers only (`policy.followup_segment`,
`paid_segment`, `quality_segment`; '' = everyone). Who a lever reaches is one boolean per
person, marked once when the market is made (`mark`); each step reads it for the people
it concerns (`reached`), so aiming adds no loop and no draw. Aiming needs segments; the
parameters refuse a segment the market has no people in.
"""

from __future__ import annotations

import numpy as np

from simulation.parameters.params import Params
from simulation.parameters.segments import SEGMENTS
from simulation.state import Population

LEVERS = ("followup", "paid", "quality")


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
