"""Paired strategy comparison with common random numbers.

Every strategy of a replication runs with the same seed, so it meets the same network
and the same random numbers per mechanism; differences are taken within replications
(paired), which removes most of the market-to-market noise from the comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from experiments.analysis.stats import Difference, t_interval
from experiments.execution.backends import Backend, Pool
from experiments.execution.runner import execute
from experiments.execution.runs import RunSpec, replication_seeds
from experiments.execution.storage import ResultStore
from experiments.scenarios.scenario import Scenario
from simulation import Params
from simulation.strategies import Strategy, apply_strategy


def wide(runs: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Replications x strategies table of `metric` (columns in run order)."""
    order = list(dict.fromkeys(runs["strategy"]))
    return runs.pivot(index="replication", columns="strategy", values=metric)[order]


def currency_of(table: pd.DataFrame) -> str:
    """The currency of a run table (every run stores its parameters) or of a table made
    from one (`attrs`); '' when it does not say."""
    if "currency" in table.attrs:
        return table.attrs["currency"]
    return str(table["currency"].iloc[0]) if "currency" in table and len(table) else ""


def paired_difference(runs: pd.DataFrame, metric: str, a: str, b: str) -> Difference:
    table = wide(runs, metric)[[a, b]].dropna()
    diff = (table[a] - table[b]).to_numpy()
    mean, low, high = t_interval(diff)
    wins = float(np.mean((diff > 0) + 0.5 * (diff == 0))) if diff.size else float("nan")
    return Difference(a, b, mean, low, high, int(diff.size), wins)


def win_shares(table: pd.DataFrame) -> pd.Series:
    """Share of replications each strategy has the best value (ties split)."""
    best = table.eq(table.max(axis=1), axis=0)
    return best.div(best.sum(axis=1), axis=0).mean()


def paired_table(runs: pd.DataFrame, metric: str, reference: str | None = None) -> pd.DataFrame:
    """Per strategy: mean, sd, paired difference to `reference` with 95% CI, wins."""
    table = wide(runs, metric).dropna()
    reference = reference if reference in table else table.columns[0]
    wins = win_shares(table)
    rows = []
    for label in table.columns:
        diff = (table[label] - table[reference]).to_numpy()
        mean, low, high = t_interval(diff)
        rows.append({"strategy": label, "mean": table[label].mean(), "sd": table[label].std(),
                     "diff": mean, "ci_low": low, "ci_high": high, "wins": wins[label],
                     "replications": len(table)})
    out = pd.DataFrame(rows)
    out.attrs.update(metric=metric, reference=reference, currency=currency_of(runs))
    return out


def strategy_labels(label: str, strategy: Strategy) -> dict[str, Any]:
    return {"strategy": label, "strategy_name": strategy.name, "budget": strategy.budget,
            "dimension": strategy.dimension}


def compare_plan(scenario: Scenario, params: Params | None = None, prefix: str = "",
                 replications: int | None = None, keep_customers: bool = True,
                 extra: dict[str, Any] | None = None,
                 strategies: dict[str, Strategy] | None = None,
                 profile: bool | None = None) -> list[RunSpec]:
    """Every strategy x replication; a replication's strategies share its seed; the
    rivals answer each strategy by the scenario's `rival_response`. With
    `keep_customers`, the first replication keeps its customer table; every run keeps its
    small customer profile when `profile` (by default, with `keep_customers`)."""
    params = params or scenario.params
    reps = replications or scenario.replications
    seeds = replication_seeds(scenario.seed, reps)
    specs = []
    for rep, seed in enumerate(seeds):
        for label, strategy in (strategies or scenario.strategies).items():
            labels = {**strategy_labels(label, strategy), "replication": rep, **(extra or {})}
            specs.append(RunSpec(f"{prefix}{label}-r{rep:03d}", apply_strategy(params, strategy),
                                 seed, scenario.months, labels,
                                 keep_customers=keep_customers and rep == 0,
                                 profile=keep_customers if profile is None else profile,
                                 firm_changes=scenario.rival_response.changes(params, strategy)))
    return specs


def run_comparison(scenario: Scenario, root: Path, backend: Backend,
                   pool: Pool | None = None) -> pd.DataFrame:
    """Run (or resume) every strategy x replication under `root`/compare; the run table."""
    specs = compare_plan(scenario)
    store = ResultStore(root / "compare")
    store.prepare("compare", specs, {"scenario": scenario.describe()})
    execute(specs, backend=backend, store=store, pool=pool, desc="compare")
    return store.runs()


def headline_pair(headline: Sequence[str] | None,
                  strategy_names: dict[str, str]) -> tuple[str, str] | None:
    """The two strategies the one-line answer compares: the scenario's `headline`, or
    else the first two strategies that are not the baseline (None if there are fewer).
    `strategy_names` maps each strategy's label to its strategy name."""
    if headline:
        return headline[0], headline[1]
    others = [label for label, name in strategy_names.items() if name != "baseline"]
    return (others[0], others[1]) if len(others) >= 2 else None
