"""The flip point: the budget (or CAC, complaint rate, any parameter) at which the
winner between two strategies changes, found by bracketing and bisection.

Each evaluation is a paired comparison of the two strategies over replications with
common random numbers, and the same replication seeds at every value, so the
difference curve is smooth enough to bisect.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from experiments.analysis.compare import Difference, compare_plan, paired_difference
from experiments.execution.runs import RunSpec
from experiments.reporting.words import (
    metric_label,
    metric_words,
    money,
    num,
    parameter_value,
    parameter_words,
    strategy_words,
)
from experiments.scenarios.parts import FlipSpec, typed_value
from experiments.scenarios.scenario import Scenario
from simulation.strategies import Strategy


@dataclass
class FlipResult:
    """Evaluated values and the bracket where the sign of challenger - incumbent changes."""

    spec: FlipSpec
    metric: str
    evaluations: list[tuple[float, Difference]] = field(default_factory=list)
    bracket: tuple[float, float] | None = None
    estimate: float | None = None

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([{"value": x, "diff": d.mean, "ci_low": d.low, "ci_high": d.high,
                              "challenger_wins": d.a_wins, "replications": d.n}
                             for x, d in sorted(self.evaluations, key=lambda e: e[0])])

    def sentence(self) -> str:
        s, ends = self.spec, sorted(self.evaluations, key=lambda e: e[0])
        what = parameter_words(s.parameter)
        def at(x):
            return parameter_value(s.parameter, x)
        challenger, incumbent = strategy_words(s.challenger), strategy_words(s.incumbent)
        low_winner = challenger if ends[0][1].mean > 0 else incumbent
        if self.estimate is None:
            sure = all(d.significant for _, d in (ends[0], ends[-1]))
            wins = "wins throughout" if sure else "is ahead throughout, but within noise"
            return (f"No flip for {what} between {at(s.low)} and {at(s.high)}: {low_winner} "
                    f"{wins} ({metric_words(self.metric)}, {challenger} minus {incumbent}: "
                    f"{self._amount(ends[0][1].mean)} at {at(s.low)}, "
                    f"{self._amount(ends[-1][1].mean)} at {at(s.high)}).")
        high_winner = incumbent if low_winner == challenger else challenger
        a, b = self.bracket
        sure = all(d.significant for x, d in self.evaluations if x in (a, b))
        note = "" if sure else " (the differences near the flip are within noise)"
        return (f"Flip point: {high_winner} beats {low_winner} when {what} is above about "
                f"{at(self.estimate)} (between {at(a)} and {at(b)}){note}.")

    def _amount(self, value: float) -> str:
        return money(value, True) if metric_label(self.metric).endswith("($)") else num(value, True)

    def to_dict(self) -> dict:
        return {"parameter": self.spec.parameter, "challenger": self.spec.challenger,
                "incumbent": self.spec.incumbent, "metric": self.metric,
                "bracket": self.bracket, "estimate": self.estimate,
                "sentence": self.sentence(), "evaluations": self.table().to_dict("records")}


def flip_plan(scenario: Scenario, spec: FlipSpec, x: float) -> list[RunSpec]:
    """The paired runs of challenger and incumbent at value `x`."""
    pair = {k: scenario.strategies[k] for k in (spec.challenger, spec.incumbent)}
    params = scenario.params
    if spec.parameter == "budget":
        pair = {k: Strategy(s.name, x if s.name != "baseline" else 0.0, s.dimension)
                for k, s in pair.items()}
    else:
        params = params.replace(**{spec.parameter: typed_value(params, spec.parameter, x)})
    return compare_plan(scenario, params, prefix=f"flip-{x:.6g}-",
                        replications=spec.replications, keep_customers=False,
                        extra={"flip_value": x}, strategies=pair)


def _middle(a: float, b: float, scale: str) -> float:
    mid = math.sqrt(a * b) if scale == "log" else (a + b) / 2
    return float(f"{mid:.4g}")


def find_flip(scenario: Scenario, evaluate: Callable[[list[RunSpec]], pd.DataFrame]
              ) -> FlipResult:
    """Bisect between spec.low and spec.high; `evaluate(specs)` returns their run rows."""
    spec, metric = scenario.flip, scenario.metric
    result = FlipResult(spec, metric)

    def diff_at(x: float) -> float:
        runs = evaluate(flip_plan(scenario, spec, x))
        d = paired_difference(runs, metric, spec.challenger, spec.incumbent)
        result.evaluations.append((x, d))
        return d.mean

    a, b = spec.low, spec.high
    fa, fb = diff_at(a), diff_at(b)
    if (fa > 0) == (fb > 0):
        return result
    for _ in range(spec.steps):
        mid = _middle(a, b, spec.scale)
        if mid in (a, b):
            break
        fm = diff_at(mid)
        if (fm > 0) == (fa > 0):
            a, fa = mid, fm
        else:
            b, fb = mid, fm
    result.bracket = (a, b)
    result.estimate = _interpolate(a, b, fa, fb, spec.scale)
    return result


def _interpolate(a: float, b: float, fa: float, fb: float, scale: str) -> float:
    t = fa / (fa - fb) if fa != fb else 0.5
    if scale == "log":
        return math.exp(math.log(a) + t * (math.log(b) - math.log(a)))
    return a + t * (b - a)
