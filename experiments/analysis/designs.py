"""Sweep designs: which parameter values to run. Samples come from SALib (Latin
hypercube, Sobol/Saltelli, Morris trajectories); a grid is every combination of listed
values; `cases` are named points written out in the scenario.

Designs are drawn on the unit cube and mapped to each parameter's range (linear or
log), so the unit coordinates can be handed back to SALib for the indices.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import numpy as np
import pandas as pd

from experiments.scenarios.parts import SweepParam, SweepSpec, typed_value
from simulation import Params

UNIT = "unit_"   # column prefix of a point's unit-cube coordinates


def problem(spec: SweepSpec) -> dict[str, Any]:
    """The SALib problem on the unit cube, one variable per swept parameter."""
    names = [p.name for p in spec.parameters]
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def to_value(param: SweepParam, unit: np.ndarray) -> np.ndarray:
    """Map unit coordinates onto the parameter's range."""
    low, high = float(param.low), float(param.high)
    if param.scale == "log":
        values = np.exp(math.log(low) + unit * (math.log(high) - math.log(low)))
    else:
        values = low + unit * (high - low)
    return np.clip(values, low, high)   # exp/log round-off must not leave the range


def unit_matrix(spec: SweepSpec, seed: int) -> np.ndarray:
    """Points on the unit cube, drawn by the spec's design."""
    prob, n = problem(spec), spec.samples
    if spec.design == "random":
        return np.random.default_rng(np.random.SeedSequence(seed)).random((n, prob["num_vars"]))
    if spec.design == "latin":
        from SALib.sample import latin
        return latin.sample(prob, n, seed=seed)
    if spec.design == "sobol":
        from SALib.sample import sobol
        with warnings.catch_warnings():   # SALib warns when n is not a power of 2
            warnings.simplefilter("ignore")
            return sobol.sample(prob, n, calc_second_order=False, seed=seed)
    if spec.design == "morris":
        from SALib.sample import morris
        return morris.sample(prob, n, num_levels=spec.levels, seed=seed)
    raise ValueError(f"not a sampled design: {spec.design}")


def point_count(spec: SweepSpec) -> int:
    """How many points `design_points` will make, counted without making them."""
    dims = len(spec.parameters)
    if spec.design == "cases":
        return len(spec.cases)
    if spec.design == "grid":
        return math.prod(len(p.values) if p.values is not None else p.levels
                         for p in spec.parameters)
    return spec.samples * {"sobol": dims + 2, "morris": dims + 1}.get(spec.design, 1)


def grid_values(param: SweepParam) -> list[Any]:
    if param.values is not None:
        return list(param.values)
    if param.levels == 1:
        return [param.low]
    return list(to_value(param, np.linspace(0.0, 1.0, param.levels)))


def design_points(spec: SweepSpec, params: Params, seed: int) -> pd.DataFrame:
    """One row per design point: `point`, each swept parameter's value, its unit
    coordinate (`unit_<name>`, sampled designs), and `case` for listed cases."""
    if spec.design == "cases":
        frame = pd.DataFrame([{"case": label, **values} for label, values in spec.cases])
    elif spec.design == "grid":
        combos = itertools.product(*(grid_values(p) for p in spec.parameters))
        frame = pd.DataFrame(list(combos), columns=[p.name for p in spec.parameters])
    else:
        unit = unit_matrix(spec, seed)
        frame = pd.DataFrame({p.name: to_value(p, unit[:, i])
                              for i, p in enumerate(spec.parameters)})
        for i, p in enumerate(spec.parameters):
            frame[UNIT + p.name] = unit[:, i]
    for p in spec.parameters:
        frame[p.name] = [typed_value(params, p.name, v) if isinstance(v, float) else v
                         for v in frame[p.name]]
    frame.insert(0, "point", np.arange(len(frame)))
    return frame


def point_overrides(point: pd.Series, names: list[str]) -> dict[str, Any]:
    """The parameter overrides of one design point (NaN cells of cases are skipped)."""
    out: dict[str, Any] = {}
    for name in names:
        value = point[name]
        if isinstance(value, float) and math.isnan(value):
            continue
        out[name] = value.item() if isinstance(value, np.generic) else value
    return out
