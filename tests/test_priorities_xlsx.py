"""priorities.xlsx: live formulas that recompute to the engine's numbers, charts, text safety."""

from __future__ import annotations

import zipfile

import formulas
import numpy as np
import openpyxl
import pytest
from conftest import EXAMPLE

from qfd.planning_matrix import planning_matrix
from workbooks.analysis import analyse
from workbooks.deliverables.priorities_xlsx import write_priorities
from workbooks.project import load_project


@pytest.fixture(scope="module")
def analysis():
    return analyse(load_project(EXAMPLE), bootstrap=100)


@pytest.fixture(scope="module")
def book(analysis, tmp_path_factory):
    return write_priorities(analysis, tmp_path_factory.mktemp("out") / "priorities.xlsx")


def calculate(path):
    """Recalculate every formula with the `formulas` package (an independent evaluator)."""
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for key, cell in solution.items():
        sheet, _, ref = key.rpartition("!")
        if ":" not in ref and hasattr(cell, "value"):
            values[(sheet.split("]")[-1].strip("'").upper(), ref)] = np.asarray(cell.value).ravel()[
                0
            ]
    return values


def column(ws, header: str) -> int:
    return next(c.column for c in ws[4] if c.value == header)


def test_formulas_recompute_to_the_engine_numbers(analysis, book):
    values = calculate(book)
    pm = analysis.qfd.planning
    ws = openpyxl.load_workbook(book)["Матрица планирования"]
    w_col, r_col = column(ws, "Вес w"), column(ws, "Ранг")
    q_col = column(ws, "Квадрант")
    for row in range(5, 5 + len(pm.touchpoints)):
        tp = ws.cell(row, 1).value
        j = pm.touchpoints.index(tp)
        ref = lambda c, row=row: f"{openpyxl.utils.get_column_letter(c)}{row}"  # noqa: E731
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(w_col))] == pytest.approx(pm.weight[j], rel=1e-9)
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(r_col))] == pm.rank[j]
        assert ws.cell(row, w_col).value.startswith("=")  # a live formula, not a pasted number
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(q_col))] in {
            "сосредоточиться",
            "поддерживать",
            "низкий приоритет",
            "возможный избыток",
        }
    hoq = openpyxl.load_workbook(book)["Дом качества"]
    abs_row = next(r for r in range(1, 60) if hoq.cell(r, 2).value == "Абсолютная важность")
    for k, c in enumerate(analysis.project.characteristics):
        assert hoq.cell(4, 4 + k).value == c.id
        cell = f"{openpyxl.utils.get_column_letter(4 + k)}{abs_row}"
        assert hoq[cell].value.startswith("=SUMPRODUCT(")
        assert values[("ДОМ КАЧЕСТВА", cell)] == pytest.approx(
            analysis.qfd.technical.absolute[k], rel=1e-9
        )


def test_cached_values_match_so_non_recalculating_viewers_are_right(analysis, book):
    cached = openpyxl.load_workbook(book, data_only=True)["Матрица планирования"]
    pm = analysis.qfd.planning
    w_col = column(cached, "Вес w")
    for row in range(5, 5 + len(pm.touchpoints)):
        j = pm.touchpoints.index(cached.cell(row, 1).value)
        assert cached.cell(row, w_col).value == pytest.approx(pm.weight[j], rel=1e-12)


def test_changing_lambda_in_the_workbook_recomputes_like_the_engine(analysis, book, tmp_path):
    wb = openpyxl.load_workbook(book)
    wb["Матрица планирования"]["B2"] = 1.0  # stated importance only
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    values = calculate(edited)
    iv = analysis.project.interviews
    pm = analysis.qfd.planning
    expected = planning_matrix(
        pm.touchpoints,
        iv.importance,
        iv.satisfaction,
        pm.derived,
        competitor=iv.competitor,
        blend_lambda=1.0,
        declared_targets=pm.target,
        sales_points=dict(zip(pm.touchpoints, pm.sales_point, strict=True)),
    )
    ws = wb["Матрица планирования"]
    w_col = openpyxl.utils.get_column_letter(column(ws, "Вес w"))
    for row in range(5, 5 + len(pm.touchpoints)):
        j = pm.touchpoints.index(ws.cell(row, 1).value)
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", f"{w_col}{row}")] == pytest.approx(
            expected.weight[j], rel=1e-9
        )


def test_structure_charts_and_formatting(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == [
        "Сводка",
        "Матрица планирования",
        "Драйверы",
        "CX-метрики",
        "Дом качества",
        "Конфликты и каскад",
        "Сегменты",
        "Деревья KPI",
        "Узкие места",
        "Пробелы данных",
        "Методика",
    ]
    with zipfile.ZipFile(book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(z.read(n).decode() for n in charts)
    assert len(charts) == 3
    assert "<c:scatterChart>" in xml and "<c:errBars>" in xml and "<c:barChart>" in xml
    assert wb["Деревья KPI"].conditional_formatting  # traffic lights
    assert wb["Матрица планирования"].freeze_panes == "C5"
    assert "▶ K0603" in [c.value for c in wb["Деревья KPI"]["A"]]


def test_user_text_is_never_a_formula(broken, tmp_path):
    def edit(wb):
        for ref, text in (
            ("D2", '=HYPERLINK("http://evil","click")'),
            ("D3", "+7 (495) 000-00-00"),
        ):
            wb["Путь клиента"][ref] = text
            wb["Путь клиента"][
                ref
            ].data_type = "s"  # typed as text (as Excel does after an apostrophe)

    project = load_project(broken(edit))
    out = write_priorities(analyse(project, bootstrap=20), tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(out)["Матрица планирования"]
    cells = [c for c in ws["B"] if isinstance(c.value, str) and c.value.startswith(("=", "+"))]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)
