"""Running the reproduction targets at a chosen size ("quick" for tests, "full" for the report).

Every target draws its seeds as every experiment does (`replication_seeds`, a
``SeedSequence`` spawn), from a stream named after it (``spawn_key=(crc32(name),)``), so
its result does not depend on which other targets run or in what order.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from tqdm.auto import tqdm

from experiments.execution.runs import replication_seeds
from experiments.validation.registry import TARGETS, Outcome, Target
from simulation import CustomerModel, Params


@dataclass(frozen=True)
class Size:
    """How much simulation each target gets. Targets state their tolerances for these sizes."""

    name: str
    bass_population: int      # complete-graph Bass runs (the target asks N >= 20,000)
    bass_seeds: int           # seeds per step length in the docking and convergence targets
    fine_seeds: int           # seeds of the daily-step runs
    sparse_seeds: int         # seeds per sparse network kind
    ties_population: int      # communities network of the strong/weak ties sweep
    ties_seeds: int
    ties_levels: tuple[float, ...]   # tie-influence multipliers swept
    girard_population: int    # market size of the Girard reach count
    girard_repeats: int       # years of 104 tellers per network
    girard_networks: tuple[str, ...]
    retention_population: int
    tarp_population: int
    tarp_seeds: int
    folklore_seeds: int       # 10,000-person, 5-year folklore markets (F1, F4, F6, F11)
    large_seeds: int          # 40,000-person, 10-year folklore markets (F9)
    referral_seeds: int       # F2 yield runs
    wom_seeds: int            # evidence-preset markets for the WOM balance
    effect_population: int    # markets of the effect-size targets (bad news, channels, ...)
    effect_seeds: int         # paired seeds of the effect-size targets
    news_population: int      # markets of the NPV of bad news (noise falls fast with size)
    news_seeds: int           # its paired seeds


SIZES = {
    "quick": Size("quick", bass_population=20_000, bass_seeds=5, fine_seeds=2, sparse_seeds=2,
                  ties_population=5_000, ties_seeds=3, ties_levels=(0.5, 1.0, 2.0),
                  girard_population=1_000_000, girard_repeats=5,
                  girard_networks=("random", "small_world"),
                  retention_population=20_000, tarp_population=40_000, tarp_seeds=3,
                  folklore_seeds=4, large_seeds=2, referral_seeds=4, wom_seeds=4,
                  effect_population=10_000, effect_seeds=5,
                  news_population=40_000, news_seeds=12),
    "full": Size("full", bass_population=50_000, bass_seeds=10, fine_seeds=5, sparse_seeds=5,
                 ties_population=20_000, ties_seeds=16, ties_levels=(0.5, 0.75, 1.0, 1.5, 2.0),
                 girard_population=2_000_000, girard_repeats=20,
                 girard_networks=("random", "small_world_1", "small_world", "small_world_01",
                                  "small_world_0", "scale_free", "communities"),
                 retention_population=100_000, tarp_population=40_000, tarp_seeds=10,
                 folklore_seeds=10, large_seeds=10, referral_seeds=10, wom_seeds=10,
                 effect_population=20_000, effect_seeds=20,
                 news_population=40_000, news_seeds=20),
}


@dataclass
class Context:
    """What a target gets: the size, its seeds, user choices, and a cache of shared runs."""

    size: Size
    root_seed: int = 1
    bass_pq: tuple[float, float] = (0.03, 0.38)
    progress: bool = True
    _runs: dict = field(default_factory=dict)

    def seeds(self, name: str, count: int) -> list[int]:
        """`count` independent integer seeds belonging to `name`."""
        return replication_seeds(self.root_seed, count, (zlib.crc32(name.encode()),))

    def rng(self, name: str) -> np.random.Generator:
        return np.random.default_rng(self.seeds(name, 1)[0])

    def model(self, params: Params, seed: int, months: float) -> CustomerModel:
        """A run of `params` with `seed` for `months`, shared between targets that ask for it."""
        key = (params, seed, months)
        if key not in self._runs:
            self._runs[key] = CustomerModel(params, rng=seed).run(months)
        return self._runs[key]

    def each(self, items: Iterable, desc: str, total: int | None = None) -> Iterable:
        """Iterate with a nested progress bar (hidden when progress is off)."""
        return tqdm(items, desc=f"  {desc}", total=total, leave=False,
                    disable=not self.progress)


@dataclass
class Result:
    """One target's outcome, or the error that stopped it, and how long it took."""

    target: Target
    outcome: Outcome | None
    seconds: float
    error: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome is not None and self.outcome.passed


def select(only: Sequence[str] | None) -> list[Target]:
    """Targets by name, in registration order; KeyError names the unknown one."""
    if not only:
        return list(TARGETS.values())
    for name in only:
        if name not in TARGETS:
            raise KeyError(name)
    return [t for t in TARGETS.values() if t.name in set(only)]


def run_target(t: Target, ctx: Context) -> Result:
    """Measure one target; a crash becomes a failed result with its message."""
    start = time.perf_counter()
    try:
        outcome = t.measure(ctx)
    except Exception as err:  # a broken target must not hide the others' results
        return Result(t, None, time.perf_counter() - start, f"{type(err).__name__}: {err}")
    return Result(t, outcome, time.perf_counter() - start)


def run_suite(size: str | Size = "quick", only: Sequence[str] | None = None,
              ctx: Context | None = None, **context) -> list[Result]:
    """Run the selected targets (all by default) and return their results."""
    import experiments.validation.targets  # noqa: F401  (registers the targets)
    size = SIZES[size] if isinstance(size, str) else size
    ctx = ctx or Context(size, **context)
    chosen = select(only)
    results = []
    bar = tqdm(chosen, desc="validate", unit="target", disable=not ctx.progress)
    for t in bar:
        bar.set_postfix_str(t.name)
        results.append(run_target(t, ctx))
    return results
