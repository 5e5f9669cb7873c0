"""Lost-customer value: paired runs with and without the loss, split into parts."""

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.lost_customer import LossSpec, f10_check, lose, per_customer, simulate_loss
from experiments.cli import main
from experiments.execution.runs import replication_seeds
from experiments.reporting.text import f10_sentence
from simulation import CustomerModel, Params
from simulation.state import CAUSE, ENEMY, LOST

SMALL = Params().replace(population=1200)


def loss(seed: int, customers: int = 15) -> dict:
    spec = LossSpec(f"r{seed}", SMALL, seed, months=24, at_month=6, customers=customers)
    return simulate_loss(spec).row


def test_lose_marks_the_customers_and_the_way_they_leave():
    model = CustomerModel(SMALL, rng=1).run(3)
    who = model.active()[:5]
    lose(model, who, "enemy")
    pop = model.people
    assert (pop.status[who] == LOST).all() and (pop.lost_at[who] == model.steps).all()
    assert (pop.lost_cause[who] == CAUSE["staff_indifference"]).all()
    assert (pop.escalation[who] == ENEMY).all()
    quiet = CustomerModel(SMALL, rng=1).run(3)
    lose(quiet, who, "quiet")
    assert (quiet.people.lost_cause[who] == CAUSE["moving"]).all()


def test_parts_add_up_and_own_margin_stops_at_the_loss():
    row = loss(seed=3)
    for v in ("quiet", "enemy"):
        parts = row[f"{v}_own_margin"] + row[f"{v}_referral_value"] + row[f"{v}_wom_ripple"]
        assert parts == pytest.approx(row[f"{v}_total"])
        assert row[f"{v}_own_margin"] > 0
    # the lost customers earn nothing after the loss, however they leave
    assert row["quiet_own_margin"] == row["enemy_own_margin"]
    assert row["lost_customers"] == 15 and row["first_year_value"] > 0
    assert row["window_value"] > row["first_year_value"]      # more months, more margin


def test_enemies_spread_more_bad_word_of_mouth_than_quiet_leavers():
    """Over four seeds, 15 campaigning enemies add negative messages in every
    replication; quiet leavers add none on average (tolerance: the replications' own
    noise, checked by the sign of every paired difference)."""
    rows = [loss(seed) for seed in replication_seeds(11, 4)]
    extra = [r["enemy_negative_messages"] - r["quiet_negative_messages"] for r in rows]
    assert all(e > 0 for e in extra)
    assert np.mean([r["enemy_total"] for r in rows]) > np.mean([r["quiet_total"] for r in rows])


def test_per_customer_table_and_f10_verdict():
    runs = pd.DataFrame({"lost_customers": [10, 10, 10], "first_year_value": [40.0] * 3,
                         "window_value": [100.0] * 3, "window_months": [48.0] * 3,
                         "quiet_total": [2000.0, 2500.0, 3000.0],
                         "enemy_total": [9000.0, 10000.0, 11000.0],
                         **{f"{v}_{p}": [0.0] * 3 for v in ("quiet", "enemy")
                            for p in ("own_margin", "referral_value", "wom_ripple", "customers",
                                      "not_won", "friends_followed", "negative_messages")}})
    table = per_customer(runs).set_index(["variant", "part"])
    assert table.loc[("quiet", "total"), "mean"] == pytest.approx(250)
    check = f10_check(runs).set_index("variant")
    assert check.loc["quiet", "ratio"] == pytest.approx(2.5)
    assert check.loc["quiet", "verdict"] == "the rule overstates the loss"
    assert check.loc["enemy", "verdict"] == "consistent with the rule"
    sentence = f10_sentence(check.reset_index())
    assert "over the 48 months from the loss" in sentence and "$100 in those same months" in sentence


def test_no_f10_verdict_when_the_loss_is_within_noise():
    runs = pd.DataFrame({"lost_customers": [10] * 3, "window_value": [100.0] * 3,
                         "first_year_value": [40.0] * 3, "window_months": [48.0] * 3,
                         "quiet_total": [-3000.0, 500.0, 4000.0], "enemy_total": [1.0e4] * 3})
    check = f10_check(runs).set_index("variant")
    assert check.loc["quiet", "verdict"].startswith("within noise")
    assert "overstates" not in f10_sentence(check.reset_index()).split("angry")[0]


def test_lost_customer_command(tmp_path, capsys):
    code = main(["lost-customer", "--set", "population=1000", "--months", "18",
                 "--replications", "3", "--customers", "10", "--at-month", "6",
                 "--backend", "serial", "--out", str(tmp_path), "--quiet", "--no-report"])
    out = capsys.readouterr().out
    assert code == 0
    assert "10 customers lost at month 6, 3 paired replications" in out
    assert "own margin" in out and "ten new ones" in out and "F10" not in out
    assert "over the 12 months from the loss" in out
