"""What a model of several firms answers about them: their names, each firm's rows, and a
change to one firm's settings between steps (mixed into `CustomerModel`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from simulation.firms.book import one_firm_rows


class FirmVerbs:
    """The model's verbs about its firms; `rivals` is None when the market has one."""

    @property
    def firm_names(self) -> tuple[str, ...]:
        """The market's firms, in order (one firm: a single default name)."""
        return self.params.firm_names()

    def set_firm(self, k: int, **overrides: Any) -> None:
        """Change firm `k`'s firm-side settings from the next step on (checked like any
        parameter; a market-side name is refused)."""
        self.params = self.params.with_firm(k, **overrides)
        if self.rivals is not None:
            self.rivals.refresh(self.params)

    @property
    def firm_timeseries(self) -> pd.DataFrame:
        """One row per step per firm (row 0 the start): customers, new customers, won from
        rivals, defections, disadoptions, praising and critical messages about the firm,
        revenue, profit, discounted profit, npv; with one firm the market's own columns
        under the firm's name."""
        if self.rivals is not None:
            return self.rivals.book.frame()
        return one_firm_rows(self.timeseries, self.firm_names[0])
