"""The error every layer raises for bad input: the ground floor, importing nothing."""


class ParameterError(ValueError):
    """A parameter value outside its allowed range or of the wrong type."""
