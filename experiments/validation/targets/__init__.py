"""The reproduction targets; importing this package registers them all, in report order."""

from experiments.validation.targets import bass, folklore, market, networks  # noqa: F401
