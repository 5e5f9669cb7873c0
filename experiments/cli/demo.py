"""`ripple demo`: the classroom app as a standalone page on localhost, for a projector.

Serves notebooks/classroom.ipynb with Voila using the offline template in
notebooks/voila/templates/ripple (no CDN requests), without opening a browser, and with
idle kernels of closed tabs culled after two minutes and at most eight kernels at once
(each open tab holds a ~200 MB kernel); a page past the cap says so. With `--teams N`
it serves the classroom market game instead (experiments/cli/market_game.py).
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from experiments.cli import command
from experiments.cli.market_game import add_game_args, serve_game
from experiments.errors import UsageError

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
APP_NOTEBOOK = NOTEBOOKS / "classroom.ipynb"
TEMPLATE = "ripple"
HOST = "127.0.0.1"
KERNELS = "experiments.classroom.kernels.CappedKernelManager"
APP_POPULATION = 800


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    p.add_argument("--population", type=int, default=None,
                   help="people in the market (500-2,000 keeps it live; default 800, or 500 a "
                        "team in the game)")
    p.add_argument("--seed", type=int, default=7, help="random seed of the market (7)")
    p.add_argument("--cull-minutes", type=float, default=2.0,
                   help="shut down a closed tab's kernel after this many idle minutes (2)")
    p.add_argument("--max-pages", type=int, default=8,
                   help="pages (kernels, ~200 MB each) open at once; more get a message (8)")
    p.add_argument("--startup-seconds", type=float, default=120.0,
                   help="give up if the server is not up after this long (120)")
    add_game_args(p)


def free_port() -> int:
    """A port on localhost that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_problem(port: int) -> str | None:
    """Why Voila could not take `port` of localhost (None when it can)."""
    with socket.socket() as sock:
        try:
            sock.bind((HOST, port))
        except PermissionError:
            return (f"no permission to use port {port} (ports below 1024 are kept for the "
                    "system administrator); choose one from 1024 to 65535, or leave --port "
                    "out for a free one")
        except OSError:
            return (f"{port} is already in use on {HOST}; choose another, or leave --port "
                    "out for a free one")
    return None



def voila_command(port: int, cull_minutes: float, max_pages: int = 8) -> list[str]:
    """The Voila command line: offline template, localhost only, no browser, idle kernels
    of closed tabs culled, and at most `max_pages` kernels at once."""
    cull = int(cull_minutes * 60)
    return [sys.executable, "-m", "voila", str(APP_NOTEBOOK), f"--port={port}",
            "--Voila.port_retries=0",   # serve exactly the port printed, or fail
            "--no-browser", f"--Voila.ip={HOST}", f"--template={TEMPLATE}",
            f"--VoilaConfiguration.multi_kernel_manager_class={KERNELS}",
            f"--CappedKernelManager.max_kernels={max_pages}",
            f"--MappingKernelManager.cull_idle_timeout={cull}",
            f"--MappingKernelManager.cull_interval={max(10, min(60, cull // 4))}"]


def demo_environment(population: int, seed: int) -> dict[str, str]:
    """Environment for Voila and its kernels: where the template is, the app's settings."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(NOTEBOOKS),
                                                        env.get("JUPYTER_PATH", "")]))
    env["RIPPLE_DEMO_POPULATION"] = str(population)
    env["RIPPLE_DEMO_SEED"] = str(seed)
    return env


def wait_until_listening(server: subprocess.Popen, port: int, seconds: float) -> None:
    """Return once the port accepts connections; fail if the server exits or times out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise UsageError(f"voila exited with code {server.returncode} before serving")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise UsageError(f"voila did not start listening on port {port} within {seconds:g} s")


def check_args(args: argparse.Namespace) -> None:
    if not APP_NOTEBOOK.is_file():
        raise UsageError(f"{APP_NOTEBOOK}: not found (the demo runs from a source checkout)")
    if args.population is not None and not 10 <= args.population <= 20_000:
        raise UsageError(f"--population: {args.population} is outside 10-20000 "
                         "(500-2,000 keeps the drawing live)")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port: {args.port} is not a port number (0-65535)")
    problem = port_problem(args.port) if args.port else None
    if problem:
        raise UsageError(f"--port: {problem}")
    if args.cull_minutes <= 0:
        raise UsageError(f"--cull-minutes: {args.cull_minutes} must be > 0")
    if not 1 <= args.max_pages <= 100:
        raise UsageError(f"--max-pages: {args.max_pages} is outside 1-100")


@command("demo", configure)
def demo_command(args: argparse.Namespace) -> int:
    """Serve the classroom app on localhost (Voila, works offline) and print its address."""
    check_args(args)
    if args.teams is not None:
        return serve_game(args)
    args.population = args.population or APP_POPULATION
    # A plain `kill` should still stop Voila and its kernels: turn SIGTERM into an exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    port = args.port or free_port()
    server = subprocess.Popen(voila_command(port, args.cull_minutes, args.max_pages),
                              env=demo_environment(args.population, args.seed),
                              stdin=subprocess.DEVNULL)
    try:
        wait_until_listening(server, port, args.startup_seconds)
        print(f"Ripple classroom app: http://{HOST}:{port}/   (Ctrl+C stops it)", flush=True)
        return server.wait()
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
