"""One firm's view of a run in a market of several firms: its own step rows, complaint
recovery table and summary, in the shape of the market's (`model.timeseries`,
`model.summary()`, `ledger.recovery_table()`), so a figure measured on the market is
measured on one firm the same way (a firm's customers, gained, lost, complaints, survey
and money are its own; word of mouth is the market's)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from simulation.state import ACTIVE, DETRACTOR_UP_TO, PROMOTER_LEVEL, Population


def firm_levels(pop: Population, k: int) -> dict[int, float]:
    """Share of firm k's customers at each survey level 1-5 (the market's rule)."""
    own = np.flatnonzero((pop.status == ACTIVE) & (pop.firm == k))
    counts = np.bincount(pop.level()[own], minlength=6)
    return {level: float(counts[level]) / max(own.size, 1) for level in range(1, 6)}


def firm_summary(model, k: int) -> dict[str, Any]:
    """Firm k's part of the run summary: its customers, market share, money, moves
    (`FirmBook.summary`), and its customers' survey levels, net promoter score and mean
    lifetime value (of everyone whose last firm it is)."""
    book = model.rivals.book
    out = dict(book.summary()[k])
    rows = book.frame()
    mine = rows[rows["firm"] == book.names[k]]
    out.update(revenue=float(mine["revenue"].sum()), profit=float(mine["profit"].sum()))
    pop = model.people
    levels = firm_levels(pop, k)
    promoters = sum(levels[v] for v in range(PROMOTER_LEVEL, 6))
    detractors = sum(levels[v] for v in range(1, DETRACTOR_UP_TO + 1))
    ever = (pop.channel >= 0) & (pop.firm == k)
    out.update(satisfaction_levels=levels, promoters=promoters, detractors=detractors,
               net_promoter=100.0 * (promoters - detractors),
               mean_clv=float(pop.value[ever].mean()) if ever.any() else 0.0)
    return out


def firm_view(model, k: int) -> tuple[pd.DataFrame, dict[str, Any], pd.DataFrame]:
    """(step rows, summary, complaint recovery table) of firm k of a model with rivals."""
    rivals = model.rivals
    return (rivals.book.counts_frame(k), firm_summary(model, k),
            rivals.outcomes[k].recovery_table())
