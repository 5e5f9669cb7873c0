"""The figures a firm observes, measured in a market with rivals: every per-firm figure
(customers, gains, churn, complaints, survey, money) is the focal firm's own, never the
market's total; one firm is measured as before."""

import pytest

from experiments.analysis.firm_figures import (
    OBSERVATION_MONTHS,
    market_figures,
    window_figures,
)
from simulation import CustomerModel, Params
from simulation.horizon import check_seed
from simulation.parameters.firms import FirmSetting

SMALL = Params.preset("folklore").replace(population=2000)
# the focal firm serves well; its rival, as big, serves badly
RIVALS = SMALL.with_firms((FirmSetting("Ours", (("reliability", 0.95),)),
                           FirmSetting("Rival", (("reliability", 0.3),))))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_per_firm_figures_are_the_focal_firms_own(seed):
    figures = market_figures(RIVALS, seed)
    model = CustomerModel(RIVALS, rng=check_seed(seed)).run(OBSERVATION_MONTHS)
    ours = model.summary()["firms"][0]
    rows = model.firm_timeseries.query("firm == 'Ours'")
    start = rows["customers"].iloc[0]
    assert figures["customers"] == ours["customers"] and figures["market_share"] == \
        ours["market_share"]
    # churn counted from the firm's own losses by cause = its defections + disadoptions
    lost = ours["defections"] + ours["disadoptions"]
    assert figures["churn_per_year"] == pytest.approx(lost / start)
    assert figures["gained_per_customer"] == pytest.approx(rows["new_customers"].sum() / start)
    market = window_figures(model.timeseries, model.summary(),
                            model.ledger.recovery_table(), OBSERVATION_MONTHS)
    # the market's totals mix in the unreliable rival: more complaints, a lower score
    assert figures["escalated_per_1000"] < market["escalated_per_1000"]
    assert figures["nps"] > market["nps"]
    assert figures["profit_npv"] == pytest.approx(ours["profit_npv"])
    assert figures["firms_Rival_praise"] > 0 and figures["firms_Ours_bad_news"] >= 0


def test_one_firm_is_measured_on_the_market_as_before():
    figures = market_figures(SMALL, 5)
    model = CustomerModel(SMALL, rng=check_seed(5)).run(OBSERVATION_MONTHS)
    assert figures == window_figures(model.timeseries, model.summary(),
                                     model.ledger.recovery_table(), OBSERVATION_MONTHS)
    assert "market_share" not in figures


def test_a_rivals_match_during_the_run_changes_its_settings_from_that_month():
    changes = ((6.0, 1, (("paid_budget", 20000.0),)),)
    held, matched = market_figures(RIVALS, 7), market_figures(RIVALS, 7,
                                                               firm_changes=changes)
    assert matched["firms_Rival_praise"] != held["firms_Rival_praise"]
    assert market_figures(RIVALS, 7, firm_changes=changes) == matched   # same seed, same
