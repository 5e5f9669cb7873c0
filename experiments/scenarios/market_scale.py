"""A smaller copy of a market: fewer people, and every market-wide budget shrunk with them.

Notebooks run small markets by default so they finish in seconds. Per-customer figures
(revenue, CAC, unit prices of the levers) stay as they are; money spent per month on the
whole market (paid acquisition, follow-up, strategy budgets, hired handlers) is scaled by
the population ratio, so a 1,000-person market with a 500/month
budget behaves like the 10,000-person market with 5,000/month.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from experiments.scenarios.scenario import Scenario
from simulation import Params
from simulation.parameters.groups import GROUPS
from simulation.strategies import Strategy

MARKET_WIDE = ("money a month", "handlers")   # declared units of what the whole market buys
# Market-wide money (and handlers hired), read from their declarations, with lower bounds.
MARKET_MONEY = {f.name: float(f.metadata["low"] or 0.0) for cls in GROUPS.values()
                for f in dataclasses.fields(cls) if f.metadata.get("unit") in MARKET_WIDE}


def scale_market(params: Params, population: int) -> Params:
    """`params` for `population` people, with market-wide money scaled in proportion (never
    below a parameter's declared lower bound)."""
    ratio = population / params.market.population
    flat = params.flat()
    money = {k: max(flat[k] * ratio, low) for k, low in MARKET_MONEY.items() if k in flat}
    firms = tuple(f.changed(**{k: max(v * ratio, MARKET_MONEY[k])
                               for k, v in f.overrides.items() if k in MARKET_MONEY})
                  for f in params.firms)   # each firm's own budgets shrink alike
    return params.replace(population=population, **money).with_firms(firms)


def scale_strategy(strategy: Strategy, ratio: float) -> Strategy:
    return Strategy(strategy.name, strategy.budget * ratio, strategy.dimension)


def scale_scenario(scenario: Scenario, population: int) -> Scenario:
    """The scenario on a market of `population` people (budgets, flip range scaled)."""
    ratio = population / scenario.params.market.population
    strategies = {k: scale_strategy(s, ratio) for k, s in scenario.strategies.items()}
    flip = scenario.flip
    if flip is not None and flip.parameter == "budget":
        flip = replace(flip, low=flip.low * ratio, high=flip.high * ratio)
    return scenario.replace(params=scale_market(scenario.params, population),
                            strategies=strategies, flip=flip)
