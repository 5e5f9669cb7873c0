"""Compile the model's kernels once, at set-up, so a newcomer's first answer does not wait.

numba compiles each kernel the first time it runs and keeps the machine code in its disk
cache (`__pycache__`, beside the source); every later process loads it in well under a
second. This runs a few tiny markets that between them call every kernel a command uses:
both presets, amplified word of mouth and every generated network kind.
"""

from __future__ import annotations

import time

from simulation import CustomerModel, Params

KINDS = ("small_world", "scale_free", "random", "complete", "communities")


def tiny_markets() -> list[Params]:
    markets = []
    for preset in ("folklore", "evidence"):
        base = Params.preset(preset).replace(population=300, mean_degree=6)
        markets.append(base)
        markets.append(base.replace(amplified=True))
    for kind in KINDS:
        markets.append(Params.preset("evidence").replace(population=300, mean_degree=6,
                                                          kind=kind, community_size=30))
    return markets


def main() -> None:
    began = time.perf_counter()
    for seed, params in enumerate(tiny_markets()):
        CustomerModel(params, rng=seed).run(3)
    print(f"Ripple's kernels are compiled and cached ({time.perf_counter() - began:.0f} s).")


if __name__ == "__main__":
    main()
