"""Reading monitoring inputs: waves in their order, comments and per-touchpoint scores, theme
dictionaries, operational data (long and wide), the event-log path — and every problem located
(sheet!cell) in the user's language, all in one pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from conftest import EXAMPLE

from workbooks.errors import ProjectError
from workbooks.examples import monitoring as example
from workbooks.project import load_project
from workbooks.project.monitoring_sheets import _waves, read_monitoring, select_waves

MONITORING = EXAMPLE.parent / example.WORKBOOK


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in (example.WORKBOOK, example.EVENTS, "promtech_transactions.csv"):
        shutil.copy(EXAMPLE.parent / name, tmp_path / name)
    return tmp_path / example.WORKBOOK


def _edit(path: Path, edit) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _read(path: Path, lang: str = "ru"):
    return read_monitoring(path, load_project(path, lang), lang)


def test_the_example_reads_as_generated(monitoring_result):
    inputs = monitoring_result.inputs
    assert inputs.waves.labels == tuple(example.month_label(k) for k in range(example.WAVES))
    rows = example.survey(np.random.default_rng(example.SEED))
    expected = [sum(r["Волна"] == label for r in rows) for label in inputs.waves.labels]
    assert np.bincount(inputs.waves.index).tolist() == expected
    assert inputs.comments.n == sum(bool(r["comment"]) for r in rows)
    assert inputs.themes is not None and len(inputs.themes.themes) == 1
    assert inputs.operations.kpi_ids == tuple(k for k, _, _ in example.OPERATIONAL)
    assert inputs.event_log.name == example.EVENTS


@pytest.mark.parametrize(
    "values, labels",
    [
        (["Волна 10", "Волна 2", None, "Волна 1"], ("Волна 1", "Волна 2", "Волна 10")),
        ([3, 1.0, 2, 3], ("1", "2", "3")),
        (["осень", "весна", "осень"], ("осень", "весна")),
        (["15.03.2025", "2025-02", "март 2025", "Feb 2025"], ("2025-02", "2025-03")),
    ],
)
def test_waves_are_ordered_by_month_number_or_first_appearance(values, labels):
    got, _months, index = _waves(values)
    assert got == labels
    assert all(i == -1 for v, i in zip(values, index, strict=True) if v is None)


def test_select_waves_keeps_the_latest_wave_unless_pooled(monitoring_result):
    iv, waves = monitoring_result.project.interviews, monitoring_result.inputs.waves
    latest = select_waves(iv, waves, pool=False)
    assert latest.n == int((waves.index == waves.latest).sum())
    assert latest.satisfaction.shape == (latest.n, len(iv.touchpoints))
    assert set(latest.respondent_ids) <= set(iv.respondent_ids)
    assert select_waves(iv, waves, pool=True) is iv


def test_per_touchpoint_nps_ces_and_comments_are_read(copy):
    def edit(wb):
        ws = wb["Интервью"]
        col = ws.max_column + 1
        for j, head in enumerate(("TP06: NPS", "TP06 — CES", "Сроки поставки: комментарий")):
            ws.cell(1, col + j, head)
            ws.cell(3, col + j, [3, 6, "Сроки срывают"][j])
            ws.cell(4, col + j, [10, 2, None][j])

    inputs = _read(_edit(copy, edit))
    assert inputs.touchpoint_nps["TP06"][:2].tolist() == [3, 10]
    assert inputs.touchpoint_ces["TP06"][:2].tolist() == [6, 2]
    assert "TP06" in inputs.comments.touchpoint
    k = inputs.comments.touchpoint.index("TP06")
    assert inputs.comments.texts[k] == "Сроки срывают" and inputs.comments.respondent[k] == 0


def test_wide_operational_data_reads_like_the_long_layout(copy):
    long = _read(copy).operations

    def edit(wb):
        ws = wb["Операционные данные"]
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        ws.delete_rows(1, ws.max_row)
        kpis = list(dict.fromkeys(r[1] for r in rows))
        months = list(dict.fromkeys(r[0] for r in rows))
        ws.append(["Месяц", *kpis])
        for m in months:
            ws.append([m, *[next(r[2] for r in rows if r[0] == m and r[1] == k) for k in kpis]])

    wide = _read(_edit(copy, edit)).operations
    assert wide.kpi_ids == long.kpi_ids
    np.testing.assert_array_equal(wide.months, long.months)
    np.testing.assert_array_equal(wide.values, long.values)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_problem_is_located_and_reported_at_once(copy, lang):
    (copy.parent / "logs").mkdir()

    def edit(wb):
        ws = wb["Настройки"]
        for row in ws.iter_rows(min_row=2):
            name = row[0].value
            if name == "Столбец волны":
                row[1].value = "Волна опроса"
            elif name == "Уровень значимости предупреждений":
                row[1].value = 5
            elif name == "Файл журнала событий":
                row[1].value = "../promtech_events.csv"
        ops = wb["Операционные данные"]
        ops["A2"] = "тринадцатый месяц"
        ops["B3"] = "K99"
        themes = wb["Словари тем"]
        themes.append(["Цены", "цена; дорого", "TP99"])

    with pytest.raises(ProjectError) as err:
        _read(_edit(copy, edit), lang)
    text = err.value.report()
    where = [str(p).split(":")[0] for p in err.value.problems]
    assert len(err.value.problems) == 6, text
    assert any(w.startswith("Интервью!A1") for w in where)  # the wave column is missing
    assert any(w.startswith("Операционные данные!A2") for w in where)
    assert any(w.startswith("Операционные данные!B3") for w in where)
    assert any(w.startswith("Словари тем!C3") for w in where)
    assert sum(w.startswith("Настройки!B") for w in where) == 2
    words = {
        "ru": ("Волна опроса", "внутри папки", "K99", "месяц"),
        "en": ("Волна опроса", "inside the workbook", "K99", "month"),
    }
    assert all(word in text for word in words[lang])


@pytest.mark.parametrize("target", ["logs", "/dev/null", "../x.csv", "missing.csv"])
def test_the_event_log_must_be_a_file_inside_the_workbook_folder(copy, target):
    (copy.parent / "logs").mkdir()

    def edit(wb):
        for row in wb["Настройки"].iter_rows(min_row=2):
            if row[0].value == "Файл журнала событий":
                row[1].value = target

    with pytest.raises(ProjectError) as err:
        _read(_edit(copy, edit))
    assert "журнал событий" in err.value.report()


def test_a_workbook_without_waves_says_how_to_add_them():
    project = load_project(EXAMPLE, "en")
    with pytest.raises(ProjectError) as err:
        read_monitoring(EXAMPLE, project, "en")
    assert "Wave column" in err.value.report() and "Интервью!A1" in err.value.report()


def test_the_shipped_example_is_what_the_generator_writes(tmp_path, monitoring_result):
    from conftest import sha256

    built = example.build(tmp_path)
    for path in built:
        assert sha256(path) == sha256(EXAMPLE.parent / path.name), path.name
    # and the monitor left its input untouched
    assert sha256(MONITORING) == sha256(built[0])
