"""`ripple allocate` in a market with rivals (a firm profile's `[[market.firms]]`): how the
rivals answer a plan, in the words of a scenario's `rival_response` and `rival_lag`
(`hold`, or `match` after a lag), and the report of the firm against them."""

from __future__ import annotations

import argparse

from experiments.errors import UsageError
from simulation.rival_response import RULES, RivalResponse

DEFAULT = RivalResponse()
SOURCE = "the firm profile"   # where a holding rival's settings come from
MOVE = "keeps today's spend or adds the plan"
ANSWERED = "the plan's extra money on each lever"


def add_rival_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rival-response", choices=RULES, metavar="RULE",
                   help="how the firm profile's rivals ([[market.firms]]) answer a plan: "
                        "'hold' (keep their settings, the default) or 'match' (after "
                        "--rival-lag months, buy the same extra money on each lever)")
    p.add_argument("--rival-lag", type=float, metavar="MONTHS",
                   help=f"months before the rivals match ({DEFAULT.lag_months:g}; only with "
                        "--rival-response match)")


def response_from_args(args: argparse.Namespace, profile) -> RivalResponse:
    """The rivals' rule, checked against the profile before any work starts."""
    rule, lag = args.rival_response or DEFAULT.rule, args.rival_lag
    where = f"{profile.source}: market.firms"
    if rule == "match" and not profile.rivals:
        raise UsageError(f"--rival-response match: {where} lists no rivals to match the plan "
                         "(allowed with one firm: hold)")
    if lag is not None and rule != "match":
        raise UsageError(f"--rival-lag {lag:g}: read only with --rival-response match")
    lag = DEFAULT.lag_months if lag is None else lag
    if rule == "match" and not 0 <= lag < profile.horizon_months:
        raise UsageError(f"--rival-lag {lag:g}: must be between 0 and the plan's horizon "
                         f"(horizon_months = {profile.horizon_months:g}, excluded)")
    return RivalResponse(rule, lag)


def print_against_rivals(plan, market, response: RivalResponse, backend, pool
                         ) -> tuple[str, int]:
    """Today's spend and the plan against the rivals, printed ('' and 0 runs with one
    firm): the rule in a sentence, the firm's market share, defections and disadoptions,
    and word of mouth about each brand."""
    if len(market.firms) < 2:
        return "", 0
    from experiments.analysis.plan_rivals import rival_runs
    from experiments.reporting.firm_text import competition_text
    runs = rival_runs(plan, market, response, backend, pool)
    text = competition_text(runs, market.firm_names(), response, MOVE, ANSWERED, SOURCE)
    text += ("\n(not shown with rivals: each lever's ceiling and break-even, which the "
             "model books for the market as a whole)")
    print(text, flush=True)
    return text, len(runs)
