"""The firms in words: the rivals' rule in a sentence, the focal firm's share and moves and
each brand's word of mouth as paired tables with a noise verdict."""

import numpy as np
import pandas as pd

from experiments.reporting.firm_text import competition_text, rivals_sentence
from simulation.rival_response import RivalResponse


def runs(praise_gain: float) -> pd.DataFrame:
    """Two options on six paired markets: the second adds `praise_gain` praising messages
    about the focal firm and nothing else."""
    rng = np.random.default_rng(0)
    rows = []
    for option, extra in (("today's spend", 0.0), ("the plan", praise_gain)):
        for j in range(6):
            noise = np.random.default_rng(j).normal(0, 5)
            rows.append({"strategy": option, "replication": j, "currency": "EUR",
                         "market_share": 0.5, "defections": 10 + j, "disadoptions": 40 + j,
                         "won_from_rivals": 3, "firms_A_praise": 1000 + noise + extra,
                         "firms_A_bad_news": 200 + rng.normal(0, 5),
                         "firms_B_praise": 900.0, "firms_B_bad_news": 100.0})
    return pd.DataFrame(rows)


def test_the_rule_and_every_brands_word_of_mouth_are_reported():
    text = competition_text(runs(300.0), ("A", "B"), RivalResponse("match", 4.0),
                            "keeps today's spend or adds the plan",
                            "the plan's extra money on each lever", "the firm profile")
    first = text.splitlines()[0]
    assert first == ("A keeps today's spend or adds the plan; B matches the plan's extra "
                     "money on each lever after 4 months (the same lever, the same monthly "
                     "money).")
    assert "word of mouth about A:" in text and "word of mouth about B:" in text
    praise_a = text.split("word of mouth about A:")[1].splitlines()[1:4]
    assert "praising messages" in praise_a[0] and "clearly higher" in praise_a[2]
    assert "customers lost to a rival" in text and "customers lost from the category" in text


def test_held_rivals_keep_the_profiles_settings_and_noise_is_called_noise():
    text = competition_text(runs(0.0), ("A", "B"), RivalResponse("hold"),
                            source="the firm profile")
    assert text.splitlines()[0] == ("A tries each strategy; B keeps the settings the firm "
                                    "profile gives them.")
    assert "clearly" not in text.split("word of mouth about A:")[1].split("critical")[0]
    assert rivals_sentence("A", ["B", "C"]).startswith("A competes with B, C in this market")
