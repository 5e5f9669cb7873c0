"""Levers bought in units: expectations anchored to the market norm (so every RATER
dimension counts), complaint handlers whose capacity sets the wait, an empowered front
line, complaints drawn out of the silent, and no front line where there is none."""

import numpy as np
import pytest

from experiments.scenarios.scenario import scenario_from_dict
from experiments.scenarios.table import ScenarioError
from simulation import CustomerModel, Params, complaints, levers, service
from simulation.clock import Clock
from simulation.complaints import front_line
from simulation.state import new_population
from simulation.strategies import Strategy, apply_strategy

RATER_BY_WEIGHT = ("reliability", "responsiveness", "assurance", "empathy", "tangibles")


def test_expectations_start_at_the_market_norm_not_at_the_firms_quality(folklore):
    better = folklore.replace(tangibles=1.0, market_norm=0.7, population=500)
    model = CustomerModel(better, rng=1)
    assert np.allclose(model.people.expectation, 0.7)


@pytest.mark.parametrize("pull", [0.0, 0.1])
def test_quality_above_the_norm_keeps_pleasing_while_expectations_recall_it(folklore, pull):
    """No failures, no noise, quality above a norm of 0.8: after two years expectations
    have learnt the firm except for the monthly pull back to the norm. With one update a
    month the gap left is (1 - l) p / (1 - (1 - l)(1 - p)) of quality - norm (l = 0.2
    learning, p the pull): 0 without a pull, 0.29 at 0.1; Poisson visits make it a little
    smaller, hence the range 0.2-0.32."""
    params = folklore.replace(max_failure_prob=0.0, perception_noise=0.0, empathy=1.0,
                              assurance=1.0, tangibles=1.0, responsiveness=1.0,
                              norm_pull=pull, market_norm=0.8)
    above = service.rater_score(params) - 0.8
    rng = np.random.default_rng(0)
    pop = new_population(2000, 1.0, 4.0, 0.8, rng)
    for _ in range(24):
        service.serve_customers(pop, np.arange(pop.n), params, Clock.at(1, 1.0), rng)
    left = (service.rater_score(params) - pop.expectation.mean()) / above
    scale = params.service.disconfirmation_scale
    if pull == 0.0:
        assert left < 0.02
        assert pop.satisfaction.mean() == pytest.approx(4.0, abs=0.05)
    else:
        assert 0.2 < left < 0.32
        assert pop.satisfaction.mean() > 4.0 + 0.15 * above / scale


def test_each_rater_dimension_counts_by_its_importance_weight(folklore):
    """The same spend on each dimension: the profit gain (paired with a run without it,
    same seed) falls in the order of the importance weights (Zeithaml, Parasuraman &
    Berry). A market where word of mouth, churn and paid acquisition are off, so the
    gain is the satisfaction the quality buys; the order must hold in each of four seeds
    (measured gaps between neighbours ~70-400 against paired noise of a few)."""
    market = folklore.replace(population=3000, churn_enabled=False, positive_tell_rate=0.0,
                              paid_budget=0.0, advertising_rate=0.0)
    for seed in range(4):
        base = CustomerModel(market, rng=seed).run(24).summary()["profit_npv"]
        gains = [CustomerModel(apply_strategy(market, Strategy("service_quality", 1000, d)),
                               rng=seed).run(24).summary()["profit_npv"] - base
                 for d in RATER_BY_WEIGHT]
        assert all(a > b for a, b in zip(gains, gains[1:])), (seed, gains)


def test_folklore_has_no_front_line_so_books_no_front_line_cost(folklore):
    runs = {name: CustomerModel(p.replace(population=2000), rng=3).run(12).timeseries
            for name, p in (("folklore", folklore), ("evidence", Params.preset("evidence")))}
    assert runs["folklore"]["frontline_cost"].sum() == 0
    assert runs["folklore"]["frontline_complaints"].sum() == 0
    assert runs["evidence"]["frontline_cost"].sum() > 0
    assert runs["folklore"]["complaints"].sum() > 0   # complaints still reach the queue


def test_waiting_follows_load_arrivals_against_capacity():
    waits = [complaints.queue_wait_days(a, 100, 1.0) for a in (0, 10, 50, 90, 200)]
    assert waits[0] == 0.0
    assert all(a < b for a, b in zip(waits, waits[1:]))
    # M/M/1 at half load: one mean service interval (30.4 days / 100 complaints)
    assert waits[2] == pytest.approx(complaints.DAYS_PER_MONTH / 100)
    assert complaints.queue_wait_days(5, 0, 1.0) == float("inf")


def test_hired_handlers_set_the_capacity(folklore):
    params = folklore.replace(capacity_per_1000=5.0, extra_handlers=2.0)
    per = params.costs.handler_complaints_per_month
    assert levers.handler_capacity(params, 2000, 1.0) == pytest.approx(10 + 2 * per)
    assert levers.hired_handlers(params, 0.5) == pytest.approx(
        (per, params.costs.handler_cost_per_month))


def quick_share(params, seeds=(1, 2, 3)):
    fast = total = 0
    for seed in seeds:
        table = CustomerModel(params, rng=seed).run(12).ledger.recovery_table()
        by = table.groupby("outcome")["episodes"].sum()
        fast += by["resolved_fast"]
        total += by["resolved_fast"] + by["resolved"]
    return fast / total


def test_handlers_buy_speed_only_where_the_queue_binds(folklore):
    """A queue at about twice its capacity: hiring a handler raises the share of
    resolutions that are quick (F9) by far more than its binomial noise (~0.02 here)."""
    busy = folklore.replace(population=3000, complaint_prob=0.5, capacity_per_1000=20.0,
                            resolution_days=2.0)
    hired = apply_strategy(busy, Strategy("fast_resolution", 4000))
    assert quick_share(hired) > quick_share(busy) + 0.15


def test_empowered_agents_settle_their_share_and_only_the_complaints_bought(folklore):
    params = folklore.replace(frontline_resolution_share=0.6, escalation_share=0.2)
    n = 40_000
    pop = new_population(n, 1.0, 2.0, 0.8, np.random.default_rng(0))
    out = front_line.take_complaints(pop, np.arange(n), params, Clock.at(4, 1.0),
                                     np.random.default_rng(0), empowered=n // 2)
    settled = np.isin(np.arange(n), out.resolved)
    # binomial shares over 20,000 complaints each: SE < 0.0035; 4 SE
    assert settled[: n // 2].mean() == pytest.approx(0.9, abs=0.014)
    assert settled[n // 2:].mean() == pytest.approx(0.6, abs=0.014)


def test_solicited_complaints_come_from_the_silent_and_join_the_queue(folklore):
    episodes = np.arange(1000)
    rng = np.random.default_rng(0)
    complainers, silent, drawn = complaints.speak_up(episodes, episodes[:0], folklore, rng,
                                                     solicit=300)
    assert drawn == 300 and complainers.size + silent.size == 1000
    assert complainers.size > 300   # the 1 in 25 who would have spoken anyway, too
    params = apply_strategy(folklore.replace(population=2000),
                            Strategy("easier_complaining", 1000))
    more = CustomerModel(params, rng=2).run(6)
    base = CustomerModel(folklore.replace(population=2000), rng=2).run(6)
    assert more.timeseries["complaints"].sum() > base.timeseries["complaints"].sum()
    units = more.summary()["levers"]
    assert units["solicited_used"] + units["solicited_idle"] == units["solicited_bought"]


NEW_FIELDS = [("handler_cost_per_month", 0), ("handler_complaints_per_month", -1),
              ("empowerment_cost_per_complaint", -2), ("empowered_resolution_share", 1.5),
              ("solicit_cost_per_complaint", -1), ("quality_point_cost", 0),
              ("market_norm", 2), ("norm_pull", -0.1), ("paid_saturation", 9),
              ("extra_handlers", -1), ("frontline_budget", -1), ("solicit_budget", -1),
              ("quality_spend", -1)]


@pytest.mark.parametrize("key, value", NEW_FIELDS)
def test_bad_prices_and_capacities_are_one_line_naming_file_key_value_and_range(key, value):
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict({"name": "x", "parameters": {key: value},
                            "strategies": [{"name": "baseline"}]}, where="x.toml")
    message = str(err.value)
    assert "\n" not in message and message.startswith("x.toml: ")
    assert key in message and repr(float(value)) in message and "between" in message


@pytest.mark.parametrize("capacity", [5.0, 1000.0])
def test_follow_up_overflows_too_few_handlers_and_only_then_costs_customers(folklore,
                                                                           capacity):
    """Follow-up sends the silent unhappy it finds to the management queue. With
    folklore's handlers (5 a month per 1,000 customers) they overflow it: complaints are
    given up unresolved and the firm ends with fewer customers; with handlers to spare
    none are given up and follow-up never lowers customers (no awakening effect is
    modelled). Four seeds, each paired with its own run without follow-up; measured
    differences are ~250 customers either way against seed-to-seed spread of ~30."""
    market = folklore.replace(population=3000, capacity_per_1000=capacity)
    for seed in range(4):
        base = CustomerModel(market, rng=seed).run(36).summary()
        follow = CustomerModel(apply_strategy(market, Strategy("follow_up", 3000)),
                               rng=seed).run(36).summary()
        assert base["abandoned"] == 0
        if capacity < 10:
            assert follow["abandoned"] > 50 and follow["customers"] < base["customers"]
        else:
            assert follow["abandoned"] == 0 and follow["customers"] > base["customers"]
