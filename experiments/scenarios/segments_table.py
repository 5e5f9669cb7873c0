"""The `[segments]` table of a scenario or firm profile: one sub-table per named segment.

    [segments.consumer]
    share = 0.8          # of the market's people (all shares sum to 1 within 0.001)
    [segments.business]
    share = 0.2
    revenue = 5.0        # revenue per customer-month, times the market's
    churn = 0.5          # hazard of leaving for causes no episode explains, times
    complaints = 0.7     # chance an unhappy customer complains, times
    inertia = 0.8        # business only: stays through dissatisfaction before an incident

Read into flat parameter overrides (``segments.business_share = 0.2``), so segments
travel inside `Params`: into run fingerprints, run tables, sweeps and resumes like any
parameter. Every problem names the file, the key, the value and the allowed range.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from experiments.scenarios.table import Table
from simulation.parameters.params import suggest
from simulation.parameters.segments import (
    KEYS,
    SEGMENTS,
    SHARE_TOLERANCE,
    SegmentParams,
)

INERTIA = "inertia"
LIMITS = {f.name: (f.metadata["low"], f.metadata["high"])
          for f in dataclasses.fields(SegmentParams)}


def read_segments(table: Table | None) -> dict[str, Any]:
    """Flat ``segments.<segment>_<key>`` overrides from a `[segments]` table ({} if absent)."""
    if table is None:
        return {}
    overrides: dict[str, Any] = {}
    for name in table.data:
        if name not in SEGMENTS:
            raise table.error(name, f"unknown segment{suggest(name, SEGMENTS)}; choose from "
                                    f"{', '.join(SEGMENTS)}")
        overrides.update(_read_one(table.table(name), name))
    shares = {n: overrides.get(f"segments.{n}_share", 0.0) for n in SEGMENTS}
    total = sum(shares.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        named = ", ".join(f"{n} {v:g}" for n, v in shares.items() if n in table.data)
        raise table.error("share", f"shares sum to {total:g} ({named}): must sum to 1 "
                                   f"(within {SHARE_TOLERANCE:g})")
    return overrides


def _read_one(table: Table, name: str) -> dict[str, Any]:
    allowed = KEYS + ((INERTIA,) if name == "business" else ())
    table.check_keys(allowed)
    if not table.has("share"):
        raise table.error("share", "missing (required): the segment's share of the people")
    out = {}
    for key in allowed:
        if table.has(key):
            field = "business_inertia" if key == INERTIA else f"{name}_{key}"
            low, high = LIMITS[field]
            out[f"segments.{field}"] = table.number(key, low=low, high=high)
    return out
