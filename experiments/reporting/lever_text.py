"""Per-lever readouts in words: what each lever's money bought, with 95% CIs and whether
each figure is within noise (`experiments.analysis.levers`)."""

from __future__ import annotations

import math

import pandas as pd

from experiments.analysis.levers import LeverReadout
from experiments.reporting.text import noise_verdict
from experiments.reporting.words import money, strategy_words

MONEY_READOUTS = {"profit_gain": "profit gain", "spend": "extra spend",
                  "ceiling": "ceiling (free and unlimited)",
                  "break_even_unit_cost": "break-even unit cost",
                  "cost_per_extra_customer": "cost per extra customer"}


def _money_ci(row: pd.Series, currency: str) -> str:
    mean, low, high = row["mean"], row["ci_low"], row["ci_high"]
    if math.isnan(low):
        return money(mean, True, currency)
    return (f"{money(mean, True, currency)} [{money(low, True, currency)}; "
            f"{money(high, True, currency)}]")


def _verdict(row: pd.Series) -> str:
    """' (clearly higher than zero)', ' (within noise of zero)'."""
    words = noise_verdict(row["ci_low"], row["ci_high"])
    return f" ({words} of zero)" if words == "within noise" else f" ({words} than zero)"


def _lines(label: str, rows: pd.DataFrame, currency: str) -> list[str]:
    price = rows["unit_price"].iloc[0]
    unit = rows["unit"].iloc[0]
    priced = (f", at {money(price, False, currency)} {unit}"
              if price is not None and not pd.isna(price) else "")
    source = rows["price_source"].iloc[0]
    out = [f"  {strategy_words(label)}{priced}{f' ({source})' if source else ''}:"]
    for readout, words in MONEY_READOUTS.items():
        if readout in rows.index:
            row = rows.loc[readout]
            verdict = _verdict(row) if readout in ("profit_gain", "ceiling") else ""
            out.append(f"    {words:<30}{_money_ci(row, currency)}{verdict}")
    if "return_on_spend" in rows.index:
        row = rows.loc["return_on_spend"]
        out.append(f"    {'return on spend':<30}{row['mean']:+.0%} "
                   f"[{row['ci_low']:+.0%}; {row['ci_high']:+.0%}]")
    if "cost_per_extra_customer" not in rows.index:
        out.append(f"    {'cost per extra customer':<30}no clear change in customers")
    if "extra_abandoned" in rows.index and rows.loc["extra_abandoned", "ci_low"] > 0:
        row = rows.loc["extra_abandoned"]
        out.append(f"    The complaints it brings overflow the handlers: {row['mean']:,.0f} "
                   f"[{row['ci_low']:,.0f}; {row['ci_high']:,.0f}] more complaints given up "
                   "unresolved after waiting; the handlers bought are its limit.")
    return out


def format_levers(readout: LeverReadout, currency: str = "") -> str:
    """One block per lever: its price and unit, then each readout with its 95% CI."""
    lines = ["What each lever's money bought (paired with no extra spending, 95% CIs):"]
    for label in dict.fromkeys(readout.table["strategy"]):
        lines += _lines(label, readout.rows(label), currency)
    return "\n".join(lines)
