"""The report's "answer explained" section: why the headline pair's winner wins, from the
comparison's stored run table (sentence, table of parts, waterfall figure)."""

from __future__ import annotations

from pathlib import Path

from experiments.execution.storage import ResultStore
from experiments.reporting.explain_text import explain_rows, explain_sentence, explained
from experiments.reporting.plots.explain import explain_waterfall
from experiments.reporting.sections import Section
from experiments.reporting.words import strategy_words


def explain_sections(store: ResultStore, out: Path) -> list[Section]:
    """One section for a comparison with a headline pair, none without one."""
    scenario = store.manifest["scenario"]
    table = explained(scenario, store.runs())
    if table is None:
        return []
    currency = scenario.get("currency", "")
    a, b = strategy_words(table.attrs["a"]), strategy_words(table.attrs["b"])
    sec = Section(f"Answer explained: {a} against {b}", [
        explain_sentence(table, currency),
        f"Each part is a paired difference ({a} minus {b}, same seed for both) over "
        f"{int(table.replications.iloc[0])} replications, with its 95% CI; money is "
        "discounted to the start and its parts add up to the profit NPV difference. The "
        f"margin splits into the extra customer-months served times {b}'s margin a "
        "customer-month, plus what a different margin a customer-month adds. The "
        "people rows are the counts behind the money, per market; a part whose CI spans "
        "zero is marked within noise."])
    sec.tables.append(("parts of the difference (mean, 95% CI)", explain_rows(table, currency)))
    sec.save(explain_waterfall(table, currency), out, "answer_explained.png",
             f"profit NPV difference, {a} minus {b}, by part (95% CI)")
    return [sec]
