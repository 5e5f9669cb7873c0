"""Mesa's `DataCollector` over the model's ledger, so Mesa's own tools work on the model.

The model records one row of market aggregates per step in its ledger. Reading
`model.datacollector` copies the rows it has not seen yet into a real
`mesa.DataCollector` (one model variable per ledger column), so stepping pays nothing
for it and `mesa.batch_run(CustomerModel, parameters={...})` returns tidy rows.
"""

from __future__ import annotations

import mesa

from simulation.recording import Ledger

SKIPPED = ("step",)   # Mesa's tools add the step themselves ("Step")


class LedgerCollector(mesa.DataCollector):
    """A DataCollector whose model variables are the ledger's rows, copied in when read."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__(model_reporters={"npv": "npv"})
        self._validated = True           # variables come from the ledger, not attributes
        self._ledger, self._seen, self._npv = ledger, 0, 0.0

    def collect(self, model: mesa.Model | None = None) -> None:
        """Bring the collector up to date with the ledger (Mesa's loop may call this)."""
        rows = self._ledger.rows
        for row in rows[self._seen:]:
            for column in [c for c in row if c not in self.model_vars and c not in SKIPPED]:
                self._new_model_reporter(column, column)
                self.model_vars[column].extend([0.0] * len(self._collection_steps))
            self._npv += row.get("discounted_profit", 0.0)
            for column, values in self.model_vars.items():
                values.append(self._npv if column == "npv" else row.get(column, 0.0))
            self._collection_steps.append(int(row["step"]))
        self._seen = len(rows)


def collector_for(model: mesa.Model, ledger: Ledger) -> LedgerCollector:
    """The model's collector over its `ledger` (made on first use), up to date."""
    collector = model.__dict__.get("_mesa_collector")
    if collector is None:
        collector = model.__dict__["_mesa_collector"] = LedgerCollector(ledger)
    collector.collect(model)
    return collector
