"""The reproduction targets; importing this package registers them all, in report order."""

from experiments.validation.targets import (  # noqa: F401
    bass,
    competition,
    consequences,
    customers_differ,
    folklore,
    lifecycle,
    market,
    money,
    networks,
    save_desk,
)
