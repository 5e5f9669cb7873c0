"""Parameters of attitude, rejecters and acquisition channel: what word of mouth *does*.

Sources: East, Hammond & Lomax (2008), "Measuring the impact of positive and negative
word of mouth on brand purchase probability", IJRM 25(3):215-224 (latitude, strength of
expression, own brand); East and colleagues, "The impact of word of mouth on intention
to purchase currently used and other brands" (acquisition vs retention ratios);
Goldenberg, Libai, Moldovan & Muller (2007), "The NPV of bad news", IJRM 24(3):186-200
(rejecters who spread bad news); Villanueva, Yoo & Hanssens (2008), JMR 45:48-59
(customers won by word of mouth are worth more in the long run). "assumption" marks a
size no published figure pins down; "calibrated" a value tuned to the named figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group

EAST_2008 = "East, Hammond & Lomax 2008"


@dataclass(frozen=True)
class AttitudeParams:
    """Purchase and repurchase propensity, moved by what people hear."""

    GROUP = "attitude"
    attitude_enabled: bool = param(True, source="DESIGN.md",
                                   doc="off = messages leave attitudes alone (Bass case)", unit="on/off")
    prospect_attitude: float = param(0.5, low=0.01, high=1.0, plausible=(0.3, 0.7), source="assumption",
                                     doc="purchase propensity of a prospect who heard "
                                         "nothing; adoption chances scale with attitude / "
                                         "this, at most 1", unit="share")
    customer_attitude: float = param(0.8, low=0.01, high=1.0, plausible=(0.6, 0.95), source="assumption",
                                     doc="repurchase propensity of a settled customer", unit="share")
    praise_impact: float = param(0.3, low=0.0, high=1.0, plausible=(0.1, 0.5), source=f"{EAST_2008}; size "
                                 "assumption", doc="share of a prospect's room to rise "
                                 "(1 - attitude) one positive message closes (latitude)", unit="share")
    criticism_impact: float = param(0.4, low=0.0, high=1.0, plausible=(0.2, 0.6), source=f"{EAST_2008}; size "
                                    "assumption", doc="share of a prospect's attitude one "
                                    "mild complaint removes (latitude: likely buyers lose "
                                    "most)", unit="share")
    praise_acquisition_ratio: float = param(2.0, low=1.0, high=100.0,
                                            source="East et al. (positive WOM ~2x)",
                                            doc="impact of praise on prospects / on own "
                                                "customers", unit="ratio")
    criticism_acquisition_ratio: float = param(4.0, low=1.0, high=100.0,
                                               source="East et al. (negative WOM >4x)",
                                               doc="impact of bad news on prospects / on own "
                                                   "customers (they resist it)", unit="ratio")
    enemy_strength: float = param(2.0, low=0.0, high=10.0, plausible=(1, 3), source=f"{EAST_2008} (strength "
                                  "of expression); 003 (enemies); size assumption",
                                  doc="weight of an enemy's message vs a mild complaint",
                                  unit="message weight")
    relay_strength: float = param(0.5, low=0.0, high=10.0, plausible=(0.25, 1), source="assumption",
                                  doc="weight of bad news retold second hand", unit="message weight")
    attitude_memory_months: float = param(12.0, low=0.1, high=600.0, plausible=(6, 24), source="assumption",
                                          doc="mean months before what was heard fades "
                                              "and attitude returns to its baseline", unit="months")
    attitude_churn_rate: float = param(0.013, low=0.0, high=10.0,
                                       source="calibrated to F11",
                                       doc="monthly leaving hazard (to a friend's brand) of "
                                           "a customer whose attitude fell to 0", unit="per month")
    rejecter_threshold: float = param(0.2, low=0.0, high=1.0,
                                      plausible=(0.1, 0.3), source="Goldenberg et al. "
                                      "2007 (rule; evidence: one first-hand complaint "
                                      "rejects); value assumption",
                                      doc="a prospect whose attitude falls below this "
                                          "rejects the brand and retells the bad news", unit="share")
    rejecter_memory_months: float = param(60.0, low=0.0, high=600.0, plausible=(24, 120),
                                          source="Goldenberg et al. 2007 (rejection lasts "
                                                 "the product's life); labelled assumption",
                                          doc="months a rejecter refuses to buy", unit="months")
    rejecter_talk_months: float = param(3.0, low=0.0, high=600.0, plausible=(1, 6), source="assumption",
                                        doc="months after rejecting during which a "
                                            "rejecter retells the bad news", unit="months")
    rejecter_tell_rate: float = param(0.25, low=0.0, high=30.0, plausible=(0.1, 0.5), source="assumption "
                                      "(as often as praise)",
                                      doc="retelling events per talking rejecter per month", unit="per month")
    referral_attitude: float = param(0.9, low=0.0, high=1.0,
                                     plausible=(0.8, 0.95), source="Villanueva et al. "
                                     "2008 (direction); value assumption",
                                     doc="starting repurchase propensity of a referred "
                                         "customer (a friend vouched)", unit="share")
    referral_tie_hazard_ratio: float = param(0.5, low=0.0, high=1.0,
                                             plausible=(0.3, 0.8), source="Villanueva "
                                             "et al. 2008 (direction); value assumption",
                                             doc="better-deal hazard of a referred customer "
                                                 "while the referrer stays, / others'", unit="share")
    marketing_promise_gap: float = param(0.03, low=0.0, high=1.0,
                                         plausible=(0.0, 0.06), source="gap 4 (001); "
                                         "value assumption",
                                         doc="expectation added by advertising's promise to "
                                             "customers won by marketing", unit="share")

    def __post_init__(self) -> None:
        validate_group(self)
