"""Reading TOML tables with errors that name the file, the key and the problem.

A `Table` wraps one parsed table and the path that leads to it, so a check deep in a
scenario (``strategies[2].budget``) reports exactly where the bad value sits.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from experiments.errors import ScenarioError
from simulation.parameters.params import suggest
from simulation.text_files import read_text


def find_toml(source: str | Path | None, folder: Path, default: str, shipped_as: str) -> Path:
    """A TOML file from a path, or the name of one shipped in `folder` (`default` when
    None). A path that exists is returned as it is, so reading it names a folder or an
    unreadable file; an unknown name lists what is shipped (`shipped_as`)."""
    if source is None:
        return folder / f"{default}.toml"
    path = Path(source)
    if path.exists():
        return path
    if (folder / f"{source}.toml").is_file():
        return folder / f"{source}.toml"
    shipped = sorted(p.stem for p in folder.glob("*.toml"))
    raise ScenarioError(f"{source}: file not found{suggest(path.stem, shipped)} "
                        f"({shipped_as}: {', '.join(shipped)})")


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The parsed TOML of the `what` file at `path`; one-line errors naming the file."""
    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{path}: not valid TOML ({err}{_repeated_key(text, err)})"
                            ) from None


def _repeated_key(text: str, err: tomllib.TOMLDecodeError) -> str:
    """'; key x is given twice' when tomllib refused a key set twice (it names only the
    line and column)."""
    found = re.search(r"line (\d+), column (\d+)", str(err))
    if "overwrite" not in str(err) and "declare" not in str(err) or not found:
        return ""
    lines = text.splitlines()
    number = int(found.group(1))
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    key = line.strip("[] ").split("=")[0].strip() if line.startswith("[") else \
        line.split("=")[0].strip()
    return f"; {key!r} is given twice" if key else ""


class Table:
    """One TOML table, its file and its key path."""

    def __init__(self, data: dict[str, Any], where: str, path: str = "") -> None:
        self.data, self.where, self.path = data, where, path

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def error(self, name: str, problem: str) -> ScenarioError:
        return ScenarioError(f"{self.where}: {self.key(name)}: {problem}")

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        for name in self.data:
            if name not in allowed:
                raise self.error(name, "unknown key" + suggest(name, allowed))

    def has(self, name: str) -> bool:
        return name in self.data

    def number(self, name: str, default: float | None = None, *, low: float | None = None,
               high: float | None = None, integer: bool = False, above: float | None = None
               ) -> Any:
        """A number (int for `integer`), checked against its range."""
        if name not in self.data:
            if default is None:
                raise self.error(name, "missing (required)")
            return default
        value = self.data[name]
        kind = "a whole number" if integer else "a number"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(name, f"{value!r} is not {kind}")
        if not math.isfinite(value):
            raise self.error(name, f"{value!r} must be finite")
        if integer and isinstance(value, float) and not value.is_integer():
            raise self.error(name, f"{value!r} is not {kind}")   # ints stay exact (2**63-1)
        if low is not None and value < low:
            raise self.error(name, f"{value!r} is out of range: must be >= {low:g}")
        if above is not None and value <= above:
            raise self.error(name, f"{value!r} is out of range: must be > {above:g}")
        if high is not None and value > high:
            raise self.error(name, f"{value!r} is out of range: must be <= {high:g}")
        return int(value) if integer else float(value)

    def text(self, name: str, default: str | None = None,
             choices: Iterable[str] | None = None) -> Any:
        """A string, optionally one of `choices` (a close match is suggested)."""
        if name not in self.data:
            if default is None:
                raise self.error(name, "missing (required)")
            return default
        value = self.data[name]
        if not isinstance(value, str):
            raise self.error(name, f"{value!r} is not text")
        if choices is not None and value not in choices:
            choices = list(choices)
            raise self.error(name, f"unknown value {value!r}{suggest(value, choices)}; "
                                   f"choose one of {', '.join(choices)}")
        return value

    def texts(self, name: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(name, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(name, f"{value!r} is not a list of text")
        return tuple(value)

    def table(self, name: str) -> Table | None:
        """A sub-table, or None when absent."""
        if name not in self.data:
            return None
        value = self.data[name]
        if not isinstance(value, dict):
            raise self.error(name, f"must be a table ([{self.key(name)}]), not {value!r}")
        return Table(value, self.where, self.key(name))

    def tables(self, name: str) -> list[Table]:
        """An array of tables ([[name]])."""
        value = self.data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(name, f"must be an array of tables ([[{self.key(name)}]])")
        return [Table(v, self.where, f"{self.key(name)}[{i}]") for i, v in enumerate(value)]
