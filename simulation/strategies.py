"""Strategies: named, budgeted changes to firm policy. Same budget, different use.

A strategy is plain data (name, monthly budget, optional RATER dimension);
`apply_strategy` turns it into the parameters of a market run under that policy.
Levers that cost money without a per-unit price (speed, openness, quality) spend the
budget as `strategy_cost`; acquisition, follow-up and referral rewards spend through
their own cost lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulation.errors import ParameterError
from simulation.parameters.params import Params
from simulation.service import RATER

STRATEGIES = ("baseline", "fast_resolution", "easier_complaining", "service_quality",
              "follow_up", "acquisition", "referral_incentive")


@dataclass(frozen=True)
class Strategy:
    """Where a monthly budget goes."""

    name: str
    budget: float = 0.0
    dimension: str = "reliability"   # which RATER dimension `service_quality` improves

    def __post_init__(self) -> None:
        if self.name not in STRATEGIES:
            raise ParameterError(f"unknown strategy {self.name!r}: choose one of "
                                 f"{', '.join(STRATEGIES)}")
        if not (isinstance(self.budget, (int, float)) and self.budget >= 0
                and math.isfinite(self.budget)):
            raise ParameterError(f"strategy {self.name!r}: budget = {self.budget!r} must be "
                                 "a number >= 0 (money per month)")
        if self.dimension not in RATER:
            raise ParameterError(f"strategy {self.name!r}: dimension = {self.dimension!r} "
                                 f"must be one of {', '.join(RATER)}")

    @property
    def label(self) -> str:
        if self.name == "service_quality":
            return f"service_quality:{self.dimension}"
        return self.name


def _closer(value: float, target: float, budget: float, scale: float) -> float:
    """Diminishing returns: each `scale` of budget closes 1/e of the gap to target."""
    return target - (target - value) * math.exp(-budget / scale)


def apply_strategy(params: Params, strategy: Strategy) -> Params:
    """The parameters of a market whose firm follows `strategy`."""
    b, c = strategy.budget, params.costs
    if strategy.name == "baseline" or b == 0:
        return params
    if strategy.name == "acquisition":
        return params.replace(paid_budget=params.acquisition.paid_budget + b)
    if strategy.name == "follow_up":
        return params.replace(followup_budget=params.policy.followup_budget + b)
    if strategy.name == "referral_incentive":
        reward = params.acquisition.cac * b / (b + c.referral_budget_scale)
        return params.replace(referral_reward=reward)
    spend = {"extra_spend": params.policy.extra_spend + b}
    if strategy.name == "fast_resolution":  # more handlers: faster and more at once
        cx, scale = params.complaints, c.resolution_budget_scale
        return params.replace(resolution_days=max(cx.resolution_days * math.exp(-b / scale), 0.1),
                              capacity_per_1000=min(cx.capacity_per_1000 * (1 + b / scale), 1000.0),
                              **spend)
    if strategy.name == "easier_complaining":
        prob = _closer(params.complaints.complaint_prob, 1.0, b, c.complaining_budget_scale)
        return params.replace(complaint_prob=prob, **spend)
    dim = strategy.dimension
    quality = _closer(getattr(params.service, dim), 1.0, b, c.quality_budget_scale)
    return params.replace(**{dim: quality}, **spend)


def parse_strategy(text: str, budget: float) -> Strategy:
    """'service_quality:tangibles' -> Strategy('service_quality', budget, 'tangibles')."""
    name, _, dimension = text.partition(":")
    return Strategy(name, budget, dimension or "reliability")
