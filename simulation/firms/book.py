"""Each firm's accounts: one row per firm per step, the step's merged market row, and the
per-firm part of the run summary."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd

from simulation.clock import Clock
from simulation.economics import Accounts
from simulation.levers import LeverUse
from simulation.recording.counts import StepCounts

FIRM_COLUMNS = ("customers", "new_customers", "won_from_rivals", "defections",
                "disadoptions", "praise", "bad_news", "revenue", "profit", "discounted_profit")


def merged_counts(parts: list[StepCounts]) -> StepCounts:
    """The market's counts: the sum of the firms' (and the market-wide phases')."""
    out = StepCounts()
    for f in fields(StepCounts):
        if f.name == "levers":
            use = LeverUse()
            for part in parts:
                for lever in use.bought:
                    use.book(lever, part.levers.bought[lever], part.levers.used[lever], 0.0)
                use.cost += part.levers.cost
            out.levers = use
        else:
            setattr(out, f.name, sum(getattr(p, f.name) for p in parts))
    return out


def summed_accounts(parts: list[Accounts]) -> Accounts:
    """The market's money: every line summed over the firms."""
    return Accounts(**{f.name: sum(getattr(a, f.name) for a in parts) for f in fields(Accounts)})


class FirmBook:
    """Per-step rows of each firm: customers, customers won and lost, money."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.rows: list[dict[str, Any]] = []
        self.count_rows: list[list[dict[str, Any]]] = [[] for _ in names]

    def record(self, clock: Clock, customers: np.ndarray, moves: dict[str, np.ndarray],
               new: list[int], accounts: list[Accounts | None],
               counts: list[StepCounts | None] | None = None) -> None:
        for k, name in enumerate(self.names):
            money = accounts[k]
            flows = counts[k] if counts else None
            self.count_rows[k].append({"step": clock.step, "month": clock.end,
                                       "customers": int(customers[k]),
                                       **(flows.as_row() if flows else {})})
            self.rows.append({
                "step": clock.step, "month": clock.end, "firm": name,
                "customers": int(customers[k]), "new_customers": new[k],
                **{key: int(v[k]) for key, v in moves.items()},
                "revenue": money.revenue if money else 0.0,
                "profit": money.profit if money else 0.0,
                "discounted_profit": money.discounted_profit if money else 0.0})

    def frame(self) -> pd.DataFrame:
        """One row per step per firm; `npv` is the firm's discounted profit so far."""
        frame = pd.DataFrame(self.rows, columns=["step", "month", "firm", *FIRM_COLUMNS])
        frame["npv"] = frame.groupby("firm", sort=False)["discounted_profit"].cumsum()
        return frame

    def counts_frame(self, k: int) -> pd.DataFrame:
        """Firm `k`'s own step rows in the market ledger's columns (row 0 the start):
        its customers, and the flows of its own phases (complaints, new customers by
        channel, losses by cause; word of mouth is the market's, not counted here)."""
        frame = pd.DataFrame(self.count_rows[k]).fillna(0)
        lost = [c for c in frame if c.startswith("lost_")]
        return frame.astype({c: np.int64 for c in lost})

    def summary(self) -> list[dict[str, Any]]:
        """Per firm: customers now, market share (of all firms' customers), profit NPV,
        customers won, won from rivals, lost to rivals (defections), lost from the
        category (disadoptions), and word-of-mouth messages about the firm from its
        customers and former customers (praise, bad news)."""
        frame = self.frame()
        last = frame[frame["step"] == frame["step"].max()].set_index("firm")
        total = max(int(last["customers"].sum()), 1)
        sums = frame.groupby("firm", sort=False)[list(FIRM_COLUMNS[1:])].sum()
        return [{"name": name, "customers": int(last.at[name, "customers"]),
                 "market_share": float(last.at[name, "customers"]) / total,
                 "profit_npv": float(sums.at[name, "discounted_profit"]),
                 "new_customers": int(sums.at[name, "new_customers"]),
                 "won_from_rivals": int(sums.at[name, "won_from_rivals"]),
                 "defections": int(sums.at[name, "defections"]),
                 "disadoptions": int(sums.at[name, "disadoptions"]),
                 "praise": int(sums.at[name, "praise"]),
                 "bad_news": int(sums.at[name, "bad_news"])}
                for name in self.names]


def one_firm_rows(ts: pd.DataFrame, name: str) -> pd.DataFrame:
    """The market's time series as the one firm's rows (every loss a disadoption)."""
    from simulation.state import CHURN_CAUSES
    frame = pd.DataFrame({"step": ts["step"], "month": ts["month"], "firm": name,
                          "customers": ts["customers"]})
    frame["new_customers"] = ts.reindex(columns=["new_advertising", "new_referral",
                                                  "new_paid"], fill_value=0).sum(axis=1)
    frame["won_from_rivals"] = frame["defections"] = 0
    frame["praise"] = ts.get("positive_messages", 0)
    frame["bad_news"] = ts.get("negative_messages", 0)
    frame["disadoptions"] = ts[[f"lost_{c}" for c in CHURN_CAUSES]].sum(axis=1)
    for column in ("revenue", "profit", "discounted_profit"):
        frame[column] = ts.get(column, 0.0)
    frame["npv"] = frame["discounted_profit"].cumsum()
    frame = frame[["step", "month", "firm", *FIRM_COLUMNS, "npv"]]
    return frame.astype({c: int for c in FIRM_COLUMNS[:7]})
