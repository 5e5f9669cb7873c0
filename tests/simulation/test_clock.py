"""One clock per step: every phase reads the step's place in time from it."""

import pytest

from simulation import CustomerModel
from simulation.clock import Clock


def test_a_clock_holds_the_step_and_its_months():
    clock = Clock.at(3, 0.5)
    assert (clock.step, clock.start, clock.end, clock.mid, clock.dt) == (3, 1.0, 1.5, 1.25, 0.5)
    assert Clock.at(0, 1.0).end == 0.0   # the starting state


def test_each_step_hands_its_clock_and_counts_to_the_step_listeners(small):
    model = CustomerModel(small.replace(step_months=0.25), rng=3)
    heard = []
    model.on_step.append(lambda clock, counts: heard.append((clock, counts.as_row())))
    model.run(2)
    assert [c.step for c, _ in heard] == list(range(1, 9))
    assert [c.end for c, _ in heard] == pytest.approx([0.25 * k for k in range(1, 9)])
    assert all(c.start == pytest.approx(c.end - 0.25) for c, _ in heard)
    ts = model.timeseries.iloc[1:]
    for (_, row), (_, kept) in zip(heard, ts.iterrows()):
        assert {k: kept[k] for k in row} == row   # the listener sees the ledger's row
