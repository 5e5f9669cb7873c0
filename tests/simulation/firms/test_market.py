"""Several firms in one market: one firm is today's model, firms' books balance,
defection and disadoption add up to the losses, and settings change per firm."""

import numpy as np
import pandas as pd
import pytest

from simulation import CustomerModel, ParameterError, Params
from simulation.parameters.firms import FirmSetting

SMALL = Params.preset("folklore").replace(population=1500)


def two_firms(params=SMALL, b=()):
    return params.with_firms((FirmSetting("A"), FirmSetting("B", tuple(b))))


def test_one_named_firm_is_todays_model_for_a_seed():
    plain = CustomerModel(SMALL.replace(reliability=0.7), rng=5).run(12)
    named = CustomerModel(SMALL.with_firms((FirmSetting("Ours", (("reliability", 0.7),)),)),
                          rng=5).run(12)
    pd.testing.assert_frame_equal(plain.timeseries, named.timeseries, check_exact=True)
    assert named.firm_names == ("Ours",) and named.people.firm.size == 0
    assert named.rivals is None


def test_one_firm_rows_are_the_market_columns():
    model = CustomerModel(SMALL, rng=3).run(12)
    ts, rows = model.timeseries, model.firm_timeseries
    assert (rows["customers"].to_numpy() == ts["customers"].to_numpy()).all()
    assert rows["npv"].iloc[-1] == pytest.approx(model.summary()["profit_npv"])
    assert (rows["defections"] == 0).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_firms_customers_balance_step_by_step(seed):
    """customers(t) = customers(t-1) + won + won from rivals - defections - disadoptions."""
    model = CustomerModel(two_firms(), rng=seed).run(24)
    rows = model.firm_timeseries
    for _, firm in rows.groupby("firm"):
        change = firm["customers"].diff().iloc[1:]
        flow = (firm["new_customers"] + firm["won_from_rivals"] - firm["defections"]
                - firm["disadoptions"]).iloc[1:]
        assert (change.to_numpy() == flow.to_numpy()).all()
    per_step = rows.groupby("step")["customers"].sum()
    assert (per_step.to_numpy() == model.timeseries["customers"].to_numpy()).all()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_defections_and_disadoptions_add_up_to_the_losses(seed):
    model = CustomerModel(two_firms(), rng=seed).run(24)
    summary, firms = model.summary(), model.summary()["firms"]
    losses = sum(summary["churn_by_cause"].values())
    assert sum(f["defections"] + f["disadoptions"] for f in firms) == losses
    assert sum(f["defections"] for f in firms) == sum(f["won_from_rivals"] for f in firms)
    assert all(f["defections"] > 0 and f["disadoptions"] > 0 for f in firms)
    # only better deals and friends' brands send customers to a rival
    to_rival = summary["churn_by_cause"]["better_deal"] + \
        summary["churn_by_cause"]["friend_recommendation"]
    assert sum(f["defections"] for f in firms) <= to_rival


def test_no_defection_when_no_leaver_joins_a_rival():
    model = CustomerModel(two_firms(SMALL.replace(defection_share=0.0)), rng=4).run(24)
    assert all(f["defections"] == 0 for f in model.summary()["firms"])


def test_the_market_row_sums_the_firms():
    model = CustomerModel(two_firms(), rng=6).run(12)
    rows, ts = model.firm_timeseries, model.timeseries
    for column in ("revenue", "profit"):
        by_step = rows.groupby("step")[column].sum().to_numpy()
        np.testing.assert_allclose(by_step[1:], ts[column].to_numpy()[1:], rtol=1e-12)
    total = sum(f["profit_npv"] for f in model.summary()["firms"])
    assert total == pytest.approx(model.summary()["profit_npv"], rel=1e-12)
    shares = [f["market_share"] for f in model.summary()["firms"]]
    assert sum(shares) == pytest.approx(1.0)


def test_same_seed_same_two_firm_market():
    a = CustomerModel(two_firms(), rng=9).run(12).firm_timeseries
    b = CustomerModel(two_firms(), rng=9).run(12).firm_timeseries
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_customers_belong_to_one_firm():
    model = CustomerModel(two_firms(), rng=2).run(12)
    pop = model.people
    assert pop.firm.dtype == np.int8
    assert (pop.firm[pop.status == 1] >= 0).all() and (pop.firm[pop.status == 0] == -1).all()


def test_set_firm_changes_one_firm_between_steps():
    model = CustomerModel(two_firms(), rng=8).run(6)
    model.set_firm(1, paid_budget=20_000.0)
    model.run(12)
    assert model.params.firm_views()[1].acquisition.paid_budget == 20_000.0
    assert model.params.firm_views()[0].acquisition.paid_budget == SMALL.acquisition.paid_budget
    rows = model.firm_timeseries
    late = rows[rows["step"] > 6].groupby("firm")["new_customers"].sum()
    assert late["B"] > 2 * late["A"]


@pytest.mark.parametrize("change, words", [
    ({"population": 10}, "market-side"), ({"reliability": 2.0}, "between 0.0 and 1.0"),
    ({"relyability": 0.5}, "did you mean 'reliability'")])
def test_set_firm_refuses_bad_settings(change, words):
    model = CustomerModel(two_firms(), rng=1)
    with pytest.raises(ParameterError, match=words):
        model.set_firm(0, **change)
    with pytest.raises(ParameterError, match="between 0 and 1"):
        model.set_firm(2, reliability=0.5)


def test_starting_customers_split_by_each_firms_share():
    params = SMALL.replace(population=20_000).with_firms((
        FirmSetting("A", (("initial_customer_share", 0.3),)),
        FirmSetting("B", (("initial_customer_share", 0.1),))))
    counts = CustomerModel(params, rng=1).firm_timeseries.set_index("firm")["customers"]
    # binomial: sd of A's count about sqrt(20000 x 0.3 x 0.7) = 65; 5 sd allowed
    assert abs(counts["A"] - 6000) < 325 and abs(counts["B"] - 2000) < 5 * 42


def test_starting_shares_must_fit_the_market():
    with pytest.raises(ParameterError, match="adds up to 1.2"):
        SMALL.with_firms((FirmSetting("A", (("initial_customer_share", 0.6),)),
                          FirmSetting("B", (("initial_customer_share", 0.6),))))


def test_firm_tables_build_the_same_firms_as_settings():
    tables = [{"name": "A"}, {"name": "B", "service": {"reliability": 0.7}}]
    assert SMALL.with_firm_tables(tables) == two_firms(b=(("reliability", 0.7),))
    with pytest.raises(ParameterError, match="between 1 and 8"):
        SMALL.with_firm_tables([{"name": f"F{i}"} for i in range(9)])


def test_messages_about_each_firm_add_up_to_the_markets_first_hand_talk():
    model = CustomerModel(two_firms(), rng=7).run(12)
    firms, summary = model.summary()["firms"], model.summary()
    assert sum(f["praise"] for f in firms) == summary["wom_positive"]
    # bad news about a firm: first-hand; rejecters' retold news is about the category
    assert sum(f["bad_news"] for f in firms) == summary["wom_negative"]
    one = CustomerModel(SMALL, rng=7).run(12)
    rows = one.firm_timeseries
    assert rows["praise"].sum() == one.summary()["wom_positive"]
    assert list(rows.columns) == list(model.firm_timeseries.columns)


def test_firms_survive_a_round_trip_through_toml(tmp_path):
    params = two_firms(b=(("reliability", 0.7), ("paid_budget", 900.0)))
    params.to_toml(tmp_path / "p.toml")
    assert Params.from_toml(tmp_path / "p.toml") == params
