"""Parameters of competition between the firms of one market (market side: they describe
how customers move between brands, whatever any one firm does). They act only when a
scenario lists two or more `[[firms]]`; with one firm nothing reads them.

Sources: the churn causes "find a better deal" and "follow a friend's recommendation to a
rival" (F11) are the ones that name a rival; Hogan, Lemon & Libai (2003), "What is the
true value of a lost customer?", J. Service Research 5(3):196-208, separate defection (to a
rival) from disadoption (leaving the category) without publishing the split; Libai,
Muller & Peres (2009), "The role of within-brand and cross-brand communications in
competitive growth", J. Marketing 73(3):19-34, find that within-brand and cross-brand
communications both drive adoption (a prospect hearing about any brand moves towards the
category), cross-brand the weaker; no published size transfers to an attitude scale or to
one message's chance to win a prospect, so these defaults are labelled assumptions with the
plausible range an uncertainty analysis should sample.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group


@dataclass(frozen=True)
class CompetitionParams:
    """How customers move between rival firms and how talk about one brand moves another."""

    GROUP = "competition"
    defection_share: float = param(
        0.5, low=0.0, high=1.0, plausible=(0.2, 0.9), source="assumption: F11 names a "
        "rival for these causes; the rivals in a scenario need not be all the alternatives",
        doc="share of customers leaving for a better deal or following a friend to a "
            "rival who join one of the scenario's rival firms (defection) rather than "
            "leave the category (disadoption); a rival is chosen in proportion to its "
            "customers",
        label="leavers who join a rival", unit="share")
    cross_brand_weight: float = param(
        0.1, low=0.0, high=0.5, plausible=(0.0, 0.3), source="assumption: Libai, Muller "
        "& Peres 2009 find cross-brand influence smaller than within-brand",
        doc="weight of talk about a rival on a customer's attitude to their own firm: "
            "praise of a rival counts as this much bad news about their own firm, bad "
            "news about a rival as this much praise",
        label="cross-brand word of mouth", unit="share of a message")
    cross_brand_adoption: float = param(
        0.3, low=0.0, high=1.0, plausible=(0.1, 0.7), source="assumption: Libai, Muller "
        "& Peres 2009 find within- and cross-brand communications both drive adoption, "
        "cross-brand the weaker (the category effect)",
        doc="weight of praise about one firm (or about the category) on a prospect's chance "
            "to become a customer of another firm: each such message counts as this share of "
            "a message about that firm itself",
        label="cross-brand pull on prospects", unit="share of a message")

    def __post_init__(self) -> None:
        validate_group(self)
