"""Ripple: customers, service encounters and word of mouth on a social network.

Besides the model and its parameters, the vocabulary a notebook reads results with: the
status codes (PROSPECT, ACTIVE, LOST), why customers leave (CHURN_CAUSES, and F11's
published mix F11_SHARES), how they came (CHANNELS), the RATER service dimensions and the
strategies a budget can buy, and the firms of a market (FirmSetting, MAX_FIRMS).

The model and `run` are loaded when first used (PEP 562), so a program that only needs
the parameters, the vocabulary or the error class (the command line refusing a typo) does
not import the model's libraries.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING

from simulation.errors import ParameterError
from simulation.parameters.firms import MAX_FIRMS, FirmSetting
from simulation.parameters.params import Params, available_presets
from simulation.service import RATER
from simulation.state import (
    ACTIVE,
    CAUSE,
    CHANNEL,
    CHANNELS,
    CHURN_CAUSES,
    F11_SHARES,
    LOST,
    PROSPECT,
    STATUS_NAMES,
)
from simulation.strategies import STRATEGIES, Strategy

if TYPE_CHECKING:
    from simulation.model import CustomerModel
    from simulation.run import RunResult, run

_LAZY = {"CustomerModel": "simulation.model", "RunResult": "simulation.run",
         "run": "simulation.run"}

__all__ = ["ACTIVE", "CAUSE", "CHANNEL", "CHANNELS", "CHURN_CAUSES", "CustomerModel",
           "F11_SHARES", "FirmSetting", "LOST", "MAX_FIRMS", "PROSPECT", "Params",
           "ParameterError", "RATER", "RunResult",
           "STATUS_NAMES", "STRATEGIES", "Strategy", "available_presets", "run"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'simulation' has no attribute {name!r}")


class _Package(types.ModuleType):
    """`simulation.run` stays the function even after its module is imported."""

    def __setattr__(self, name: str, value) -> None:
        if name == "run" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
