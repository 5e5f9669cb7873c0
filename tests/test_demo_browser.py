"""`ripple demo` in a real browser: headless Chromium, no internet; the page fits 1024x768,
1280x720 and 1920x1080 (screenshots saved), slider, step, play/pause/reset, story mode and
the kernel cap.

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
from contextlib import contextmanager
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


@contextmanager
def serving(*options: str):
    """`ripple demo` on a free localhost port; yields its printed address."""
    code = "import sys; from experiments.cli import main; sys.exit(main(sys.argv[1:]))"
    server = subprocess.Popen(
        [sys.executable, "-c", code, "demo", "--population", "600", "--seed", "7", *options],
        stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        line = first_line(server.stdout, 150)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"ripple demo printed no address: {line!r}"
        yield found.group(0)
    finally:
        os.killpg(server.pid, signal.SIGTERM)   # the demo, Voila and its kernels
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


@pytest.fixture
def demo_url():
    with serving() as url:
        yield url


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where screenshots go: $RIPPLE_SCREENSHOTS if set (to keep them), else tmp_path."""
    folder = Path(os.environ.get("RIPPLE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


OUTSIDE_VIEWPORT = """() => {
    const seen = '.widget-button, .widget-toggle-button, .widget-slider, .widget-dropdown,'
        + ' .widget-checkbox, .lm-TabBar-tab, .widget-html, .widget-toggle-buttons, img.widget-image';
    const out = [];
    for (const el of document.querySelectorAll(seen)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;          // hidden (another tab)
        if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
            out.push(`${el.className.split(' ').pop()} "${el.innerText.slice(0, 30)}" at `
                     + `${Math.round(r.left)},${Math.round(r.top)}-`
                     + `${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) out.push('page scrolls sideways');
    return out;
}"""
SIZES = ((1024, 768), (1280, 720), (1920, 1080))
MIN_TEXT_PX, MIN_CHART_PX = 18.0, 16.0     # projector type: page text, chart text
MAX_EMPTY_BELOW_PX = 40                    # the figure reaches down to the window's foot

TEXT_SIZES = """() => {
    // Every visible piece of text on the page: its computed font size in CSS pixels.
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const text = walker.currentNode.textContent.trim();
        const el = walker.currentNode.parentElement;
        if (!text || el.closest('script, style, template')) continue;
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
        found.push([parseFloat(style.fontSize), text.slice(0, 40)]);
    }
    return found;
}"""
FIGURE_BOX = f"""() => {{
    // The figure as shown: CSS box, drawn pixels, pixel ratio, declared chart text size.
    const img = document.querySelector('{IMAGE}');
    const r = img.getBoundingClientRect();
    const chart = [...img.classList].find(c => c.startsWith('ripple-chart-px-'));
    return {{width: r.width, height: r.height, bottom: r.bottom, natural: img.naturalWidth,
             naturalHeight: img.naturalHeight, ratio: window.devicePixelRatio,
             chartPx: chart ? parseFloat(chart.slice('ripple-chart-px-'.length)) : 0,
             viewport: window.innerHeight}};
}}"""
SHARP = f"""() => {{
    const img = document.querySelector('{IMAGE}');
    const want = img.getBoundingClientRect().width * window.devicePixelRatio;
    return img.complete && img.naturalWidth > 0 && Math.abs(img.naturalWidth - want) <= 2;
}}"""


def wait_for_image(page) -> None:
    page.wait_for_function(
        f"() => {{ const i = document.querySelector('{IMAGE}');"
        " return i && i.complete && i.naturalWidth > 0; }", timeout=PAGE_TIMEOUT_MS,
        polling=250)


def wait_for_sharp_figure(page) -> None:
    """Until the figure is drawn at the size it is shown (one drawn pixel a screen pixel)."""
    page.wait_for_function(SHARP, timeout=60_000, polling=250)


def wait_for_new_image(page, old_src: str) -> None:
    page.wait_for_function(f"(old) => document.querySelector('{IMAGE}').src !== old",
                           arg=old_src, timeout=30_000, polling=100)
    wait_for_image(page)


def status_month(page) -> int:
    text = page.locator(".widget-html", has_text="complaints resolved in").inner_text()
    return int(re.match(r"Month (\d+)", text).group(1))


def legible(page) -> dict:
    """Assert projector type: all page text >= 18 px, chart text >= 16 px as shown, the
    figure drawn at its shown size and reaching the window's foot; return the sizes."""
    sizes = page.evaluate(TEXT_SIZES)
    small = [(px, text) for px, text in sizes if px < MIN_TEXT_PX]
    assert sizes and not small, f"text under {MIN_TEXT_PX:g} px: {small[:8]}"
    box = page.evaluate(FIGURE_BOX)
    # The chart text is drawn at chartPx points, one point `ratio` drawn pixels; drawn
    # pixels are shown at `shown` screen pixels each, `ratio` screen pixels a CSS pixel.
    shown = box["width"] * box["ratio"] / box["natural"]
    chart_px = box["chartPx"] * shown
    assert abs(shown - 1.0) < 0.01, f"figure drawn at {box['natural']} px, shown {box}"
    assert chart_px >= MIN_CHART_PX, f"chart text {chart_px:.1f} px: {box}"
    empty = box["viewport"] - box["bottom"]
    assert empty <= MAX_EMPTY_BELOW_PX, f"{empty:.0f} px empty below the figure: {box}"
    return {"smallest_text_px": min(px for px, _ in sizes), "chart_text_px": chart_px,
            "figure": f"{box['width']:.0f}x{box['height']:.0f} CSS px, drawn "
                      f"{box['natural']}x{box['naturalHeight']} at ratio {box['ratio']:g}",
            "empty_below_px": empty}


def fits(page, shots: Path, name: str) -> Path:
    """Assert every visible control and the chart lie inside the viewport and the type
    is projector-sized; screenshot."""
    page.wait_for_timeout(600)                # let the layout settle after a resize
    wait_for_sharp_figure(page)
    page.wait_for_timeout(300)
    outside = page.evaluate(OUTSIDE_VIEWPORT)
    size = page.viewport_size
    path = shots / f"classroom_{name}_{size['width']}x{size['height']}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path} {legible(page)}")
    assert outside == [], f"{size}: outside the viewport: {outside}"
    return path


def launch(pw, folder: Path, width: int, height: int, ratio: float = 1.0):
    return pw.chromium.launch_persistent_context(
        str(folder), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": width, "height": height}, device_scale_factor=ratio)


def story_speed_text(page) -> str:
    return page.locator(".widget-dropdown", has_text="Speed").locator(
        "select option:checked").inner_text().replace("\xa0", " ")


def wait_for_speed(page, words: str) -> None:
    """Until the Speed control shows `words` (the kernel's change reaches the page)."""
    page.wait_for_function(
        """(words) => [...document.querySelectorAll('.widget-dropdown select')].some(
            s => s.selectedOptions.length
                 && s.selectedOptions[0].textContent.replace(/\\u00a0/g, ' ') === words)""",
        arg=words, timeout=30_000, polling=200)


@pytest.mark.slow
@needs_chromium
def test_demo_page_fits_projector_sizes_and_tells_a_story_offline(demo_url, tmp_path, shots):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = launch(pw, tmp_path / "profile", 1024, 768)
        try:
            outside = block_the_internet(context)
            page = context.new_page()
            page.goto(demo_url, timeout=PAGE_TIMEOUT_MS)
            wait_for_image(page)
            for width, height in SIZES:
                page.set_viewport_size({"width": width, "height": height})
                fits(page, shots, "firm")
            page.set_viewport_size({"width": 1024, "height": 768})
            wait_for_sharp_figure(page)
            status = page.locator(".widget-html", has_text="complaints resolved in")
            assert "resolved in 10.0 days" in status.inner_text()
            assert "no extra spending" in status.inner_text()
            assert "a month" not in status.inner_text()

            # A slider and Step redraw the figure.
            src, before = page.get_attribute(IMAGE, "src"), figure_pixels(page)
            drag_slider(page, "Days to resolve", 60)
            page.wait_for_function(
                "() => !document.body.innerText.includes('resolved in 10.0 days')",
                timeout=30_000)
            page.get_by_role("button", name="Step").click()
            wait_for_new_image(page, src)
            after = figure_pixels(page)
            assert before.shape == after.shape
            assert (np.abs(after - before).sum(axis=2) > 60).mean() > 0.001, \
                "the figure image did not change after Step"

            # Play runs, Pause keeps the run, only Reset goes back to month 0.
            page.get_by_role("button", name="Play").click()
            page.wait_for_function("() => /Month ([3-9]|\\d\\d)\\./.test(document.body.innerText)",
                                   timeout=30_000, polling=100)
            page.get_by_role("button", name="Pause").click()
            page.wait_for_timeout(1500)
            paused = status_month(page)
            page.wait_for_timeout(1500)
            assert status_month(page) == paused >= 3, "Pause lost or kept running the market"
            page.get_by_role("button", name="Reset").click()
            page.wait_for_function("() => document.body.innerText.includes('Month 0.')",
                                   timeout=30_000)

            # Money tab: strategies in words, the status line names the budget.
            page.get_by_role("tab", name="Money").click()
            page.locator(".widget-dropdown", has_text="Spend on").locator(
                "select").select_option(label="Complaint resolution")
            page.wait_for_function(
                "() => document.body.innerText.includes('complaint resolution ($')",
                timeout=30_000)
            options = page.locator(".widget-dropdown", has_text="Spend on").locator(
                "option").all_inner_texts()
            assert options and not [o for o in options if "_" in o or ":" in o], options
            fits(page, shots, "money")
            tell_a_story(page, shots)
        finally:
            context.close()
    assert outside == [], f"the page asked the internet for {outside}"


def tell_a_story(page, shots: Path) -> None:
    """Click a customer on the network, a bad experience, two hops; the market paused and
    the speed back after the story."""
    page.get_by_role("tab", name="Story").click()
    speed = story_speed_text(page)
    box = page.locator(IMAGE).bounding_box()
    page.mouse.click(box["x"] + 0.2 * box["width"], box["y"] + 0.35 * box["height"])
    page.wait_for_function("() => /Person \\d+: a customer/.test(document.body.innerText)",
                           timeout=30_000)
    page.get_by_role("button", name="Bad experience").click()
    page.wait_for_function("() => document.body.innerText.includes('bad experience')",
                           timeout=30_000)
    wait_for_speed(page, "1 step every 2 seconds")
    src, before = page.get_attribute(IMAGE, "src"), figure_pixels(page)
    page.get_by_role("button", name="Next hop").click()
    page.wait_for_function("() => document.body.innerText.includes('Hop 1 (month')",
                           timeout=60_000)
    wait_for_new_image(page, src)
    moved = (np.abs(figure_pixels(page) - before).sum(axis=2) > 60).mean()
    assert moved > 0.002, "the hop drew no arrows"
    page.get_by_role("button", name="Next hop").click()
    page.wait_for_function("() => document.body.innerText.includes('Hop 2 (month')",
                           timeout=60_000)
    text = page.locator(".widget-html", has_text="Hop 2 (month").inner_text()
    assert not re.search(r"(?<![\d,])1 (people|customers|prospects|have|were)\b", text), text
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        fits(page, shots, "story")
    month = status_month(page)
    page.get_by_role("button", name="End story").click()
    page.wait_for_function("() => document.body.innerText.includes('No story yet')",
                           timeout=30_000)
    wait_for_speed(page, speed)                 # the speed comes back after the story
    assert page.get_by_role("button", name="Next hop").is_disabled()
    page.wait_for_timeout(1500)
    assert status_month(page) == month, "the market moved on after the story"


@pytest.mark.slow
@needs_chromium
def test_the_figure_is_drawn_for_a_high_density_screen(demo_url, tmp_path, shots):
    """On a screen of two device pixels a CSS pixel the figure is drawn at twice its CSS
    size, so it stays sharp; the type is still projector-sized."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = launch(pw, tmp_path / "profile", 1280, 720, ratio=2.0)
        try:
            page = context.new_page()
            page.goto(demo_url, timeout=PAGE_TIMEOUT_MS)
            wait_for_image(page)
            fits(page, shots, "firm_ratio2")
            box = page.evaluate(FIGURE_BOX)
        finally:
            context.close()
    assert box["ratio"] == 2.0 and abs(box["natural"] - 2 * box["width"]) <= 2


@pytest.mark.slow
@needs_chromium
def test_a_page_past_the_kernel_cap_says_so(tmp_path):
    from playwright.sync_api import sync_playwright

    with serving("--max-pages", "1") as url, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_ARGS, viewport={"width": 1024, "height": 768})
        try:
            first = context.new_page()
            first.goto(url, timeout=PAGE_TIMEOUT_MS)
            wait_for_image(first)
            second = context.new_page()
            second.goto(url, timeout=PAGE_TIMEOUT_MS)
            text = second.inner_text("body")
        finally:
            context.close()
    assert "The classroom app is full: 1 pages are open" in text, text[:500]
    assert "--max-pages" in text


def test_demo_rejects_a_bad_population(capsys):
    assert main(["demo", "--population", "5"]) == 2
    assert "ripple demo: error: --population: 5" in capsys.readouterr().err


def test_demo_serves_offline_on_localhost_without_a_browser():
    cmd = voila_command(8123, cull_minutes=2, max_pages=8)
    assert "--no-browser" in cmd and "--Voila.ip=127.0.0.1" in cmd
    assert "--template=ripple" in cmd and "--port=8123" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=120" in cmd
    assert "--CappedKernelManager.max_kernels=8" in cmd
    template = Path(__file__).parent.parent / "notebooks/voila/templates/ripple/index.html.j2"
    assert "https://" not in template.read_text()
