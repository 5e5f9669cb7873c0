"""The run's table from the ledger's rows: the columns and types pandas gives a list of
rows, built from per-column arrays; the summary's sums are those of the table."""

import numpy as np
import pandas as pd
import pytest

from simulation import CustomerModel
from simulation.recording import Ledger
from simulation.state import CHURN_CAUSES


def table_from_rows(rows: list[dict]) -> pd.DataFrame:
    """The table as pandas infers it from the rows: gaps and NaN as 0, losses as counts,
    NPV the running sum of discounted profit."""
    frame = pd.DataFrame(rows).fillna(0.0)
    lost = [f"lost_{c}" for c in CHURN_CAUSES]
    frame[lost] = frame.reindex(columns=lost, fill_value=0).to_numpy(np.int64)
    frame["npv"] = frame["discounted_profit"].cumsum()
    return frame


def test_a_runs_table_is_what_pandas_makes_of_its_rows(small):
    model = CustomerModel(small, rng=4).run(6)
    pd.testing.assert_frame_equal(model.timeseries, table_from_rows(model.ledger.rows),
                                  check_exact=True)


@pytest.mark.parametrize("missing", [False, True])
def test_whole_numbers_stay_integers_and_gaps_or_nan_become_zero(missing):
    ledger = Ledger()
    ledger.rows = [{"step": 0, "month": 0.0, "customers": 5, "satisfaction_mean": np.nan},
                   {"step": 1, "month": 1.0, "customers": 4, "satisfaction_mean": 3.25,
                    "handled": 2, "revenue": 1.5, "discounted_profit": 0.5, "lost_death": 1},
                   {"step": 2, "month": 2.0, "customers": 4, "satisfaction_mean": 3.5,
                    "handled": 3, "revenue": 2, "discounted_profit": 0.25, "lost_death": 0}]
    if missing:
        del ledger.rows[2]["revenue"]
    table = ledger.table()
    pd.testing.assert_frame_equal(table, table_from_rows(ledger.rows), check_exact=True)
    assert table["customers"].dtype == np.int64 and table["handled"].dtype == np.float64
    assert table["satisfaction_mean"].tolist() == [0.0, 3.25, 3.5]
    assert table["npv"].tolist() == [0.0, 0.5, 0.75]
    assert list(ledger.columns()) == list(table.columns)
