"""Declared parameter fields: default, allowed range, published source, and the label and
unit a reader sees, in one place.

Every parameter group is a frozen dataclass whose fields are made with :func:`param`,
so validation, documentation and TOML round-trips all read the same metadata.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from typing import Any

from simulation.errors import ParameterError


def param(default: Any, *, low: float | None = None, high: float | None = None,
          choices: tuple[str, ...] | None = None, source: str, doc: str = "",
          label: str = "", unit: str = "",
          plausible: tuple[float, float] | None = None) -> Any:
    """A dataclass field that carries its allowed range and its source; `label` is how a
    reader names it (axis labels, table rows), `unit` what its value is counted in
    ("money" and "money a month" are in the scenario's currency). `plausible` is the
    range the evidence leaves open for a default no source pins down (every
    "assumption" has one), narrower than what the model accepts (`low`/`high`)."""
    meta = {"low": low, "high": high, "choices": choices, "source": source, "doc": doc,
            "label": label, "unit": unit, "plausible": plausible}
    return dataclasses.field(default=default, metadata=meta)


def suggest(name: str, known) -> str:
    """' (did you mean 'x'?)' for the closest known name, or ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def plausible_range(field: dataclasses.Field) -> str:
    """The range the evidence leaves open for an assumed default, in words ('' if cited)."""
    span = field.metadata.get("plausible")
    return "" if span is None else f"{span[0]:,.4g} to {span[1]:,.4g}"


def sourced(field: dataclasses.Field) -> str:
    """A field's source as a reader sees it: the citation, or "assumption" followed by
    the range the evidence leaves open."""
    span = plausible_range(field)
    return f"{field.metadata['source']} (plausible {span})" if span else field.metadata["source"]


def describe_range(field: dataclasses.Field) -> str:
    """Human text for a field's allowed values, used in error messages."""
    meta = field.metadata
    if meta.get("choices"):
        return "one of " + ", ".join(repr(c) for c in meta["choices"])
    low, high = meta.get("low"), meta.get("high")
    if low is not None and high is not None:
        return f"between {low} and {high}"
    if low is not None:
        return f">= {low}"
    if high is not None:
        return f"<= {high}"
    return f"of type {type(field.default).__name__}"


def coerce(group: str, field: dataclasses.Field, value: Any) -> Any:
    """Check one value against its field and return it in the field's type."""
    name = f"{group}.{field.name}"
    default = field.default
    expected = type(default)
    if expected is bool:
        if not isinstance(value, (bool, int)) or value not in (0, 1, True, False):
            raise ParameterError(f"{name} = {value!r}: expected true or false")
        return bool(value)
    if expected in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(f"{name} = {value!r}: expected a number "
                                 f"{describe_range(field)}")
        if not math.isfinite(value):
            raise ParameterError(f"{name} = {value}: expected a number {describe_range(field)}")
        if expected is int and float(value) != int(value):
            raise ParameterError(f"{name} = {value!r}: expected a whole number "
                                 f"{describe_range(field)}")
        return _check_range(name, field, expected(value))
    if not isinstance(value, str):
        raise ParameterError(f"{name} = {value!r}: expected text {describe_range(field)}")
    choices = field.metadata.get("choices")
    if choices and value not in choices:
        raise ParameterError(f"{name} = {value!r}: must be {describe_range(field)}")
    return value


def _check_range(name: str, field: dataclasses.Field, value: float) -> float:
    low, high = field.metadata.get("low"), field.metadata.get("high")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ParameterError(f"{name} = {value!r} is out of range: must be "
                             f"{describe_range(field)}")
    return value


def validate_group(group: Any) -> None:
    """Validate (and normalise types of) every field of a frozen parameter group."""
    label = group.GROUP
    for field in dataclasses.fields(group):
        checked = coerce(label, field, getattr(group, field.name))
        object.__setattr__(group, field.name, checked)


class ParameterGroup:
    """Base of a frozen parameter group: its `GROUP` name, and every field checked and
    normalised when it is made."""

    GROUP = ""

    def __post_init__(self) -> None:
        validate_group(self)


def field_table(group_cls: type) -> list[dict[str, Any]]:
    """One row per field: name, default, range and source (for docs and reports)."""
    return [{"group": group_cls.GROUP, "name": f.name, "default": f.default,
             "allowed": describe_range(f), "plausible": f.metadata["plausible"],
             "source": f.metadata["source"],
             "doc": f.metadata["doc"]} for f in dataclasses.fields(group_cls)]
