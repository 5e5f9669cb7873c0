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
