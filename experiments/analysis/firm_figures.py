"""The figures a firm observes, measured the same way in a simulated market (plus the
run's money and customer outcomes, which allocation judges plans by).

Every figure is per customer (or a share), so a market simulated at a smaller size is
compared on the same footing: gained customers and churn per customer a year (or churn
a month: customers lost in a month over the customers at its start, pooled over the
year, measured so in the simulated market too, never converted),
complaints per 1,000 customers a month, shares resolved within a week and by referral,
and the 1-5 survey distribution or the net promoter score. A cohort curve is the share of
the customers at month 0 still customers at the end of each year after it: the market
runs on past the observed window for as many years as the curve has, and the year's
figures are measured at the window's end, exactly as without a curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from experiments.scenarios.firm_profile import FirmProfile
from experiments.scenarios.metrics import BRAND_TALK, COMPETITION
from simulation import Params
from simulation.horizon import check_horizon, check_seed
from simulation.people_traits.cohorts import cohort_counts

OBSERVATION_MONTHS = 12.0
OUTCOMES = ("profit_npv", "profit", "revenue", "customers", "mean_clv", "net_promoter")
# The figures' words and units are declared with every other metric (scenarios.metrics,
# family "figure").


def observed_figures(profile: FirmProfile) -> dict[str, float]:
    """The profile's observations in the per-customer form the simulation reports."""
    o, per = profile.observed, profile.customers
    out: dict[str, float] = {}
    if "customers_gained" in o:
        out["gained_per_customer"] = o["customers_gained"] / per
    if "referral_share" in o:
        out["referral_share"] = o["referral_share"]
    if "churn_per_year" in o:
        out["churn_per_year"] = o["churn_per_year"]
    if "churn_per_month" in o:      # compared as a monthly figure: no conversion to a year
        out["churn_per_month"] = o["churn_per_month"]
    if "complaints_per_month" in o:
        out["complaints_per_1000"] = o["complaints_per_month"] / per * 1000.0
    if "escalated_per_month" in o:
        out["escalated_per_1000"] = o["escalated_per_month"] / per * 1000.0
    if "resolved_within_week" in o:
        out["resolved_within_week"] = o["resolved_within_week"]
    if profile.survey is not None:
        out.update({f"survey_{k}": s for k, s in enumerate(profile.survey, start=1)})
    elif "nps" in o:
        out["nps"] = o["nps"]
    out.update({f"cohort_year_{k}": s for k, s in enumerate(profile.cohort_retention, 1)})
    return out


def cohort_years(names) -> int:
    """How many years of cohort curve a set of figure names asks for."""
    return max((int(n.rsplit("_", 1)[1]) for n in names if n.startswith("cohort_year_")),
               default=0)


def market_figures(params: Params, seed: int, months: float = OBSERVATION_MONTHS,
                   years: int = 0, firm_changes: tuple = ()) -> dict[str, float]:
    """Run one market (as `simulation.run` does, rivals' `firm_changes` included) and
    measure its first `months`; with `years`, run on and measure the month-0 customers'
    cohort curve for that many years. With several firms every figure is the focal
    (first) firm's, plus its market share, moves and word of mouth by brand."""
    from simulation.model import CustomerModel  # the model (and Mesa) only when a run starts
    from simulation.run import advance
    model = CustomerModel(params, rng=check_seed(seed))
    check_horizon(months, model.dt)
    advance(model, months, firm_changes)
    figures = window_figures(*_tables(model), months)
    if model.rivals is not None:
        figures.update(rival_figures(model.rivals.book.summary()))
    if years:
        model.run(max(12.0 * years - model.month, 0.0))
        counts = cohort_counts(model.people, 0, int(round(12 / model.dt)), years)
        figures.update({f"cohort_year_{k}": float(c) / max(float(counts[0]), 1.0)
                        for k, c in enumerate(counts[1:], 1)})
    return figures


def _tables(model) -> tuple:
    """(step rows, summary, recovery table): the market's, or with several firms the
    focal firm's own (`simulation.firms.view`)."""
    if model.rivals is None:
        return model.timeseries, model.summary(), model.ledger.recovery_table()
    from simulation.firms.view import firm_view
    return firm_view(model, 0)


def rival_figures(firms: list[dict]) -> dict[str, float]:
    """The focal firm's market share and moves (`COMPETITION`), and every brand's word of
    mouth, named as a run table names them (``firms_<name>_praise``)."""
    out = {name: float(firms[0][name]) for name in COMPETITION}
    for firm in firms:
        out.update({f"firms_{firm['name']}_{k}": float(firm[k]) for k in BRAND_TALK})
    return out


def window_figures(ts, summary, recovery, months: float) -> dict[str, float]:
    """The observed window's figures from a run's tables."""
    start = max(float(ts["customers"].iloc[0]), 1.0)
    gained = float(ts[["new_advertising", "new_referral", "new_paid"]].to_numpy().sum())
    lost = float(ts.filter(like="lost_").to_numpy().sum())
    closed = recovery.groupby("outcome")["episodes"].sum()
    handled = float(closed[["unresolved", "resolved", "resolved_fast"]].sum())
    at_risk = float(ts["customers"].iloc[:-1].clip(lower=1.0).sum())
    figures = {
        "gained_per_customer": gained / start,
        "referral_share": float(ts["new_referral"].sum()) / gained if gained else 0.0,
        "churn_per_year": lost / start * 12.0 / months,
        "churn_per_month": lost / at_risk,
        "complaints_per_1000": float(ts["frontline_complaints"].iloc[1:].mean()) / start * 1e3,
        "escalated_per_1000": float(ts["complaints"].iloc[1:].mean()) / start * 1000.0,
        "resolved_within_week": float(closed["resolved_fast"]) / handled if handled else 0.0,
        "nps": float(summary["net_promoter"]),
    }
    levels = summary["satisfaction_levels"]
    figures.update({f"survey_{k}": float(levels[k]) for k in range(1, 6)})
    figures.update({k: float(summary[k]) for k in OUTCOMES})
    return figures


@dataclass(frozen=True)
class FigureRun:
    """One simulated market whose figures are measured (a task for any backend)."""

    run_id: str
    params: Params
    seed: int
    months: float = OBSERVATION_MONTHS
    years: int = 0          # years of cohort curve to measure (0: none)
    firm_changes: tuple = ()   # (month, firm, settings): the rivals' response


@dataclass
class Measured:
    """What a worker sends back: the run's id and its figures."""

    run_id: str
    figures: dict[str, float]


def measure_run(spec: FigureRun) -> Measured:
    """Module-level task: the figures of one run (process and Dask workers import it)."""
    return Measured(spec.run_id, market_figures(spec.params, spec.seed, spec.months,
                                                 spec.years, spec.firm_changes))


def interval(values: np.ndarray, weights: np.ndarray | None = None,
             level: float = 0.9) -> tuple[float, float]:
    """Central `level` interval of (weighted) values."""
    values = np.asarray(values, float)
    weights = np.ones_like(values) if weights is None else np.asarray(weights, float)
    order = np.argsort(values)
    cum = np.cumsum(weights[order]) / weights.sum()
    tail = (1.0 - level) / 2.0
    low = values[order][np.searchsorted(cum, tail)]
    high = values[order][min(np.searchsorted(cum, 1.0 - tail), values.size - 1)]
    return float(low), float(high)
