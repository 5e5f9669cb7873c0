"""How fast the classroom app steps, drawing included: `python -m benchmarks.classroom_speed`.

The target (issue 4) is at least 10 steps a second at 500-2,000 people. Each step is
the Step button's full work: one model step, the figure redrawn in place, and the image
encoded for the browser. Steps are measured after a 10-step warm-up, over two simulated
years, so the occasional full redraw (an axis growing) is included.
"""

from __future__ import annotations

import argparse
import time

from experiments.classroom.app import ClassroomApp


def steps_per_second(population: int, steps: int = 120, seed: int = 7) -> float:
    app = ClassroomApp(population=population, seed=seed, months=steps + 10)
    app.step(10)
    began = time.perf_counter()
    for _ in range(steps):
        app.step_button.click()
    return steps / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--populations", type=int, nargs="+", default=[500, 1000, 2000])
    parser.add_argument("--steps", type=int, default=120)
    args = parser.parse_args()
    for population in args.populations:
        rate = steps_per_second(population, args.steps)
        print(f"{population:>6,} people: {rate:5.1f} steps/s ({1000 / rate:.0f} ms a step)")


if __name__ == "__main__":
    main()
