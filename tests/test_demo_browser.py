"""`ripple demo` in a real browser: headless Chromium, no internet, slider + step redraw.

Uses Debian's chromium (scripts/install-browser.sh installs it) driven by Playwright's
Python API; Playwright's own browser download is never used.
"""

from __future__ import annotations

import io
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pytest
from PIL import Image

from experiments.cli import main
from experiments.cli.demo import voila_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PAGE_TIMEOUT_MS = 120_000   # kernel start + first draw on a busy 2-core CI machine
IMAGE = "img.widget-image"

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is missing: run scripts/install-browser.sh (Debian chromium)")


def first_line(stream, seconds: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=seconds)
    except queue.Empty:
        return ""


@pytest.fixture
def demo_url():
    """`ripple demo` on a free localhost port; yields its printed address."""
    code = "import sys; from experiments.cli import main; sys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "demo", "--population", "600", "--seed", "7"],
        stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = first_line(server.stdout, 150)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"ripple demo printed no address: {line!r}"
        yield found.group(0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)   # the demo, Voila and its kernel
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def block_the_internet(context) -> list[str]:
    """Abort every request that leaves this machine; returns the list of attempts."""
    attempts: list[str] = []

    def guard(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            attempts.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    return attempts


def figure_pixels(page) -> np.ndarray:
    image = Image.open(io.BytesIO(page.locator(IMAGE).screenshot())).convert("RGB")
    return np.asarray(image, dtype=np.int16)


def drag_slider(page, label: str, dx: float) -> None:
    handle = page.locator(".widget-slider", has_text=label).locator(".noUi-handle").first
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y, steps=8)
    page.mouse.up()


@pytest.mark.slow
@needs_chromium
def test_demo_page_works_offline_and_redraws_on_step(demo_url, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1560, "height": 900})
        try:
            outside = block_the_internet(context)
            page = context.new_page()
            page.goto(demo_url, timeout=PAGE_TIMEOUT_MS)
            page.wait_for_function(
                f"() => {{ const i = document.querySelector('{IMAGE}');"
                " return i && i.complete && i.naturalWidth > 0; }", timeout=PAGE_TIMEOUT_MS)
            src, before = page.get_attribute(IMAGE, "src"), figure_pixels(page)
            status = page.locator(".widget-html", has_text="complaints resolved in")
            assert "resolved in 10.0 days" in status.inner_text()

            drag_slider(page, "Days to resolve", 90)
            page.wait_for_function(
                "() => !document.body.innerText.includes('resolved in 10.0 days')",
                timeout=30_000)
            page.get_by_role("button", name="Step").click()
            page.wait_for_function(
                f"(old) => document.querySelector('{IMAGE}').src !== old", arg=src,
                timeout=30_000)
            page.wait_for_function(f"() => document.querySelector('{IMAGE}').complete")
            after = figure_pixels(page)
            page.screenshot(path=str(tmp_path / "classroom.png"), full_page=True)
            print(f"screenshot: {tmp_path / 'classroom.png'}")
        finally:
            context.close()
    assert before.shape == after.shape
    moved = (np.abs(after - before).sum(axis=2) > 60).mean()
    assert moved > 0.001, "the figure image did not change after Step"
    assert outside == [], f"the page asked the internet for {outside}"


def test_demo_rejects_a_bad_population(capsys):
    assert main(["demo", "--population", "5"]) == 2
    assert "ripple demo: error: --population: 5" in capsys.readouterr().err


def test_demo_serves_offline_on_localhost_without_a_browser():
    cmd = voila_command(8123, cull_minutes=15)
    assert "--no-browser" in cmd and "--Voila.ip=127.0.0.1" in cmd
    assert "--template=ripple" in cmd and "--port=8123" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=900" in cmd
    template = Path(__file__).parent.parent / "notebooks/voila/templates/ripple/index.html.j2"
    assert "https://" not in template.read_text()
