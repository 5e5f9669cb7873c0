"""`ripple sweep`: run a scenario's design (grid, random, Latin, Sobol, Morris or listed
cases) under each of its strategies, store every run, and rank the parameters that
drive profit NPV and retention (SALib indices)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pandas as pd

from experiments.analysis.compare import compare_plan, paired_difference
from experiments.analysis.designs import design_points, point_overrides
from experiments.analysis.sensitivity import INDEX_NAMES, rank_parameters
from experiments.cli import UsageError, command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    describe_run,
    output_dir,
    scenario_from_args,
)
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import RunSpec
from experiments.execution.storage import ResultStore, write_atomic
from experiments.reporting.words import interval, metric_words, num, parameter_label, strategy_words
from experiments.scenarios.parts import DESIGNS, SAMPLED
from experiments.scenarios.scenario import Scenario
from experiments.scenarios.table import ScenarioError
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


def format_drivers(method: str, strategy: str, tables: dict[str, pd.DataFrame]) -> str:
    lines = [f"What drives the results ({strategy_words(strategy)}; importance = "
             f"{INDEX_NAMES[method]}):"]
    for metric, table in tables.items():
        ranked = ", ".join(
            f"{parameter_label(r.parameter)} {max(r.index, 0.0):.2f}"
            + ("" if r.index - (r.conf if r.conf == r.conf else 0) > 0 else " (within noise)")
            for r in table.itertuples())
        lines.append(f"  {metric_words(metric):<14}{ranked}")
    return "\n".join(lines)


def format_cases(scenario: Scenario, runs: pd.DataFrame) -> str:
    """One line per case: mean metric per strategy, and the headline difference."""
    metric, labels = scenario.metric, list(scenario.strategies)
    pair = scenario.headline
    head = "".join(f"{strategy_words(k)[:21]:>23}" for k in labels)
    versus = f"   {strategy_words(pair[0])} - {strategy_words(pair[1])} [95% CI]" if pair else ""
    lines = [f"  {'case':<30}{head}{versus}"]
    for case, group in runs.groupby("case", sort=False):
        means = group.groupby("strategy")[metric].mean()
        row = f"  {str(case)[:29]:<30}" + "".join(f"{num(means[k]):>23}" for k in labels)
        if pair:
            d = paired_difference(group, metric, *pair)
            row += f"   {interval(d.mean, d.low, d.high)}"
        lines.append(row)
    return f"{metric_words(metric)} by case:\n" + "\n".join(lines)


def configure(p: argparse.ArgumentParser) -> None:
    add_scenario_args(p)
    add_backend_args(p)
    p.add_argument("--design", choices=[d for d in DESIGNS if d != "cases"],
                   help="override the scenario's design (sampled designs use low/high)")
    p.add_argument("--samples", type=int, help="points (random, latin) or base samples "
                                               "(sobol: N x (D+2) runs; morris: N x (D+1))")
    p.add_argument("--no-report", action="store_true", help="skip plots and summary")


def _with_design(scenario: Scenario, args: argparse.Namespace) -> Scenario:
    spec = scenario.sweep
    if spec is None:
        raise UsageError(f"{scenario.source}: sweep: missing; this scenario has no [sweep] "
                         "table (try complaint_speed_vs_cac or network_structure)")
    if args.samples is not None and args.samples < 1:
        raise UsageError(f"--samples {args.samples}: must be >= 1")
    design = args.design or spec.design
    if design in SAMPLED:
        fixed = [p.name for p in spec.parameters if p.values is not None] if \
            spec.design != "cases" else spec.names
        if fixed:
            raise UsageError(f"--design {design}: needs low and high for every parameter; "
                             f"{', '.join(fixed)} only list values")
    spec = dataclasses.replace(spec, design=design, samples=args.samples or spec.samples)
    return scenario.replace(sweep=spec)


@command("sweep", configure)
def sweep_command(args: argparse.Namespace) -> int:
    """Run a parameter sweep (grid, random, latin, sobol, morris) and rank its drivers."""
    scenario = _with_design(scenario_from_args(args), args)
    backend, root = backend_from_args(args), output_dir(args, scenario)
    design = design_points(scenario.sweep, scenario.params, scenario.seed)
    runs_planned = len(design) * len(scenario.strategies) * scenario.replications
    print(describe_run(scenario, backend, runs_planned) +
          f"; {scenario.sweep.design} design, {len(design)} points", flush=True)
    design, runs = run_sweep(scenario, root, backend)
    if scenario.sweep.design == "cases":
        print(format_cases(scenario, runs))
    else:
        for strategy in scenario.strategies:
            try:
                tables = drivers(scenario, design, runs, strategy)
            except ValueError as err:
                print(f"Parameter ranking skipped: {err}.")
                break
            print(format_drivers(scenario.sweep.design, strategy, tables))
    if not args.no_report:
        from experiments.reporting.report import write_report
        print(f"Report: {write_report(root)}")
    return 0
