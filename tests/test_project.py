"""Loading and validating project workbooks: the example, and broken copies of it."""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest
from conftest import EXAMPLE

from workbooks.errors import ProjectError
from workbooks.project import load_project
from workbooks.project.schema import normalise
from workbooks.project.values import MISSING_WORDS, parse_number


def _errors(path, lang="ru") -> list[str]:
    with pytest.raises(ProjectError) as info:
        load_project(path, lang)
    return [str(p) for p in info.value.problems]


def _interviews(wb):
    return wb["Интервью"]


def _column_of(ws, tp: str, measure_ru: str) -> int:
    """1-based column of a touchpoint measure, found independently through openpyxl."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == 1 and ws.cell(1, rng.min_col).value == tp:
            for c in range(rng.min_col, rng.max_col + 1):
                if ws.cell(2, c).value == measure_ru:
                    return c
    raise AssertionError(f"{tp} / {measure_ru} not found")


def test_example_loads_and_matches_an_independent_openpyxl_count():
    project = load_project(EXAMPLE)
    iv = project.interviews
    assert len(project.touchpoints) == 12 and iv.n == 60
    wb = openpyxl.load_workbook(EXAMPLE, read_only=False)
    ws = _interviews(wb)
    for k, tp in enumerate(iv.touchpoints):
        col = _column_of(ws, tp, "Удовлетворённость")
        expected = []
        for r in range(3, 3 + iv.n):
            v = ws.cell(r, col).value
            x = parse_number(v) if v is not None else None
            expected.append(np.nan if x is None else x)
        np.testing.assert_array_equal(iv.satisfaction[:, k], np.array(expected))
    # the missing reasons are kept apart
    reasons = iv.reasons["satisfaction"]
    assert (reasons == "not_experienced").sum() > 0 and (reasons == "dont_know").sum() > 0
    assert (reasons == "blank").sum() > 0


def test_example_warns_about_interviewed_clients_without_transactions():
    project = load_project(EXAMPLE)
    messages = [str(w) for w in project.warnings]
    assert messages and all("нет ни одной транзакции" in m for m in messages)
    assert all(m.startswith("Интервью!A") for m in messages)


def test_out_of_scale_value_names_sheet_cell_touchpoint_and_scale(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(17, _column_of(ws, "TP03", "Удовлетворённость"), 7)

    path = broken(edit)
    col = openpyxl.utils.get_column_letter(
        _column_of(_interviews(openpyxl.load_workbook(path)), "TP03", "Удовлетворённость")
    )
    errors = _errors(path)
    assert errors == [
        f"Интервью!{col}17 (TP03: удовлетворённость, шкала 1–5): значение 7 вне шкалы; ожидается 1–5"
    ]


def test_every_problem_is_collected_in_one_pass_in_english_too(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(3, _column_of(ws, "TP01", "Важность"), "очень")  # not a score
        ws.cell(4, _column_of(ws, "TP02", "Важность"), 0)  # out of scale
        ws.cell(5, 1, ws.cell(3, 1).value)  # duplicate respondent
        wb["KPI"]["E2"] = "K99F=1"  # parent KPI that does not exist
        wb["Связи"]["B2"] = 4  # not a 9/3/1 strength
        wb["Путь клиента"]["A3"] = "первый"  # stage order not a number

    errors = _errors(broken(edit), "en")
    assert len(errors) == 6, errors
    text = "\n".join(errors)
    assert "got 'очень'" in text and "value 0 is outside the scale" in text
    assert "duplicate ID 'R001'" in text and "KPI 'K99F' does not exist" in text
    assert "Relationships!B2" not in text  # the sheet keeps its Russian name
    assert "Связи!B2: relationship strength must be 0, 1, 3 or 9" in text
    assert "Путь клиента!A3 (Stage order): a whole number was expected; got 'первый'" in text


def test_text_numbers_decimal_commas_and_missing_words_are_read(broken):
    def edit(wb):
        ws = _interviews(wb)
        col = _column_of(ws, "TP05", "Удовлетворённость")
        ws.cell(3, col, "4,5")
        ws.cell(4, col, " 3 ")
        ws.cell(5, col, "Затрудняюсь ответить")
        ws.cell(6, col, "н/д")
        ws.cell(7, col, 99)  # declared code: don't know
        ws.cell(8, col, 98)  # declared code: not experienced

    iv = load_project(broken(edit)).interviews
    k = iv.touchpoints.index("TP05")
    np.testing.assert_array_equal(iv.satisfaction[:2, k], [4.5, 3.0])
    assert np.isnan(iv.satisfaction[2:6, k]).all()
    assert list(iv.reasons["satisfaction"][2:6, k]) == [
        "dont_know",
        "blank",
        "dont_know",
        "not_experienced",
    ]


def test_missing_sheet_says_what_exists_and_suggests(broken):
    def edit(wb):
        wb["Путь клиента"].title = "Путь клиентов"

    [error] = _errors(broken(edit))
    assert "лист «Путь клиента» не найден" in error
    assert "«Путь клиентов»" in error and "возможно, имелся в виду «Путь клиентов»" in error


def test_unknown_touchpoint_in_kpi_sheet_suggests_the_closest(broken):
    def edit(wb):
        wb["KPI"]["C2"] = "TP1O"

    [error] = _errors(broken(edit))
    assert error.startswith("KPI!C2") and "«TP1O»" in error and "«TP10»" in error


def test_unmerged_two_row_header_is_still_read(broken):
    """Some tools save merged headers as a value in the first cell and blanks after it."""

    def edit(wb):
        ws = _interviews(wb)
        for rng in list(ws.merged_cells.ranges):
            if rng.min_row == 1 and rng.max_row == 1:
                ws.unmerge_cells(str(rng))

    project = load_project(broken(edit))
    original = load_project(EXAMPLE)
    np.testing.assert_array_equal(project.interviews.satisfaction, original.interviews.satisfaction)


def test_english_sheet_and_column_names_are_accepted(broken):
    from workbooks.project.schema import SHEETS

    def edit(wb):
        for spec in SHEETS:
            if spec.ru in wb.sheetnames:
                wb[spec.ru].title = spec.en.upper()  # case must not matter either
        ws = wb["JOURNEY"]
        for c in range(1, ws.max_column + 1):
            if normalise(ws.cell(1, c).value) == normalise("ID точки контакта"):
                ws.cell(1, c, "touchpoint_id")

    project = load_project(broken(edit))
    assert project.touchpoint_ids[0] == "TP01" and len(project.kpis) == len(
        load_project(EXAMPLE).kpis
    )


def test_long_interviews_layout_gives_the_same_arrays(broken):
    original = load_project(EXAMPLE).interviews

    def edit(wb):
        del wb["Интервью"]
        ws = wb.create_sheet("Интервью")
        ws.append(
            [
                "ID респондента",
                "ID клиента",
                "Тип респондента",
                "Точка контакта",
                "Важность",
                "Удовлетворённость",
            ]
        )
        for i, rid in enumerate(original.respondent_ids):
            for k, tp in enumerate(original.touchpoints):
                imp, sat = original.importance[i, k], original.satisfaction[i, k]
                rtype = {
                    "current": "текущий",
                    "former": "бывший",
                    "potential": "потенциальный",
                    "lost": "потерянный до сделки",
                    "competitor": "клиент конкурента",
                }[original.respondent_types[i]]
                ws.append(
                    [
                        rid,
                        original.client_ids[i],
                        rtype,
                        tp,
                        None if np.isnan(imp) else imp,
                        None if np.isnan(sat) else sat,
                    ]
                )

    iv = load_project(broken(edit)).interviews
    np.testing.assert_array_equal(iv.satisfaction, original.satisfaction)
    np.testing.assert_array_equal(iv.importance, original.importance)
    assert iv.respondent_types == original.respondent_types


def test_missing_words_cover_the_brief():
    for word in ("затрудняюсь ответить", "н/д", "нет ответа", "N/A", "-"):
        assert normalise(word) in MISSING_WORDS


def test_bad_settings_are_reported_with_their_cells(broken):
    def edit(wb):
        ws = wb["Настройки"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "Шкала важности":
                row[1].value = "5-1"
            if row[0].value == "λ смешения важности":
                row[1].value = "1,5"
            if row[0].value == "Дата анализа":
                row[1].value = "вчера"

    errors = _errors(broken(edit))
    assert len(errors) == 3
    assert (
        errors[0]
        == "Настройки!B2: параметр «Шкала важности»: ожидается шкала вида 1-5, 1-7, 1-10, 0-10 "
        "(начало 0 или 1, конец не больше 100); получено «5-1»"
    )
    assert "«λ смешения важности»" in errors[2] or "«λ смешения важности»" in errors[1]
