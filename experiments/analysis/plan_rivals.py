"""A spending plan in a market with rivals: today's spend and the plan, each on the plan's
fresh (posterior draw, seed) pairs with the rivals answering by the stated rule
(`RivalResponse`), as a run table with the columns `compare`'s has in a market of several
firms (the focal firm's market share, defections, disadoptions and customers won from
rivals, and each brand's word of mouth as ``firms_<name>_praise``/``_bad_news``), so the
same report (`firm_text.competition_text`) reads both.

Markets are simulated at the plan's population; counts of people and messages are scaled
back to the firm's size (as the plan's money is), shares are not.
"""

from __future__ import annotations

import pandas as pd

from experiments.analysis.allocate import spend_split
from experiments.analysis.allocate_plan import Plan, plan_markets, rivals_answer
from experiments.analysis.firm_figures import FigureRun, measure_run
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.scenarios.metrics import BRAND_TALK, COMPETITION
from simulation import Params
from simulation.rival_response import RivalResponse

TODAY, PLAN = "today's spend", "the plan"
SHARES = ("market_share",)   # not scaled with the market's size


def rival_runs(plan: Plan, market: Params, response: RivalResponse,
               backend: Backend | None = None, pool=None) -> pd.DataFrame:
    """One row per (option, fresh pair): today's spend and the plan's split, with the
    rivals answering each by `response`; the focal firm's competition figures."""
    s, profile = plan.settings, plan.profile
    n, m = s.replications, s.check_replications
    seeds = replication_seeds(s.seed, n + m)[n:]
    markets, ratio = plan_markets(market, plan.draws.iloc[n:n + m], s)
    options = {TODAY: {}, PLAN: plan.best}
    labels, specs = [], []
    for label, split in options.items():
        for j, (params, seed) in enumerate(zip(markets, seeds)):
            labels.append({"strategy": label, "replication": j})
            specs.append(FigureRun(f"rivals-{len(specs)}",
                                   spend_split(params, split, profile, ratio), seed,
                                   profile.horizon_months,
                                   firm_changes=rivals_answer(response, params, split,
                                                              profile, ratio)))
    out = execute(specs, measure_run, backend=backend or Backend(progress=False), pool=pool,
                  desc="against the rivals")
    return pd.DataFrame([{**label, "currency": profile.currency,
                          **scaled(result.figures, ratio)}
                         for label, result in zip(labels, out)])


def scaled(figures: dict[str, float], ratio: float) -> dict[str, float]:
    """The competition figures at the firm's size (people and messages over `ratio`)."""
    talk = [k for k in figures if k.startswith("firms_")
            and any(k.endswith(f"_{t}") for t in BRAND_TALK)]
    return {k: figures[k] if k in SHARES else figures[k] / ratio
            for k in (*COMPETITION, *talk)}
