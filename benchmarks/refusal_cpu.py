"""CPU time of a command line that is refused or only asks for help: the command line
imports only the chosen command, and each command its libraries once work starts, so
these answer in well under a second of CPU.

Measured (user + system CPU of the whole process, a 2-core machine under a load of 3-9;
before: three runs of /usr/bin/time, after: this benchmark's median of 5):

    ripple calibrate nosuchfirm     before 6.9 s (every command's libraries: pyabc,
                                    optuna, matplotlib, scipy, mesa)   after 0.51 s
    ripple --help                   before 7.0 s                       after 0.32 s
    ripple allocate nosuchfirm      after 0.54 s
    ripple compare ... --months -1  after 0.48 s
    ripple run --months 0           after 0.37 s

Re-measure by hand with ``/usr/bin/time -f %U+%S ripple calibrate nosuchfirm`` or:

    PYTHONPATH=$PWD .venv/bin/python -m benchmarks.refusal_cpu
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys

COMMANDS = (["calibrate", "nosuchfirm"], ["--help"], ["allocate", "nosuchfirm", "--budget", "5"],
            ["compare", "budget_split", "--months", "-1"], ["run", "--months", "0"])
REPEATS = 5


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU of one `ripple ARGV` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "experiments.cli", *argv], capture_output=True,
                   check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    for argv in COMMANDS:
        times = [cpu_seconds(argv) for _ in range(REPEATS)]
        print(f"ripple {' '.join(argv):<44} {statistics.median(times):5.2f} s CPU "
              f"(median of {REPEATS}; {min(times):.2f}-{max(times):.2f})")


if __name__ == "__main__":
    main()
