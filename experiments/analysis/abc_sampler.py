"""A pyabc sampler that runs on Ripple's backends and gives the same result for a seed
whatever the backend or the worker count.

pyabc's own parallel samplers reseed every worker from the operating system, so two
runs of one fit differ. This sampler sends each proposal as a task with a seed from
`numpy.random.SeedSequence` (root seed, generation call, batch), executes batches
through `experiments.execution.runner.execute` (serial, local processes or Dask), and accepts
results in submission order, never in order of completion.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cloudpickle
import numpy as np
from pyabc.sampler import Sampler

from experiments.execution.interrupts import honoured
from experiments.execution.runner import Backend, execute


@dataclass(frozen=True)
class SeededProposal:
    """One ABC proposal: the pickled pyabc `simulate_one` and the seed it runs with."""

    run_id: str
    payload: bytes
    seed: int


@dataclass
class Proposed:
    """What a worker sends back: the proposal's id and pyabc's particle."""

    run_id: str
    particle: object


def evaluate_proposal(spec: SeededProposal) -> Proposed:
    """Module-level task: seed the generators pyabc draws from, then propose once."""
    np.random.seed(spec.seed % 2**32)
    random.seed(spec.seed)
    return Proposed(spec.run_id, cloudpickle.loads(spec.payload)())


class SeededSampler(Sampler):
    """Batches of seeded proposals on a backend; accepted in submission order."""

    def __init__(self, seed: int, backend: Backend | None = None, pool=None,
                 max_batch: int = 2000, progress=None) -> None:
        super().__init__()
        self.seed, self.backend, self.pool = seed, backend or Backend(progress=False), pool
        self.max_batch, self.progress = max_batch, progress
        self.calls = 0
        self.total_evaluations = 0
        self.reach: dict[str, tuple[float, float]] = {}   # each figure's lowest, highest

    def _widen_reach(self, particles) -> None:
        """The lowest and highest value of each figure over every simulated proposal,
        accepted or not: how far the model reaches across the fitted ranges."""
        for particle in particles:
            for key, value in (particle.sum_stat or {}).items():
                low, high = self.reach.get(key, (value, value))
                self.reach[key] = (min(low, value), max(high, value))

    def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf,
                                all_accepted=False, ana_vars=None):
        self.calls += 1
        sample, payload = self._create_empty_sample(), cloudpickle.dumps(simulate_one)
        evaluated, batch, rate = 0, 0, 1.0
        while sample.n_accepted < n and evaluated < max_eval:
            size = self._batch_size(n - sample.n_accepted, rate, max_eval - evaluated)
            seeds = np.random.SeedSequence([self.seed, self.calls, batch]).generate_state(
                size, np.uint64)
            specs = [SeededProposal(f"abc-{self.calls}-{batch}-{i}", payload, int(s >> 1))
                     for i, s in enumerate(seeds)]
            with honoured():   # between pyabc's database writes: Ctrl+C stops at once
                results = execute(specs, evaluate_proposal, backend=self.backend,
                                  pool=self.pool, desc=f"generation {self.calls}")
            self.total_evaluations += len(results)
            self._widen_reach(r.particle for r in results)
            accepted = 0
            for particle in (r.particle for r in results):
                sample.append(particle)
                evaluated += 1
                accepted += bool(particle.accepted)
                if sample.n_accepted >= n:
                    break
            rate = max(accepted / len(results), 0.02)
            batch += 1
            if self.progress is not None:
                self.progress(self.total_evaluations)
        self.nr_evaluations_ = evaluated
        if sample.n_accepted < n:
            sample.ok = False
        return sample

    def _batch_size(self, missing: int, rate: float, left: float) -> int:
        """Enough proposals to fill the missing particles at the last acceptance rate."""
        want = math.ceil(missing / rate * 1.1) + 1
        return int(max(1, min(want, self.max_batch, left)))
