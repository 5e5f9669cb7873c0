"""The evidence preset's talk settings are the ones the tuning script describes."""

import pytest

from experiments.validation.tune_evidence import PRAISE_PULL, talk
from simulation import Params


def test_the_preset_shares_one_talk_rate_and_keeps_the_pull_of_praise():
    w = Params.preset("evidence").wom
    assert w.critic_tell_ratio == 1.0  # critics talk at the praise rate
    expected = talk(w.positive_tell_rate)
    # the preset rounds the conversion to 3 significant digits
    assert w.referral_conversion == pytest.approx(expected["referral_conversion"], rel=5e-3)
    assert w.positive_tell_rate * w.referral_conversion == pytest.approx(PRAISE_PULL, rel=5e-3)
