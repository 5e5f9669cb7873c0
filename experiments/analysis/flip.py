"""The flip point: the budget (or CAC, complaint rate, any parameter) at which the
winner between two strategies changes, found by bracketing and bisection.

Each evaluation is a paired comparison of the two strategies over replications with
common random numbers, and the same replication seeds at every value, so the
difference curve is smooth enough to bisect.

A flip is reported only where it is clear: some evaluation has the challenger ahead
beyond the noise and another the incumbent. A sign change of the means inside a
plateau of evaluations that are all within noise is no flip a reader can act on
(`read_flip` says which it is, from the evaluations alone).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from experiments.analysis.compare import compare_plan, paired_difference
from experiments.analysis.stats import HIGHER, LOWER, Difference, verdict
from experiments.execution.backends import Backend, Pool
from experiments.execution.runner import execute
from experiments.execution.runs import RunSpec
from experiments.execution.storage import ResultStore
from experiments.scenarios.parts import FlipSpec, current_value, typed_value
from experiments.scenarios.scenario import Scenario

SIDE = {HIGHER: 1, LOWER: -1}     # which side a verdict puts a value on (0: within noise)


@dataclass
class FlipResult:
    """Evaluated values and the bracket where the sign of challenger - incumbent changes."""

    spec: FlipSpec
    metric: str
    evaluations: list[tuple[float, Difference]] = field(default_factory=list)
    bracket: tuple[float, float] | None = None
    estimate: float | None = None
    currency: str = ""   # the scenario's, for money in the flip's sentence and figure
    today: float | None = None        # the scenario's own value of the parameter

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([{"value": x, "diff": d.mean, "ci_low": d.low, "ci_high": d.high,
                              "challenger_wins": d.a_wins, "replications": d.n}
                             for x, d in sorted(self.evaluations, key=lambda e: e[0])])

    def to_dict(self) -> dict:
        """JSON-ready form, stored in the results folder and read by the report."""
        return {"parameter": self.spec.parameter, "challenger": self.spec.challenger,
                "incumbent": self.spec.incumbent, "metric": self.metric,
                "low": self.spec.low, "high": self.spec.high,
                "bracket": self.bracket, "estimate": self.estimate, "currency": self.currency,
                "today": self.today,
                "evaluations": self.table().to_dict("records")}


def flip_plan(scenario: Scenario, spec: FlipSpec, x: float) -> list[RunSpec]:
    """The paired runs of challenger and incumbent at value `x`."""
    pair = {k: scenario.strategies[k] for k in (spec.challenger, spec.incumbent)}
    params = scenario.params
    if spec.parameter == "budget":
        pair = {k: replace(s, budget=x if s.name != "baseline" else 0.0)
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
    result = FlipResult(spec, metric, currency=scenario.params.economics.currency,
                        today=today_value(scenario, spec))

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


def today_value(scenario: Scenario, spec: FlipSpec) -> float | None:
    """Today's value of the flip's parameter: the challenger's budget, or the scenario's
    own parameter value."""
    if spec.parameter == "budget":
        return float(scenario.strategies[spec.challenger].budget)
    value = current_value(scenario.params, spec.parameter)
    return float(value) if isinstance(value, (int, float)) else None


@dataclass(frozen=True)
class FlipReading:
    """What the evaluations support. `sides` maps each evaluated value to +1 (challenger
    ahead beyond noise), -1 (incumbent ahead beyond noise) or 0 (within noise)."""

    sides: dict[float, int]
    clear: bool                               # both winners are seen beyond noise
    bracket: tuple[float, float] | None       # nearest clear evaluations either side
    plateau: tuple[float, float] | None       # span of the within-noise evaluations
    band: tuple[float, float] | None          # their lowest and highest 95% bounds

    def clear_span(self, side: int) -> tuple[float, float] | None:
        """The lowest and highest value where `side` is ahead beyond noise."""
        values = [x for x, s in self.sides.items() if s == side]
        return (min(values), max(values)) if values else None


def read_flip(evaluations: list[dict]) -> FlipReading:
    """Whether the evaluations (records with value, ci_low, ci_high) show a clear flip."""
    rows = sorted(evaluations, key=lambda e: e["value"])
    sides = {float(e["value"]): SIDE.get(verdict(e["ci_low"], e["ci_high"]), 0) for e in rows}
    noise = [e for e in rows if sides[float(e["value"])] == 0]
    plateau = (float(noise[0]["value"]), float(noise[-1]["value"])) if noise else None
    band = ((min(e["ci_low"] for e in noise), max(e["ci_high"] for e in noise))
            if noise else None)
    signed = [(x, s) for x, s in sides.items() if s != 0]
    bracket = next(((a, b) for (a, sa), (b, sb) in zip(signed, signed[1:]) if sa != sb), None)
    return FlipReading(sides, bracket is not None, bracket, plateau, band)


def _interpolate(a: float, b: float, fa: float, fb: float, scale: str) -> float:
    t = fa / (fa - fb) if fa != fb else 0.5
    if scale == "log":
        return math.exp(math.log(a) + t * (math.log(b) - math.log(a)))
    return a + t * (b - a)


def run_flip(scenario: Scenario, root: Path, backend: Backend,
             pool: Pool | None = None) -> FlipResult:
    """Bisect for the flip point under `root`/flip; every evaluation is stored and resumable."""
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
