"""Words and number formats for what Ripple prints: strategy and metric names a
strategist reads, and money with thousands separators."""

from __future__ import annotations

import math

CURRENCY = "$"   # the unit money is shown in (the model's figures are in dollars)

STRATEGY_WORDS = {"baseline": "no extra spending", "fast_resolution": "complaint resolution",
                  "easier_complaining": "easier complaining", "service_quality": "service quality",
                  "follow_up": "follow-up", "acquisition": "acquisition",
                  "referral_incentive": "referral rewards"}
METRIC_WORDS = {"profit_npv": "profit NPV", "profit": "profit", "revenue": "revenue",
                "customers": "customers at the end", "retention": "retention",
                "mean_clv": "mean customer lifetime value", "net_promoter": "net promoter score",
                "lost": "customers lost", "wom_positive": "positive WOM messages",
                "wom_negative": "negative WOM messages", "complaints": "complaints",
                "recoveries": "recovered complaints", "promoters": "promoter share",
                "detractors": "detractor share"}

PARAMETER_WORDS = {"budget": "the budget", "cac": "the acquisition cost (CAC)",
                   "complaint_prob": "the complaint rate", "resolution_days":
                   "the complaint handling time (days)", "paid_budget": "the paid budget"}


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


def count(n: float, one: str, many: str) -> str:
    """'1 enemy', '12 enemies', '1,204 people': whole people."""
    n = int(round(n))
    return f"{n:,} {one if n == 1 else many}"


def money(x: float, signed: bool = False) -> str:
    """'$12,300', '-$4,100' ('+$' when `signed`); whole units."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    sign = "-" if x < 0 else ("+" if signed and x > 0 else "")
    return f"{sign}{CURRENCY}{abs(x):,.0f}"


def interval(mean: float, low: float, high: float, signed: bool = True) -> str:
    """'+12,300 [+4,100; +20,500]'."""
    return f"{num(mean, signed)} [{num(low, signed)}; {num(high, signed)}]"
