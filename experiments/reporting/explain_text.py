"""Words for "answer explained": the headline pair's profit NPV difference, part by part,
in a table a strategist reads (human labels, money with its currency, a noise verdict on
every line) and one sentence saying what drives the winner."""

from __future__ import annotations

from typing import Any

import pandas as pd

from experiments.analysis.compare import headline_pair
from experiments.analysis.explain import explain_difference, winner_first
from experiments.analysis.stats import WITHIN_NOISE, verdict
from experiments.reporting.words import CURRENCY, money, money_interval, strategy_words
from experiments.scenarios.metrics import metric


def part_words(part: str) -> str:
    return metric(part, "part").words


def explained(scenario: dict[str, Any], runs: pd.DataFrame) -> pd.DataFrame | None:
    """The decomposition for a scenario's headline pair, winner first (None without a
    pair). `scenario` is `Scenario.describe()`, as stored in a results folder."""
    strategies = scenario["strategies"]
    pair = headline_pair(scenario["headline"], {k: s["name"] for k, s in strategies.items()})
    if pair is None:
        return None
    return explain_difference(runs, *winner_first(runs, *pair))


ORDER = (("money", "gross_margin"), ("margin line", None), ("money", "costs_net"),
         ("cost line", None), ("total", None), ("people", None))


def explain_rows(table: pd.DataFrame, currency: str = "") -> pd.DataFrame:
    """The decomposition as text: part in words, difference with its 95% CI and unit,
    and the noise verdict; the margin with its two parts (customer-months served x the
    second strategy's margin per customer-month, and the rest), the net costs with the
    cost lines behind them, their total, then the people behind it."""
    order = pd.concat([table[(table.kind == k) & ((table.part == p) if p else True)]
                       for k, p in ORDER])
    cur = currency or CURRENCY
    unit = {"money": cur, "total": cur, "cost line": cur, "margin line": cur, "people": "people"}
    return pd.DataFrame({
        "part": [_part_label(r, table.attrs, currency) for r in order.itertuples()],
        f"{strategy_words(table.attrs['a'])} minus {strategy_words(table.attrs['b'])} [95% CI]": [
            _people(r) if r.kind == "people" else money_interval(r.mean, r.ci_low, r.ci_high, cur)
            for r in order.itertuples()],
        "unit": [metric(r.part, "part").unit if r.kind == "people" else unit[r.kind]
                 for r in order.itertuples()],
        "noise": [verdict(r.ci_low, r.ci_high) for r in order.itertuples()]})


def _part_label(row: Any, attrs: dict, currency: str) -> str:
    """A part in words; the margin's parts are details ('of which'), the first with the
    margin per customer-month it multiplies."""
    words = part_words(row.part)
    if row.part == "margin_volume":
        per = money(attrs["margin_per_customer_month"], currency=currency, decimals=2)
        words = f"customer-months served x {per} margin a customer-month"
    return ("  of which " if row.kind in ("cost line", "margin line") else "") + words


def _people(row: Any) -> str:
    """A people count in whole people: '+15 [+1; +29]'."""
    low, mean, high = (int(round(x)) for x in (row.ci_low, row.mean, row.ci_high))
    return f"{mean:+,d} [{low:+,d}; {high:+,d}]"


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _effect(row: Any, currency: str) -> str:
    """'less complaint handling costs (+EUR 436)': which way a money part went."""
    more = (row.mean > 0) == (row.part == "gross_margin")
    if row.part == "costs_net":
        return f"{'more' if more else 'less'} spent in all ({money(row.mean, True, currency)})"
    return f"{'more' if more else 'less'} {part_words(row.part)} ({money(row.mean, True, currency)})"


def explain_sentence(table: pd.DataFrame, currency: str = "") -> str:
    """What drives the difference, in words: the largest clear money parts, and which
    parts are within noise."""
    a, b = strategy_words(table.attrs["a"]), strategy_words(table.attrs["b"])
    cur = currency
    total = table[table.kind == "total"].iloc[0]
    parts = table[table.kind == "money"]
    clear = parts[~parts.within_noise].sort_values("mean", key=abs, ascending=False)
    noisy = parts[parts.within_noise]
    head = (f"{_upper(a)} minus {b} is {money(total['mean'], True, cur)} in profit NPV"
            + (" (within noise)" if total.within_noise else ""))
    pro, con = clear[clear["mean"] > 0], clear[clear["mean"] < 0]
    drives = "; ".join(f"{side} " + ", ".join(_effect(r, cur) for r in rows.head(3).itertuples())
                       for side, rows in (("for it:", pro), ("against it:", con)) if not rows.empty)
    drives = drives or "no money part is clear of noise"
    tail = (f" {_upper(', '.join(part_words(p) for p in noisy.part))} "
            f"{'is' if len(noisy) == 1 else 'are'} {WITHIN_NOISE}." if not noisy.empty else "")
    return f"{head}. {_upper(drives)}.{tail}"


def format_explained(table: pd.DataFrame, currency: str = "") -> str:
    """The terminal's "answer explained" block: the sentence, then the table."""
    rows = explain_rows(table, currency)
    lines = ["Answer explained: " + explain_sentence(table, currency),
             "  (money: each part's share of the difference, so a cost the first strategy "
             "pays more of is negative, and money moved from one cost line to another "
             "cancels in the net costs; the margin is customer-months served times the "
             "second strategy's margin a customer-month, plus the rest; people: the first "
             "minus the second)",
             f"  {'part':<66}{'difference [95% CI]':>40}  {'unit':<16}noise"]
    lines += [f"  {r.part:<66}{r[1]:>40}  {r.unit:<16}{r.noise}"
              for r in rows.itertuples(index=False)]
    return "\n".join(lines)
