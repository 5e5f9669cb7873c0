"""Segments: drawn once, only when given; their multipliers shift the propensities; large
accounts hold on until a critical incident; the run summary splits by segment."""

import numpy as np
import pytest

from simulation import CustomerModel, ParameterError
from simulation.parameters.segments import SEGMENTS
from simulation.recording import flat_summary
from simulation.state import CAUSE, LOST

BUSINESS, CONSUMER = SEGMENTS.index("business"), SEGMENTS.index("consumer")
TWO = {"segments.consumer_share": 0.7, "segments.business_share": 0.3}
SEEDS = (1, 2, 3, 4)


def test_without_segments_nothing_is_drawn_and_nothing_is_reported(small):
    model = CustomerModel(small, rng=3).run(6)
    assert model.people.segment.size == 0 and model.people.incident.size == 0
    assert "segment" not in model.summary()


def test_one_segment_of_plain_multipliers_changes_no_outcome(small):
    """The segment draw is the last use of the population's generator, so a market with
    one segment and every multiplier 1 runs exactly as one without segments."""
    plain = CustomerModel(small, rng=5).run(12)
    tagged = CustomerModel(small.replace(consumer_share=1.0), rng=5).run(12)
    assert (tagged.people.segment == CONSUMER).all()
    assert plain.timeseries.equals(tagged.timeseries)
    assert tagged.summary()["segment"]["consumer"]["customers"] == plain.summary()["customers"]


def test_shares_of_the_people_follow_the_table(folklore):
    n = 20_000
    pop = CustomerModel(folklore.replace(population=n, **TWO), rng=8).people
    share = np.mean(pop.segment == BUSINESS)
    # 4 binomial standard errors: a wrong share (0.25 or 0.35) lies 15 away
    assert abs(share - 0.3) < 4 * np.sqrt(0.3 * 0.7 / n)


def test_multipliers_scale_the_propensities_they_name(small):
    params = small.replace(**TWO, business_revenue=5.0, business_churn=0.5,
                           business_complaints=2.0, spend_cv=0.5)
    plain = CustomerModel(small.replace(spend_cv=0.5), rng=4).people
    pop = CustomerModel(params, rng=4).people
    factor = np.where(pop.segment == BUSINESS, 5.0, 1.0).astype(np.float32)
    np.testing.assert_array_equal(pop.spend, plain.spend * factor)
    np.testing.assert_array_equal(pop.churn_propensity,
                                  np.where(pop.segment == BUSINESS, 0.5, 1.0).astype(np.float32))
    assert set(np.unique(pop.complaint_propensity)) == {1.0, 2.0}


def test_shares_that_do_not_sum_to_one_are_refused(folklore):
    with pytest.raises(ParameterError, match=r"sum to 0.9 .*\(within 0.001\)"):
        folklore.replace(consumer_share=0.6, business_share=0.3)
    folklore.replace(young_share=0.333, middle_share=0.333, older_share=0.334)


def segment_runs(params, months=36):
    return [CustomerModel(params, rng=s).run(months).summary()["segment"] for s in SEEDS]


def test_a_higher_churn_multiplier_keeps_fewer_of_the_segment(small):
    base = small.replace(**TWO)
    plain, churny = segment_runs(base), segment_runs(base.replace(business_churn=4.0))
    loss = [p["business"]["retention"] - c["business"]["retention"]
            for p, c in zip(plain, churny)]
    # paired seeds: four times the exogenous hazard (about 0.2 a year) costs about 9
    # points of 36-month retention; 3 points is beyond the paired seed-to-seed spread
    assert min(loss) > 0.03, loss


def test_the_summary_spreads_into_run_table_columns(small):
    model = CustomerModel(small.replace(**TWO), rng=2).run(12)
    summary = model.summary()
    flat = flat_summary(summary)
    by = summary["segment"]
    assert flat["segment_business_customers"] == by["business"]["customers"]
    assert by["business"]["customers"] + by["consumer"]["customers"] == summary["customers"]
    total = by["business"]["value"] + by["consumer"]["value"]
    ever = by["business"]["ever"] + by["consumer"]["ever"]
    assert ever == (model.people.channel >= 0).sum()
    assert total == pytest.approx(summary["mean_clv"] * ever, rel=1e-4)


DISSATISFIED = [CAUSE[c] for c in ("friend_recommendation", "product_dissatisfaction",
                                   "staff_indifference")]


def test_full_inertia_holds_business_accounts_until_a_critical_incident(small):
    params = small.replace(**TWO, business_inertia=1.0)
    pop = CustomerModel(params, rng=6).run(36).people
    gone = (pop.status == LOST) & np.isin(pop.lost_cause, DISSATISFIED)
    business_gone = gone & (pop.segment == BUSINESS)
    assert business_gone.sum() > 0 and pop.incident[business_gone].all()
    assert not pop.incident[gone & (pop.segment == CONSUMER)].all()  # consumers need none


def test_inertia_keeps_more_business_accounts(small):
    base = small.replace(**TWO)
    held = segment_runs(base.replace(business_inertia=0.9))
    free = segment_runs(base)
    gain = [h["business"]["retention"] - f["business"]["retention"]
            for h, f in zip(held, free)]
    # paired seeds; every one must gain: inertia only ever removes leavers
    assert min(gain) > 0, gain


def test_held_leavers_count_as_stays_and_a_critical_incident_ends_inertia(folklore):
    from simulation import holding_on
    from simulation.clock import Clock
    from simulation.complaints import RESOLVED, UNRESOLVED
    params = folklore.replace(population=50, business_share=1.0, business_inertia=1.0)
    pop = CustomerModel(params, rng=1).people
    done = np.arange(4)
    outcome = np.array([RESOLVED, RESOLVED, UNRESOLVED, RESOLVED], np.int8)
    pop.serious[:4] = [False, False, False, True]
    stays = np.array([True, False, False, False])
    stays, leavers, causes = holding_on.after_episodes(
        pop, done, outcome, stays, done[~stays], np.zeros(3, np.int8), params,
        Clock.at(3, 1.0), np.random.default_rng(0))
    # 1: no incident, held by full inertia; 2: unresolved, 3: serious -> they leave
    np.testing.assert_array_equal(stays, [True, True, False, False])
    np.testing.assert_array_equal(leavers, [2, 3])
    assert causes.size == 2 and pop.incident[:4].tolist() == [False, False, True, True]
