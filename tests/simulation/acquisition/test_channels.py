"""Acquisition channel: a referred customer's expectation and tie, the channel table."""

import numpy as np
import pytest

from simulation import CustomerModel
from simulation.acquisition import Adoptions, channels
from simulation.state import ACTIVE, CHANNEL, LOST, new_population


def market(n=10):
    return new_population(n, 0.0, 4.0, 0.7, np.random.default_rng(0))


def test_referred_customers_take_their_referrers_expectation_and_tie(folklore):
    pop = market()
    pop.expectation[0] = 0.55  # the referrer has learned what service is really like
    new = Adoptions(advertising=np.array([3]), referral=np.array([1, 2]), paid=np.array([4]),
                    paid_spend=0.0)
    channels.settle_in(pop, new, np.array([0, 0]), folklore)
    a = folklore.attitude
    assert (pop.referrer[[1, 2]] == 0).all() and pop.referrer[3] == -1
    assert np.allclose(pop.expectation[[1, 2]], 0.55)
    assert np.allclose(pop.expectation[[3, 4]], 0.7 + a.marketing_promise_gap)
    assert np.allclose(pop.attitude[[1, 2]], a.referral_attitude)
    assert np.allclose(pop.attitude[[3, 4]], a.customer_attitude)


def test_the_tie_holds_only_while_the_referrer_stays(folklore):
    pop = market()
    pop.status[:4] = ACTIVE
    pop.referrer[[1, 2]] = [0, 3]
    pop.status[3] = LOST
    scale = channels.better_deal_scale(pop, np.array([0, 1, 2]), folklore)
    assert list(scale) == [1.0, folklore.attitude.referral_tie_hazard_ratio, 1.0]


def test_channel_table_counts_value_retention_and_referrals():
    pop = market(6)
    pop.channel[:] = [CHANNEL["paid"]] * 3 + [CHANNEL["referral"]] * 3
    pop.customer_since[:] = [0, 0, 20, 0, 0, 0]
    pop.status[:] = [LOST, ACTIVE, ACTIVE, ACTIVE, ACTIVE, ACTIVE]
    pop.lost_at[0] = 6  # left within 12 months
    pop.value[:] = [1, 2, 3, 4, 5, 6]
    pop.referrals[:] = [0, 0, 3, 1, 1, 1]
    table = channels.channel_table(pop, step_months=1.0, now_step=24)
    assert table["paid"]["customers"] == 3 and table["paid"]["mean_value"] == pytest.approx(2)
    assert table["paid"]["retention_12m"] == pytest.approx(0.5)  # of the two joined >= 12 ago
    assert table["referral"]["retention_12m"] == 1.0
    assert table["referral"]["referrals_per_customer"] == 1.0
    assert table["advertising"]["retention_12m"] is None


def test_run_summary_reports_each_channel(small):
    summary = CustomerModel(small, rng=2).run(24).summary()
    for name in ("initial", "advertising", "paid", "referral"):
        row = summary["channels"][name]
        assert set(row) == {"customers", "mean_value", "retention_12m", "referrals_per_customer"}
    assert summary["channels"]["referral"]["customers"] == summary["acquisitions"]["referral"]
