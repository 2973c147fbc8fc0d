"""priorities.xlsx: live formulas that recompute to the engine's numbers, charts, text safety."""

from __future__ import annotations

import re
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
    quadrants = {
        "concentrate": "сосредоточиться",
        "keep_up": "поддерживать",
        "low_priority": "низкий приоритет",
        "overkill": "возможный избыток",
    }
    borders = []
    for row in range(5, 5 + len(pm.touchpoints)):
        tp = ws.cell(row, 1).value
        j = pm.touchpoints.index(tp)
        ref = lambda c, row=row: f"{openpyxl.utils.get_column_letter(c)}{row}"  # noqa: E731
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(w_col))] == pytest.approx(pm.weight[j], rel=1e-9)
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(r_col))] == pm.rank[j]
        assert ws.cell(row, w_col).value.startswith("=")  # a live formula, not a pasted number
        # "on the border" where the touchpoint's satisfaction interval reaches the split
        m = next(m for m in analysis.metrics if m.segment == "*" and m.touchpoint == tp)
        border = m.mean.low <= pm.split[1] <= m.mean.high
        borders.append(border)
        expected = quadrants[pm.quadrant[j]] + (" (на границе)" if border else "")
        assert values[("МАТРИЦА ПЛАНИРОВАНИЯ", ref(q_col))] == expected
    assert any(borders) and not all(borders)  # both kinds of quadrant cell were checked
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
        "Процессы",
        "Пробелы данных",
        "Дорожная карта",
        "Методика",
    ]
    with zipfile.ZipFile(book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(z.read(n).decode() for n in charts)
    assert len(charts) == 3
    assert "<c:scatterChart>" in xml and "<c:barChart>" in xml
    assert wb["Деревья KPI"].conditional_formatting  # traffic lights
    assert wb["Матрица планирования"].freeze_panes == "C5"
    assert "▶ K0603" in [c.value for c in wb["Деревья KPI"]["A"]]


def _chart(book, kind: str) -> str:
    with zipfile.ZipFile(book) as z:
        xml = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    return next(x for x in xml if f"<c:{kind}>" in x)


def test_ipa_chart_labels_points_crosses_at_the_means_and_names_quadrants(analysis, book):
    xml = _chart(book, "scatterChart")
    pm = analysis.qfd.planning
    # one series per touchpoint labelled by its name (the ID cell): a label both Excel and
    # LibreOffice draw; custom per-point label text is not drawn by LibreOffice
    names = re.findall(r"<c:tx><c:strRef><c:f>([^<]+)</c:f>", xml)
    ws = openpyxl.load_workbook(book)["Матрица планирования"]
    labels = [ws[ref.split("!")[1].replace("$", "")].value for ref in names]
    assert set(pm.touchpoints) <= set(labels)
    assert {"Сосредоточиться", "Поддерживать", "Низкий приоритет", "Возможный избыток"} <= set(
        labels
    )
    assert xml.count('<c:showSerName val="1"/>') == len(pm.touchpoints) + 4
    # the axes cross at the means of W0 and satisfaction (independently recomputed)
    crossings = sorted(float(v) for v in re.findall(r'<c:crossesAt val="([^"]+)"/>', xml))
    w0_mean = float(np.mean(pm.blended))
    s_mean = float(np.nanmean(pm.satisfaction))
    assert crossings == pytest.approx(sorted([w0_mean, s_mean]))
    # the points fill the plot: importance from 0, satisfaction from just below the lowest mean
    x_min, y_min = sorted(float(v) for v in re.findall(r'<c:min val="([^"]+)"/>', xml))
    assert x_min == 0.0 and 0 < y_min <= np.nanmin(pm.satisfaction) and y_min >= 1.0


def test_driver_error_bars_read_cells_that_hold_the_interval(analysis, book):
    xml = _chart(book, "barChart")
    assert "<c:errBars>" in xml and "<c:numLit>" not in xml  # LibreOffice ignores literals
    column = {
        side: re.search(rf"<c:{side}><c:numRef><c:f>[^<]*\$([A-Z]+)\$", xml).group(1)
        for side in ("plus", "minus")
    }
    values = calculate(book)
    ri = analysis.drivers.importance
    ws = openpyxl.load_workbook(book)["Драйверы"]
    included = [
        t for t, k in zip(analysis.drivers.touchpoints, analysis.drivers.included, strict=True) if k
    ]
    for row in range(5, 5 + len(included)):
        k = included.index(ws.cell(row, 1).value)
        lo, share, hi = ri.share_ci[k, 0], ri.shares[k], ri.share_ci[k, 1]
        assert values[("ДРАЙВЕРЫ", f"{column['minus']}{row}")] == pytest.approx(
            share - lo, abs=1e-12
        )
        assert values[("ДРАЙВЕРЫ", f"{column['plus']}{row}")] == pytest.approx(
            hi - share, abs=1e-12
        )


def test_the_process_marker_is_on_the_most_loaded_step(book):
    source = openpyxl.load_workbook(EXAMPLE, data_only=True)["Процессы"]
    load: dict[str, list[tuple[float, str]]] = {}
    for tp, step, _, capacity, demand, _ in source.iter_rows(min_row=2, values_only=True):
        load.setdefault(tp, []).append((demand / capacity, step))
    ws = openpyxl.load_workbook(book)["Процессы"]
    marked = {(r[0].value, r[1].value) for r in ws.iter_rows(min_row=4) if r[6].value == "▶"}
    assert marked == {(tp, max(steps)[1]) for tp, steps in load.items()}
    assert any(round(100 * max(steps)[0]) == 117 for steps in load.values())


def test_roadmap_sheet_is_editable_and_names_the_kpi_owners(analysis, book):
    owners = {
        row[0]: row[13]
        for row in openpyxl.load_workbook(EXAMPLE, data_only=True)["KPI"].iter_rows(
            min_row=2, values_only=True
        )
    }
    ws = openpyxl.load_workbook(book)["Дорожная карта"]
    head = [c.value for c in ws[4]]
    assert head[:6] == ["№", "Действие", "Основание", "Точка контакта", "KPI", "Ответственный"]
    assert head[6:10] == ["1 кв. 2026", "2 кв. 2026", "3 кв. 2026", "4 кв. 2026"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], (int, float))]
    actions = [r for r in rows if r[4]]
    assert [r[4] for r in actions] == [kpi for _, kpi, _ in analysis.kpi.actions[:6]]
    assert all(r[5] == owners[r[4]] for r in actions)
    assert all(any(r[6 + q] == "●" for q in range(4)) for r in rows)  # every item has a quarter
    assert not any(
        isinstance(c.value, str) and c.value.startswith("=") for row in ws.iter_rows() for c in row
    )
    assert ws.conditional_formatting


def test_portraits_have_no_empty_lines(book):
    ws = openpyxl.load_workbook(book)["Сегменты"]
    typical = [c.value for c in ws["I"][4:] if c.value]
    lines = [line for cell in typical for line in cell.split("\n")]
    assert lines and all(line.split(": ", 1)[1].strip() for line in lines)


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
