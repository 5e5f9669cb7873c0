"""Figures of sweeps, flip searches and the lost-customer analysis: heat-maps over two
swept parameters, case bars, parameter rankings, the flip curve and the cost of one
lost customer. Built without pyplot, like `plots`."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from experiments.analysis.compare import currency_of
from experiments.analysis.sensitivity import point_means
from experiments.analysis.stats import clear_of_zero, t_interval
from experiments.reporting.plots import COLORS, figure, money_axis, value_axis
from experiments.reporting.words import (
    VARIANT_WORDS,
    amount,
    is_money,
    metric_label,
    parameter_label,
    parameter_unit,
    parameter_value,
    strategy_words,
)
from experiments.scenarios.metrics import metric as record


def with_point_means(design: pd.DataFrame, runs: pd.DataFrame, metric: str,
                     strategy: str) -> pd.DataFrame:
    """The design with the mean of `metric` over replications at each point."""
    return design.assign(**{metric: point_means(runs, metric, strategy, design.point)})


def heatmap(design: pd.DataFrame, runs: pd.DataFrame, metric: str, names: list[str],
            strategies: list[str], grid: bool) -> Figure:
    """Mean `metric` over the first two swept parameters, one panel per strategy
    (grid designs: every cell; sampled designs: binned means)."""
    shown, cur = strategies[:3], currency_of(runs)
    fig, axes = figure(5.2 * len(shown), 4.6, cols=len(shown))
    x, y = names[0], names[1]
    frames = {s: with_point_means(design, runs, metric, s) for s in shown}
    values = pd.concat([f[metric] for f in frames.values()])
    low, high = float(values.min()), float(values.max())   # one colour scale for all panels
    scale = dict(cmap="viridis", vmin=low, vmax=high)
    for ax, strategy in zip(axes, shown):
        frame = frames[strategy]
        if grid:
            table = frame.pivot_table(index=y, columns=x, values=metric, aggfunc="mean")
            image = ax.imshow(table.to_numpy(), origin="lower", aspect="auto", **scale)
            ax.set_xticks(range(table.shape[1]), [_tick(x, v, cur) for v in table.columns])
            ax.set_yticks(range(table.shape[0]), [_tick(y, v, cur) for v in table.index])
            _cell_noise(ax, frame.assign(half=point_half_widths(
                runs, metric, strategy, frame.point)), table, x, y, metric, cur)
        else:
            image = _sampled_points(ax, frame.assign(half=point_half_widths(
                runs, metric, strategy, frame.point)), x, y, metric, scale, cur)
        bar = fig.colorbar(image, ax=ax, label=metric_label(metric, cur))
        value_axis(bar.ax.yaxis, record(metric).money, cur)
        ax.set_xlabel(parameter_label(x, cur))
        ax.set_ylabel(parameter_label(y, cur))
        ax.set_title(strategy_words(strategy), fontsize=10)
    within = ("; each cell: mean \u00b1 half its 95% CI, hatched where the CI holds the "
              "panel's average (within noise of it)" if grid else
              "; each dot one sampled setting (mean over replications), hatched where its "
              "95% CI holds the panel's average (within noise of it)")
    title = (f"one colour scale for all panels, from {amount(low, metric, currency=cur)} "
             f"to {amount(high, metric, currency=cur)} (the range of the means shown)" + within)
    fig.suptitle(textwrap.fill(title, int(13 * 5.2 * len(shown))), fontsize=9,
                 parse_math=False)   # money signs are text, not mathtext
    return fig


def _tick(name: str, value: float, currency: str) -> str:
    """A grid value as a tick: money in the currency, other values to 3 digits."""
    if is_money(parameter_unit(name)):
        return parameter_value(name, value, currency)
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _sampled_points(ax, frame: pd.DataFrame, x: str, y: str, metric: str, scale: dict,
                    currency: str):
    """A sampled design's points coloured by their mean; hatched where the point's 95% CI
    holds the panel's average; log axes for settings sampled over a factor of ten."""
    centre = float(frame[metric].mean())
    clear = np.isfinite(frame.half) & ((frame[metric] - centre).abs() > frame.half)
    image = None
    for keep, hatch in ((clear, None), (~clear, "////")):
        part = frame[keep]
        drawn = ax.scatter(part[x], part[y], c=part[metric], s=70, hatch=hatch,
                           edgecolors="black", linewidths=0.5, **scale)
        image = image or drawn
    for name, axis in ((x, ax.xaxis), (y, ax.yaxis)):
        values = frame[name]
        if (values > 0).all() and values.max() >= 10 * values.min():
            (ax.set_xscale if axis is ax.xaxis else ax.set_yscale)("log")
            axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            axis.set_minor_formatter(NullFormatter())
            axis.set_major_formatter(FuncFormatter(
                lambda v, _, name=name: _tick(name, v, currency)))
    return image


def point_half_widths(runs: pd.DataFrame, metric: str, strategy: str,
                      points: pd.Series) -> np.ndarray:
    """Half the 95% CI of the mean of `metric` over replications at each design point."""
    own = runs[runs["strategy"] == strategy]
    def half(values: pd.Series) -> float:
        _, low, high = t_interval(values.to_numpy())
        return (high - low) / 2.0
    return own.groupby("point")[metric].agg(half).reindex(points).to_numpy(float)


def _cell_noise(ax, frame: pd.DataFrame, table: pd.DataFrame, x: str, y: str, metric: str,
                cur: str) -> None:
    """Each grid cell's mean and CI in the cell; hatched where the CI holds the panel's
    average."""
    centre = float(frame[metric].mean())
    half = frame.pivot_table(index=y, columns=x, values="half", aggfunc="mean")
    for i, row in enumerate(table.index):
        for j, col in enumerate(table.columns):
            mean, h = table.loc[row, col], half.loc[row, col]
            if not np.isfinite(mean):
                continue
            text = amount(mean, metric, currency=cur) + (
                f"\n\u00b1{amount(h, metric, currency=cur)}" if np.isfinite(h) else "")
            ax.text(j, i, text, parse_math=False, ha="center", va="center", fontsize=7,
                    color="white", bbox=dict(facecolor="black", alpha=0.35, lw=0, pad=1))
            if not (np.isfinite(h) and abs(mean - centre) > h):
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="//",
                                       edgecolor="white", lw=0))


def line_sweep(design: pd.DataFrame, runs: pd.DataFrame, metric: str, name: str,
               strategies: list[str]) -> Figure:
    """One swept parameter: mean `metric` against it with each point's 95% CI, one line
    per strategy (a log axis when the values span a factor of ten or more)."""
    fig, (ax,) = figure(8, 4.2)
    cur = currency_of(runs)
    for i, strategy in enumerate(strategies):
        frame = with_point_means(design, runs, metric, strategy).sort_values(name)
        half = point_half_widths(runs, metric, strategy, frame.point)
        ax.errorbar(frame[name], frame[metric], yerr=np.nan_to_num(half), fmt="o-",
                    capsize=3, color=COLORS[i % len(COLORS)], label=strategy_words(strategy))
    values = design[name]
    if (values > 0).all() and values.max() >= 10 * values.min():
        ax.set_xscale("log")
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_minor_formatter(NullFormatter())
        value_axis(ax.xaxis, is_money(parameter_unit(name)), cur)
    ax.set_xlabel(parameter_label(name, cur))
    ax.set_ylabel(f"{metric_label(metric, cur)}\n(mean, 95% CI over replications)")
    value_axis(ax.yaxis, record(metric).money, cur)
    ax.legend(fontsize=8)
    return fig


def case_bars(runs: pd.DataFrame, metric: str) -> Figure:
    """Mean `metric` per listed case, one bar per strategy, with 95% CI (t) bars."""
    table = runs.groupby(["case", "strategy"], sort=False)[metric].agg(["mean", "sem", "count"])
    cases = list(dict.fromkeys(runs.case))
    strategies = list(dict.fromkeys(runs.strategy))
    fig, (ax,) = figure(10, 0.3 * len(cases) * len(strategies) + 1.5)
    height = 0.8 / len(strategies)
    for i, strategy in enumerate(strategies):
        rows = table.xs(strategy, level="strategy").reindex(cases)
        err = 1.96 * rows["sem"].fillna(0)
        ax.barh(np.arange(len(cases)) + i * height, rows["mean"], height, xerr=err,
                color=COLORS[i % len(COLORS)], label=strategy_words(strategy), capsize=2)
    ax.set_yticks(np.arange(len(cases)) + 0.4 - height / 2, cases)
    ax.invert_yaxis()
    cur = currency_of(runs)
    value_axis(ax.xaxis, record(metric).money, cur)
    ax.set_xlabel(metric_label(metric, cur))
    ax.legend(fontsize=8)
    return fig


def ranking_bars(tables: dict[str, pd.DataFrame], index_name: str) -> Figure:
    """Parameter rankings (one panel per metric) with confidence bars. Indices cannot be
    negative: a bar's error bar stops at zero (an estimate below zero means 'no effect
    found'), and the figure says so. A setting whose interval reaches zero is within
    noise of no effect: drawn pale and hatched, not as a finding."""
    fig, axes = figure(6.5 * len(tables), 0.45 * max(len(t) for t in tables.values()) + 2.4,
                       cols=len(tables))
    for ax, (metric, table) in zip(axes, tables.items()):
        y = np.arange(len(table))
        index = table["index"].clip(lower=0).to_numpy()
        conf = table["conf"].fillna(0).to_numpy()
        clear = [clear_of_zero(i - c, i + c) for i, c in zip(index, conf)]
        ax.barh(y, index, xerr=[np.minimum(conf, index), conf], capsize=3,
                color=[COLORS[0] if c else "#c9d3e6" for c in clear],
                hatch=["" if c else "//" for c in clear], edgecolor="white")
        ax.set_yticks(y, [parameter_label(n) for n in table.parameter])
        ax.invert_yaxis()
        ax.set_xlim(left=0)
        ax.set_title(metric_label(metric), fontsize=10)
        ax.set_xlabel(f"{index_name}\n(higher = matters more; error bars stop at 0)")
    fig.legend(handles=[Patch(color=COLORS[0], label="matters (95% interval clear of zero)"),
                        Patch(facecolor="#c9d3e6", edgecolor="white", hatch="//",
                              label="within noise of no effect")],
               loc="outside lower center", ncols=2, fontsize=8)
    return fig


def flip_curve(table: pd.DataFrame, parameter: str, challenger: str, incumbent: str,
               metric: str, log: bool, currency: str = "", today: float | None = None) -> Figure:
    """Challenger minus incumbent at each evaluated value, with 95% CI. Points are joined
    only when there are enough of them to suggest a curve (three or more); a dashed
    line marks today's value."""
    fig, (ax,) = figure(8, 4.2)
    table = table.sort_values("value")
    err = np.vstack([table["diff"] - table.ci_low, table.ci_high - table["diff"]])
    ax.errorbar(table.value, table["diff"], yerr=err, fmt="o-" if len(table) >= 3 else "o",
                color=COLORS[0], capsize=3)
    ax.axhline(0, color="black", lw=0.8)
    value_axis(ax.yaxis, record(metric).money, currency)
    if today is not None:
        ax.axvline(today, color="grey", ls="--", lw=1,
                   label=f"today: {parameter_value(parameter, today, currency)}")
        ax.legend(fontsize=8)
    if log:
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        value_axis(ax.xaxis, is_money(parameter_unit(parameter)), currency)
    ax.set_xlabel(parameter_label(parameter, currency))
    ax.set_ylabel(f"{metric_label(metric, currency)}: {strategy_words(challenger)}\n"
                  f"minus {strategy_words(incumbent)} (95% CI)")
    if len(table) < 3:
        ax.set_title("only the two ends were evaluated: the mean difference has the same sign "
                     "at both", fontsize=9)
    return fig


def lost_customer_parts(table: pd.DataFrame, parts: dict[str, str],
                        variants: dict[str, str], currency: str = "") -> Figure:
    """The cost of one lost customer, split into parts, per way of leaving."""
    fig, (ax,) = figure(9, 4.2)
    height = 0.8 / len(variants)
    for i, (variant, words) in enumerate(variants.items()):
        rows = table[table.variant == variant].set_index("part").loc[list(parts)]
        err = np.vstack([rows["mean"] - rows.ci_low, rows.ci_high - rows["mean"]])
        noisy = [not clear_of_zero(lo, hi) for lo, hi in zip(rows.ci_low, rows.ci_high)]
        ax.barh(np.arange(len(parts)) + i * height, rows["mean"], height, xerr=err,
                color=COLORS[i], label=words, capsize=3, edgecolor="white",
                hatch=["//" if n else "" for n in noisy])
    ax.set_yticks(np.arange(len(parts)) + 0.4 - height / 2, list(parts.values()))
    ax.axvline(0, color="black", lw=0.8)
    ax.invert_yaxis()
    ax.set_xlabel(f"{metric_label('profit_npv', currency)} lost per lost customer "
                  "(mean, 95% CI; hatched: within noise of zero)")
    money_axis(ax.xaxis, currency)
    ax.legend(fontsize=8)
    return fig


def lost_customer_trace(steps: pd.DataFrame, at_month: float | None = None) -> Figure:
    """Customers missing after the loss (control minus each variant, paired by
    replication), over time: the mean with its 95% CI band; `at_month` marks the loss."""
    wide = steps.pivot_table(index=["run_id", "month"], columns="variant", values="customers")
    fig, (ax,) = figure(8, 4.2)
    variants = [v for v in VARIANT_WORDS if v in wide.columns]
    for i, variant in enumerate(variants):
        gap = (wide["control"] - wide[variant]).groupby("month")
        band = np.array([t_interval(g.to_numpy()) for _, g in gap])
        months = np.array(list(gap.groups))
        ax.fill_between(months, band[:, 1], band[:, 2], color=COLORS[i], alpha=0.2, lw=0)
        ax.plot(months, band[:, 0], color=COLORS[i], label=VARIANT_WORDS[variant])
    ax.axhline(0, color="black", lw=0.8)
    if at_month is not None:
        ax.axvline(at_month, color="grey", ls="--", lw=1, label="the customers are lost")
    ax.set_xlabel("month")
    ax.set_ylabel("customers missing against the untouched\nmarket (people, mean per "
                  "replication, 95% CI)")
    ax.legend(fontsize=8)
    return fig
