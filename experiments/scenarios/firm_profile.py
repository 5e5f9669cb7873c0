"""A firm profile: one firm's observed figures and the price list of its levers, in
business terms, read from TOML and turned into the market's parameters.

Every field is optional. What is observed is fitted by `ripple calibrate`; what is
not comes from the preset, and every value says where it came from ("observed",
"price list", or the preset's labelled default). Bad values are reported as one line
``file: section.key: value is out of range: must be ...`` before anything runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiments.scenarios.table import ScenarioError, Table, find_toml, read_toml
from simulation import available_presets

FIRM_DIR = Path(__file__).with_name("firms")
DEFAULT_FIRM = "harbour_broadband"
TOP_KEYS = ("name", "description", "currency", "preset", "horizon_months", "seed",
            "market", "observed", "prices", "spend", "bounds")
LEVERS = ("acquisition", "complaint_handling", "service_quality", "follow_up",
          "referral_rewards", "easier_complaining")
LEVER_WORDS = {"acquisition": "paid acquisition", "complaint_handling": "complaint handlers",
               "service_quality": "service quality", "follow_up": "follow-up contacts",
               "referral_rewards": "referral rewards",
               "easier_complaining": "easier complaining"}
RATER = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")


@dataclass(frozen=True)
class Spec:
    """One profile field: allowed range, unit and what it means."""

    low: float
    high: float
    unit: str
    words: str
    above: bool = False   # strictly greater than `low`


OBSERVED = {
    "customers_gained": Spec(0, 1e9, "customers a year", "customers gained last year"),
    "referral_share": Spec(0, 1, "share", "share of the gained who came by referral"),
    "churn_per_year": Spec(0, 1, "share a year", "share of customers lost per year"),
    "churn_per_month": Spec(0, 1, "share a month", "share of customers lost per month"),
    "complaints_per_month": Spec(0, 1e9, "a month", "complaints to the front line"),
    "escalated_per_month": Spec(0, 1e9, "a month", "complaints escalated to management"),
    "resolved_within_week": Spec(0, 1, "share", "share of complaints resolved within a week"),
    "nps": Spec(-100, 100, "points", "net promoter score"),
    "revenue_per_customer_month": Spec(0, 1e9, "money a month", "revenue per customer-month"),
    "gross_margin": Spec(0, 1, "share", "gross margin"),
    "cac": Spec(0, 1e9, "money", "cost of acquiring one customer (CAC)", above=True),
    "complaint_cost": Spec(0, 1e9, "money", "cost of handling one complaint"),
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

    def bound(self, lever: str) -> Bound:
        return self.bounds.get(lever, Bound())

    def yearly_churn(self) -> float | None:
        """Churn per year, from the yearly or the monthly figure."""
        if "churn_per_year" in self.observed:
            return self.observed["churn_per_year"]
        if "churn_per_month" in self.observed:
            return 1.0 - (1.0 - self.observed["churn_per_month"]) ** 12
        return None


def resolve_firm(source: str | Path | None) -> Path:
    """A firm profile path from a path or the name of a shipped example."""
    return find_toml(source, FIRM_DIR, DEFAULT_FIRM, "example firms")


def load_firm(source: str | Path | None = None) -> FirmProfile:
    """Read and validate a firm profile (a path, or a shipped example by name)."""
    path = resolve_firm(source)
    return firm_from_dict(read_toml(path, "firm profile"), where=str(path), name=path.stem)


def firm_from_dict(data: dict[str, Any], where: str = "firm", name: str = "firm"
                   ) -> FirmProfile:
    """Validate a parsed profile table and build the `FirmProfile`."""
    top = Table(data, where)
    top.check_keys(TOP_KEYS)
    size, customers = _read_market(top)
    observed, survey = _read_observed(top)
    prices, dimension = _read_prices(top)
    profile = FirmProfile(
        name=top.text("name", name), source=where, description=top.text("description", ""),
        currency=top.text("currency", "EUR"),
        preset=top.text("preset", "evidence", choices=available_presets()),
        horizon_months=top.number("horizon_months", 36.0, above=0, high=1200),
        seed=top.number("seed", 0, low=0, high=2**63 - 1, integer=True),
        size=size, customers=customers, survey=survey, quality_dimension=dimension,
        observed=observed, prices=prices, spend=_read_spend(top), bounds=_read_bounds(top))
    _check_buildable(profile, where)
    return profile


def _read_market(top: Table) -> tuple[int, int]:
    table = top.table("market") or Table({}, top.where, "market")
    table.check_keys(("size", "customers"))
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
    table.check_keys((*OBSERVED, "survey"))
    observed = _read_figures(table, OBSERVED)
    if "churn_per_year" in observed and "churn_per_month" in observed:
        raise table.error("churn_per_month", "give churn_per_year or churn_per_month, not both")
    survey = None
    if table.has("survey"):
        value = table.data["survey"]
        if (not isinstance(value, list) or len(value) != 5 or
                not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0
                        for v in value) or sum(value) <= 0):
            raise table.error("survey", f"{value!r}: expected five shares >= 0 answering "
                                        "1..5 (very dissatisfied .. very satisfied)")
        survey = tuple(float(v) / sum(value) for v in value)
        if "nps" in observed:
            raise table.error("nps", "give survey or nps, not both")
    return observed, survey


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
    p = profile.prices
    if "referral_reward" in p and p["referral_reward"] >= profile.observed.get("cac", 1e18):
        raise ScenarioError(f"{where}: prices.referral_reward: {p['referral_reward']:g} must "
                            f"be below the CAC ({profile.observed['cac']:g})")
