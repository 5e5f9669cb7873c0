"""What to measure next: for each uncertain input behind a plan (a fitted parameter, a
lever's price, folklore or evidence for what was not fitted), the money the firm could
expect to gain by learning it before choosing.

This is the expected value of perfect partial information, computed from the sampled
cases of "what flips it" (every option run on each case): split the cases into bins of
one input, choose the best option within each bin, and compare with choosing once for
all cases,

    EVPPI(x) = sum over bins of (share of cases) x max over options of mean value in bin
               - max over options of mean value over all cases.

With finitely many noisy cases the first term is biased upward (a bin's best option
gains from luck), so every input is held against its own chance level: the same
number with the input's values shuffled among the cases. An input is worth measuring
only when its value clears that level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

BINS = 5            # bins of a numeric input (quantiles)
MIN_PER_BIN = 20    # fewer cases than this per bin: fewer bins
SHUFFLES = 200      # shuffles for the chance level
CHANCE = 0.95       # the chance level: this quantile of the shuffled values


def _bins(column: pd.Series) -> np.ndarray:
    """Bin labels of an input: its categories, or quantile bins of a number."""
    if isinstance(column.dtype, pd.CategoricalDtype) or column.dtype == object:
        return pd.factorize(column)[0]
    k = int(max(2, min(BINS, len(column) // MIN_PER_BIN)))
    return pd.qcut(column.rank(method="first"), k, labels=False).to_numpy()


def evppi(values: np.ndarray, bins: np.ndarray) -> float:
    """Expected value of perfect information about the binned input (cases x options)."""
    now = values.mean(axis=0).max()
    informed = 0.0
    for b in np.unique(bins):
        inside = bins == b
        informed += inside.mean() * values[inside].mean(axis=0).max()
    return float(informed - now)


def _best_per_bin(values: np.ndarray, bins: np.ndarray) -> list[int]:
    return [int(values[bins == b].mean(axis=0).argmax()) for b in np.unique(bins)]


@dataclass
class ValueOfInformation:
    """Inputs ranked by the money at stake in learning them, with their chance level.
    `table`: input, words, value, chance, beyond_chance, options its bins choose."""

    table: pd.DataFrame
    options: dict[str, str]          # option column -> words
    metric_words: str = "profit NPV"

    @property
    def top(self) -> pd.Series | None:
        found = self.table[self.table.beyond_chance]
        return found.iloc[0] if len(found) else None

    def text(self, money: Callable[[float], str]) -> str:
        """One sentence: what to measure and why, or that nothing clears chance."""
        top = self.top
        if top is None:
            first = self.table.iloc[0]
            return (f"Nothing you could measure would change the choice beyond chance: the "
                    f"most, {first.words}, is worth {money(first.value)} in expected "
                    f"{self.metric_words}, within the {money(first.chance)} that chance "
                    "alone gives with these cases.")
        rest = self.table.drop(top.name)
        others = money(max(rest.value.max(), 0.0)) if len(rest) else money(0.0)
        chosen = [self.options[o] for o in top.chosen]
        settle = (f"would settle the choice between {', '.join(chosen[:-1])} and "
                  f"{chosen[-1]}" if len(chosen) >= 2
                  else f"would change the choice to {chosen[0]}")
        return (f"Measuring {top.words} {settle}: worth about {money(top.value)} in expected "
                f"{self.metric_words} (chance alone gives {money(top.chance)}); nothing "
                f"else you could measure changes it by more than {others}.")


def value_of_information(inputs: pd.DataFrame, values: pd.DataFrame,
                         words: dict[str, str], options: dict[str, str] | None = None,
                         metric_words: str = "profit NPV", seed: int = 0
                         ) -> ValueOfInformation:
    """Rank every input column by how far its EVPPI over the options (columns of
    `values`, one row per case, the same rows as `inputs`) clears its shuffled chance
    level. `words` and `options` name inputs and options for readers."""
    rng = np.random.default_rng(seed)
    v = values.to_numpy(float)
    overall = int(v.mean(axis=0).argmax())
    rows = []
    for col in inputs.columns:
        bins = _bins(inputs[col])
        value = evppi(v, bins)
        chance = np.quantile([evppi(v, rng.permutation(bins)) for _ in range(SHUFFLES)],
                             CHANCE)
        best = _best_per_bin(v, bins)
        chosen = [values.columns[overall]] + [values.columns[i]
                                              for i in dict.fromkeys(best) if i != overall]
        rows.append({"input": col, "words": words.get(col, col.replace("_", " ")),
                     "value": value, "chance": float(chance),
                     # worth knowing only if some value of it picks another option
                     "beyond_chance": bool(value > chance and len(chosen) > 1),
                     "chosen": chosen})
    table = pd.DataFrame(rows)
    table = table.iloc[np.argsort(-(table.value - table.chance).to_numpy(), kind="stable")]
    table = table.set_index("input", drop=False)
    names = {c: (options or {}).get(c, c) for c in values.columns}
    return ValueOfInformation(table, names, metric_words)
