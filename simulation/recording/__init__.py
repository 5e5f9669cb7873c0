"""Recording: one row of market aggregates per step, and the per-run summary.

Only aggregates are kept per step (never per-customer histories), so memory stays
flat in the number of steps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simulation.acquisition.channels import channel_table
from simulation.clock import Clock
from simulation.complaints import OUTCOMES
from simulation.economics import COSTS, Accounts, discount_factor
from simulation.levers import LEVERS
from simulation.parameters.params import Params
from simulation.recording.counts import StepCounts
from simulation.state import (
    ACTIVE,
    CHANNELS,
    CHURN_CAUSES,
    DETRACTOR_UP_TO,
    ENEMY,
    PROMOTER_LEVEL,
    PROSPECT,
    Population,
)

LOST_COLUMNS = tuple(f"lost_{c}" for c in CHURN_CAUSES)


class Ledger:
    """Accumulates per-step rows and episode outcomes of one run."""

    def __init__(self) -> None:
        self.rows: list[dict[str, float]] = []
        # [outcome, serious, stayed] -> number of episodes
        self.outcomes = np.zeros((len(OUTCOMES), 2, 2), np.int64)
        self._frame: pd.DataFrame | None = None  # built from the rows once, until a new row
        self._columns: dict[str, np.ndarray] = {}

    def count_outcomes(self, outcome: np.ndarray, serious: np.ndarray,
                       stayed: np.ndarray) -> None:
        np.add.at(self.outcomes, (outcome, serious.astype(int), stayed.astype(int)), 1)

    def record(self, clock: Clock, pop: Population, counts: StepCounts | None,
               accounts: Accounts | None, active: np.ndarray | None = None) -> None:
        """Append the step's row (the starting state has no counts and no accounts);
        `active` (the customers' indices, sorted) if known."""
        row = {"step": clock.step, "month": clock.end, **market_state(pop, active)}
        if counts is not None:
            row.update(counts.as_row())
        if accounts is not None:
            row.update(accounts.as_row())
        self.rows.append(row)

    def frame(self) -> pd.DataFrame:
        """The rows as a table (a copy: the caller may change it)."""
        return self.table().copy()

    def table(self) -> pd.DataFrame:
        """The rows as a table, built once per new row (shared: read, do not change)."""
        if self._frame is None or len(self._frame) != len(self.rows):
            self._frame = pd.DataFrame(self.columns())
        return self._frame

    def columns(self) -> dict[str, np.ndarray]:
        """The table's columns as arrays (shared: read, do not change)."""
        if not self._columns or len(next(iter(self._columns.values()))) != len(self.rows):
            self._columns = self._build_columns()
        return self._columns

    def _build_columns(self) -> dict[str, np.ndarray]:
        """One column per key, in the order keys first appear: whole numbers stay int64,
        a column with a missing or fractional entry is float64 with gaps and NaN as 0; the
        losses are counts (int64) and `npv` the running sum of discounted profit."""
        keys = dict.fromkeys(key for row in self.rows for key in row)
        columns = {key: _column([row.get(key, 0.0) for row in self.rows]) for key in keys}
        for key in LOST_COLUMNS:
            columns[key] = (columns[key].astype(np.int64) if key in columns
                            else np.zeros(len(self.rows), np.int64))
        if "discounted_profit" in columns:
            columns["npv"] = np.cumsum(columns["discounted_profit"])
        return columns

    def recovery_table(self) -> pd.DataFrame:
        """Episodes and stay share by complaint outcome and seriousness."""
        left, stayed = self.outcomes[..., 0].ravel(), self.outcomes[..., 1].ravel()
        total = left + stayed
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, stayed / total, np.nan)
        return pd.DataFrame({"outcome": np.repeat(OUTCOMES, 2).astype(object),
                             "serious": np.tile([False, True], len(OUTCOMES)),
                             "episodes": total, "stayed": stayed, "stay_share": share})


def _column(values: list[float]) -> np.ndarray:
    column = np.array(values)
    if column.dtype.kind == "f":
        column[np.isnan(column)] = 0.0
    return column


def market_state(pop: Population, active: np.ndarray | None = None) -> dict[str, float]:
    """Counts that describe the market right now (`active`: the customers, if known)."""
    from simulation.recording.kernels import tally  # compiled (or loaded) on first use
    surveyed = pop.surveyed()   # with the recovery paradox's glow, which behaviour ignores
    prospects, customers, levels, enemies, rejecters, queued = tally(
        pop.status, surveyed, pop.escalation, pop.rejecter, pop.waiting,
        (PROSPECT, ACTIVE, ENEMY))
    active = np.flatnonzero(pop.status == ACTIVE) if active is None else active
    sat = surveyed[active]
    row = {"prospects": int(prospects), "customers": int(customers),
           "lost": int(pop.n - prospects - customers),
           "satisfaction_mean": float(sat.mean()) if sat.size else np.nan,
           "promoters": int(levels[PROMOTER_LEVEL:].sum()),
           "detractors": int(levels[1:DETRACTOR_UP_TO + 1].sum()),
           "enemies": int(enemies), "rejecters": int(rejecters), "complaint_queue": int(queued)}
    row.update({f"satisfaction_{k}": int(levels[k]) for k in range(1, 6)})
    return row


def npv_parts(ledger: Ledger, params: Params, dt: float) -> dict[str, float]:
    """Discounted gross margin and each discounted cost line over the run: profit_npv is
    gross_margin minus the costs, so the difference of two runs' parts explains the
    difference of their NPVs line by line."""
    ts = {name: column[1:] for name, column in ledger.columns().items()}
    discount = np.array([discount_factor(params, m - dt / 2) for m in ts["month"].tolist()])
    parts = {"gross_margin": float(((ts["revenue"] - ts["cost_of_goods"]) * discount).sum())}
    parts.update({c: float((ts[c] * discount).sum()) for c in COSTS[1:]})
    return parts


def summarise(ledger: Ledger, pop: Population, params: Params, clock: Clock) -> dict[str, Any]:
    """The per-run summary a strategist reads first (`clock`: the last step's)."""
    ts = ledger.columns()
    ever = pop.channel >= 0
    churn = {c: int(ts[f"lost_{c}"].sum()) for c in CHURN_CAUSES}
    lost = sum(churn.values())
    final = {name: column[-1] for name, column in ts.items()}
    customers = max(int(final["customers"]), 1)
    levels = {k: float(final[f"satisfaction_{k}"]) / customers for k in range(1, 6)}
    promoters = sum(levels[k] for k in range(PROMOTER_LEVEL, 6))
    detractors = sum(levels[k] for k in range(1, DETRACTOR_UP_TO + 1))
    pos, neg = float(ts["positive_messages"].sum()), float(ts["negative_messages"].sum())
    relayed = float(ts["relayed_messages"].sum())
    recovered = [OUTCOMES.index(o) for o in ("resolved", "resolved_fast")]
    return {
        "months": float(clock.end), "people": int(pop.n),
        "customers": int(final["customers"]), "prospects": int(final["prospects"]),
        "lost": int(final["lost"]),
        "profit_npv": float(ts["discounted_profit"].sum()),
        # months of service billed: each step's customers (the ones its accounts billed)
        "customer_months": float(ts["customers"].iloc[1:].sum() * clock.dt),
        "revenue": float(ts["revenue"].sum()), "profit": float(ts["profit"].sum()),
        "mean_clv": float(pop.value[ever].mean()) if ever.any() else 0.0,
        "npv_parts": npv_parts(ledger, params, clock.dt),
        "churn_by_cause": churn,
        "churn_shares": {c: (n / lost if lost else 0.0) for c, n in churn.items()},
        "ever_unhappy_share": float(pop.ever_unhappy[ever].mean()) if ever.any() else 0.0,
        "wom_positive": pos, "wom_negative": neg, "wom_relayed": relayed,
        "wom_ratio": pos / (neg + relayed) if neg + relayed else float("inf"),
        "rejecters": int(ts["new_rejecters"].sum()), "rejecters_now": int(final["rejecters"]),
        "complaints": int(ts["complaints"].sum()), "handled": int(ts["handled"].sum()),
        "abandoned": int(ts["abandoned"].sum()),
        "frontline_complaints": int(ts["frontline_complaints"].sum()),
        "frontline_resolved": int(ts["frontline_resolved"].sum()),
        "recoveries": int(ledger.outcomes[recovered].sum()),
        "acquisitions": {c: int(ts[f"new_{c}"].sum()) for c in CHANNELS[1:]},
        "channels": channel_table(pop, clock.dt, clock.step),
        "satisfaction_levels": levels,
        "levers": lever_units(ts),
        "promoters": promoters, "detractors": detractors,
        "net_promoter": 100.0 * (promoters - detractors),
    }


def lever_units(ts: dict[str, np.ndarray]) -> dict[str, float]:
    """Units of each lever bought, used and idle over the run (`levers.LEVERS`)."""
    out: dict[str, float] = {}
    for lever in LEVERS:
        bought, used = (float(ts[c].sum()) if c in ts else 0.0
                        for c in (f"{lever}_bought", f"{lever}_used"))
        out.update({f"{lever}_bought": bought, f"{lever}_used": used,
                    f"{lever}_idle": max(bought - used, 0.0)})
    return out


def flat_summary(summary: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """A summary with nested dicts spread into ``outer_inner`` columns (tidy tables)."""
    flat: dict[str, float] = {}
    for key, value in summary.items():
        if key == "firms":   # a list of firms, each spread under its name
            value = {firm["name"]: {k: v for k, v in firm.items() if k != "name"}
                     for firm in value}
        if isinstance(value, dict):
            flat.update(flat_summary(value, f"{prefix}{key}_"))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
