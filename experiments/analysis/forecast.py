"""A cohort's retention forecast from a firm's posterior: the share of today's customers
still customers at the end of each year 1..N, as the posterior median with a 90% band.

Each posterior draw is one simulated market (the firm's, shrunk to the fit population as
in calibration; seeds from `SeedSequence`, so the band does not depend on the worker
count), and the cohort is everyone who is a customer at month 0. The band therefore holds
both what is not known about the market and one market's chance; it is the spread of the
draws, not a confidence interval of the median.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.runs import replication_seeds
from simulation import CustomerModel, Params
from simulation.people_traits.cohorts import cohort_counts

BAND = (0.05, 0.95)   # a 90% band
COLUMNS = ("year", "retention", "low", "high")
FORECAST_STREAM = (7,)   # the forecast's own seed stream (`replication_seeds` key)


@dataclass(frozen=True)
class CohortRun:
    """One market from one posterior draw, run for `years`."""

    run_id: str
    params: Params
    seed: int
    years: int


@dataclass(frozen=True)
class CohortSurvival:
    run_id: str
    survival: np.ndarray   # share of the month-0 customers still customers, years 1..N


def cohort_run(spec: CohortRun) -> CohortSurvival:
    """Run one market and follow its month-0 customers year by year."""
    model = CustomerModel(spec.params, rng=spec.seed)
    steps_per_year = int(round(12 / model.dt))
    model.run(12 * spec.years)
    counts = cohort_counts(model.people, 0, steps_per_year, spec.years)
    return CohortSurvival(spec.run_id, counts[1:] / max(counts[0], 1))


@dataclass(frozen=True)
class Forecast:
    """The forecast table (year, retention, low, high: shares 0-1) and what it came from."""

    table: pd.DataFrame
    draws: int
    observed: tuple[float, ...] = ()

    def text(self) -> str:
        lines = [f"Share of today's customers still customers (posterior median and 90% "
                 f"band over {self.draws} posterior draws, each one simulated market):"]
        for row in self.table.itertuples():
            line = (f"  year {row.year}: {100 * row.retention:.1f}% "
                    f"({100 * row.low:.1f}% to {100 * row.high:.1f}%)")
            if row.year <= len(self.observed):
                seen = self.observed[row.year - 1]
                where = "inside" if row.low <= seen <= row.high else "outside"
                line += f"; observed {100 * seen:.1f}%, {where} the band"
            lines.append(line)
        return "\n".join(lines)

    def to_csv(self, path: Path) -> None:
        self.table.to_csv(path, index=False, float_format="%.6g")


def forecast_plan(market: Params, draws: pd.DataFrame, years: int, seed: int
                  ) -> list[CohortRun]:
    """One run per posterior draw (its fitted parameters set on the firm's market)."""
    seeds = replication_seeds(seed, len(draws), FORECAST_STREAM)
    return [CohortRun(f"forecast-{i}", market.replace(**row), s, years)
            for i, (row, s) in enumerate(zip(draws.to_dict("records"), seeds))]


def band(survival: np.ndarray) -> pd.DataFrame:
    """Median and 90% band per year over draws x years survival shares."""
    low, mid, high = np.quantile(survival, (BAND[0], 0.5, BAND[1]), axis=0)
    years = np.arange(1, survival.shape[1] + 1)
    return pd.DataFrame({"year": years, "retention": mid, "low": low, "high": high})


def forecast(market: Params, draws: pd.DataFrame, years: int, seed: int,
             backend: Backend | None = None, pool=None,
             observed: tuple[float, ...] = ()) -> Forecast:
    """The cohort forecast over `draws` (equally weighted posterior draws, weight dropped)."""
    draws = draws.drop(columns="weight", errors="ignore")
    specs = forecast_plan(market, draws, years, seed)
    results = execute(specs, cohort_run, backend=backend or Backend(progress=False),
                      pool=pool, desc="forecast")
    survival = np.array([r.survival for r in results])
    return Forecast(band(survival), len(specs), observed)
