"""How long a round of the classroom market game takes with a full class:
`python -m benchmarks.game_rounds`.

The target: at least 6 teams and 30 browser pages, and no round slowed beyond two
seconds. Serves `ripple demo --teams 6` (3,000 people, 6-month rounds), opens the
teacher's page and 29 team pages (about five a team, each team in its own browser
profile, as on its own laptops) in headless Debian chromium, then for each round clicks
Start and times until every one of the 30 pages shows the round's end (the next round's
planning, or the game's end). With `--month-seconds 0` (the default here) a round plays
as fast as it computes, so the time is the market's work plus what the pages add;
with the classroom's pacing the months themselves take `(round months - 1) x month
seconds` and the rest is reported beside it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.test_demo_browser import CHROMIUM, CHROMIUM_ARGS
from tests.test_game_browser import game

TARGET_SECONDS = 2.0
# Each page notes (by its own clock, the machine's) when it first shows the round's end,
# so checking thirty pages one after another adds nothing to the time measured.
WATCH = """(round) => {
    window.roundEndSeen = 0;
    const done = () => document.body.innerText.includes(`planning round ${round + 1}`)
        || document.body.innerText.includes('The game is over');
    const seen = new MutationObserver(() => {
        if (done()) { window.roundEndSeen = Date.now(); seen.disconnect(); }
    });
    seen.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def open_pages(pw, folder: Path, teacher_url: str, base: str, teams: int, pages: int):
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    profiles = [browser.new_context(viewport={"width": 1024, "height": 768})
                for _ in range(teams + 1)]
    teacher = profiles[0].new_page()
    teacher.goto(teacher_url)
    team_pages = []
    for i in range(pages - 1):
        page = profiles[1 + i % teams].new_page()
        page.goto(f"{base}/team/{1 + i % teams}")
        team_pages.append(page)
    for page in [teacher, *team_pages]:
        page.wait_for_function("() => document.body.innerText.includes('planning round 1')",
                               timeout=120_000)
    return browser, teacher, team_pages


def time_rounds(teams: int, pages: int, rounds: int, round_months: int,
                month_seconds: float) -> list[float]:
    from playwright.sync_api import sync_playwright

    options = ("--teams", str(teams), "--rounds", str(rounds), "--round-months",
               str(round_months), "--month-seconds", str(month_seconds))
    seconds = []
    with TemporaryDirectory() as folder, game(*options) as (teacher_url, base), \
            sync_playwright() as pw:
        browser, teacher, team_pages = open_pages(pw, Path(folder), teacher_url, base,
                                                  teams, pages)
        try:
            for r in range(1, rounds + 1):
                teacher.wait_for_timeout(1500)          # the class looks at the results
                for page in [teacher, *team_pages]:
                    page.evaluate(WATCH, r)
                began = time.time()
                teacher.get_by_role("button", name=f"Start round {r}").click()
                seen = [page.wait_for_function("() => window.roundEndSeen", timeout=60_000,
                                               polling=100).json_value() / 1000
                        for page in [teacher, *team_pages]]
                seconds.append(max(seen) - began)
        finally:
            browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=6)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round-months", type=int, default=6)
    parser.add_argument("--month-seconds", type=float, default=0.0)
    args = parser.parse_args()
    seconds = time_rounds(args.teams, args.pages, args.rounds, args.round_months,
                          args.month_seconds)
    paced = (args.round_months - 1) * args.month_seconds
    for r, s in enumerate(seconds, 1):
        print(f"round {r}: {s:.2f} s from Start until all {args.pages} pages show its end"
              + (f" ({s - paced:.2f} s beyond the {paced:g} s of pacing)" if paced else ""))
    worst = max(seconds) - paced
    verdict = "within" if worst <= TARGET_SECONDS else "OVER"
    print(f"{args.teams} teams, {args.pages} pages: slowest round {worst:.2f} s beyond its "
          f"pacing, {verdict} the {TARGET_SECONDS:g} s target")


if __name__ == "__main__":
    main()
