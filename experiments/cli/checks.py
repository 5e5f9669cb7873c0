"""Checks every command's options share, run before any command starts: numbers are
finite, seeds are seeds, and an output folder can be a folder. They look at the parsed
options by name, so a newly registered command gets them without asking."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from experiments.errors import UsageError
from experiments.execution.out_folder import check_writable_folder
from simulation.errors import ParameterError
from simulation.horizon import check_seed


def option_name(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def check_common_options(args: argparse.Namespace) -> None:
    """Raise UsageError for a non-finite number, a bad seed or an unusable --out."""
    for dest, value in vars(args).items():
        if isinstance(value, float) and not math.isfinite(value):
            raise UsageError(f"{option_name(dest)} {value}: must be a finite number")
    if getattr(args, "seed", None) is not None:
        try:
            check_seed(args.seed, "--seed")
        except ParameterError as err:
            raise UsageError(str(err)) from None
    if getattr(args, "out", None):
        check_writable_folder(Path(args.out), "--out")
