"""Ctrl+C held back while something must not be cut in half, and honoured at once
everywhere else.

A library that keeps state in a database (pyabc's SQLite history) can be left waiting
on its own lock when an interrupt lands inside a transaction, and a set of result files
replaced one by one can be left half old, half new. Code that must not be cut runs
inside `held()`: an interrupt arriving there is remembered and raised as
`KeyboardInterrupt` when the block ends. Long work called from inside such a block (the
simulations between two database writes) runs inside `honoured()`, where an interrupt
raises at once again. Outside both, nothing changes.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state = {"depth": 0, "pending": False}


def _on_interrupt(signum, frame) -> None:
    if _state["depth"] > 0:
        _state["pending"] = True
        return
    raise KeyboardInterrupt


def _can_handle() -> bool:
    """Only the main thread may set handlers; an ignored Ctrl+C stays ignored."""
    return (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN)


@contextmanager
def held() -> Iterator[None]:
    """Interrupts arriving inside are raised when the block ends, not in its middle."""
    if _state["depth"] == 0 and not _can_handle():
        yield
        return
    previous = signal.signal(signal.SIGINT, _on_interrupt) if _state["depth"] == 0 else None
    _state["depth"] += 1
    try:
        yield
    finally:
        _state["depth"] -= 1
        if _state["depth"] == 0:
            signal.signal(signal.SIGINT, previous)
            if _state["pending"]:
                _state["pending"] = False
                raise KeyboardInterrupt


@contextmanager
def honoured() -> Iterator[None]:
    """Inside `held()`: interrupts raise at once again (one held already raises now)."""
    if _state["depth"] == 0:
        yield
        return
    if _state["pending"]:
        _state["pending"] = False
        raise KeyboardInterrupt
    depth, _state["depth"] = _state["depth"], 0
    try:
        yield
    finally:
        _state["depth"] = depth
