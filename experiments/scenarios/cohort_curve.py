"""`[observed] cohort_retention` of a firm profile: the share of one cohort (the profile's
`[market] customers`) still customers at the end of each year from year 1, e.g.
``[0.80, 0.69, 0.62]``: shares above 0 and at most 1, never rising (a cohort only
shrinks), at most `MAX_YEARS` of them."""

from __future__ import annotations

import math

from experiments.scenarios.table import Table

KEY = "cohort_retention"
MAX_YEARS = 50


def read_cohort_curve(table: Table | None) -> tuple[float, ...]:
    """The observed cohort curve, or () when the profile gives none."""
    if table is None or not table.has(KEY):
        return ()
    value = table.data[KEY]
    if (not isinstance(value, list) or not 1 <= len(value) <= MAX_YEARS or
            not all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and math.isfinite(v) and 0 < v <= 1 for v in value)):
        raise table.error(KEY, f"{value!r}: expected 1 to {MAX_YEARS} shares above 0 and at "
                               "most 1, the share of the cohort still customers at the end "
                               "of each year from year 1")
    for year, (before, after) in enumerate(zip(value, value[1:]), start=2):
        if after > before:
            raise table.error(KEY, f"{value!r}: year {year} ({after:g}) is above year "
                                   f"{year - 1} ({before:g}); a cohort only shrinks")
    return tuple(float(v) for v in value)
