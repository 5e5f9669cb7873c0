"""Service encounters written out plainly in numpy: the oracle the compiled kernel of
`simulation.service.kernels` is tested against (same rule, its own random stream)."""

import numpy as np

from simulation.clock import Clock
from simulation.parameters.params import Params
from simulation.service import EncounterOutcome, failure_prob, rater_score, recall_the_norm
from simulation.state import Population


def _after_visits(learning: float, visits: np.ndarray) -> np.ndarray:
    table = 1.0 - (1.0 - learning) ** np.arange(int(visits.max(initial=0)) + 1)
    return table[visits]


def serve_customers(pop: Population, active: np.ndarray, params: Params, clock: Clock,
                    rng: np.random.Generator) -> EncounterOutcome:
    """Every active customer meets the firm at `encounter_rate`; update their views."""
    s = params.service
    recall_the_norm(pop, active, params, clock)   # numpy already: shared with the model
    visits = rng.poisson(s.encounter_rate * clock.dt, active.size)
    met = visits > 0
    idx, visits = active[met], visits[met]
    n_fail = rng.binomial(visits, failure_prob(params))
    failed = n_fail > 0
    serious = failed & (rng.random(idx.size) < s.serious_failure_share)
    penalty = np.where(serious, s.serious_failure_penalty, np.where(failed, s.failure_penalty, 0))
    noise = rng.standard_normal(idx.size, dtype=np.float32) * s.perception_noise
    perceived = rater_score(params) + noise - penalty
    expected = pop.expectation[idx]
    before = pop.satisfaction[idx]
    weight = _after_visits(s.satisfaction_learning, visits)
    score = np.clip(4.0 + (perceived - expected) / s.disconfirmation_scale, 1.0, 5.0)
    after = np.clip(before + weight * (score - before), 1.0, 5.0)
    pop.satisfaction[idx] = after
    learn = _after_visits(s.expectation_learning, visits)
    pop.expectation[idx] = np.clip(expected + learn * (perceived - expected), 0.0, 1.0)
    opens = failed & ~pop.waiting[idx]
    episodes = idx[opens]
    pop.pre_failure[episodes] = before[opens]
    pop.ever_unhappy[episodes] = True
    pop.serious[episodes] = serious[opens]
    pop.product[episodes] = rng.random(episodes.size) < s.product_failure_share
    return EncounterOutcome(int(visits.sum()), int(failed.sum()), episodes)
