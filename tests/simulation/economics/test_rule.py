"""Economics: profit = revenue - costs, retention cost (F3), discounting and CLV."""

import numpy as np
import pytest

from simulation import economics
from simulation.clock import Clock
from simulation.state import new_population


def test_profit_is_revenue_minus_every_cost(folklore):
    pop = new_population(1000, 1.0, 4.0, 0.8, np.random.default_rng(0))
    params = folklore.replace(followup_share=0.3, referral_reward=10.0, extra_spend=500.0)
    acc = economics.settle_accounts(pop, np.arange(1000), enrolled=300, handled=4, referred=7,
                                    paid_spend=900.0, params=params, clock=Clock.at(1, 1.0))
    costs = sum(getattr(acc, c) for c in economics.COSTS)
    assert acc.profit == pytest.approx(acc.revenue - costs)
    assert acc.complaint_cost == 4 * folklore.economics.complaint_cost
    assert acc.referral_reward_cost == 70.0 and acc.strategy_cost == 500.0


def test_keeping_a_customer_costs_a_fifth_of_winning_one_f3(folklore):
    yearly = economics.retention_cost_per_month(folklore) * 12
    assert yearly == pytest.approx(0.2 * folklore.acquisition.cac)


def test_satisfied_customers_spend_more(folklore):
    spend = economics.spend_multiplier(np.array([1.0, 3.0, 5.0]), 0.2)
    np.testing.assert_allclose(spend, [0.8, 1.0, 1.2])


def test_discounting_and_clv_accumulate(folklore):
    assert economics.discount_factor(folklore, 12.0) == pytest.approx(1 / 1.1)
    pop = new_population(10, 1.0, 3.0, 0.8, np.random.default_rng(0))
    economics.settle_accounts(pop, np.arange(10), enrolled=0, handled=0, referred=0,
                              paid_spend=0.0, params=folklore,
                              clock=Clock(step=12, start=11.5, end=12.5, mid=12.0, dt=1.0))
    e = folklore.economics
    assert pop.value[0] == pytest.approx(e.revenue_per_month * e.gross_margin / 1.1, rel=1e-5)
