"""Scenarios: a base preset, parameter overrides, strategies with budgets, horizon,
replications and seed, read from TOML files under `experiments/scenarios/`.

A scenario is plain data. `load_scenario("budget_split")` finds a shipped file by name;
any path works too. Every problem in a file is reported as ``file: key: problem``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from experiments.errors import ScenarioError
from experiments.scenarios.metrics import METRICS
from experiments.scenarios.parts import (
    FlipSpec,
    LostSpec,
    SweepSpec,
    read_flip,
    read_lost,
    read_sweep,
)
from experiments.scenarios.segments_table import read_segments
from experiments.scenarios.table import Table, find_toml, read_toml
from simulation import ParameterError, Params, available_presets
from simulation.horizon import MAX_MONTHS, MAX_SEED, check_horizon
from simulation.parameters.firms import read_firms
from simulation.parameters.params import suggest
from simulation.parameters.segments import SEGMENTS
from simulation.rival_response import RULES, RivalResponse
from simulation.service import RATER
from simulation.strategies import AIMABLE, STRATEGIES, Strategy

SCENARIO_DIR = Path(__file__).parent
DEFAULT_SCENARIO = "budget_split"
TOP_KEYS = ("name", "description", "preset", "months", "replications", "seed", "metric",
            "budget", "headline", "parameters", "strategies", "flip", "sweep",
            "lost_customer", "segments", "firms", "rival_response", "rival_lag")


@dataclass(frozen=True)
class Scenario:
    """What to simulate: one market's parameters under several strategies."""

    name: str
    params: Params
    strategies: dict[str, Strategy]
    months: float = 60.0
    replications: int = 20
    seed: int = 0
    metric: str = "profit_npv"
    description: str = ""
    preset: str = "folklore"
    overrides: dict[str, Any] = field(default_factory=dict)
    headline: tuple[str, str] | None = None
    flip: FlipSpec | None = None
    sweep: SweepSpec | None = None
    lost_customer: LostSpec = field(default_factory=LostSpec)
    source: str = ""
    rival_response: RivalResponse = field(default_factory=RivalResponse)

    def __post_init__(self) -> None:
        try:   # the horizon depends on the step length: checked whenever either changes
            check_horizon(self.months, self.params.market.step_months)
        except ParameterError as err:
            raise ScenarioError(f"{self.source or self.name}: {err}") from None

    def replace(self, **changes: Any) -> Scenario:
        return dataclasses.replace(self, **changes)

    def with_overrides(self, overrides: dict[str, Any], where: str = "--set") -> Scenario:
        """The same scenario with more parameter overrides (e.g. from ``--set``)."""
        if not overrides:
            return self
        params = _apply_overrides(self.params, overrides, where)
        return self.replace(params=params, overrides={**self.overrides, **overrides})

    def with_budget(self, budget: float) -> Scenario:
        """The same scenario with every strategy but the baseline spending `budget` a month."""
        strategies = {k: dataclasses.replace(v, budget=0.0 if v.name == "baseline" else budget)
                      for k, v in self.strategies.items()}
        return self.replace(strategies=strategies)

    def describe(self) -> dict[str, Any]:
        """JSON-ready description for result manifests and reports."""
        return {"name": self.name, "description": self.description, "preset": self.preset,
                "overrides": self.overrides, "months": self.months,
                "replications": self.replications, "seed": self.seed, "metric": self.metric,
                "strategies": {k: dataclasses.asdict(s) for k, s in self.strategies.items()},
                "headline": list(self.headline) if self.headline else None,
                "population": self.params.market.population,
                "currency": self.params.economics.currency, "source": self.source,
                **({"rival_response": dataclasses.asdict(self.rival_response)}
                   if len(self.params.firms) > 1 else {})}


def builtin_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def resolve(source: str | Path | None) -> Path:
    """A scenario path from a path or the name of a shipped scenario."""
    return find_toml(source, SCENARIO_DIR, DEFAULT_SCENARIO, "built-in scenarios")


def load_scenario(source: str | Path | None = None) -> Scenario:
    """Read and validate a scenario file (or a shipped scenario by name)."""
    path = resolve(source)
    return scenario_from_dict(read_toml(path, "scenario"), where=str(path), name=path.stem)


def scenario_from_dict(data: dict[str, Any], where: str = "scenario",
                       name: str = "scenario") -> Scenario:
    """Validate a parsed scenario table and build the `Scenario`."""
    top = Table(data, where)
    top.check_keys(TOP_KEYS)
    preset = top.text("preset", "folklore", choices=available_presets())
    overrides = {**_read_overrides(top), **read_segments(top.table("segments"))}
    params = _apply_overrides(Params.preset(preset), overrides, where)
    params = _read_firms(data.get("firms"), params, where)
    strategies = _read_strategies(top, params)
    headline = _read_headline(top, strategies)
    months = top.number("months", 60.0, above=0, high=MAX_MONTHS)
    return Scenario(
        name=top.text("name", name), description=top.text("description", ""),
        params=params, strategies=strategies, preset=preset, overrides=overrides,
        months=months, rival_response=_read_response(top, params, months),
        replications=top.number("replications", 20, low=1, high=100_000, integer=True),
        seed=top.number("seed", 0, low=0, high=MAX_SEED, integer=True),
        metric=top.text("metric", "profit_npv", choices=METRICS), headline=headline,
        flip=read_flip(top.table("flip"), params, strategies, headline),
        sweep=read_sweep(top.table("sweep"), params),
        lost_customer=read_lost(top.table("lost_customer")), source=where)


def _read_response(top: Table, params: Params, months: float) -> RivalResponse:
    """rival_response ("hold" or "match") and rival_lag (months before a match)."""
    rule = top.text("rival_response", "hold", choices=RULES)
    lag = top.number("rival_lag", 6.0, low=0, high=MAX_MONTHS)
    if rule == "match" and len(params.firms) < 2:
        raise top.error("rival_response", "'match' needs rivals: list two or more [[firms]] "
                                          "(allowed with one firm: 'hold')")
    if top.has("rival_lag") and rule != "match":
        raise top.error("rival_lag", f"{lag:g} is read only with rival_response = 'match'")
    if rule == "match" and lag >= months:
        raise top.error("rival_lag", f"{lag:g} months is not before the end of the run: "
                                     f"must be < months ({months:g})")
    return RivalResponse(rule, lag)


def _read_overrides(top: Table) -> dict[str, Any]:
    """[parameters]: flat names, dotted names, or [parameters.<group>] tables."""
    table = top.table("parameters")
    if table is None:
        return {}
    flat: dict[str, Any] = {}
    for key, value in table.data.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            flat[key] = value
    return flat


def _read_firms(tables: Any, params: Params, where: str) -> Params:
    """[[firms]]: each firm's name and the firm-side settings where it differs from the
    scenario's own (none: one firm)."""
    try:
        return params.with_firms(read_firms(tables, where, Params.check_value))
    except ParameterError as err:
        message = str(err)
        raise ScenarioError(message if message.startswith(where) else
                            f"{where}: {message}") from None


def _apply_overrides(params: Params, overrides: dict[str, Any], where: str) -> Params:
    """Each value against its own range first (naming the key), then all as one change,
    so settings that only make sense together (kind = 'edge_list' and its path) apply."""
    prefix = "parameters." if where != "--set" else ""
    for key, value in overrides.items():
        try:
            Params.check_value(key, value)
        except ParameterError as err:
            raise ScenarioError(f"{where}: {prefix}{key}: {err}") from None
    try:
        return params.replace(**overrides)
    except ParameterError as err:
        raise ScenarioError(f"{where}: parameters: {err}") from None


def _read_strategies(top: Table, params: Params) -> dict[str, Strategy]:
    default_budget = top.number("budget", 0.0, low=0)
    out: dict[str, Strategy] = {}
    for table in top.tables("strategies") or [Table({"name": "baseline"}, top.where)]:
        table.check_keys(("name", "budget", "dimension", "label", "segment"))
        name = table.text("name", choices=STRATEGIES)
        budget = 0.0 if name == "baseline" else table.number("budget", default_budget, low=0)
        segment = _read_aim(table, name, params)
        strategy = Strategy(name, budget, table.text("dimension", "reliability",
                                                     choices=RATER), segment)
        label = table.text("label", strategy.label)
        if label in out:
            raise table.error("label", f"{label!r} appears twice; give each a distinct label")
        out[label] = strategy
    return out


def _read_aim(table: Table, name: str, params: Params) -> str:
    """A strategy's `segment`: a segment the market has people in, on a lever that can
    be aimed ('' when absent)."""
    if not table.has("segment"):
        return ""
    segment = table.text("segment", choices=params.segments.used() or SEGMENTS)
    if not params.segments.given:
        raise table.error("segment", f"{segment!r}: the market has no segments (add a "
                                     "[segments] table)")
    if name not in AIMABLE:
        raise table.error("segment", f"strategy {name!r} cannot be aimed at a segment; "
                                     f"only {', '.join(AIMABLE)} can")
    return segment


def _read_headline(top: Table, strategies: dict[str, Strategy]) -> tuple[str, str] | None:
    if not top.has("headline"):
        return None
    pair = top.texts("headline")
    if len(pair) != 2 or pair[0] == pair[1]:
        raise top.error("headline", "must name two strategies: [challenger, incumbent], "
                                    f"two different ones (got {list(pair)!r})")
    for label in pair:
        if label not in strategies:
            raise top.error("headline", f"{label!r} is not one of this scenario's strategies"
                                        f"{suggest(label, strategies)}")
    return pair[0], pair[1]
