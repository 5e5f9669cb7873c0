"""Bad input: one line naming the file, the key and the problem; exit code 2; no traceback."""

import socket

import pytest

from experiments.cli import main

GOOD = """months = 6\nreplications = 2\n[parameters]\npopulation = 500\n
[[strategies]]\nname = "baseline"\n[[strategies]]\nname = "acquisition"\nbudget = 100\n"""


def error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def run(argv, capsys, tmp_path) -> str:
    assert main([*argv, "--out", str(tmp_path / "out"), "--backend", "serial", "--quiet"]) == 2
    return error_line(capsys)


@pytest.mark.parametrize("text, expected", [
    ("replicatons = 3\n", r"s.toml: replicatons: unknown key (did you mean 'replications'?)"),
    ("months = \"sixty\"\n", "s.toml: months: 'sixty' is not a number"),
    ("months = 0\n", "s.toml: months: 0 is out of range: must be > 0"),
    ("[parameters]\ncomplaint_prob = 1.5\n", "s.toml: parameters.complaint_prob: "
                                              "complaints.complaint_prob = 1.5 is out of range"),
    ("[parameters]\nrewire_prb = 0.1\n", "(did you mean 'rewire_prob'?)"),
    ("[[strategies]]\nname = \"fast_resolutoin\"\n",
     "s.toml: strategies[0].name: unknown value 'fast_resolutoin' (did you mean "
     "'fast_resolution'?)"),
    ("preset = \"evidance\"\n", "s.toml: preset: unknown value 'evidance' (did you mean "
                                "'evidence'?)"),
    ("[[strategies]]\nname = \"acquisition\"\nbudget = -100\n",
     "s.toml: strategies[0].budget: -100 is out of range: must be >= 0"),
    ("months = = 2\n", "s.toml: not valid TOML"),
])
def test_bad_scenario_files(tmp_path, capsys, text, expected):
    path = tmp_path / "s.toml"
    path.write_text(text)
    line = run(["compare", str(path)], capsys, tmp_path)
    assert line.startswith("ripple compare: error: ") and str(path) in line
    assert expected in line


def test_missing_scenario_file(tmp_path, capsys):
    line = run(["sweep", str(tmp_path / "nothing.toml")], capsys, tmp_path)
    assert line.startswith("ripple sweep: error: ") and "nothing.toml: file not found" in line


@pytest.mark.parametrize("argv, expected", [
    (["--set", "complaint_prob=-1"], "--set: complaint_prob: complaints.complaint_prob = -1"),
    (["--set", "cack=10"], "--set: cack: unknown parameter 'cack' (did you mean 'cac'?)"),
    (["--set", "population"], "--set 'population': expected NAME=VALUE"),
    (["--replications", "1"], "--replications 1: a comparison needs >= 2"),
    (["--workers", "0"], "--workers 0: must be >= 1"),
    (["--months", "-5"], "--months -5: must be > 0"),
])
def test_bad_command_line_values(tmp_path, capsys, argv, expected):
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    line = run(["compare", str(path), *argv], capsys, tmp_path)
    assert expected in line


def test_sweep_needs_a_sweep_table(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    assert "sweep: missing; this scenario has no [sweep] table" in run(
        ["sweep", str(path)], capsys, tmp_path)


@pytest.fixture
def ports():
    """A port nobody listens on, and one that accepts connections but never says a word."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        refused = closed.getsockname()[1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield {"refused": refused, "silent": s.getsockname()[1]}


@pytest.mark.parametrize("address, expected", [
    ("tcp://127.0.0.1:{refused}", "cannot connect"),
    ("tcp://127.0.0.1:{silent}", "no Dask scheduler answered within 4 s"),
    ("not-an-address", "expected an address like tcp://HOST:8786"),
])
def test_dead_scheduler_fails_fast_with_one_line(tmp_path, capsys, ports, address, expected):
    address = address.format(**ports)
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    line = run(["compare", str(path), "--scheduler", address], capsys, tmp_path)
    assert line.startswith(f"ripple compare: error: --scheduler {address}: ")
    assert expected in line


def test_unreadable_results_folder(tmp_path, capsys):
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    out = tmp_path / "out"
    assert main(["compare", str(path), "--out", str(out), "--backend", "serial", "--quiet",
                 "--no-report", "--no-flip"]) == 0
    capsys.readouterr()
    next((out / "compare" / "runs").glob("*.parquet")).write_bytes(b"not parquet")
    assert main(["report", str(out)]) == 2
    line = error_line(capsys)
    assert line.startswith("ripple report: error: ") and ".parquet: cut off or not a Parquet" in line
    (out / "compare" / "manifest.json").write_text("{")
    assert main(["report", str(out / "compare")]) == 2
    assert "manifest.json: unreadable" in error_line(capsys)
