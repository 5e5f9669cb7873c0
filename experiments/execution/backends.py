"""Where runs execute: in this process, in local worker processes, or on Dask.

All three are a `concurrent.futures.Executor`, so one code path drives them:
`ProcessPoolExecutor` with an explicit start method, and Dask's
`client.get_executor()` for a LocalCluster or a running scheduler.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import socket
import time
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from experiments.errors import UsageError
from experiments.execution.worker_life import bind_to_parent, quiet_forks

BACKENDS = ("serial", "processes", "dask")
CONNECT_SECONDS = 4.0   # probe + client connect stay under the promised 10 s
WORKER_WAIT_SECONDS = 30.0   # a scheduler with no workers would otherwise wait forever
STOP_SECONDS = 2.0   # all of a pool's workers, asked to stop, before they are killed


class SerialExecutor(Executor):
    """Runs each task when it is submitted, in this process (debuggable, no pickling)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as err:  # handed to the caller through the future
            future.set_exception(err)
        return future


@dataclass
class Pool:
    """An open executor and how many tasks keep it busy."""

    executor: Executor
    slots: int
    name: str


@dataclass
class Backend:
    """How to execute: backend name, worker count, Dask scheduler, start method, and
    whether to show a progress bar."""

    name: str = "serial"
    workers: int | None = None
    scheduler: str | None = None
    start_method: str | None = None
    progress: bool = True
    beyond_cores: bool = False   # allow more worker processes than cores


def open_backend(backend: Backend, tasks: int | None = None):
    """An open worker pool for `backend` (a context manager), no bigger than `tasks`."""
    return open_pool(backend.name, backend.workers, backend.scheduler, backend.start_method,
                     tasks, backend.beyond_cores)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def worker_count(requested: int | None, tasks: int | None = None,
                 beyond_cores: bool = False) -> int:
    """Workers to start: as asked (default all cores), at most one per task and, unless
    `beyond_cores`, at most one per core (more only adds memory and switching)."""
    cores = default_workers()
    count = requested or cores
    if not beyond_cores:
        count = min(count, cores)
    return max(1, min(count, tasks)) if tasks else count


def default_start_method() -> str:
    """fork where it is safe and fastest (Linux: workers inherit imported modules)."""
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and os.uname().sysname == "Linux" else "spawn"


@contextmanager
def open_pool(backend: str = "serial", workers: int | None = None,
              scheduler: str | None = None, start_method: str | None = None,
              tasks: int | None = None, beyond_cores: bool = False) -> Iterator[Pool]:
    """An executor for `backend`, shut down (pending tasks cancelled) on exit; on an
    error or Ctrl+C its worker processes are stopped at once."""
    if scheduler and backend != "dask":
        backend = "dask"
    if backend not in BACKENDS:
        raise UsageError(f"--backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    workers = worker_count(workers, tasks, beyond_cores)
    if backend == "serial":
        yield Pool(SerialExecutor(), 1, "serial")
    elif backend == "processes":
        context = multiprocessing.get_context(start_method or default_start_method())
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                       initializer=bind_to_parent, initargs=(os.getpid(),))
        with quiet_forks():
            try:
                yield Pool(executor, 2 * workers,
                           f"{workers} processes ({context.get_start_method()})")
            except BaseException:
                _stop_workers(executor)
                raise
            executor.shutdown(wait=True, cancel_futures=True)
    else:
        with _dask_client(scheduler, workers) as client:
            threads = sum(client.nthreads().values()) or workers
            where = scheduler or f"LocalCluster, {workers} workers"
            yield Pool(client.get_executor(pure=False), 2 * threads, f"Dask ({where})")


def _stop_workers(executor: ProcessPoolExecutor) -> None:
    """Stop a pool's processes now instead of waiting for their runs to finish."""
    processes = list((executor._processes or {}).values())   # no public handle on them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:   # a worker that did not stop when asked is killed
        if process.is_alive():
            process.kill()
            process.join(1.0)


@contextmanager
def _dask_client(scheduler: str | None, workers: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--backend dask needs the 'distributed' extra: "
                         "pip install 'ripple-cx[distributed]'") from None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
        try:
            yield client
        finally:
            client.close()
            cluster.close()
        return
    probe_scheduler(scheduler)
    client = Client(scheduler, timeout=f"{CONNECT_SECONDS}s")
    try:
        _wait_for_workers(client, scheduler)
        yield client
    finally:
        client.close()


def _wait_for_workers(client, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        raise UsageError(f"--scheduler {scheduler}: no workers joined within "
                         f"{WORKER_WAIT_SECONDS:g} s; start one with 'dask worker "
                         f"{scheduler}'") from None


def probe_scheduler(address: str, timeout: float = CONNECT_SECONDS) -> None:
    """Fail fast, with one clear line, unless a Dask scheduler answers at `address`.
    (A client alone can wait forever on a port that accepts but never replies.)"""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme in ("tcp", "tls"):
        _probe_socket(address, parts, timeout)
    with ThreadPoolExecutor(1) as pool:   # own thread: works where an event loop runs
        kind = pool.submit(asyncio.run, _identify(address, timeout)).result()
    if kind != "Scheduler":
        raise UsageError(f"--scheduler {address}: {kind}")


def _probe_socket(address: str, parts, timeout: float) -> None:
    """Refused or silent TCP ports fail here, before any Dask handshake."""
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or not port:
        raise UsageError(f"--scheduler {address}: expected an address like tcp://HOST:8786")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except TimeoutError:
        raise UsageError(f"--scheduler {address}: no answer within {timeout:g} s "
                         "(is the Dask scheduler running and reachable?)") from None
    except OSError as err:
        raise UsageError(f"--scheduler {address}: cannot connect ({err.strerror or err}); "
                         "is the Dask scheduler running?") from None


async def _identify(address: str, timeout: float) -> str:
    """The `type` a Dask server reports about itself ("Scheduler"), or why none did."""
    from distributed.comm import connect

    async def ask() -> object:
        comm = await connect(address, timeout=timeout)
        try:
            await comm.write({"op": "identity"})
            return await comm.read()
        finally:
            comm.abort()

    try:
        reply = await asyncio.wait_for(ask(), timeout)
    except Exception as err:  # any failure here means "no usable scheduler"
        return f"no Dask scheduler answered within {timeout:g} s ({err.__class__.__name__})"
    if isinstance(reply, dict) and reply.get("type") == "Scheduler":
        return "Scheduler"
    kind = reply.get("type", "server") if isinstance(reply, dict) else "server"
    return f"a Dask {kind} answered, not a scheduler"
