"""Sweeps: a scenario's design (grid, random, Latin, Sobol, Morris or listed cases) run
under each of its strategies with common random numbers, stored, and the parameters that
drive profit NPV and retention ranked (SALib indices, see `sensitivity`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from experiments.analysis.compare import compare_plan
from experiments.analysis.designs import design_points, point_overrides
from experiments.analysis.sensitivity import rank_parameters
from experiments.errors import ScenarioError
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.runs import RunSpec
from experiments.execution.storage import ResultStore, write_atomic
from experiments.scenarios.scenario import Scenario
from simulation import ParameterError

DRIVER_METRICS = ("profit_npv", "retention")


def sweep_plan(scenario: Scenario, design: pd.DataFrame) -> list[RunSpec]:
    """Every design point x strategy x replication; replication seeds are shared by all
    points and strategies (common random numbers across the whole sweep)."""
    names = scenario.sweep.names
    specs: list[RunSpec] = []
    for _, point in design.iterrows():
        overrides = point_overrides(point, names)
        i = int(point["point"])
        try:
            params = scenario.params.replace(**overrides)
        except ParameterError as err:
            raise ScenarioError(f"{scenario.source}: sweep point {i} {overrides}: {err}") from None
        extra = {"point": i, **({"case": point["case"]} if "case" in point else {})}
        specs += compare_plan(scenario, params, prefix=f"p{i:05d}-", keep_customers=False,
                              extra=extra)
    return specs


def run_sweep(scenario: Scenario, root: Path, backend: Backend
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run (or resume) the sweep; returns the design table and the run table."""
    design = design_points(scenario.sweep, scenario.params, scenario.seed)
    specs = sweep_plan(scenario, design)
    store = ResultStore(root / "sweep")
    spec = scenario.sweep
    meta = {"scenario": scenario.describe(),
            "sweep": {"design": spec.design, "parameters": spec.names,
                      "samples": spec.samples, "levels": spec.levels, "points": len(design)}}
    store.prepare("sweep", specs, meta)
    write_atomic(store.root / "design.parquet", lambda tmp: design.to_parquet(tmp, index=False))
    execute(specs, backend=backend, store=store, desc="sweep")
    return design, store.runs()


def drivers(scenario: Scenario, design: pd.DataFrame, runs: pd.DataFrame,
            strategy: str) -> dict[str, pd.DataFrame]:
    """Parameter rankings for profit NPV and retention (sampled and grid designs)."""
    spec = scenario.sweep
    return {metric: rank_parameters(design, runs, metric, strategy, spec.design, spec.names,
                                    spec.levels, scenario.seed)
            for metric in DRIVER_METRICS}
