"""PNG figures for the validation report, one function per target: ``plot(data, path)``.

Built on matplotlib's object API (``Figure``, rendered by Agg), so no GUI backend or
global pyplot state is touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from simulation import bass


def _save(fig: Figure, path: Path | str) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def bass_discrete(data: dict[str, Any], path) -> None:
    """Simulated adoption vs the discrete Bass recursion at each step length."""
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    for (name, (months, share, expected)), colour in zip(data["curves"].items(), ("C0", "C1")):
        ax.plot(months, share, "o", ms=3, color=colour, label=f"model, {name} step")
        ax.plot(months, expected, "-", color=colour, lw=1, label=f"discrete recursion, {name}")
    ax.set(xlabel="months", ylabel="adopted share", title="Bass docking at the model's step")
    ax.legend(fontsize=8)
    _save(fig, path)


def bass_convergence(data: dict[str, Any], path) -> None:
    """Left: curves at month/week/day steps vs the closed form. Right: error vs step."""
    fig = Figure(figsize=(10, 4))
    left, right = fig.subplots(1, 2)
    p, q = data["p"], data["q"]
    longest = max(m[-1] for m, _ in data["curves"].values())
    t = np.linspace(0, longest, 600)
    left.plot(t, bass.closed_form_bass(p, q, t), "k-", lw=2, label="closed form")
    for name, (months, share) in data["curves"].items():
        left.plot(months, share, lw=1, label=f"model, {name} step")
    left.set(xlabel="months", ylabel="adopted share", title=f"Bass p={p:g}, q={q:g}")
    left.legend(fontsize=8)
    steps = [step for step, _ in data["errors"].values()]
    for key, label in ((0.5, "t50"), (0.95, "t95"), ("peak", "peak time")):
        right.loglog(steps, [e[key][0] for _, e in data["errors"].values()], "o-", label=label)
    right.axhline(0.05, color="grey", ls="--", lw=1, label="5% target (daily step)")
    right.set(xlabel="step (months)", ylabel="relative error vs closed form",
              title="Error falls as the step shrinks")
    right.legend(fontsize=8)
    _save(fig, path)


def bass_sparse(data: dict[str, Any], path) -> None:
    """Adoption on the complete graph, small-world and scale-free vs the closed form."""
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    p, q = data["p"], data["q"]
    months = data["curves"]["complete"][0]
    ax.plot(months, bass.closed_form_bass(p, q, months), "k-", lw=2, label="closed form")
    for kind, (m, share) in data["curves"].items():
        ax.plot(m, share, lw=1.2, label=f"model, {kind.replace('_', '-')} (monthly step)")
    ax.set(xlabel="months", ylabel="adopted share", title="Sparse networks lag the closed form")
    ax.legend(fontsize=8)
    _save(fig, path)


def weak_ties(data: dict[str, Any], path) -> None:
    """Left: t50 vs tie-influence multiplier. Right: advertising's share of new adopters."""
    fig = Figure(figsize=(10, 4))
    left, right = fig.subplots(1, 2)
    for kind, rows in data["table"].items():
        means, ses = np.array(rows).T
        left.errorbar(data["levels"], means, yerr=2 * ses, marker="o", capsize=3,
                      label=f"{kind}-tie influence raised")
    left.set(xscale="log", xlabel="influence multiplier (other kind at 1)",
             ylabel="months to 50% adoption", title="Raising weak vs strong tie influence")
    left.legend(fontsize=8)
    for before, share in data["curve"]:
        right.plot(before, share, ".", ms=3, alpha=0.6, color="C2")
    right.axvline(0.16, color="grey", ls="--", lw=1, label="16% adopted")
    right.set(xlabel="adopted share before the step", ylabel="advertising share of new adopters",
              title="Advertising matters early, then fades")
    right.legend(fontsize=8)
    _save(fig, path)


def girard(data: dict[str, Any], path) -> None:
    """Distinct people reached in a year vs the network's clustering coefficient."""
    fig = Figure(figsize=(7, 4.2))
    ax = fig.add_subplot()
    for key, label, marker in (("strangers", "tellers strangers to each other", "o"),
                               ("customers", "tellers one firm's customers", "s")):
        for i, got in enumerate(data["networks"].values()):
            mean, se = got[key]
            ax.errorbar(got["clustering"], mean, yerr=2 * se, fmt=marker, color=f"C{i}",
                        label=label if i == 0 else None, mfc="none" if key == "customers" else None)
            if key == "customers":
                ax.annotate(got["label"], (got["clustering"], mean), fontsize=7,
                            xytext=(4, -10), textcoords="offset points")
    ax.axhline(data["ideal"], color="k", ls="--", lw=1, label="2 x 52 x 250 = 26,000")
    ax.set(xlabel="clustering coefficient", ylabel="distinct people reached in a year",
           title="Girard's 250: reach vs clustering")
    ax.legend(fontsize=8)
    _save(fig, path)


def retention(data: dict[str, Any], path) -> None:
    """Survival of a starting cohort at 10% and 5% monthly defection vs r^t."""
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    for r, (months, alive) in data["cohorts"].items():
        ax.plot(months, alive, lw=2, label=f"model, r = {r:.2f} (mean {1 / (1 - r):.0f})")
        ax.plot(months, r ** months, "k:", lw=1)
    ax.set(xlabel="months", ylabel="share of the cohort still customers", yscale="log",
           ylim=(1e-4, 1.1), title="Constant retention: survival r^t (dotted)")
    ax.legend(fontsize=8)
    _save(fig, path)


def _paired_bars(ax, labels, measured, target, errors=None) -> None:
    x = np.arange(len(labels))
    ax.bar(x - 0.2, measured, 0.4, yerr=errors, capsize=3, label="model")
    ax.bar(x + 0.2, target, 0.4, label="published", color="grey")
    ax.set_xticks(x, labels, rotation=20, ha="right", fontsize=8)
    ax.legend(fontsize=8)


def tarp(data: dict[str, Any], path) -> None:
    """Stay share by complaint outcome: model vs TARP."""
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    names = list(data["target"])
    _paired_bars(ax, [n.replace("_", " ") for n in names],
                 [data["measured"][n] for n in names], [data["target"][n] for n in names])
    ax.set(ylabel="share who stay", ylim=(0, 1), title="TARP: repurchase by complaint outcome")
    _save(fig, path)


def churn_causes(data: dict[str, Any], path) -> None:
    """Share of lost customers by cause: model vs F11."""
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    names = list(data["target"])
    _paired_bars(ax, [n.replace("_", " ") for n in names], [data["measured"][n] for n in names],
                 [data["target"][n] for n in names], [2 * data["se"][n] for n in names])
    ax.set(ylabel="share of lost customers", title="F11: why customers leave")
    _save(fig, path)


def wom_balance(data: dict[str, Any], path) -> None:
    """Positive vs negative messages per run, with the 3:1 line."""
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    neg, pos = np.array(data["negative"]), np.array(data["positive"])
    ax.plot(neg, pos, "o", label=f"runs (mean ratio {data['ratio'][0]:.2f})")
    top = max(neg.max(), pos.max() / 3) * 1.2
    for ratio, style in ((3, "k--"), (2.5, "k:"), (3.5, "k:")):
        ax.plot([0, top], [0, ratio * top], style, lw=1,
                label="3:1 (East et al.)" if ratio == 3 else None)
    ax.set(xlabel="negative messages", ylabel="positive messages", xlim=(0, top),
           title="WOM balance, evidence preset")
    ax.legend(fontsize=8)
    _save(fig, path)
