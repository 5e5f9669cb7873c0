"""Words and number formats for what Ripple prints: strategy and metric names a
strategist reads, and money with thousands separators."""

from __future__ import annotations

import math

from experiments.scenarios.metrics import METRIC_UNITS, METRIC_WORDS
from simulation.parameter_groups import EconomicsParams

CURRENCY = EconomicsParams().currency   # money's unit when a scenario names none

STRATEGY_WORDS = {"baseline": "no extra spending", "fast_resolution": "complaint resolution",
                  "front_line": "front-line empowerment",
                  "easier_complaining": "easier complaining", "service_quality": "service quality",
                  "follow_up": "follow-up", "acquisition": "acquisition",
                  "referral_incentive": "referral rewards"}

# Parameters as a reader names them, with their unit: axis labels and table rows.
PARAMETER_LABELS = {
    "budget": "budget ($ a month)", "cac": "acquisition cost per customer ($)",
    "complaint_prob": "share of unhappy customers who complain",
    "resolution_days": "days to resolve a complaint", "paid_budget": "ad budget ($ a month)",
    "positive_tell_rate": "how often satisfied customers praise (times a month)",
    "critic_tell_ratio": "how often unhappy and departed customers complain to friends, "
                         "per praise told",
    "critic_talk_months": "months a customer who left over a bad experience keeps talking",
    "follow_friend_prob": "chance a bad word sends a customer to a rival",
    "mean_degree": "ties per person", "rewire_prob": "share of long-range ties",
    "weak_tie_share": "share of weak ties", "population": "people in the market",
    "encounter_rate": "service encounters a month", "gross_margin": "gross margin",
    "negative_reach_min": "fewest people an unhappy customer tells",
    "negative_reach_max": "most people an unhappy customer tells",
    "positive_reach_min": "fewest people a satisfied customer tells",
    "positive_reach_max": "most people a satisfied customer tells",
    "enemy_tell_rate": "how often an enemy campaigns (times a month)",
    "initial_satisfaction": "satisfaction at the start (1-5)",
    "satisfaction_learning": "how fast satisfaction follows experience",
    "expectation_shift": "how far one message moves expectations",
    "capacity_per_1000": "complaints handled a month per 1,000 customers",
}
CAUSE_WORDS = {"death": "died", "moving": "moved away", "taste_change": "changed taste",
               "friend_recommendation": "followed a friend to a rival",
               "better_deal": "found a better deal",
               "product_dissatisfaction": "unhappy with the product",
               "staff_indifference": "staff indifference"}
COLUMN_WORDS = {"positive_messages": "positive messages", "negative_messages": "negative messages",
                "customers": "customers", "prospects": "prospects (not yet customers)",
                "lost": "lost customers (all time)", "npv": "profit so far, discounted ($)"}
VARIANT_WORDS = {"quiet": "quiet leaver (moves away)", "enemy": "angry leaver (enemy)"}
LOSS_WORDS = {"own_margin": "own margin", "referral_value": "referrals they would have brought",
              "wom_ripple": "word-of-mouth ripple and rest", "total": "total (profit NPV)",
              "customers": "customers at the end", "not_won": "new customers not won",
              "friends_followed": "customers who followed them out",
              "negative_messages": "extra negative messages"}


def parameter_label(name: str) -> str:
    """A parameter as an axis label or table row: 'days to resolve a complaint'."""
    return PARAMETER_LABELS.get(name, name.replace("_", " "))


def parameter_words(name: str) -> str:
    """A parameter inside a sentence: 'the acquisition cost per customer' (no unit)."""
    return "the " + parameter_label(name).split(" (")[0]


def parameter_value(name: str, value: float) -> str:
    """A parameter's value with its unit: '$300' for money, '12.5' otherwise."""
    return money(value) if "($" in parameter_label(name) else num(value)


def cause_words(cause: str) -> str:
    return CAUSE_WORDS.get(cause, cause.replace("_", " "))


def column_words(column: str) -> str:
    return COLUMN_WORDS.get(column, METRIC_WORDS.get(column, column.replace("_", " ")))


def strategy_words(label: str) -> str:
    """'service_quality:reliability' -> 'service quality (reliability)'."""
    name, _, dimension = label.partition(":")
    words = STRATEGY_WORDS.get(name, label)
    return f"{words} ({dimension})" if dimension and name in STRATEGY_WORDS else words


def metric_words(metric: str) -> str:
    return METRIC_WORDS.get(metric, metric.replace("_", " "))


def metric_label(metric: str) -> str:
    """A metric as an axis label, with its unit: 'profit NPV ($)'."""
    unit = METRIC_UNITS.get(metric)
    return f"{metric_words(metric)} ({unit})" if unit else metric_words(metric)


def num(x: float, signed: bool = False) -> str:
    """A number for people: thousands separators, sensible precision."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    sign = "+" if signed else ""
    if abs(x) >= 100:
        return f"{x:{sign},.0f}"
    return f"{x:{sign}.2f}"


def count(n: float, one: str, many: str) -> str:
    """'1 enemy', '12 enemies', '1,204 people': whole people."""
    n = int(round(n))
    return f"{n:,} {one if n == 1 else many}"


def money(x: float, signed: bool = False, currency: str = "") -> str:
    """'$12,300', '-$4,100' ('+$' when `signed`), 'EUR 12,300' for a currency code; whole
    units. `currency` is the scenario's `economics.currency` (the default symbol when empty)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    sign = "-" if x < 0 else ("+" if signed and x > 0 else "")
    unit = currency or CURRENCY
    return f"{sign}{unit}{'' if len(unit) == 1 else ' '}{abs(x):,.0f}"


def interval(mean: float, low: float, high: float, signed: bool = True) -> str:
    """'+12,300 [+4,100; +20,500]'."""
    return f"{num(mean, signed)} [{num(low, signed)}; {num(high, signed)}]"


MONEY_METRICS = ("profit_npv", "profit", "revenue", "mean_clv")


def money_unit(metric: str, currency: str) -> str:
    """' (EUR)' after a money metric's name, '' otherwise."""
    return f" ({currency})" if currency and metric in MONEY_METRICS else ""
