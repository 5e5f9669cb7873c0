"""The step's counts: typed fields written as the ledger's per-step columns."""

from dataclasses import fields

import numpy as np

from simulation import CustomerModel
from simulation.levers import LEVERS
from simulation.recording.counts import StepCounts
from simulation.state import CHURN_CAUSES


def test_the_row_lists_every_count_then_one_loss_column_per_cause_then_the_levers():
    counts = StepCounts(handled=4, new_paid=2)
    counts.lost[1] = 3
    counts.levers.book("handlers", 30.0, 12.0, 4000.0)
    row = counts.as_row()
    names = [f.name for f in fields(StepCounts) if f.name not in ("lost", "levers")]
    lever_columns = [f"{k}_{what}" for what in ("bought", "used") for k in LEVERS]
    assert list(row) == names + [f"lost_{c}" for c in CHURN_CAUSES] + lever_columns
    assert row["handlers_bought"] == 30.0 and row["handlers_used"] == 12.0
    assert row["handled"] == 4 and row["new_paid"] == 2 and row[f"lost_{CHURN_CAUSES[1]}"] == 3
    assert sum(row[f"lost_{c}"] for c in CHURN_CAUSES) == 3


def test_the_ledger_has_a_column_for_every_count_and_no_other_flow(small):
    ts = CustomerModel(small, rng=2).run(3).timeseries
    assert set(StepCounts().as_row()) <= set(ts.columns)
    assert (ts.loc[1:, "episodes"] <= ts.loc[1:, "encounters"]).all()
    lost = ts[[f"lost_{c}" for c in CHURN_CAUSES]].to_numpy()
    assert lost.dtype == np.int64 and (lost[0] == 0).all()
