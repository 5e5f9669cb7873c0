"""Files written whole or not at all: each goes to a hidden temporary name in its own
folder and is moved into place with `os.replace` (atomic on one file system), so a full
disk, a lost permission or Ctrl+C in the middle of a save leaves the earlier file as it
was, never a truncated one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from experiments.execution.interrupts import held


def write_atomic(path: Path, write) -> None:
    """Call `write(tmp_path)`, then move the finished file into place."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_together(writes: dict[Path, Any]) -> None:
    """Write several files that belong together: each `write(tmp_path)` to a hidden
    temporary name first, then all moved into place (Ctrl+C held until the last), so a
    failed or interrupted save leaves the earlier files as they were, never half of them
    new."""
    temps = {path: path.with_name(f".tmp-{os.getpid()}-{path.name}") for path in writes}
    try:
        for path, write in writes.items():
            write(temps[path])
        with held():
            for path, tmp in temps.items():
                os.replace(tmp, path)
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
