"""What flips the answer: scenario discovery (PRIM, from ema_workbench) over the
uncertain assumptions behind a plan, turned into plain sentences.

Each sampled case draws the fitted behaviour from the posterior, the assumption set
(folklore or evidence) for what was not fitted, and a price multiplier per lever,
log-uniform: a price the firm states (CAC included) between half and twice its quote,
a price left at the model's default over the range its declaration calls plausible
(a follow-up contact at most what the model can charge). The winning plan, its best rival and
today's spend run on the same case with the same seed; PRIM then finds the box
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

from experiments.analysis.allocate import Split, spend_split
from experiments.analysis.allocate_plan import EXTENSIVE, rivals_answer
from experiments.analysis.calibrate import FitSettings, Prior, fit_market
from experiments.analysis.firm_figures import FigureRun, measure_run
from experiments.execution.runner import Backend, execute
from experiments.execution.runs import replication_seeds
from experiments.scenarios.firm_market import plausible, stated
from experiments.scenarios.firm_profile import FirmProfile, followup_ratio_max
from simulation import Params
from simulation.rival_response import RivalResponse

PRESETS = ("folklore", "evidence")
PRICES = {"cac": "the acquisition cost (CAC)",
          "handler_cost_per_month": "the price of a complaint handler",
          "quality_point_cost": "the price of better service",
          "referral_budget_scale": "the price of referral rewards",
          "retention_cost_ratio": "the price of a follow-up contact"}
PRICE_RANGE = (0.5, 2.0)
DENSITY = 0.8
CLEAR = 0.5      # a box less dense than this is no rule a reader can act on
OPTIONS = ("winner", "rival", "today")


def input_words(priors: tuple[Prior, ...]) -> dict[str, str]:
    """Every sampled input as a reader names it (after 'measuring ...')."""
    fitted = {p.name: p.words if p.words.startswith(("the ", "how ")) else f"the {p.words}"
              for p in priors}
    return fitted | PRICES | {"assumptions": "whether the folklore or the evidence "
                                              "assumptions hold"}


@dataclass
class Cases:
    """Sampled assumptions (one row per case) and whether the winner won each."""

    inputs: pd.DataFrame
    winner_wins: np.ndarray
    differences: np.ndarray
    values: pd.DataFrame | None = None    # metric per case (rows) and option (OPTIONS)


def preset_differences() -> dict[str, dict[str, object]]:
    """Per preset, the values of every parameter on which the presets disagree."""
    flat = {name: Params.preset(name).flat() for name in PRESETS}
    keys = [k for k in flat[PRESETS[0]] if flat[PRESETS[0]][k] != flat[PRESETS[1]][k]]
    return {name: {k: flat[name][k] for k in keys} for name in PRESETS}


def price_ranges(profile: FirmProfile, market: Params) -> dict[str, tuple[float, float]]:
    """Per price, the multipliers of today's value a case may take: half to twice a
    price the firm states, the declared plausible range of one left at its default."""
    flat, out = market.flat(), {}
    for name in PRICES:
        span = None if stated(profile, name) else plausible(name)
        out[name] = PRICE_RANGE if span is None or flat[name] <= 0 else (
            max(span[0], 1e-9) / flat[name], span[1] / flat[name])
    return out


def sample_cases(draws: pd.DataFrame, n: int, seed: int,
                 followup_ratio: float | None = None,
                 ranges: dict[str, tuple[float, float]] | None = None) -> pd.DataFrame:
    """`n` cases: a posterior draw, an assumption set, a multiplier per price (log-uniform
    over `ranges`, half to twice by default). With the market's `followup_ratio`
    (follow-up cost a year / CAC), a follow-up contact's multiplier stops where the
    model's maximum ratio would be passed at the case's CAC."""
    rng = np.random.default_rng(seed)
    picks = draws.iloc[rng.integers(0, len(draws), n)].reset_index(drop=True)
    ranges = {k: PRICE_RANGE for k in PRICES} | (ranges or {})
    logs = {k: (math.log(ranges[k][0]), math.log(ranges[k][1])) for k in PRICES}
    prices = pd.DataFrame({k: np.exp(rng.uniform(*logs[k], n)) for k in PRICES})
    if followup_ratio:
        low, high = logs["retention_cost_ratio"]
        top = np.minimum(math.exp(high),
                         followup_ratio_max() * prices["cac"] / followup_ratio)
        u = (np.log(prices["retention_cost_ratio"]) - low) / (high - low)
        prices["retention_cost_ratio"] = np.exp(low + u * (np.log(top) - low))
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
    # (sample_cases keeps it within the model's maximum, so it is charged as sampled)
    scaled["retention_cost_ratio"] = scaled["retention_cost_ratio"] / case["cac"]
    return params.replace(**scaled)


def run_cases(profile: FirmProfile, market: Params, draws: pd.DataFrame, winner: Split,
              rival: Split, n: int = 160, metric: str = "profit_npv", seed: int = 0,
              population: int | None = None, backend: Backend | None = None,
              pool=None, response: RivalResponse | None = None) -> Cases:
    """Winner, rival and today's spend on `n` sampled cases, paired (same seed per case);
    the rival firms, if any, answer each by `response` (default: hold)."""
    small = fit_market(market, FitSettings(population=population))
    ratio = small.market.population / market.market.population
    cases = sample_cases(draws, n, seed, small.economics.retention_cost_ratio,
                         price_ranges(profile, market))
    fitted, presets = list(draws.columns), preset_differences()
    seeds = replication_seeds(seed + 7, n)
    specs = []
    for i, case in enumerate(cases.to_dict("records")):
        base = case_market(small, case, fitted, presets)
        for tag, split in zip(OPTIONS, (winner, rival, {})):
            specs.append(FigureRun(f"case-{i}-{tag}", spend_split(base, split, profile, ratio),
                                   seeds[i], profile.horizon_months,
                                   firm_changes=rivals_answer(response or RivalResponse(),
                                                              base, split, profile, ratio)))
    out = execute(specs, measure_run, backend=backend or Backend(progress=False), pool=pool,
                  desc="what flips it")
    scale = 1.0 / ratio if metric in EXTENSIVE else 1.0
    values = np.array([r.figures[metric] for r in out]).reshape(n, len(OPTIONS)) * scale
    diff = values[:, 0] - values[:, 1]
    return Cases(cases, diff > 0, diff, pd.DataFrame(values, columns=list(OPTIONS)))


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
    limits = _select([_pruned(_restricted(lims, cases.inputs), cases.inputs, y)
                      for lims in box.box_lims], cases.inputs, y)
    coverage, density = _quality(limits, cases.inputs, y)
    words = input_words(priors)
    conditions = [_condition(words.get(k, k), k, lim) for k, lim in limits.items()]
    return Finding(outcome, conditions, limits, coverage, density, float(y.mean()))


def _inside(limits: dict[str, tuple], inputs: pd.DataFrame) -> np.ndarray:
    """Which cases lie in the box given by `limits` (unlimited columns: all)."""
    mask = np.ones(len(inputs), bool)
    for col, lim in limits.items():
        if len(lim) == 1:
            mask &= inputs[col].isin(lim[0]).to_numpy()
            continue
        low, high = lim
        x = inputs[col].to_numpy()
        mask &= (x >= low if low is not None else True) & (x <= high if high is not None
                                                           else True)
    return mask


def _quality(limits: dict[str, tuple], inputs: pd.DataFrame, y: np.ndarray
             ) -> tuple[float, float]:
    """(coverage, density) of a box."""
    inside = _inside(limits, inputs)
    hits = float(y[inside].sum())
    return hits / max(float(y.sum()), 1.0), hits / max(float(inside.sum()), 1.0)


def _pruned(limits: dict[str, tuple], inputs: pd.DataFrame, y: np.ndarray
            ) -> dict[str, tuple]:
    """The box without the limits it does not need: a limit goes when dropping it keeps
    the density within the binomial noise of the box's own (and at least DENSITY)."""
    limits = dict(limits)
    while len(limits) > 1:
        _, density = _quality(limits, inputs, y)
        n = max(float(_inside(limits, inputs).sum()), 1.0)
        noise = 1.96 * math.sqrt(max(density * (1 - density), 0.0) / n)
        trials = {col: _quality({k: v for k, v in limits.items() if k != col}, inputs, y)
                  for col in limits}
        col, (_, after) = max(trials.items(), key=lambda kv: kv[1][1])
        if after < max(density - noise, DENSITY):
            break
        limits.pop(col)
    return limits


def _select(boxes: list[dict[str, tuple]], inputs: pd.DataFrame, y: np.ndarray
            ) -> dict[str, tuple]:
    """The widest box (most coverage) with density >= DENSITY and at most 3 limits;
    failing that, the densest box with at most 3 limits (a sentence people can read)."""
    short = [b for b in boxes if len(b) <= 3] or boxes
    scored = [(b, *_quality(b, inputs, y)) for b in short]
    dense = [s for s in scored if s[2] >= DENSITY]
    if dense:
        return max(dense, key=lambda s: (s[1], -len(s[0])))[0]
    return max(scored, key=lambda s: s[2])[0]


def _restricted(lims: pd.DataFrame, inputs: pd.DataFrame) -> dict[str, tuple]:
    out = {}
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
    """What flips it, in sentences: the share each plan wins, then the region of the
    assumptions where the other outcome is common."""
    share = float(cases.winner_wins.mean())
    today = ""
    if cases.values is not None:
        beats = float((cases.values["winner"] > cases.values["today"]).mean())
        today = f", and today's spend in {beats:.0%}"
    lines = [f"Over {len(cases.winner_wins)} sampled cases (posterior, folklore or evidence "
             f"assumptions, stated prices from half to twice the quote, default prices "
             f"over their plausible ranges) {winner} beats "
             f"{rival} in {share:.0%}{today}."]
    if finding is None:
        lines.append("No region of the assumptions flips the answer: the other outcome is "
                     "too rare to describe.")
    elif finding.density < CLEAR:
        lines.append(f"No clear region flips it: the best region found is only "
                     f"{finding.density:.0%} dense ({finding.sentence(winner, rival)})")
    else:
        lines.append(finding.sentence(winner, rival))
    return lines
