"""Levers bought in units: how many units a month's money buys, and how many were used.

Handlers are hired for the month (paid busy or idle); empowered front-line complaints,
solicited complaints, quality points, paid customers and save offers are paid as used, up to the
budget. A step's `LeverUse` says, per lever, units bought, units used and their cost;
the ledger sums them so a run can say what its money bought and what stood idle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulation.parameters.params import Params

LEVERS = ("handlers", "front_line", "solicited", "quality", "paid_customers", "save_offers")
UNITS = {"handlers": "complaints a handler could close", "front_line":
         "empowered front-line complaints", "solicited": "complaints drawn out",
         "quality": "customer-months of better service", "paid_customers": "paid customers",
         "save_offers": "save offers"}


@dataclass
class LeverUse:
    """Units bought and used of each lever in one step, and what they cost."""

    bought: dict[str, float] = field(default_factory=lambda: dict.fromkeys(LEVERS, 0.0))
    used: dict[str, float] = field(default_factory=lambda: dict.fromkeys(LEVERS, 0.0))
    cost: float = 0.0

    def book(self, lever: str, bought: float, used: float, cost: float) -> None:
        self.bought[lever] += bought
        self.used[lever] += used
        self.cost += cost

    def counts(self) -> dict[str, float]:
        """Flat step counts: `<lever>_bought` and `<lever>_used`."""
        out = {f"{k}_bought": v for k, v in self.bought.items()}
        out.update({f"{k}_used": v for k, v in self.used.items()})
        return out


def todays_team(params: Params, customers: int, dt: float) -> float:
    """Complaints today's team closes this step (`capacity_per_1000` customers)."""
    return params.complaints.capacity_per_1000 * customers / 1000.0 * dt


def handler_capacity(params: Params, customers: int, dt: float) -> float:
    """Complaints the team can close this step: today's team plus the handlers a
    strategy hired, at `handler_complaints_per_month` each."""
    return todays_team(params, customers, dt) + hired_handlers(params, dt)[0]


def hired_handlers(params: Params, dt: float) -> tuple[float, float]:
    """(complaints the hired handlers can close this step, what they cost this step)."""
    pol, k = params.policy, params.costs
    return (pol.extra_handlers * k.handler_complaints_per_month * dt,
            pol.extra_handlers * k.handler_cost_per_month * dt)


def affordable(budget: float, unit_cost: float, dt: float) -> int:
    """Whole units a step's budget pays for at `unit_cost` each (all of them if free)."""
    if budget <= 0.0:
        return 0
    if unit_cost <= 0.0:
        return 2**62
    return int(budget * dt / unit_cost)


def empowered_places(params: Params, dt: float) -> int:
    """Front-line complaints this step's budget can have taken by empowered agents."""
    return affordable(params.policy.frontline_budget, params.costs.empowerment_cost_per_complaint,
                      dt)


def solicited_places(params: Params, dt: float) -> int:
    """Complaints this step's budget can draw out of the silent."""
    return affordable(params.policy.solicit_budget, params.costs.solicit_cost_per_complaint, dt)


def has_front_line(params: Params) -> bool:
    """Whether complaints meet a front line at all (the folklore preset has none)."""
    c = params.complaints
    return (c.frontline_resolution_share > 0.0 or c.escalation_share < 1.0
            or params.policy.frontline_budget > 0.0)
