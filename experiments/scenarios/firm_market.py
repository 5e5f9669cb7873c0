"""A firm profile turned into market parameters: observed business figures set the
economics, the current spend sets the firm's policy, and the price list replaces the
default unit prices (each labelled "assumption" with a range) with what the firm pays.

Price-list rules (each lever is bought in units at a unit price):
- one handler (`handler_cost_per_month`) closes `handler_complaints_per_month`; these
  are the model's `costs.handler_cost_per_month` and `costs.handler_complaints_per_month`;
- a front-line complaint taken by an empowered agent costs
  `frontline_cost_per_complaint` (`costs.empowerment_cost_per_complaint`), one complaint
  drawn out of the silent `solicit_cost_per_complaint`, one save offer to a customer
  showing warning signs `save_offer_cost` (`costs.save_offer_cost`);
- a follow-up contact costs `followup_contact_cost` a month per enrolled customer
  (replaces F3's retention cost of 1/5 CAC a year);
- the first 0.1 step (ten points) of the chosen RATER dimension costs
  `quality_step_cost_per_month` for the firm's customers; that sets the price of a
  point per customer served (`costs.quality_point_cost`); further points cost more;
- paying `referral_reward` to every referred customer costs about that reward times
  the referrals a month; that budget is what buys the reward (`referral_budget_scale`).
"""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from experiments.errors import ScenarioError
from experiments.scenarios.firm_profile import FirmProfile
from simulation import ParameterError, Params
from simulation.parameters.fields import sourced
from simulation.parameters.firms import FirmSetting
from simulation.parameters.params import FIELD_GROUP, GROUPS

BUSINESS = {"revenue_per_customer_month": "revenue_per_month", "gross_margin": "gross_margin",
            "cac": "cac", "complaint_cost": "complaint_cost"}
BASE_HANDLERS_PER_1000 = 5.0   # the model's default capacity when the profile is silent


def firm_params(profile: FirmProfile) -> Params:
    """The firm's market before calibration: preset + observed economics + prices."""
    params = Params.preset(profile.preset)
    values: dict[str, Any] = {"population": profile.size, "currency": profile.currency,
                              "initial_customer_share": profile.customers / profile.size}
    values.update({BUSINESS[k]: v for k, v in profile.observed.items() if k in BUSINESS})
    values.update(profile.segments)   # `segments.*` shares and multipliers, when given
    params = params.replace(**values)
    params = params.replace(**_current_policy(profile, params))
    params = params.replace(**_price_scales(profile, params))
    return with_rivals(params, profile)


def with_rivals(params: Params, profile: FirmProfile) -> Params:
    """The market with the profile's rivals (`[[market.firms]]`) after its own firm, which
    is firm 0: the profile's settings are every firm's defaults, and each rival changes
    the ones it lists (a fit's draws change the defaults, so the rivals' too unless they
    state their own). Without rivals, the one firm's market as before."""
    if not profile.rivals:
        return params
    return params.with_firms((FirmSetting(profile.name), *profile.rivals))


def _current_policy(profile: FirmProfile, params: Params) -> dict[str, Any]:
    """Today's spend: paid acquisition, handlers, follow-up, referral reward."""
    s, p = profile.spend, profile.prices
    out: dict[str, Any] = {}
    if "acquisition" in s:
        out["paid_budget"] = s["acquisition"]
    capacity = current_capacity(profile)
    if capacity is not None:
        out["capacity_per_1000"] = min(capacity / (profile.customers / 1000.0), 1000.0)
    if "followup_contact_cost" in p:
        # never above the model's maximum: the profile refuses dearer prices
        out["retention_cost_ratio"] = 12.0 * p["followup_contact_cost"] / params.acquisition.cac
    if s.get("follow_up"):
        out["followup_budget"] = s["follow_up"]
    for lever, budget in (("easier_complaining", "solicit_budget"),
                          ("front_line", "frontline_budget"), ("save_desk", "save_budget")):
        if s.get(lever):   # bought per unit at the price list's (or default) unit price
            out[budget] = s[lever]
    if s.get("referral_rewards") and "referral_reward" in p:
        out["referral_reward"] = p["referral_reward"]
    return out


def current_capacity(profile: FirmProfile) -> float | None:
    """Complaints closed a month by today's handlers (None without a price list)."""
    p, spend = profile.prices, profile.spend.get("complaint_handling")
    if spend is None or not {"handler_cost_per_month", "handler_complaints_per_month"} <= set(p):
        return None
    return spend / p["handler_cost_per_month"] * p["handler_complaints_per_month"]


UNIT_PRICES = {"handler_cost_per_month": "handler_cost_per_month",
               "handler_complaints_per_month": "handler_complaints_per_month",
               "frontline_cost_per_complaint": "empowerment_cost_per_complaint",
               "solicit_cost_per_complaint": "solicit_cost_per_complaint",
               "save_offer_cost": "save_offer_cost"}


def _price_scales(profile: FirmProfile, params: Params) -> dict[str, float]:
    """The price list as the model's unit prices."""
    p = profile.prices
    out = {name: p[key] for key, name in UNIT_PRICES.items() if key in p}
    if "quality_step_cost_per_month" in p:
        out["quality_point_cost"] = point_cost(p["quality_step_cost_per_month"],
                                               profile, params)
    if "referral_reward" in p:
        referrals = referrals_per_month(profile)
        budget = p["referral_reward"] * referrals
        cac = params.acquisition.cac
        out["referral_budget_scale"] = max(budget * (cac / p["referral_reward"] - 1.0), 1.0)
    return out


def point_cost(step_cost: float, profile: FirmProfile, params: Params) -> float:
    """The first point's price per customer that makes the first 0.1 step (or 99% of a
    smaller gap) of the profile's dimension cost `step_cost` a month for its customers
    (inverse of `strategies.quality_bought`)."""
    gap = 1.0 - getattr(params.service, profile.quality_dimension)
    if gap <= 0.0:
        return max(step_cost / (10.0 * max(profile.customers, 1)), 1e-3)
    step = min(0.1, 0.99 * gap)
    per_customer = step_cost / max(profile.customers, 1)
    return max(per_customer / (100.0 * gap * math.log(gap / (gap - step))), 1e-3)


def referrals_per_month(profile: FirmProfile) -> float:
    """Referred customers a month: observed, or a quarter of the gained (F2's share)."""
    gained = profile.observed.get("customers_gained", 0.25 * profile.customers)
    return gained * profile.observed.get("referral_share", 0.25) / 12.0


def _meaning(name: str) -> str:
    """A parameter's meaning in words (its documented description), for readers."""
    field = next(f for f in dataclasses.fields(GROUPS[FIELD_GROUP[name]]) if f.name == name)
    return field.metadata["doc"] or name.replace("_", " ")


# The price-list key behind each model unit price.
PRICE_KEY = {name: key for key, name in UNIT_PRICES.items()} | {
    "quality_point_cost": "quality_step_cost_per_month",
    "referral_budget_scale": "referral_reward",
    "retention_cost_ratio": "followup_contact_cost"}


def stated(profile: FirmProfile, name: str) -> bool:
    """Whether the firm gives this model figure itself (observed or on its price list)."""
    observed = {v: k for k, v in BUSINESS.items()}
    if name in observed:
        return observed[name] in profile.observed
    return PRICE_KEY.get(name) in profile.prices


def plausible(name: str) -> tuple[float, float] | None:
    """The range a default no source pins down may take (its declaration's)."""
    field = next(f for f in dataclasses.fields(GROUPS[FIELD_GROUP[name]]) if f.name == name)
    return field.metadata["plausible"]


def provenance(profile: FirmProfile) -> list[tuple[str, str]]:
    """(figure in words, where it came from) for the report: observed, price list or
    default."""
    rows = []
    for name in BUSINESS.values():
        rows.append((_meaning(name), "observed" if stated(profile, name)
                     else f"preset '{profile.preset}' default"))
    for name in PRICE_KEY:
        rows.append((_meaning(name), "price list" if stated(profile, name)
                     else f"default: {_source(name)}"))
    return rows


def _source(name: str) -> str:
    """A parameter's declared source: a citation, or "assumption" with the range the
    evidence leaves open."""
    return sourced(next(f for f in dataclasses.fields(GROUPS[FIELD_GROUP[name]])
                        if f.name == name))


# The profile key behind each model parameter the profile sets (for messages).
PROFILE_KEY = {"population": "market.size", "mean_degree": "market.size",
               "initial_customer_share": "market.customers",
               "revenue_per_month": "observed.revenue_per_customer_month",
               "gross_margin": "observed.gross_margin", "cac": "observed.cac",
               "complaint_cost": "observed.complaint_cost",
               "paid_budget": "spend.acquisition", "followup_budget": "spend.follow_up",
               "solicit_budget": "spend.easier_complaining",
               "frontline_budget": "spend.front_line", "save_budget": "spend.save_desk",
               "capacity_per_1000": "spend.complaint_handling",
               "handler_cost_per_month": "prices.handler_cost_per_month",
               "handler_complaints_per_month": "prices.handler_complaints_per_month",
               "empowerment_cost_per_complaint": "prices.frontline_cost_per_complaint",
               "solicit_cost_per_complaint": "prices.solicit_cost_per_complaint",
               "quality_point_cost": "prices.quality_step_cost_per_month",
               "referral_budget_scale": "prices.referral_reward",
               "referral_reward": "prices.referral_reward",
               "retention_cost_ratio": "prices.followup_contact_cost",
               "save_offer_cost": "prices.save_offer_cost"}


def check_market(profile: FirmProfile, where: str) -> None:
    """Build the firm's market once; a value the model refuses is named by the profile
    key that set it, with its value, and the model's own words for the range."""
    try:
        firm_params(profile)
    except ParameterError as err:
        if str(err).startswith("firms"):   # the firms together (their shares, entry months)
            raise ScenarioError(f"{where}: market.{err}") from None
        name = next((n for n in PROFILE_KEY if n in str(err)), None)
        if name is None:
            raise
        section, key = PROFILE_KEY[name].split(".")
        value = {"market": {"size": profile.size, "customers": profile.customers},
                 "observed": profile.observed, "spend": profile.spend,
                 "prices": profile.prices}[section].get(key)
        raise ScenarioError(f"{where}: {section}.{key}: "
                            f"{_in_profile_terms(name, value, str(err))}") from None


LINEAR = ("quality_point_cost",)   # proportional to the price the profile states


def _in_profile_terms(name: str, value: Any, problem: str) -> str:
    """The model's complaint about `name`, as a range on the profile's own value."""
    found = re.search(r"= ([-+\d.e]+) is out of range: must be between ([-+\d.e]+) and "
                      r"([-+\d.e]+)", problem)
    if name in LINEAR and found and isinstance(value, (int, float)):
        got, high = float(found.group(1)), float(found.group(3))
        return (f"{value:g} is out of range: must be <= {value * high / got:.4g} (it sets "
                f"{name.replace('_', ' ')} to {got:.4g}; the model takes at most {high:g})")
    shown = f"{value:g}: " if isinstance(value, (int, float)) else ""
    return f"{shown}the market it gives is out of the model's range ({problem})"
