"""`ripple sweep`: run a scenario's design (grid, random, Latin, Sobol, Morris or listed
cases) under each of its strategies, store every run, and rank the parameters that
drive profit NPV and retention (SALib indices)."""

from __future__ import annotations

import argparse
import dataclasses
import math
from typing import TYPE_CHECKING

from experiments.cli import command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    describe_run,
    output_dir,
    refuse_oversized,
    scenario_from_args,
)
from experiments.errors import UsageError
from experiments.reporting.words import (
    amount,
    difference_text,
    index_words,
    metric_words,
    num,
    parameter_label,
    strategy_words,
)
from experiments.scenarios.parts import DESIGNS, SAMPLED
from experiments.scenarios.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd


def _importance(row) -> str:
    """'ad budget 0.42', or '... 0.003 (within noise)' unless the index is clear above zero."""
    from experiments.analysis.stats import HIGHER, WITHIN_NOISE, verdict
    conf = 0.0 if math.isnan(row.conf) else row.conf
    above = verdict(row.index - conf, row.index + conf) == HIGHER
    return (f"{parameter_label(row.parameter)} {num(max(row.index, 0.0))}"
            + ("" if above else f" ({WITHIN_NOISE})"))


def format_drivers(method: str, strategy: str, tables: dict[str, pd.DataFrame]) -> str:
    lines = [f"What drives the results ({strategy_words(strategy)}; importance = "
             f"{index_words(method)}):"]
    for metric, table in tables.items():
        ranked = ", ".join(_importance(r) for r in table.itertuples())
        lines.append(f"  {metric_words(metric):<14}{ranked}")
    return "\n".join(lines)


def format_cases(scenario: Scenario, runs: pd.DataFrame) -> str:
    from experiments.analysis.compare import paired_difference
    """One line per case: mean metric per strategy, and the headline difference."""
    metric, labels = scenario.metric, list(scenario.strategies)
    pair, currency = scenario.headline, scenario.params.economics.currency
    head = "".join(f"{strategy_words(k)[:21]:>23}" for k in labels)
    versus = f"   {strategy_words(pair[0])} - {strategy_words(pair[1])} [95% CI]" if pair else ""
    lines = [f"  {'case':<30}{head}{versus}"]
    for case, group in runs.groupby("case", sort=False):
        means = group.groupby("strategy")[metric].mean()
        row = f"  {str(case)[:29]:<30}" + "".join(f"{amount(means[k], metric, currency=currency):>23}"
                                                for k in labels)
        if pair:
            d = paired_difference(group, metric, *pair)
            row += f"   {difference_text(d.mean, d.low, d.high, metric, currency)}, {d.verdict}"
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
    from experiments.analysis.designs import design_points, point_count
    from experiments.analysis.sweep import drivers, run_sweep
    from experiments.reporting.report import write_report
    backend, root = backend_from_args(args), output_dir(args, scenario)
    points = point_count(scenario.sweep)
    runs_planned = points * len(scenario.strategies) * scenario.replications
    refuse_oversized(scenario, runs_planned, backend, args.force)
    design = design_points(scenario.sweep, scenario.params, scenario.seed)
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
        print(f"Report: {write_report(root)}")
    return 0
