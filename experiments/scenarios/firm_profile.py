"""A firm profile: one firm's observed figures and the price list of its levers, in
business terms, read from TOML and turned into the market's parameters.

Every field is optional. What is observed is fitted by `ripple calibrate`; what is
not comes from the preset, and every value says where it came from ("observed",
"price list", or the preset's labelled default). Bad values are reported as one line
``file: section.key: value is out of range: must be ...`` before anything runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiments.scenarios.cohort_curve import read_cohort_curve
from experiments.scenarios.rivals_table import read_rivals
from experiments.scenarios.segments_table import read_segments
from experiments.scenarios.table import ScenarioError, Table, find_toml, read_toml
from simulation import Params, available_presets
from simulation.horizon import MAX_MONTHS, MAX_SEED
from simulation.parameters.firms import FirmSetting
from simulation.parameters.params import FIELD_GROUP, GROUPS

FIRM_DIR = Path(__file__).with_name("firms")
DEFAULT_FIRM = "harbour_broadband"
TOP_KEYS = ("name", "description", "currency", "preset", "horizon_months", "seed",
            "market", "observed", "prices", "spend", "bounds", "segments")
# The levers a plan may fund, in order, each with the words a reader sees.
LEVERS = {"acquisition": "paid acquisition", "complaint_handling": "complaint handlers",
          "service_quality": "service quality", "follow_up": "follow-up contacts",
          "referral_rewards": "referral rewards", "easier_complaining": "easier complaining",
          "front_line": "empowered front line", "save_desk": "save offers"}
RATER = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")


@dataclass(frozen=True)
class Spec:
    """One profile field: allowed range, unit and what it means."""

    low: float
    high: float
    unit: str
    words: str
    above: bool = False   # strictly greater than `low`


SURVEY_TOLERANCE = 0.01   # survey shares must add up to 1 within this (rounding in reports)


def model_range(name: str) -> tuple[float, float]:
    """The range the model accepts for parameter `name` (from its declaration)."""
    meta = next(f for f in dataclasses.fields(GROUPS[FIELD_GROUP[name]])
                if f.name == name).metadata
    return meta["low"], meta["high"]


OBSERVED = {
    "customers_gained": Spec(0, 1e9, "customers a year", "customers gained last year"),
    "referral_share": Spec(0, 1, "share", "share of the gained who came by referral"),
    "churn_per_year": Spec(0, 1, "share a year", "share of customers lost per year"),
    "churn_per_month": Spec(0, 1, "share a month", "share of customers lost per month"),
    "complaints_per_month": Spec(0, 1e9, "a month", "complaints to the front line"),
    "escalated_per_month": Spec(0, 1e9, "a month", "complaints escalated to management"),
    "resolved_within_week": Spec(0, 1, "share", "share of complaints resolved within a week"),
    "nps": Spec(-100, 100, "points", "net promoter score"),
    "revenue_per_customer_month": Spec(*model_range("revenue_per_month"), "money a month",
                                       "revenue per customer-month"),
    "gross_margin": Spec(*model_range("gross_margin"), "share", "gross margin"),
    "cac": Spec(*model_range("cac"), "money", "cost of acquiring one customer (CAC)"),
    "complaint_cost": Spec(*model_range("complaint_cost"), "money",
                           "cost of handling one complaint"),
}
PRICES = {
    "handler_cost_per_month": Spec(0, 1e9, "money a month", "one complaint handler",
                                   above=True),
    "handler_complaints_per_month": Spec(0, 1e7, "complaints a month",
                                         "complaints one handler closes", above=True),
    "followup_contact_cost": Spec(0, 1e9, "money", "one follow-up contact", above=True),
    "frontline_cost_per_complaint": Spec(0, 1e9, "money", "one front-line complaint taken "
                                         "by an empowered agent"),
    "solicit_cost_per_complaint": Spec(0, 1e9, "money", "drawing out one complaint the "
                                       "silent would not make"),
    "quality_step_cost_per_month": Spec(0, 1e12, "money a month",
                                        "raising one service dimension by 0.1 (of 1)",
                                        above=True),
    "referral_reward": Spec(0, 1e9, "money", "reward per referred customer", above=True),
    "save_offer_cost": Spec(0, 1e9, "money", "one save offer to a customer showing warning "
                            "signs"),
}


@dataclass(frozen=True)
class Bound:
    """Extra monthly money a lever may get: between `low` and `high` (keep: none)."""

    low: float = 0.0
    high: float = math.inf

    @property
    def keep(self) -> bool:
        return self.high == 0.0


@dataclass(frozen=True)
class FirmProfile:
    """One firm: what was observed, what its levers cost, how it spends now."""

    name: str
    source: str
    currency: str = "EUR"
    preset: str = "evidence"
    horizon_months: float = 36.0
    seed: int = 0
    size: int = 40_000
    customers: int = 10_000
    survey: tuple[float, ...] | None = None
    quality_dimension: str = "reliability"
    observed: dict[str, float] = field(default_factory=dict)
    prices: dict[str, float] = field(default_factory=dict)
    spend: dict[str, float] = field(default_factory=dict)
    bounds: dict[str, Bound] = field(default_factory=dict)
    description: str = ""
    segments: dict[str, float] = field(default_factory=dict)  # `segments.*` overrides
    cohort_retention: tuple[float, ...] = ()   # observed share of a cohort left, by year
    rivals: tuple[FirmSetting, ...] = ()   # `[[market.firms]]`: the other firms (the
    # profile's own firm is firm 0; each rival differs from it in the settings it lists)

    def bound(self, lever: str) -> Bound:
        return self.bounds.get(lever, Bound())

    def identity(self) -> dict[str, str]:
        """The profile's name and a hash of what a fit depends on (not where the file
        lies, how it is described, nor the plan's bounds and horizon), stored with what
        is fitted to it."""
        content = {k: v for k, v in dataclasses.asdict(self).items()
                   if k not in ("source", "description", "bounds", "horizon_months")
                   and (k not in ("segments", "cohort_retention", "rivals") or v)}
        # (an absent optional part hashes as before it existed)
        text = json.dumps(content, sort_keys=True, default=str)
        return {"name": self.name, "content": hashlib.sha256(text.encode()).hexdigest()[:16]}


def resolve_firm(source: str | Path | None) -> Path:
    """A firm profile path from a path or the name of a shipped example."""
    return find_toml(source, FIRM_DIR, DEFAULT_FIRM, "example firms")


def read_firm(source: str | Path | None = None) -> FirmProfile:
    """Read and check a firm profile on its own terms (a path, or a shipped example by
    name); `scenarios.firm.load_firm` also builds its market once."""
    path = resolve_firm(source)
    return parse_firm(read_toml(path, "firm profile"), where=str(path), name=path.stem)


def parse_firm(data: dict[str, Any], where: str = "firm", name: str = "firm") -> FirmProfile:
    """Validate a parsed profile table and build the `FirmProfile`."""
    top = Table(data, where)
    top.check_keys(TOP_KEYS)
    size, customers = _read_market(top)
    firm_name = top.text("name", name)
    observed, survey = _read_observed(top)
    prices, dimension = _read_prices(top)
    profile = FirmProfile(
        name=firm_name, source=where, description=top.text("description", ""),
        currency=top.text("currency", "EUR"),
        preset=top.text("preset", "evidence", choices=available_presets()),
        horizon_months=top.number("horizon_months", 36.0, above=0, high=MAX_MONTHS),
        seed=top.number("seed", 0, low=0, high=MAX_SEED, integer=True),
        size=size, customers=customers, survey=survey, quality_dimension=dimension,
        observed=observed, prices=prices, spend=_read_spend(top), bounds=_read_bounds(top),
        segments=read_segments(top.table("segments")),
        cohort_retention=read_cohort_curve(top.table("observed")),
        rivals=read_rivals(top.table("market"), firm_name))
    _check_buildable(profile, where)
    return profile


def _read_market(top: Table) -> tuple[int, int]:
    table = top.table("market") or Table({}, top.where, "market")
    table.check_keys(("size", "customers", "firms"))
    size = table.number("size", 40_000, low=10, high=50_000_000, integer=True)
    customers = table.number("customers", min(10_000, size // 4), low=1, high=size,
                             integer=True)
    return size, customers


def _read_figures(table: Table, specs: dict[str, Spec]) -> dict[str, float]:
    out = {}
    for key, spec in specs.items():
        if table.has(key):
            value = table.number(key, low=None if spec.above else spec.low, high=spec.high,
                                 above=spec.low if spec.above else None)
            out[key] = value
    return out


def _read_observed(top: Table) -> tuple[dict[str, float], tuple[float, ...] | None]:
    table = top.table("observed") or Table({}, top.where, "observed")
    table.check_keys((*OBSERVED, "survey", "cohort_retention"))
    observed = _read_figures(table, OBSERVED)
    if "churn_per_year" in observed and "churn_per_month" in observed:
        raise table.error("churn_per_month", "give churn_per_year or churn_per_month, not both")
    if observed.get("escalated_per_month", 0) > observed.get("complaints_per_month", math.inf):
        raise table.error("escalated_per_month", f"{observed['escalated_per_month']:g} is out "
                          f"of range: must be <= observed.complaints_per_month "
                          f"({observed['complaints_per_month']:g}; escalated complaints are "
                          "some of the complaints)")
    survey = _read_survey(table) if table.has("survey") else None
    if survey is not None and "nps" in observed:
        raise table.error("nps", "give survey or nps, not both")
    return observed, survey


def _read_survey(table: Table) -> tuple[float, ...]:
    """Five finite shares >= 0 adding up to 1 (within SURVEY_TOLERANCE)."""
    value = table.data["survey"]
    if (not isinstance(value, list) or len(value) != 5 or
            not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and math.isfinite(v) and v >= 0 for v in value)):
        raise table.error("survey", f"{value!r}: expected five finite shares >= 0 answering "
                                    "1..5 (very dissatisfied .. very satisfied)")
    total = math.fsum(value)
    if abs(total - 1.0) > SURVEY_TOLERANCE:
        raise table.error("survey", f"{value!r} adds up to {total:g}: the five shares must "
                                    f"add up to 1 (within {SURVEY_TOLERANCE:g})")
    return tuple(float(v) / total for v in value)


def _read_prices(top: Table) -> tuple[dict[str, float], str]:
    table = top.table("prices") or Table({}, top.where, "prices")
    table.check_keys((*PRICES, "quality_dimension"))
    dimension = table.text("quality_dimension", "reliability", choices=RATER)
    return _read_figures(table, PRICES), dimension


def _read_spend(top: Table) -> dict[str, float]:
    table = top.table("spend") or Table({}, top.where, "spend")
    table.check_keys(LEVERS)
    return {k: table.number(k, low=0, high=1e12) for k in LEVERS if table.has(k)}


def _read_bounds(top: Table) -> dict[str, Bound]:
    table = top.table("bounds") or Table({}, top.where, "bounds")
    table.check_keys(LEVERS)
    bounds = {}
    for lever in LEVERS:
        if not table.has(lever):
            continue
        if table.data[lever] == "keep":
            bounds[lever] = Bound(0.0, 0.0)
            continue
        sub = table.table(lever)
        sub.check_keys(("min", "max"))
        low = sub.number("min", 0.0, low=0, high=1e12)
        high = sub.number("max", math.inf, low=low) if sub.has("max") else math.inf
        bounds[lever] = Bound(low, high)
    return bounds


def _check_buildable(profile: FirmProfile, where: str) -> None:
    """Cross-field checks, so every problem shows before any simulation starts."""
    gained = profile.observed.get("customers_gained", 0)
    if gained > profile.size:
        raise ScenarioError(f"{where}: observed.customers_gained: {gained:g} is out of range: "
                            f"must be <= market.size ({profile.size:,} people in the market)")
    if profile.rivals and profile.cohort_retention:
        raise ScenarioError(f"{where}: observed.cohort_retention: a cohort curve is measured "
                            "on the market's customers, not one firm's: give it without "
                            "[[market.firms]], or drop it")
    if all(profile.bound(lever).keep for lever in LEVERS):
        raise ScenarioError(f"{where}: bounds: every lever is \"keep\"; leave at least one "
                            f"free to take money ({', '.join(LEVERS)})")
    p = profile.prices
    if "referral_reward" in p and p["referral_reward"] >= profile.observed.get("cac", 1e18):
        raise ScenarioError(f"{where}: prices.referral_reward: {p['referral_reward']:g} must "
                            f"be below the CAC ({profile.observed['cac']:g})")
    if "followup_contact_cost" in p:
        _check_followup_price(profile, where)


def followup_ratio_max() -> float:
    """The largest yearly follow-up cost the model charges, as a multiple of CAC (the
    declared maximum of `retention_cost_ratio`)."""
    field = next(f for f in dataclasses.fields(type(Params().economics))
                 if f.name == "retention_cost_ratio")
    return float(field.metadata["high"])


def _check_followup_price(profile: FirmProfile, where: str) -> None:
    """The model charges a follow-up contact as a share of CAC a year, up to its
    declared maximum: a dearer price is refused, never silently lowered."""
    cac = profile.observed.get("cac", Params.preset(profile.preset).acquisition.cac)
    most = followup_ratio_max() * cac / 12.0
    price = profile.prices["followup_contact_cost"]
    if price > most:
        raise ScenarioError(f"{where}: prices.followup_contact_cost: {price:g} is out of "
                            f"range: must be <= {most:,.0f} ({followup_ratio_max():g} x "
                            f"CAC {cac:g} / 12, the dearest follow-up the model can charge)")
