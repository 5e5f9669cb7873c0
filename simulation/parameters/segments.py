"""Parameters of customer segments: observable tags that shift how customers differ.

A fixed set of named segments, each with its share of the market's people and three
multipliers (revenue per month, the hazard of leaving for causes no service episode
explains, the chance an unhappy customer complains). All shares 0 (the presets) means no
segments: nothing is drawn and the one-rate model runs bit for bit. Otherwise the shares
must sum to 1 within `SHARE_TOLERANCE`, and each person gets one segment, drawn once.

Account size: `consumer` and `business` (large business accounts); age band: `young`
(under 36), `middle` (36-55), `older` (over 55), the bands Schmitt, Skiera & Van den Bulte
(2011, J. Marketing) report referral value by. A table may use any of them; a person
belongs to one. Acquisition channel is the other observable tag, carried per person
already (`state.CHANNELS`), so results are split by it without a share here.

Large accounts' inertia (van Doorn & Verhoef 2008, "Critical incidents and the impact of
satisfaction on customer share", J. Marketing 72(4):123-142): until a critical incident
(a serious failure or an unresolved complaint) a business account stays through
dissatisfaction with chance `business_inertia`; after one it weighs satisfaction as any
customer does, so more than before. 0 (no inertia) unless a scenario sets it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from simulation.errors import ParameterError
from simulation.parameters.fields import param, validate_group

SEGMENTS = ("consumer", "business", "young", "middle", "older")
SEGMENT_LABELS = {"consumer": "consumers", "business": "business accounts",
                  "young": "customers under 36", "middle": "customers 36-55",
                  "older": "customers over 55"}
KEYS = ("share", "revenue", "churn", "complaints")
SHARE_TOLERANCE = 0.001   # hand-written shares (1/3 as 0.333) must still be accepted
DOC = {"share": "share of the market's people in this segment (0 = not used)",
       "revenue": "revenue per customer-month, times the market's",
       "churn": "hazard of leaving for causes no service episode explains, times the "
                "market's", "complaints": "chance an unhappy customer complains, times "
                                          "the market's"}
UNIT = {"share": "share", "revenue": "multiplier", "churn": "multiplier",
        "complaints": "multiplier"}
HIGH = {"share": 1.0, "revenue": 1000.0, "churn": 100.0, "complaints": 100.0}


def _field(segment: str, key: str):
    return param(0.0 if key == "share" else 1.0, low=0.0, high=HIGH[key],
                 source="scenario's segment table; no segments in the presets",
                 doc=f"{SEGMENT_LABELS[segment]}: {DOC[key]}",
                 label=f"{SEGMENT_LABELS[segment]}: {key}", unit=UNIT[key])


@dataclass(frozen=True)
class SegmentParams:
    """Segments' shares of the people and their multipliers; all shares 0 = none."""

    GROUP = "segments"
    consumer_share: float = _field("consumer", "share")
    consumer_revenue: float = _field("consumer", "revenue")
    consumer_churn: float = _field("consumer", "churn")
    consumer_complaints: float = _field("consumer", "complaints")
    business_share: float = _field("business", "share")
    business_revenue: float = _field("business", "revenue")
    business_churn: float = _field("business", "churn")
    business_complaints: float = _field("business", "complaints")
    young_share: float = _field("young", "share")
    young_revenue: float = _field("young", "revenue")
    young_churn: float = _field("young", "churn")
    young_complaints: float = _field("young", "complaints")
    middle_share: float = _field("middle", "share")
    middle_revenue: float = _field("middle", "revenue")
    middle_churn: float = _field("middle", "churn")
    middle_complaints: float = _field("middle", "complaints")
    older_share: float = _field("older", "share")
    older_revenue: float = _field("older", "revenue")
    older_churn: float = _field("older", "churn")
    older_complaints: float = _field("older", "complaints")
    business_inertia: float = param(
        0.0, low=0.0, high=1.0, source="van Doorn & Verhoef 2008 (inertia until a critical "
        "incident; no size published); 0 in the presets",
        doc="chance a business account stays through dissatisfaction before its first "
            "critical incident (a serious failure or an unresolved complaint)",
        label="business accounts' inertia before a critical incident", unit="chance")

    def __post_init__(self) -> None:
        validate_group(self)
        total = sum(self.shares())
        if total and abs(total - 1.0) > SHARE_TOLERANCE:
            raise ParameterError(share_problem(self.shares()))

    def shares(self) -> tuple[float, ...]:
        return tuple(getattr(self, f"{s}_share") for s in SEGMENTS)

    def multipliers(self, key: str) -> tuple[float, ...]:
        """Per segment (in `SEGMENTS` order) the multiplier `key` (revenue, churn, ...)."""
        return tuple(getattr(self, f"{s}_{key}") for s in SEGMENTS)

    @property
    def given(self) -> bool:
        """Whether the market is split into segments."""
        return any(self.shares())

    def used(self) -> tuple[str, ...]:
        """The segments with people in them."""
        return tuple(s for s, share in zip(SEGMENTS, self.shares()) if share > 0)


def share_problem(shares) -> str:
    """The words of the error for shares that do not sum to 1."""
    named = ", ".join(f"{s} {v:g}" for s, v in zip(SEGMENTS, shares) if v)
    return (f"segments: shares sum to {sum(shares):g} ({named}): must sum to 1 "
            f"(within {SHARE_TOLERANCE:g})")


FIELD_NAMES = tuple(f.name for f in fields(SegmentParams))
