"""What losing one customer really costs, once the word-of-mouth ripple is counted.

One market is run to `at_month`, then copied exactly (same state, same random
streams): the control copy goes on unchanged; in the others a random set of `k`
active customers is lost, either quietly (they move away: no word of mouth) or as
enemies (staff indifference: they leave angry and campaign against the firm). The
difference to the control, per lost customer, splits into the customers' own margin,
the referrals they would have brought, and the rest: customers lost or not won
through word of mouth. After the loss the random streams diverge (different array
sizes), so single pairs are noisy; losing k customers at once and averaging over
replications gives a usable confidence interval.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from experiments.analysis.stats import clear_of_zero, t_interval
from experiments.analysis.trace import bad_experience
from experiments.errors import UsageError
from experiments.execution.backends import Backend
from experiments.execution.runner import execute
from experiments.execution.runs import RunOutput, fingerprint, replication_seeds
from experiments.execution.storage import ResultStore
from experiments.scenarios.scenario import Scenario
from simulation import CustomerModel, Params
from simulation.churn import mark_lost
from simulation.state import CAUSE, CHANNEL
from simulation.strategies import apply_strategy

VARIANTS = ("quiet", "enemy")
PARTS = ("own_margin", "referral_value", "wom_ripple", "total")   # the profit NPV lost, split
MEASURES = (*PARTS, "customers", "not_won", "friends_followed", "negative_messages")
FIRST_PERIOD_MONTHS = 12
F10_RATIO = 10.0   # F10: one lost customer takes ten new ones to make up


@dataclass(frozen=True)
class LossSpec:
    """One replication: market, seed, when and how many customers are lost."""

    run_id: str
    params: Params
    seed: int
    months: float
    at_month: float
    customers: int
    labels: dict[str, Any] = field(default_factory=dict)

    def fingerprint(self) -> str:
        return fingerprint(self.params.flat(), self.seed, self.months, self.at_month,
                           self.customers, self.labels)


def lose(model: CustomerModel, who: np.ndarray, variant: str) -> None:
    """Remove `who` from the market now, quietly or as campaigning enemies."""
    pop = model.people
    if variant == "quiet":
        mark_lost(pop, who, CAUSE["moving"], model.steps)
        return
    mark_lost(pop, who, CAUSE["staff_indifference"], model.steps)
    bad_experience(pop, who)


def simulate_loss(spec: LossSpec) -> RunOutput:
    """Control and loss runs of one replication; one row of per-variant results."""
    control = CustomerModel(spec.params, rng=spec.seed).run(spec.at_month)
    pick = np.random.default_rng(np.random.SeedSequence([spec.seed, 1]))
    active = control.active()
    who = np.sort(pick.choice(active, min(spec.customers, active.size), replace=False))
    variants = {v: copy.deepcopy(control) for v in VARIANTS}
    for variant, model in variants.items():
        lose(model, who, variant)
    start = _snapshot(control)
    first_year, window = _run_control(control, spec.months - spec.at_month)
    row: dict[str, Any] = {"run_id": spec.run_id, "fingerprint": spec.fingerprint(),
                           **spec.labels, "seed": spec.seed, "at_month": spec.at_month,
                           "window_months": spec.months - spec.at_month,
                           "lost_customers": int(who.size), "first_year_value": first_year,
                           "window_value": window}
    steps = [_trace(control, "control", start["step"])]
    for variant, model in variants.items():
        model.run(spec.months - spec.at_month)
        parts = decompose(control, model, who, start)
        row.update({f"{variant}_{k}": v for k, v in parts.items()})
        steps.append(_trace(model, variant, start["step"]))
    frame = pd.concat(steps, ignore_index=True)
    frame.insert(0, "run_id", spec.run_id)
    return RunOutput(spec.run_id, row, frame)


def _snapshot(model: CustomerModel) -> dict[str, Any]:
    ts = model.timeseries
    return {"step": model.steps, "npv": float(ts["npv"].iloc[-1]),
            "value": model.people.value.copy(), "referrals": model.people.referrals.copy()}


def _run_control(control: CustomerModel, months: float) -> tuple[float, float]:
    """Run the control on; return the mean discounted margin a customer won in the first
    step after the loss earns in its first year, and in the rest of the run (the same
    window as the loss is measured over: F10 compared like with like)."""
    cohort_step = control.steps + 1
    last = cohort_step + int(round(FIRST_PERIOD_MONTHS / control.dt)) - 1
    steps = int(round(months / control.dt))
    first_year = float("nan")
    for i in range(steps):
        control.step()
        if control.steps == last or (i == steps - 1 and control.steps < last):
            first_year = _cohort_value(control, cohort_step, first_year)
    return first_year, _cohort_value(control, cohort_step, float("nan"))


def _cohort_value(model: CustomerModel, step: int, default: float) -> float:
    cohort = np.flatnonzero(model.people.customer_since == step)
    return float(model.people.value[cohort].mean()) if cohort.size else default


def decompose(control: CustomerModel, lossy: CustomerModel, who: np.ndarray,
              start: dict[str, Any]) -> dict[str, float]:
    """Profit NPV lost to the loss, split into own margin, referrals and the rest."""
    c, v, s = control.people, lossy.people, start["step"]
    total = float(control.timeseries["npv"].iloc[-1] - lossy.timeseries["npv"].iloc[-1])
    own = float((c.value[who] - v.value[who]).sum())
    referrals = float((c.referrals[who] - v.referrals[who]).sum())
    referred = (c.channel == CHANNEL["referral"]) & (c.customer_since > s)
    per_referral = float((c.value[referred] - start["value"][referred]).mean()) \
        if referred.any() else 0.0
    after = slice(s + 1, None)
    cts, vts = control.timeseries.iloc[after], lossy.timeseries.iloc[after]
    new = ["new_advertising", "new_referral", "new_paid"]
    return {"own_margin": own, "referrals": referrals,
            "referral_value": referrals * per_referral,
            "wom_ripple": total - own - referrals * per_referral, "total": total,
            "customers": float(control.timeseries["customers"].iloc[-1]
                               - lossy.timeseries["customers"].iloc[-1]),
            "not_won": float(cts[new].to_numpy().sum() - vts[new].to_numpy().sum()),
            "friends_followed": float(vts["lost_friend_recommendation"].sum()
                                      - cts["lost_friend_recommendation"].sum()),
            "negative_messages": float(vts["negative_messages"].sum()
                                       - cts["negative_messages"].sum())}


def _trace(model: CustomerModel, variant: str, start: int) -> pd.DataFrame:
    ts = model.timeseries.iloc[start:][["step", "month", "customers", "npv"]].copy()
    ts.insert(0, "variant", variant)
    return ts


def loss_plan(scenario: Scenario) -> list[LossSpec]:
    """One `LossSpec` per replication, under the scenario's first strategy."""
    spec = scenario.lost_customer
    if spec.at_month >= scenario.months:
        raise UsageError(f"{scenario.source}: lost_customer.at_month = {spec.at_month:g} must be "
                         f"before the horizon ({scenario.months:g} months)")
    label, strategy = next(iter(scenario.strategies.items()))
    params = apply_strategy(scenario.params, strategy)
    seeds = replication_seeds(scenario.seed, spec.replications)
    return [LossSpec(f"loss-r{r:03d}", params, seed, scenario.months, spec.at_month,
                     spec.customers, {"replication": r, "strategy": label})
            for r, seed in enumerate(seeds)]


def run_lost_customer(scenario: Scenario, root: Path, backend: Backend) -> pd.DataFrame:
    """Run (or resume) the replications under `root`/lost_customer; the run table."""
    specs = loss_plan(scenario)
    store = ResultStore(root / "lost_customer")
    store.prepare("lost_customer", specs, {"scenario": scenario.describe(),
                                           "lost_customer": dataclasses.asdict(
                                               scenario.lost_customer)})
    execute(specs, simulate_loss, backend=backend, store=store, desc="lost customer")
    return store.runs()


def per_customer(runs: pd.DataFrame) -> pd.DataFrame:
    """Each part's mean per lost customer with a 95% CI over replications."""
    rows = []
    for variant in VARIANTS:
        for part in MEASURES:
            values = runs[f"{variant}_{part}"] / runs["lost_customers"]
            mean, low, high = t_interval(values.to_numpy())
            rows.append({"variant": variant, "part": part, "mean": mean, "ci_low": low,
                         "ci_high": high})
    return pd.DataFrame(rows)


def f10_check(runs: pd.DataFrame) -> pd.DataFrame:
    """Loss per lost customer in new customers: the profit NPV lost over the months from the
    loss to the horizon, over what a customer won just after the loss earns in those same
    months (like with like; older results without it fall back to the first year)."""
    same_window = "window_value" in runs and runs["window_value"].notna().any()
    new_value = float(np.nanmean(runs["window_value" if same_window else "first_year_value"]))
    window = float(runs["window_months"].iloc[0]) if "window_months" in runs else np.nan
    rows = []
    for variant in VARIANTS:
        values = runs[f"{variant}_total"] / runs["lost_customers"] / new_value
        mean, low, high = t_interval(values.to_numpy())
        rows.append({"variant": variant, "new_customer_value": new_value, "ratio": mean,
                     "ci_low": low, "ci_high": high, "verdict": f10_verdict(low, high),
                     "window_months": window if same_window else 12.0,
                     "same_window": same_window})
    return pd.DataFrame(rows)


def f10_verdict(low: float, high: float) -> str:
    """The ten-new-customers rule's verdict in words (F10 in docs/figures.md), or none when
    the interval cannot tell the loss from zero."""
    if not clear_of_zero(low, high):
        return ("within noise: these replications cannot tell the loss from none, "
                "so the rule is not tested")
    if low <= F10_RATIO <= high:
        return "consistent with the rule"
    return "the rule overstates the loss" if high < F10_RATIO else "the rule understates the loss"
