"""The report of a results folder: PNG plots and a Markdown + HTML summary of whatever it
holds (comparison and flip point, sweep, lost customer); `ripple report` prints its path."""

from __future__ import annotations

import html
import time
from pathlib import Path

import pandas as pd

from experiments.errors import UsageError
from experiments.execution.storage import MANIFEST, ResultStore
from experiments.execution.stored_files import check_report_settings
from experiments.reporting.explain_section import explain_sections
from experiments.reporting.sections import Section, compare_section, lost_section, sweep_section

KINDS = ("compare", "flip", "sweep", "lost_customer")


def find_stores(root: Path) -> dict[str, ResultStore]:
    """The experiments stored under `root` (or `root` itself), by kind."""
    if not root.is_dir():
        raise UsageError(f"{root}: results folder not found")
    if (root / MANIFEST).exists():
        stores = {"": ResultStore.open(root)}
    else:
        stores = {kind: ResultStore.open(root / kind) for kind in KINDS
                  if (root / kind / MANIFEST).exists()}
    for store in stores.values():
        check_report_settings(store.manifest, store.root / MANIFEST)
    stores = {store.manifest["kind"]: store for store in stores.values()}
    if not stores:
        raise UsageError(f"{root}: not a Ripple results folder (no {MANIFEST} in it or in "
                         f"{', '.join(k + '/' for k in KINDS)})")
    return stores


def write_report(root: str | Path) -> Path:
    """Write plots and summary.md / summary.html to `root`/report; returns summary.md."""
    root = Path(root)
    stores = find_stores(root)
    out = root / "report"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"{out}: cannot write the report ({err.strerror})") from None
    sections: list[Section] = []
    if "compare" in stores:
        sections.append(compare_section(stores["compare"], out, stores.get("flip")))
        sections += explain_sections(stores["compare"], out)
    if "sweep" in stores:
        sections.append(sweep_section(stores["sweep"], out))
    if "lost_customer" in stores:
        sections.append(lost_section(stores["lost_customer"], out))
    if not sections:
        raise UsageError(f"{root}: holds no finished comparison, sweep or lost-customer runs")
    title = f"Ripple report: {root.resolve().name}"
    (out / "summary.md").write_text(to_markdown(title, sections))
    (out / "summary.html").write_text(to_html(title, sections))
    return out / "summary.md"


def md_table(frame: pd.DataFrame) -> str:
    cells = [[str(c) for c in frame.columns]] + [[str(v) for v in row]
                                                  for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "|".join("---" for _ in frame.columns) + "|")
    return "\n".join(lines)


def to_markdown(title: str, sections: list[Section]) -> str:
    parts = [f"# {title}", f"Written {time.strftime('%Y-%m-%d %H:%M')}."]
    for sec in sections:
        parts.append(f"## {sec.title}")
        parts += sec.text
        for caption, frame in sec.tables:
            parts += [f"**{caption}**", md_table(frame)]
        parts += [f"![{caption}]({name})" for name, caption in sec.images]
    return "\n\n".join(parts) + "\n"


STYLE = ("body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
         "color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}"
         "td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}"
         "td:first-child,th:first-child{text-align:left}img{max-width:100%}"
         "figcaption{color:#555;font-size:.9rem;margin-bottom:1.5rem}")


def to_html(title: str, sections: list[Section]) -> str:
    body = [f"<h1>{html.escape(title)}</h1>"]
    for sec in sections:
        body.append(f"<h2>{html.escape(sec.title)}</h2>")
        body += [f"<p>{html.escape(p)}</p>" for p in sec.text]
        for caption, frame in sec.tables:
            body.append(f"<h3>{html.escape(caption)}</h3>")
            body.append(frame.to_html(index=False, border=0))
        body += [f'<figure><img src="{name}" alt="{html.escape(caption)}">'
                 f"<figcaption>{html.escape(caption)}</figcaption></figure>"
                 for name, caption in sec.images]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n")
