"""Whether a plan agrees with itself, and a coarse exact grid to check the search.

A split of a budget is at its best when no step of money can move from one use to
another and gain: what the next step returns on every lever that could take more is no
more than what the last step returns on every lever that could give some up (forward
and backward steps, so the curvature of a return curve is not mistaken for a
violation). "Leaving money unspent" is one of the uses,
with a return of exactly zero (the gains are net of spend). So the funded levers'
marginal returns agree within noise, unfunded levers return less (or the money has
nowhere to go: a lever at its maximum), and money left unspent means no lever returns
more than it costs. A pair that breaks this beyond the noise is a violation, and the
split is refined by moving money along it.

The split is a small-dimensional problem: when the levers are few, a grid of fractions
of the free budget is small enough to evaluate exactly, and the search's answer is
checked against the grid's best.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from experiments.analysis.allocate import UNSPENT, Lever, Split, project, same_split
from experiments.analysis.stats import t_interval

GRID_MAX = 36        # the most grid splits worth evaluating on every search pair
TOLERANCE = 1.0      # money a month below which a lever counts as at its bound


@dataclass(frozen=True)
class Violation:
    """Moving one step of money from `worse` to `better` gains beyond the noise."""

    better: str
    worse: str
    difference: tuple[float, float, float]     # the move's gain: mean and 95% CI


@dataclass(frozen=True)
class PlanCheck:
    """The split's self-consistency: its violations (none when it agrees with itself)."""

    violations: tuple[Violation, ...]

    @property
    def consistent(self) -> bool:
        return not self.violations


def _room(split: Split, lever: Lever) -> tuple[bool, bool]:
    """(can take more, can give some up) for one lever in the split."""
    x = split.get(lever.name, 0.0)
    return x < lever.high - TOLERANCE, x > lever.low + TOLERANCE


def check_plan(split: Split, levers: Sequence[Lever], up: dict[str, np.ndarray],
               down: dict[str, np.ndarray]) -> PlanCheck:
    """Violations of equal marginal returns, per (draw, seed) pair: `up[lever]` is what
    one more step of money on it adds to the split's gain, `down[lever]` what its last
    step (as a rate per step) contributes; leaving money unspent returns zero."""
    n = len(next(iter(up.values()))) if up else 0
    uses = {lv.name: lv for lv in levers if lv.name in up}
    uses[UNSPENT] = Lever(UNSPENT, 0.0, math.inf)
    up, down = {**up, UNSPENT: np.zeros(n)}, {**down, UNSPENT: np.zeros(n)}
    found = []
    for a, b in itertools.permutations(uses, 2):
        takes, _ = _room(split, uses[a])
        _, gives = _room(split, uses[b])
        if not (takes and gives) or b not in down:
            continue
        gain = t_interval(up[a] - down[b])
        if gain[1] > 0:
            found.append(Violation(a, b, gain))
    found.sort(key=lambda v: -v.difference[0])
    return PlanCheck(tuple(found))


def giving_step(split: Split, lever: Lever, step: float) -> float:
    """How much a backward probe takes off a lever: one step (0 when it holds less than
    a step above its minimum). A lever holding less than a step counts as unfunded: a
    probe of a few units, scaled up to a step, would be noise times step / units."""
    room = split.get(lever.name, 0.0) - lever.low
    return min(step, room) if room >= step - TOLERANCE else 0.0


def moves(split: Split, levers: Sequence[Lever], violations: Sequence[Violation],
          step: float) -> list[Split]:
    """Candidate refinements: money moved from the worse to the better use of each
    violation, by one step, a quarter and a half of what can move."""
    bounds = {lv.name: lv for lv in levers} | {UNSPENT: Lever(UNSPENT, 0.0, math.inf)}
    out = []
    for v in violations:
        better, worse = bounds[v.better], bounds[v.worse]
        movable = min(split.get(v.worse, 0.0) - worse.low,
                      better.high - split.get(v.better, 0.0))
        for amount in sorted({min(step, movable), 0.25 * movable, 0.5 * movable}):
            if amount > TOLERANCE:
                moved = dict(split)
                moved[v.worse] = moved.get(v.worse, 0.0) - amount
                moved[v.better] = moved.get(v.better, 0.0) + amount
                out.append(moved)
    return out


def coarse_grid(levers: Sequence[Lever], budget: float, most: int = GRID_MAX
                ) -> tuple[list[Split], int]:
    """Every split of the free budget in whole fractions 1/k (k from 5 down to 2, the
    finest whose grid has at most `most` splits) across the open levers and leaving it
    unspent, projected onto the bounds; ([], 0) when even halves are too many."""
    names = [lv.name for lv in levers if lv.high > lv.low] + [UNSPENT]
    for k in (5, 4, 3, 2):
        if math.comb(k + len(names) - 1, len(names) - 1) <= most:
            splits = []
            for parts in _compositions(k, len(names)):
                split = project(dict(zip(names, map(float, parts))), levers, budget)
                if not any(same_split(split, s) for s in splits):
                    splits.append(split)
            return splits, k
    return [], 0


def _compositions(total: int, parts: int):
    """Every way to write `total` as `parts` whole numbers >= 0."""
    for cuts in itertools.combinations(range(total + parts - 1), parts - 1):
        edges = (-1, *cuts, total + parts - 1)
        yield [edges[i + 1] - edges[i] - 1 for i in range(parts)]


@dataclass(frozen=True)
class GridCheck:
    """The search's best against the coarse grid's best, on the search's pairs."""

    splits: int
    fraction: int                               # the grid's step: 1/fraction of the budget
    grid_minus_search: tuple[float, float, float]


def grid_check(search_gains: np.ndarray, grid_gains: np.ndarray, splits: int,
               fraction: int) -> GridCheck:
    """Paired difference between the grid's best and the search's best split."""
    best_search = search_gains[int(np.argmax(search_gains.mean(axis=1)))]
    best_grid = grid_gains[int(np.argmax(grid_gains.mean(axis=1)))]
    return GridCheck(splits, fraction, t_interval(best_grid - best_search))
