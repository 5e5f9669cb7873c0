"""A spending plan against rivals: a rival that matches the plan after a lag takes part of
its gain (paired over several seeds), and the run table of today's spend and the plan
holds the focal firm's market share, moves and word of mouth by brand."""

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.allocate import SearchResult, firm_levers
from experiments.analysis.allocate_plan import CrnObjective, Plan
from experiments.analysis.firm_settings import PlanSettings
from experiments.analysis.plan_rivals import PLAN, TODAY, rival_runs
from experiments.analysis.stats import t_interval
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.firm_market import firm_params
from simulation.rival_response import RivalResponse

PAIRS = 6   # (draw, seed) pairs: the 95% paired interval of the difference must clear 0
# customers worth far more than they cost, so buying them pays; prospects are few enough
# that a rival buying them too leaves the firm fewer
FIRM = firm_from_dict({
    "name": "Ours", "horizon_months": 12,
    "market": {"size": 3000, "customers": 900,
               "firms": [{"name": "Rival", "initial_customer_share": 0.4}]},
    "observed": {"revenue_per_customer_month": 120, "gross_margin": 0.6, "cac": 150},
    "spend": {"acquisition": 2000}}, where="ours.toml")
SPLIT = {"acquisition": 6000.0}
DRAWS = pd.DataFrame({"max_failure_prob": np.linspace(0.15, 0.25, PAIRS)})


def gains(rule: str) -> np.ndarray:
    objective = CrnObjective(firm_params(FIRM), DRAWS, replication_seeds(11, PAIRS), FIRM,
                             PlanSettings(budget=6000), None,
                             response=RivalResponse(rule, 1.0))
    return objective([SPLIT])[0]


@pytest.mark.slow
def test_a_rival_that_matches_takes_part_of_the_plans_gain():
    held, matched = gains("hold"), gains("match")
    assert t_interval(held)[1] > 0            # against held rivals the plan gains
    mean, low, high = t_interval(held - matched)
    assert low > 0, (mean, low, high)          # a matching rival leaves it less, beyond noise


def plan_of(split, settings) -> Plan:
    """A plan whose split is given (what `rival_runs` reads: profile, settings, draws,
    best), the search's bookkeeping left empty."""
    none = (0.0, 0.0, 0.0)
    return Plan(FIRM, settings, firm_levers(FIRM), SearchResult([], np.zeros((0, 1))), split,
                none, "acquisition", none, {}, {}, [], 0,
                pd.concat([DRAWS.iloc[:2], DRAWS], ignore_index=True))


@pytest.mark.slow
def test_today_and_the_plan_against_held_and_matching_rivals():
    settings = PlanSettings(budget=6000, replications=2, check_replications=PAIRS)
    plan = plan_of(SPLIT, settings)
    held = rival_runs(plan, firm_params(FIRM), RivalResponse("hold"))
    matched = rival_runs(plan, firm_params(FIRM), RivalResponse("match", 1.0))
    assert list(held["strategy"].unique()) == [TODAY, PLAN]
    for column in ("market_share", "defections", "disadoptions", "won_from_rivals",
                   "firms_Ours_praise", "firms_Rival_bad_news"):
        assert column in held, column
    today = held["strategy"] == TODAY
    # today's spend buys nothing extra, so there is nothing to match: the same runs
    pd.testing.assert_frame_equal(held[today], matched[today])
    # the plan wins share; a matching rival buys customers too and takes some of it back
    share_gain = (held.loc[~today, "market_share"].to_numpy()
                  - held.loc[today, "market_share"].to_numpy())
    assert t_interval(share_gain)[1] > 0
    lost_share = (held.loc[~today, "market_share"].to_numpy()
                  - matched.loc[~today, "market_share"].to_numpy())
    assert t_interval(lost_share)[1] > 0
    assert (held["currency"] == "EUR").all()
