"""Parameters of how customers answer a save offer (`simulation.save_desk`).

The firm's side (how many offers a month its budget buys, who it targets, what one offer
costs) is in `policy.save_budget`, `policy.save_targeting` and `costs.save_offer_cost`;
this group is the market's answer to a contact, with or without a desk (no offer, no
effect, nothing drawn).

Sources: Dholakia, U. M. & Morwitz, V. G. (2002), "The scope and persistence of
mere-measurement effects: evidence from a field study of customer satisfaction
measurement", J. Consumer Research 29(2):159-167 (customers contacted once by a
satisfaction survey that sold nothing were less than half as likely to defect a year
later); Ascarza, E., Iyengar, R. & Schleicher, M. (2016), "The perils of proactive
churn prevention using plan recommendations: evidence from a field experiment", J.
Marketing Research 53(1):46-60 (an untargeted proactive contact raised 3-month churn from
6% to 10% among customers on plans that did not fit them: the contact awoke them to
look around).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group


@dataclass(frozen=True)
class SaveDeskParams:
    """What one save contact does to the customer who receives it."""

    GROUP = "save_desk"
    save_keep_share: float = param(
        0.5, low=0.0, high=1.0, plausible=(0.25, 0.6), source="Dholakia & Morwitz 2002 "
        "(one contact: defection less than half as likely a year later, so at least 0.5)",
        doc="chance a contacted customer who would leave for dissatisfaction (after a "
            "complaint episode, a soured attitude or a friend's word) stays instead, "
            "while the contact is recent",
        label="share of would-be leavers a save contact keeps", unit="chance")
    save_window_months: float = param(
        12.0, low=0.0, high=120.0, plausible=(3, 12), source="Dholakia & Morwitz 2002 "
        "(the effect measured a year after the contact)",
        doc="months a save contact keeps working; a customer is not offered again within "
            "them", label="months a save contact lasts", unit="months")
    awakening_share: float = param(
        0.04, low=0.0, high=1.0, plausible=(0.02, 0.08), source="Ascarza, Iyengar & "
        "Schleicher 2016 (3-month churn 6% -> 10% after an untargeted contact among "
        "ill-fitting customers)", doc="chance a contacted customer on an ill-fitting plan is awoken "
                          "by the contact and leaves for a better deal",
        label="chance a contact awakens an ill-fitting customer", unit="chance")
    ill_fit_below: float = param(
        -0.05, low=-1.0, high=0.0, plausible=(-0.1, 0.0), source="assumption: one spread "
        "`traits.fit_sd` below a good fit in the customers_differ scenario",
        doc="fit (quality points above what the customer expected, `traits`) below which "
            "a customer's plan counts as ill-fitting; only when fit is drawn",
        label="fit below which a plan is ill-fitting", unit="quality points")
    signal_months: float = param(
        3.0, low=0.0, high=60.0, plausible=(1, 6), source="assumption: Ascarza et al. "
        "measured churn over 3 months", doc="how recent a complaint or a friend's leaving must be "
                                    "to count as a warning sign",
        label="months a warning sign stays fresh", unit="months")

    def __post_init__(self) -> None:
        validate_group(self)
