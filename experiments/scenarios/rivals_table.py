"""A firm profile's rivals: `[[market.firms]]` tables, each a `name` and the firm-side
settings where the rival differs from the profile's own firm (firm 0), read by the same
reader as a scenario's `[[firms]]` (`simulation.parameters.firms.read_firms`), so a bad
entry is one line naming the file, the table, the value and the allowed range."""

from __future__ import annotations

from experiments.errors import ScenarioError
from experiments.scenarios.table import Table
from simulation import ParameterError, Params
from simulation.parameters.firms import FirmSetting, read_firms


def read_rivals(market: Table | None, name: str) -> tuple[FirmSetting, ...]:
    """The rivals in the profile's `[market]` table (none without `firms`); `name` is the
    profile's own firm, which no rival may be called."""
    if market is None or not market.has("firms"):
        return ()
    try:
        return read_firms(market.data["firms"], market.where, Params.check_value,
                          key="market.firms", taken=(name,))
    except ParameterError as err:
        raise ScenarioError(str(err)) from None
