"""Ripple: customers, service encounters and word of mouth on a social network."""

from simulation.errors import ParameterError
from simulation.model import CustomerModel
from simulation.parameters.params import Params, available_presets
from simulation.run import RunResult, run

__all__ = ["CustomerModel", "Params", "ParameterError", "RunResult", "available_presets", "run"]
__version__ = "0.1.0"
