"""Speed work must not change results: the same seed gives the same time series as the
stored reference. After an intended change to the model, regenerate the reference with

    .venv/bin/python -m tests.test_regression

and say in the commit why the numbers moved.
"""

from pathlib import Path

import pandas as pd
import pytest

from simulation import CustomerModel, Params, bass

DATA = Path(__file__).with_name("data")
CASES = {
    "folklore_small_world": ("folklore", {"population": 2000}, 24),
    "evidence_communities_amplified": ("evidence", {"population": 1500, "kind": "communities",
                                                    "amplified": True, "followup_share": 0.3,
                                                    "step_months": 0.5}, 12),
    "bass_complete": ("bass", {"population": 3000}, 12),
    "evidence_scale_free": ("evidence", {"population": 2000, "kind": "scale_free"}, 24),
    "folklore_random": ("folklore", {"population": 2000, "kind": "random"}, 24),
    "folklore_daily": ("folklore", {"population": 1000, "step_months": 1 / 30}, 3),
}


def base_params(preset: str) -> Params:
    """A shipped preset, or the Bass special case (complete graph, p 0.03, q 0.38)."""
    return bass.bass_params(0.03, 0.38) if preset == "bass" else Params.preset(preset)


def simulate(name: str) -> pd.DataFrame:
    preset, overrides, months = CASES[name]
    model = CustomerModel(base_params(preset).replace(**overrides), rng=20261122)
    frame = model.run(months).timeseries
    return frame[sorted(frame.columns)].astype(float)


@pytest.mark.parametrize("name", list(CASES))
def test_same_seed_same_numbers_as_the_reference(name):
    expected = pd.read_csv(DATA / f"{name}.csv")
    # float32 state summed in float64: equal to the last few ulps across platforms
    pd.testing.assert_frame_equal(simulate(name), expected, check_exact=False, rtol=1e-9)


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    for case in CASES:
        simulate(case).to_csv(DATA / f"{case}.csv", index=False)
        print(f"wrote {DATA / case}.csv")
