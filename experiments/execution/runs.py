"""One run of a sweep: `RunSpec` (id, parameters, seed, labels) and `simulate_run`,
the module-level task every backend executes (processes and Dask workers import it).

Seeds for replications come from `replication_seeds`, decided before anything is
dispatched, so results never depend on the backend, the worker count or the order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import simulation
from experiments.execution.customer_profile import customer_profile
from simulation import Params
from simulation.parameters.firms import firm_tables
from simulation.recording import flat_summary
from simulation.state import CHANNELS, CHURN_CAUSES, Population

CUSTOMER_COLUMNS = ("customer_since", "lost_at", "lost_cause", "channel", "value",
                    "referrals", "satisfaction")


def replication_seeds(seed: int, replications: int, key: tuple[int, ...] = ()) -> list[int]:
    """One seed per replication, from `SeedSequence(seed).spawn` (prefix-stable); `key`
    gives a named stream of its own (`SeedSequence(seed, spawn_key=key)`), so what one
    part of a run draws does not depend on which other parts run."""
    children = np.random.SeedSequence(seed, spawn_key=key).spawn(replications)
    return [int(c.generate_state(1, np.uint64)[0] >> 1) for c in children]


def fingerprint(*parts: Any) -> str:
    """Content hash of what made a run: a stored run is reused only if all of it matches."""
    text = json.dumps(list(parts), sort_keys=True, default=str)
    return hashlib.sha1(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class RunSpec:
    """One market run: parameters, seed, horizon, and labels that say what it is."""

    run_id: str
    params: Params
    seed: int
    months: float
    labels: dict[str, Any] = field(default_factory=dict)
    keep_customers: bool = False
    profile: bool = False
    firm_changes: tuple = ()   # (month, firm, settings): a rival's response during the run

    def fingerprint(self) -> str:
        """Content hash: a stored run is reused only if everything that made it matches
        (a run that keeps its customer profile says so, and several firms are named; a
        run that does neither hashes as before)."""
        firms = firm_tables(self.params.firms) if len(self.params.firms) > 1 else []
        profile = ["customer profile"] if self.profile else []
        return fingerprint(self.params.flat(), self.seed, self.months, self.labels,
                           self.keep_customers, *([firms] if firms else []), *profile,
                           *([self.firm_changes] if self.firm_changes else []))


@dataclass
class RunOutput:
    """What a worker sends back: one run-table row, the per-step table, and optionally
    one row per person (a sample run's customers) and the small fixed-size customer
    profile every replication of a comparison keeps (`customer_profile`)."""

    run_id: str
    row: dict[str, Any]
    steps: pd.DataFrame
    customers: pd.DataFrame | None = None
    profile: pd.DataFrame | None = None


def simulate_run(spec: RunSpec) -> RunOutput:
    """Run one market with `simulation.run` and return its tables; pure given the spec."""
    result = simulation.run(spec.params, seed=spec.seed, months=spec.months,
                            firm_changes=spec.firm_changes)
    row = run_row(spec, flat_summary(result.summary))
    steps = result.timeseries
    steps.insert(0, "run_id", spec.run_id)
    customers = customer_table(result.people, spec.run_id) if spec.keep_customers else None
    profile = None
    if spec.profile:
        profile = customer_profile(result.people, int(steps["step"].iloc[-1]),
                                   spec.params.market.step_months)
        profile.insert(0, "run_id", spec.run_id)
    return RunOutput(spec.run_id, row, steps, customers, profile)


def run_row(spec: RunSpec, summary: dict[str, Any]) -> dict[str, Any]:
    """The run table's row: id, labels, seed, version, every parameter, the summary."""
    ever = summary["customers"] + summary["lost"]
    row: dict[str, Any] = {"run_id": spec.run_id, "fingerprint": spec.fingerprint(),
                           **spec.labels, "seed": spec.seed, "horizon": spec.months,
                           "version": simulation.__version__}
    row.update(spec.params.flat())
    row.update(summary)
    row["retention"] = summary["customers"] / ever if ever else float("nan")
    if len(spec.params.firms) > 1:
        row.update(focal_firm(summary, spec.params.firm_names()[0]))
    return row


FOCAL = ("customers", "profit_npv", "market_share", "defections", "disadoptions",
         "won_from_rivals", "new_customers")


def focal_firm(summary: dict[str, Any], name: str) -> dict[str, Any]:
    """In a market of several firms a run is judged as the focal (first) firm: its
    customers, profit NPV, market share, defections and disadoptions replace the
    market's, which stay as `market_<figure>`; retention is the firm's."""
    own = {k: summary[f"firms_{name}_{k}"] for k in FOCAL}
    out = {f"market_{k}": summary[k] for k in ("customers", "profit_npv", "lost")}
    lost = own["defections"] + own["disadoptions"]
    ever = own["customers"] + lost
    return {**out, **own, "lost": lost,
            "retention": own["customers"] / ever if ever else float("nan")}


def customer_table(pop: Population, run_id: str) -> pd.DataFrame:
    """Everyone who was ever a customer: acquisition step, loss, cause, channel, CLV."""
    ever = np.flatnonzero(pop.channel >= 0)
    frame = pd.DataFrame({name: getattr(pop, name)[ever] for name in CUSTOMER_COLUMNS})
    frame["cause"] = pd.Categorical.from_codes(
        np.where(frame.lost_cause >= 0, frame.lost_cause, -1), categories=list(CHURN_CAUSES))
    frame["channel"] = pd.Categorical.from_codes(frame.channel, categories=list(CHANNELS))
    frame.insert(0, "run_id", run_id)
    frame.insert(1, "person", ever.astype(np.int32))
    return frame.drop(columns="lost_cause")
