"""What each lever's money buys: its ceiling, break-even unit cost, cost per extra customer
and return on spend, each from paired replications with a 95% CI.

Read from run tables (one row per strategy x replication): the comparison's runs at the
scenario's prices, and the same strategies with money to spare ("ceiling" runs: budget x
`CEILING_BUDGET`, enough units for every complaint, customer or prospect the lever can
act on). Each lever's own spend is one cost line (`SPEND`; the others book theirs as
strategy cost), so a lever's gross value (what its units did, including what it changed
in other costs) is its profit gain plus its extra own spend:
- ceiling: the gross value with money to spare, i.e. the lever free and unlimited;
- return on spend: profit gain / extra spend;
- break-even unit cost: the unit price at which the units used at today's price would
  exactly pay for themselves, price x gross value / spend;
- cost per extra customer: extra spend / extra customers at the end (kept or won), only
  where the change in customers is outside noise;
- extra complaints abandoned: complaints given up unresolved after waiting, the sign
  that what a lever uncovers overflows the handlers bought.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.analysis.compare import compare_plan, wide
from experiments.analysis.stats import clear_of_zero, t_interval
from experiments.execution.backends import Backend, Pool
from experiments.execution.runner import execute
from experiments.execution.storage import ResultStore
from experiments.scenarios.scenario import Scenario
from simulation import Params
from simulation.parameters.fields import sourced
from simulation.parameters.params import FIELD_GROUP
from simulation.strategies import Strategy

SPEND = {"acquisition": "acquisition_cost", "follow_up": "retention_cost",
         "referral_incentive": "referral_reward_cost"}   # the rest: strategy_cost
CEILING_BUDGET = 100.0
UNIT = {"fast_resolution": ("handler_cost_per_month", "a handler-month"),
        "front_line": ("empowerment_cost_per_complaint", "an empowered front-line complaint"),
        "easier_complaining": ("solicit_cost_per_complaint", "a complaint drawn out"),
        "service_quality": ("quality_point_cost", "a quality point for 100 customer-months"),
        "acquisition": ("cac", "a paid customer"),
        "save_desk": ("save_offer_cost", "a save offer"),
        "follow_up": (None, "a month of follow-up for 100 customers")}
PER_HUNDRED = ("service_quality", "follow_up")   # units of a few cents, quoted per 100
COLUMNS = ("strategy", "unit", "unit_price", "price_source", "readout", "mean", "ci_low",
           "ci_high", "within_noise", "replications")


@dataclass(frozen=True)
class LeverReadout:
    """Per lever, each readout with its CI, as a tidy table."""

    table: pd.DataFrame

    def rows(self, strategy: str) -> pd.DataFrame:
        return self.table[self.table["strategy"] == strategy].set_index("readout")


def unit_price(params: Params, strategy_name: str) -> float | None:
    """What one unit of the lever costs in `params` (None for levers without one)."""
    field, _ = UNIT.get(strategy_name, (None, ""))
    scale = 100.0 if strategy_name in PER_HUNDRED else 1.0
    if strategy_name == "follow_up":
        return scale * params.economics.retention_cost_ratio * params.acquisition.cac / 12.0
    return None if field is None else scale * float(params.flat()[field])


def price_source(params: Params, strategy_name: str) -> str:
    """Where the lever's unit price comes from: its declared default (the declaration's
    source: a citation or "assumption" with its plausible range) or a value set for this
    market."""
    field = {"follow_up": "retention_cost_ratio"}.get(strategy_name,
                                                      UNIT.get(strategy_name, (None,))[0])
    if field is None:
        return ""
    group = getattr(params, FIELD_GROUP[field])
    declared = next(f for f in dataclasses.fields(group) if f.name == field)
    if getattr(group, field) == declared.default:
        return f"default: {sourced(declared)}"
    return "set for this market"


def ceiling_strategies(strategies: dict[str, Strategy]) -> dict[str, Strategy]:
    """The strategies with money to spare (the baseline as it is, for pairing)."""
    return {label: replace(s, budget=s.budget * CEILING_BUDGET)
            for label, s in strategies.items()}


def _paired(runs: pd.DataFrame, column: str, a: str, b: str) -> np.ndarray:
    table = wide(runs, column)[[a, b]].dropna()
    return (table[a] - table[b]).to_numpy()


def spend(runs: pd.DataFrame, a: str, b: str, strategy_name: str) -> np.ndarray:
    """Per replication, the extra discounted spend of lever `a` over `b` on its own line."""
    line = SPEND.get(strategy_name, "strategy_cost")
    return _paired(runs, f"npv_parts_{line}", a, b)


def _row(label: str, priced: tuple, readout: str, values: np.ndarray) -> dict:
    values = np.asarray(values, float)
    values = values[np.isfinite(values)]
    mean, low, high = t_interval(values)
    price, unit, source = priced
    return {"strategy": label, "unit": unit, "unit_price": price, "price_source": source,
            "readout": readout,
            "mean": mean, "ci_low": low, "ci_high": high,
            "within_noise": not clear_of_zero(low, high), "replications": int(values.size)}


def lever_readouts(runs: pd.DataFrame, ceiling_runs: pd.DataFrame | None,
                   strategies: dict[str, Strategy], params: Params,
                   baseline: str = "baseline") -> LeverReadout:
    """Every non-baseline strategy's readouts against `baseline` (paired)."""
    rows = []
    for label, strategy in strategies.items():
        if strategy.name == "baseline" or label not in set(runs["strategy"]):
            continue
        price, unit = unit_price(params, strategy.name), UNIT.get(strategy.name, (None, ""))[1]
        priced = (price, unit, price_source(params, strategy.name))
        rows += _lever_rows(runs, ceiling_runs, (label, strategy.name), baseline, priced)
    return LeverReadout(pd.DataFrame(rows, columns=list(COLUMNS)))


def _lever_rows(runs, ceiling_runs, lever, baseline, priced) -> list[dict]:
    label, name = lever
    price = priced[0]
    gain = _paired(runs, "profit_npv", label, baseline)
    paid = spend(runs, label, baseline, name)
    kept = _paired(runs, "customers", label, baseline)
    row = lambda readout, values: _row(label, priced, readout, values)  # noqa: E731
    with np.errstate(divide="ignore", invalid="ignore"):
        out = [row("profit_gain", gain), row("spend", paid),
               row("return_on_spend", np.where(paid > 0, gain / paid, np.nan)),
               row("extra_customers", kept)]
        if price is not None:
            out.append(row("break_even_unit_cost",
                           np.where(paid > 0, price * (gain + paid) / paid, np.nan)))
        if "abandoned" in runs:   # complaints given up unresolved in the queue
            out.append(row("extra_abandoned", _paired(runs, "abandoned", label, baseline)))
        customers = out[3]
        if not customers["within_noise"] and customers["mean"] > 0:
            out.append(row("cost_per_extra_customer", paid / np.where(kept > 0, kept, np.nan)))
    if ceiling_runs is not None and label in set(ceiling_runs["strategy"]):
        value = (_paired(ceiling_runs, "profit_npv", label, baseline)
                 + spend(ceiling_runs, label, baseline, name))
        out.append(row("ceiling", value))
    return out


def run_ceilings(scenario: Scenario, root: Path, backend: Backend,
                 pool: Pool | None = None) -> pd.DataFrame:
    """Run (or resume) the scenario's strategies with money to spare under
    `root`/ceiling, on the comparison's seeds; the run table."""
    specs = compare_plan(scenario, prefix="ceiling-", keep_customers=False,
                         strategies=ceiling_strategies(scenario.strategies))
    store = ResultStore(root / "ceiling")
    store.prepare("compare", specs, {"scenario": scenario.describe()})   # a comparison too
    execute(specs, backend=backend, store=store, pool=pool, desc="ceilings")
    return store.runs()


def baseline_label(strategies: dict[str, Strategy]) -> str | None:
    """The strategy levers are measured against (no extra spending), if the scenario has it."""
    return next((k for k, s in strategies.items() if s.name == "baseline"), None)


def ceiling_runs_planned(scenario: Scenario) -> int:
    """Runs the ceilings need (none without a baseline to measure against)."""
    if baseline_label(scenario.strategies) is None:
        return 0
    return len(scenario.strategies) * scenario.replications
