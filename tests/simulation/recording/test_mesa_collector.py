"""Mesa's own tools on the model: `model.datacollector` and `mesa.batch_run`."""

from __future__ import annotations

import multiprocessing

import mesa
import numpy as np
import pandas as pd
import pytest

from simulation import CustomerModel


@pytest.fixture
def keep_start_method():
    """batch_run forces the 'spawn' start method process-wide; put it back afterwards."""
    method = multiprocessing.get_start_method(allow_none=True)
    yield
    multiprocessing.set_start_method(method, force=True)


def test_batch_run_returns_one_tidy_row_per_run_and_step(keep_start_method):
    rows = mesa.batch_run(CustomerModel,
                          parameters={"population": 300, "complaint_prob": [0.02, 0.5]},
                          rng=[1, 2], max_steps=6, data_collection_period=1,
                          display_progress=False)
    frame = pd.DataFrame(rows)
    assert len(frame) == 2 * 2 * 7            # runs x (month 0 + six steps)
    assert sorted(frame.Step.unique()) == list(range(7))
    assert {"customers", "complaints", "npv", "complaint_prob", "month"} <= set(frame.columns)
    # Each row is the ledger of that run: rebuild one run by hand and compare.
    one = frame[(frame.complaint_prob == 0.5) & (frame.rng == 2)].set_index("Step")
    model = CustomerModel(population=300, complaint_prob=0.5, rng=2).run(6)
    ts = model.timeseries.set_index("step")
    for column in ("customers", "complaints", "negative_messages", "npv"):
        assert np.allclose(one[column].to_numpy(float), ts[column].to_numpy(float)), column
    # More complaining shows in Mesa's rows as it does in the model.
    totals = frame.groupby("complaint_prob").complaints.sum()
    assert totals[0.5] > 3 * totals[0.02]


def test_the_collector_is_off_the_hot_path_and_catches_up_when_read():
    model = CustomerModel(population=300, rng=4).run(3)
    assert "_mesa_collector" not in model.__dict__      # stepping never touched it
    first = model.datacollector.get_model_vars_dataframe()
    model.run(2)
    later = model.datacollector.get_model_vars_dataframe()
    assert len(first) == 4 and len(later) == 6
    pd.testing.assert_frame_equal(later.iloc[:4], first, check_dtype=False)
    assert model.datacollector._collection_steps == list(range(6))
    assert later.customers.tolist() == model.timeseries.customers.tolist()


def test_columns_that_appear_after_month_zero_are_back_filled():
    model = CustomerModel(population=300, rng=4)
    assert len(model.datacollector.get_model_vars_dataframe()) == 1   # read before stepping
    model.run(2)
    frame = model.datacollector.get_model_vars_dataframe()
    assert frame.complaints.iloc[0] == 0 and len(frame.complaints) == 3
