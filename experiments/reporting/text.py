"""Sentences and tables a reader sees, shared by the terminal, the reports and the
notebooks: the one-line answer of a comparison, where the winner flips, the verdict on
"one lost customer = ten new ones" rule of thumb, every difference with a verdict on noise in
words, and the one-line reasons behind results that look odd at first sight. The
terminal and the report print the same ones."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from experiments.analysis.compare import currency_of, headline_pair, paired_difference
from experiments.analysis.flip import read_flip
from experiments.analysis.headline import Headline, baseline_label, choose_headline
from experiments.analysis.lost_customer import PARTS
from experiments.analysis.stats import LOWER, clear_of_zero, t_interval, verdict
from experiments.reporting.words import (
    VARIANT_WORDS,
    amount,
    difference_text,
    interval,
    metric_label,
    metric_words,
    money,
    money_interval,
    num,
    parameter_label,
    parameter_value,
    parameter_words,
    strategy_words,
)
from simulation.state import DETRACTOR_UP_TO, PROMOTER_LEVEL

noise_verdict = verdict   # the command line's name for the one verdict (analysis.stats)


def paired_text(table: pd.DataFrame) -> pd.DataFrame:
    """A paired comparison table in words: mean, difference with 95% CI and its verdict."""
    ref, metric, cur = table.attrs["reference"], table.attrs["metric"], currency_of(table)

    def diff(r):
        return "-" if r.strategy == ref else difference_text(r.diff, r.ci_low, r.ci_high,
                                                             metric, cur)
    return pd.DataFrame({
        "strategy": [strategy_words(s) for s in table.strategy],
        f"mean {metric_label(metric, cur)}": [amount(v, metric, currency=cur)
                                              for v in table["mean"]],
        f"difference to {strategy_words(ref)} [95% CI]": [diff(r) for r in table.itertuples()],
        "verdict": ["-" if r.strategy == ref else verdict(r.ci_low, r.ci_high)
                    for r in table.itertuples()],
        "share of markets where it beats the rest": [f"{w:.0%}" for w in table.wins]})


def odd_results(table: pd.DataFrame) -> list[str]:
    """One sentence of why when spending money clearly lowers the outcome."""
    ref = table.attrs["reference"]
    worse = [strategy_words(r.strategy) for r in table.itertuples()
             if r.strategy != ref and verdict(r.ci_low, r.ci_high) == LOWER]
    if not worse:
        return []
    names = " and ".join(worse)
    return [f"{names[0].upper() + names[1:]} {'lowers' if len(worse) == 1 else 'lower'} "
            f"{metric_words(table.attrs['metric'])} against {strategy_words(ref)}, beyond the "
            "noise: the budget is paid every month, and the customers it keeps or wins do not "
            "earn it back within the horizon (a longer horizon or a smaller budget can change "
            "this)."]


def closed_market_note(steps: pd.DataFrame) -> str | None:
    """Why customers peak and then fall in every run, if they do."""
    mean = steps.groupby("month")["customers"].mean()
    peak = mean.idxmax()
    if mean.iloc[-1] >= 0.98 * mean.max() or peak >= mean.index.max():
        return None
    return (f"Customers peak around month {peak:g} and then fall: the market is closed (a "
            "fixed number of people, nobody new arrives), so once most prospects have "
            "decided, customers lost each month outnumber the few still to be won. Every "
            "strategy shows it; compare strategies with each other, not with the peak.")


NPS_RULE = (f"level {PROMOTER_LEVEL} = promoter (9-10), {PROMOTER_LEVEL - 1} = passive (7-8), "
            f"1-{DETRACTOR_UP_TO} = detractor (0-6)")


def nps_note() -> str:
    """How the model's net promoter score is counted (the rule docs/measurements.md states)."""
    return ("Net promoter score: the 1-5 satisfaction scale laid linearly onto the 0-10 "
            f"'would you recommend' question, {NPS_RULE} (docs/measurements.md); treat its "
            "level with care and compare strategies by its differences.")


def ripple_note(mean: float, low: float, high: float, currency: str = "") -> str:
    """A quiet leaver's word-of-mouth part, in words (it is small and often negative)."""
    def interval(*ci):
        return money_interval(*ci, currency=currency)
    if not clear_of_zero(low, high):
        return (f"A quiet leaver's ripple part ({interval(mean, low, high)}) is within noise "
                "of zero: someone who leaves without a word costs their own margin and "
                "referrals, and the rest is the noise of rerunning a market.")
    if verdict(low, high) == LOWER:
        return (f"A quiet leaver's ripple part is negative ({interval(mean, low, high)}): with "
                "fewer customers there are fewer service failures and complaints, so a little "
                "less bad word of mouth; the loss is their own margin and referrals.")
    return f"Even a quiet leaver's ripple costs money ({interval(mean, low, high)})."


def spread_note(runs: pd.DataFrame, metric: str, strategy: str) -> str:
    """Whether the spread of a sweep's cell means is larger than one cell's noise."""
    cur = currency_of(runs)
    own = runs[runs.strategy == strategy].groupby("point")[metric]
    means = own.mean()
    halves = [t_interval(g.to_numpy())[2] - g.mean() for _, g in own if len(g) > 1]
    half = float(np.nanmedian(halves)) if halves else float("nan")
    spread = float(means.max() - means.min())
    if np.isnan(half):
        return (f"{metric_words(metric).capitalize()} ranges over "
                f"{amount(spread, metric, currency=cur)} "
                "across the points; one replication per point, so the noise is not measured.")
    verdict = ("larger than the noise" if spread > 2 * half else
               "not much larger than the noise: read the map's pattern with care")
    return (f"Across the points, mean {metric_words(metric)} ({strategy_words(strategy)}) spans "
            f"{amount(spread, metric, currency=cur)}; one point's 95% CI is about "
            f"±{amount(half, metric, currency=cur)}, "
            f"so the spread is {verdict}.")


def ranking_text(table: pd.DataFrame) -> pd.DataFrame:
    """A parameter ranking in words: importance with its ± and whether it is above noise."""
    index, conf = table["index"].clip(lower=0), table["conf"].fillna(0)
    return pd.DataFrame({
        "setting": [parameter_label(p) for p in table.parameter],
        "importance": index.map(num),
        "± (95%)": conf.map(num),
        "verdict": ["matters" if clear_of_zero(i - c, i + c) else "within noise of no effect"
                    for i, c in zip(index, conf)]})


def per_customer_cell(row, currency: str = "") -> str:
    """One part of a lost customer's cost: money with its currency; counts per lost
    customer as they are (a ratio, so fractional)."""
    if row.part in PARTS:
        return money_interval(row["mean"], row.ci_low, row.ci_high, currency)
    return interval(row["mean"], row.ci_low, row.ci_high)


def headline(scenario: dict[str, Any], runs: pd.DataFrame) -> str | None:
    """The one-line answer: the best strategy against its runner-up and doing nothing,
    then the scenario's headline pair (None with fewer than two strategies).
    `scenario` is `Scenario.describe()`, as stored in a results folder's manifest."""
    strategies = scenario["strategies"]
    names = {k: s["name"] for k, s in strategies.items()}
    if len(names) < 2:
        return None
    metric, months = scenario["metric"], scenario["months"]
    best = choose_headline(runs, metric, baseline_label(names))
    first = best_sentence(best, metric, months, scenario.get("currency", ""))
    pair = headline_pair(scenario["headline"], names)
    if pair is None or (set(pair) == {best.best, best.runner_up} and not best.nothing_pays):
        return first
    budgets = [strategies[k]["budget"] for k in pair]
    return first + " " + answer(runs, pair, metric, months, budgets,
                                scenario.get("currency", ""))


def best_sentence(h: Headline, metric: str, months: float, currency: str = "") -> str:
    """The best strategy against the runner-up and doing nothing, each with its verdict;
    when nothing beats doing nothing beyond the noise, that comes first."""
    what = f"{metric_words(metric)} over {months:g} months"
    if h.nothing_pays:
        d = h.closest
        if d is None:
            return f"Nothing beats {strategy_words(h.baseline)} in {what}."
        return (f"Nothing beats {strategy_words(h.baseline)} beyond the noise in {what}: the "
                f"best strategy that spends, {strategy_words(d.a)}, is "
                f"{difference_text(d.mean, d.low, d.high, metric, currency)} against it "
                f"({noise_verdict(d.low, d.high)}).")
    against = [(h.over_runner_up, "the runner-up")]
    if h.over_baseline is not None and h.baseline != h.runner_up:
        against.append((h.over_baseline, ""))
    parts = [f"{difference_text(d.mean, d.low, d.high, metric, currency)} against "
             f"{strategy_words(d.b)}{', ' + role if role else ''} "
             f"({noise_verdict(d.low, d.high)})" for d, role in against]
    name = strategy_words(h.best)[0].upper() + strategy_words(h.best)[1:]
    claim = (f"is the best strategy in {what}" if h.over_runner_up.significant else
             f"has the highest mean {what}, but not beyond the noise of the runner-up")
    return f"{name} {claim}: " + " and ".join(parts) + "."


def answer(runs: pd.DataFrame, pair: tuple[str, str], metric: str, months: float,
           budgets: list[float], currency: str = "") -> str:
    """'At a budget of $5,000 a month, X beats Y by $Z [CI] in profit NPV (...)'."""
    d = paired_difference(runs, metric, *pair)
    cur = currency

    def said(x: float, signed: bool = False) -> str:
        return amount(x, metric, signed, cur)
    winner, loser = pair if d.mean > 0 else pair[::-1]
    at = (f"At a budget of {money(budgets[0], currency=currency)} a month"
          if len(set(budgets)) == 1 else "At these budgets")
    what = f"in {metric_words(metric)} over {months:g} months"
    if not d.significant:
        return (f"{at}, {strategy_words(pair[0])} minus {strategy_words(pair[1])} is "
                f"{difference_text(d.mean, d.low, d.high, metric, cur)} {what}: within noise, "
                "no clear winner.")
    low, high = sorted((abs(d.low), abs(d.high)))
    wins = d.a_wins if winner == pair[0] else 1 - d.a_wins
    return (f"{at}, {strategy_words(winner)} beats {strategy_words(loser)} by "
            f"{said(abs(d.mean))} [{said(low)}; {said(high)}] "
            f"{what}, larger than the noise (wins {wins:.0%} of replications).")


def f10_sentence(check: pd.DataFrame, currency: str = "") -> str:
    """The ten-new-customers rule against the measured loss, per way of leaving; `check`
    is `f10_check(runs)`."""
    first = check.iloc[0]
    value = money(first.new_customer_value, currency=currency)
    window = f"{first.window_months:g} months"
    basis = (f"over the {window} from the loss to the end of the run; a customer won just "
             f"after the loss earns {value} in those same months"
             if first.same_window else
             f"over the rest of the run, against a new customer's first-year value of "
             f"{value} (older results: windows differ)")
    parts = [f"{VARIANT_WORDS[r.variant]}: {interval(r.ratio, r.ci_low, r.ci_high, False)} "
             f"new customers ({r.verdict})" for r in check.itertuples()]
    return ("A rule of thumb says one lost customer takes ten new ones to make up. Measured "
            + basis
            + ". One lost customer costs as much as\n  " + "\n  ".join(parts))


def flip_sentence(flip: dict[str, Any], currency: str = "") -> str:
    """Where the winner flips, only where the evaluations on both sides are beyond the
    noise; otherwise 'no clear flip' with the noise band. `flip` is `FlipResult.to_dict()`
    (money in its currency, or in `currency` for results stored without one)."""
    currency = flip.get("currency") or currency
    reading = read_flip(flip["evaluations"])
    name, metric, today = flip["parameter"], flip["metric"], flip.get("today")

    def at(x: float) -> str:
        return parameter_value(name, x, currency)
    what = parameter_words(name)
    who = {1: strategy_words(flip["challenger"]), -1: strategy_words(flip["incumbent"])}
    if reading.clear:
        a, b = reading.bracket
        low_side = reading.sides[a]
        estimate = flip.get("estimate")
        if estimate is None or not a <= estimate <= b:
            estimate = math.sqrt(a * b) if a > 0 else (a + b) / 2
        return (f"Flip point: {who[-low_side]} beats {who[low_side]} when {what} is above "
                f"about {at(estimate)}{_times_today(name, estimate, today, currency)}"
                f" (somewhere between {at(a)}, where {who[low_side]} is ahead beyond "
                f"the noise, and {at(b)}, where {who[-low_side]} is).")
    values = sorted(reading.sides)
    span = f"from {at(values[0])} to {at(values[-1])}"
    if reading.plateau is None:
        side = reading.sides[values[0]]
        return (f"No flip for {what} {span}: {who[side]} is ahead beyond the noise at every "
                f"value tried ({metric_words(metric)})"
                + (f"; today's value is {at(today)}." if today else "."))
    parts = []
    for side in (1, -1):
        won = reading.clear_span(side)
        if won:
            where = (f"at {at(won[0])}" if won[0] == won[1] else
                     f"from {at(won[0])} to {at(won[1])}")
            parts.append(f"{who[side]} is ahead beyond the noise {where}")
    if reading.plateau:
        p0, p1 = (at(v) for v in reading.plateau)
        where = "at every value tried" if not parts else (
            f"at {p0}" if p0 == p1 else f"from {p0} to {p1}")
        parts.append(f"{where} the difference ({who[1]} minus {who[-1]}) is within noise, "
                     f"between {amount(reading.band[0], metric, True, currency)} and "
                     f"{amount(reading.band[1], metric, True, currency)} (95%)")
    if today is not None:
        parts.append(f"today's value is {at(today)}")
    return (f"No clear flip between {who[1]} and {who[-1]} for {what} {span} "
            f"({metric_words(metric)}): " + "; ".join(parts) + ".")


def _times_today(name: str, value: float, today: float | None, currency: str = "") -> str:
    """', about 177 times today's $200', or '' without today's value."""
    if not today:
        return ""
    ratio = value / today
    return f", about {ratio:.3g} times today's {parameter_value(name, today, currency)}"
