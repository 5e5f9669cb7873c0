"""Words and number formats for what Ripple prints: strategy and metric names a
strategist reads, and money with thousands separators."""

from __future__ import annotations

import math

from experiments.scenarios.metrics import METRIC_WORDS

STRATEGY_WORDS = {"baseline": "no extra spending", "fast_resolution": "complaint resolution",
                  "easier_complaining": "easier complaining", "service_quality": "service quality",
                  "follow_up": "follow-up", "acquisition": "acquisition",
                  "referral_incentive": "referral rewards"}

PARAMETER_WORDS = {"budget": "the budget", "cac": "the acquisition cost (CAC)",
                   "complaint_prob": "the complaint rate", "resolution_days":
                   "the complaint handling time (days)", "paid_budget": "the paid budget"}

VARIANT_WORDS = {"quiet": "quiet leaver (moves away)", "enemy": "angry leaver (enemy)"}
LOSS_WORDS = {"own_margin": "own margin", "referral_value": "referrals they would have brought",
              "wom_ripple": "word-of-mouth ripple and rest", "total": "total (profit NPV)",
              "customers": "customers at the end", "not_won": "new customers not won",
              "friends_followed": "customers who followed them out",
              "negative_messages": "extra negative messages"}


def parameter_words(name: str) -> str:
    return PARAMETER_WORDS.get(name, name)


def strategy_words(label: str) -> str:
    """'service_quality:reliability' -> 'service quality (reliability)'."""
    name, _, dimension = label.partition(":")
    words = STRATEGY_WORDS.get(name, label)
    return f"{words} ({dimension})" if dimension and name in STRATEGY_WORDS else words


def metric_words(metric: str) -> str:
    return METRIC_WORDS.get(metric, metric.replace("_", " "))


def num(x: float, signed: bool = False) -> str:
    """A number for people: thousands separators, sensible precision."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    sign = "+" if signed else ""
    if abs(x) >= 100:
        return f"{x:{sign},.0f}"
    return f"{x:{sign}.2f}"


def interval(mean: float, low: float, high: float, signed: bool = True) -> str:
    """'+12,300 [+4,100; +20,500]'."""
    return f"{num(mean, signed)} [{num(low, signed)}; {num(high, signed)}]"


MONEY_METRICS = ("profit_npv", "profit", "revenue", "mean_clv")


def money_unit(metric: str, currency: str) -> str:
    """' (EUR)' after a money metric's name, '' otherwise."""
    return f" ({currency})" if currency and metric in MONEY_METRICS else ""
