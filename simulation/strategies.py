"""Strategies: named, budgeted changes to firm policy. Same budget, different use.

A strategy is plain data (name, monthly budget, optional RATER dimension);
`apply_strategy` turns it into the parameters of a market run under that policy. Each
lever buys units at a unit price: complaint handlers (a handler-month), empowered
front-line complaints and solicited complaints (each), a point of a RATER dimension per
customer served, a paid customer won, a follow-up contact, a referral reward, a save
offer to a customer showing warning signs (`save_desk`). Handlers
are paid whether busy or idle; per-use units are paid as used, up to the budget
(`levers.py` books them and counts units bought, used and idle).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulation.errors import ParameterError
from simulation.parameters.params import Params
from simulation.parameters.segments import SEGMENTS
from simulation.service import RATER

AIMABLE = ("follow_up", "acquisition", "save_desk", "service_quality")   # levers a segment can be given
STRATEGIES = ("baseline", "fast_resolution", "front_line", "easier_complaining",
              "service_quality", "follow_up", "acquisition", "referral_incentive", "save_desk")


@dataclass(frozen=True)
class Strategy:
    """Where a monthly budget goes."""

    name: str
    budget: float = 0.0
    dimension: str = "reliability"   # which RATER dimension `service_quality` improves
    segment: str = ""                # the segment the lever is aimed at ('' = everyone)

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
        if self.segment and self.segment not in SEGMENTS:
            raise ParameterError(f"strategy {self.name!r}: segment = {self.segment!r} must be "
                                 f"one of {', '.join(SEGMENTS)}")
        if self.segment and self.name not in AIMABLE:
            raise ParameterError(f"strategy {self.name!r}: segment = {self.segment!r}: only "
                                 f"{', '.join(AIMABLE)} can be aimed at a segment")

    @property
    def label(self) -> str:
        base = f"service_quality:{self.dimension}" if self.name == "service_quality" else self.name
        return f"{base}@{self.segment}" if self.segment else base


def quality_bought(level: float, spend_per_customer: float, point_cost: float) -> float:
    """A RATER level after spending `spend_per_customer` a month on it. The first point
    (0.01) costs `point_cost`; each further point costs more in proportion as the gap to
    perfect closes (diminishing returns, Rust, Zahorik & Keiningham 1995), so the gap
    shrinks as exp(-spend / (100 x point_cost x gap))."""
    gap = 1.0 - level
    if gap <= 0.0:
        return level
    return 1.0 - gap * math.exp(-spend_per_customer / (100.0 * point_cost * gap))


def customers_at_start(params: Params, share: float = 1.0) -> float:
    """Customers the market starts with (who a per-customer price is set against), or
    those of a segment holding `share` of the people."""
    return max(params.market.population * params.market.initial_customer_share * share, 1.0)


def apply_strategy(params: Params, strategy: Strategy, firm: int = 0) -> Params:
    """The parameters of a market whose firm follows `strategy`. Every lever buys units
    at its unit price (`costs`); the accounts book the units as they are used. In a
    market of several firms the strategy is firm `firm`'s (the first: the focal firm),
    priced on its own settings and customers; the rivals' settings stay as given."""
    if len(params.firms) > 1:
        own = params.firm_views()[firm]
        before, after = own.firm_side(), apply_strategy(own, strategy).firm_side()
        return params.with_firm(firm, **{k: v for k, v in after.items() if before[k] != v})
    b, c, pol = strategy.budget, params.costs, params.policy
    if strategy.name == "baseline" or b == 0:
        return params
    if strategy.segment:
        return _aim(params, strategy)
    if strategy.name == "acquisition":
        return params.replace(paid_budget=params.acquisition.paid_budget + b)
    if strategy.name == "follow_up":
        return params.replace(followup_budget=pol.followup_budget + b)
    if strategy.name == "referral_incentive":
        reward = params.acquisition.cac * b / (b + c.referral_budget_scale)
        return params.replace(referral_reward=reward)
    if strategy.name == "fast_resolution":  # handlers: capacity, so shorter queues
        return params.replace(extra_handlers=pol.extra_handlers + b / c.handler_cost_per_month)
    if strategy.name == "front_line":
        return params.replace(frontline_budget=pol.frontline_budget + b)
    if strategy.name == "easier_complaining":
        return params.replace(solicit_budget=pol.solicit_budget + b)
    if strategy.name == "save_desk":
        return params.replace(save_budget=pol.save_budget + b)
    dim = strategy.dimension
    per_customer = b / customers_at_start(params)
    quality = quality_bought(getattr(params.service, dim), per_customer, c.quality_point_cost)
    return params.replace(**{dim: quality}, quality_spend=pol.quality_spend + per_customer)


def _aim(params: Params, strategy: Strategy) -> Params:
    """A lever bought for one segment's customers (`segments.targets`), beside what the
    lever buys for everyone: the aimed follow-up budget enrols them, paid acquisition
    seeks its prospects, save offers go to its customers showing warning signs, the
    quality bought serves them (the budget spread over that segment's customers at the
    start)."""
    b, pol, seg = strategy.budget, params.policy, strategy.segment
    if strategy.name == "follow_up":
        return params.replace(targeted_followup_budget=pol.targeted_followup_budget + b,
                              followup_segment=seg)
    if strategy.name == "acquisition":
        return params.replace(targeted_paid_budget=pol.targeted_paid_budget + b,
                              paid_segment=seg)
    if strategy.name == "save_desk":
        return params.replace(targeted_save_budget=pol.targeted_save_budget + b,
                              save_segment=seg)
    dim = strategy.dimension
    per_customer = b / customers_at_start(params, getattr(params.segments, f"{seg}_share"))
    level = quality_bought(getattr(params.service, dim), per_customer,
                           params.costs.quality_point_cost)
    return params.replace(quality_segment=seg, quality_dimension=dim, quality_level=level,
                          quality_spend=pol.quality_spend + per_customer)


def parse_strategy(text: str, budget: float) -> Strategy:
    """'service_quality:tangibles@business' -> Strategy('service_quality', budget,
    'tangibles', 'business')."""
    text, _, segment = text.partition("@")
    name, _, dimension = text.partition(":")
    return Strategy(name, budget, dimension or "reliability", segment)
