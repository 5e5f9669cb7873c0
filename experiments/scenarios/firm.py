"""A firm profile loaded whole: read and checked on its own terms (`firm_profile`), then
its market built once (`firm_market`), so a value the model refuses is named by the
profile key that set it before any work starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from experiments.scenarios.firm_market import check_market
from experiments.scenarios.firm_profile import FirmProfile, parse_firm, read_firm


def load_firm(source: str | Path | None = None) -> FirmProfile:
    """Read and validate a firm profile (a path, or a shipped example by name)."""
    profile = read_firm(source)
    check_market(profile, profile.source)
    return profile


def firm_from_dict(data: dict[str, Any], where: str = "firm", name: str = "firm") -> FirmProfile:
    """Validate a parsed profile table, market included, and build the `FirmProfile`."""
    profile = parse_firm(data, where=where, name=name)
    check_market(profile, where)
    return profile
