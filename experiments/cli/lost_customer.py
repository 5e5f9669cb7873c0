"""`ripple lost-customer`: the value of one lost customer, with and without the
word-of-mouth ripple, tested against F10 ("one lost customer = ten new ones")."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.analysis.compare import t_interval
from experiments.analysis.lost_customer import VARIANT_WORDS, VARIANTS, LossSpec, simulate_loss
from experiments.cli import UsageError, command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    output_dir,
    scenario_from_args,
)
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.execution.storage import ResultStore
from experiments.reporting.text import per_customer_cell
from experiments.reporting.words import interval, money
from experiments.scenarios.scenario import Scenario
from simulation.strategies import apply_strategy

F10_RATIO = 10.0
ROWS = {"own_margin": "own margin", "referral_value": "referrals they would have brought",
        "wom_ripple": "word-of-mouth ripple and rest", "total": "total (profit NPV)",
        "customers": "customers at the end", "not_won": "new customers not won",
        "friends_followed": "customers who followed them out",
        "negative_messages": "extra negative messages"}


def loss_plan(scenario: Scenario) -> list[LossSpec]:
    spec = scenario.lost_customer
    if spec.at_month >= scenario.months:
        raise UsageError(f"{scenario.source}: lost_customer.at_month = {spec.at_month:g} must be "
                         f"before the horizon ({scenario.months:g} months)")
    label, strategy = next(iter(scenario.strategies.items()))
    params = apply_strategy(scenario.params, strategy)
    seeds = replication_seeds(scenario.seed, spec.replications)
    return [LossSpec(f"loss-r{r:03d}", params, seed, scenario.months, spec.at_month,
                     spec.customers, {"replication": r, "strategy": label})
            for r, seed in enumerate(seeds)]


def run_lost_customer(scenario: Scenario, root: Path, backend: Backend) -> pd.DataFrame:
    specs = loss_plan(scenario)
    store = ResultStore(root / "lost_customer")
    store.prepare("lost_customer", specs, {"scenario": scenario.describe(),
                                           "lost_customer": dataclasses.asdict(
                                               scenario.lost_customer)})
    execute(specs, simulate_loss, backend=backend, store=store, desc="lost customer")
    return store.runs()


def per_customer(runs: pd.DataFrame) -> pd.DataFrame:
    """Each part's mean per lost customer with a 95% CI over replications."""
    rows = []
    for variant in VARIANTS:
        for part in ROWS:
            values = runs[f"{variant}_{part}"] / runs["lost_customers"]
            mean, low, high = t_interval(values.to_numpy())
            rows.append({"variant": variant, "part": part, "mean": mean, "ci_low": low,
                         "ci_high": high})
    return pd.DataFrame(rows)


def f10_check(runs: pd.DataFrame) -> pd.DataFrame:
    """Loss per lost customer in new customers: the profit NPV lost over the months from the
    loss to the horizon, over what a customer won just after the loss earns in those same
    months (like with like; older results without it fall back to the first year)."""
    same_window = "window_value" in runs and runs["window_value"].notna().any()
    new_value = float(np.nanmean(runs["window_value" if same_window else "first_year_value"]))
    window = float(runs["window_months"].iloc[0]) if "window_months" in runs else np.nan
    rows = []
    for variant in VARIANTS:
        values = runs[f"{variant}_total"] / runs["lost_customers"] / new_value
        mean, low, high = t_interval(values.to_numpy())
        rows.append({"variant": variant, "new_customer_value": new_value, "ratio": mean,
                     "ci_low": low, "ci_high": high, "verdict": f10_verdict(low, high),
                     "window_months": window if same_window else 12.0,
                     "same_window": same_window})
    return pd.DataFrame(rows)


def f10_verdict(low: float, high: float) -> str:
    """F10's verdict in words, or none when the interval cannot tell the loss from zero."""
    if low <= 0 <= high:
        return ("within noise: these replications cannot tell the loss from none, "
                "so F10 is not tested")
    if low <= F10_RATIO <= high:
        return "consistent with F10"
    return "F10 overstates the loss" if high < F10_RATIO else "F10 understates the loss"


def f10_sentence(check: pd.DataFrame) -> str:
    first = check.iloc[0]
    window = f"{first.window_months:g} months"
    basis = (f"over the {window} from the loss to the end of the run; a customer won just "
             f"after the loss earns {money(first.new_customer_value)} in those same months"
             if first.same_window else
             f"over the rest of the run, against a new customer's first-year value of "
             f"{money(first.new_customer_value)} (older results: windows differ)")
    parts = [f"{VARIANT_WORDS[r.variant]}: {interval(r.ratio, r.ci_low, r.ci_high, False)} "
             f"new customers ({r.verdict})" for r in check.itertuples()]
    return ("F10 says one lost customer takes ten new ones to make up. Measured " + basis
            + ". One lost customer costs as much as\n  " + "\n  ".join(parts))


def format_parts(table: pd.DataFrame) -> str:
    head = "".join(f"{VARIANT_WORDS[v]:>34}" for v in VARIANTS)
    lines = [f"  {'per lost customer (95% CI)':<36}{head}"]
    for part, words in ROWS.items():
        cells = []
        for variant in VARIANTS:
            r = table[(table.variant == variant) & (table.part == part)].iloc[0]
            cells.append(f"{per_customer_cell(r):>34}")
        lines.append(f"  {words:<36}" + "".join(cells))
    return "\n".join(lines)


def configure(p: argparse.ArgumentParser) -> None:
    add_scenario_args(p, optional="baseline")
    add_backend_args(p)
    p.add_argument("--customers", type=int, help="customers lost at once per replication")
    p.add_argument("--at-month", type=float, help="month of the loss")
    p.add_argument("--no-report", action="store_true", help="skip plots and summary")


def _scenario(args: argparse.Namespace) -> Scenario:
    if args.scenario is None:
        args.scenario = "baseline"
    replications, args.replications = args.replications, None
    scenario = scenario_from_args(args)
    spec = scenario.lost_customer
    changes = {}
    for key, value, low in (("replications", replications, 2), ("customers", args.customers, 1),
                            ("at_month", args.at_month, 0)):
        if value is not None:
            if value < low:
                raise UsageError(f"--{key.replace('_', '-')} {value:g}: must be >= {low}")
            changes[key] = value
    return scenario.replace(lost_customer=dataclasses.replace(spec, **changes))


@command("lost-customer", configure)
def lost_customer_command(args: argparse.Namespace) -> int:
    """What one lost customer really costs, once the word-of-mouth ripple is counted."""
    scenario = _scenario(args)
    backend, root = backend_from_args(args), output_dir(args, scenario)
    spec = scenario.lost_customer
    print(f"Ripple {scenario.name}: {scenario.params.market.population:,} people, "
          f"{scenario.months:g} months; {spec.customers} customers lost at month "
          f"{spec.at_month:g}, {spec.replications} paired replications", flush=True)
    runs = run_lost_customer(scenario, root, backend)
    print(format_parts(per_customer(runs)))
    print(f10_sentence(f10_check(runs)))
    if not args.no_report:
        from experiments.reporting.report import write_report
        print(f"Report: {write_report(root)}")
    return 0
