"""The firm's parameter groups: how it acquires customers, its accounts, and the policy
its strategies change (levers, budgets, the segments a lever is aimed at).

Sources as in `groups`: F1..F12 are the figures in docs/figures.md; "assumption" marks a
modelling choice no published figure pins down, with the range the evidence leaves open.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import ParameterGroup, param
from simulation.parameters.segments import SEGMENTS

TARGETS = ("", *SEGMENTS)   # a lever's segment: '' = every customer
AIMED = ("followup", "paid", "save", "quality")   # levers with a `policy.<lever>_segment`
RATER_DIMENSIONS = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")


@dataclass(frozen=True)
class AcquisitionParams(ParameterGroup):
    """How prospects become customers besides referrals."""

    GROUP = "acquisition"
    advertising_rate: float = param(0.0025, low=0.0, high=10.0, source="Bass p ~0.03/yr",
                                    doc="adoption hazard per prospect per month from media",
                                    unit="per prospect-month")
    paid_budget: float = param(5000.0, low=0.0, high=1e12, source="strategy",
                               doc="money per month spent buying customers", label="ad budget",
                               unit="money a month")
    cac: float = param(200.0, low=0.01, high=1e9,
                       plausible=(50, 1000), source="assumption; a firm profile's observed CAC replaces it",
                       doc="customer acquisition cost (money per paid customer won while "
                           "the prospect pool is as large as at the start)",
                       label="acquisition cost per customer", unit="money")
    paid_saturation: float = param(1.0, low=0.0, high=5.0, plausible=(0.5, 2),
                                   source="assumption: 1 = the cost of a paid "
                                          "customer rises as the prospect pool shrinks",
                                   doc="elasticity of the cost per paid customer to the "
                                       "shrinking of the prospect pool", unit="elasticity")


@dataclass(frozen=True)
class EconomicsParams(ParameterGroup):
    """Money: revenue, margins, costs and discounting."""

    GROUP = "economics"
    revenue_per_month: float = param(50.0, low=0.0, high=1e9, plausible=(20, 100), source="assumption",
                                     doc="revenue of a neutral customer per month",
                                     unit="money a customer a month")
    satisfied_spend_premium: float = param(0.2, low=0.0, high=10.0, source="004",
                                           doc="extra spend of a very satisfied customer",
                                           unit="share of spend")
    gross_margin: float = param(0.35, low=0.0, high=1.0, plausible=(0.2, 0.6), source="assumption",
                                doc="share of revenue left after cost of goods", label="gross margin",
                                unit="share")
    retention_cost_ratio: float = param(0.2, low=0.0, high=10.0, source="F3",
                                        doc="yearly cost of keeping a customer / CAC", unit="x CAC a year")
    complaint_cost: float = param(30.0, low=0.0, high=1e9, plausible=(10, 60), source="assumption",
                                  doc="cost of handling one escalated complaint", unit="money")
    frontline_cost: float = param(5.0, low=0.0, high=1e9, plausible=(2, 15), source="assumption",
                                  doc="cost of one complaint taken at the front line", unit="money")
    annual_discount_rate: float = param(0.10, low=0.0, high=1.0, plausible=(0.05, 0.15), source="assumption",
                                        doc="discount rate for NPV and CLV", unit="per year")
    currency: str = param("$", source="setting",
                          doc="currency shown on every money figure (a code or symbol)", unit="currency code")


@dataclass(frozen=True)
class PolicyParams(ParameterGroup):
    """Firm policy that strategies change: follow-up programme and referral reward."""

    GROUP = "policy"
    followup_share: float = param(0.0, low=0.0, high=1.0, source="002",
                                  doc="share of customers in the follow-up programme", unit="share")
    followup_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                   doc="money per month for follow-up; enrols budget / "
                                       "(retention cost per customer-month) customers", unit="money a month")
    followup_discovery: float = param(0.5, low=0.0, high=1.0, plausible=(0.3, 0.7), source="002 (assumption)",
                                      doc="chance a follow-up contact uncovers a silent "
                                          "unhappy customer and treats it as a complaint", unit="share")
    followup_satisfaction_lift: float = param(0.05, low=0.0, high=1.0, source="002",
                                              doc="satisfaction points per month of follow-up",
                                              unit="satisfaction points a month")
    referral_reward: float = param(0.0, low=0.0, high=1e9, source="strategy",
                                   doc="money paid per referred customer", unit="money")
    referral_reward_uplift: float = param(0.5, low=0.0, high=100.0, plausible=(0.2, 1.0), source="assumption",
                                          doc="conversion uplift per CAC-sized reward", unit="x per CAC")
    extra_spend: float = param(0.0, low=0.0, high=1e12, source="strategy",
                               doc="money per month a strategy spends beyond the above", unit="money a month")
    extra_handlers: float = param(0.0, low=0.0, high=1e7, source="strategy",
                                  doc="complaint handlers hired beyond today's team "
                                      "(handler-months a month)", unit="handlers")
    frontline_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                    doc="money per month for empowered front-line "
                                        "complaints (bought per complaint taken)",
                                    unit="money a month")
    solicit_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                  doc="money per month for drawing out complaints the "
                                      "silent would not make (bought per complaint)",
                                  unit="money a month")
    quality_spend: float = param(0.0, low=0.0, high=1e9, source="strategy",
                                 doc="money per customer served a month spent on a "
                                     "better RATER dimension", unit="money per customer-month")
    save_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                               doc="money per month for save offers to customers showing "
                                   "warning signs (bought per offer made)",
                               unit="money a month")
    save_targeting: str = param("risk", choices=("risk", "response", "random"),
                                source="strategy (risk: most warning signs first; response: "
                                       "most signs among customers a contact cannot "
                                       "awaken; random: any customer)",
                                doc="who gets the save offers the budget buys",
                                label="save offers go to", unit="choice")
    # Levers aimed at one segment (`simulation.segments.targets`); '' = every customer.
    save_segment: str = param("", choices=TARGETS, source="strategy",
                              doc="segment whose customers `targeted_save_budget`'s offers "
                                  "go to ('' = none)",
                              label="segment save offers are aimed at", unit="segment")
    targeted_save_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                        doc="money per month for save offers to "
                                            "`save_segment`'s customers, beyond the save "
                                            "budget (same unit price and targeting)",
                                        unit="money a month",
                                        label="save offers aimed at a segment")
    followup_segment: str = param("", choices=TARGETS, source="strategy",
                                  doc="segment whose customers `targeted_followup_budget` "
                                      "enrols ('' = none)",
                                  label="segment follow-up is aimed at", unit="segment")
    targeted_followup_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                            doc="money per month for follow-up of "
                                                "`followup_segment`'s customers, beyond the "
                                                "follow-up budget", unit="money a month",
                                            label="follow-up aimed at a segment")
    paid_segment: str = param("", choices=TARGETS, source="strategy",
                              doc="segment whose prospects `targeted_paid_budget` buys "
                                  "('' = none)", label="segment paid acquisition seeks",
                              unit="segment")
    targeted_paid_budget: float = param(0.0, low=0.0, high=1e12, source="strategy",
                                        doc="money per month for paid customers won among "
                                            "the prospects of `paid_segment`, beyond the paid "
                                            "budget", unit="money a month",
                                        label="paid acquisition aimed at a segment")
    quality_segment: str = param("", choices=TARGETS, source="strategy",
                                 doc="segment whose customers are served at the bought "
                                     "quality ('' = every customer)",
                                 label="segment better service is bought for", unit="segment")
    quality_dimension: str = param("reliability", choices=RATER_DIMENSIONS, source="strategy",
                                   doc="RATER dimension bought for `quality_segment`",
                                   label="dimension of the better service", unit="dimension")
    quality_level: float = param(0.0, low=0.0, high=1.0, source="strategy",
                                 doc="level of `quality_dimension` the `quality_segment`'s "
                                     "customers are served at (0 = not bought)",
                                 label="quality bought for a segment", unit="level (0-1)")
