"""Measurements on model output shared by the targets (and reusable by tests).

Each reads what the simulated people did (message counts, episodes, churn causes), never
the parameters that drive them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import numpy as np
import pandas as pd

from experiments.analysis.stats import mean_se  # the statistic every analysis shares
from simulation import CustomerModel, Params
from simulation.network import SocialGraph
from simulation.state import ACTIVE, F11_SHARES, SATISFIED_FROM


def binomial_se(share: float, trials: float) -> float:
    """Standard error of a share observed over `trials` independent trials."""
    return float(np.sqrt(share * (1 - share) / trials)) if trials else float("nan")


def totals(models: Sequence[CustomerModel], *columns: str) -> list[float]:
    """Sums of time-series columns over all steps of all runs."""
    return [float(sum(m.timeseries[c].sum() for m in models)) for c in columns]


def reach_per_teller(models: Sequence[CustomerModel], sign: str) -> tuple[float, float]:
    """Mean people told per telling event (F1: positive, F4/F5: negative), pooled, with SE
    from the per-run means."""
    per_run = [m.timeseries[f"{sign}_messages"].sum() / m.timeseries[f"{sign}_tellers"].sum()
               for m in models]
    messages, tellers = totals(models, f"{sign}_messages", f"{sign}_tellers")
    return messages / tellers, mean_se(per_run)[1]


def complaint_share(models: Sequence[CustomerModel]) -> tuple[float, float, float]:
    """Share of unhappy episodes that became complaints (F6): share, SE, episodes."""
    complaints, episodes = totals(models, "complaints", "episodes")
    share = complaints / episodes
    return share, binomial_se(share, episodes), episodes


def pooled_recovery(models: Sequence[CustomerModel], serious: bool | None = None) -> pd.DataFrame:
    """Episodes and stays by complaint outcome over all runs; `serious` filters problem size."""
    tables = [m.ledger.recovery_table() for m in models]
    frame = pd.concat(tables)
    if serious is not None:
        frame = frame[frame["serious"] == serious]
    table = frame.groupby("outcome", sort=False)[["episodes", "stayed"]].sum()
    table["stay_share"] = table["stayed"] / table["episodes"]
    return table


def churn_shares(models: Sequence[CustomerModel]) -> tuple[dict[str, float], dict[str, float]]:
    """Mean share of lost customers by F11 cause over runs, and its SE."""
    rows = np.array([[m.summary()["churn_shares"][c] for c in F11_SHARES] for m in models])
    means = dict(zip(F11_SHARES, rows.mean(axis=0)))
    ses = dict(zip(F11_SHARES, rows.std(axis=0, ddof=1) / np.sqrt(len(rows))))
    return means, ses


def referral_yield(params: Params, seed: int, warmup: float = 12, window: float = 12) -> float:
    """New customers referred over `window` months per customer satisfied at its start (F2)."""
    model = CustomerModel(params, rng=seed).run(warmup)
    pop = model.people
    satisfied = (pop.status == ACTIVE) & (pop.satisfaction >= SATISFIED_FROM)
    before = pop.referrals.copy()
    model.run(window)
    return float((pop.referrals - before)[satisfied].sum() / satisfied.sum())


def clustering(graph: SocialGraph, rng: np.random.Generator, sample: int = 2000) -> float:
    """Average local clustering coefficient over a random sample of people."""
    if graph.complete:
        return 1.0
    values = []
    for person in rng.integers(0, graph.n, sample):
        ties = graph.indices[graph.indptr[person]:graph.indptr[person + 1]]
        k = ties.size
        if k < 2:
            values.append(0.0)
            continue
        closed = sum(np.intersect1d(ties, graph.indices[graph.indptr[t]:graph.indptr[t + 1]],
                                    assume_unique=True).size for t in ties)
        values.append(closed / (k * (k - 1)))
    return float(np.mean(values))


def customer_base(graph: SocialGraph, size: int, rng: np.random.Generator) -> np.ndarray:
    """A firm's customers: `size` people grown outward from one person along ties, the way
    word of mouth grows a customer base (breadth first, shuffled within each person's ties)."""
    start = int(rng.integers(graph.n))
    seen, queue = {start}, deque([start])
    while queue and len(seen) < size:
        person = queue.popleft()
        for friend in rng.permutation(graph.indices[graph.indptr[person]:graph.indptr[person + 1]]):
            if int(friend) not in seen:
                seen.add(int(friend))
                queue.append(int(friend))
                if len(seen) == size:
                    break
    return np.fromiter(seen, np.int64)
