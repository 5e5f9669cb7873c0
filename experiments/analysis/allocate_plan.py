"""A spending plan for a firm: the best split of a budget, judged over posterior draws
with common random numbers, and checked on fresh draws and seeds.

The search (`allocate.optimise_split`) uses one set of (posterior draw, seed) pairs;
everything reported (gain over today's spend, over the best single lever other than
the plan itself, marginal return of the next step of money per lever, the return curve
against the total budget) is re-measured on a fresh set, so the winner's luck in the search does not
inflate its confidence interval. Markets are simulated at most `FIT_POPULATION`
people, with money scaled by the population ratio (`market_scale`) and results scaled
back to the firm's size.
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
    apply_split,
    firm_levers,
    optimise_split,
    project,
    single_lever,
)
from experiments.analysis.compare import t_interval
from experiments.analysis.firm_figures import FigureRun, measure_run
from experiments.analysis.firm_settings import FitSettings, PlanSettings, fit_market
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params

EXTENSIVE = ("profit_npv", "profit", "revenue", "customers")   # scale with market size


class CrnObjective:
    """Gains of splits over today's spend, on fixed (posterior draw, seed) pairs."""

    def __init__(self, market: Params, draws: pd.DataFrame, seeds: Sequence[int],
                 profile: FirmProfile, settings: PlanSettings, backend: Backend | None,
                 pool=None, label: str = "plans") -> None:
        small = fit_market(market, FitSettings(population=settings.population))
        self.ratio = small.market.population / market.market.population
        self.markets = [small.replace(**row) for row in draws.to_dict("records")]
        self.seeds, self.profile, self.settings = list(seeds), profile, settings
        self.backend, self.pool, self.label = backend or Backend(progress=False), pool, label
        self.simulations = 0
        self.today = self.values([{}])[0]

    def values(self, splits: Sequence[Split]) -> np.ndarray:
        """Metric of each split on each pair (splits x pairs), at the firm's size."""
        dim = self.profile.quality_dimension
        referral = self.profile.spend.get("referral_rewards", 0.0) * self.ratio
        specs = []
        for i, split in enumerate(splits):
            scaled = {k: v * self.ratio for k, v in split.items()}
            for j, (params, seed) in enumerate(zip(self.markets, self.seeds)):
                specs.append(FigureRun(f"{self.label}-{self.simulations + i}-{j}",
                                       apply_split(params, scaled, dim, referral), seed,
                                       self.profile.horizon_months))
        out = execute(specs, measure_run, backend=self.backend, pool=self.pool, desc=self.label)
        self.simulations += len(specs)
        metric = np.array([r.figures[self.settings.metric] for r in out], float)
        scale = 1.0 / self.ratio if self.settings.metric in EXTENSIVE else 1.0
        return metric.reshape(len(splits), len(self.seeds)) * scale

    def __call__(self, splits: Sequence[Split]) -> np.ndarray:
        return self.values(splits) - self.today


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

    @property
    def better_than_today(self) -> bool:
        """The best split beats today's spend beyond noise."""
        return self.gain[1] > 0

    @property
    def worse_than_today(self) -> bool:
        return self.gain[2] < 0


def make_plan(profile: FirmProfile, market: Params, draws: pd.DataFrame,
              settings: PlanSettings, backend: Backend | None = None, pool=None) -> Plan:
    """Search the best split, then measure it against the alternatives on fresh pairs."""
    levers = firm_levers(profile)
    n, m = settings.replications, settings.check_replications
    search_draws, check_draws = draws.iloc[:n], draws.iloc[n:n + m]
    seeds = replication_seeds(settings.seed, n + m)
    search_obj = CrnObjective(market, search_draws, seeds[:n], profile, settings, backend,
                              pool, "search")
    search = optimise_split(search_obj, levers, settings.budget, settings.trials,
                            seed=settings.seed)
    check = CrnObjective(market, check_draws, seeds[n:], profile, settings, backend, pool,
                         "check")
    return _checked_plan(profile, settings, levers, search, check, search_obj.simulations,
                         draws)


def _checked_plan(profile, settings, levers, search, check, searched, draws) -> Plan:
    best, budget = search.best, settings.budget
    funded = [lv for lv in levers if lv.high > lv.low]
    singles = [single_lever(lv, levers, budget) for lv in funded]
    more = [_plus(best, lv.name, settings.step) for lv in funded]
    curve_splits = [_scaled(best, levers, f * budget) for f in settings.curve]
    gains = check([best, *singles, *more, *curve_splits])
    best_gain, rest = gains[0], gains[1:]
    single_gain, rest = rest[:len(funded)], rest[len(funded):]
    more_gain, curve_gain = rest[:len(funded)], rest[len(funded):]
    by_single = {lv.name: t_interval(g) for lv, g in zip(funded, single_gain)}
    rival_i = _rival(best, singles, single_gain)
    rival = funded[rival_i].name if funded else UNSPENT
    over_rival = t_interval(best_gain - single_gain[rival_i]) if funded else (0.0, 0.0, 0.0)
    marginal = {lv.name: t_interval(g - best_gain) for lv, g in zip(funded, more_gain)}
    curve = [(f * budget, *t_interval(g)) for f, g in zip(settings.curve, curve_gain)]
    return Plan(profile, settings, levers, search, best, t_interval(best_gain), rival,
                over_rival, by_single, marginal, curve, searched + check.simulations, draws)


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
    """The same split with `step` more a month on one lever (bounds aside: a probe)."""
    out = dict(split)
    out[lever] = out.get(lever, 0.0) + step
    return out


def _scaled(split: Split, levers: Sequence[Lever], budget: float) -> Split:
    """The split's mix at another total budget, within the bounds."""
    return project({k: v for k, v in split.items()}, levers, budget)
