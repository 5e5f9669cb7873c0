"""`ripple demo --teams N`: the classroom market game on the local network.

One shared market, one firm a team: team pages on phones or laptops, the teacher's page
on the projector. Prints the address for the teams and the teacher's own address (with
the key that lets its buttons start and pause rounds).
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import TYPE_CHECKING

from experiments.errors import UsageError

if TYPE_CHECKING:
    from experiments.classroom.game.session import GameSettings

PEOPLE_PER_TEAM = 500
ANY_ADDRESS = "0.0.0.0"


def add_game_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--teams", type=int, default=None,
                   help="play the market game with this many teams (2-8), one firm each")
    p.add_argument("--rounds", type=int, default=4, help="rounds in the game (4)")
    p.add_argument("--round-months", type=int, default=6, help="months in a round (6)")
    p.add_argument("--month-seconds", type=float, default=0.5,
                   help="seconds a month takes on screen while a round plays (0.5)")
    p.add_argument("--host", default=ANY_ADDRESS,
                   help="address to serve the game on (default: every network of this machine)")


def local_address() -> str:
    """This machine's address on its local network (no packet is sent), else localhost."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def game_settings(args: argparse.Namespace) -> GameSettings:
    from experiments.classroom.game.session import GameSettings

    population = args.population or PEOPLE_PER_TEAM * args.teams
    return GameSettings(teams=args.teams, population=population, seed=args.seed,
                        rounds=args.rounds, round_months=args.round_months,
                        month_seconds=args.month_seconds)


def serve_game(args: argparse.Namespace) -> int:
    """Build the market, serve the pages until Ctrl+C."""
    from experiments.classroom.game.luck import MARKETS
    from experiments.classroom.game.server import GameServer
    from experiments.classroom.game.session import GameSession

    settings = game_settings(args)
    print(f"Setting up the market and measuring how far apart luck alone puts firms on the "
          f"same plan ({MARKETS} markets)...", file=sys.stderr, flush=True)
    try:
        server = GameServer((args.host, args.port), GameSession(settings))
    except OSError as error:
        raise UsageError(f"--port: cannot serve on {args.host}:{args.port} ({error.strerror})"
                         ) from None
    port = server.server_address[1]
    shown = local_address() if args.host == ANY_ADDRESS else args.host
    print(f"Ripple market game: teacher http://127.0.0.1:{port}/teacher?key={server.teacher_key}"
          f"   teams http://{shown}:{port}/   (Ctrl+C stops it)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
