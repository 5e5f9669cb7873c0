"""What Mesa's DataCollector costs the model: `python -m benchmarks.mesa_collector_cost`.

The collector is filled from the ledger only when `model.datacollector` is read, so
stepping pays nothing; this times that read against the run it describes.
"""

from __future__ import annotations

import argparse
import time

from simulation import CustomerModel, Params


def collector_cost(population: int, months: int, seed: int = 1) -> tuple[float, float]:
    """(seconds to run the market, seconds to read its full DataCollector once)."""
    model = CustomerModel(Params.preset("folklore").replace(population=population), rng=seed)
    began = time.perf_counter()
    model.run(months)
    ran = time.perf_counter() - began
    began = time.perf_counter()
    model.datacollector.get_model_vars_dataframe()
    return ran, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--populations", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--months", type=int, default=120)
    args = parser.parse_args()
    for population in args.populations:
        ran, read = collector_cost(population, args.months)
        print(f"{population:>7,} people, {args.months} months: run {ran * 1000:7.0f} ms, "
              f"DataCollector read {read * 1000:5.1f} ms ({read / ran:.2%} of the run)")


if __name__ == "__main__":
    main()
