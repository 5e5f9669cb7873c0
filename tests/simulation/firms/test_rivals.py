"""Competition: identical firms split the market evenly, a better firm wins share, talk
about a rival moves a customer a little the other way, and a defector's rival is drawn in
proportion to the rivals' customers."""

import numpy as np
import pytest

from simulation import CustomerModel, Params
from simulation.firms import brands, switching
from simulation.parameters.firms import FirmSetting
from simulation.state import ACTIVE, PROSPECT, new_population
from simulation.word_of_mouth import Messages

MARKET = Params.preset("folklore").replace(population=3000)
SEEDS = range(12)


def shares(params, months=36):
    out = []
    for seed in SEEDS:
        firms = CustomerModel(params, rng=seed).run(months).summary()["firms"]
        out.append([f["market_share"] for f in firms])
    return np.array(out)


def test_two_identical_firms_split_the_market_evenly():
    """12 seeds of 3,000 people: firm A's share has a run-to-run sd of about 0.01 (measured),
    so its mean is 0.5 within 3 standard errors (about 0.009); each run within 5 sd."""
    share = shares(MARKET.with_firms((FirmSetting("A"), FirmSetting("B"))))[:, 0]
    standard_error = share.std(ddof=1) / np.sqrt(share.size)
    assert abs(share.mean() - 0.5) < 3 * standard_error
    assert standard_error < 0.006
    assert (np.abs(share - 0.5) < 0.05).all()


def test_the_firm_that_serves_better_takes_the_larger_share():
    """A firm whose reliability is 0.95 against a rival at the preset's: its share is above
    one half on every one of 12 seeds (a coin would do that once in 4,096)."""
    params = MARKET.with_firms((FirmSetting("Good", (("reliability", 0.95),)),
                                FirmSetting("Rival")))
    assert (shares(params)[:, 0] > 0.5).all()


def heard_reference(pop, positive, negative, cross):
    """One message at a time: about the listener's own firm, a rival, or the category."""
    praise, bad = np.zeros(pop.n), np.zeros(pop.n)
    for messages, sign in ((positive, 1), (negative, -1)):
        for t, listener, w in zip(messages.teller, messages.listener, messages.weight):
            mine = pop.firm[listener] if pop.status[listener] == ACTIVE else -1
            brand = pop.firm[t]
            own = mine < 0 or brand < 0 or brand == mine
            if own:
                (praise if sign > 0 else bad)[listener] += w
            else:
                (bad if sign > 0 else praise)[listener] += cross * w
    return praise, bad


def test_talk_about_a_rival_moves_a_customer_a_little_the_other_way():
    rng = np.random.default_rng(0)
    pop = new_population(200, 0.6, 4.0, 0.8, rng)
    pop.firm = np.where(pop.status == ACTIVE, rng.integers(0, 3, 200), -1).astype(np.int8)
    pop.firm[(pop.status == PROSPECT) & (rng.random(200) < 0.2)] = 1  # some former ones
    positive, negative = (Messages(rng.integers(0, 200, 500), rng.integers(0, 200, 500),
                                   rng.random(500).astype(np.float32), 0) for _ in range(2))
    got = brands.as_heard(pop, positive, negative, 0.1)
    want = heard_reference(pop, positive, negative, 0.1)
    for g, w in zip(got, want):
        np.testing.assert_allclose(g, w, rtol=1e-6)


def test_a_customer_hears_a_praised_rival_as_a_little_bad_news():
    pop = new_population(3, 1.0, 4.0, 0.8, np.random.default_rng(0))
    pop.firm = np.array([0, 1, 0], np.int8)
    one = Messages(np.array([1]), np.array([0]), np.array([1.0], np.float32), 1)
    praise, bad = brands.as_heard(pop, one, Messages.empty(), 0.1)
    assert praise[0] == 0 and bad[0] == pytest.approx(0.1)
    praise, bad = brands.as_heard(pop, Messages.empty(), one, 0.1)
    assert praise[0] == pytest.approx(0.1) and bad[0] == 0


def test_a_defector_never_rejoins_their_own_firm_and_picks_rivals_by_size():
    rng = np.random.default_rng(1)
    origin = np.zeros(40_000, np.int64)
    weight = np.array([500, 100, 300])
    to = switching.rival_for(origin, weight, rng)
    assert (to != 0).all()
    # binomial share of firm 2 among rivals 1 and 2: 0.75, sd 0.0022 at 40,000 draws
    assert abs((to == 2).mean() - 0.75) < 5 * 0.0022
    mixed = rng.integers(0, 3, 40_000)
    assert (switching.rival_for(mixed, weight, rng) != mixed).all()


def test_only_better_deals_and_friends_brands_defect():
    rng = np.random.default_rng(2)
    causes = np.arange(7).repeat(1000)
    moved = switching.defectors(np.arange(causes.size), causes, 1.0, rng)
    assert set(causes[moved]) == set(switching.TO_A_RIVAL)
    half = switching.defectors(np.arange(causes.size), causes, 0.5, rng)
    assert abs(half.size - 1000) < 5 * np.sqrt(2000 * 0.25)  # binomial, 5 sd


def adoption_reference(pop, messages, firms, cross):
    """One message at a time: full weight towards its own brand, `cross` towards the others."""
    out = np.zeros((firms, pop.n))
    for t, listener, w in zip(messages.teller, messages.listener, messages.weight):
        for k in range(firms):
            out[k, listener] += w if pop.firm[t] == k else cross * w
    return out


def test_praise_draws_prospects_to_its_brand_fully_and_to_rivals_a_little():
    rng = np.random.default_rng(1)
    pop = new_population(200, 0.6, 4.0, 0.8, rng)
    pop.firm = np.where(pop.status == ACTIVE, rng.integers(0, 3, 200), -1).astype(np.int8)
    praise = Messages(rng.integers(0, 200, 500), rng.integers(0, 200, 500),
                      rng.random(500).astype(np.float32), 0)
    got = brands.for_adoption(pop, praise, 3, 0.3)
    want = adoption_reference(pop, praise, 3, 0.3)
    for k in range(3):
        np.testing.assert_allclose(np.bincount(got[k].listener, weights=got[k].weight,
                                               minlength=200), want[k], rtol=1e-6)
        own = pop.firm[got[k].teller] == k   # own-brand tellers first: the referrer
        assert not (np.diff(own.astype(int)) > 0).any()


def test_a_firm_without_customers_or_advertising_wins_prospects_only_through_the_category():
    """A firm starting with no customers, advertising, paid budget or defectors is found only
    through praise of its rival: none with the category effect off, some on every seed with
    it on."""
    base = MARKET.replace(advertising_rate=0.0, paid_budget=0.0, defection_share=0.0).with_firms(
        (FirmSetting("Known"), FirmSetting("Unknown", (("initial_customer_share", 0.0),))))
    for seed in range(3):
        for cross, found in ((0.0, False), (0.3, True)):
            model = CustomerModel(base.replace(cross_brand_adoption=cross), rng=seed).run(12)
            won = model.summary()["firms"][1]["new_customers"]
            assert (won > 0) == found, (seed, cross, won)


def test_a_later_entrant_wins_no_one_spends_nothing_and_takes_no_defectors_before_its_month():
    params = MARKET.with_firms((FirmSetting("Pioneer"), FirmSetting(
        "Follower", (("initial_customer_share", 0.0), ("entry_month", 6.0),
                     ("paid_budget", 5000.0), ("followup_budget", 1000.0),
                     ("extra_handlers", 2.0)))))
    rows = CustomerModel(params, rng=3).run(18).firm_timeseries
    follower = rows[rows["firm"] == "Follower"]
    before = follower[follower["month"] <= 6]
    assert (before[["customers", "new_customers", "won_from_rivals", "revenue",
                    "profit"]] == 0).all().all()
    assert (follower.loc[follower["month"] > 6, "profit"] != 0).all()
    assert (rows.loc[rows["month"] <= 6, "defections"] == 0).all()
    assert follower["new_customers"].sum() > 0 and follower["won_from_rivals"].sum() > 0


@pytest.mark.parametrize("firms, message", [
    (((("initial_customer_share", 0.1), ("entry_month", 6.0)), ()),
     "a firm entering later starts with no customers"),
    (((("entry_month", 6.0), ("initial_customer_share", 0.0)),
      (("entry_month", 3.0), ("initial_customer_share", 0.0))),
     "at least one firm must be in the market from the start")])
def test_a_late_entry_that_cannot_be_is_a_one_line_error(firms, message):
    from simulation.errors import ParameterError
    settings = tuple(FirmSetting(f"F{i}", s) for i, s in enumerate(firms))
    with pytest.raises(ParameterError, match=message) as err:
        MARKET.with_firms(settings)
    assert "\n" not in str(err.value)
