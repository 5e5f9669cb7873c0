"""Edge-list files: ``u v [strong|weak|1|0]`` per line, read fast and with errors that
name the line."""

import io
import os
import re
import warnings
from functools import lru_cache
from os import PathLike

import numpy as np

from simulation.network.graph import _MAX_NODES, SocialGraph, _csr_from_edges, _upper_edges
from simulation.text_files import read_text

_FIELD_SEPARATOR = re.compile(r"[,\s]+")
_TIE_WORDS = {"strong": 1, "1": 1, "weak": 0, "0": 0}
_TIE_WORD = re.compile(r"\b(strong|weak)\b", re.IGNORECASE)


def from_edge_list(path: str | PathLike, n: int | None = None) -> SocialGraph:
    """Read ``u v [strong|weak|1|0]`` lines (space or comma separated, ``#`` comments).

    Self loops and repeated pairs are dropped; ``n`` defaults to the largest id + 1.
    """
    rows = _read_rows(path)
    largest = int(rows[:, :2].max()) if rows.size else -1
    n = largest + 1 if n is None else n
    if largest >= n:
        raise ValueError(f"{path}: id {largest} does not fit n = {n} people (ids run 0..n-1)")
    strong = None if (rows[:, 2] < 0).all() else rows[:, 2] != 0
    return _csr_from_edges(n, rows[:, :2], strong)


def people_in(path: str | PathLike) -> int:
    """How many people an edge-list file describes (largest id + 1), without building it.

    Remembered per file version (path, size, modification time), so validating parameters
    that name the file again costs one `stat`.
    """
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    key = (str(path), stat.st_size, stat.st_mtime_ns) if stat else (str(path), -1, -1)
    return _people_in(*key)


@lru_cache(maxsize=32)
def _people_in(path: str, size: int, mtime_ns: int) -> int:
    rows = _read_rows(path)
    return int(rows[:, :2].max()) + 1 if rows.size else 0


def _read_rows(path: str | PathLike) -> np.ndarray:
    """(E, 3) rows of a readable UTF-8 edge-list file; errors name the file and the line."""
    text = read_text(path, "edge list")
    rows = _fast_edge_rows(text)
    return _edge_rows_by_line(text, path) if rows is None else rows


def _fast_edge_rows(text: str) -> np.ndarray | None:
    """(E, 3) rows [u, v, tie (-1 = unmarked)] via numpy's C parser; None if any line is unusual."""
    text = _TIE_WORD.sub(lambda word: str(_TIE_WORDS[word[0].lower()]), text.replace(",", " "))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an empty file is fine
            rows = np.loadtxt(io.StringIO(text), dtype=np.int64, comments="#", ndmin=2)
    except ValueError:
        return None
    if rows.size == 0:
        return np.empty((0, 3), np.int64)
    if rows.shape[1] not in (2, 3) or rows.min() < 0 or rows[:, 2:].max(initial=0) > 1:
        return None
    if rows[:, :2].max() >= _MAX_NODES:
        return None
    return rows if rows.shape[1] == 3 else np.column_stack([rows, np.full(len(rows), -1)])


def _edge_rows_by_line(text: str, path) -> np.ndarray:
    """Line-by-line reading, for mixed column counts and for errors that name the line."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = _FIELD_SEPARATOR.split(line.split("#", 1)[0].strip())
        if fields == [""]:
            continue
        ok = len(fields) in (2, 3) and all(f.isdecimal() for f in fields[:2])
        tie = _TIE_WORDS.get(fields[2].lower()) if len(fields) == 3 else -1
        if not ok or tie is None:
            raise ValueError(f"{path}, line {number}: expected 'u v' or 'u v strong|weak|1|0' "
                             f"with non-negative integer ids, got {line.strip()[:60]!r}")
        ids = [int(f) if len(f) <= 12 else _MAX_NODES for f in fields[:2]]
        if max(ids) >= _MAX_NODES:
            raise ValueError(f"{path}, line {number}: id {max(fields[:2], key=len)[:20]} is "
                             f"too large (ids run 0..{_MAX_NODES - 1})")
        rows.append((*ids, tie))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def write_edge_list(graph: SocialGraph, path: str | PathLike) -> None:
    """Write each tie once as ``u v strong|weak``, the format :func:`from_edge_list` reads."""
    if graph.complete:
        raise ValueError("a complete graph has no edge list worth writing; use kind='complete'")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"# {graph.n} people; columns: u v tie\n")
        for u, v, strong in _upper_edges(graph):
            handle.write(f"{u} {v} {'strong' if strong else 'weak'}\n")
