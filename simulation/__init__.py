"""Ripple: customers, service encounters and word of mouth on a social network.

Besides the model and its parameters, the vocabulary a notebook reads results with: the
status codes (PROSPECT, ACTIVE, LOST), why customers leave (CHURN_CAUSES, and F11's
published mix F11_SHARES), how they came (CHANNELS), the RATER service dimensions and the
strategies a budget can buy.
"""

from simulation.fields import ParameterError
from simulation.model import CustomerModel
from simulation.params import Params, available_presets
from simulation.run import RunResult, run
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

__all__ = ["ACTIVE", "CAUSE", "CHANNEL", "CHANNELS", "CHURN_CAUSES", "CustomerModel",
           "F11_SHARES", "LOST", "PROSPECT", "Params", "ParameterError", "RATER", "RunResult",
           "STATUS_NAMES", "STRATEGIES", "Strategy", "available_presets", "run"]
__version__ = "0.1.0"
