"""Allocation: the best split of a monthly budget across a firm's levers.

The search is optuna's TPE sampler (seeded, multivariate, asked in batches so a batch
runs in parallel), started from the plans a strategist would try first: nothing extra,
each lever alone, an even split. Why TPE and not an exact simplex design: six levers
plus "leave unspent" on a lattice of fifths of the budget is 462 plans, each needing a
dozen paired simulations, while TPE finds a plan within a few percent of the optimum
in about fifty (tested against an analytic optimum). Every candidate is judged on the
same posterior draws and seeds (common random numbers), so differences between plans
are not market-to-market noise.

A split is extra money a month per lever on top of today's spend. Bounds come from
the profile (`min`, `max`, or `keep` = no extra money) and always hold: a candidate is
projected onto them before it is evaluated, and money that no lever may take stays
unspent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from experiments.errors import ScenarioError
from experiments.scenarios.firm_profile import LEVERS, FirmProfile
from simulation import Params
from simulation.parameters.segments import SEGMENT_LABELS
from simulation.strategies import Strategy, apply_strategy

UNSPENT = "unspent"
AIM = "@"   # 'save_desk@business': a lever bought for one segment's customers only
STRATEGY_OF = {"acquisition": "acquisition", "complaint_handling": "fast_resolution",
               "service_quality": "service_quality", "follow_up": "follow_up",
               "referral_rewards": "referral_incentive",
               "easier_complaining": "easier_complaining", "front_line": "front_line",
               "save_desk": "save_desk"}
Split = dict[str, float]
Objective = Callable[[Sequence[Split]], np.ndarray]   # splits -> gains (splits x replications)


@dataclass(frozen=True)
class Lever:
    """One lever the plan may fund, with the extra money a month it may get."""

    name: str
    low: float = 0.0
    high: float = math.inf

    @property
    def words(self) -> str:
        """'save offers', or 'save offers for business accounts' for a lever aimed at a
        segment (`lever@segment`)."""
        name, _, segment = self.name.partition(AIM)
        words = LEVERS.get(name, name.replace("_", " "))
        return f"{words} for {SEGMENT_LABELS[segment]}" if segment else words


def firm_levers(profile: FirmProfile, aims: Sequence[str] = ()) -> tuple[Lever, ...]:
    """Every lever the profile does not keep as it is, with its bounds, then each lever
    aimed at a segment in `aims` ('save_desk@business'): from nothing extra up to its
    lever's maximum."""
    levers = tuple(Lever(name, profile.bound(name).low, profile.bound(name).high)
                   for name in LEVERS if not profile.bound(name).keep)
    return levers + tuple(Lever(aim, 0.0, profile.bound(aim.partition(AIM)[0]).high)
                          for aim in aims)


def lever_strategy(lever: str, money: float, dimension: str = "reliability") -> Strategy:
    """The strategy that spends `money` a month on `lever` (or on 'lever@segment': the
    lever bought for that segment's customers only)."""
    name, _, segment = lever.partition(AIM)
    return Strategy(STRATEGY_OF[name], money, dimension, segment)


def apply_split(params: Params, split: Split, dimension: str = "reliability",
                current_referral: float = 0.0) -> Params:
    """The market with each lever's extra money spent through its strategy."""
    for lever, money in split.items():
        if lever == UNSPENT or money <= 0:
            continue
        if lever == "referral_rewards":
            money += current_referral
        params = apply_strategy(params, lever_strategy(lever, money, dimension))
    return params


def spend_split(params: Params, split: Split, profile: FirmProfile, ratio: float = 1.0
                ) -> Params:
    """A simulated market (money scaled by `ratio`, its size over the firm's) with the
    split spent on top of today's; a referral lever's money adds to today's rewards."""
    scaled = {k: v * ratio for k, v in split.items()}
    referral = profile.spend.get("referral_rewards", 0.0) * ratio
    return apply_split(params, scaled, profile.quality_dimension, referral)


def check_budget(levers: Sequence[Lever], budget: float) -> None:
    """The minimums must fit in the budget."""
    need = sum(lever.low for lever in levers)
    if need > budget:
        raise ScenarioError(f"budget {budget:,.0f}: the levers' minimum extra spend "
                            f"([bounds] min) adds up to {need:,.0f}; raise the budget or "
                            "lower the minimums")


def project(weights: dict[str, float], levers: Sequence[Lever], budget: float) -> Split:
    """A split honouring every bound: minimums first, the rest by weight, capped at each
    maximum; what no lever may take stays unspent."""
    split = {lever.name: lever.low for lever in levers}
    free = budget - sum(split.values())
    open_levers = [lv for lv in levers if lv.high > lv.low]
    share = {lv.name: max(weights.get(lv.name, 0.0), 0.0) for lv in open_levers}
    unspent_weight = max(weights.get(UNSPENT, 0.0), 0.0)
    for _ in range(len(open_levers) + 1):   # cap, hand the overflow to the rest
        total = sum(share.values()) + unspent_weight
        if free <= 1e-9 or total <= 0:
            break
        capped = {}
        for lv in open_levers:
            if lv.name in share:
                give = free * share[lv.name] / total
                room = lv.high - split[lv.name]
                if give >= room:
                    capped[lv.name] = room
        if not capped:
            for name, w in share.items():
                split[name] += free * w / total
            free = free * unspent_weight / total
            break
        for name, room in capped.items():
            split[name] += room
            free -= room
            share.pop(name)
    split[UNSPENT] = max(free, 0.0)
    return split


def single_lever(lever: Lever, levers: Sequence[Lever], budget: float) -> Split:
    """All of the budget to one lever (up to its maximum), minimums kept."""
    return project({lever.name: 1.0}, levers, budget)


def starting_plans(levers: Sequence[Lever], budget: float) -> list[Split]:
    """Nothing extra, each lever alone, an even split."""
    plans = [project({UNSPENT: 1.0}, levers, budget)]
    plans += [single_lever(lv, levers, budget) for lv in levers if lv.high > lv.low]
    plans.append(project({lv.name: 1.0 for lv in levers}, levers, budget))
    return plans


@dataclass
class SearchResult:
    """Every split tried, its mean gain, and the best one."""

    splits: list[Split]
    gains: np.ndarray          # splits x replications

    @property
    def means(self) -> np.ndarray:
        return self.gains.mean(axis=1)

    @property
    def best(self) -> Split:
        return self.splits[int(np.argmax(self.means))]


def optimise_split(objective: Objective, levers: Sequence[Lever], budget: float,
                   trials: int = 48, batch: int = 8, seed: int = 0,
                   warm: Sequence[Split] = ()) -> SearchResult:
    """Seeded TPE over split weights; the starting plans (and `warm`, plans already
    worth trying, e.g. a coarse grid) are evaluated first and seed the sampler."""
    import optuna  # here, not at import: the command line refuses bad input without it
    check_budget(levers, budget)
    names = [lv.name for lv in levers if lv.high > lv.low] + [UNSPENT]
    sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True, constant_liar=True,
                                         n_startup_trials=min(10, trials // 3))
    optuna.logging.set_verbosity(optuna.logging.WARNING)   # no "study created" line for readers
    study = optuna.create_study(direction="maximize", sampler=sampler)
    splits, gains = [], []
    first = starting_plans(levers, budget)
    first += [plan for plan in warm if not any(same_split(plan, p) for p in first)]
    values = objective(first)
    for split, row in zip(first, values):
        study.add_trial(optuna.trial.create_trial(
            params={n: _weight_of(split, n, budget) for n in names},
            distributions={n: optuna.distributions.FloatDistribution(0.0, 1.0) for n in names},
            value=float(np.mean(row))))
    splits += first
    gains += list(values)
    while len(splits) < trials + len(first):
        asked = [study.ask() for _ in range(min(batch, trials + len(first) - len(splits)))]
        candidates = [project({n: t.suggest_float(n, 0.0, 1.0) for n in names}, levers, budget)
                      for t in asked]
        values = objective(candidates)
        for trial, row in zip(asked, values):
            study.tell(trial, float(np.mean(row)))
        splits += candidates
        gains += list(values)
    return SearchResult(splits, np.asarray(gains, float))


def same_split(a: Split, b: Split) -> bool:
    """Whether two splits give every use the same money (to a millionth)."""
    return all(abs(a.get(k, 0.0) - b.get(k, 0.0)) < 1e-6 for k in set(a) | set(b))


def _weight_of(split: Split, name: str, budget: float) -> float:
    return float(min(max(split.get(name, 0.0) / budget, 0.0), 1.0)) if budget > 0 else 0.0
