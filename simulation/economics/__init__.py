"""Economics: revenue by satisfaction, the firm's costs (F3), profit, NPV and CLV.

Every step's accounts satisfy profit = revenue - sum of costs exactly; CLV is each
customer's discounted gross margin, accumulated per person.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.people_traits.fit import spend_by_fit
from simulation.state import Population, times_trait

COSTS = ("cost_of_goods", "acquisition_cost", "retention_cost", "complaint_cost",
         "frontline_cost", "referral_reward_cost", "strategy_cost")


@dataclass
class Accounts:
    """Money of one step."""

    revenue: float
    cost_of_goods: float
    acquisition_cost: float
    retention_cost: float
    complaint_cost: float
    frontline_cost: float
    referral_reward_cost: float
    strategy_cost: float
    profit: float
    discounted_profit: float

    def as_row(self) -> dict[str, float]:
        return asdict(self)


def spend_multiplier(satisfaction: np.ndarray, premium: float) -> np.ndarray:
    """Satisfied customers buy more (004): 1 +/- premium at satisfaction 5 / 1."""
    return 1.0 + premium * (satisfaction - 3.0) / 2.0


def discount_factor(params: Params, month: float) -> float:
    """Present value of one unit of money `month` months from now."""
    return float((1.0 + params.economics.annual_discount_rate) ** (-month / 12.0))


def retention_cost_per_month(params: Params) -> float:
    """Keeping a customer costs retention_cost_ratio x CAC a year (F3)."""
    return params.economics.retention_cost_ratio * params.acquisition.cac / 12.0


def settle_accounts(pop: Population, active: np.ndarray, *, enrolled: int, handled: int,
                    referred: int, paid_spend: float, params: Params, clock: Clock,
                    frontline: int = 0, lever_cost: float = 0.0) -> Accounts:
    """Book one step's revenue and costs; credit each customer's discounted margin.
    `lever_cost`: the units of the levers a strategy bought (`levers.LeverUse`), booked
    with any other strategy spend."""
    e, dt = params.economics, clock.dt
    revenue_each = times_trait(e.revenue_per_month * dt * spend_multiplier(
        pop.satisfaction[active], e.satisfied_spend_premium), pop.spend, active)
    by_fit = spend_by_fit(pop, active, params, clock)
    if by_fit is not None:
        revenue_each = revenue_each * by_fit
    discount = discount_factor(params, clock.mid)
    pop.value[active] += (e.gross_margin * discount * revenue_each).astype(np.float32)
    revenue = float(revenue_each.sum())
    costs = {
        "cost_of_goods": (1.0 - e.gross_margin) * revenue,
        "acquisition_cost": paid_spend,
        "retention_cost": enrolled * retention_cost_per_month(params) * dt,
        "complaint_cost": handled * e.complaint_cost,
        "frontline_cost": frontline * e.frontline_cost,
        "referral_reward_cost": referred * params.policy.referral_reward,
        "strategy_cost": params.policy.extra_spend * dt + lever_cost,
    }
    profit = revenue - sum(costs.values())
    return Accounts(revenue=revenue, **costs, profit=profit,
                    discounted_profit=profit * discount)
