"""Recording: one row of market aggregates per step, and the per-run summary.

Only aggregates are kept per step (never per-customer histories), so memory stays
flat in the number of steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from simulation.complaints import OUTCOMES
from simulation.state import (
    ACTIVE,
    CHANNELS,
    CHURN_CAUSES,
    ENEMY,
    LOST,
    PROSPECT,
    SATISFIED_FROM,
    UNHAPPY_BELOW,
    survey_level,
)

if TYPE_CHECKING:
    from simulation.economics import Accounts
    from simulation.model import CustomerModel


class Ledger:
    """Accumulates per-step rows and episode outcomes of one run."""

    def __init__(self) -> None:
        self.rows: list[dict[str, float]] = []
        # [outcome, serious, stayed] -> number of episodes
        self.outcomes = np.zeros((len(OUTCOMES), 2, 2), np.int64)

    def count_outcomes(self, outcome: np.ndarray, serious: np.ndarray,
                       stayed: np.ndarray) -> None:
        np.add.at(self.outcomes, (outcome, serious.astype(int), stayed.astype(int)), 1)

    def record(self, model: CustomerModel, step_counts: dict[str, float],
               accounts: Accounts | None) -> None:
        row = {"step": model.steps, "month": model.month, **market_state(model)}
        row.update(step_counts)
        if accounts is not None:
            row.update(accounts.as_row())
        self.rows.append(row)

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows).fillna(0.0)
        lost = [f"lost_{c}" for c in CHURN_CAUSES]
        frame[lost] = frame.reindex(columns=lost, fill_value=0).to_numpy(np.int64)
        if "discounted_profit" in frame:
            frame["npv"] = frame["discounted_profit"].cumsum()
        return frame

    def recovery_table(self) -> pd.DataFrame:
        """Episodes and stay share by complaint outcome and seriousness."""
        rows = []
        for o, name in enumerate(OUTCOMES):
            for serious in (0, 1):
                left, stayed = self.outcomes[o, serious]
                total = left + stayed
                rows.append({"outcome": name, "serious": bool(serious), "episodes": total,
                             "stayed": stayed, "stay_share": stayed / total if total else np.nan})
        return pd.DataFrame(rows)


def market_state(model: CustomerModel) -> dict[str, float]:
    """Counts that describe the market right now."""
    pop = model.people
    status = np.bincount(pop.status, minlength=3)
    sat = pop.satisfaction[pop.status == ACTIVE]
    levels = np.bincount(survey_level(sat), minlength=6)[1:]
    row = {"prospects": int(status[PROSPECT]), "customers": int(status[ACTIVE]),
           "lost": int(status[LOST]),
           "satisfaction_mean": float(sat.mean()) if sat.size else np.nan,
           "promoters": int((sat >= SATISFIED_FROM).sum()),
           "detractors": int((sat < UNHAPPY_BELOW).sum()),
           "enemies": int(((pop.escalation == ENEMY) & (pop.status != PROSPECT)).sum()),
           "complaint_queue": int(pop.waiting.sum())}
    row.update({f"satisfaction_{k}": int(levels[k - 1]) for k in range(1, 6)})
    return row


def summarise(model: CustomerModel) -> dict[str, Any]:
    """The per-run summary a strategist reads first."""
    ts = model.timeseries
    pop = model.people
    ever = pop.channel >= 0
    churn = {c: int(ts[f"lost_{c}"].sum()) for c in CHURN_CAUSES}
    lost = sum(churn.values())
    final = ts.iloc[-1]
    customers = max(int(final["customers"]), 1)
    levels = {k: float(final[f"satisfaction_{k}"]) / customers for k in range(1, 6)}
    pos, neg = float(ts["positive_messages"].sum()), float(ts["negative_messages"].sum())
    table = model.ledger.recovery_table().groupby("outcome")[["episodes", "stayed"]].sum()
    return {
        "months": float(model.month), "people": int(pop.n),
        "customers": int(final["customers"]), "prospects": int(final["prospects"]),
        "lost": int(final["lost"]),
        "profit_npv": float(ts["discounted_profit"].sum()),
        "revenue": float(ts["revenue"].sum()), "profit": float(ts["profit"].sum()),
        "mean_clv": float(pop.value[ever].mean()) if ever.any() else 0.0,
        "churn_by_cause": churn,
        "churn_shares": {c: (n / lost if lost else 0.0) for c, n in churn.items()},
        "wom_positive": pos, "wom_negative": neg,
        "wom_ratio": pos / neg if neg else float("inf"),
        "complaints": int(ts["complaints"].sum()), "handled": int(ts["handled"].sum()),
        "recoveries": int(table.loc[["resolved", "resolved_fast"], "episodes"].sum()),
        "acquisitions": {c: int(ts[f"new_{c}"].sum()) for c in CHANNELS[1:]},
        "satisfaction_levels": levels,
        "promoters": levels[4] + levels[5], "detractors": levels[1] + levels[2],
        "net_promoter": 100.0 * (levels[4] + levels[5] - levels[1] - levels[2]),
    }


def flat_summary(summary: dict[str, Any]) -> dict[str, float]:
    """A summary with nested dicts spread into ``outer_inner`` columns (tidy tables)."""
    flat: dict[str, float] = {}
    for key, value in summary.items():
        if isinstance(value, dict):
            flat.update({f"{key}_{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat
