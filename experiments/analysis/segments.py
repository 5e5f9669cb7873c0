"""Results by segment: a comparison of strategies split by the market's segments.

Each run of a market with segments carries, per segment, its customers now, the people
ever its customers, the discounted margin they earned (value), and retention (customers
now / ever) in `segment_<name>_<metric>` columns. `segment_split` pairs every strategy
with the reference replication by replication (common random numbers, as `compare`) and
states for each segment whether the difference is clear of the noise ("the save desk
pays for business accounts, not for consumers"). Value is the margin the segment's
customers brought; what a lever costs is not split by segment, so a segment's gain is
set against the whole lever's cost by the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from experiments.analysis.compare import currency_of, paired_difference, wide
from experiments.analysis.stats import HIGHER, LOWER, verdict
from simulation.parameters.segments import SEGMENT_LABELS, SEGMENTS

METRICS = ("value", "retention", "customers")
COLUMN = re.compile(r"^segment_(\w+?)_value$")


def segments_in(runs: pd.DataFrame) -> list[str]:
    """The segments a run table reports, in the order they are declared."""
    found = {m.group(1) for c in runs.columns if (m := COLUMN.match(c))}
    return [s for s in SEGMENTS if s in found]


def _rows(runs: pd.DataFrame, segment: str, reference: str) -> list[dict]:
    rows = []
    for label in wide(runs, f"segment_{segment}_value").columns:
        row = {"segment": segment, "strategy": label}
        for metric in METRICS:
            column = f"segment_{segment}_{metric}"
            row[metric] = float(wide(runs, column)[label].mean())
            if label == reference:
                continue
            diff = paired_difference(runs, column, label, reference)
            row.update({f"{metric}_diff": diff.mean, f"{metric}_low": diff.low,
                        f"{metric}_high": diff.high,
                        f"{metric}_verdict": verdict(diff.low, diff.high)})
        rows.append(row)
    return rows


@dataclass(frozen=True)
class SegmentSplit:
    """Per segment and strategy: means and paired differences to the reference."""

    table: pd.DataFrame
    reference: str
    currency: str = ""

    def text(self, money: Callable[..., str], words: Callable[[str], str] = str) -> str:
        """One line per segment and challenger; `money(x, signed, currency)` renders money
        and `words(label)` names a strategy for a reader."""
        lines = [f"By segment (each strategy against {words(self.reference)}, paired "
                 "replications, 95% intervals; value = discounted margin of the segment's "
                 "customers, "
                 "before the strategy's cost):"]
        for row in self.table.itertuples():
            if row.strategy == self.reference:
                continue
            value = (f"{money(row.value_diff, True, self.currency)} "
                     f"[{money(row.value_low, True, self.currency)}; "
                     f"{money(row.value_high, True, self.currency)}]")
            kept = (f"{100 * row.retention_diff:+.1f} points "
                    f"[{100 * row.retention_low:+.1f}; {100 * row.retention_high:+.1f}]")
            lines.append(f"  {SEGMENT_LABELS[row.segment]}, {words(row.strategy)}: value "
                         f"{value}, {row.value_verdict}; retention {kept}, "
                         f"{row.retention_verdict}")
        return "\n".join(lines + self.differences(money, words))

    def differences(self, money: Callable[..., str], words: Callable[[str], str] = str
                    ) -> list[str]:
        """A sentence per strategy whose value gain is clear of the noise in some segments
        and not in others ("follow-up raises the value of business accounts, not of
        consumers"); none when the intervals give every segment the same verdict."""
        out = []
        for label, rows in self.table.groupby("strategy", sort=False):
            if label == self.reference:
                continue
            for side, verb in ((HIGHER, "raises"), (LOWER, "lowers")):
                clear = rows[rows.value_verdict == side]
                rest = rows[rows.value_verdict != side]
                if clear.empty or rest.empty:
                    continue
                gains = ", ".join(
                    f"{SEGMENT_LABELS[r.segment]} ({money(r.value_diff, True, self.currency)} "
                    f"[{money(r.value_low, True, self.currency)}; "
                    f"{money(r.value_high, True, self.currency)}])" for r in clear.itertuples())
                others = ", ".join(f"{SEGMENT_LABELS[r.segment]} ({r.value_verdict})"
                                   for r in rest.itertuples())
                out.append(f"{words(label)} {verb} the value of {gains}, not of {others} "
                           "(95% intervals; value before the strategy's cost).")
        return out


def segment_split(runs: pd.DataFrame, reference: str | None = None) -> SegmentSplit | None:
    """The comparison split by segment (None when the runs have no segments)."""
    segments = segments_in(runs)
    if not segments:
        return None
    order = list(dict.fromkeys(runs["strategy"]))
    reference = reference if reference in order else order[0]
    rows = [row for s in segments for row in _rows(runs, s, reference)]
    return SegmentSplit(pd.DataFrame(rows), reference, currency_of(runs))
