"""`ripple validate`: reproduce published results and write a report with figures.

Targets register with ``@target`` (registry.py); suite.py runs them at a size;
report.py and figures.py write the Markdown and PNG files.
"""

from experiments.validation.registry import TARGETS, Check, Outcome, target
from experiments.validation.suite import SIZES, Context, Result, run_suite

__all__ = ["TARGETS", "Check", "Outcome", "target", "SIZES", "Context", "Result", "run_suite"]
