"""`ripple compare`: strategies on the same markets, paired, with confidence intervals,
the one-line answer, the flip point, and a report with plots."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from experiments.analysis.compare import compare_plan, headline_pair, paired_difference, paired_table
from experiments.analysis.flip import FlipResult, find_flip
from experiments.cli import UsageError, command
from experiments.cli.options import (
    add_backend_args,
    add_scenario_args,
    backend_from_args,
    describe_run,
    output_dir,
    scenario_from_args,
)
from experiments.execution.runner import Backend, Pool, execute, open_backend
from experiments.execution.storage import ResultStore
from experiments.reporting.text import amount, difference_text, noise_verdict
from experiments.reporting.words import metric_words, money, strategy_words
from experiments.scenarios.scenario import Scenario


def run_comparison(scenario: Scenario, root: Path, backend: Backend,
                   pool: Pool | None = None) -> pd.DataFrame:
    """Run (or resume) every strategy x replication; returns the run table."""
    specs = compare_plan(scenario)
    store = ResultStore(root / "compare")
    store.prepare("compare", specs, {"scenario": scenario.describe()})
    execute(specs, backend=backend, store=store, pool=pool, desc="compare")
    return store.runs()


def run_flip(scenario: Scenario, root: Path, backend: Backend,
             pool: Pool | None = None) -> FlipResult:
    """Bisect for the flip point; every evaluation is stored and resumable."""
    store = ResultStore(root / "flip")
    plan: list = []
    meta = {"scenario": scenario.describe()}

    def evaluate(specs: list) -> pd.DataFrame:
        plan.extend(specs)
        store.prepare("flip", plan, meta)
        x = specs[0].labels["flip_value"]
        execute(specs, backend=backend, store=store, pool=pool, desc=f"flip at {x:g}")
        return store.table("runs", [s.run_id for s in specs])

    result = find_flip(scenario, evaluate)
    store.update_meta(flip=result.to_dict())
    return result


def headline(scenario: Scenario, runs: pd.DataFrame) -> str | None:
    """The one-line answer for the scenario's headline pair (None without a pair)."""
    pair = headline_pair(scenario)
    if pair is None:
        return None
    budgets = [scenario.strategies[k].budget for k in pair]
    return answer(runs, pair, scenario.metric, scenario.months, budgets)


def answer(runs: pd.DataFrame, pair: tuple[str, str], metric: str, months: float,
           budgets: list[float]) -> str:
    """'At a budget of 5,000 a month, X beats Y by Z [CI] in profit NPV (...)'."""
    d = paired_difference(runs, metric, *pair)
    winner, loser = pair if d.mean > 0 else pair[::-1]
    at = (f"At a budget of {money(budgets[0])} a month" if len(set(budgets)) == 1
          else "At these budgets")
    what = f"in {metric_words(metric)} over {months:g} months"
    if not d.significant:
        return (f"{at}, {strategy_words(pair[0])} minus {strategy_words(pair[1])} is "
                f"{difference_text(d.mean, d.low, d.high, metric)} {what}: within noise, "
                "no clear winner.")
    low, high = sorted((abs(d.low), abs(d.high)))
    wins = d.a_wins if winner == pair[0] else 1 - d.a_wins
    return (f"{at}, {strategy_words(winner)} beats {strategy_words(loser)} by "
            f"{amount(abs(d.mean), metric)} [{amount(low, metric)}; {amount(high, metric)}] "
            f"{what}, larger than the noise (wins {wins:.0%} of replications).")


def format_table(table: pd.DataFrame) -> str:
    ref = table.attrs["reference"]
    metric = table.attrs["metric"]
    lines = [f"  {'strategy':<30}{metric_words(metric):>14}   "
             f"{'vs ' + strategy_words(ref) + ' [95% CI]':<38}{'verdict':<16}{'wins':>5}"]
    for row in table.itertuples():
        same = row.strategy == ref
        diff = "-" if same else difference_text(row.diff, row.ci_low, row.ci_high, metric)
        verdict = "" if same else noise_verdict(row.ci_low, row.ci_high)
        lines.append(f"  {strategy_words(row.strategy):<30}{amount(row.mean, metric):>14}   "
                     f"{diff:<38}{verdict:<16}{row.wins:>5.0%}")
    return "\n".join(lines)


def configure(p: argparse.ArgumentParser) -> None:
    add_scenario_args(p, optional="budget_split")
    add_backend_args(p)
    p.add_argument("--no-flip", action="store_true", help="skip the flip-point search")
    p.add_argument("--no-report", action="store_true", help="skip plots and summary")


@command("compare", configure)
def compare_command(args: argparse.Namespace) -> int:
    """Compare strategies on the same markets (paired), with CIs and the flip point."""
    scenario = scenario_from_args(args)
    if scenario.replications < 2:
        raise UsageError(f"--replications {scenario.replications}: a comparison needs >= 2 "
                         "(confidence intervals)")
    backend, root = backend_from_args(args), output_dir(args, scenario)
    runs_planned = len(scenario.strategies) * scenario.replications
    print(describe_run(scenario, backend, runs_planned), flush=True)
    with open_backend(backend) as pool:
        runs = run_comparison(scenario, root, backend, pool)
        print(format_table(paired_table(runs, scenario.metric)))
        answer = headline(scenario, runs)
        if answer:
            print(answer, flush=True)
        if scenario.flip and not args.no_flip:
            print(run_flip(scenario, root, backend, pool).sentence())
    if not args.no_report:
        from experiments.reporting.report import write_report
        print(f"Report: {write_report(root)}")
    return 0
