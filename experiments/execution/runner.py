"""Execute a list of runs on any backend, with a progress bar and optional storage.

`execute` keeps a bounded number of runs in flight (so a serial run stores each result
as it finishes and memory stays flat), saves each finished run atomically when given a
`ResultStore`, and skips runs the store already holds: that is how a killed sweep
resumes. Seeds are part of each `RunSpec`, fixed before dispatch.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import Any

from tqdm import tqdm

from experiments.execution.backends import Backend, Pool, open_backend
from experiments.execution.runs import RunSpec, simulate_run
from experiments.execution.storage import ResultStore


def execute(specs: Sequence[Any], task: Callable[[Any], Any] = simulate_run, *,
            backend: Backend | None = None, store: ResultStore | None = None,
            pool: Pool | None = None, desc: str = "runs") -> list[Any]:
    """Run `task(spec)` for every spec. Without a store, return the outputs in spec
    order; with one, save each output as it finishes and return nothing. Pass an open
    `pool` (from `open_backend`) to reuse workers across calls."""
    backend = backend or Backend()
    done = store.done() if store is not None else set()
    if store is not None and store.damaged:
        print(f"{desc}: {len(store.damaged)} stored run(s) failed verification and run again "
              f"(e.g. {next(iter(store.damaged.values()))})", file=sys.stderr)
    todo = [s for s in specs if s.run_id not in done]
    if not todo:
        return []
    if pool is None:
        with open_backend(backend, len(todo)) as pool:
            return execute(specs, task, backend=backend, store=store, pool=pool, desc=desc)
    if len(todo) < len(specs) and backend.progress:
        print(f"{desc}: {len(specs) - len(todo)} of {len(specs)} runs already stored; "
              "running the rest", file=sys.stderr)
    outputs: dict[str, Any] = {}
    stream = _stream(pool.executor, task, todo, pool.slots)
    stored = len(specs) - len(todo)
    try:
        first = next(stream)   # fork workers start before the bar's monitor thread exists
        with _bar(len(specs), stored, desc, backend.progress) as bar:
            for out in _chain(first, stream):
                if store is not None:
                    store.save(out)
                    stored += 1
                else:
                    outputs[out.run_id] = out
                bar.update(1)
    except KeyboardInterrupt:
        if store is None:
            raise
        raise KeyboardInterrupt(f"{stored} of {len(specs)} runs are stored in {store.root}; "
                                "run the same command again to resume") from None
    return [outputs[s.run_id] for s in specs] if store is None else []


def _bar(total: int, initial: int, desc: str, show: bool) -> tqdm:
    return tqdm(total=total, initial=initial, desc=desc, unit="run", disable=not show,
                file=sys.stderr, mininterval=0.5, dynamic_ncols=True, leave=False,
                bar_format="{desc}: {n_fmt}/{total_fmt} runs |{bar}| {rate_fmt} "
                           "elapsed {elapsed}, ETA {remaining}")


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _stream(executor: Executor, task: Callable, specs: Iterable[RunSpec],
            window: int) -> Iterator[Any]:
    """Submit at most `window` tasks at a time; yield results as they finish."""
    queue = iter(specs)
    pending: set[Future] = set()

    def fill() -> None:
        while len(pending) < window:
            spec = next(queue, None)
            if spec is None:
                return
            pending.add(executor.submit(task, spec))

    fill()
    try:
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
            fill()
    finally:
        for future in pending:
            future.cancel()
