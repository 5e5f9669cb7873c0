"""Sentences a strategist reads: the one-line answer of a comparison, where the winner
flips, and the verdict on "one lost customer = ten new ones" (F10). The terminal and the
report print the same ones.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from experiments.analysis.compare import headline_pair, paired_difference
from experiments.reporting.words import (
    VARIANT_WORDS,
    interval,
    metric_words,
    money_unit,
    num,
    parameter_words,
    strategy_words,
)


def headline(scenario: dict[str, Any], runs: pd.DataFrame) -> str | None:
    """The one-line answer for a scenario's headline pair (None without a pair).
    `scenario` is `Scenario.describe()`, as stored in a results folder's manifest."""
    strategies = scenario["strategies"]
    pair = headline_pair(scenario["headline"], {k: s["name"] for k, s in strategies.items()})
    if pair is None:
        return None
    budgets = [strategies[k]["budget"] for k in pair]
    return answer(runs, pair, scenario["metric"], scenario["months"], budgets,
                  scenario.get("currency", ""))


def answer(runs: pd.DataFrame, pair: tuple[str, str], metric: str, months: float,
           budgets: list[float], currency: str = "") -> str:
    """'At a budget of EUR 5,000 a month, X beats Y by Z [CI] in profit NPV (EUR) (...)'."""
    d = paired_difference(runs, metric, *pair)
    winner, loser = pair if d.mean > 0 else pair[::-1]
    cur = f"{currency} " if currency else ""
    at = (f"At a budget of {cur}{num(budgets[0])} a month" if len(set(budgets)) == 1
          else "At these budgets")
    what = f"in {metric_words(metric)}{money_unit(metric, currency)} over {months:g} months"
    if not d.significant:
        return (f"{at}, {strategy_words(pair[0])} minus {strategy_words(pair[1])} is "
                f"{interval(d.mean, d.low, d.high)} {what}: within noise, no clear winner.")
    low, high = sorted((abs(d.low), abs(d.high)))
    wins = d.a_wins if winner == pair[0] else 1 - d.a_wins
    return (f"{at}, {strategy_words(winner)} beats {strategy_words(loser)} by "
            f"{interval(abs(d.mean), low, high, signed=False)} {what} "
            f"(wins {wins:.0%} of replications).")


def f10_sentence(check: pd.DataFrame) -> str:
    parts = [f"{VARIANT_WORDS[r.variant]}: {interval(r.ratio, r.ci_low, r.ci_high, False)} "
             f"new customers -> F10 {r.verdict}" for r in check.itertuples()]
    first = check["first_year_value"].iloc[0]
    return (f"F10 says one lost customer takes ten new ones to make up. A new customer's "
            f"first-year value here is {num(first)}; one lost customer costs\n  "
            + "\n  ".join(parts))


def flip_sentence(flip: dict[str, Any]) -> str:
    """Where the winner flips, or that it does not; `flip` is `FlipResult.to_dict()`."""
    ends = sorted(flip["evaluations"], key=lambda e: e["value"])
    low, high = flip.get("low", ends[0]["value"]), flip.get("high", ends[-1]["value"])
    what = parameter_words(flip["parameter"])
    challenger, incumbent = strategy_words(flip["challenger"]), strategy_words(flip["incumbent"])
    low_winner = challenger if ends[0]["diff"] > 0 else incumbent
    if flip["estimate"] is None:
        return (f"No flip for {what} between {num(low)} and {num(high)}: {low_winner} "
                f"wins throughout ({metric_words(flip['metric'])} difference "
                f"{num(ends[0]['diff'], True)} at {num(low)}, "
                f"{num(ends[-1]['diff'], True)} at {num(high)}).")
    high_winner = incumbent if low_winner == challenger else challenger
    a, b = flip["bracket"]
    sure = all(e["ci_low"] > 0 or e["ci_high"] < 0 for e in ends if e["value"] in (a, b))
    note = "" if sure else " (the differences near the flip are within noise)"
    return (f"Flip point: {high_winner} beats {low_winner} when {what} is above about "
            f"{num(flip['estimate'])} (between {num(a)} and {num(b)}){note}.")
