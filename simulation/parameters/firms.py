"""The firms of one market: each a name and the firm-side settings where it differs.

Choice: a firm is not a second copy of every parameter but a `FirmSetting` (its name and
the firm-side values that differ from the scenario's own), kept in `Params.firms`. The
scenario's firm-side values are every firm's defaults; a firm's full parameters are its
*view*, ``params.replace(**setting.overrides)`` with no firms of its own
(`Params.firm_views`). Market-side settings (people, network, behaviour, see `sides`)
are shared and refused in a firm table. No firms listed = one firm, the scenario itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulation.errors import ParameterError
from simulation.parameters.fields import suggest
from simulation.parameters.sides import FIELD_GROUP, FIRM, SIDE

Check = Callable[[str, Any], None]   # checks one setting against its range (Params.check_value)

MAX_FIRMS = 8
ONE_FIRM_NAME = "the firm"
SHARED = ("currency",)   # firm-side by group, but one value for the whole market


@dataclass(frozen=True)
class FirmSetting:
    """One firm: its name and its firm-side settings that differ, as (name, value) pairs."""

    name: str
    settings: tuple[tuple[str, Any], ...] = ()

    @property
    def overrides(self) -> dict[str, Any]:
        return dict(self.settings)

    def changed(self, **overrides: Any) -> FirmSetting:
        return FirmSetting(self.name, tuple({**self.overrides, **overrides}.items()))


def firm_side_key(key: str, value: Any, where: str) -> str:
    """The flat name of a firm-side setting (flat or dotted), or a one-line error."""
    name = key.split(".")[-1]
    group = key.split(".")[0] if "." in key else FIELD_GROUP.get(name)
    if name not in SIDE or FIELD_GROUP[name] != group:
        firm_keys = [k for k, s in SIDE.items() if s == FIRM]
        raise ParameterError(f"{where}: unknown key {key} = {value!r}"
                             f"{suggest(name, firm_keys)}; a firm table takes 'name' and "
                             "firm-side settings")
    if name in SHARED:
        raise ParameterError(f"{where}: {key} = {value!r} is shared by every firm (every "
                             "money figure is in the scenario's currency): set it in "
                             "[parameters]")
    if SIDE[name] != FIRM:
        raise ParameterError(f"{where}: {key} = {value!r} is a market-side setting, shared "
                             "by every firm: set it in [parameters], not in a firm table")
    return name


def read_firm(table: Any, index: int, where: str, check: Check, key: str = "firms"
              ) -> FirmSetting:
    """One `[[firms]]` table: `name` plus firm-side settings (flat, dotted or by group);
    `key` is where the tables sit in the file (for messages)."""
    here = f"{where}: {key}[{index + 1}]"
    if not isinstance(table, dict):
        raise ParameterError(f"{here}: expected a [[firms]] table, got {table!r}")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(f"{here}: name = {name!r}: each firm needs a name (text)")
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if key == "name":
            continue
        pairs = value.items() if isinstance(value, dict) else [(None, value)]
        for sub, v in pairs:
            full = key if sub is None else f"{key}.{sub}"
            flat[firm_side_key(full, v, f"{here} ({name})")] = v
    for key, value in flat.items():
        try:
            check(key, value)
        except ParameterError as err:
            raise ParameterError(f"{here} ({name}): {err}") from None
    return FirmSetting(name.strip(), tuple(flat.items()))


def read_firms(tables: Any, where: str, check: Check, key: str = "firms",
               taken: tuple[str, ...] = ()) -> tuple[FirmSetting, ...]:
    """All `[[firms]]` tables of a file, checked: 1 to `MAX_FIRMS` (with the firms already
    `taken`), distinct names; `key` is where the tables sit in the file (for messages)."""
    if tables is None:
        return ()
    if not isinstance(tables, list):
        raise ParameterError(f"{where}: {key} must be a list of [[{key}]] tables")
    most = MAX_FIRMS - len(taken)
    if not 1 <= len(tables) <= most:
        raise ParameterError(f"{where}: {key} lists {len(tables)} firms: between 1 and "
                             f"{most} allowed")
    firms = tuple(read_firm(t, i, where, check, key) for i, t in enumerate(tables))
    seen = {name.lower() for name in taken}
    for i, firm in enumerate(firms):
        if firm.name.lower() in seen:
            raise ParameterError(f"{where}: {key}[{i + 1}]: name = {firm.name!r} is used "
                                 "twice: each firm needs its own name")
        seen.add(firm.name.lower())
    return firms


def firm_tables(firms: tuple[FirmSetting, ...]) -> list[dict[str, Any]]:
    """The firms as `[[firms]]` tables (the inverse of `read_firms`)."""
    return [{"name": f.name, **f.overrides} for f in firms]
