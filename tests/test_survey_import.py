"""Raw survey exports through a mapping into the interviews sheet."""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import sha256

from cli import build_cli
from workbooks.errors import ProjectError
from workbooks.project import load_project
from workbooks.project.survey_import import import_survey

QUESTIONS = {
    "TP01": "сайтом и каталогом",
    "TP06": "сроками поставки",
    "TP10": "гарантийным обслуживанием",
}

MAPPING = """
[survey]
header_rows = 2

[defaults]
respondent_type = "текущий"

[[rule]]
match = "Отметка времени"
attribute = "Время"

[[rule]]
match = "re:^ИНН"
column = "client_id"

[[rule]]
match = "re:Насколько важн.*сайт"
touchpoint = "TP01"
measure = "importance"

[[rule]]
match = "re:Насколько вы удовлетворены.*сайт"
touchpoint = "TP01"
measure = "satisfaction"

[[rule]]
match = "re:удовлетворены.*сроками"
touchpoint = "TP06"
measure = "satisfaction"

[[rule]]
match = "re:удовлетворены.*гарантийным"
touchpoint = "TP10"
measure = "satisfaction"
"""


def make_export(path, answers):
    """A Google-Forms-like export: a section row merged over the questions, then question texts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ответы на форму"
    ws.append(["Отметка времени", "ИНН компании", "Оценки", None, None, None, "Что ещё?"])
    ws.merge_cells("C1:F1")
    ws.append(
        [
            None,
            None,
            "Насколько важно: работа с сайтом",
            f"Насколько вы удовлетворены: {QUESTIONS['TP01']}",
            f"Насколько вы удовлетворены {QUESTIONS['TP06']}?",
            f"Насколько вы удовлетворены {QUESTIONS['TP10']}?",
            None,
        ]
    )
    for row in answers:
        ws.append(row)
    wb.save(path)
    return path


ANSWERS = [
    ["2025-01-10", "C0001", 5, 4, "2", "затрудняюсь ответить", "всё хорошо"],
    ["2025-01-11", "C0002", "4", "3,5", 1, 5, '=HYPERLINK("x")'],
    ["2025-01-12", None, None, 5, "не пользовался", 4, None],
]


def test_import_writes_the_interviews_and_validates(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    before = sha256(export)
    result = import_survey(export, mapping, example_copy)
    assert result.rows == 3 and result.columns == 3 * 2
    # the free-text column matched nothing and is listed, with the cell
    unmatched = [str(w) for w in result.warnings if "не сопоставлен" in str(w)]
    assert len(unmatched) == 1 and "Что ещё?" in unmatched[0] and "!G1" in unmatched[0]
    assert sha256(export) == before
    iv = load_project(example_copy).interviews
    assert iv.n == 3 and iv.touchpoints == ("TP01", "TP06", "TP10")
    np.testing.assert_array_equal(iv.importance[:, 0], [5, 4, np.nan])
    np.testing.assert_array_equal(iv.satisfaction[:, 0], [4, 3.5, 5])
    np.testing.assert_array_equal(iv.satisfaction[:, 1], [2, 1, np.nan])
    assert iv.reasons["satisfaction"][2, 1] == "not_experienced"
    assert iv.reasons["satisfaction"][0, 2] == "dont_know"
    assert iv.client_ids == ("C0001", "C0002", None)
    assert iv.respondent_types == ("current",) * 3


def test_a_bad_answer_stops_the_import_and_leaves_the_project_untouched(example_copy, tmp_path):
    export = make_export(
        tmp_path / "export.xlsx", [*ANSWERS, ["2025-01-13", "C0003", 9, 4, 4, 4, None]]
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    before = sha256(example_copy)
    with pytest.raises(ProjectError) as info:
        import_survey(export, mapping, example_copy)
    assert [str(p) for p in info.value.problems] == [
        "Интервью!K6 (TP01: важность, шкала 1–5): значение 9 вне шкалы; ожидается 1–5"
    ]
    assert sha256(example_copy) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_bad_mapping_is_reported_through_the_cli(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[[rule]]\nmatch = "re:("\ntouchpoint = "TP01"\nmeasure = "importance"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        build_cli("ru"),
        ["import-survey", str(export), "--mapping", str(mapping), "--into", str(example_copy)],
    )
    assert result.exit_code == 1 and "ошибка в файле сопоставления" in result.output


def test_mapping_sheet_works_like_toml(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS[:2])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Заголовок", "Точка контакта", "Мера", "Столбец", "Признак"])
    ws.append(["re:^ИНН", None, None, "client_id", None])
    ws.append(["re:удовлетворены.*сроками", "TP06", "satisfaction", None, None])
    ws.append(["Тип", None, None, "respondent_type", None])
    mapping = tmp_path / "map.xlsx"
    wb.save(mapping)
    # header_rows defaults to 1 for a mapping sheet: the section row is the header here
    with pytest.raises(ProjectError):
        import_survey(
            export, mapping, example_copy
        )  # ИНН found, but no touchpoint question in row 1
    # a one-row export works
    wb2 = openpyxl.Workbook()
    ws2 = wb2.active
    ws2.append(["ИНН", "Насколько вы удовлетворены сроками поставки?", "Тип"])
    ws2.append(["C0005", "5", "бывший"])
    wb2.save(tmp_path / "one.xlsx")
    result = import_survey(tmp_path / "one.xlsx", mapping, example_copy)
    assert result.rows == 1
    iv = load_project(example_copy).interviews
    assert iv.touchpoints == ("TP06",) and iv.satisfaction[0, 0] == 5


def test_large_exports_take_the_streaming_path_with_the_same_result(
    example_copy, tmp_path, monkeypatch
):
    from workbooks.project import survey_import

    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    monkeypatch.setattr(survey_import, "STREAM_ROWS", 1)  # 3 rows count as "large"
    result = import_survey(export, mapping, example_copy)
    assert any("потоково" in str(w) for w in result.warnings)
    project = load_project(example_copy)
    iv = project.interviews
    np.testing.assert_array_equal(iv.satisfaction[:, 0], [4, 3.5, 5])
    assert iv.reasons["satisfaction"][2, 1] == "not_experienced"
    assert (
        len(project.kpis) == 54 and project.settings.analysis_date.year == 2025
    )  # other sheets intact
