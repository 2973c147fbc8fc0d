"""One catalogue for every sentence a user reads, in both languages, formatted by the locale."""

from __future__ import annotations

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from workbooks.locale import CATALOGUE, date, note_text, number, percent, plural, tr

ROOT = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile("[А-Яа-яЁё]")
# Vocabulary the tool *accepts* (header spellings, enumeration words, missing-answer words, the
# example's data) is not a sentence to translate: these modules may hold Russian words.
VOCABULARY = {
    "workbooks/project/schema.py",
    "workbooks/project/values.py",
    "workbooks/examples/generate.py",
    "workbooks/examples/shapes.py",
    "workbooks/examples/journey_example.py",
    "workbooks/project/journey_schema.py",  # sheet and column names, rule words
    "kpi_tree/data_audit.py",  # words that recognise kinds of IT systems («1с», «учет»…)
    "workbooks/deliverables/fitting.py",  # a font's letter widths, Cyrillic letters included
    "workbooks/project/monitoring_schema.py",  # monitoring sheets, settings, months as words
    "workbooks/examples/monitoring.py",  # the monitoring example's data
    "qfd/monitoring/stopwords.py",  # stop words of the comment analysis
}
# Modules still being moved into the catalogue (issue 12); each entry is a debt to pay off.
PENDING: set[str] = set()


def _sources():
    for package in ("qfd", "kpi_tree", "workbooks"):
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if not rel.startswith("workbooks/locale/"):
                yield rel, ast.parse(path.read_text(encoding="utf-8"))
    yield "cli.py", ast.parse((ROOT / "cli.py").read_text(encoding="utf-8"))


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_both_languages_use_the_same_placeholders():
    mismatched = [k for k, (ru, en) in CATALOGUE.items() if _fields(ru) != _fields(en)]
    assert mismatched == []


def test_no_user_text_outside_the_catalogue():
    offenders = []
    for rel, tree in _sources():
        if rel in VOCABULARY or rel in PENDING:
            continue
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and CYRILLIC.search(node.value)
            ):
                offenders.append(f"{rel}:{node.lineno} {node.value[:40]!r}")
            # language decided by a branch instead of the catalogue
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in ("ru", "en") for c in node.comparators
            ):
                left = node.left
                if getattr(left, "id", getattr(left, "attr", "")) in ("lang", "language"):
                    offenders.append(f"{rel}:{node.lineno} compares the language")
    assert offenders == []


def _literal_first_args(call_names: set[str]):
    for rel, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0]
                if name in call_names and isinstance(first, ast.Constant):
                    if isinstance(first.value, str):
                        yield rel, node.lineno, first.value


def test_every_key_used_in_the_code_has_its_sentence():
    used = list(_literal_first_args({"note", "AnalysisError", "OutputError", "tr", "words"}))
    assert len(used) > 50  # the scan sees the code
    unknown = [f"{rel}:{line} {key}" for rel, line, key in used if key not in CATALOGUE]
    assert unknown == []


@pytest.mark.parametrize(
    "lang, expected",
    [
        (
            "ru",
            [
                "76\xa0710\xa0913",
                "23,7\xa0%",
                "43 респондента",
                "2 проблемы",
                "31 дек. 2025\u202fг.",
            ],
        ),
        ("en", ["76,710,913", "23.7%", "43 respondents", "2 problems", "Dec 31, 2025"]),
    ],
)
def test_numbers_percents_plurals_and_dates_follow_the_language(lang, expected):
    forms = {
        "ru": ("респондент", "респондента", "респондентов"),
        "en": ("respondent", "respondents"),
    }
    problems = {"ru": ("проблема", "проблемы", "проблем"), "en": ("problem", "problems")}
    got = [
        number(76_710_913, lang),
        percent(0.237, lang, 1),
        f"43 {plural(43, forms[lang], lang)}",
        f"2 {plural(2, problems[lang], lang)}",
        date(dt.date(2025, 12, 31), lang),
    ]
    assert got == expected


def test_templates_render_numbers_by_the_locale():
    # the Python format spec in a template is rendered by Babel, not by str.format
    assert tr("warnings_header", "ru", n=21) == "21 предупреждение:"
    assert tr("warnings_header", "ru", n=5) == "5 предупреждений:"
    assert tr("warnings_header", "en", n=1) == "1 warning:"
    from qfd.notes import note

    text = note_text(note("collinearity", name="TP01", vif=12.34, limit=10.0), "ru")
    assert "12,3" in text and "12.3" not in text
