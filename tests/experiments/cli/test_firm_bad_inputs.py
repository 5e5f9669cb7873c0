"""The bad-input corpus of the firm tools (`calibrate`, `allocate`, firm profiles,
posterior files, `run --params`, `demo`, `report`): every case exits with code 2 in at
most three lines of stderr, with no traceback, before any work starts (nothing on stdout,
no results folder written).

Classes: numbers that are not finite, shares that do not add up, parts larger than their
whole, counts larger than the market, values inside the profile's range but outside the
model's, no lever free to take money, seeds and horizons, repeated TOML keys, damaged or
meaningless posterior samples, a posterior fitted to another firm, unusable folders and
options out of range.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.firm_settings import DEFAULT_PRIORS
from experiments.analysis.posterior_file import write_posterior
from experiments.cli import demo as demo_cli
from experiments.scenarios.firm import firm_from_dict
from experiments.scenarios.firm_profile import LEVERS
from tests.experiments.cli.test_bad_inputs import check_case

EXIT_USAGE = 2
FIRM = """name = "Tiny"\nhorizon_months = 6\n[market]\nsize = 1000\ncustomers = 400\n
[observed]\nchurn_per_year = 0.3\ncomplaints_per_month = 4\n"""
# (what is wrong, profile text): each is refused by calibrate and by allocate
PROFILES = {
    "churn nan": "[observed]\nchurn_per_year = nan\n",
    "churn inf": "[observed]\nchurn_per_year = inf\n",
    "revenue -inf": "[observed]\nrevenue_per_customer_month = -inf\n",
    "survey with inf": "[observed]\nsurvey = [0.1, 0.2, 0.3, 0.4, inf]\n",
    "survey with nan": "[observed]\nsurvey = [0.1, 0.2, 0.3, 0.4, nan]\n",
    "survey adds up to 1.5": "[observed]\nsurvey = [0.3, 0.3, 0.3, 0.3, 0.3]\n",
    "survey adds up to 0.5": "[observed]\nsurvey = [0.1, 0.1, 0.1, 0.1, 0.1]\n",
    "survey of four": "[observed]\nsurvey = [0.25, 0.25, 0.25, 0.25]\n",
    "survey negative": "[observed]\nsurvey = [-0.1, 0.2, 0.3, 0.3, 0.3]\n",
    "survey of text": "[observed]\nsurvey = ['a', 'b', 'c', 'd', 'e']\n",
    "survey and nps": "[observed]\nsurvey = [0.1, 0.1, 0.2, 0.3, 0.3]\nnps = 10\n",
    "escalated above complaints": "[observed]\ncomplaints_per_month = 10\n"
                                  "escalated_per_month = 20\n",
    "gained beyond the market": "[market]\nsize = 40000\n[observed]\ncustomers_gained = 1e9\n",
    "customers beyond the market": "[market]\nsize = 100\ncustomers = 500\n",
    "cac below the model's": "[observed]\ncac = 0.001\n",
    "margin above 1": "[observed]\ngross_margin = 1.5\n",
    "quality price beyond the model": "[prices]\nquality_step_cost_per_month = 1e12\n",
    "market too small for the network": "[market]\nsize = 10\ncustomers = 5\n",
    "every lever kept": "[bounds]\n" + "".join(f'{lv} = "keep"\n' for lv in LEVERS),
    "bounds min above max": "[bounds]\nacquisition = { min = 10, max = 5 }\n",
    "bounds negative": "[bounds]\nacquisition = { min = -10 }\n",
    "bounds of text": '[bounds]\nacquisition = "lots"\n',
    "seed negative": "seed = -1\n",
    "seed a fraction": "seed = 1.5\n",
    "seed beyond 2**63-1": "seed = 9223372036854775808\n",
    "horizon zero": "horizon_months = 0\n",
    "horizon a billion": "horizon_months = 1e9\n",
    "repeated key": "[observed]\ncac = 100\ncac = 200\n",
    "repeated table": "[observed]\ncac = 100\n[observed]\nnps = 5\n",
    "unknown key": "[observed]\nchrun_per_year = 0.2\n",
    "unknown section": "[observations]\nchurn_per_year = 0.2\n",
    "section not a table": "observed = 5\n",
    "referral reward above cac": "[observed]\ncac = 100\n[prices]\nreferral_reward = 150\n",
    "both churn figures": "[observed]\nchurn_per_year = 0.2\nchurn_per_month = 0.02\n",
    "unknown preset": 'preset = "fokllore"\n',
    "unknown quality dimension": '[prices]\nquality_dimension = "speed"\n',
    "handler closes nothing": "[prices]\nhandler_complaints_per_month = 0\n",
    "spend negative": "[spend]\nacquisition = -5\n",
    "name not text": "name = 5\n",
    "not TOML": "[observed\nchurn = 1\n",
}


def profile_cases(tmp) -> list[list[str]]:
    runs = []
    for i, text in enumerate(PROFILES.values()):
        path = tmp / f"profile{i}.toml"
        path.write_text(text)
        out = ["--out", str(tmp / f"out{i}"), "--backend", "serial", "--quiet"]
        runs += [["calibrate", str(path), *out], ["allocate", str(path), "--budget", "100", *out]]
    return runs


def posterior(rows: int = 6, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    draws = pd.DataFrame({p.name: rng.uniform(p.low, p.high, rows) for p in DEFAULT_PRIORS})
    draws["weight"] = 1.0 / rows
    return draws


def posterior_cases(tmp, firm) -> list[list[str]]:
    """Posterior files that must not become a plan."""
    good = posterior()
    frames = {"no rows": good.iloc[:0], "nan value": good.assign(complaint_prob=np.nan),
              "inf value": good.assign(perception_noise=np.inf),
              "nan weights": good.assign(weight=np.nan), "zero weights": good.assign(weight=0.0),
              "negative weight": good.assign(weight=[-1.0, 1, 1, 1, 1, 1]),
              "unknown column": good.assign(happiness=0.5),
              "text column": good.assign(complaint_prob="high"),
              "out of the model's range": good.assign(complaint_prob=3.0),
              "only weights": good[["weight"]]}
    runs = []
    for i, frame in enumerate(frames.values()):
        path = tmp / f"posterior{i}.parquet"
        frame.to_parquet(path, index=False)
        runs.append(["allocate", str(firm), "--budget", "100", "--posterior", str(path),
                     "--out", str(tmp / "plan-out")])
    (tmp / "cut.parquet").write_bytes(good.to_parquet()[:200])
    (tmp / "a_folder.parquet").mkdir()
    (tmp / "text.parquet").write_text("weight\n1\n")
    for name in ("cut.parquet", "a_folder.parquet", "text.parquet", "none.parquet"):
        runs.append(["allocate", str(firm), "--budget", "100", "--posterior", str(tmp / name),
                     "--out", str(tmp / "plan-out")])
    return runs


def other_firms_posterior(tmp, firm) -> list[list[str]]:
    """A folder holding firm A's calibration, used for firm B (or an edited A)."""
    out = tmp / "shared"
    (out / "calibration").mkdir(parents=True)
    other = firm_from_dict({"name": "Other firm"}, where="other.toml")
    write_posterior(posterior(), other.identity(), out / "calibration" / "posterior.parquet")
    runs = [["allocate", str(firm), "--budget", "100", "--out", str(out)]]
    unnamed = tmp / "unnamed"
    (unnamed / "calibration").mkdir(parents=True)
    write_posterior(posterior(), None, unnamed / "calibration" / "posterior.parquet")
    runs.append(["allocate", str(firm), "--budget", "100", "--out", str(unnamed)])
    return runs


def option_cases(tmp, firm, a_file) -> list[list[str]]:
    base = [str(firm), "--backend", "serial", "--quiet", "--out", str(tmp / "opt")]
    runs = [["calibrate", *base, *extra] for extra in (
        ["--particles", "0"], ["--generations", "-1"], ["--max-simulations", "0"],
        ["--population", "5"], ["--population", "10"], ["--seed", "-1"],
        ["--seed", str(2**63)], ["--workers", "0"])]
    runs += [["allocate", *base, *extra] for extra in (
        ["--budget", "nan"], ["--budget", "inf"], ["--budget", "-5"], ["--budget", "0"],
        ["--budget", "100", "--replications", "1"], ["--budget", "100", "--trials", "0"],
        ["--budget", "100", "--cases", "0"], ["--budget", "100", "--metric", "joy"],
        ["--budget", "1e9", "--seed", "-3"], ["--budget", "100", "--population", "10"])]
    runs += [["calibrate", str(firm), "--out", str(a_file)],
             ["calibrate", str(firm), "--out", str(a_file / "below")],
             ["calibrate", "harbour_brodband"], ["allocate", "no_such_firm", "--budget", "5"],
             ["calibrate", str(tmp / "a_folder.parquet")]]
    return runs


def params_file_cases(tmp) -> list[list[str]]:
    """`run --params FILE` with a value out of range or a file that is not parameters."""
    files = {"small.toml": "[market]\npopulation = 5\n",
             "share.toml": "[complaints]\ncomplaint_prob = 1.5\n",
             "unknown.toml": "[market]\nhappiness = 1\n",
             "repeated.toml": "[market]\npopulation = 500\npopulation = 600\n"}
    runs = []
    for name, text in files.items():
        (tmp / name).write_text(text)
        runs.append(["run", "--params", str(tmp / name), "--months", "1",
                     "--out", str(tmp / "run-out")])
    return runs


def foreign_manifest(tmp) -> list[list[str]]:
    folder = tmp / "foreign" / "compare"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(
        {"kind": "compare", "runs": {"baseline-0": "abc123"},
         "scenario": {"name": "other", "metric": "profit_npv", "strategies": {}}}))
    return [["report", str(tmp / "foreign")]]


@pytest.fixture(scope="module")
def firm_corpus(tmp_path_factory) -> list[list[str]]:
    tmp = tmp_path_factory.mktemp("firm_corpus")
    firm = tmp / "tiny.toml"
    firm.write_text(FIRM)
    a_file = tmp / "a_file"
    a_file.write_text("not a folder")
    return (profile_cases(tmp) + posterior_cases(tmp, firm) + other_firms_posterior(tmp, firm)
            + option_cases(tmp, firm, a_file) + params_file_cases(tmp) + foreign_manifest(tmp))


def test_corpus_of_bad_firm_inputs(firm_corpus, capsys):
    assert len(firm_corpus) >= 120
    for argv in firm_corpus:
        check_case(argv, EXIT_USAGE, capsys)


def test_messages_name_the_file_the_profiles_key_the_value_and_the_range(tmp_path, capsys):
    def error(text: str, *argv: str) -> str:
        path = tmp_path / "firm.toml"
        path.write_text(text)
        return check_case(["calibrate", str(path), "--out", str(tmp_path / "o"), *argv],
                          EXIT_USAGE, capsys)
    err = error(PROFILES["quality price beyond the model"])
    assert "firm.toml: prices.quality_step_cost_per_month: 1e+12" in err
    assert re.search(r"out of range: must be <= [0-9.]+e\+\d+ \(it sets quality point cost", err)
    err = error(PROFILES["market too small for the network"])
    assert "firm.toml: market.size: 10" in err and "at least 11 people" in err
    err = error(PROFILES["cac below the model's"])
    assert "observed.cac: 0.001 is out of range: must be >= 0.01" in err
    assert "adds up to 1.5" in error(PROFILES["survey adds up to 1.5"])
    assert "must be <= observed.complaints_per_month (10" in error(
        PROFILES["escalated above complaints"])
    assert "must be <= market.size (40,000" in error(PROFILES["gained beyond the market"])
    assert "every lever is \"keep\"" in error(PROFILES["every lever kept"])
    assert "'cac' is given twice" in error(PROFILES["repeated key"])
    assert "'observed' is given twice" in error(PROFILES["repeated table"])


def test_the_largest_seed_is_accepted_exactly():
    firm = firm_from_dict({"seed": 2**63 - 1})
    assert firm.seed == 2**63 - 1 and isinstance(firm.seed, int)
    assert firm_from_dict({"seed": 12.0}).seed == 12


def test_posterior_messages_name_the_file_and_column(tmp_path, capsys):
    firm = tmp_path / "tiny.toml"
    firm.write_text(FIRM)
    path = tmp_path / "post.parquet"
    posterior().assign(complaint_prob=np.nan).to_parquet(path, index=False)
    err = check_case(["allocate", str(firm), "--budget", "100", "--posterior", str(path)],
                     EXIT_USAGE, capsys)
    assert f"{path}: column 'complaint_prob': row 1 is nan" in err
    other = tmp_path / "shared"
    (other / "calibration").mkdir(parents=True)
    write_posterior(posterior(), firm_from_dict({"name": "A"}).identity(),
                    other / "calibration" / "posterior.parquet")
    err = check_case(["allocate", str(firm), "--budget", "100", "--out", str(other)],
                     EXIT_USAGE, capsys)
    assert "was fitted to the firm profile 'A'" in err and "pass --posterior" in err


def test_an_explicit_posterior_of_another_firm_is_used_on_purpose(tmp_path, capsys):
    """--posterior skips the identity check: the command goes on to its next check (here
    the plan folder, a file, is refused)."""
    firm = tmp_path / "tiny.toml"
    firm.write_text(FIRM)
    path = tmp_path / "a.parquet"
    write_posterior(posterior(), firm_from_dict({"name": "A"}).identity(), path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan").write_text("a file")
    err = check_case(["allocate", str(firm), "--budget", "100", "--posterior", str(path),
                      "--out", str(tmp_path / "out")], EXIT_USAGE, capsys)
    assert "plan: is a file, not a folder" in err


def test_a_port_that_needs_permission_says_so(monkeypatch, capsys):
    def refuse(self, address):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(socket.socket, "bind", refuse)
    err = check_case(["demo", "--port", "80"], EXIT_USAGE, capsys)
    assert "no permission to use port 80" in err and "already in use" not in err
    assert demo_cli.port_problem(80).startswith("no permission")


HEAVY = ("pyabc", "optuna", "matplotlib", "scipy", "mesa", "numba", "SALib")


@pytest.mark.parametrize("argv", [["--help"], ["calibrate", "nosuchfirm"],
                                  ["allocate", "nosuchfirm", "--budget", "100"],
                                  ["calibrate", "harbour_broadband", "--particles", "0"],
                                  ["compare", "nosuch"], ["sweep", "budget_split", "--seed", "-1"],
                                  ["run", "--months", "0"], ["calibrat", "x"],
                                  ["report", "no/such/folder"]])
def test_refusing_bad_input_loads_no_heavy_library(argv):
    """A fresh interpreter parses and refuses without importing the libraries that work
    (their import is what made a refused typo cost seconds of CPU)."""
    code = (f"import sys\nfrom experiments.cli import main\ntry:\n    main({argv!r})\n"
            "except SystemExit:\n    pass\n"
            f"print('loaded:', ','.join(m for m in {HEAVY!r} if m in sys.modules), "
            "file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "loaded:", done.stderr
