"""Results on disk: one folder per experiment, a Parquet file per run and table.

Layout::

    manifest.json             what was planned: kind, scenario, run ids and fingerprints
    runs/<id>.<fp>.parquet     one row: run id, labels, seed, version, parameters, summary
    steps/<id>.<fp>.parquet    the run's per-step table
    customers/<id>.<fp>.parquet  one row per person ever a customer (sample runs only)
    profiles/<id>.<fp>.parquet   a comparison run's customers in a small fixed-size table

Every file is written to a hidden temporary name and moved into place with
`os.replace`, the run file last, so a run counts as finished only when all its tables
are complete. The run file's footer records each table's row count and columns, and a
run counts as finished only when every file matches it (a 0-byte or cut-off file is run
again). A killed experiment rerun with the same plan skips finished runs, and the tables
read back are the same as an uninterrupted run's. One command writes a folder at a time,
and a folder that holds another experiment's results is never taken over.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import simulation
from experiments.errors import UsageError
from experiments.execution.out_folder import (
    check_results_folder,
    check_writable_folder,
    lock_folder,
)
from experiments.execution.runs import RunOutput, RunSpec
from experiments.execution.stored_files import (
    check_manifest,
    file_problem,
    first_difference,
    table_shape,
)
from experiments.execution.whole_files import write_atomic

TABLES = ("runs", "steps", "customers", "profiles")
MANIFEST = "manifest.json"
SHAPES = b"ripple_tables"   # run-file footer key: {table: [rows, column hash]}


def _safe(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", run_id)


def write_json(path: Path, data: Any) -> None:
    write_atomic(path, lambda tmp: tmp.write_text(json.dumps(data, indent=1, default=str)))


class ResultStore:
    """One experiment's results folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self._manifest: dict[str, Any] | None = None
        self.damaged: dict[str, str] = {}   # run id -> what is wrong with its stored files

    # ----- writing --------------------------------------------------------------------
    def prepare(self, kind: str, plan: list[RunSpec], meta: dict[str, Any]) -> None:
        """Record the plan (run ids and fingerprints); finished runs of it are kept.

        Takes the folder for this process, and refuses one that holds the results of a
        different experiment (other settings in `meta`), so nothing is silently replaced."""
        check_writable_folder(self.root, "results folder")
        try:
            for table in TABLES:
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise UsageError(f"{self.root}: cannot write results here ({err.strerror})") from None
        lock_folder(self.root)
        meta = json.loads(json.dumps({"kind": kind, **meta}, default=str))
        self._refuse_other_experiment(meta)
        manifest = {"version": simulation.__version__,
                    "created": time.strftime("%Y-%m-%d %H:%M:%S"), **meta,
                    "runs": {spec.run_id: spec.fingerprint() for spec in plan}}
        write_json(self.root / MANIFEST, manifest)
        self._manifest = manifest

    def _refuse_other_experiment(self, meta: dict[str, Any]) -> None:
        if self._manifest is None and not (self.root / MANIFEST).exists():
            return
        stored = self.manifest
        difference = first_difference({k: stored.get(k) for k in meta}, meta)
        if difference:
            raise UsageError(f"{self.root}: holds results of a different experiment "
                             f"({difference}); choose another --out, or delete the folder "
                             "to start again")

    def update_meta(self, **items: Any) -> None:
        manifest = {**self.manifest, **items}
        write_json(self.root / MANIFEST, manifest)
        self._manifest = manifest

    def save(self, out: RunOutput) -> None:
        """Store one finished run (its run row last, which marks it finished)."""
        fp, shapes = out.row["fingerprint"], {}
        for table, frame in (("customers", out.customers), ("profiles", out.profile)):
            if frame is not None:
                shapes[table] = self._write(table, out.run_id, fp, frame)
        shapes["steps"] = self._write("steps", out.run_id, fp, out.steps)
        row = pa.Table.from_pylist([out.row])
        row = row.replace_schema_metadata({SHAPES: json.dumps(shapes)})
        self._write("runs", out.run_id, fp, row)

    def _write(self, table: str, run_id: str, fp: str, frame: pd.DataFrame | pa.Table
               ) -> tuple[int, str]:
        path = self._path(table, run_id, fp)
        if isinstance(frame, pd.DataFrame):
            frame = pa.Table.from_pandas(frame, preserve_index=False)
        write_atomic(path, lambda tmp: pq.write_table(frame, tmp, write_statistics=False))
        return table_shape(frame.num_rows, frame.schema)

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
            check_results_folder(self.root)
            try:
                manifest = json.loads(path.read_text())
            except FileNotFoundError:
                raise UsageError(f"{self.root}: not a Ripple results folder "
                                 f"(no {MANIFEST})") from None
            except (OSError, ValueError) as err:
                raise UsageError(f"{path}: unreadable ({err.__class__.__name__}); delete the "
                                 "folder and run the command again") from None
            self._manifest = check_manifest(manifest, path)
        return self._manifest

    def planned(self) -> dict[str, str]:
        return self.manifest.get("runs", {})

    def done(self) -> set[str]:
        """Run ids of the plan whose stored files are all complete; the rest of those
        with a run file go to `self.damaged` with the reason."""
        present = {p.name for p in (self.root / "runs").glob("*.parquet")}
        finished, self.damaged = set(), {}
        for rid, fp in self.planned().items():
            if f"{_safe(rid)}.{fp}.parquet" not in present:
                continue
            problem = self._verify(rid, fp)
            if problem:
                self.damaged[rid] = problem
            else:
                finished.add(rid)
        return finished

    def _verify(self, rid: str, fp: str) -> str | None:
        """What is wrong with a stored run's files (None when all match its run file)."""
        path = self._path("runs", rid, fp)
        problem, meta = file_problem(path, (1, None))
        if problem or meta is None or SHAPES not in meta:
            return problem or f"{path.name}: written by another version"
        for table, shape in json.loads(meta[SHAPES]).items():
            problem, _ = file_problem(self._path(table, rid, fp), tuple(shape))
            if problem:
                return problem
        return None

    def table(self, name: str, run_ids: list[str] | None = None) -> pd.DataFrame:
        """One table over the plan's finished runs, in plan order; damaged runs are named."""
        planned, done = self.planned(), self.done()
        if self.damaged:
            rid, problem = next(iter(self.damaged.items()))
            raise UsageError(f"{self.root}: {len(self.damaged)} stored run(s) damaged, e.g. "
                             f"{problem}; rerun the command that wrote it to redo them")
        ids = [rid for rid in (run_ids or planned) if rid in done]
        if name == "runs" and planned and not done:
            raise UsageError(f"{self.root}: none of the {len(planned)} runs its {MANIFEST} "
                             "plans is stored here (a manifest from another experiment, or "
                             "the runs were deleted); rerun the command that wrote it")
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

    def profiles(self) -> pd.DataFrame:
        """Every run's customer profile (`execution.customer_profile`); empty for results
        stored before runs kept one."""
        return self.table("profiles")

    def frame(self, name: str) -> pd.DataFrame:
        """A table stored beside the runs (e.g. the sweep's design), read with a clear error."""
        path = self.root / f"{name}.parquet"
        try:
            return pq.read_table(path).to_pandas()
        except FileNotFoundError:
            raise UsageError(f"{path}: missing; rerun the command that wrote it") from None
        except (OSError, pa.ArrowException) as err:
            raise UsageError(f"{path}: unreadable ({err.__class__.__name__}); rerun the "
                             "command that wrote it") from None
