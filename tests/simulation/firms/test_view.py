"""One firm's view of a run with rivals: the firms' own step rows, complaint outcomes and
survey add up to the market's, and each firm's summary is its own."""

import numpy as np
import pytest

from simulation import CustomerModel, Params
from simulation.firms.view import firm_levels, firm_view
from simulation.parameters.firms import FirmSetting
from simulation.state import CHURN_CAUSES

SMALL = Params.preset("folklore").replace(population=1500)
FLOWS = ("new_advertising", "new_referral", "new_paid", "complaints",
         "frontline_complaints", *(f"lost_{c}" for c in CHURN_CAUSES))


def two_firms(seed):
    params = SMALL.with_firms((FirmSetting("A"),
                               FirmSetting("B", (("reliability", 0.95),
                                                 ("initial_customer_share", 0.1)))))
    return CustomerModel(params, rng=seed).run(12)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_firms_own_rows_add_up_to_the_markets(seed):
    model = two_firms(seed)
    views = [firm_view(model, k) for k in range(2)]
    market = model.timeseries
    for column in (*FLOWS, "customers"):
        total = sum(v[0][column].to_numpy() for v in views)
        assert (total == market[column].to_numpy()).all(), column
    episodes = sum(v[2]["episodes"].to_numpy() for v in views)
    assert (episodes == model.ledger.recovery_table()["episodes"].to_numpy()).all()


@pytest.mark.parametrize("seed", [1, 2])
def test_each_firms_survey_is_its_customers_and_together_the_markets(seed):
    model = two_firms(seed)
    summaries = [firm_view(model, k)[1] for k in range(2)]
    customers = [s["customers"] for s in summaries]
    market = model.summary()
    for level in range(1, 6):
        pooled = sum(s["satisfaction_levels"][level] * n for s, n in zip(summaries, customers))
        assert pooled / sum(customers) == pytest.approx(market["satisfaction_levels"][level])
    # the more reliable rival's customers are happier than the focal firm's
    assert summaries[1]["net_promoter"] > summaries[0]["net_promoter"]
    assert sum(firm_levels(model.people, 0).values()) == pytest.approx(1.0)


def test_a_firms_money_is_its_own_book():
    model = two_firms(4)
    firms = model.summary()["firms"]
    for k in range(2):
        summary = firm_view(model, k)[1]
        assert summary["profit_npv"] == firms[k]["profit_npv"]
        assert summary["market_share"] == firms[k]["market_share"]
    total = sum(firm_view(model, k)[1]["revenue"] for k in range(2))
    assert total == pytest.approx(model.summary()["revenue"])
    assert np.isfinite(firm_view(model, 0)[1]["mean_clv"])
