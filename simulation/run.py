"""The pure entry point: parameters and a seed in, result tables out.

Module-level and free of global state, so process pools, Dask workers, SALib and the
notebooks all call the same function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from simulation.horizon import check_horizon, check_seed
from simulation.model import CustomerModel
from simulation.parameters.params import Params
from simulation.state import Population


@dataclass
class RunResult:
    """What one run produces: the per-step table, the per-run summary, the complaint
    recovery table, and everyone's final state (for per-customer tables)."""

    timeseries: pd.DataFrame
    summary: dict[str, Any]
    recovery: pd.DataFrame
    people: Population
    firms: pd.DataFrame | None = None   # one row per step per firm (several firms only)


def run(params: Params | None = None, seed: int | None = 0, months: float = 60.0, *,
        firm_changes: tuple = (), **overrides: Any) -> RunResult:
    """Simulate one market for `months` (at least one step) and return its tables;
    `firm_changes` are (month, firm, settings) changes made between steps, in month order
    (a rival's response, `simulation.rival_response`)."""
    model = CustomerModel(params, rng=None if seed is None else check_seed(seed), **overrides)
    check_horizon(months, model.dt)
    advance(model, months, firm_changes)
    return RunResult(model.timeseries, model.summary(), model.ledger.recovery_table(),
                     model.people, model.firm_timeseries if model.rivals else None)


def advance(model: CustomerModel, months: float, firm_changes: tuple = ()) -> CustomerModel:
    """Run `model` to month `months`, making each (month, firm, settings) change between
    steps when its month comes (in month order)."""
    for month, firm, settings in sorted(firm_changes, key=lambda change: change[:2]):
        if month > model.month:
            model.run(min(month, months) - model.month)
        model.set_firm(firm, **dict(settings))
    if months > model.month:
        model.run(months - model.month)
    return model
