"""`Params`: every parameter of one market, grouped by mechanism, validated once.

Flat overrides (``complaint_prob=0.1``) and dotted ones (``complaints.complaint_prob``)
both work, because every field name is unique across groups. Limits that involve several
parameters (ties per person against the population, communities on a small market) are
checked here too. With ``network.kind = 'edge_list'`` the file decides the population.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from simulation.errors import ParameterError
from simulation.network_kinds import size_problem
from simulation.parameters.competition import CompetitionParams
from simulation.parameters.fields import coerce, suggest
from simulation.parameters.firm_groups import AIMED
from simulation.parameters.firms import (
    ONE_FIRM_NAME,
    FirmSetting,
    firm_side_key,
    firm_tables,
    read_firms,
)
from simulation.parameters.groups import (
    GROUPS,
    AcquisitionParams,
    AttitudeParams,
    ChurnParams,
    ComplaintParams,
    CostParams,
    EconomicsParams,
    MarketParams,
    NetworkParams,
    PolicyParams,
    ServiceParams,
    WomParams,
)
from simulation.parameters.save_desk import SaveDeskParams
from simulation.parameters.segments import SegmentParams
from simulation.parameters.sides import FIELD_GROUP, FIRM, MARKET, SIDE
from simulation.parameters.tenure import TenureParams
from simulation.parameters.traits import TraitParams
from simulation.text_files import read_text

PRESET_DIR = Path(__file__).with_name("presets")


@dataclass(frozen=True)
class Params:
    """All parameters of one simulated market."""

    market: MarketParams = field(default_factory=MarketParams)
    network: NetworkParams = field(default_factory=NetworkParams)
    service: ServiceParams = field(default_factory=ServiceParams)
    complaints: ComplaintParams = field(default_factory=ComplaintParams)
    wom: WomParams = field(default_factory=WomParams)
    churn: ChurnParams = field(default_factory=ChurnParams)
    acquisition: AcquisitionParams = field(default_factory=AcquisitionParams)
    economics: EconomicsParams = field(default_factory=EconomicsParams)
    policy: PolicyParams = field(default_factory=PolicyParams)
    costs: CostParams = field(default_factory=CostParams)
    attitude: AttitudeParams = field(default_factory=AttitudeParams)
    traits: TraitParams = field(default_factory=TraitParams)
    segments: SegmentParams = field(default_factory=SegmentParams)
    tenure: TenureParams = field(default_factory=TenureParams)
    competition: CompetitionParams = field(default_factory=CompetitionParams)
    # the market's firms (`parameters.firms`): empty = one firm, these parameters
    firms: tuple[FirmSetting, ...] = ()
    save_desk: SaveDeskParams = field(default_factory=SaveDeskParams)

    def __post_init__(self) -> None:
        self._check_consistency()
        self._check_firms()
        if self.network.kind == "edge_list":
            self._take_population_from_edge_list()
        self._check_network_fits()

    def _check_consistency(self) -> None:
        w = self.wom
        for kind in ("positive", "negative"):
            low, high = getattr(w, f"{kind}_reach_min"), getattr(w, f"{kind}_reach_max")
            if low > high:
                raise ParameterError(f"wom.{kind}_reach_min = {low} must not exceed "
                                     f"wom.{kind}_reach_max = {high}")
        if self.network.kind == "edge_list" and not self.network.edge_list_path:
            raise ParameterError("network.edge_list_path must name a file when "
                                 "network.kind = 'edge_list'")
        if sum(self.rater_weights()) <= 0:
            raise ParameterError("service.weight_*: at least one RATER weight must be > 0")
        self._check_targets()

    def _check_targets(self) -> None:
        """A lever aimed at a segment needs the market to have people in it."""
        for lever in AIMED:
            segment = getattr(self.policy, f"{lever}_segment")
            if segment and getattr(self.segments, f"{segment}_share") <= 0:
                used = ", ".join(self.segments.used()) or "none"
                raise ParameterError(f"policy.{lever}_segment = {segment!r}: the market has no "
                                     f"such people (segments.{segment}_share is 0; segments "
                                     f"with people: {used})")

    def _check_firms(self) -> None:
        """The firms' customers at the start must fit in the market; a firm entering later
        starts with none, and one firm at least is there from the start."""
        if len(self.firms) < 2:
            return
        views = self.firm_views()
        for setting, view in zip(self.firms, views):
            if view.market.entry_month > 0 and view.market.initial_customer_share > 0:
                raise ParameterError(f"firms ({setting.name}): entry_month = "
                                     f"{view.market.entry_month:g} with initial_customer_share "
                                     f"= {view.market.initial_customer_share:g}: a firm "
                                     "entering later starts with no customers (set it to 0)")
        if min(v.market.entry_month for v in views) > 0:
            raise ParameterError("firms: every entry_month is after 0: at least one firm "
                                 "must be in the market from the start (entry_month = 0)")
        total = sum(v.market.initial_customer_share for v in views)
        if total > 1.0:
            raise ParameterError(f"firms: initial_customer_share adds up to {total:g} over "
                                 "the firms: the total must be between 0 and 1")

    def _take_population_from_edge_list(self) -> None:
        """With kind = 'edge_list' the file decides how many people the market has."""
        from simulation.network.edge_list import people_in  # graph code, only when needed
        path = self.network.edge_list_path
        try:
            people = people_in(path)
        except FileNotFoundError:
            raise ParameterError(f"network.edge_list_path = {path!r}: file not found") from None
        except ValueError as err:
            raise ParameterError(f"network.edge_list_path: {err}") from None
        population = next(f for f in dataclasses.fields(MarketParams) if f.name == "population")
        low, high = population.metadata["low"], population.metadata["high"]
        if not low <= people <= high:
            raise ParameterError(f"network.edge_list_path = {path!r} holds {people:,} people "
                                 f"(largest id + 1): market.population must be between "
                                 f"{low} and {high:,}")
        if people != self.market.population:
            market = dataclasses.replace(self.market, population=people)
            object.__setattr__(self, "market", market)

    def _check_network_fits(self) -> None:
        n, net = self.market.population, self.network
        problem = size_problem(net.kind, n, net.mean_degree, net.community_size,
                               net.weak_tie_share)
        if problem:
            extra = (f", network.community_size = {net.community_size}, "
                     f"network.weak_tie_share = {net.weak_tie_share:g}"
                     if net.kind == "communities" else "")
            raise ParameterError(f"network.mean_degree = {net.mean_degree:g} does not fit "
                                 f"market.population = {n} (network.kind = {net.kind!r}"
                                 f"{extra}): {problem}")

    def rater_weights(self) -> tuple[float, ...]:
        s = self.service
        return (s.weight_reliability, s.weight_assurance, s.weight_tangibles,
                s.weight_empathy, s.weight_responsiveness)

    # ----- firms ------------------------------------------------------------------
    def firm_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.firms) or (ONE_FIRM_NAME,)

    def firm_views(self) -> tuple[Params, ...]:
        """Each firm's full parameters: these with its firm-side settings applied and no
        firms of its own; with no firms listed, these parameters alone."""
        if len(self.firms) < 2:
            return (self,)
        base = dataclasses.replace(self, firms=())
        return tuple(base.replace(**f.overrides) for f in self.firms)

    def with_firms(self, firms: tuple[FirmSetting, ...]) -> Params:
        """A copy with these firms; a single firm's settings become the market's own."""
        if len(firms) == 1:
            return dataclasses.replace(self.replace(**firms[0].overrides),
                                       firms=(FirmSetting(firms[0].name),))
        return dataclasses.replace(self, firms=tuple(firms))

    def with_firm_tables(self, tables: list[dict[str, Any]], where: str = "firms") -> Params:
        """A copy with the firms of `[[firms]]`-style tables (``{"name": ..., setting:
        value}``), checked as a scenario's are."""
        return self.with_firms(read_firms(tables, where, self.check_value))

    def with_firm(self, k: int, **overrides: Any) -> Params:
        """A copy with firm `k`'s firm-side settings changed (checked like any setting;
        a market-side name is refused)."""
        names = self.firm_names()
        if not 0 <= k < len(names):
            raise ParameterError(f"firm = {k}: must be between 0 and {len(names) - 1}")
        flat = {firm_side_key(key, v, f"firm {names[k]!r}"): v for key, v in overrides.items()}
        for key, value in flat.items():
            self.check_value(key, value)
        if len(self.firms) < 2:
            return self.replace(**flat)
        firms = list(self.firms)
        firms[k] = firms[k].changed(**flat)
        return self.with_firms(tuple(firms))

    # ----- construction -------------------------------------------------------------
    @classmethod
    def preset(cls, name: str) -> Params:
        """A named preset shipped with Ripple: 'folklore' or 'evidence'."""
        path = PRESET_DIR / f"{name}.toml"
        if not path.is_file():
            raise ParameterError(f"unknown preset {name!r}: choose one of "
                                 f"{', '.join(available_presets())}")
        return cls.from_toml(path)

    @classmethod
    def from_dict(cls, nested: dict[str, Any], *, where: str = "parameters") -> Params:
        """Build from ``{group: {field: value}}``; unknown names are named in the error."""
        groups: dict[str, Any] = {}
        nested = dict(nested)
        firms = read_firms(nested.pop("firms", None), where, cls.check_value)
        for group, values in nested.items():
            if group not in GROUPS:
                raise ParameterError(f"{where}: unknown section [{group}]{suggest(group, GROUPS)}")
            if not isinstance(values, dict):
                raise ParameterError(f"{where}: [{group}] must be a table of parameters")
            known = {f.name for f in dataclasses.fields(GROUPS[group])}
            for key in values:
                if key not in known:
                    raise ParameterError(f"{where}: unknown parameter {group}.{key}"
                                         f"{suggest(key, known)}")
            groups[group] = GROUPS[group](**values)
        return cls(**groups).with_firms(firms)

    @classmethod
    def from_toml(cls, path: str | Path) -> Params:
        """Load parameters from a TOML file of ``[group]`` tables."""
        path = Path(path)
        try:
            data = tomllib.loads(read_text(path, "parameter"))
        except FileNotFoundError as err:
            raise ParameterError(str(err)) from None
        except tomllib.TOMLDecodeError as err:
            raise ParameterError(f"{path}: not valid TOML ({err})") from None
        data.pop("preset", None)
        return cls.from_dict(data, where=str(path))

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {g: dataclasses.asdict(getattr(self, g)) for g in GROUPS}

    def to_toml(self, path: str | Path) -> None:
        data: dict[str, Any] = self.to_dict()
        if self.firms:
            data["firms"] = firm_tables(self.firms)
        Path(path).write_text(tomli_w.dumps(data))

    def flat(self) -> dict[str, Any]:
        """``{field: value}`` over all groups: the columns of a tidy run table."""
        return {k: v for group in self.to_dict().values() for k, v in group.items()}

    def market_side(self) -> dict[str, Any]:
        """``{field: value}`` of the market: people, network and behaviour (see `sides`)."""
        return {k: v for k, v in self.flat().items() if SIDE[k] == MARKET}

    def firm_side(self) -> dict[str, Any]:
        """``{field: value}`` of the firm: policy, levers, prices and accounts; another
        firm in the same market is ``params.replace(**other.firm_side())``."""
        return {k: v for k, v in self.flat().items() if SIDE[k] == FIRM}

    @staticmethod
    def check_value(key: str, value: Any) -> None:
        """Check one flat or dotted parameter against its own range (not the others)."""
        group, name = _locate(key)
        field_ = next(f for f in dataclasses.fields(GROUPS[group]) if f.name == name)
        coerce(group, field_, value)

    def replace(self, **overrides: Any) -> Params:
        """A copy with some parameters changed, by flat or dotted name."""
        by_group: dict[str, dict[str, Any]] = {}
        for key, value in overrides.items():
            group, name = _locate(key)
            by_group.setdefault(group, {})[name] = value
        changed = {g: dataclasses.replace(getattr(self, g), **v) for g, v in by_group.items()}
        return dataclasses.replace(self, **changed)


def _locate(key: str) -> tuple[str, str]:
    if "." in key:
        group, name = key.split(".", 1)
        if group in GROUPS and FIELD_GROUP.get(name) == group:
            return group, name
    elif key in FIELD_GROUP:
        return FIELD_GROUP[key], key
    raise ParameterError(f"unknown parameter {key!r}{suggest(key.split('.')[-1], FIELD_GROUP)}")


def available_presets() -> list[str]:
    return sorted(p.stem for p in PRESET_DIR.glob("*.toml"))
