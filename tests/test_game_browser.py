"""`ripple demo --teams 2` in a real browser (headless Debian chromium, no internet): the
teacher's page and two team pages play two rounds; the leaderboard adds up; the type is
projector-sized at 1024x768 and the network is drawn at the screen's pixel density."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from contextlib import contextmanager

import pytest

from tests.test_demo_browser import (
    MIN_CHART_PX,
    MIN_TEXT_PX,
    TEXT_SIZES,
    block_the_internet,
    first_line,
    launch,
    needs_chromium,
    shots,  # noqa: F401 (a fixture)
)

TIMEOUT_MS = 60_000
CHART = """() => {
    // The share chart's text as shown: its font size times the SVG's scale.
    const svg = document.querySelector('#shares');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('text')].map(
        t => [parseFloat(getComputedStyle(t).fontSize) * scale, t.textContent]);
}"""
CANVAS = """() => {
    const c = document.querySelector('#market'), r = c.getBoundingClientRect();
    return {drawn: c.width, shown: r.width * devicePixelRatio, bottom: r.bottom,
            scrolls: document.documentElement.scrollHeight > innerHeight + 1
                     || document.documentElement.scrollWidth > innerWidth + 1};
}"""
BOARD = """() => [...document.querySelectorAll('#board tr')].map(
    tr => [...tr.children].map(td => td.innerText.trim()))"""


@contextmanager
def game(*options: str):
    """`ripple demo --teams ...` on a free port; yields (teacher address, base address)."""
    code = "import sys; from experiments.cli import main; sys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen([sys.executable, "-c", code, "demo", "--host", "127.0.0.1",
                               "--seed", "7", *options],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = first_line(server.stdout, 120)
        found = re.search(r"(http://127\.0\.0\.1:\d+)/teacher\?key=\S+", line)
        assert found, f"ripple demo --teams printed no teacher address: {line!r}"
        yield found.group(0), found.group(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def money(text: str) -> int:
    return int(text.replace("$", "").replace(",", ""))


def projector_type(page) -> None:
    sizes = page.evaluate(TEXT_SIZES)
    small = [(px, text) for px, text in sizes if px < MIN_TEXT_PX]
    assert sizes and not small, f"text under {MIN_TEXT_PX:g} px: {small[:8]}"


def wait_for_text(page, text: str) -> None:
    page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=text,
                           timeout=TIMEOUT_MS, polling=100)


def send_plan(page, lever: str, presses: int, round_: int) -> None:
    page.get_by_label(lever).focus()
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="Send our plan").click()
    wait_for_text(page, f"Plan sent for round {round_}.")


def check_leaderboard(rows: list[list[str]], rounds: int, names: set[str]) -> None:
    """Header: #, Team, Round 1..n, Total profit; each total the sum of its rounds; ranked."""
    assert rows[0] == ["#", "Team", *[f"Round {r + 1}" for r in range(rounds)], "Total"]
    body = rows[1:]
    assert {row[1] for row in body} == names
    totals = [money(row[-1]) for row in body]
    for row in body:   # each figure rounded to whole money: the sum within one a round
        assert abs(sum(money(x) for x in row[2:-1]) - money(row[-1])) <= rounds, row
    assert totals == sorted(totals, reverse=True)
    assert [int(row[0]) for row in body] == [1 + sum(t > mine for t in totals) for mine in totals]


@pytest.mark.slow
@needs_chromium
def test_two_teams_play_two_rounds_and_the_leaderboard_adds_up(tmp_path, shots):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with game("--teams", "2", "--population", "600", "--rounds", "2", "--round-months", "3",
              "--month-seconds", "1.0") as (teacher_url, base), sync_playwright() as pw:
        context = launch(pw, tmp_path / "profile", 1024, 768)
        try:
            outside = block_the_internet(context)
            teacher, first, second = (context.new_page() for _ in range(3))
            teacher.goto(teacher_url, timeout=TIMEOUT_MS)
            first.goto(f"{base}/team/1", timeout=TIMEOUT_MS)
            second.goto(f"{base}/team/2", timeout=TIMEOUT_MS)
            wait_for_text(first, "Paid acquisition")
            first.get_by_label("Team name").fill("Harbour")
            first.get_by_role("button", name="Rename").click()
            wait_for_text(teacher, "Harbour")
            send_plan(first, "Paid acquisition", 10, 1)
            send_plan(second, "Complaint handlers", 5, 1)
            wait_for_text(teacher, "2 of 2 plans in")
            teacher.get_by_role("button", name="Start round 1").click()
            wait_for_text(first, "Plans are locked while the round plays.")
            wait_for_text(teacher, "Teams are planning round 2")
            check_leaderboard(teacher.evaluate(BOARD), 1, {"Harbour", "Team 2"})

            wait_for_text(second, "Teams are planning round 2")
            send_plan(second, "Follow-up contacts", 4, 2)
            teacher.get_by_role("button", name="Start round 2").click()
            teacher.get_by_role("button", name="Pause").click()
            wait_for_text(teacher, "Round 2 is paused")
            paused = teacher.locator("#phase").inner_text()
            teacher.wait_for_timeout(1500)
            assert teacher.locator("#phase").inner_text() == paused, "Pause kept playing"
            teacher.get_by_role("button", name="Resume").click()
            wait_for_text(teacher, "The game is over")
            board = teacher.evaluate(BOARD)
            check_leaderboard(board, 2, {"Harbour", "Team 2"})
            lead = teacher.locator("#lead").inner_text()
            assert re.fullmatch(r"\S.* (leads .* by \$[\d,]+|are level): (within noise|clearly "
                                r"ahead) \(firms on the same plan end up to \$[\d,]+ apart in "
                                r"95% of markets\)\.", lead), lead
            wait_for_text(second, "The game is over")
            assert second.evaluate(BOARD) == board      # the teams see the same table

            for page, name in ((teacher, "teacher"), (first, "team")):
                page.screenshot(path=str(shots / f"game_{name}_1024x768.png"), full_page=True)
                projector_type(page)
            chart = teacher.evaluate(CHART)
            assert chart and min(px for px, _ in chart) >= MIN_CHART_PX, chart
            canvas = teacher.evaluate(CANVAS)
            assert abs(canvas["drawn"] - canvas["shown"]) <= 1, canvas
            assert not canvas["scrolls"] and canvas["bottom"] <= 768, canvas
        finally:
            context.close()
        sharp = launch(pw, tmp_path / "profile2", 1280, 720, ratio=2.0)
        try:                  # a high-density screen: two drawn pixels a CSS pixel
            teacher = sharp.new_page()
            teacher.goto(teacher_url, timeout=TIMEOUT_MS)
            wait_for_text(teacher, "The game is over")
            # the page draws the network once the market's state arrives: wait for that
            # draw (a canvas starts 300 px wide), then check it is at the screen's density
            teacher.wait_for_function("() => document.querySelector('#market').width > 300",
                                      timeout=TIMEOUT_MS)
            canvas = teacher.evaluate(CANVAS)
            teacher.screenshot(path=str(shots / "game_teacher_1280x720_ratio2.png"))
        finally:
            sharp.close()
    assert abs(canvas["drawn"] - canvas["shown"]) <= 1 and canvas["drawn"] > 500, canvas
    assert outside == [], f"the pages asked the internet for {outside}"
