"""Compiled service encounters: reproducible for a seed, and statistically the rule the
plain numpy version in `reference.py` draws (which the model used before)."""

import numpy as np
import pytest
from scipy import stats

from simulation import service
from simulation.clock import Clock
from simulation.service.kernels import visit_table
from simulation.state import new_population
from tests.simulation.kernel_equivalence import ALPHA, assert_outputs_match
from tests.simulation.service import reference

VARIANTS = {"default": {}, "fragile": {"max_failure_prob": 0.6, "reliability": 0.2},
            "frequent": {"encounter_rate": 6.0, "perception_noise": 0.2}}


def served(serve, params, seed):
    rng = np.random.default_rng(seed)
    pop = new_population(20_000, 1.0, 4.0, service.rater_score(params), rng)
    pop.waiting[::7] = True  # some already have a complaint open
    out = serve(pop, np.arange(pop.n), params, Clock.at(1, 1.0), rng)
    return pop, out


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_encounters_move_people_as_the_numpy_rule_moves_them(folklore, variant):
    params = folklore.replace(**VARIANTS[variant])
    (a, out_a), (b, out_b) = (served(f, params, s) for f, s in
                             ((service.serve_customers, 1), (reference.serve_customers, 2)))
    # 20,000 customers each: KS on the per-customer outcome distributions, Bonferroni over 3
    for field in ("satisfaction", "expectation", "pre_failure"):
        assert stats.ks_2samp(getattr(a, field), getattr(b, field)).pvalue > ALPHA / 3, field
    # counts: two binomial proportions per customer, 4.5 combined standard errors
    for x, y in ((out_a.failures, out_b.failures), (out_a.episodes.size, out_b.episodes.size),
                 (a.serious.sum(), b.serious.sum()), (a.product.sum(), b.product.sum())):
        assert abs(x - y) <= 4.5 * np.sqrt(x + y + 1)
    assert out_a.encounters == pytest.approx(out_b.encounters, rel=4.5 / np.sqrt(out_b.encounters))
    assert not a.waiting[out_a.episodes].any()


@pytest.mark.parametrize("mean", [0.0, 0.3, 1.0, 6.0])
def test_the_visit_table_is_the_poisson_distribution(mean):
    cdf = visit_table(mean)
    k = np.arange(cdf.size)
    # summed term by term in float64: equal to the library's CDF to rounding
    np.testing.assert_allclose(cdf, stats.poisson.cdf(k, mean), rtol=1e-12, atol=1e-15)
    assert cdf.size - 1 == int(np.ceil(20 * mean + 50))  # the cap that guards rounding


def test_same_seed_same_encounters(folklore):
    (a, out_a), (b, out_b) = served(service.serve_customers, folklore, 5), \
        served(service.serve_customers, folklore, 5)
    np.testing.assert_array_equal(a.satisfaction, b.satisfaction)
    np.testing.assert_array_equal(out_a.episodes, out_b.episodes)


@pytest.mark.slow
def test_model_outputs_match_the_numpy_rule_over_many_seeds(monkeypatch, folklore):
    assert_outputs_match(monkeypatch, service, "serve_customers", reference.serve_customers,
                         folklore.replace(population=1500))


@pytest.mark.parametrize("step_months", [1.0, 0.5])
def test_the_pass_recalls_the_norm_as_the_numpy_rule_does(folklore, step_months):
    """Without visits the compiled pass only pulls expectations toward the norm: to the
    bit what `recall_the_norm` (numpy, float32) does, for the people served only."""
    params = folklore.replace(encounter_rate=0.0, norm_pull=0.3, market_norm=0.55)
    rng = np.random.default_rng(4)
    a = new_population(5_000, 1.0, 4.0, 0.7, rng)
    a.expectation[:] = rng.random(a.n, dtype=np.float32)
    b = new_population(5_000, 1.0, 4.0, 0.7, rng)
    b.expectation[:] = a.expectation
    served_now, clock = np.arange(0, a.n, 3), Clock.at(1, step_months)
    out = service.serve_customers(a, served_now, params, clock, np.random.default_rng(1))
    service.recall_the_norm(b, served_now, params, clock)
    assert out.encounters == 0
    np.testing.assert_array_equal(a.expectation, b.expectation)
    assert not np.array_equal(a.expectation[served_now], a.expectation[served_now + 1])


def test_the_visit_weights_are_the_powers_the_rule_takes():
    """Looked up by visit count: exactly 1 - (1 - learning) ** k as compiled code computes
    it for one customer's k visits (an integer power: repeated products, which can differ
    from Python's `**` in the last bit)."""
    import numba

    from simulation.service.kernels import after_visits
    per_customer = numba.njit(lambda learning, k: 1.0 - (1.0 - learning) ** k)
    for learning in (0.0, 0.13, 0.6, 1.0):
        table = after_visits(learning, 60)
        assert [per_customer(learning, k) for k in range(61)] == table.tolist()
