"""The spending plan in words and plots: the split, its gains with 95% intervals and
whether they are within noise, the next 1,000 per lever, the return curve, and what
flips the answer. Every money figure carries the firm's currency."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from experiments.analysis.allocate import UNSPENT, Lever
from experiments.analysis.allocate_plan import Plan
from experiments.analysis.discover import Cases, Finding
from experiments.analysis.stats import clear_of_zero, verdict
from experiments.analysis.value_of_information import ValueOfInformation
from experiments.reporting.document import Document, Section
from experiments.reporting.plots import money_axis
from experiments.reporting.words import metric_words, money_interval
from experiments.reporting.words import money as in_currency


def lever_words(name: str, plan: Plan) -> str:
    if name == UNSPENT:
        return "left unspent"
    words = Lever(name).words
    return f"{words} ({plan.profile.quality_dimension})" if name == "service_quality" else words


def signed(plan: Plan, ci: tuple[float, float, float]) -> str:
    """'+EUR 12,300 [+EUR 4,100; +EUR 20,500], clearly higher'."""
    mean, low, high = ci
    return f"{money_interval(mean, low, high, plan.profile.currency)}, {verdict(low, high)}"


def plan_lines(plan: Plan) -> list[str]:
    """The plan as a strategist reads it."""
    p, s = plan.profile, plan.settings

    def money(amount: float) -> str:
        return in_currency(amount, currency=p.currency)
    what = f"{metric_words(s.metric)} over {p.horizon_months:g} months"
    lines = [f"{p.name}: best use of {money(s.budget)} a month on top of today's spend "
             f"({what})",
             f"  searched {len(plan.search.splits)} splits on {s.replications} posterior "
             f"draws; intervals (95%, paired) from {s.check_replications} fresh draws; "
             f"{plan.simulations:,} simulations", "",
             f"  {'lever':<34}{'extra a month':>16}   "
             f"{'next ' + money(s.step) + ' a month adds':<52}last {money(s.step)} of it added"]
    for name, amount in plan.best.items():
        step, last = plan.marginal.get(name), plan.last.get(name)
        extra = signed(plan, step) if step else "-"
        lines.append(f"  {lever_words(name, plan):<34}{money(amount):>16}   {extra:<50}  "
                     f"{signed(plan, last) if last else '-'}")
    lines += ["", _verdict(plan),
              f"Against the best other single lever (all on {lever_words(plan.rival, plan)}):"
              f" {signed(plan, plan.over_rival)}.", *check_lines(plan, money),
              "How much to spend at all (this mix, scaled):"]
    for total, mean, low, high in plan.curve:
        lines.append(f"  {money(total):>14} a month -> {signed(plan, (mean, low, high))}")
    return lines


def check_lines(plan: Plan, money) -> list[str]:
    """How far the split is backed: shares of draws it wins, whether its own marginal
    returns agree with it, and the check against a coarse grid."""
    lines = [f"It beats today's spend in {plan.p_today:.0%} of the "
             f"{plan.settings.check_replications} fresh posterior draws, and the best other "
             f"single lever in {plan.p_rival:.0%}."]
    for v in plan.consistency.violations[:3]:
        lines.append(f"Does not agree with itself: moving {money(plan.settings.step)} a "
                     f"month from {lever_words(v.worse, plan)} to "
                     f"{lever_words(v.better, plan)} gains {signed(plan, v.difference)}.")
    if plan.consistency.consistent:
        lines.append(f"Agrees with itself: moving {money(plan.settings.step)} a month from "
                     "any funded lever (or from money left unspent) to any other use gains "
                     "nothing beyond noise (the next step on one against the last on the "
                     "other).")
    if plan.refinements:
        lines.append(f"The search's first answer contradicted its own returns; money was moved "
                     f"along them ({plan.refinements} round{'s' * (plan.refinements > 1)}).")
    if plan.grid is not None:
        g = plan.grid
        found = ("the search's best is also the grid's best" if not any(g.grid_minus_search)
                 else "the best of them minus the search's best, on the search's draws: "
                 f"{signed(plan, g.grid_minus_search)}")
        lines.append(f"Checked against every split in steps of 1/{g.fraction} of the budget "
                     f"({g.splits} splits): {found}.")
    return lines


def _verdict(plan: Plan) -> str:
    gain = signed(plan, plan.gain)
    if plan.worse_than_today:
        return f"Keep today's spend: the best split found does worse ({gain})."
    if not plan.better_than_today:
        return (f"No plan to recommend: the best split found is within noise of today's "
                f"spend ({gain}); keep today's spend, or first measure what is listed under "
                "what to measure next.")
    return f"Gain over today's spend: {gain}."


def plot_plan(plan: Plan) -> Figure:
    """Split, next-1,000 returns and the return curve, side by side."""
    cur, what = plan.profile.currency, metric_words(plan.settings.metric)
    fig = Figure(figsize=(14, 3.8), layout="constrained")
    axes = fig.subplots(1, 3)
    names = list(plan.best)
    axes[0].barh([lever_words(n, plan) for n in names], [plan.best[n] for n in names],
                 color="#4477aa")
    axes[0].set_xlabel(f"extra {cur} a month")
    axes[0].set_title("Best split")
    levers = list(plan.marginal)
    mean = np.array([plan.marginal[n][0] for n in levers])
    err = np.array([[m - plan.marginal[n][1], plan.marginal[n][2] - m]
                    for n, m in zip(levers, mean)]).T
    noisy = [not clear_of_zero(*plan.marginal[n][1:3]) for n in levers]
    axes[1].barh([lever_words(n, plan) for n in levers], mean, xerr=err, edgecolor="white",
                 color=["#f5c6a5" if q else "#ee7733" for q in noisy],
                 hatch=["//" if q else "" for q in noisy])
    axes[1].axvline(0, color="k", lw=0.8)
    axes[1].set_xlabel(f"{what} ({cur}), 95% CI\n(pale, hatched: within noise of zero)")
    axes[1].set_title(f"Next {in_currency(plan.settings.step, currency=cur)} a month")
    total, m, low, high = (np.array(c) for c in zip(*plan.curve))
    axes[2].fill_between(total, low, high, alpha=0.3, color="#228833")
    axes[2].plot(total, m, "o-", color="#228833")
    axes[2].axhline(0, color="k", lw=0.8)
    axes[2].set_xlabel(f"extra {cur} a month (this mix)")
    axes[2].set_ylabel(f"gain in {what} ({cur})")
    axes[2].set_title("How much to spend at all")
    for axis in (axes[0].xaxis, axes[1].xaxis, axes[2].xaxis, axes[2].yaxis):
        money_axis(axis, cur)
    for ax in axes:     # money ticks are wide: few of them, slanted, so none overlap
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        ax.tick_params(axis="x", labelrotation=30)
    return fig


def flip_figure(cases: Cases, finding: Finding | None, words: dict[str, str]) -> Figure | None:
    """The two most telling assumptions of the PRIM box, cases coloured by winner (None
    without a numeric box to draw)."""
    numeric = [k for k, v in (finding.limits.items() if finding else []) if len(v) == 2]
    if len(numeric) < 1:
        return None
    x_col = numeric[0]
    y_col = numeric[1] if len(numeric) > 1 else next(
        c for c in cases.inputs.columns if c not in (x_col, "assumptions"))
    fig = Figure(figsize=(6, 4.5), layout="constrained")
    ax = fig.add_subplot()
    x, y, wins = cases.inputs[x_col], cases.inputs[y_col], cases.winner_wins
    ax.scatter(x[wins], y[wins], s=14, color="#4477aa", label="recommended plan wins")
    ax.scatter(x[~wins], y[~wins], s=14, color="#cc3311", label="its rival wins")
    box = finding.limits
    (x0, x1), (y0, y1) = _span(box.get(x_col), x), _span(box.get(y_col), y)
    ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, lw=1.5, ls="--"))
    ax.set_xlabel(words.get(x_col, x_col), fontsize=8)
    ax.set_ylabel(words.get(y_col, y_col), fontsize=8)
    ax.set_title("What flips it (dashed: the region described)")
    ax.legend(fontsize=7)
    return fig


def plot_flip(cases: Cases, finding: Finding | None, words: dict[str, str],
              path: Path) -> Path | None:
    """`flip_figure` saved as `path` (None when there is nothing to draw)."""
    fig = flip_figure(cases, finding, words)
    if fig is None:
        return None
    fig.savefig(path, dpi=110)
    return path


def _span(limit, values) -> tuple[float, float]:
    if not limit or len(limit) != 2:
        return float(values.min()), float(values.max())
    low, high = limit
    return (float(values.min()) if low is None else float(low),
            float(values.max()) if high is None else float(high))


def measure_lines(voi: ValueOfInformation, currency: str) -> list[str]:
    """What to measure next: the sentence, then each input with its money at stake."""
    def money(v: float) -> str:
        return in_currency(v, currency=currency)
    width = max([len("input"), *map(len, voi.table.words)]) + 2   # every word, every input
    lines = [voi.text(money),
             f"  {'input':<{width}}{'worth knowing':>15}{'chance alone':>15}"]
    for row in voi.table.itertuples():
        mark = "" if row.beyond_chance else "  (within chance)"
        lines.append(f"  {row.words:<{width}}{money(row.value):>15}{money(row.chance):>15}"
                     f"{mark}")
    return lines


def write_plan_report(out: Path, plan: Plan, flips: list[str], flip_plot: Path | None,
                      measure: list[str] = (), misfit: str = "", levers: str = "",
                      rivals: str = "", segments: str = "") -> Path:
    """plan_report.md and plan_report.html: the printed plan, the flip sentences, what to
    measure next, what each lever's money buys (`lever_text.format_levers`), the firm
    against its rivals (`rivals`, in a market of several firms), the plan against today
    by segment (`segments`) and the plots; `misfit` (the calibration's missed figures)
    first."""
    split = Section("The plan", blocks=["\n".join(plan_lines(plan))])
    split.save(plot_plan(plan), out, "plan.png", "plan")
    flip = Section("What flips it", text=list(flips))
    if flip_plot is not None:
        flip.images.append((flip_plot.name, "what flips it"))
    sections = [split] + ([Section("By segment", blocks=[segments])] if segments else [])
    sections.append(flip)
    if measure:
        sections.append(Section("What to measure next", text=[measure[0]],
                                blocks=["\n".join(measure[1:])]))
    if levers:
        sections.append(Section("What each lever's money buys", blocks=[levers]))
    if rivals:   # the rivals' rule in a sentence, then the tables (`competition_text`)
        rule, tables = rivals.split("\n", 1)
        sections.insert(1, Section("Against the rivals", text=[rule], blocks=[tables]))
    return Document("Spending plan", [misfit] if misfit else [], sections).write(
        out, "plan_report")
