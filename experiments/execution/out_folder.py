"""An output folder: checked before any work starts, and held by one command at a time.

`check_writable_folder` fails early (a file where a folder should be, no permission)
instead of after the simulation ran. `FolderLock` is an advisory `flock` on
``<folder>/.lock``: the kernel drops it when its process ends, even on ``kill -9``, so a
crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from experiments.errors import UsageError

LOCK_NAME = ".lock"


def check_writable_folder(path: Path, name: str = "--out") -> None:
    """UsageError unless `path` is a folder, or can be created as one, that we may write."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{name} {path}: is a file, not a folder")
    existing = next(p for p in (path, *path.parents) if p.exists() or p == Path(p.anchor))
    if not existing.is_dir():
        raise UsageError(f"{name} {path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{name} {path}: no permission to write in {existing}")


def check_results_folder(path: Path) -> Path:
    """UsageError unless `path` is a folder (a results folder to read)."""
    if not Path(path).is_dir():
        raise UsageError(f"{path}: results folder not found")
    return Path(path)


_HELD: dict[Path, int] = {}   # folders this process holds: path -> open lock file


def lock_folder(path: Path) -> None:
    """Hold `path` for this process; UsageError if another process holds it."""
    key = Path(path).resolve()
    if key in _HELD:
        return
    fd = os.open(key / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        os.close(fd)
        pid = f" (pid {holder})" if holder.isdigit() else ""
        raise UsageError(f"{path}: another ripple command{pid} is writing results here; "
                         "wait for it to finish or choose another --out") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    _HELD[key] = fd


def claim_folder(path: Path, name: str = "--out") -> Path:
    """Check, create and lock a results folder before any work: a folder this process
    may write and no other command writes at the same time."""
    path = Path(path)
    check_writable_folder(path, name)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"{name} {path}: cannot create the folder ({err.strerror})") from None
    lock_folder(path)
    return path


def release_folders() -> None:
    """Let other processes write to the folders this process holds (also happens when
    it ends)."""
    while _HELD:
        os.close(_HELD.popitem()[1])
