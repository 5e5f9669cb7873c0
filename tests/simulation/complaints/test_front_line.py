"""The front line (Goodman 2005): complaints settled on the spot, escalated or dropped."""

import numpy as np
import pytest

from simulation import CustomerModel, Params
from simulation.clock import Clock
from simulation.complaints import front_line
from simulation.state import new_population


def desk(params, n=40_000, seed=0):
    pop = new_population(n, 1.0, 2.0, 0.8, np.random.default_rng(seed))
    out = front_line.take_complaints(pop, np.arange(n), params, Clock.at(4, 1.0),
                                     np.random.default_rng(seed))
    return pop, out


def test_no_front_line_sends_every_complaint_to_the_queue(folklore):
    pop, out = desk(folklore, n=1000)
    assert out.escalated.size == 1000 and out.resolved.size == out.unresolved.size == 0
    assert pop.waiting.all()
    assert ((pop.complained_at >= 3.0) & (pop.complained_at < 4.0)).all()


def test_the_front_line_settles_its_share_and_escalates_a_share_of_the_rest(folklore):
    params = folklore.replace(frontline_resolution_share=0.6, escalation_share=0.2)
    pop, out = desk(params)
    n = 40_000
    # binomial shares over 40,000 complaints: SE < 0.0025; 4 SE
    assert out.resolved.size / n == pytest.approx(0.6, abs=0.01)
    assert out.escalated.size / n == pytest.approx(0.4 * 0.2, abs=0.006)
    assert out.resolved.size + out.unresolved.size + out.escalated.size == n
    assert pop.waiting[out.escalated].all() and not pop.waiting[out.resolved].any()


def test_evidence_preset_one_in_25_unhappy_reaches_management_via_the_tiers():
    """Goodman: about half complain at the front line, 1-5% escalate. Measured on the
    simulated episodes of seeds 41-43 (not used to set the shares)."""
    params = Params.preset("evidence").replace(population=8000)
    runs = [CustomerModel(params, rng=s).run(36).timeseries for s in (41, 42, 43)]
    episodes = sum(ts["episodes"].sum() for ts in runs)
    front = sum(ts["frontline_complaints"].sum() for ts in runs) / episodes
    escalated = sum(ts["complaints"].sum() for ts in runs) / episodes
    se = np.sqrt(0.5 * 0.5 / episodes)
    assert front == pytest.approx(0.5, abs=4 * se)
    assert 0.01 <= escalated <= 0.05


def test_front_line_complaints_are_costed(folklore):
    params = Params.preset("evidence").replace(population=3000, frontline_cost=7.0)
    ts = CustomerModel(params, rng=5).run(12).timeseries
    assert ts["frontline_complaints"].sum() > 0
    assert (ts["frontline_cost"] == 7.0 * ts["frontline_complaints"]).all()
