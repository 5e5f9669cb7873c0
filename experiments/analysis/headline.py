"""Which strategy a comparison's first sentence is about: the best one, measured against
its runner-up and against doing nothing, each with its paired 95% interval.

The scenario's named pair answers a narrower question and follows as a second
sentence; this choice is made from the whole table, so a reader who stops after the
first line leaves with the comparison's actual answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from experiments.analysis.compare import paired_difference, wide
from experiments.analysis.stats import HIGHER, Difference


@dataclass(frozen=True)
class Headline:
    """The best strategy by mean, and how sure the table is about it."""

    best: str
    runner_up: str | None
    baseline: str | None
    over_runner_up: Difference | None     # best - runner-up
    over_baseline: Difference | None      # best - baseline (None when best is the baseline)
    closest: Difference | None = None     # best non-baseline strategy - baseline

    @property
    def nothing_pays(self) -> bool:
        """No strategy beats doing nothing beyond the noise (False without a baseline)."""
        if self.baseline is None:
            return False
        return self.closest is None or self.closest.verdict != HIGHER


def choose_headline(runs: pd.DataFrame, metric: str, baseline: str | None) -> Headline:
    """The best strategy (highest mean `metric`), its runner-up and, when the table has a
    `baseline` (doing nothing extra), the best spending strategy against it."""
    means = wide(runs, metric).dropna().mean().sort_values(ascending=False, kind="stable")
    order = list(means.index)
    best = order[0]
    runner = order[1] if len(order) > 1 else None
    baseline = baseline if baseline in order else None
    over_runner = paired_difference(runs, metric, best, runner) if runner else None
    over_base = (paired_difference(runs, metric, best, baseline)
                 if baseline and best != baseline else None)
    spenders = [s for s in order if s != baseline]
    closest = (paired_difference(runs, metric, spenders[0], baseline)
               if baseline and spenders else None)
    return Headline(best, runner, baseline, over_runner, over_base, closest)


def baseline_label(strategy_names: dict[str, str]) -> str | None:
    """The label of the do-nothing strategy (name 'baseline'), if the table has one."""
    return next((label for label, name in strategy_names.items() if name == "baseline"), None)
