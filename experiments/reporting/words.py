"""Words and number formats for what Ripple prints: strategy, parameter and metric names a
strategist reads, and the one money renderer (thousands separators, whole units, the
scenario's currency). Parameter labels and units come from the parameter declarations
(`simulation.parameters.fields.param`), metric words and units from `scenarios.metrics`."""

from __future__ import annotations

import dataclasses
import math

from experiments.scenarios.metrics import MONEY, is_money, metric, words_of
from simulation.parameters.groups import GROUPS, EconomicsParams
from simulation.parameters.segments import SEGMENT_LABELS

CURRENCY = EconomicsParams().currency   # money's unit when a scenario names none

STRATEGY_WORDS = {"baseline": "no extra spending", "fast_resolution": "complaint resolution",
                  "front_line": "front-line empowerment",
                  "easier_complaining": "easier complaining", "service_quality": "service quality",
                  "follow_up": "follow-up", "acquisition": "acquisition",
                  "referral_incentive": "referral rewards", "save_desk": "save desk"}
CAUSE_WORDS = {"death": "died", "moving": "moved away", "taste_change": "changed taste",
               "friend_recommendation": "followed a friend to a rival",
               "better_deal": "found a better deal",
               "product_dissatisfaction": "unhappy with the product",
               "staff_indifference": "staff indifference"}
PRESET_WORDS = {"folklore": "rules of thumb", "evidence": "published evidence"}
CHANNEL_WORDS = {"initial": "customers at the start", "advertising": "won by advertising",
                 "paid": "bought (paid acquisition)", "referral": "referred by a friend",
                 "referral / paid": "referred / bought (ratio)"}
VARIANT_WORDS = {"quiet": "quiet leaver (moves away)", "enemy": "angry leaver (enemy)"}
LOSS_WORDS = words_of("loss")
# A sweep design's importance index in words, and the SALib method that computes it.
_ALONE, _FAST = "share of the outcome's spread it drives alone", "RBD-FAST first-order indices"
IMPORTANCE_WORDS = {
    "sobol": ("share of the outcome's spread it drives, alone or with others",
              "Sobol total-effect indices"),
    "morris": ("average effect over its range (scaled to 0-1)", "Morris screening (mu*)"),
    "grid": (_ALONE, _FAST), "random": (_ALONE, _FAST), "latin": (_ALONE, _FAST)}
# A strategy's budget is no model parameter, but flip searches and axes name it like one.
_FIELDS = {"budget": {"label": "budget", "unit": "money a month"},
           **{f.name: f.metadata for cls in GROUPS.values() for f in dataclasses.fields(cls)}}
_UNSAID_UNITS = ("", "-", "share", "chance", "text", "choice", "on/off", "currency code")


def parameter_unit(name: str) -> str:
    """A parameter's declared unit ('money a month', 'days', ...; '' when unknown)."""
    return _FIELDS.get(name, {}).get("unit", "")


def parameter_label(name: str, currency: str = "") -> str:
    """A parameter as an axis label or table row: 'ad budget (EUR a month)', 'days to
    resolve a complaint'. The unit is added when the label does not already say it."""
    words = _FIELDS.get(name, {}).get("label") or name.replace("_", " ")
    unit = parameter_unit(name)
    if is_money(unit):
        unit = (currency or CURRENCY) + unit.removeprefix(MONEY)
    if unit in _UNSAID_UNITS or unit in words:
        return words
    return f"{words} ({unit})"


def parameter_words(name: str) -> str:
    """A parameter inside a sentence: 'the acquisition cost per customer' (no unit)."""
    return "the " + (_FIELDS.get(name, {}).get("label") or name.replace("_", " "))


def parameter_value(name: str, value: float, currency: str = "") -> str:
    """A parameter's value with its unit: 'EUR 300' for money, '12.5' otherwise."""
    return money(value, currency=currency) if is_money(parameter_unit(name)) else num(value)


def index_words(design: str) -> str:
    """What a sweep design's importance index measures: 'share of the outcome's spread...'."""
    return IMPORTANCE_WORDS[design][0]


def method_words(design: str) -> str:
    """The method behind a design's importance index: 'Sobol total-effect indices'."""
    return IMPORTANCE_WORDS[design][1]


def preset_words(preset: str) -> str:
    """Which figures a preset believes: 'rules of thumb', 'published evidence'."""
    return PRESET_WORDS.get(preset, preset.replace("_", " "))


def cause_words(cause: str) -> str:
    return CAUSE_WORDS.get(cause, cause.replace("_", " "))


def group_words(view: str, group: str) -> str:
    """A group of customers in words: an acquisition channel, a segment, a cohort."""
    if view == "channel":
        return CHANNEL_WORDS.get(group, group)
    if view == "segment":
        return SEGMENT_LABELS.get(group, group)
    return group


def column_words(column: str) -> str:
    """A per-month column in words ('profit so far, discounted')."""
    return metric(column, "month").words


def strategy_words(label: str) -> str:
    """'service_quality:reliability' -> 'service quality (reliability)';
    'follow_up@business' -> 'follow-up for business accounts'."""
    aimed, _, segment = label.partition("@")
    name, _, dimension = aimed.partition(":")
    if name not in STRATEGY_WORDS or (segment and segment not in SEGMENT_LABELS):
        return label
    words = f"{STRATEGY_WORDS[name]} ({dimension})" if dimension else STRATEGY_WORDS[name]
    return f"{words} for {SEGMENT_LABELS[segment]}" if segment else words


def metric_words(name: str) -> str:
    return metric(name).words


def metric_label(name: str, currency: str = "", family: str = "result") -> str:
    """A metric as an axis label, with its unit: 'profit NPV (EUR)'."""
    m = metric(name, family)
    unit = (currency or CURRENCY) if m.money else m.unit
    return f"{m.words} ({unit})" if unit else m.words


def num(x: float, signed: bool = False, digits: int = 0) -> str:
    """A number for people: thousands separators, sensible precision ('12.50', '1,204',
    '0.002': at least one significant digit, so a small value never reads '0.00'); with
    `digits`, that many significant digits below 1,000 ('0.1234', '2,031', '∞'), as the
    validation report shows measured values."""
    if x is None or math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    sign = "+" if signed else ""
    if abs(x) >= (1000 if digits else 100):
        return f"{x:{sign},.0f}"
    if digits:
        return f"{x:{sign}.{digits}g}"
    decimals = max(2, -math.floor(math.log10(abs(x)))) if x else 2
    return f"{x:{sign}.{decimals}f}"


def count(n: float, one: str, many: str) -> str:
    """'1 enemy', '12 enemies', '1,204 people': whole people."""
    n = int(round(n))
    return f"{n:,} {one if n == 1 else many}"


def money(x: float, signed: bool = False, currency: str = "", decimals: int = 0) -> str:
    """The one money renderer: '$12,300', '-$4,100', '+$236,274' when `signed`, 'EUR 12,300'
    and '+EUR 1,200' for a currency code; whole units unless `decimals` asks for a rate's
    cents ('$14.27 a customer-month'). `currency` is the scenario's `economics.currency`
    (the default symbol when empty)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    whole = round(x, decimals)
    sign = "-" if whole < 0 else ("+" if signed else "")
    unit = currency or CURRENCY
    return f"{sign}{unit}{'' if len(unit) == 1 else ' '}{abs(whole):,.{decimals}f}"


def money_interval(mean: float, low: float, high: float, currency: str = "") -> str:
    """'+$1,200 [-$300; +$2,700]', '+EUR 1,200 [-EUR 300; +EUR 2,700]'."""
    return (f"{money(mean, True, currency)} [{money(low, True, currency)}; "
            f"{money(high, True, currency)}]")


def interval(mean: float, low: float, high: float, signed: bool = True) -> str:
    """'+12.30 [+4.10; +20.50]': a number that is not money, with its interval."""
    return f"{num(mean, signed)} [{num(low, signed)}; {num(high, signed)}]"


def amount(value: float, name: str, signed: bool = False, currency: str = "",
           family: str = "result") -> str:
    """A value of a metric in its unit: money with the currency, people as whole people,
    shares as percentages."""
    m = metric(name, family)
    plus = "+" if signed else ""
    if m.money:
        return money(value, signed, currency)
    if "share" in m.unit:
        return f"{value:{plus}.1%}"
    if m.unit in ("people", "a count", "messages"):
        return f"{value:{plus},.0f}"
    if m.unit == "-100 to +100":
        return f"{value:+.0f}"
    return num(value, signed)


def difference_text(mean: float, low: float, high: float, name: str, currency: str = "") -> str:
    """'+$1,200 [-$300; +$2,700]' in the metric's unit."""
    return (f"{amount(mean, name, True, currency)} [{amount(low, name, True, currency)}; "
            f"{amount(high, name, True, currency)}]")
