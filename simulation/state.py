"""Per-person state held as numpy arrays (struct of arrays), one entry per person.

Codes are small integers so a notebook can colour a network drawing by them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

PROSPECT, ACTIVE, LOST = 0, 1, 2
STATUS_NAMES = ("prospect", "active", "lost")

CHURN_CAUSES = ("death", "moving", "taste_change", "friend_recommendation", "better_deal",
                "product_dissatisfaction", "staff_indifference")
CAUSE = {name: code for code, name in enumerate(CHURN_CAUSES)}
# F11: why customers leave (shares of all lost customers).
F11_SHARES = {"death": 0.01, "moving": 0.03, "taste_change": 0.04,
              "friend_recommendation": 0.05, "better_deal": 0.09,
              "product_dissatisfaction": 0.10, "staff_indifference": 0.68}

ESCALATION_LEVELS = ("friendly", "rational", "angry", "enemy")
ENEMY = 3
CHANNELS = ("initial", "advertising", "paid", "referral")
CHANNEL = {name: code for code, name in enumerate(CHANNELS)}

NO_TRAIT = np.zeros(0, np.float32)  # a latent propensity everyone shares
NO_SEGMENT = np.zeros(0, np.int8)   # no segments: nothing drawn
NO_INCIDENT = np.zeros(0, bool)     # no account has inertia: nothing tracked
NO_FIRM = np.zeros(0, np.int8)      # one firm in the market: nothing tracked

UNHAPPY_BELOW = 2.5     # satisfaction < 2.5 is level 1-2: unhappy
SATISFIED_FROM = 3.5    # satisfaction >= 3.5 is level 4-5: satisfied (they praise)
# Net promoter split (Reichheld 2003: promoters answer 9-10, detractors 0-6 on the 0-10
# "would you recommend" question). The 1-5 scale laid linearly onto 0-10 puts level 5 at
# 10, 4 at 7.5, 3 at 5, so level 5 = promoter, 4 = passive (7-8), levels 1-3 = detractor.
PROMOTER_LEVEL = 5
DETRACTOR_UP_TO = 3


@dataclass
class Population:
    """Everyone in the market; array i describes person i."""

    status: np.ndarray           # int8: PROSPECT / ACTIVE / LOST
    satisfaction: np.ndarray     # float32 on the 1-5 scale
    expectation: np.ndarray      # float32 on the 0-1 quality scale
    customer_since: np.ndarray   # int32 step of (latest) acquisition, -1 never
    lost_at: np.ndarray          # int32 step of leaving, -1 not lost
    lost_cause: np.ndarray       # int8 index into CHURN_CAUSES, -1 not lost
    channel: np.ndarray          # int8 index into CHANNELS, -1 never a customer
    escalation: np.ndarray       # int8 index into ESCALATION_LEVELS
    waiting: np.ndarray          # bool: a complaint is in the queue
    complained_at: np.ndarray    # float32 month the open complaint was filed
    pre_failure: np.ndarray      # float32 satisfaction before the open episode's failure
    serious: np.ndarray          # bool: the open episode is a serious problem
    product: np.ndarray          # bool: the open episode's failure came from the product
    attitude: np.ndarray         # float32 0-1: propensity to buy (prospect) / buy again
    rejecter: np.ndarray         # bool: a prospect who rejected the brand on bad news
    rejected_at: np.ndarray      # float32 month the prospect became a rejecter
    referrer: np.ndarray         # int32 who referred this customer, -1 none
    ever_unhappy: np.ndarray     # bool: had at least one unhappy episode as a customer
    followup_draw: np.ndarray    # float32 U(0,1): enrolled in follow-up when < share
    value: np.ndarray            # float32 discounted gross margin earned (CLV so far)
    referrals: np.ndarray        # int32 customers this person brought by referral
    # Latent propensities (`simulation.people_traits`), float32 one per person, or empty
    # when everyone is alike (nothing drawn: the one-rate model).
    churn_propensity: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # hazard x
    frailty: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # episode hazard x, mean 1
    stay_exponent: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # (2, 4), see frailty
    spend: np.ndarray = field(default_factory=lambda: NO_TRAIT)         # revenue x
    talkativeness: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # telling rate x
    complaint_propensity: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # chance x
    fit: np.ndarray = field(default_factory=lambda: NO_TRAIT)  # quality points above expected
    # Segments (`simulation.segments`): int8 index into the scenario's segments, or empty
    # when the market has none; `incident` marks a critical incident (a serious failure or
    # an unresolved complaint), kept only when some segment has inertia.
    segment: np.ndarray = field(default_factory=lambda: NO_SEGMENT)
    incident: np.ndarray = field(default_factory=lambda: NO_INCIDENT)
    # Firms (`simulation.firms`): int8 index of the firm a person is (or was last) a
    # customer of, -1 never one; empty when the market has one firm.
    firm: np.ndarray = field(default_factory=lambda: NO_FIRM)
    # The save desk (`simulation.save_desk`), float32 one per person, or empty until a
    # desk first makes offers: month of the last save offer still working (-inf none),
    # and satisfaction when the desk last looked (for the falling-satisfaction sign).
    offered_at: np.ndarray = field(default_factory=lambda: NO_TRAIT)
    seen: np.ndarray = field(default_factory=lambda: NO_TRAIT)
    # The recovery paradox (`complaints`), float32 one per person, or empty until a first
    # quick recovery: satisfaction points a survey reads above `satisfaction`, which is
    # what behaviour (telling, spending, staying) reads.
    glow: np.ndarray = field(default_factory=lambda: NO_TRAIT)
    # per lever aimed at a segment (`segments.targets`): who it reaches, one bool per person
    targeted: dict = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.status.size

    def surveyed(self) -> np.ndarray:
        """Satisfaction as a survey reads it: with the recovery paradox's glow on top."""
        return self.satisfaction + self.glow if self.glow.size else self.satisfaction

    def level(self) -> np.ndarray:
        """Satisfaction on the 1-5 survey scale (int8)."""
        return survey_level(self.surveyed())

    def enemies(self) -> np.ndarray:
        """Mask of people at the last escalation step who are or were customers."""
        return (self.escalation == ENEMY) & (self.status != PROSPECT)

    def nbytes(self) -> int:
        """Bytes held by every per-person array (the aimed levers' masks included)."""
        held = [getattr(self, f.name) for f in fields(self)]
        arrays = [a for x in held for a in (x.values() if isinstance(x, dict) else [x])]
        return sum(a.nbytes for a in arrays)


def new_population(n: int, initial_share: float, satisfaction: float, expectation: float,
                   rng: np.random.Generator,
                   attitude: tuple[float, float] = (0.5, 0.8)) -> Population:
    """A market of n people, a random `initial_share` of them already customers;
    `attitude` is the (prospect, customer) starting propensity."""
    active = rng.random(n) < initial_share
    pop = Population(
        status=np.where(active, ACTIVE, PROSPECT).astype(np.int8),
        satisfaction=np.full(n, satisfaction, np.float32),
        expectation=np.full(n, expectation, np.float32),
        customer_since=np.where(active, 0, -1).astype(np.int32),
        lost_at=np.full(n, -1, np.int32),
        lost_cause=np.full(n, -1, np.int8),
        channel=np.where(active, CHANNEL["initial"], -1).astype(np.int8),
        escalation=np.zeros(n, np.int8),
        waiting=np.zeros(n, bool),
        complained_at=np.zeros(n, np.float32),
        pre_failure=np.full(n, satisfaction, np.float32),
        serious=np.zeros(n, bool),
        product=np.zeros(n, bool),
        attitude=np.where(active, attitude[1], attitude[0]).astype(np.float32),
        rejecter=np.zeros(n, bool),
        rejected_at=np.zeros(n, np.float32),
        referrer=np.full(n, -1, np.int32),
        ever_unhappy=np.zeros(n, bool),
        followup_draw=rng.random(n, dtype=np.float32),
        value=np.zeros(n, np.float32),
        referrals=np.zeros(n, np.int32),
    )
    return pop


def survey_level(satisfaction: np.ndarray) -> np.ndarray:
    """Continuous satisfaction to the 1-5 survey scale (int8)."""
    return np.clip(np.floor(satisfaction + 0.5), 1, 5).astype(np.int8)


def per_step(rate_per_month: float, step_months: float) -> float:
    """Probability that an event with a monthly rate happens within one step."""
    return float(-np.expm1(-rate_per_month * step_months))


def happening(people: np.ndarray, rate_per_month: float, step_months: float,
              rng: np.random.Generator, propensity: np.ndarray = NO_TRAIT) -> np.ndarray:
    """Those of `people` to whom an event with a monthly rate happens this step; a
    per-person `propensity` (one per person in the market, or empty) multiplies the rate."""
    if propensity.size == 0:
        return people[rng.random(people.size) < per_step(rate_per_month, step_months)]
    chance = -np.expm1(-rate_per_month * step_months * propensity[people])
    return people[rng.random(people.size) < chance]


def trait_at(propensity: np.ndarray, idx: np.ndarray) -> np.ndarray | None:
    """A latent propensity of the people `idx`, or None when everyone shares it."""
    return propensity[idx] if propensity.size else None


def times_trait(values: np.ndarray, propensity: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """`values` (one per person of `idx`) times their propensity; unchanged (the same
    array) when everyone shares it."""
    return values * propensity[idx] if propensity.size else values
