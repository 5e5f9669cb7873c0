"""Levers aimed at a segment: the follow-up budget enrols, paid acquisition wins and the
quality bought serves only that segment's people; bad aims are refused in one line."""

import numpy as np
import pytest

from experiments.errors import ScenarioError
from experiments.reporting.words import strategy_words
from experiments.scenarios.scenario import scenario_from_dict
from simulation import CustomerModel, ParameterError, service
from simulation.clock import Clock
from simulation.economics import retention_cost_per_month
from simulation.parameters.segments import SEGMENTS
from simulation.state import CHANNEL
from simulation.strategies import Strategy, apply_strategy, parse_strategy

BUSINESS = SEGMENTS.index("business")
TWO = {"segments.consumer_share": 0.7, "segments.business_share": 0.3}


def test_the_follow_up_budget_enrols_only_the_aimed_segment(folklore):
    params = folklore.replace(population=20_000, initial_customer_share=1.0, **TWO,
                              followup_share=0.1)
    aimed = apply_strategy(params, Strategy("follow_up", 5_000.0, segment="business"))
    model = CustomerModel(aimed, rng=2)
    pop, active = model.people, model.active()
    enrolled = service.enrolment(pop, active, aimed)
    business = pop.segment[active] == BUSINESS
    # today's 10% of everyone; beyond it, the budget's customers are all business accounts
    beyond = enrolled & (pop.followup_draw[active] >= 0.1)
    assert beyond.any() and business[beyond].all()
    consumers = enrolled[~business].mean()
    assert consumers == pytest.approx(0.1, abs=4 * np.sqrt(0.09 / (~business).sum()))
    bought = 5_000.0 / retention_cost_per_month(aimed)        # customers the budget pays
    share = 0.1 + bought / business.sum()                     # each business account's chance
    # within 4 binomial standard errors of the business accounts enrolled
    sd = np.sqrt(business.sum() * share * (1 - share))
    assert abs(enrolled[business].sum() - share * business.sum()) < 4 * sd


def test_aimed_paid_acquisition_wins_only_the_segments_prospects(folklore):
    params = folklore.replace(population=10_000, **TWO, paid_budget=0.0)
    aimed = apply_strategy(params, Strategy("acquisition", 10_000.0, segment="business"))
    assert aimed.policy.targeted_paid_budget == 10_000.0 and aimed.acquisition.paid_budget == 0
    model = CustomerModel(aimed, rng=4).run(6)
    pop = model.people
    paid = pop.channel == CHANNEL["paid"]
    assert paid.sum() > 100 and (pop.segment[paid] == BUSINESS).all()
    booked = model.timeseries["new_paid"].sum()
    assert booked == paid.sum()


def test_quality_bought_for_a_segment_serves_only_it(folklore):
    params = folklore.replace(population=20_000, initial_customer_share=1.0, **TWO)
    aimed = apply_strategy(params, Strategy("service_quality", 1e9, segment="business"))
    assert aimed.policy.quality_level == pytest.approx(1.0) and aimed.service.reliability < 1
    model = CustomerModel(aimed, rng=6)
    pop, active = model.people, model.active()
    outcome = service.serve_customers(pop, active, aimed, Clock.at(1, 1.0),
                                      np.random.default_rng(1))
    # perfect reliability cannot fail: every new episode is a consumer's
    assert outcome.episodes.size > 0 and (pop.segment[outcome.episodes] != BUSINESS).all()
    assert service.quality_served(pop, active) == (pop.segment[active] == BUSINESS).sum()


def test_aimed_follow_up_adds_to_the_budget_for_everyone(folklore):
    """One plan may buy follow-up for everyone and more for one segment: the budget for
    everyone stays everyone's, the aimed budget enrols only the segment."""
    params = folklore.replace(population=20_000, initial_customer_share=1.0, **TWO,
                              followup_budget=2_000.0)
    aimed = apply_strategy(params, Strategy("follow_up", 3_000.0, segment="business"))
    assert aimed.policy.followup_budget == 2_000.0
    assert aimed.policy.targeted_followup_budget == 3_000.0
    model = CustomerModel(aimed, rng=3)
    pop, active = model.people, model.active()
    enrolled = service.enrolment(pop, active, aimed)
    business = pop.segment[active] == BUSINESS
    per = retention_cost_per_month(aimed)
    everyone = 2_000.0 / per / active.size
    for mask, share in ((~business, everyone),
                        (business, everyone + 3_000.0 / per / business.sum())):
        # within 4 binomial standard errors of the share each group's budget pays for
        sd = np.sqrt(mask.sum() * share * (1 - share))
        assert abs(enrolled[mask].sum() - share * mask.sum()) < 4 * sd


def test_save_offers_aimed_at_a_segment_go_only_to_it(folklore):
    params = folklore.replace(population=5_000, **TWO, save_targeting="random")
    aimed = apply_strategy(params, Strategy("save_desk", 20_000.0, segment="business"))
    assert aimed.policy.save_budget == 0 and aimed.policy.targeted_save_budget == 20_000.0
    model = CustomerModel(aimed, rng=7).run(6)
    pop = model.people
    offered = pop.offered_at > -np.inf
    assert offered.sum() > 50 and (pop.segment[offered] == BUSINESS).all()
    booked = model.timeseries["save_offers_used"].sum()
    assert booked >= offered.sum()     # an offer that wore off may be made again


def test_save_offers_for_everyone_and_for_a_segment_add_up(folklore):
    params = folklore.replace(population=5_000, initial_customer_share=1.0, **TWO,
                              save_targeting="random")
    both = apply_strategy(params.replace(save_budget=1_000.0),
                          Strategy("save_desk", 1_000.0, segment="business"))
    alone = params.replace(save_budget=2_000.0)
    used = [CustomerModel(p, rng=8).run(3).timeseries["save_offers_used"].sum()
            for p in (both, alone)]
    # the same money buys the same offers at the same price (both pools have room)
    assert used[0] == pytest.approx(used[1], rel=0.01)


def test_unaimed_levers_run_as_before(small):
    plain = CustomerModel(small.replace(**TWO, followup_budget=3000.0), rng=5).run(6)
    strategy = apply_strategy(small.replace(**TWO), Strategy("follow_up", 3000.0))
    assert CustomerModel(strategy, rng=5).run(6).timeseries.equals(plain.timeseries)


def test_a_strategy_label_names_its_segment():
    strategy = parse_strategy("service_quality:tangibles@business", 100.0)
    assert strategy == Strategy("service_quality", 100.0, "tangibles", "business")
    assert strategy.label == "service_quality:tangibles@business"
    assert Strategy("follow_up", 1.0).label == "follow_up"
    # readers see words, not the label's code
    assert strategy_words(strategy.label) == "service quality (tangibles) for business accounts"
    assert strategy_words("follow_up@older") == "follow-up for customers over 55"


@pytest.mark.parametrize("make, message", [
    (lambda: Strategy("follow_up", 1.0, segment="buisness"),
     "strategy 'follow_up': segment = 'buisness' must be one of consumer, business"),
    (lambda: Strategy("fast_resolution", 1.0, segment="business"),
     "strategy 'fast_resolution': segment = 'business': only follow_up, acquisition, "
     "save_desk, service_quality can be aimed at a segment"),
])
def test_bad_strategy_aims_are_one_line_errors(make, message):
    with pytest.raises(ParameterError) as err:
        make()
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_a_segment_the_market_lacks_is_refused(folklore):
    with pytest.raises(ParameterError, match=r"^policy.paid_segment = 'older': the market "
                                             r"has no such people \(segments.older_share is "
                                             r"0; segments with people: none\)$"):
        folklore.replace(paid_segment="older")


@pytest.mark.parametrize("strategy, message", [
    ({"name": "follow_up", "segment": "buisness"},
     "unknown value 'buisness' (did you mean 'business'?); choose one of consumer, business"),
    ({"name": "front_line", "segment": "business"},
     "strategy 'front_line' cannot be aimed at a segment; only follow_up, acquisition, "
     "save_desk, service_quality can"),
    ({"name": "follow_up", "segment": "older"},
     "unknown value 'older'"),
])
def test_a_scenario_with_a_bad_aim_gives_a_one_line_error(strategy, message):
    data = {"segments": {"consumer": {"share": 0.7}, "business": {"share": 0.3}},
            "strategies": [{"name": "baseline"}, {"budget": 100, **strategy}]}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(data, where="aims.toml")
    text = str(err.value)
    assert text.startswith("aims.toml") and "segment" in text and message in text
    assert "\n" not in text


def test_a_scenario_aims_a_lever_and_labels_it():
    data = {"segments": {"consumer": {"share": 0.7}, "business": {"share": 0.3}},
            "strategies": [{"name": "baseline"},
                           {"name": "follow_up", "budget": 100, "segment": "business"}]}
    scenario = scenario_from_dict(data)
    assert list(scenario.strategies) == ["baseline", "follow_up@business"]
    assert scenario.with_budget(50).strategies["follow_up@business"].segment == "business"


def test_the_peoples_size_counts_the_aimed_levers_masks(folklore):
    """`Population.nbytes` (the benchmarks' state size) adds each aimed lever's mask."""
    params = folklore.replace(population=2_000, **TWO)
    plain = CustomerModel(params, rng=1).people
    aimed = CustomerModel(apply_strategy(params, Strategy("follow_up", 500.0,
                                                          segment="business")), rng=1).people
    masks = sum(mask.nbytes for mask in aimed.targeted.values())
    assert masks > 0 and aimed.nbytes() == plain.nbytes() + masks
