"""A spending plan for a firm: the best split of a budget, judged over posterior draws
with common random numbers, and checked on fresh draws and seeds.

The search (`allocate.optimise_split`) uses one set of (posterior draw, seed) pairs;
everything reported (gain over today's spend, over the best single lever other than
the plan itself, marginal return of the next step of money per lever, the return curve
against the total budget) is re-measured on a fresh set, so the winner's luck in the search does not
inflate its confidence interval. Markets are simulated at most `FIT_POPULATION`
people, with money scaled by the population ratio (`market_scale`) and results scaled
back to the firm's size.

The plan is then held to its own numbers (`plan_check`): the search's answer is checked
against a coarse exact grid where the lever count allows, and a split whose marginal
returns contradict it (money that would return more elsewhere, beyond the noise) is
refined by moving money along the violation and measured again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from experiments.analysis.allocate import (
    UNSPENT,
    Lever,
    SearchResult,
    Split,
    firm_levers,
    optimise_split,
    project,
    single_lever,
    spend_split,
)
from experiments.analysis.compare import t_interval
from experiments.analysis.firm_figures import FigureRun, measure_run
from experiments.analysis.firm_settings import FitSettings, PlanSettings, fit_market
from experiments.analysis.plan_check import (
    GridCheck,
    PlanCheck,
    check_plan,
    coarse_grid,
    giving_step,
    grid_check,
    moves,
)
from experiments.analysis.stats import HIGHER, LOWER, verdict
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params
from simulation.rival_response import RivalResponse

EXTENSIVE = ("profit_npv", "profit", "revenue", "customers")   # scale with market size
REFINE_ROUNDS = 2   # times a self-contradicting split is refined and measured again


class CrnObjective:
    """Gains of splits over today's spend, on fixed (posterior draw, seed) pairs. A split
    met before is not simulated again (same pairs, same seeds: the same numbers)."""

    def __init__(self, market: Params, draws: pd.DataFrame, seeds: Sequence[int],
                 profile: FirmProfile, settings: PlanSettings, backend: Backend | None,
                 pool=None, label: str = "plans", response: RivalResponse | None = None
                 ) -> None:
        self.response = response or RivalResponse()
        self.markets, self.ratio = plan_markets(market, draws, settings)
        self.seeds, self.profile, self.settings = list(seeds), profile, settings
        self.backend, self.pool, self.label = backend or Backend(progress=False), pool, label
        self.simulations = 0
        self.known: dict[tuple, np.ndarray] = {}
        self.today = self.values([{}])[0]

    def values(self, splits: Sequence[Split]) -> np.ndarray:
        """Metric of each split on each pair (splits x pairs), at the firm's size."""
        keys = [_key(split) for split in splits]
        new = {key: split for key, split in zip(keys, splits) if key not in self.known}
        specs = []
        for i, split in enumerate(new.values()):
            for j, (params, seed) in enumerate(zip(self.markets, self.seeds)):
                specs.append(FigureRun(f"{self.label}-{self.simulations + i}-{j}",
                                       spend_split(params, split, self.profile, self.ratio),
                                       seed, self.profile.horizon_months,
                                       firm_changes=rivals_answer(
                                           self.response, params, split, self.profile,
                                           self.ratio)))
        if specs:
            out = execute(specs, measure_run, backend=self.backend, pool=self.pool,
                          desc=self.label)
            self.simulations += len(specs)
            metric = np.array([r.figures[self.settings.metric] for r in out], float)
            scale = 1.0 / self.ratio if self.settings.metric in EXTENSIVE else 1.0
            rows = metric.reshape(len(new), len(self.seeds)) * scale
            self.known.update(zip(new, rows))
        return np.array([self.known[key] for key in keys])

    def __call__(self, splits: Sequence[Split]) -> np.ndarray:
        return self.values(splits) - self.today


def plan_markets(market: Params, draws: pd.DataFrame, settings: PlanSettings
                 ) -> tuple[list[Params], float]:
    """The simulated market of each posterior draw (at the plan's population), and that
    population over the firm's (money and counts scale by it)."""
    small = fit_market(market, FitSettings(population=settings.population))
    ratio = small.market.population / market.market.population
    return [small.replace(**row) for row in draws.to_dict("records")], ratio


def rivals_answer(response: RivalResponse, params: Params, split: Split,
                  profile: FirmProfile, ratio: float) -> tuple:
    """The rivals' changes when the firm spends `split` (none when they hold): each buys
    the same extra money per lever on its own settings (`RivalResponse.changes_by`)."""
    return response.changes_by(params, lambda view: spend_split(view, split, profile, ratio))


def _key(split: Split) -> tuple:
    """A split as the money each lever spends (a cent's precision; unspent money and
    levers at zero spend nothing)."""
    return tuple(sorted((k, round(v, 2)) for k, v in split.items()
                        if k != UNSPENT and abs(v) >= 0.005))


@dataclass
class Plan:
    """The recommendation and everything that backs it (intervals: 95%, paired)."""

    profile: FirmProfile
    settings: PlanSettings
    levers: tuple[Lever, ...]
    search: SearchResult
    best: Split
    gain: tuple[float, float, float]
    rival: str
    over_rival: tuple[float, float, float]
    singles: dict[str, tuple[float, float, float]]
    marginal: dict[str, tuple[float, float, float]]
    curve: list[tuple[float, float, float, float]]
    simulations: int
    draws: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)
    p_today: float = float("nan")       # share of fresh pairs where the plan beats today
    p_rival: float = float("nan")       # ... and where it beats the best other lever
    consistency: PlanCheck = field(default_factory=lambda: PlanCheck(()))
    grid: GridCheck | None = None
    refinements: int = 0                # rounds of refinement the split needed
    last: dict[str, tuple[float, float, float]] = field(default_factory=dict)   # last step

    @property
    def better_than_today(self) -> bool:
        """The best split beats today's spend beyond noise."""
        return verdict(self.gain[1], self.gain[2]) == HIGHER

    @property
    def worse_than_today(self) -> bool:
        return verdict(self.gain[1], self.gain[2]) == LOWER


def search_objective(profile: FirmProfile, market: Params, draws: pd.DataFrame,
                     settings: PlanSettings, backend: Backend | None = None, pool=None,
                     response: RivalResponse | None = None) -> CrnObjective:
    """The gains a plan's search meets: on the first `replications` (draw, seed) pairs."""
    n, m = settings.replications, settings.check_replications
    return CrnObjective(market, draws.iloc[:n], replication_seeds(settings.seed, n + m)[:n],
                        profile, settings, backend, pool, "search", response)


def make_plan(profile: FirmProfile, market: Params, draws: pd.DataFrame,
              settings: PlanSettings, backend: Backend | None = None, pool=None,
              response: RivalResponse | None = None,
              search_obj: CrnObjective | None = None) -> Plan:
    """Search the best split, check it against a coarse grid, measure it against the
    alternatives on fresh pairs, and refine it while it contradicts its own returns; the
    rivals (if the market has any) answer every split by `response` (default: hold);
    `search_obj`: the search's objective when already made, with what it has run."""
    levers = firm_levers(profile, settings.aims)
    n, m = settings.replications, settings.check_replications
    check_draws = draws.iloc[n:n + m]
    seeds = replication_seeds(settings.seed, n + m)
    search_obj = search_obj or search_objective(profile, market, draws, settings, backend,
                                                pool, response)
    grid_splits, fraction = coarse_grid(levers, settings.budget)
    search = optimise_split(search_obj, levers, settings.budget, settings.trials,
                            seed=settings.seed, warm=grid_splits)
    grid = None
    if grid_splits:
        grid = grid_check(search.gains, search_obj(grid_splits), len(grid_splits), fraction)
    check = CrnObjective(market, check_draws, seeds[n:], profile, settings, backend, pool,
                         "check", response)
    plan = _checked_plan(profile, settings, levers, search, check, draws)
    plan.grid = grid
    plan = _refined(plan, search_obj, check)
    plan.simulations = search_obj.simulations + check.simulations
    return plan


def _extended(search: SearchResult, splits: list[Split], gains: np.ndarray) -> SearchResult:
    return SearchResult(search.splits + list(splits), np.vstack([search.gains, gains]))


def _refined(plan: Plan, search_obj: CrnObjective, check: CrnObjective) -> Plan:
    """Move money along the plan's violations while that gains on the search pairs."""
    for rounds in range(1, REFINE_ROUNDS + 1):
        if plan.consistency.consistent:
            break
        candidates = moves(plan.best, plan.levers, plan.consistency.violations,
                           plan.settings.step)
        if not candidates:
            break
        search = _extended(plan.search, candidates, search_obj(candidates))
        if _same(search.best, plan.best):
            plan.search = search
            break
        grid = plan.grid
        plan = _checked_plan(plan.profile, plan.settings, plan.levers, search, check,
                             plan.draws)
        plan.grid, plan.refinements = grid, rounds
    return plan


def _checked_plan(profile, settings, levers, search, check, draws) -> Plan:
    best, budget = search.best, settings.budget
    funded = [lv for lv in levers if lv.high > lv.low]
    singles = [single_lever(lv, levers, budget) for lv in funded]
    more = [_plus(best, lv.name, settings.step) for lv in funded]
    givers = {lv.name: giving_step(best, lv, settings.step) for lv in funded}
    givers = {k: v for k, v in givers.items() if v > 0}
    less = [_plus(best, name, -amount) for name, amount in givers.items()]
    curve_splits = [_scaled(best, levers, f * budget) for f in settings.curve]
    gains = check([best, *singles, *more, *less, *curve_splits])
    best_gain, rest = gains[0], gains[1:]
    single_gain, rest = rest[:len(funded)], rest[len(funded):]
    more_gain, rest = rest[:len(funded)], rest[len(funded):]
    less_gain, curve_gain = rest[:len(givers)], rest[len(givers):]
    down = {name: (best_gain - g) * settings.step / amount
            for (name, amount), g in zip(givers.items(), less_gain)}
    by_single = {lv.name: t_interval(g) for lv, g in zip(funded, single_gain)}
    rival_i = _rival(best, singles, single_gain)
    rival = funded[rival_i].name if funded else UNSPENT
    over = best_gain - single_gain[rival_i] if funded else np.zeros_like(best_gain)
    steps = {lv.name: g - best_gain for lv, g in zip(funded, more_gain)}
    marginal = {name: t_interval(g) for name, g in steps.items()}
    curve = [(sum(split.values()), *t_interval(g))
             for split, g in zip(curve_splits, curve_gain)]
    return Plan(profile, settings, levers, search, best, t_interval(best_gain), rival,
                t_interval(over), by_single, marginal, curve, check.simulations, draws,
                p_today=float(np.mean(best_gain > 0)), p_rival=float(np.mean(over > 0)),
                consistency=check_plan(best, levers, steps, down),
                last={name: t_interval(g) for name, g in down.items()})


def _rival(best: Split, singles: list[Split], gains: np.ndarray) -> int:
    """The best single-lever plan that is not the recommended plan itself."""
    order = np.argsort([-g.mean() for g in gains])
    for i in order:
        if not _same(singles[i], best):
            return int(i)
    return int(order[0]) if len(order) else 0


def _same(a: Split, b: Split) -> bool:
    keys = set(a) | set(b)
    return all(abs(a.get(k, 0.0) - b.get(k, 0.0)) < 1e-6 * max(1.0, abs(a.get(k, 0.0)))
               for k in keys)


def _plus(split: Split, lever: str, step: float) -> Split:
    """The same split with `step` more (or less) a month on one lever (bounds aside: a
    probe)."""
    out = dict(split)
    out[lever] = out.get(lever, 0.0) + step
    return out


def _scaled(split: Split, levers: Sequence[Lever], budget: float) -> Split:
    """The split's mix at another total budget, within the bounds: the minimums, then
    the money above them in the split's proportions (so at the split's own budget it is
    the split itself)."""
    low = {lv.name: lv.low for lv in levers}
    above = {k: max(v - low.get(k, 0.0), 0.0) for k, v in split.items()}
    if not any(above.values()):
        above = {UNSPENT: 1.0}
    return project(above, levers, budget)
