"""What flips the answer: scenario discovery (PRIM, from ema_workbench) over the
uncertain assumptions behind a plan, turned into plain sentences.

Each sampled case draws the fitted behaviour from the posterior, the assumption set
(folklore or evidence) for what was not fitted, and a price multiplier per lever
(log-uniform between half and twice the quoted price, CAC included). The winning plan
and its best rival run on the same case with the same seed; PRIM then finds the box
of assumptions where the rival wins instead (or, when it never does, where the winner
is surest), with its coverage (share of all such cases inside the box) and density
(share of cases inside the box that are such cases).
"""

from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.analysis.allocate import Split, apply_split
from experiments.analysis.calibrate import FitSettings, Prior, fit_market
from experiments.analysis.firm_figures import FigureRun, measure_run
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_profile import FirmProfile
from simulation import Params

PRESETS = ("folklore", "evidence")
PRICES = {"cac": "the acquisition cost (CAC)",
          "handler_cost_per_month": "the price of a complaint handler",
          "quality_point_cost": "the price of better service",
          "referral_budget_scale": "the price of referral rewards",
          "retention_cost_ratio": "the price of a follow-up contact"}
PRICE_RANGE = (0.5, 2.0)
DENSITY = 0.8
CLEAR = 0.5      # a box less dense than this is no rule a reader can act on


@dataclass
class Cases:
    """Sampled assumptions (one row per case) and whether the winner won each."""

    inputs: pd.DataFrame
    winner_wins: np.ndarray
    differences: np.ndarray


def preset_differences() -> dict[str, dict[str, object]]:
    """Per preset, the values of every parameter on which the presets disagree."""
    flat = {name: Params.preset(name).flat() for name in PRESETS}
    keys = [k for k in flat[PRESETS[0]] if flat[PRESETS[0]][k] != flat[PRESETS[1]][k]]
    return {name: {k: flat[name][k] for k in keys} for name in PRESETS}


def sample_cases(draws: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """`n` cases: a posterior draw, an assumption set, a multiplier per price."""
    rng = np.random.default_rng(seed)
    picks = draws.iloc[rng.integers(0, len(draws), n)].reset_index(drop=True)
    low, high = (math.log(x) for x in PRICE_RANGE)
    prices = pd.DataFrame({k: np.exp(rng.uniform(low, high, n)) for k in PRICES})
    assumptions = pd.Categorical(rng.choice(PRESETS, n), categories=list(PRESETS))
    return pd.concat([picks, prices, pd.DataFrame({"assumptions": assumptions})], axis=1)


def case_market(market: Params, case: dict, fitted: list[str],
                presets: dict[str, dict[str, object]]) -> Params:
    """The market of one case: assumption set, then fitted draw, then prices."""
    flat = market.flat()
    params = market.replace(**presets[case["assumptions"]])
    params = params.replace(**{k: case[k] for k in fitted})
    scaled = {k: flat[k] * case[k] for k in PRICES}
    # the follow-up price is retention_cost_ratio x CAC: keep it apart from the CAC's
    scaled["retention_cost_ratio"] = min(scaled["retention_cost_ratio"] / case["cac"], 10.0)
    return params.replace(**scaled)


def run_cases(profile: FirmProfile, market: Params, draws: pd.DataFrame, winner: Split,
              rival: Split, n: int = 160, metric: str = "profit_npv", seed: int = 0,
              population: int | None = None, backend: Backend | None = None,
              pool=None) -> Cases:
    """Winner and rival on `n` sampled cases, paired (same seed per case)."""
    small = fit_market(market, FitSettings(population=population))
    ratio = small.market.population / market.market.population
    cases = sample_cases(draws, n, seed)
    fitted, presets = list(draws.columns), preset_differences()
    seeds = replication_seeds(seed + 7, n)
    specs = []
    for i, case in enumerate(cases.to_dict("records")):
        base = case_market(small, case, fitted, presets)
        for tag, split in (("winner", winner), ("rival", rival)):
            scaled = {k: v * ratio for k, v in split.items()}
            specs.append(FigureRun(f"case-{i}-{tag}", apply_split(
                base, scaled, profile.quality_dimension), seeds[i], profile.horizon_months))
    out = execute(specs, measure_run, backend=backend or Backend(progress=False), pool=pool,
                  desc="what flips it")
    values = np.array([r.figures[metric] for r in out]).reshape(n, 2) / ratio
    diff = values[:, 0] - values[:, 1]
    return Cases(cases, diff > 0, diff)


@dataclass
class Finding:
    """One PRIM box in words."""

    outcome: str                 # "winner" or "rival": whose wins the box describes
    conditions: list[str]
    limits: dict[str, tuple]     # column -> (low, high) or set of categories
    coverage: float
    density: float
    share: float                 # share of all cases with this outcome

    def sentence(self, winner: str, rival: str) -> str:
        who, other = (winner, rival) if self.outcome == "winner" else (rival, winner)
        when = " and ".join(self.conditions) if self.conditions else "in almost every case"
        return (f"{who[0].upper() + who[1:]} beats {other} when {when} "
                f"(coverage {self.coverage:.0%}, density {self.density:.0%}; "
                f"{self.share:.0%} of all sampled cases).")


def discover(cases: Cases, priors: tuple[Prior, ...]) -> Finding | None:
    """PRIM on the rarer outcome (the flip); None when either outcome is too rare."""
    with warnings.catch_warnings():   # ema_workbench warns about optional extras
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim
    logging.getLogger("EMA").setLevel(logging.ERROR)
    wins = cases.winner_wins
    outcome = "rival" if wins.mean() >= 0.5 else "winner"
    y = ~wins if outcome == "rival" else wins
    if y.sum() < max(3, 0.03 * y.size):
        return None
    box = prim.Prim(cases.inputs, y, peel_alpha=0.1).find_box()
    _select(box)
    limits = _restricted(box, cases.inputs)
    words = {p.name: p.words for p in priors} | PRICES | {"assumptions": "assumptions"}
    conditions = [_condition(words.get(k, k), k, lim) for k, lim in limits.items()]
    return Finding(outcome, conditions, limits, float(box.coverage), float(box.density),
                   float(y.mean()))


def _select(box) -> None:
    """The widest box (most coverage) with density >= DENSITY and at most 3 limits;
    failing that, the densest box with at most 3 limits (a sentence people can read)."""
    traj = box.peeling_trajectory
    short = traj[traj["res_dim"] <= 3]
    short = short if len(short) else traj
    dense = short[short["density"] >= DENSITY]
    index = dense["coverage"].idxmax() if len(dense) else short["density"].idxmax()
    box.select(int(index))


def _restricted(box, inputs: pd.DataFrame) -> dict[str, tuple]:
    lims, out = box.box_lim, {}
    for col in inputs.columns:
        low, high = lims[col].iloc[0], lims[col].iloc[1]
        if isinstance(low, set):
            if low != set(inputs[col].cat.categories):
                out[col] = (low,)
            continue
        lo_cut = low > inputs[col].min()
        hi_cut = high < inputs[col].max()
        if lo_cut or hi_cut:
            out[col] = (low if lo_cut else None, high if hi_cut else None)
    return out


def _condition(words: str, column: str, limit: tuple) -> str:
    if len(limit) == 1:
        return f"the {' or '.join(sorted(limit[0]))} assumptions hold"
    low, high = limit
    unit = " times the quoted price" if column in PRICES else ""
    if low is not None and high is not None:
        return f"{words} is between {low:.3g} and {high:.3g}{unit}"
    if low is not None:
        return f"{words} is above {low:.3g}{unit}"
    return f"{words} is below {high:.3g}{unit}"


def flip_sentences(cases: Cases, finding: Finding | None, winner: str, rival: str
                   ) -> list[str]:
    """What flips it, in sentences: the share each plan wins, then the PRIM box."""
    share = float(cases.winner_wins.mean())
    lines = [f"Over {len(cases.winner_wins)} sampled cases (posterior, folklore or evidence "
             f"assumptions, lever prices from half to twice the quote) {winner} beats "
             f"{rival} in {share:.0%}."]
    if finding is None:
        lines.append("No region of the assumptions flips the answer: the other outcome is "
                     "too rare to describe.")
    elif finding.density < CLEAR:
        lines.append(f"No clear region flips it: the best box PRIM finds is only "
                     f"{finding.density:.0%} dense ({finding.sentence(winner, rival)})")
    else:
        lines.append(finding.sentence(winner, rival))
    return lines
