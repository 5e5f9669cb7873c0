"""Every number Ripple reports, declared once: its name, the words a reader sees for it and
its unit. Tables, axes and sentences read these records; "is this money" is `Metric.money`
(money is shown in the scenario's currency).

Families: `result` (what a scenario compares), `month` (per-month columns), `loss` (the
cost of one lost customer, split), `part` (the parts of a profit NPV difference) and
`figure` (the figures a firm observes).
"""

from __future__ import annotations

from dataclasses import dataclass

from experiments.scenarios.cohort_curve import MAX_YEARS as COHORT_YEARS

MONEY = "money"


def is_money(unit: str) -> bool:
    """Whether a unit (a metric's, or a parameter's declared unit such as 'money a month')
    is counted in the scenario's currency: the one place this is decided."""
    return unit.startswith(MONEY)


@dataclass(frozen=True)
class Metric:
    """One reported number: `words` in a sentence or table, `unit` after it on an axis."""

    name: str
    words: str
    unit: str = ""
    family: str = "result"

    @property
    def money(self) -> bool:
        return is_money(self.unit)


def _family(family: str, unit: str, words: dict[str, str]) -> list[Metric]:
    return [Metric(name, text, unit, family) for name, text in words.items()]


_CAUSES = {"death": "who would have died", "moving": "who would have moved away",
           "taste_change": "who would have changed taste",
           "friend_recommendation": "who would have followed a friend out",
           "better_deal": "who would have left for a better deal",
           "product_dissatisfaction": "who would have left over the product",
           "staff_indifference": "who would have left over staff indifference"}

RECORDS: tuple[Metric, ...] = (
    Metric("profit_npv", "profit NPV", MONEY), Metric("profit", "profit", MONEY),
    Metric("revenue", "revenue", MONEY), Metric("customers", "customers at the end", "people"),
    Metric("retention", "retention", "share kept"),
    Metric("mean_clv", "mean customer lifetime value", MONEY),
    Metric("net_promoter", "net promoter score", "-100 to +100"),
    Metric("lost", "customers lost", "people"),
    Metric("wom_positive", "positive word-of-mouth messages", "messages"),
    Metric("wom_negative", "negative word-of-mouth messages", "messages"),
    Metric("wom_ratio", "positive messages per negative one"),
    Metric("complaints", "complaints", "a count"),
    Metric("recoveries", "recovered complaints", "a count"),
    Metric("promoters", "promoter share", "share"), Metric("detractors", "detractor share", "share"),
    # the focal firm's, in a market of several firms
    Metric("market_share", "market share", "share"),
    Metric("defections", "customers lost to a rival", "people"),
    Metric("disadoptions", "customers lost from the category", "people"),
    Metric("won_from_rivals", "customers won from rivals", "people"),
    Metric("praise", "praising messages", "messages"),
    Metric("bad_news", "critical messages", "messages"),
    *_family("month", "messages", {"positive_messages": "positive messages",
                                   "negative_messages": "negative messages"}),
    *_family("month", "people", {"customers": "customers",
                                 "prospects": "prospects (not yet customers)",
                                 "lost": "lost customers (all time)"}),
    Metric("npv", "profit so far, discounted", MONEY, "month"),
    *_family("loss", MONEY, {"own_margin": "own margin",
                             "referral_value": "referrals they would have brought",
                             "wom_ripple": "word-of-mouth ripple and rest",
                             "total": "total (profit NPV)"}),
    *_family("loss", "people", {"customers": "customers at the end",
                                "not_won": "new customers not won",
                                "friends_followed": "customers who followed them out"}),
    Metric("negative_messages", "extra negative messages", "messages", "loss"),
    *_family("part", MONEY, {
        "profit_npv": "profit NPV difference (sum of the money parts)",
        "gross_margin": "gross margin from customers",
        "margin_volume": "customer-months served x margin a customer-month",
        "margin_rate": "a different margin a customer-month",
        "costs_net": "all costs, net",
        "acquisition_cost": "acquisition spending (paid and advertising)",
        "retention_cost": "follow-up spending", "complaint_cost": "complaint handling costs",
        "frontline_cost": "front-line complaint costs",
        "referral_reward_cost": "referral rewards paid",
        "strategy_cost": "lever spending (speed, openness, quality)"}),
    Metric("customer_months", "customer-months served", "customer-months", "part"),
    *_family("part", "people", {
        **{f"kept_{cause}": f"customers kept {words}" for cause, words in _CAUSES.items()},
        "won_referral": "customers won by referral",
        "won_advertising": "customers won by advertising",
        "won_paid": "customers won by paid acquisition",
        "spared_bad_news": "prospects not lost to bad news (fewer rejecters)",
        "complaints": "extra complaints made", "handled": "extra complaints handled",
        "frontline_complaints": "extra complaints made at the front line",
        "frontline_resolved": "extra complaints resolved at the front line"}),
    *_family("figure", "per customer", {
        "gained_per_customer": "customers gained a year, per customer"}),
    *_family("figure", "share", {
        "referral_share": "share of the gained who came by referral",
        "churn_per_year": "share of customers lost in a year",
        "churn_per_month": "share of customers lost in a month",
        "resolved_within_week": "share of complaints resolved within a week",
        **{f"survey_{k}": f"share answering {k} of 5 in the survey" for k in range(1, 6)}}),
    *_family("figure", "per 1,000 customers", {
        "complaints_per_1000": "complaints a month per 1,000 customers (front line)",
        "escalated_per_1000": "escalated complaints a month per 1,000 customers"}),
    Metric("nps", "net promoter score", "-100 to +100", "figure"),
    *_family("figure", "share", {
        f"cohort_year_{k}": f"share of today's customers still customers after {k} "
                            f"year{'s' * (k > 1)}" for k in range(1, COHORT_YEARS + 1)}),
)
_BY_NAME = {(m.family, m.name): m for m in RECORDS}


def metric(name: str, family: str = "result") -> Metric:
    """The record of `name` in `family`; an undeclared name gets its own words, no unit."""
    return _BY_NAME.get((family, name)) or Metric(name, name.replace("_", " "), "", family)


def words_of(family: str) -> dict[str, str]:
    """Name -> words for every record of a family, in declaration order."""
    return {m.name: m.words for m in RECORDS if m.family == family}


# The figures of a market with several firms (reported by `compare` when it has them).
COMPETITION = ("market_share", "defections", "disadoptions", "won_from_rivals")
# Word of mouth by brand: messages about each firm, in a run table as firms_<name>_<talk>.
BRAND_TALK = ("praise", "bad_news")
# The names `metric = ...` accepts: every result but the message ratio, which is
# infinite in a market without bad word of mouth (reported, never compared), and the
# figures only a market of several firms has.
METRICS = tuple(m.name for m in RECORDS if m.family == "result"
                and m.name != "wom_ratio" and m.name not in COMPETITION + BRAND_TALK)
