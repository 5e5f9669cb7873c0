"""Which parameters drive a result: SALib indices over a finished sweep.

Sobol designs get total Sobol indices, Morris designs the mean absolute elementary
effect (mu*), and grid, random and Latin designs the first-order index from RBD-FAST,
which accepts any sample.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from experiments.analysis.designs import UNIT


def unit_inputs(design: pd.DataFrame, names: list[str]) -> np.ndarray:
    """Inputs on the unit cube: sampled coordinates, or ranks of grid values."""
    columns = []
    for name in names:
        if UNIT + name in design:
            columns.append(design[UNIT + name].to_numpy(float))
            continue
        levels = np.unique(design[name])
        rank = np.searchsorted(levels, design[name])
        columns.append(rank / max(len(levels) - 1, 1))
    return np.column_stack(columns)


def point_means(runs: pd.DataFrame, metric: str, strategy: str,
                points: pd.Series) -> np.ndarray:
    """Mean of `metric` over replications at each design point, in design order."""
    own = runs[runs["strategy"] == strategy]
    return own.groupby("point")[metric].mean().reindex(points).to_numpy(float)


MIN_POINTS = 10   # fewer design points than this cannot rank parameters meaningfully


def rank_parameters(design: pd.DataFrame, runs: pd.DataFrame, metric: str, strategy: str,
                    method: str, names: list[str], levels: int = 4,
                    seed: int = 0) -> pd.DataFrame:
    """Parameters ranked by influence on `metric`: columns parameter, index, conf.
    Raises ValueError for designs too small or incomplete to analyse."""
    if len(design) < MIN_POINTS:
        raise ValueError(f"{len(design)} design points are too few to rank parameters "
                         f"(use at least {MIN_POINTS})")
    y = point_means(runs, metric, strategy, design["point"])
    if np.isnan(y).any():
        raise ValueError("the sweep is incomplete: some design points have no runs")
    prob = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if np.ptp(y) == 0:
        index, conf = np.zeros(len(names)), np.zeros(len(names))
    else:
        index, conf = _analyse(method, prob, unit_inputs(design, names), y, levels, seed)
    table = pd.DataFrame({"parameter": names, "index": index, "conf": conf})
    return table.sort_values("index", ascending=False, ignore_index=True)


def _analyse(method: str, prob: dict, x: np.ndarray, y: np.ndarray, levels: int,
             seed: int) -> tuple[np.ndarray, np.ndarray]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method == "sobol":
            from SALib.analyze import sobol
            res = sobol.analyze(prob, y, calc_second_order=False, seed=seed)
            return np.asarray(res["ST"]), np.asarray(res["ST_conf"])
        if method == "morris":
            from SALib.analyze import morris
            res = morris.analyze(prob, x, y, num_levels=levels, seed=seed)
            return np.asarray(res["mu_star"]), np.asarray(res["mu_star_conf"])
        from SALib.analyze import rbd_fast
        harmonics = max(1, min(10, y.size // 8))   # RBD-FAST needs N well above 2M
        res = rbd_fast.analyze(prob, x, y, M=harmonics, seed=seed)
        return np.asarray(res["S1"]), np.asarray(res["S1_conf"])
