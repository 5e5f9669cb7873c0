"""Paired strategy comparison with common random numbers.

Every strategy of a replication runs with the same seed, so it meets the same network
and the same random numbers per mechanism; differences are taken within replications
(paired), which removes most of the market-to-market noise from the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from experiments.execution.runs import RunSpec, replication_seeds
from experiments.scenarios.scenario import Scenario
from simulation import Params
from simulation.strategies import Strategy, apply_strategy

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Difference:
    """Paired difference a - b over replications: mean, 95% CI, share a wins."""

    a: str
    b: str
    mean: float
    low: float
    high: float
    n: int
    a_wins: float

    @property
    def significant(self) -> bool:
        return self.low > 0 or self.high < 0


def t_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and two-sided t confidence interval (nan bounds for fewer than 2 values)."""
    values = np.asarray(values, float)
    mean = float(values.mean()) if values.size else float("nan")
    if values.size < 2:
        return mean, float("nan"), float("nan")
    half = stats.t.ppf(0.5 + confidence / 2, values.size - 1) * stats.sem(values)
    half = 0.0 if np.isnan(half) else float(half)
    return mean, mean - half, mean + half


def wide(runs: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Replications x strategies table of `metric` (columns in run order)."""
    order = list(dict.fromkeys(runs["strategy"]))
    return runs.pivot(index="replication", columns="strategy", values=metric)[order]


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
    out.attrs.update(metric=metric, reference=reference)
    return out


def strategy_labels(label: str, strategy: Strategy) -> dict[str, Any]:
    return {"strategy": label, "strategy_name": strategy.name, "budget": strategy.budget,
            "dimension": strategy.dimension}


def compare_plan(scenario: Scenario, params: Params | None = None, prefix: str = "",
                 replications: int | None = None, keep_customers: bool = True,
                 extra: dict[str, Any] | None = None,
                 strategies: dict[str, Strategy] | None = None) -> list[RunSpec]:
    """Every strategy x replication; a replication's strategies share its seed."""
    params = params or scenario.params
    reps = replications or scenario.replications
    seeds = replication_seeds(scenario.seed, reps)
    specs = []
    for rep, seed in enumerate(seeds):
        for label, strategy in (strategies or scenario.strategies).items():
            labels = {**strategy_labels(label, strategy), "replication": rep, **(extra or {})}
            specs.append(RunSpec(f"{prefix}{label}-r{rep:03d}", apply_strategy(params, strategy),
                                 seed, scenario.months, labels,
                                 keep_customers=keep_customers and rep == 0))
    return specs


def compare_runs(scenario: Scenario, backend: Any = None) -> pd.DataFrame:
    """Run a comparison in memory (no results folder): one row per run, for notebooks."""
    from experiments.execution.runner import execute
    outputs = execute(compare_plan(scenario, keep_customers=False), backend=backend)
    return pd.DataFrame([out.row for out in outputs])


def headline_pair(scenario: Scenario) -> tuple[str, str] | None:
    """The two strategies the one-line answer compares (scenario's headline, or the
    first two non-baseline strategies)."""
    if scenario.headline:
        return scenario.headline
    others = [k for k, s in scenario.strategies.items() if s.name != "baseline"]
    return (others[0], others[1]) if len(others) >= 2 else None
