"""Cost estimates: the memory a market is said to need bounds what it takes, without
overstating it so much that reasonable work is refused."""

import json
import subprocess
import sys

import pytest

from experiments.errors import UsageError
from experiments.execution import cost
from simulation import Params

MEASURE = """
import json, sys
from pathlib import Path
from simulation import CustomerModel, Params
CustomerModel(Params().replace(population=200), rng=1).run(1)   # kernels compiled or loaded
Path("/proc/self/clear_refs").write_text("5")                   # peak so far forgotten
params = Params().replace(**json.loads(sys.argv[1]))
CustomerModel(params, rng=1).run(6)
peak = next(line for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM"))
print(int(peak.split()[1]) * 1024)
"""


@pytest.fixture(scope="module")
def cached_kernels():
    """Compile the kernels into the disk cache in a process of their own: a process that
    compiles keeps tens of MB of compiler heap, one that loads from the cache does not."""
    subprocess.run([sys.executable, "-c", "from simulation import CustomerModel; "
                    "CustomerModel(population=200, rng=1).run(1)"], check=True)


@pytest.mark.parametrize("changes", [{"population": 150_000},
                                     {"population": 60_000, "mean_degree": 40}])
def test_memory_estimate_bounds_a_measured_market(changes, cached_kernels):
    """Peak resident memory of a whole process (interpreter included), measured once per
    size; the estimate must lie between it and three times it. The peak is taken after the
    compiled kernels are loaded: compiling them is a one-off per machine that the estimate
    leaves out."""
    out = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(changes)],
                         capture_output=True, text=True, check=True)
    measured = float(out.stdout.split()[-1])
    estimate = cost.estimate(Params().replace(**changes), 6, runs=1).market_bytes
    assert measured <= estimate <= 3 * measured, (measured, estimate)


def test_estimates_grow_with_runs_workers_and_months():
    params = Params().replace(population=1000)
    one = cost.estimate(params, 12, runs=10, workers=1)
    assert cost.estimate(params, 24, runs=10, workers=1).seconds > one.seconds
    assert cost.estimate(params, 12, runs=10, workers=2).total_bytes > one.total_bytes
    assert cost.estimate(params, 12, runs=10, workers=2).seconds < one.seconds
    assert cost.estimate(params, 12, runs=1, workers=8).workers == 1


def test_refusal_gives_the_estimate_and_force_overrides(monkeypatch):
    monkeypatch.setattr(cost, "available_bytes", lambda: 1e9)
    big = cost.estimate(Params().replace(population=5_000_000), 12, runs=1)
    with pytest.raises(UsageError, match=r"1 run, about \d+\.\d GB of memory .* only 1\.0 GB"):
        cost.refuse_if_too_big(big)
    cost.refuse_if_too_big(big, force=True)
    monkeypatch.setattr(cost, "available_bytes", lambda: 1e12)
    long = cost.estimate(Params().replace(population=5000), 60, runs=10**6)
    with pytest.raises(UsageError, match="more than a day"):
        cost.refuse_if_too_big(long)
