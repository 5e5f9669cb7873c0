"""The optional tables of a scenario: [flip], [sweep] and [lost_customer].

Each is plain data with a reader that checks it against the scenario's parameters, so
a bad name or range is reported with the file and key before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from experiments.scenarios.table import Table
from simulation import ParameterError, Params
from simulation.horizon import MAX_MONTHS
from simulation.parameters.params import suggest
from simulation.strategies import Strategy

DESIGNS = ("grid", "random", "latin", "sobol", "morris", "cases")
SAMPLED = ("random", "latin", "sobol", "morris")


@dataclass(frozen=True)
class FlipSpec:
    """Where to look for the value at which the winner between two strategies flips."""

    parameter: str            # "budget" (both strategies' budget) or a parameter name
    low: float
    high: float
    challenger: str
    incumbent: str
    scale: str = "log"
    steps: int = 5
    replications: int | None = None


@dataclass(frozen=True)
class SweepParam:
    """One swept parameter: explicit values (grid) or a range."""

    name: str
    low: float | None = None
    high: float | None = None
    values: tuple[Any, ...] | None = None
    levels: int = 5
    scale: str = "linear"


@dataclass(frozen=True)
class SweepSpec:
    """A design over parameters: grid, random, latin, sobol, morris or listed cases."""

    design: str
    parameters: tuple[SweepParam, ...] = ()
    samples: int = 64
    levels: int = 4
    cases: tuple[tuple[str, dict[str, Any]], ...] = ()

    @property
    def names(self) -> list[str]:
        if self.design == "cases":
            return sorted({k for _, case in self.cases for k in case})
        return [p.name for p in self.parameters]


@dataclass(frozen=True)
class LostSpec:
    """Lose `customers` chosen customers at `at_month`, in `replications` paired runs.
    Losing many at once (100 of ~3,000 customers) averages the ripple of each over many
    without making the shock large; see `lost_customer`."""

    at_month: float = 12.0
    customers: int = 100
    replications: int = 40


def check_value(table: Table, key: str, params: Params, name: str, value: Any) -> None:
    """Raise a file/key error unless `name = value` is a valid parameter setting."""
    try:
        params.replace(**{name: value})
    except ParameterError as err:
        raise table.error(key, str(err)) from None


def read_flip(table: Table | None, params: Params, strategies: dict[str, Strategy],
              headline: tuple[str, str] | None) -> FlipSpec | None:
    if table is None:
        return None
    table.check_keys(("parameter", "low", "high", "scale", "steps", "replications",
                      "challenger", "incumbent"))
    pair = headline or (None, None)
    challenger = table.text("challenger", pair[0])
    incumbent = table.text("incumbent", pair[1])
    for key, label in (("challenger", challenger), ("incumbent", incumbent)):
        if label not in strategies:
            raise table.error(key, f"{label!r} is not one of this scenario's strategies"
                                   f"{suggest(label, strategies)}")
    if challenger == incumbent:
        raise table.error("challenger", f"{challenger!r} is also the incumbent: a flip needs "
                                        "two different strategies")
    scale = table.text("scale", "log", choices=("log", "linear"))
    low = table.number("low", above=0 if scale == "log" else None)
    high = table.number("high", above=low)
    parameter = table.text("parameter")
    if parameter != "budget":
        for key, value in (("low", low), ("high", high)):
            check_value(table, "parameter" if key == "low" else key, params, parameter, value)
    reps = table.number("replications", 0, low=0, high=100_000, integer=True)
    return FlipSpec(parameter, low, high, challenger, incumbent, scale,
                    table.number("steps", 5, low=1, high=40, integer=True), reps or None)


def read_sweep(table: Table | None, params: Params) -> SweepSpec | None:
    if table is None:
        return None
    table.check_keys(("design", "samples", "levels", "parameters", "cases"))
    design = table.text("design", "grid", choices=DESIGNS)
    samples = table.number("samples", 64, low=1, high=10_000_000, integer=True)
    levels = table.number("levels", 4, low=2, high=100, integer=True)
    if design == "cases":
        return SweepSpec(design, (), samples, levels, _read_cases(table, params))
    ptable = table.table("parameters")
    if ptable is None or not ptable.data:
        raise table.error("parameters", "missing: name at least one parameter to sweep")
    swept = tuple(_read_param(ptable, name, params, design) for name in ptable.data)
    return SweepSpec(design, swept, samples, levels)


def _read_param(parent: Table, name: str, params: Params, design: str) -> SweepParam:
    table = parent.table(name)
    table.check_keys(("values", "low", "high", "levels", "scale"))
    check_value(parent, name, params, name, current_value(params, name))
    if table.has("values"):
        values = table.data["values"]
        if design != "grid":
            raise table.error("values", f"explicit values need design = 'grid', not {design!r}"
                                        "; give low and high instead")
        if not isinstance(values, list) or not values:
            raise table.error("values", "must be a non-empty list")
        for value in values:
            check_value(table, "values", params, name, value)
        return SweepParam(name, values=tuple(values))
    scale = table.text("scale", "linear", choices=("linear", "log"))
    low = table.number("low", above=0 if scale == "log" else None)
    high = table.number("high", above=low)
    for key, value in (("low", low), ("high", high)):
        check_value(table, key, params, name, typed_value(params, name, value))
    levels = table.number("levels", 5, low=1, high=10_000, integer=True)
    return SweepParam(name, low, high, None, levels, scale)


def _read_cases(table: Table, params: Params) -> tuple[tuple[str, dict[str, Any]], ...]:
    cases = []
    for case in table.tables("cases"):
        values = dict(case.data)
        label = values.pop("label", f"case{len(cases)}")
        if not isinstance(label, str):
            raise case.error("label", f"{label!r} is not text")
        for key, value in values.items():
            check_value(case, key, params, key, value)
        cases.append((label, values))
    if not cases:
        raise table.error("cases", "design = 'cases' needs at least one [[sweep.cases]] table")
    return tuple(cases)


def current_value(params: Params, name: str) -> Any:
    """The value of a flat or dotted parameter name (None when the name is unknown)."""
    return params.flat().get(name.split(".")[-1])


def typed_value(params: Params, name: str, value: float) -> Any:
    """A sampled float in the parameter's own type (whole numbers for int fields)."""
    current = current_value(params, name)
    if isinstance(current, int) and not isinstance(current, bool):
        return int(round(value))
    return float(value)


def read_lost(table: Table | None) -> LostSpec:
    if table is None:
        return LostSpec()
    table.check_keys(("at_month", "customers", "replications"))
    return LostSpec(table.number("at_month", 12.0, low=0, high=MAX_MONTHS),
                    table.number("customers", 100, low=1, high=10_000_000, integer=True),
                    table.number("replications", 40, low=2, high=100_000, integer=True))
