"""Customers over every replication of a comparison, as a result that renders itself:
retention by cohort, segment and acquisition channel, the lifetime-value distribution,
value by channel and loyalty against profit (`.text()`, `.channel_table()`, the figures),
and the report section that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from experiments.analysis.customer_profiles import (
    channel_values,
    loyalty,
    retention_curves,
    value_histogram,
    yearly_retention,
)
from experiments.execution.customer_profile import INITIAL
from experiments.execution.storage import ResultStore
from experiments.reporting.document import Section
from experiments.reporting.plots import customers as plots
from experiments.reporting.words import CURRENCY, group_words, money, strategy_words

YEARS = (12, 24, 36, 48, 60)
PUBLISHED_LOYALTY = (0.20, 0.45)   # Reinartz & Kumar 2002: four firms, 16,000 customers
PUBLISHED_REFERRAL = 1.16          # Schmitt, Skiera & Van den Bulte 2011: at least 16% more


def _share(low: float, mid: float, high: float) -> str:
    return f"{mid:.0%} ({low:.0%}-{high:.0%})"


@dataclass
class Customers:
    """The customer profiles of a comparison's runs (`ResultStore.profiles()`)."""

    profiles: pd.DataFrame
    runs: pd.DataFrame
    currency: str = ""

    @property
    def reference(self) -> str:
        return str(self.runs.strategy.iloc[0])

    @property
    def replications(self) -> int:
        return int(self.runs.replication.nunique())

    def curves(self, view: str) -> pd.DataFrame:
        return retention_curves(self.profiles, self.runs, view)

    @cached_property
    def channels(self) -> pd.DataFrame:
        return channel_values(self.profiles, self.runs)

    @cached_property
    def loyalty(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        return loyalty(self.profiles, self.runs)

    def views(self) -> list[str]:
        return [v for v in ("segment", "channel") if (self.profiles.view == v).any()]

    def cohort_sentence(self) -> str:
        """The reference strategy's initial customers still there after each year."""
        curve = self.curves("cohort")
        own = curve[(curve.strategy == self.reference) & (curve.group == INITIAL)]
        at = own[own.months.isin(YEARS)]
        kept = ", ".join(f"{_share(r.low, r.median, r.high)} after {r.months / 12:g} "
                         f"year{'s' if r.months > 12 else ''}" for r in at.itertuples())
        yearly = yearly_retention(self.profiles, self.runs, INITIAL)
        yearly = yearly[yearly.strategy == self.reference]
        each = ", ".join(f"{r.median:.1%}" for r in yearly.itertuples())
        year_on_year = (f" Of those still there at the start of each year, the share kept "
                        f"through it: {each} (year 1 on; rising means the customers most "
                        "likely to leave went first)." if len(yearly) > 1 else "")
        return (f"Of the customers at the start ({strategy_words(self.reference)}), "
                f"{kept} are still customers (median over {self.replications} replications, "
                "the middle 90% in brackets)." + year_on_year) if kept else ""

    def segment_sentence(self) -> str:
        """Each segment's customers still there a year after they were won."""
        if "segment" not in self.views():
            return ""
        curve = self.curves("segment")
        own = curve[(curve.strategy == self.reference) & (curve.months == 12)]
        parts = [f"{group_words('segment', r.group)} {_share(r.low, r.median, r.high)}"
                 for r in own.itertuples()]
        return ("A year after they were won, still customers: " + ", ".join(parts)
                + f" ({strategy_words(self.reference)}).") if parts else ""

    def referral_sentence(self) -> str:
        ratio = self.channels[(self.channels.strategy == self.reference)
                              & (self.channels.channel == "referral / paid")]
        if ratio.empty:
            return ""
        r = ratio.iloc[0]
        return (f"A referred customer's lifetime value so far is {r['mean']:.2f} times a bought "
                f"one's (95% CI {r.ci_low:.2f} to {r.ci_high:.2f}; "
                f"{strategy_words(self.reference)}; customers won at different times, so "
                f"tenures differ); published: at least {PUBLISHED_REFERRAL:.2f} (a bank's "
                "customers, Schmitt, Skiera & Van den Bulte 2011).")

    def loyalty_sentence(self) -> str:
        _, table = self.loyalty
        if table.empty:
            return ""
        r = table.iloc[0]
        low, high = PUBLISHED_LOYALTY
        where = ("inside" if low <= r.ci_low and r.ci_high <= high else
                 "above" if r.ci_low > high else "below" if r.ci_high < low else "overlapping")
        why = (" (customers here spend alike, so value grows with every month kept)"
               if r.ci_low > 0.95 else "")
        return (f"Loyalty and profit: months as a customer and lifetime value correlate at "
                f"{r.correlation:.2f} (95% CI {r.ci_low:.2f} to {r.ci_high:.2f}; "
                f"{strategy_words(r.strategy)}), {where} the {low:.2f}-{high:.2f} published "
                f"across four firms (Reinartz & Kumar 2002){why}.")

    def text(self) -> str:
        lines = [self.cohort_sentence(), self.segment_sentence(), self.referral_sentence(),
                 self.loyalty_sentence()]
        return "\n".join(line for line in lines if line)

    def _money(self, x: float) -> str:
        return money(x, currency=self.currency)

    def channel_table(self) -> pd.DataFrame:
        """Mean lifetime value per customer [95% CI]: one row per channel, one column per
        strategy, and the reference strategy's customers per replication."""
        rows = self.channels[self.channels.channel != "referral / paid"]
        cells = rows.assign(cell=[f"{self._money(r.mean)} [{self._money(r.ci_low)}; "
                                  f"{self._money(r.ci_high)}]" for r in rows.itertuples()])
        wide = cells.pivot(index="channel", columns="strategy", values="cell")
        channels = list(dict.fromkeys(rows.channel))
        strategies = list(dict.fromkeys(rows.strategy))
        own = rows[rows.strategy == self.reference].set_index("channel").customers
        return pd.DataFrame({
            "won": [group_words("channel", c) for c in channels],
            **{strategy_words(s): wide.loc[channels, s].to_list() for s in strategies},
            f"customers per replication ({strategy_words(self.reference)})": [
                f"{own.get(c, float('nan')):,.0f}" for c in channels]})

    def save_figures(self, sec: Section, out: Path) -> None:
        n = self.replications
        sec.save(plots.cohort_retention(self.curves("cohort"), self.curves("all"),
                                        self.reference, n), out, "cohort_retention.png",
                 f"retention by year of acquisition and by strategy (all {n} replications)")
        views = self.views()
        if views:
            sec.save(plots.group_retention({v: self.curves(v) for v in views},
                                           self.reference, n), out, "segment_retention.png",
                     "retention by " + " and by ".join(
                         {"segment": "segment", "channel": "acquisition channel"}[v]
                         for v in views) + f" (all {n} replications)")
        sec.save(plots.clv_distribution(value_histogram(self.profiles, self.runs),
                                        self.currency, n), out, "clv_distribution.png",
                 f"distribution of customer lifetime value (all {n} replications)")
        sec.save(plots.value_by_channel(self.channels, self.currency), out,
                 "value_by_channel.png", "customer lifetime value by acquisition channel")
        points, table = self.loyalty
        if not table.empty:
            first = table.iloc[0]
            sec.save(plots.loyalty_scatter(points[points.strategy == first.strategy], first,
                                           self.currency), out, "loyalty_profit.png",
                     "months as a customer against lifetime value (loyalty and profit)")


def customers_text(folder: Path, runs: pd.DataFrame, currency: str) -> str:
    """The terminal's lines on customers over all replications of a stored comparison."""
    profiles = ResultStore.open(folder).profiles()
    if profiles.empty:
        return ""
    return "Customers over all replications:\n  " + Customers(
        profiles, runs, currency).text().replace("\n", "\n  ")


def customer_section(profiles: pd.DataFrame, runs: pd.DataFrame, currency: str,
                     out: Path) -> Section | None:
    """The report's section on customers (None for results stored without profiles)."""
    if profiles.empty:
        return None
    result = Customers(profiles, runs, currency)
    sec = Section("Customers over all replications", [
        line for line in result.text().splitlines()])
    sec.text.append("Lifetime value is the discounted margin a customer has brought so far "
                    f"({currency or CURRENCY} of today's money), "
                    "before what winning and keeping them cost.")
    sec.tables.append(("mean lifetime value so far by how customers were won [95% CI over "
                       "replications]", result.channel_table()))
    result.save_figures(sec, out)
    return sec
