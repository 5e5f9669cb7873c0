"""What each of a firm's levers buys, for its spending plan: every funded lever alone at
the plan's budget and with money to spare (`levers.CEILING_BUDGET` times it), against
today's spend, on the plan's fresh (posterior draw, seed) pairs; read by the same
analysis as `ripple compare` (`levers.lever_readouts`: ceiling, break-even unit cost,
return on spend, cost per extra customer, 95% CIs).

Markets are simulated at the plan's population with money scaled by the population ratio
(as the search does); money and customer counts are scaled back to the firm's size, while
unit prices and ratios (break-even, return, cost per customer) need no scaling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from experiments.analysis.allocate import Split, firm_levers, lever_strategy, spend_split
from experiments.analysis.firm_settings import FitSettings, PlanSettings, fit_market
from experiments.analysis.levers import CEILING_BUDGET, LeverReadout, lever_readouts
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import RunSpec, replication_seeds
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params
from simulation.strategies import Strategy

TODAY = "baseline"
EXTENSIVE = ("profit_npv", "customers", "abandoned")   # and every npv_parts_* line
SEGMENT_COUNT = re.compile(r"^segment_\w+_(value|customers|ever)$")   # a segment's totals


def lever_strategies(profile: FirmProfile, budget: float, aims: Sequence[str] = ()
                     ) -> dict[str, Strategy]:
    """Today's spend and each funded lever's strategy at `budget` (levers aimed at a
    segment in `aims` too), by strategy label."""
    out = {TODAY: Strategy(TODAY)}
    for lever in firm_levers(profile, aims):
        if lever.high > lever.low:
            s = lever_strategy(lever.name, budget, profile.quality_dimension)
            out[s.label] = s
    return out


def split_runs(profile: FirmProfile, market: Params, draws: pd.DataFrame, seeds: list[int],
               splits: dict[str, Split], settings: PlanSettings, backend, pool,
               tag: str = "levers", desc: str = "levers") -> pd.DataFrame:
    """One run table row per split (by label) and (posterior draw, seed) pair, at the
    plan's population with money scaled, money and counts scaled back to the firm's size."""
    small = fit_market(market, FitSettings(population=settings.population))
    ratio = small.market.population / market.market.population
    specs = [RunSpec(f"{tag}-{label}-{j}",
                     spend_split(small.replace(**row), split, profile, ratio), seed,
                     profile.horizon_months, {"strategy": label, "replication": j})
             for label, split in splits.items()
             for j, (row, seed) in enumerate(zip(draws.to_dict("records"), seeds))]
    rows = pd.DataFrame([out.row for out in execute(specs, backend=backend, pool=pool,
                                                    desc=desc)])
    money = [c for c in rows if c in EXTENSIVE or c.startswith("npv_parts_")
             or SEGMENT_COUNT.match(c)]
    rows[money] = rows[money] / ratio
    return rows


def _runs(profile: FirmProfile, market: Params, draws: pd.DataFrame, seeds: list[int],
          budget_times: float, settings: PlanSettings, backend, pool) -> pd.DataFrame:
    splits = {TODAY: {}}
    for lever in firm_levers(profile, settings.aims):
        if lever.high > lever.low:
            label = lever_strategy(lever.name, 1.0, profile.quality_dimension).label
            money = settings.budget * budget_times   # the ceiling: bounds set aside
            splits[label] = {lever.name: min(money, lever.high) if budget_times == 1
                             else money}
    return split_runs(profile, market, draws, seeds, splits, settings, backend, pool,
                      f"levers-{budget_times:g}")


def plan_lever_readouts(profile: FirmProfile, market: Params, draws: pd.DataFrame,
                        settings: PlanSettings, backend: Backend | None = None,
                        pool=None) -> LeverReadout:
    """Each funded lever alone at the budget (and with money to spare) against today."""
    n, m = settings.replications, settings.check_replications
    fresh, seeds = draws.iloc[n:n + m], replication_seeds(settings.seed, n + m)[n:]
    backend = backend or Backend(progress=False)
    args = (profile, market, fresh, seeds)
    runs = _runs(*args, 1.0, settings, backend, pool)
    ceilings = _runs(*args, CEILING_BUDGET, settings, backend, pool)
    return lever_readouts(runs, ceilings,
                          lever_strategies(profile, settings.budget, settings.aims), market,
                          baseline=TODAY)


def lever_runs_planned(profile: FirmProfile, settings: PlanSettings) -> int:
    """Simulations the readouts need: today and each funded lever, twice, per fresh pair."""
    return (2 * len(lever_strategies(profile, settings.budget, settings.aims))
            * settings.check_replications)
