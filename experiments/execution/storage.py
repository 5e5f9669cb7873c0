"""Results on disk: one folder per experiment, a Parquet file per run and table.

Layout::

    manifest.json             what was planned: kind, scenario, run ids and fingerprints
    runs/<id>.<fp>.parquet     one row: run id, labels, seed, version, parameters, summary
    steps/<id>.<fp>.parquet    the run's per-step table
    customers/<id>.<fp>.parquet  one row per person ever a customer (sample runs only)

Every file is written to a hidden temporary name and moved into place with
`os.replace`, the run file last, so a run counts as finished only when all its tables
are complete. A killed experiment rerun with the same plan skips finished runs, and
the tables read back are the same as an uninterrupted run's.
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import simulation
from experiments.errors import UsageError
from experiments.execution.runs import RunOutput, RunSpec

TABLES = ("runs", "steps", "customers")
MANIFEST = "manifest.json"


def _safe(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)


def write_atomic(path: Path, write) -> None:
    """Call `write(tmp_path)`, then move the finished file into place."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(json.dumps(data, indent=1, default=str)))


class ResultStore:
    """One experiment's results folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._manifest: dict[str, Any] | None = None

    # ----- writing --------------------------------------------------------------------
    def prepare(self, kind: str, plan: list[RunSpec], meta: dict[str, Any]) -> None:
        """Record the plan (run ids and fingerprints); finished runs of it are kept."""
        try:
            for table in TABLES:
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"{self.root}: cannot write results here ({err.strerror})") from None
        manifest = {"kind": kind, "version": simulation.__version__,
                    "created": time.strftime("%Y-%m-%d %H:%M:%S"), **meta,
                    "runs": {spec.run_id: spec.fingerprint() for spec in plan}}
        write_json(self.root / MANIFEST, manifest)
        self._manifest = manifest

    def update_meta(self, **items: Any) -> None:
        manifest = {**self.manifest, **items}
        write_json(self.root / MANIFEST, manifest)
        self._manifest = manifest

    def save(self, out: RunOutput) -> None:
        """Store one finished run (its run row last, which marks it finished)."""
        fp = out.row["fingerprint"]
        if out.customers is not None:
            self._write("customers", out.run_id, fp, out.customers)
        self._write("steps", out.run_id, fp, out.steps)
        self._write("runs", out.run_id, fp, pa.Table.from_pylist([out.row]))

    def _write(self, table: str, run_id: str, fp: str, frame: pd.DataFrame | pa.Table) -> None:
        path = self._path(table, run_id, fp)
        if isinstance(frame, pd.DataFrame):
            frame = pa.Table.from_pandas(frame, preserve_index=False)
        write_atomic(path, lambda tmp: pq.write_table(frame, tmp, write_statistics=False))

    def _path(self, table: str, run_id: str, fp: str) -> Path:
        return self.root / table / f"{_safe(run_id)}.{fp}.parquet"

    # ----- reading --------------------------------------------------------------------
    @classmethod
    def open(cls, root: str | Path) -> ResultStore:
        """An existing results folder; a clear error if it is not one or is unreadable."""
        store = cls(root)
        _ = store.manifest
        return store

    @property
    def manifest(self) -> dict[str, Any]:
        if self._manifest is None:
            path = self.root / MANIFEST
            if not self.root.is_dir():
                raise UsageError(f"{self.root}: results folder not found")
            try:
                self._manifest = json.loads(path.read_text())
            except FileNotFoundError:
                raise UsageError(f"{self.root}: not a Ripple results folder "
                                 f"(no {MANIFEST})") from None
            except (OSError, ValueError) as err:
                raise UsageError(f"{path}: unreadable ({err.__class__.__name__})") from None
        return self._manifest

    def planned(self) -> dict[str, str]:
        return self.manifest.get("runs", {})

    def done(self) -> set[str]:
        """Run ids of the plan whose results are complete on disk."""
        present = {p.name for p in (self.root / "runs").glob("*.parquet")}
        return {rid for rid, fp in self.planned().items()
                if f"{_safe(rid)}.{fp}.parquet" in present}

    def table(self, name: str, run_ids: list[str] | None = None) -> pd.DataFrame:
        """One table over the plan's finished runs, in plan order."""
        planned, done = self.planned(), self.done()
        ids = [rid for rid in (run_ids or planned) if rid in done]
        frames = []
        for rid in ids:
            path = self._path(name, rid, planned[rid])
            if path.exists():
                try:
                    frames.append(pq.read_table(path).to_pandas())
                except (OSError, pa.ArrowException) as err:
                    raise UsageError(f"{path}: unreadable ({err})") from None
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True)

    def runs(self) -> pd.DataFrame:
        return self.table("runs")

    def steps(self, run_ids: list[str] | None = None) -> pd.DataFrame:
        return self.table("steps", run_ids)

    def customers(self) -> pd.DataFrame:
        return self.table("customers")
