"""A posterior sample on disk: written with the identity of the firm profile it was
fitted to and the fit's grade (which observed figures it missed, `analysis.fit_grade`),
and read back only after every column has been checked.

The identity (the profile's name and a hash of its content) lets `allocate` refuse a
posterior fitted to another firm, or to an earlier version of the same firm's figures,
instead of silently planning one firm's budget with another's market.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from experiments.analysis.firm_settings import ALL_PRIORS
from experiments.analysis.fit_grade import FitGrade
from experiments.errors import ScenarioError
from simulation import ParameterError, Params

FIRM_KEY = b"ripple_firm"   # Parquet footer key: {"name": ..., "content": ...}
FIT_KEY = b"ripple_fit"     # Parquet footer key: the fit's grade (analysis.fit_grade)
WEIGHT = "weight"


def write_posterior(draws: pd.DataFrame, identity: dict[str, str] | None, path: Path,
                    fit_grade: FitGrade | None = None) -> None:
    """The draws as Parquet, with the firm's identity and the fit's grade in the footer."""
    table = pa.Table.from_pandas(draws, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    if identity is not None:
        meta[FIRM_KEY] = json.dumps(identity)
    if fit_grade is not None:
        meta[FIT_KEY] = json.dumps(fit_grade.to_dict())
    pq.write_table(table.replace_schema_metadata(meta), path)


def read_fit_grade(path: Path) -> FitGrade | None:
    """The grade stored with a posterior sample (None for a sample stored without one)."""
    try:
        meta = pq.read_schema(path).metadata or {}
        return FitGrade.from_dict(json.loads(meta[FIT_KEY])) if FIT_KEY in meta else None
    except (OSError, pa.ArrowException, ValueError, TypeError, KeyError):
        raise ScenarioError(f"{path}: the stored fit grade cannot be read; run `ripple "
                            "calibrate` again") from None


def read_posterior(path: Path) -> tuple[pd.DataFrame, dict[str, Any] | None]:
    """(the checked draws, the identity of the firm they were fitted to, or None)."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as err:
        raise ScenarioError(f"{path}: cannot read the posterior sample "
                            f"({str(err).splitlines()[0][:120]})") from None
    meta = table.schema.metadata or {}
    try:
        identity = json.loads(meta[FIRM_KEY]) if FIRM_KEY in meta else None
    except ValueError:
        identity = None
    draws = table.to_pandas()
    check_draws(draws, path)
    return draws, identity


def check_draws(draws: pd.DataFrame, path: Path) -> None:
    """ScenarioError naming the file, the column and the value for anything that would
    make a plan meaningless: no rows, unknown columns, values not finite or outside the
    model's range, weights that are negative, not finite or all zero."""
    fitted = [p.name for p in ALL_PRIORS]
    if len(draws) == 0:
        raise ScenarioError(f"{path}: the posterior sample has no rows; run `ripple "
                            "calibrate` again")
    names = [c for c in draws.columns if c != WEIGHT]
    if not names:
        raise ScenarioError(f"{path}: no parameter columns (expected some of "
                            f"{', '.join(fitted)})")
    for name in draws.columns:
        if name != WEIGHT and name not in fitted:
            raise ScenarioError(f"{path}: column {name!r}: not a fitted parameter (expected "
                                f"{', '.join(fitted)} and {WEIGHT})")
        values = _numbers(draws[name], path, name)
        if name != WEIGHT:
            for value in (values.min(), values.max()):
                try:
                    Params.check_value(name, float(value))
                except ParameterError as err:
                    raise ScenarioError(f"{path}: column {name!r}: {err}") from None
    if WEIGHT in draws:
        weights = draws[WEIGHT].to_numpy(float)
        if (weights < 0).any():
            raise ScenarioError(f"{path}: column 'weight': {weights.min():g} is negative "
                                "(weights must be >= 0)")
        if weights.sum() <= 0:
            raise ScenarioError(f"{path}: column 'weight': every weight is 0 (at least one "
                                "must be > 0)")


def _numbers(column: pd.Series, path: Path, name: str) -> np.ndarray:
    if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        raise ScenarioError(f"{path}: column {name!r}: {column.dtype} values, expected "
                            "numbers")
    values = column.to_numpy(float)
    bad = ~np.isfinite(values)
    if bad.any():
        row = int(np.argmax(bad))
        raise ScenarioError(f"{path}: column {name!r}: row {row + 1} is {float(values[row])!r} "
                            "(must be a finite number)")
    return values


def check_identity(stored: dict[str, Any] | None, wanted: dict[str, str], path: Path,
                   firm: str) -> None:
    """ScenarioError unless the posterior at `path` was fitted to this very profile."""
    if stored == wanted:
        return
    if stored is None:
        what = "does not say which firm profile it was fitted to"
    elif stored.get("name") != wanted["name"]:
        what = f"was fitted to the firm profile {stored.get('name')!r}"
    else:
        what = "was fitted to other figures of this firm (the profile changed since)"
    raise ScenarioError(f"{path}: {what}, not to {firm}; run `ripple calibrate` on it "
                        "again, or pass --posterior to use this sample anyway")
