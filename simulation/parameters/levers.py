"""Unit prices of the levers a firm can buy: what one unit costs and what it does.

Every default is cited or an "assumption" with its range (docs/figures.md, "What money
buys"); a firm profile's `[prices]` replaces them (experiments/scenarios/firm_market.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group


@dataclass(frozen=True)
class CostParams:
    """What one unit of each lever costs and what it does (unit prices, not budgets)."""

    GROUP = "costs"
    handler_cost_per_month: float = param(
        4000.0, low=1.0, high=1e9, plausible=(2500, 8000),
        source="assumption: a loaded monthly salary of a complaint handler",
        doc="cost of one complaint handler for a month",
        label="cost of a complaint handler", unit="money a handler-month")
    handler_complaints_per_month: float = param(
        150.0, low=1.0, high=100_000.0, plausible=(50, 400),
        source="assumption: 150 closed at 4,000 is about 27 a complaint, phone contacts "
        "cost 8-25 plus overhead; docs/figures.md",
        doc="escalated complaints one handler closes in a month",
        label="complaints one handler closes a month", unit="complaints a month")
    empowerment_cost_per_complaint: float = param(
        10.0, low=0.0, high=1e9, plausible=(5, 25),
        source="assumption: a phone contact costs 8-25, vendor ranges in docs/figures.md",
        doc="extra cost of a front-line complaint taken by a trained, empowered agent",
        label="cost of an empowered front-line complaint", unit="money")
    empowered_resolution_share: float = param(
        0.9, low=0.0, high=1.0, plausible=(0.7, 0.95),
        source="assumption; Goodman 2005: most complaints can be settled at the first "
        "contact", doc="share of complaints an empowered front-line agent settles on the "
        "spot", unit="share")
    solicit_cost_per_complaint: float = param(
        10.0, low=0.0, high=1e9, plausible=(2, 25),
        source="assumption: email 2-10, phone 8-25 a contact, vendor ranges in "
        "docs/figures.md", doc="cost of drawing out one complaint a silent unhappy "
        "customer would not have made",
        label="cost of drawing out a complaint", unit="money")
    quality_point_cost: float = param(
        0.5, low=1e-3, high=1e6, plausible=(0.125, 2.5),
        source="assumption: 0.25%-5% of the default 50 revenue a customer-month for one "
        "point; Rust, Zahorik & Keiningham 1995 for the diminishing returns",
        doc="cost of the first point (0.01) of a RATER dimension per customer served a "
        "month; each further point costs more as the gap to perfect closes",
        label="cost of a quality point per customer", unit="money")
    save_offer_cost: float = param(
        20.0, low=0.0, high=1e9, plausible=(8, 50),
        source="assumption: a phone contact costs 8-25, vendor ranges in docs/figures.md, "
        "plus up to 25 of goodwill credit",
        doc="cost of one save offer made to a customer showing warning signs",
        label="cost of a save offer", unit="money")
    referral_budget_scale: float = param(
        5000.0, low=1.0, high=1e12, plausible=(2500, 10000), source="assumption",
        doc="monthly budget at which the referral reward reaches half the CAC",
        unit="money a month")

    def __post_init__(self) -> None:
        validate_group(self)
