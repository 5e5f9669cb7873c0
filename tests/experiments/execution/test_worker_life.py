"""An interrupted program ends within its grace period even when a thread would hold its
exit (as a process pool's bookkeeping thread can, after its workers were stopped)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HELD_EXIT = """
import threading, time, sys
threading.Thread(target=time.sleep, args=(600,)).start()   # not a daemon: holds the exit
{arm}
print("interrupted", flush=False)
sys.exit(130)
"""
ARM = "from experiments.execution.worker_life import end_within_grace; end_within_grace(130, 0.5)"


def _program(arm: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", HELD_EXIT.format(arm=arm)],
                            stdout=subprocess.PIPE, text=True)


def test_a_held_exit_ends_after_the_grace_with_the_code_and_the_words_flushed():
    program = _program(ARM)
    out, _ = program.communicate(timeout=30)   # generous: the grace is half a second
    assert program.returncode == 130
    assert out.strip() == "interrupted"


def test_without_the_grace_the_same_exit_is_held():
    program = _program("")
    with pytest.raises(subprocess.TimeoutExpired):
        program.wait(timeout=3)
    program.kill()
    program.wait()
