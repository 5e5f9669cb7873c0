"""Value of information: an input that alone decides the choice is ranked first and
said in words; inputs that cannot change the choice stay at chance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.value_of_information import evppi, value_of_information

N = 160      # allocate's default number of sampled cases


def decided_by_handler_price(seed: int, noise: float = 50_000.0):
    """The plan wins by 200,000 when handlers are cheap (< 1x the quote) and loses by
    200,000 to its rival when they are dear; today's spend is 100,000 below the rival.
    Four other inputs do nothing. Each case also has its own noise (sd 50,000)."""
    rng = np.random.default_rng(seed)
    inputs = pd.DataFrame({"handler_cost_per_month": np.exp(rng.uniform(-0.7, 0.7, N)),
                           "cac": np.exp(rng.uniform(-0.7, 0.7, N)),
                           "complaint_prob": rng.uniform(0, 1, N),
                           "max_failure_prob": rng.uniform(0, 1, N),
                           "assumptions": pd.Categorical(rng.choice(["folklore", "evidence"], N))})
    cheap = inputs.handler_cost_per_month < 1.0
    rival = rng.normal(0, noise, N)
    values = pd.DataFrame({"winner": rival + np.where(cheap, 200_000, -200_000)
                           + rng.normal(0, noise, N),
                           "rival": rival, "today": rival - 100_000 + rng.normal(0, noise, N)})
    return inputs, values


WORDS = {"handler_cost_per_month": "the price of a complaint handler",
         "cac": "the acquisition cost (CAC)"}
OPTIONS = {"winner": "the recommended split", "rival": "all on acquisition",
           "today": "today's spend"}


@pytest.mark.parametrize("seed", range(5))
def test_an_input_that_alone_decides_is_ranked_first(seed):
    """Perfect information on the handler price is worth half the cases x 200,000 =
    100,000 (choose the rival when dear): tolerance 25,000, about three standard errors
    of 160 cases with sd 50,000 per option. Every other input stays below its chance
    level in at least 3 of 4 (a 95% level over four inputs)."""
    inputs, values = decided_by_handler_price(seed)
    voi = value_of_information(inputs, values, WORDS, OPTIONS, seed=seed)
    top = voi.table.iloc[0]
    assert top.input == "handler_cost_per_month" and top.beyond_chance
    assert top.value == pytest.approx(100_000, abs=25_000)
    assert voi.table.beyond_chance.sum() <= 2
    text = voi.text(lambda v: f"EUR {v:,.0f}")
    first = text.split(":")[0]
    assert first.startswith("Measuring the price of a complaint handler would settle the "
                            "choice between ")
    assert "the recommended split" in first and "all on acquisition" in first
    assert "nothing else you could measure changes it by more than EUR" in text


def test_when_nothing_decides_no_input_is_sold_as_worth_measuring():
    inputs, values = decided_by_handler_price(0)
    values = values.assign(winner=values.rival + 150_000)   # the plan always wins
    voi = value_of_information(inputs, values, WORDS, OPTIONS, seed=0)
    assert voi.table.value.max() < 20_000                   # only chance
    if voi.top is None:
        assert voi.text(lambda v: f"EUR {v:,.0f}").startswith("Nothing you could measure")


def test_evppi_of_a_perfect_split_is_the_gain_of_choosing_per_bin():
    values = np.array([[10.0, 0.0], [10.0, 0.0], [0.0, 10.0], [0.0, 10.0]])
    assert evppi(values, np.array([0, 0, 1, 1])) == pytest.approx(5.0)
    assert evppi(values, np.array([0, 1, 0, 1])) == pytest.approx(0.0)



def test_an_input_that_never_changes_the_pick_is_not_worth_measuring(monkeypatch):
    """A plan that wins every sampled case: no value of any input changes the choice, so
    nothing is worth measuring even when an estimate clears its chance level by rounding
    (the sentence must not read "would change the choice to the recommended split")."""
    import experiments.analysis.value_of_information as voi_module
    rng = np.random.default_rng(3)
    inputs = pd.DataFrame({"cac": rng.uniform(0.5, 2, N), "complaint_prob": rng.uniform(0, 1, N)})
    base = rng.normal(0, 1_000.0, N)
    values = pd.DataFrame({"winner": base + 1e6, "rival": base, "today": base - 1e5})
    calls = iter([1e-9, *[0.0] * voi_module.SHUFFLES] * 2)   # each input: value, then chance
    monkeypatch.setattr(voi_module, "evppi", lambda v, bins: next(calls))
    voi = value_of_information(inputs, values, WORDS, OPTIONS)
    assert (voi.table.value > voi.table.chance).all()        # the rounding case
    assert voi.top is None and not voi.table.beyond_chance.any()
    assert voi.text(lambda x: f"${x:,.0f}").startswith("Nothing you could measure would change")


def test_the_printed_table_holds_every_input_in_full_words():
    """No input is cut from the table and no words are cut short (the longest input
    names run past 57 characters); a choice among three options names all three."""
    from experiments.reporting.plan_report import measure_lines
    inputs, values = decided_by_handler_price(1)
    inputs = inputs.assign(**{f"extra_{i}": np.arange(N) % (i + 2) for i in range(6)})
    long = "the service failure rate (per encounter, at zero reliability), per month"
    words = {**WORDS, "max_failure_prob": long}
    voi = value_of_information(inputs, values, words, OPTIONS, seed=1)
    lines = measure_lines(voi, "EUR")
    assert len(lines) == 2 + len(inputs.columns)             # the sentence, header, rows
    assert any(long in line for line in lines)
    table = voi.table.assign(chosen=[["winner", "rival", "today"]] * len(voi.table))
    three = type(voi)(table.assign(beyond_chance=True), OPTIONS).text(lambda v: f"EUR {v:,.0f}")
    assert ("between the recommended split, all on acquisition and today's spend"
            in three), three
