"""Sweep designs (SALib), parameter rankings, and `ripple sweep` end to end."""

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.designs import design_points, point_overrides
from experiments.analysis.sensitivity import rank_parameters
from experiments.cli import main
from experiments.execution.storage import ResultStore
from experiments.scenarios.parts import SweepParam, SweepSpec
from simulation import Params

PARAMS = Params()
TWO = (SweepParam("cac", 50.0, 800.0, scale="log", levels=5),
       SweepParam("resolution_days", 1.0, 30.0, levels=3))


def test_grid_is_every_combination():
    design = design_points(SweepSpec("grid", TWO), PARAMS, seed=0)
    assert len(design) == 15 and design.point.tolist() == list(range(15))
    cac = sorted(design.cac.unique())
    assert cac[0] == pytest.approx(50) and cac[-1] == pytest.approx(800)
    assert np.allclose(np.diff(np.log(cac)), np.log(2))        # log spacing: x2 each level
    assert sorted(design.resolution_days.unique()) == [1.0, 15.5, 30.0]


@pytest.mark.parametrize("design, rows", [("random", 16), ("latin", 16),
                                          ("sobol", 16 * (2 + 2)), ("morris", 16 * (2 + 1))])
def test_sampled_designs_stay_in_range_and_are_seeded(design, rows):
    spec = SweepSpec(design, TWO, samples=16)
    points = design_points(spec, PARAMS, seed=1)
    assert len(points) == rows
    assert points.cac.between(50, 800).all() and points.resolution_days.between(1, 30).all()
    assert points.unit_cac.between(0, 1).all()
    pd.testing.assert_frame_equal(points, design_points(spec, PARAMS, seed=1))


def test_latin_hypercube_fills_every_stratum():
    points = design_points(SweepSpec("latin", TWO, samples=10), PARAMS, seed=2)
    strata = np.floor(points.unit_resolution_days * 10).astype(int)
    assert sorted(strata) == list(range(10))


def test_whole_number_parameters_are_rounded():
    spec = SweepSpec("latin", (SweepParam("population", 500.0, 2000.0),), samples=8)
    points = design_points(spec, PARAMS, seed=0)
    assert all(isinstance(v, int) for v in points.population)


def test_cases_skip_parameters_they_do_not_set():
    spec = SweepSpec("cases", cases=(("a", {"kind": "scale_free"}),
                                     ("b", {"kind": "small_world", "rewire_prob": 0.5})))
    design = design_points(spec, PARAMS, seed=0)
    assert design.case.tolist() == ["a", "b"]
    assert point_overrides(design.iloc[0], spec.names) == {"kind": "scale_free"}
    assert point_overrides(design.iloc[1], spec.names) == {"kind": "small_world",
                                                           "rewire_prob": 0.5}


def _synthetic_runs(design: pd.DataFrame) -> pd.DataFrame:
    """profit depends strongly on the unit position of cac, weakly on resolution days."""
    u_cac = np.log(design.cac / 50) / np.log(16)
    u_days = (design.resolution_days - 1) / 29
    return pd.DataFrame({"point": design.point, "strategy": "baseline", "replication": 0,
                         "profit_npv": 10 * u_cac + 0.5 * u_days ** 2,
                         "retention": 0.2 * u_days + 0.01 * u_cac})


@pytest.mark.parametrize("design, samples", [("sobol", 64), ("morris", 20), ("latin", 64),
                                             ("grid", 0)])
def test_rankings_find_the_driving_parameter(design, samples):
    params = TWO if design != "grid" else tuple(
        SweepParam(p.name, p.low, p.high, scale=p.scale, levels=6) for p in TWO)
    spec = SweepSpec(design, params, samples=samples or 1)
    points = design_points(spec, PARAMS, seed=3)
    runs = _synthetic_runs(points)
    profit = rank_parameters(points, runs, "profit_npv", "baseline", design, spec.names)
    retention = rank_parameters(points, runs, "retention", "baseline", design, spec.names)
    assert profit.parameter.tolist() == ["cac", "resolution_days"]
    assert retention.parameter.tolist() == ["resolution_days", "cac"]


def test_too_few_points_to_rank():
    points = design_points(SweepSpec("grid", (SweepParam("cac", values=(1.0, 2.0)),)),
                           PARAMS, seed=0)
    with pytest.raises(ValueError, match="too few"):
        rank_parameters(points, _synthetic_runs(points.assign(resolution_days=1.0)),
                        "profit_npv", "baseline", "grid", ["cac"])


def test_sweep_command_ranks_cac_first_for_profit(tmp_path, capsys):
    toml = tmp_path / "s.toml"
    toml.write_text("""months = 12\nreplications = 1\nseed = 5\n[parameters]\n
population = 1000\n[sweep]\ndesign = "grid"\n[sweep.parameters]\n
cac = { low = 50, high = 800, levels = 4, scale = "log" }\n
resolution_days = { low = 1, high = 30, levels = 3 }\n""")
    code = main(["sweep", str(toml), "--design", "latin", "--samples", "12", "--backend",
                 "serial", "--out", str(tmp_path / "r"), "--quiet", "--no-report"])
    out = capsys.readouterr().out
    assert code == 0 and "latin design, 12 points" in out
    profit_line = next(line for line in out.splitlines() if line.strip().startswith("profit NPV"))
    assert profit_line.strip().removeprefix("profit NPV").strip().startswith("acquisition cost per")
    store = ResultStore.open(tmp_path / "r" / "sweep")
    assert len(store.runs()) == 12 and store.manifest["sweep"]["design"] == "latin"
