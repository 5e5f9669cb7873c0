"""The report of a results folder: PNG plots and a Markdown + HTML summary of whatever it
holds (comparison and flip point, sweep, lost customer), written by the one report writer
(`document`); `ripple report` prints its path."""

from __future__ import annotations

import time
from pathlib import Path

from experiments.errors import UsageError
from experiments.execution.storage import MANIFEST, ResultStore
from experiments.execution.stored_files import check_report_settings
from experiments.reporting.customers import customer_section
from experiments.reporting.document import Document, Section
from experiments.reporting.explain_section import explain_sections
from experiments.reporting.sections import compare_section, lost_section, sweep_section

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


def _customers(store: ResultStore, out: Path) -> list[Section]:
    """The customers section, when the comparison's runs kept customer profiles."""
    currency = store.manifest["scenario"].get("currency", "")
    section = customer_section(store.profiles(), store.runs(), currency, out)
    return [section] if section else []


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
        sections += _customers(stores["compare"], out)
    if "sweep" in stores:
        sections.append(sweep_section(stores["sweep"], out))
    if "lost_customer" in stores:
        sections.append(lost_section(stores["lost_customer"], out))
    if not sections:
        raise UsageError(f"{root}: holds no finished comparison, sweep or lost-customer runs")
    title = f"Ripple report: {root.resolve().name}"
    written = f"Written {time.strftime('%Y-%m-%d %H:%M')}."
    return Document(title, [written], sections).write(out, "summary")
