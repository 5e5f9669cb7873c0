"""Checks on what a results folder holds: the manifest's shape, each stored Parquet file's
size, footer, row count and columns, and how two experiments' settings differ.

They let a resumed experiment redo a damaged run instead of reporting from it, and let a
report name the damaged file instead of failing inside pandas.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from experiments.errors import UsageError

REQUIRED = {"compare": ("scenario",), "flip": ("scenario",), "sweep": ("scenario", "sweep"),
            "lost_customer": ("scenario", "lost_customer")}


def check_manifest(manifest: Any, path: Path) -> dict[str, Any]:
    """`manifest` if it has the keys a resume reads (kind, runs); else a UsageError."""
    kind = manifest.get("kind") if isinstance(manifest, dict) else None
    if kind not in REQUIRED:
        raise UsageError(f"{path}: not a Ripple manifest (kind {kind!r}, expected one of "
                         f"{', '.join(REQUIRED)}); delete the folder or choose another")
    runs = manifest.get("runs")
    if not isinstance(runs, dict) or not all(isinstance(v, str) for v in runs.values()):
        raise UsageError(f"{path}: not a Ripple manifest (no table of runs)")
    return manifest


def check_report_settings(manifest: dict[str, Any], path: Path) -> None:
    """UsageError unless the manifest holds the settings a report of its kind reads."""
    for key in REQUIRED[manifest["kind"]]:
        if not isinstance(manifest.get(key), dict):
            raise UsageError(f"{path}: not a Ripple manifest (no '{key}' settings)")


def table_shape(rows: int, schema: pa.Schema) -> tuple[int, str]:
    """(rows, short hash of the column names): what a stored table must still have."""
    return rows, hashlib.sha1(",".join(schema.names).encode()).hexdigest()[:10]


def file_problem(path: Path, shape: tuple[int, str | None]
                 ) -> tuple[str | None, dict[bytes, bytes] | None]:
    """(what is wrong with the Parquet file at `path`, its footer key-values)."""
    name = f"{path.parent.name}/{path.name}"
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return f"{name}: missing", None
    if size == 0:
        return f"{name}: empty (0 bytes)", None
    try:
        meta = pq.read_metadata(path)
    except (OSError, pa.ArrowException):
        return f"{name}: cut off or not a Parquet file ({size} bytes)", None
    rows, columns = shape
    if meta.num_rows != rows:
        return f"{name}: {meta.num_rows} rows where {rows} were written", None
    if columns is not None and table_shape(rows, meta.schema.to_arrow_schema())[1] != columns:
        return f"{name}: other columns than were written", None
    return None, meta.metadata


SAME_EXPERIMENT_ANYWAY = {"source", "description"}   # where the file was, what it says


def first_difference(old: Any, new: Any, where: str = "") -> str | None:
    """'scenario.months: 12 -> 24' for the first setting that differs, None if none does
    (a scenario read from another path, or described in other words, is the same)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted((set(old) | set(new)) - SAME_EXPERIMENT_ANYWAY, key=str):
            found = first_difference(old.get(key), new.get(key), f"{where}.{key}" if where
                                     else str(key))
            if found:
                return found
        return None
    if old != new:
        return f"{where}: {_short(old)} -> {_short(new)}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
