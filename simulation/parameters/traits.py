"""Parameters of how customers differ: latent per-person propensities drawn once.

Every spread is 0 in the shipped presets, so everyone is the same draw from one set of
rates (the one-rate model, bit for bit: nothing is drawn). The presets stay homogeneous
because no source sets these spreads for the presets' market; `HETEROGENEOUS` below
holds the cited values for a market whose customers differ (the `customers_differ`
scenario uses them).

Sources: Fader & Hardie (2007), "How to project customer retention", J. Interactive
Marketing 21(1):76-90 (shifted-beta-geometric: each customer's chance of leaving per
period is Beta-distributed; their two example segments have alpha, beta = 0.704, 1.182 and
0.668, 3.806, polarization 1 / (alpha + beta + 1) = 0.35 and 0.18); Fader, Hardie & Lee
(2005), "RFM and CLV: using iso-value curves for customer base analysis", JMR
42(4):415-430 (gamma-gamma spend, CDNOW q = 3.74: a customer's mean spend varies with
coefficient of variation 1 / sqrt(q - 2) = 0.76); McPherson, Smith-Lovin & Cook (2001),
"Birds of a feather: homophily in social networks", Annual Review of Sociology 27:415-444
(friends resemble each other; no single size). "assumption" marks a size no published
figure pins down.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group

FADER_HARDIE = ("Fader & Hardie 2007 (sBG; 0.35 and 0.18 in their two example segments, "
                "whose shape alpha is 0.704 and 0.668)")


@dataclass(frozen=True)
class TraitParams:
    """Spread of each latent propensity across people; 0 = everyone alike."""

    GROUP = "traits"
    churn_polarization: float = param(
        0.0, low=0.0, high=0.95, source=f"{FADER_HARDIE}; 0 in the presets",
        doc="spread of each customer's yearly chance of leaving for causes no service "
            "episode explains: Beta around the market's mean with polarization "
            "1 / (alpha + beta + 1); 0 = everyone alike",
        label="spread of customers' churn propensity", unit="polarization (0-1)")
    spend_cv: float = param(
        0.0, low=0.0, high=5.0, source="Fader, Hardie & Lee 2005 (CDNOW: 0.76); 0 in the "
        "presets", doc="coefficient of variation of a customer's monthly spend (Gamma, "
                       "mean 1 x revenue per month); 0 = everyone spends alike",
        label="spread of customers' spend", unit="coefficient of variation")
    talk_cv: float = param(
        0.0, low=0.0, high=5.0, plausible=(0, 2), source="assumption; 0 in the presets",
        doc="coefficient of variation of how often a customer talks (Gamma multiplier of "
            "the telling rates, mean 1); 0 = everyone equally talkative",
        label="spread of talkativeness", unit="coefficient of variation")
    complaint_cv: float = param(
        0.0, low=0.0, high=5.0, plausible=(0, 2), source="assumption; 0 in the presets",
        doc="coefficient of variation of a customer's readiness to complain (Gamma "
            "multiplier of the complaint chance, mean 1); 0 = everyone alike",
        label="spread of readiness to complain", unit="coefficient of variation")
    fit_sd: float = param(
        0.0, low=0.0, high=0.5, plausible=(0, 0.1), source="assumption; 0 in the presets",
        doc="sd of a person's taste fit with the firm, in quality points (0-1): a good "
            "fit joins expecting less than the firm delivers, a poor one more; the "
            "offset fades as expectations learn",
        label="spread of taste fit", unit="quality points (0-1)")
    fit_spend: float = param(
        1.0, low=0.0, high=10.0, plausible=(0, 3),
        source="assumption: a quality point of fit worth in spend what a quality point of "
               "service is worth through satisfaction in the presets (spend premium 0.2 "
               "over 2 satisfaction points, 0.1 quality points a point: 1.0)",
        doc="relative change in a new customer's spend per quality point of fit (a good "
            "fit buys more of the offer), fading as the fit's offset in the expectation "
            "does (each service encounter closes `expectation_learning` of it); the "
            "month-0 base is known already",
        label="extra spend per point of fit", unit="share of spend per quality point")
    base_survived: bool = param(
        True, source="Fader & Hardie 2007 (an existing base is made of survivors: theta ~ "
                     "Beta(alpha, beta + t) after t periods)",
        doc="the month-0 customers' churn propensities are those of survivors of the "
            "steady state (`people_traits.survivors`); false = a fresh draw, as newcomers",
        label="month-0 customers are survivors", unit="on/off")
    referral_likeness: float = param(
        0.5, low=0.0, high=1.0, plausible=(0, 1),
        source="assumption; McPherson, Smith-Lovin & Cook 2001",
        doc="chance a referred customer is like their referrer and takes their "
            "propensities (homophily: 0 never, 1 always); otherwise they keep their own",
        label="referred customers' likeness to their referrer", unit="chance")

    def __post_init__(self) -> None:
        validate_group(self)

    @property
    def differ(self) -> bool:
        """Whether any propensity varies from person to person."""
        return any((self.churn_polarization, self.spend_cv, self.talk_cv,
                    self.complaint_cv, self.fit_sd))


# Cited spreads for a market whose customers differ (Fader & Hardie 2007's shape, the
# CDNOW spend of Fader, Hardie & Lee 2005); the rest assumptions inside their stated
# ranges. Polarization depends on the mean, the Beta's shape alpha much less: Fader &
# Hardie's two segments have alpha 0.704 and 0.668 at yearly chances of leaving 37% and
# 15% (polarization 0.35 and 0.18). The presets' causes the propensity scales add up to a
# yearly chance of 4.6% (`people_traits.yearly_exogenous_hazard`); alpha 0.67-0.70 there
# is polarization 0.061-0.064 (alpha / mean + 1 = 1 / polarization). The regular
# segment's 0.35 at 4.6% would be alpha 0.085: more than half of the people nearly never
# leaving, which neither segment shows.
FADER_HARDIE_ALPHA = (0.668, 0.704)
HETEROGENEOUS = {"churn_polarization": 0.063, "spend_cv": 0.76, "talk_cv": 1.0,
                 "complaint_cv": 1.0, "fit_sd": 0.05}
