"""What an experiment will cost before it starts: memory and time, from its size.

The figures are measured on one core of the development machine (a 200,000- and a
1,000,000-person market, mean degree 10 and 40): about 200 bytes per person plus 60 per
tie at peak, 0.22 microseconds per customer-step, 2.5 microseconds per person to build
the network, and 2.5 KB and 1.7 ms to plan each run. The constants below round those up,
so an estimate errs on the large side. An experiment that would need more memory than the
machine has free, or longer than a day, is refused with the estimate unless forced.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from experiments.errors import UsageError
from simulation import Params
from simulation.horizon import steps_in

BYTES_PER_PERSON = 300
BYTES_PER_TIE = 70
PROCESS_BYTES = 300e6  # the interpreter, libraries and compiled kernels of one worker (252 MB measured)
PLAN_BYTES_PER_RUN = 5_000
SECONDS_PER_CUSTOMER_STEP = 0.3e-6
SECONDS_PER_PERSON_BUILT = 3e-6
SECONDS_PER_RUN_PLANNED = 2e-3
MAX_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class Cost:
    """An estimate: runs, workers, peak bytes of one market, total bytes, wall seconds."""

    runs: int
    workers: int
    market_bytes: float
    total_bytes: float
    seconds: float

    def words(self) -> str:
        runs = f"{self.runs:,} run" + ("s" if self.runs != 1 else "")
        return (f"{runs}, about {_bytes(self.total_bytes)} of memory "
                f"({self.workers} at a time, {_bytes(self.market_bytes)} each) and "
                f"{_duration(self.seconds)}")


def estimate(params: Params, months: float, runs: int, workers: int = 1) -> Cost:
    """Memory and wall time of `runs` runs like `params` over `months`, `workers` at once."""
    n = params.market.population
    ties = 0.0 if params.network.kind == "complete" else n * params.network.mean_degree
    market = BYTES_PER_PERSON * n + BYTES_PER_TIE * ties + PROCESS_BYTES
    workers = max(1, min(workers, runs))
    steps = steps_in(months, params.market.step_months)
    one_run = n * (SECONDS_PER_PERSON_BUILT + steps * SECONDS_PER_CUSTOMER_STEP)
    seconds = runs * SECONDS_PER_RUN_PLANNED + runs * one_run / workers
    return Cost(runs, workers, market, workers * market + runs * PLAN_BYTES_PER_RUN, seconds)


def available_bytes() -> float:
    """Memory free for new work (MemAvailable on Linux, else physical memory)."""
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return float(line.split()[1]) * 1024
    except OSError:
        pass
    return float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))


def refuse_if_too_big(cost: Cost, force: bool = False) -> None:
    """UsageError with the estimate when `cost` exceeds free memory or a day, unless forced."""
    if force:
        return
    free = available_bytes()
    if cost.total_bytes > free:
        raise UsageError(f"too big for this machine: {cost.words()}, but only {_bytes(free)} "
                         "is free; use fewer people, runs or --workers, or add --force")
    if cost.seconds > MAX_SECONDS:
        raise UsageError(f"too long: {cost.words()} (more than a day); use fewer people, "
                         "runs or months, or add --force")


def _bytes(n: float) -> str:
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n / 1e3:.0f} kB"


def _duration(seconds: float) -> str:
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= 2 * size:
            return f"{seconds / size:,.0f} {unit}"
    return f"{seconds:.0f} s"
