"""``qfdkpi monitor`` end to end in both languages: what got worse and since when, themes per
touchpoint without personal data, sleeping clients, the bottleneck and the lead; sections
without data say so; a workbook without waves is refused with a located message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from cli import build_cli
from workbooks.examples import monitoring as example
from workbooks.project import load_project

MONITORING = EXAMPLE.parent / example.WORKBOOK


def _run(*args: str, lang: str = "ru"):
    return CliRunner().invoke(build_cli(lang), list(args))


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ru", ("хуже с 2025-08", "Узкое место: «Диагностика»", "Крупнейшие «уснувшие»", "да")),
        ("en", ("worse since 2025-08", "Bottleneck: 'Диагностика'", "Largest sleeping", "yes")),
    ],
)
def test_monitor_tells_what_got_worse_and_since_when(lang, words):
    done = _run("--lang", lang, "monitor", str(MONITORING), lang=lang)
    assert done.exit_code == 0, done.output
    out = done.output
    for word in words:
        assert word in out
    # the project's name heads the report (here the file's stem: the example names none)
    title = load_project(MONITORING).title
    assert ("«{}»:" if lang == "ru" else "'{}':").format(title) in out
    truth = example.TRUTH
    flagged = [line for line in out.splitlines() if line.strip().startswith("▼ TP")]
    assert len(flagged) == 1 and truth["deterioration"]["touchpoint"] in flagged[0]
    assert truth["lead"]["kpi"] in out and truth["rework"] in out
    assert not any(token in out for token in example.PERSONAL_TOKENS)


def test_an_english_project_without_transactions_or_log_says_what_it_lacks(tmp_path):
    (path,) = example.build(tmp_path, lang="en", waves=8)
    done = _run("--lang", "en", "monitor", str(path), lang="en")
    assert done.exit_code == 0, done.output
    assert "no transactions" in done.output
    assert "no event log given" in done.output
    assert "no monthly operational data" in done.output
    assert "Comment themes:" in done.output and "critics" in done.output
    # no --lang: the workbook's «Language = en» speaks, the same report
    plain = _run("monitor", str(path))
    assert plain.exit_code == 0 and plain.output == done.output


def test_a_workbook_without_waves_is_refused_with_the_cell():
    done = _run("monitor", str(EXAMPLE))
    assert done.exit_code == 1
    assert "Интервью!A1" in done.output and "«Волна»" in done.output
