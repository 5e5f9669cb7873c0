"""Worker processes live no longer than the command that started them.

Each worker asks the kernel for SIGKILL when its parent dies (Linux ``prctl`` with
``PR_SET_PDEATHSIG``, through ctypes), or elsewhere watches its parent from a thread.
So ``kill -9`` of a sweep takes its workers with it: none is left holding the caller's
stdout open. Workers also leave Ctrl+C to the parent, which stops them cleanly: while a
pool is open (`quiet_forks`), Ctrl+C is blocked across each fork, so a worker is born
ignoring it and never meets it inside the interpreter's after-fork housekeeping (an
interrupt there left a half-started worker and a stalled pool). An interrupted program
ends within `EXIT_GRACE` seconds of its last word (`end_within_grace`): the interpreter's
exit joins a pool's bookkeeping thread, which can wait on workers stopped mid-task.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0
EXIT_GRACE = 3.0
INTERRUPT = {signal.SIGINT}
_pools = {"open": 0}   # pools whose forks are guarded


@contextmanager
def quiet_forks() -> Iterator[None]:
    """While open, every fork blocks Ctrl+C in the forking thread and the child starts
    with it ignored; an interrupt that arrives meanwhile reaches the parent afterwards."""
    _pools["open"] += 1
    try:
        yield
    finally:
        _pools["open"] -= 1


def _before_fork() -> None:
    if _pools["open"]:
        signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPT)


def _after_fork_in_parent() -> None:
    if _pools["open"]:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPT)


def _after_fork_in_child() -> None:
    if _pools["open"]:
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # a pending Ctrl+C is dropped
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPT)


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent,
                    after_in_child=_after_fork_in_child)


def bind_to_parent(parent_pid: int) -> None:
    """Worker initializer: die with process `parent_pid`; ignore Ctrl+C."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _ask_kernel(signal.SIGKILL):
        threading.Thread(target=_watch, args=(parent_pid,), daemon=True,
                         name="parent-watch").start()
    if os.getppid() != parent_pid:   # the parent died before we asked
        os._exit(1)


def _ask_kernel(sig: int) -> bool:
    """Have the kernel send `sig` when the parent exits; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def end_within_grace(code: int, grace: float = EXIT_GRACE) -> None:
    """The program is ending with `code` after an interrupt: if the interpreter's own
    shutdown (joining threads) has not ended it within `grace` seconds, end it then,
    with the same code and the streams flushed. Only for a program's last steps."""
    def end() -> None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    timer = threading.Timer(grace, end)
    timer.daemon = True
    timer.start()
