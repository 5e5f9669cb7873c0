"""Compiled kernels against the plain numpy rules they replaced (each mechanism's
`reference.py`): the model's key outputs over many seeds, two-sample tests."""

from __future__ import annotations

import numpy as np
from scipy import stats

from simulation import CustomerModel, Params

# Fixed seeds make these tests deterministic; the thresholds say how surprising a
# difference would have to be (Bonferroni over the outputs compared) to call it real.
ALPHA = 0.001
KEY_OUTPUTS = ("customers", "wom_positive", "wom_negative", "profit_npv", "lost")


def summaries(seeds, market: Params, months: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {key: [] for key in KEY_OUTPUTS}
    for seed in seeds:
        summary = CustomerModel(market, rng=seed).run(months).summary()
        for key in KEY_OUTPUTS:
            out[key].append(summary[key])
    return out


def assert_outputs_match(monkeypatch, module, name: str, reference, market: Params,
                         months: int = 24) -> None:
    """30 markets with the compiled `module.name`, 30 with `reference` in its place; a
    two-sample Kolmogorov-Smirnov test per key output, Bonferroni-corrected."""
    compiled = summaries(range(30), market, months)
    monkeypatch.setattr(module, name, reference)
    plain = summaries(range(100, 130), market, months)
    for key in KEY_OUTPUTS:
        p = stats.ks_2samp(compiled[key], plain[key]).pvalue
        assert p > ALPHA / len(KEY_OUTPUTS), (key, np.mean(compiled[key]), np.mean(plain[key]))
