"""Freed memory is kept and reused: a second large temporary does not fault its pages in."""

import resource
import sys

import numpy as np
import pytest

from simulation import allocator


def faults_for_a_temporary(size: int) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    block = np.ones(size, np.float64)  # writes every page
    del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc knob")
def test_a_freed_80_mb_block_is_reused_without_page_faults():
    assert allocator.reuse_freed_memory()
    faults_for_a_temporary(10_000_000)  # the heap grows once
    # 80 MB in 4 kB pages would be ~20,000 faults (fewer with huge pages) if mapped afresh
    assert faults_for_a_temporary(10_000_000) < 100
