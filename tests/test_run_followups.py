"""``qfdkpi run`` on a workbook with monitoring sheets (the bundled monitoring example): the
trend sheet flags exactly the planted deterioration, its CSI values match the interviews, the
TOR's alert section states the workbook's rule with its numbers, the dashboard and the deck show
the same flag; and on the audit example (journey sheets): the journey sheet shows the steps
removed and made proactive as recomputed here from the workbook's segment-paths sheet."""

from __future__ import annotations

import json
import re
from collections import defaultdict

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from docx import Document
from pptx import Presentation
from scipy import stats

from cli import build_cli
from workbooks.examples import monitoring as example
from workbooks.locale import words

MONITORING = EXAMPLE.parent / example.WORKBOOK
WORSE = "▼"


@pytest.fixture(scope="module")
def monitored(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(build_cli("ru"), ["run", str(MONITORING), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (out.parent / "stdout.txt").write_text(result.output, encoding="utf-8")
    return out


def _settings(path) -> dict:
    ws = openpyxl.load_workbook(path)["Настройки"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, values_only=True) if row[0]}


def _rows(ws) -> list[tuple]:
    return [tuple(c for c in row) for row in ws.iter_rows(values_only=True)]


def _tables(rows, first: str) -> list[int]:
    """Indexes of the header rows whose first cell is ``first``."""
    return [i for i, r in enumerate(rows) if r and r[0] == first]


def test_the_trend_sheet_flags_exactly_the_planted_touchpoint_from_its_month(monitored):
    truth = example.TRUTH["deterioration"]
    rows = _rows(openpyxl.load_workbook(monitored / "priorities.xlsx")["Тренд по волнам"])
    values_head, flags_head = _tables(rows, "Ряд")
    labels = [x for x in rows[flags_head][1:] if x and x != "Хуже с"]
    flagged = {}
    for r in rows[flags_head + 1 :]:
        if not r[0]:
            break
        waves = [labels[k] for k, x in enumerate(r[1 : 1 + len(labels)]) if x == WORSE]
        if waves:
            flagged[r[0]] = waves
    assert list(flagged) == [f"{truth['touchpoint']} Сроки поставки: CSI"]
    waves = flagged.popitem()[1]
    assert waves[0] == "2025-08" == labels[truth["from_wave"]]
    assert waves == labels[truth["from_wave"] :]  # still flagged in the latest wave

    # the CSI values of the planted touchpoint, recomputed from the interviews sheet
    ws = openpyxl.load_workbook(MONITORING)["Интервью"]
    iv = list(ws.iter_rows(values_only=True))
    wave_col, tp_col = iv[0].index("Волна"), iv[0].index(truth["touchpoint"])
    sat = defaultdict(list)
    for r in iv[2:]:
        x = r[tp_col + 1]
        if isinstance(x, (int, float)) and 1 <= x <= 5:
            sat[r[wave_col]].append(x)
    expected = [(np.mean(sat[w]) - 1) / 4 * 100 for w in labels]
    row = next(r for r in rows[values_head + 1 :] if str(r[0]).startswith(truth["touchpoint"]))
    assert np.allclose([float(x) for x in row[1 : 1 + len(labels)]], expected, atol=1e-9)


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_the_tor_alert_section_states_the_workbooks_rule_with_numbers(monitored):
    s = _settings(MONITORING)
    alpha, k = s["Уровень значимости предупреждений"], s["Базовых волн контрольной карты"]
    md = (monitored / "tor.md").read_text(encoding="utf-8")
    alert = _section(md, "4\\.2.2. Правило сигналов ухудшения", "4\\.3.")
    assert f"α = {str(alpha).replace('.', ',')}" in alert
    assert f"после {k} базовых волн" in alert
    assert "λ = 0,2" in alert and "±3σ" in alert and "не меньше 2 ответов" in alert
    assert "TP06 Сроки поставки: CSI: хуже с 2025-08" in alert
    # the thresholds quoted follow from the numbers quoted (normal approximation, Holm's first step)
    family = int(re.search(r"\((\d+) ряд", alert).group(1))
    n, sd, change, limit = re.search(
        r"CSI, (\d+) ответов в волне, SD ответа ([\d,]+)\).*?— ([\d,]+) пункта CSI.*?больше "
        r"([\d,]+) пункта",
        alert,
    ).groups()
    n, sd = int(n), float(sd.replace(",", "."))
    z = stats.norm.ppf(1 - alpha / family / 2)
    assert float(change.replace(",", ".")) == pytest.approx(z * sd * np.sqrt(2 / n), abs=0.2)
    lam = 0.2
    assert float(limit.replace(",", ".")) == pytest.approx(
        3 * sd / np.sqrt(n) * np.sqrt(lam / (2 - lam)), abs=0.1
    )
    doc = Document(monitored / "tor.docx")
    assert "4.2.2. Правило сигналов ухудшения" in [p.text for p in doc.paragraphs]
    # no journey sheets in this workbook: the TOR says what they would add, in one sentence
    journeys = _section(md, "4\\.2.1.", "4\\.2.2.")
    assert "Пути сегментов" in journeys and journeys.count("\n\n") <= 2


def test_the_dashboard_and_the_deck_show_the_same_flag(monitored):
    page = (monitored / "dashboard.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="data">(.*?)</script>', page, re.S).group(1))
    flagged = [r["label"] for r in data["trend"]["rows"] if any(r["worse"])]
    assert flagged == ["TP06 Сроки поставки: CSI"]
    assert data["paths"] is None and data["themes"]["rows"]
    themes = data["themes"]["rows"]
    assert all(1 <= len(t["quotes"]) <= 2 for t in themes)
    assert not re.search(r"\S+@\S+\.\w+", json.dumps(themes, ensure_ascii=False))  # masked
    texts = [
        shape.text_frame.text
        for slide in Presentation(monitored / "presentation.pptx").slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert words("slide_monitoring_title", "ru") in texts
    assert any("\n▼ TP06 Сроки поставки: CSI: хуже с 2025-08" in t for t in texts)


def test_the_terminal_summary_names_the_flag(monitored):
    output = (monitored.parent / "stdout.txt").read_text(encoding="utf-8")
    assert "Мониторинг, 12 волн: TP06 Сроки поставки: CSI: хуже с 2025-08\n" in output


def test_the_themes_and_retention_sheets_are_filled(monitored):
    wb = openpyxl.load_workbook(monitored / "priorities.xlsx")
    themes = _rows(wb["Темы комментариев"])
    head = _tables(themes, "Тема")[0]
    body = [r for r in themes[head + 1 :] if r[0]]
    assert len(body) >= 3 and all(isinstance(r[2], (int, float)) and r[2] > 0 for r in body)
    retention = _rows(wb["Удержание и процессы"])
    assert any(r[0] == "▶ Диагностика" for r in retention)  # the planted bottleneck
    assert "Путь как есть-как будет" not in wb.sheetnames


def test_bad_input_in_the_journey_sheets_stops_the_run_before_anything_is_written(broken):
    def edit(wb):
        wb["Пути сегментов"]["E2"] = "телепатия"

    project = broken(edit)
    out = project.parent / "out"
    result = CliRunner().invoke(build_cli("ru"), ["run", str(project), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "Пути сегментов!E2" in result.output and "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in project.parent.iterdir() if p.name.startswith(".out")]


def test_the_dashboard_page_shows_the_trend_flags_and_themes_in_a_browser(monitored):
    from render import dom

    truth = example.TRUTH["deterioration"]
    page, errors = dom(monitored / "dashboard.html")
    assert errors == []
    trend = page.get_element_by_id("trend")
    assert trend.get("hidden") is None
    worse = trend.find_class("worse")
    assert len(worse) == 12 - truth["from_wave"] and all("▼" in c.text_content() for c in worse)
    rows = {c.getparent().find_class("name")[0].text_content() for c in worse}
    assert rows == {"TP06 Сроки поставки: CSI"}
    themes = page.get_element_by_id("themes")
    assert themes.get("hidden") is None and len(themes.findall(".//tr")) > 3
    assert page.get_element_by_id("paths").get("hidden") is not None  # no journey sheets


def test_a_part_the_data_cannot_support_is_left_out_with_a_note_not_a_crash(monkeypatch):
    from types import SimpleNamespace

    from qfd.errors import AnalysisError
    from workbooks import followup
    from workbooks.analysis import Analysis
    from workbooks.deliverables.facts import omissions

    def no_waves(project, lang, inputs):
        raise AnalysisError("mon_no_waves")

    monkeypatch.setattr(followup, "_monitoring", no_waves)
    monkeypatch.setattr(followup, "_journey", lambda project, analysis, lang, grids: (None, ()))
    empty = Analysis(None, None, None, None, [], [], {})
    project = SimpleNamespace(source="x.xlsx")
    out, warnings = followup.with_followups(project, empty, "ru", grids={}, inputs=None)
    assert out.journey is None and out.monitoring is None and warnings == ()
    project = SimpleNamespace(characteristics=[1], kpis=[], processes=[1], data_sources=[1])
    fake = SimpleNamespace(
        project=project,
        behaviour=1,
        clusters=1,
        segments={"x": 1},
        notes=out.notes,
        qfd=SimpleNamespace(planning=SimpleNamespace(competitor=np.array([1.0]))),
        journey=None,
        monitoring=None,
    )
    said = {o.key: o.reason for o in omissions(fake, "ru")}
    assert said["part_monitoring"] == "ни у одного респондента не указана волна опроса"
    assert said["part_journey"].startswith("нет листов «Пути сегментов»")


def test_the_drivers_analyse_the_latest_wave_and_say_so(monitored):
    """The wave column counted by hand: the summary sheet names the latest wave and its n."""
    ws = openpyxl.load_workbook(MONITORING)["Интервью"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index(example.WORDS["ru"]["wave"])
    waves = [r[col] for r in rows[2:] if r[0]]
    latest = max(waves)
    n = waves.count(latest)
    summary = _rows(openpyxl.load_workbook(monitored / "priorities.xlsx")["Сводка"])
    said = [c for r in summary for c in r if isinstance(c, str) and "последней волне" in c]
    assert (
        said and f"«{latest}»: {n} респондентов из {len(waves):,}".replace(",", "\xa0") in said[0]
    )
    drivers = _rows(openpyxl.load_workbook(monitored / "priorities.xlsx")["Драйверы"])
    assert any(f"n = {n};" in str(c) for r in drivers for c in r)  # the model's own n
