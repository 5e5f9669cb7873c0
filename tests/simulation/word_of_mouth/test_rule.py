"""Word of mouth: reach per telling (F1, F4, F5), who hears it, and what hearing does."""

import networkx as nx
import numpy as np
import pytest

from simulation import word_of_mouth as wom
from simulation.clock import Clock
from simulation.network import complete, from_networkx, random_graph, small_world
from simulation.state import ACTIVE, CAUSE, ENEMY, LOST, new_population


@pytest.fixture(scope="module")
def graph():
    return small_world(5000, 10, 0.1, seed=3)


def tell(graph, low, high, share=0.0, tellers=None, seed=0):
    rng = np.random.default_rng(seed)
    tellers = np.arange(0, graph.n, 5) if tellers is None else tellers
    reach = rng.integers(low, high + 1, tellers.size)
    teller, listener, strong = wom.pick_listeners(graph, tellers, reach, share, rng)
    return tellers, reach, teller, listener, strong


@pytest.mark.parametrize("low, high", [(1, 5), (10, 20)], ids=["F1", "F4"])
def test_each_telling_reaches_its_drawn_number_of_people(graph, low, high):
    tellers, reach, teller, listener, _ = tell(graph, low, high)
    counts = np.bincount(teller, minlength=graph.n)[tellers]
    assert (counts == reach).all()
    assert counts.min() >= low and counts.max() <= high
    sd = np.sqrt(((high - low + 1) ** 2 - 1) / 12)  # discrete uniform
    assert counts.mean() == pytest.approx((low + high) / 2, abs=4 * sd / np.sqrt(counts.size))
    assert not (teller == listener).any()


def test_satisfied_tellers_reach_distinct_own_ties(graph):
    _, _, teller, listener, strong = tell(graph, 1, 5)
    pairs = set(zip(teller.tolist(), listener.tolist()))
    assert len(pairs) == teller.size  # nobody told twice by the same teller
    adjacency = graph.to_csr()
    assert adjacency[teller, listener].min() == 1  # every listener is a tie
    assert strong.all()


def test_unhappy_tellers_go_beyond_their_ties_to_ties_of_ties():
    # a random graph has ~100 ties of ties per person; people with few ties have few
    # ties of ties, and once redraws run out the last round goes to the whole market
    # (measured: 90% of beyond-tie listeners are ties of ties here, 77% on a ring lattice)
    graph = random_graph(5000, 10, seed=4)
    _, _, teller, listener, _ = tell(graph, 20, 20)
    adjacency = graph.to_csr()
    direct = np.asarray(adjacency[teller, listener]).ravel() == 1
    assert direct.mean() < 1.0
    two_step = (adjacency @ adjacency)[teller[~direct], listener[~direct]]
    assert (np.asarray(two_step).ravel() > 0).mean() > 0.85


def test_f5_amplified_tellers_reach_250_mostly_beyond_ties(graph):
    tellers, reach, teller, listener, _ = tell(graph, 250, 250, share=0.5,
                                               tellers=np.arange(0, 5000, 50))
    assert (np.bincount(teller, minlength=graph.n)[tellers] == 250).all()
    per_teller = [np.unique(listener[teller == t]).size for t in tellers]
    assert np.mean(per_teller) > 245  # reach counts distinct people


def test_complete_graph_listeners_are_distinct_people_other_than_the_teller():
    g = complete(100)
    _, _, teller, listener, _ = tell(g, 10, 20, tellers=np.arange(100))
    assert not (teller == listener).any()
    assert listener.min() >= 0 and listener.max() < 100
    assert len(set(zip(teller.tolist(), listener.tolist()))) == teller.size


def test_weak_ties_carry_their_own_influence(folklore):
    g = nx.Graph([(0, 1), (0, 2)])
    graph = from_networkx(g)
    graph = type(graph)(graph.n, graph.indptr, graph.indices,
                        np.array([True, False, True, False]))
    params = folklore.replace(weak_tie_influence=0.25)
    msgs = wom.draw_messages(graph, np.array([0, 0, 0, 0]), 2, 2, 0.0, params,
                         np.random.default_rng(0))
    weights = {(int(t), int(h)): w for t, h, w in zip(msgs.teller, msgs.listener, msgs.weight)}
    assert weights[(0, 1)] == 1.0 and weights[(0, 2)] == 0.25


def test_some_customers_who_hear_bad_news_follow_a_friend_at_once(folklore):
    rng = np.random.default_rng(0)
    pop = new_population(20_000, 0.5, 4.0, 0.8, rng)
    negative = np.full(pop.n, 3.0)
    leavers = wom.hear(pop, np.zeros(pop.n), negative, folklore.replace(follow_friend_prob=0.1),
                       rng)
    assert (pop.status[leavers] == ACTIVE).all()  # only customers; the model marks them lost
    customers = (pop.status == ACTIVE).sum()
    # Binomial(~10,000, 0.271): SE 0.0044; 0.02 is 4.5 SE
    assert leavers.size / customers == pytest.approx(1 - 0.9 ** 3, abs=0.02)


def test_praise_raises_expectations_and_bad_news_leaves_them_alone(folklore):
    rng = np.random.default_rng(0)
    pop = new_population(3, 1.0, 4.0, 0.5, rng)
    wom.hear(pop, np.array([4.0, 0, 0]), np.array([0, 4.0, 0]), folklore, rng)
    # lowering expectation on bad news would make later service look better
    assert pop.expectation[0] > 0.5 and pop.expectation[1] == 0.5 == pop.expectation[2]


def test_enemies_speak_louder_than_mild_complaints(folklore):
    graph = small_world(2000, 10, 0.1, seed=5)
    pop = new_population(graph.n, 1.0, 4.0, 0.8, np.random.default_rng(1))
    pop.escalation[:10] = ENEMY
    params = folklore.replace(enemy_tell_rate=30.0, enemy_calm_months=600.0, enemy_strength=2.0)
    _, negative = wom.tell_friends(pop, graph, np.arange(10, 20), params, Clock.at(0, 1.0),
                                   np.random.default_rng(2))
    from_enemy = negative.teller < 10
    assert from_enemy.any() and (~from_enemy).any()
    assert (negative.weight[from_enemy] == 2.0).all() and (negative.weight[~from_enemy] == 1).all()


def test_messages_join_in_order():
    a = wom.Messages(np.array([1]), np.array([2]), np.ones(1, np.float32), 1)
    b = wom.Messages(np.array([3, 3]), np.array([4, 5]), np.full(2, 0.5, np.float32), 1)
    both = wom.Messages.join(a, b)
    assert list(both.listener) == [2, 4, 5] and both.tellers == 2 and both.weight[2] == 0.5


def test_referrals_credit_the_first_teller():
    msgs = wom.Messages(np.array([7, 8, 9]), np.array([3, 3, 4]), np.ones(3, np.float32), 3)
    assert list(wom.first_teller(msgs, np.array([3, 4]))) == [7, 9]


def critic_market(rng):
    """Ten people in each state a critic rule must tell apart (step 24, monthly steps)."""
    pop = new_population(60, 1.0, 4.0, 0.8, rng)
    pop.satisfaction[:10] = 2.0                               # customers still unhappy
    pop.status[10:40] = LOST
    pop.lost_cause[10:20] = CAUSE["staff_indifference"]       # left over a bad experience
    pop.lost_cause[20:30] = CAUSE["product_dissatisfaction"]
    pop.lost_at[10:30] = 24 - np.arange(20) % 2 * 12           # 0 or 12 months ago
    pop.lost_cause[30:40] = CAUSE["moving"]                   # left for a life event
    pop.lost_at[30:40] = 24
    pop.lost_at[15], pop.lost_cause[25] = 5, CAUSE["product_dissatisfaction"]  # 19 months ago
    return pop


def test_critics_are_the_unhappy_and_those_who_left_over_a_bad_experience(folklore):
    pop = critic_market(np.random.default_rng(0))
    params = folklore.replace(critic_tell_ratio=1.0, critic_talk_months=12.0)
    got = set(wom.critics(pop, params, Clock.at(24, 1.0)).tolist())
    assert got == set(range(10)) | set(range(10, 30)) - {15}
    assert wom.critics(pop, params.replace(critic_talk_months=6.0), Clock.at(24, 1.0)).size == 10 + 10
    assert wom.critics(pop, folklore, Clock.at(24, 1.0)).size == 0  # folklore: one telling only


def test_critics_tell_at_their_multiple_of_the_praise_rate(folklore):
    graph = small_world(4000, 10, 0.1, seed=6)
    pop = new_population(graph.n, 1.0, 4.0, 0.8, np.random.default_rng(1))
    pop.satisfaction[:2000] = 2.0
    rate = 0.25
    params = folklore.replace(critic_tell_ratio=2.0, negative_reach_min=1,
                              negative_reach_max=5, positive_tell_rate=rate / 2)
    _, negative = wom.tell_friends(pop, graph, np.zeros(0, np.int64), params, Clock.at(24, 1.0),
                                   np.random.default_rng(2))
    # Binomial(2,000, 1 - e^-0.25 = 0.221): SE 0.0093; 0.04 is 4.3 SE
    assert negative.tellers / 2000 == pytest.approx(-np.expm1(-rate), abs=0.04)
    assert negative.teller.max() < 2000


def test_critics_who_do_not_talk_cost_no_random_draws(folklore):
    """Folklore (rate 0) keeps the random streams it had before critics existed."""
    graph = small_world(1000, 10, 0.1, seed=7)
    unhappy = new_population(graph.n, 1.0, 4.0, 0.8, np.random.default_rng(1))
    unhappy.satisfaction[:10] = 2.0
    gone = new_population(graph.n, 1.0, 4.0, 0.8, np.random.default_rng(1))
    gone.status[:10], gone.lost_cause[:10], gone.lost_at[:10] = LOST, CAUSE["moving"], 24
    talking = folklore.replace(critic_tell_ratio=1.0)
    after = {}
    for name, pop, params in [("silent", unhappy, folklore), ("none", gone, talking),
                              ("talking", unhappy, talking)]:
        rng = np.random.default_rng(3)
        wom.tell_friends(pop, graph, np.zeros(0, np.int64), params, Clock.at(24, 1.0), rng)
        after[name] = rng.random()
    assert after["silent"] == after["none"] != after["talking"]


def test_critics_keep_talking_in_conversation_even_when_posts_are_amplified(folklore):
    graph = small_world(3000, 10, 0.1, seed=8)
    pop = new_population(graph.n, 1.0, 4.0, 0.8, np.random.default_rng(1))
    pop.satisfaction[:100] = 2.0                  # critics
    params = folklore.replace(amplified=True, critic_tell_ratio=10.0, negative_reach_min=1,
                              negative_reach_max=5, positive_tell_rate=3.0)
    _, negative = wom.tell_friends(pop, graph, np.arange(100, 110), params, Clock.at(24, 1.0),
                                   np.random.default_rng(2))
    per_teller = np.bincount(negative.teller, minlength=graph.n)
    assert (per_teller[100:110] == 250).all()     # a new complaint is an amplified post
    assert per_teller[:100].min() >= 1 and per_teller[:100].max() <= 5
    assert negative.tellers == 110
