"""Firm profiles: the example loads, figures map to parameters, bad files fail in one line."""

from __future__ import annotations

import pytest

from experiments.errors import ScenarioError
from experiments.scenarios.firm import firm_from_dict, load_firm
from experiments.scenarios.firm_market import firm_params, provenance
from experiments.scenarios.firm_profile import FIRM_DIR, resolve_firm
from simulation.strategies import Strategy, apply_strategy

EXAMPLE = FIRM_DIR / "harbour_broadband.toml"


def test_example_firm_says_it_is_fictional_and_loads():
    assert "FICTIONAL" in EXAMPLE.read_text()
    firm = load_firm("harbour_broadband")
    assert firm.customers == 10_000 and firm.size == 40_000
    assert firm.currency == "EUR"
    assert sum(firm.survey) == pytest.approx(1.0)


def test_second_example_is_a_smaller_business_firm_in_pounds():
    """The courier profile: another size, sector and currency, segments and a cohort curve."""
    firm = load_firm("fenwick_couriers")
    assert "FICTIONAL" in (FIRM_DIR / "fenwick_couriers.toml").read_text()
    assert (firm.customers, firm.size, firm.currency) == (3_000, 12_000, "GBP")
    p = firm_params(firm)
    assert p.market.population == 12_000
    assert p.market.initial_customer_share == pytest.approx(0.25)
    assert p.segments.given


def test_an_empty_profile_is_valid_and_every_default_is_labelled():
    firm = firm_from_dict({}, where="empty.toml")
    params = firm_params(firm)
    assert params.market.population == 40_000
    assert params.market.initial_customer_share == pytest.approx(0.25)
    sources = dict(provenance(firm))   # rows name each figure in words, not by code name
    cac = next(v for k, v in sources.items() if k.startswith("customer acquisition cost"))
    assert cac.startswith("preset")
    assert "assumption" in next(v for k, v in sources.items() if "RATER" in k)


def test_observed_economics_and_current_spend_set_the_market():
    firm = load_firm(EXAMPLE)
    p = firm_params(firm)
    assert (p.acquisition.cac, p.economics.revenue_per_month) == (260, 42)
    assert p.acquisition.paid_budget == 15_000
    # two handlers (7,600 / 3,800) closing 60 a month each, for 10,000 customers
    assert p.complaints.capacity_per_1000 == pytest.approx(120 / 10)
    # a follow-up contact a month at 6 replaces F3's "1/5 of CAC a year"
    assert p.economics.retention_cost_ratio * p.acquisition.cac / 12 == pytest.approx(6)
    assert next(v for k, v in provenance(firm) if "complaint handler" in k) == "price list"
    front_line = next(v for k, v in provenance(firm) if "empowered agent" in k)
    assert front_line.startswith("default: assumption") and "(plausible 5 to 25)" in front_line


def test_price_list_buys_what_it_says():
    firm = load_firm(EXAMPLE)
    p = firm_params(firm)
    # one more handler's cost adds one handler's complaints a month
    more = apply_strategy(p, Strategy("fast_resolution", 3800))
    added = more.policy.extra_handlers * more.costs.handler_complaints_per_month
    assert added == pytest.approx(60)
    # the first 0.1 step of reliability costs the quoted monthly price
    better = apply_strategy(p, Strategy("service_quality", 12_000, "reliability"))
    assert better.service.reliability - p.service.reliability == pytest.approx(0.1)


@pytest.mark.parametrize("data, key, words", [
    ({"observed": {"churn_per_year": 1.7}}, "observed.churn_per_year", "1.7"),
    ({"observed": {"cac": 0}}, "observed.cac", "must be >= 0.01"),
    ({"market": {"size": 100, "customers": 500}}, "market.customers", "<= 100"),
    ({"observed": {"survey": [0.5, 0.5]}}, "observed.survey", "five finite shares"),
    ({"observed": {"churn_per_year": 0.2, "churn_per_month": 0.02}},
     "observed.churn_per_month", "not both"),
    ({"observed": {"chrun_per_year": 0.2}}, "observed.chrun_per_year", "churn_per_year"),
    ({"prices": {"referral_reward": 500}, "observed": {"cac": 200}},
     "prices.referral_reward", "below the CAC"),
    ({"bounds": {"acquisition": {"min": 10, "max": 5}}}, "bounds.acquisition.max", ">= 10"),
    ({"preset": "fokllore"}, "preset", "folklore"),
    ({"prices": {"frontline_cost_per_complaint": -4}}, "prices.frontline_cost_per_complaint",
     "-4"),
    ({"prices": {"solicit_cost_per_complaint": -1}}, "prices.solicit_cost_per_complaint",
     "-1"),
    ({"prices": {"handler_complaints_per_month": 0}}, "prices.handler_complaints_per_month",
     "must be > 0"),
    ({"prices": {"save_offer_cost": -3}}, "prices.save_offer_cost", "-3"),
    ({"spend": {"save_desk": -5}}, "spend.save_desk", "-5"),
    ({"bounds": {"front_line": {"min": 10, "max": 5}}}, "bounds.front_line.max", ">= 10"),
])
def test_bad_values_are_one_line_naming_file_field_value_and_range(data, key, words):
    with pytest.raises(ScenarioError) as err:
        firm_from_dict(data, where="my_firm.toml")
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("my_firm.toml: ") and key in message and words in message


def test_keep_bound_and_unknown_firm_name():
    firm = firm_from_dict({"bounds": {"follow_up": "keep", "acquisition": {"max": 9000}}})
    assert firm.bound("follow_up").keep and firm.bound("acquisition").high == 9000
    assert firm.bound("service_quality").high == float("inf")
    with pytest.raises(ScenarioError, match="harbour_broadband"):
        resolve_firm("harbour_broadbnd")
