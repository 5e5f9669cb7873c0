"""What is declared once stays declared once: a source scan of experiments/.

Money is written by the one renderer (reporting/words.money), so no other module puts a
currency symbol before a number; whether an interval is clear of zero is decided by the
one test (analysis/stats.clear_of_zero and its verdict), so no other module compares an
interval's bound with 0. Each rule is checked on a sample that breaks it, so the scan
cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "experiments"
MONEY_HOME = ROOT / "reporting" / "words.py"
NOISE_HOME = ROOT / "analysis" / "stats.py"
SYMBOL = "$€£¥"
# A currency symbol written before a number or a formatted value: "$1,200", f"${x:,.0f}".
SYMBOL_BEFORE_NUMBER = re.compile(rf"[{SYMBOL}]\s?-?[0-9]")
# A name that holds an interval's bound: low, high, ci_low, ci_high, lower, upper.
BOUND = re.compile(r"(^|_)(low|high|lower|upper)$")


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _escapes(tree: ast.AST) -> set[int]:
    """String constants that are arguments of `.replace(...)` (escaping '$' for mathtext)."""
    return {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "replace"
            for arg in node.args}


def money_written_by_hand(source: str) -> list[str]:
    """Lines that put a currency symbol before a number, outside docstrings: a literal
    symbol on its own, one before digits, or one just before an f-string's value."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _escapes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            for text, after in zip(parts, parts[1:]):
                if (isinstance(text, ast.Constant) and isinstance(after, ast.FormattedValue)
                        and text.value.rstrip(" ")[-1:] in tuple(SYMBOL)):
                    found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skip
              and (node.value.strip() in tuple(SYMBOL) or SYMBOL_BEFORE_NUMBER.search(node.value))):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        return str(key.value) if isinstance(key, ast.Constant) else _name(node.value)
    return ""


def bounds_compared_with_zero(source: str) -> list[str]:
    """Comparisons of an interval's bound with 0 (`low > 0`, `d.high < 0`, `e["ci_low"] > 0`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare) or not all(
                isinstance(op, (ast.Lt, ast.Gt, ast.LtE, ast.GtE)) for op in node.ops):
            continue        # equality (a lever's bound == 0) is no verdict
        sides = [node.left, *node.comparators]
        zero = [s for s in sides if isinstance(s, ast.Constant) and type(s.value) in (int, float)
                and s.value == 0]
        if zero and any(BOUND.search(_name(s)) for s in sides):
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def _modules(home: Path) -> list[Path]:
    return [p for p in sorted(ROOT.rglob("*.py")) if p != home]


@pytest.mark.parametrize("sample, caught", [
    ('x = f"${value:,.0f}"', True), ('x = "$" + str(v)', True), ('x = "costs €1,200"', True),
    ('x = f"{money(v)} a month"', False), ('y = text.replace("$", r"\\$")', False),
    ('def f():\n    """Prints \'$1,200\'."""', False)])
def test_the_money_scan_catches_a_symbol_written_by_hand(sample, caught):
    assert bool(money_written_by_hand(sample)) is caught


@pytest.mark.parametrize("sample, caught", [
    ("ok = d.low > 0", True), ("ok = high < 0.0", True), ('ok = e["ci_low"] > 0', True),
    ("ok = 0 >= self.gain_high", True), ("ok = n_low > 2", False), ("ok = share > 0", False),
    ("kept = self.high == 0.0", False)])
def test_the_noise_scan_catches_a_bound_compared_with_zero(sample, caught):
    assert bool(bounds_compared_with_zero(sample)) is caught


def test_money_is_written_only_by_the_one_renderer():
    offenders = {str(p.relative_to(ROOT.parent)): hits for p in _modules(MONEY_HOME)
                 if (hits := money_written_by_hand(p.read_text()))}
    assert not offenders, f"use reporting.words.money/amount with the scenario's currency: {offenders}"


def test_clear_of_zero_is_decided_only_in_stats():
    offenders = {str(p.relative_to(ROOT.parent)): hits for p in _modules(NOISE_HOME)
                 if (hits := bounds_compared_with_zero(p.read_text()))}
    assert not offenders, f"use analysis.stats.clear_of_zero/verdict: {offenders}"
    assert bounds_compared_with_zero(NOISE_HOME.read_text())   # the one home does decide it
