"""Parameters of tenure: a customer's own hazard changing with time as a customer, and
prior months cushioning a complaint. Both off in the presets (no source sets them for
the presets' market); with them off nothing is drawn and the one-rate model runs bit for
bit. Cohort retention rises with tenure anyway when customers differ (sorting, see
`people_traits`); these are the options on top.

Sources: Fader, Hardie, Liu, Davin & Steenburgh (2018), "How to project customer
retention revisited: the role of duration dependence", J. Interactive Marketing 43:1-16
(beta-discrete-Weibull: a customer's survival is (1 - theta)^(t^c), so the hazard scales
with c t^(c - 1); c < 1 falling with tenure, c > 1 rising, c = 1 the sBG). Knox & van Oest
(2014), "Customer complaints and recovery effectiveness: a customer base approach",
J. Marketing 78(5):42-57 (prior purchases cushion a complaint's effect on defection,
prior complaints sharpen it; no size that transfers to a monthly market).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulation.parameters.fields import param, validate_group


@dataclass(frozen=True)
class TenureParams:
    """How tenure changes a customer's own chance of leaving; 1 and 0 = it does not."""

    GROUP = "tenure"
    duration_shape: float = param(
        1.0, low=0.2, high=3.0, source="Fader, Hardie, Liu, Davin & Steenburgh 2018 "
        "(beta-discrete-Weibull c); 1 in the presets",
        doc="c of the beta-discrete-Weibull: the hazard of leaving for causes no service "
            "episode explains scales with c t^(c - 1), t = years as a customer (below 1 "
            "falling with tenure, above 1 rising, 1 = constant)",
        label="duration dependence of leaving", unit="Weibull shape")
    loyalty_buffer: float = param(
        0.0, low=0.0, high=5.0, source="Knox & van Oest 2014 (direction; no size "
        "published for a monthly market); 0 in the presets",
        doc="a customer who would leave after a complaint episode stays with chance "
            "1 - exp(-buffer x years as a customer): prior months cushion the complaint",
        label="loyalty buffer against a complaint", unit="per year of tenure")

    def __post_init__(self) -> None:
        validate_group(self)

    @property
    def on(self) -> bool:
        return self.duration_shape != 1.0 or self.loyalty_buffer > 0
