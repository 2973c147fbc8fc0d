"""The planning-matrix sheet: live formulas for W0, R, RW, w, the rank and the quadrant, and the
importance–performance map drawn natively (points labelled, axes crossing at the means, the
quadrants named)."""

from __future__ import annotations

import math

import numpy as np
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from workbooks.analysis import Analysis
from workbooks.deliverables.charts import QUADRANT_COLOURS, ipa_layout
from workbooks.deliverables.facts import (
    by_rank,
    quadrant_word,
    satisfaction_half_width,
    touchpoint_names,
    touchpoint_quadrant,
)
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import note_text, tr

__all__ = ["COLUMNS", "planning_sheet"]

# (key, number format): the header is "xlsx_pm_<key>", its meaning "xlsx_pm_<key>_means"
COLUMNS = (
    ("id", None),
    ("name", None),
    ("stage", None),
    ("stated", "0.00"),
    ("derived", "0.0%"),
    ("blended", "0.0%"),
    ("sat", "0.00"),
    ("sat_hw", "0.00"),
    ("comp", "0.00"),
    ("target", "0.00"),
    ("ratio", "0.00"),
    ("sp", "0.00"),
    ("raw", "0.000"),
    ("weight", "0.0%"),
    ("rank", "0"),
    ("rank_ci", None),
    ("quadrant", None),
    ("n", "0"),
)
COL = {key: j for j, (key, _) in enumerate(COLUMNS)}
TOP = 3  # header row
INPUT = {"bg_color": "#FFF2CC", "border": 1}
HELPER = len(COLUMNS) + 2  # hidden columns with the chart's helper points


def planning_sheet(s: Sheet, a: Analysis) -> dict:
    """Write the sheet; return the cells other sheets link to (the weights)."""
    pm = a.qfd.planning
    s.title(0, s.book.words("sheet_planning"))
    s.ws.write_string(1, 0, "λ", s.book.fmt(bold=True, font_color="#1F4E78"))
    s.ws.write_number(1, 1, pm.blend_lambda, s.book.fmt(num_format="0.00", **INPUT))
    s.header(TOP, [s.book.words(f"xlsx_pm_{key}") for key, _ in COLUMNS])
    order = by_rank(a)
    first, last = TOP + 1, TOP + len(order)
    rows = {pm.touchpoints[j]: first + i for i, j in enumerate(order)}
    for i, j in enumerate(order):
        _row(s, a, j, first + i, first, last)
    s.note(1, s.book.words("xlsx_lambda_hint"), 2, 8)
    s.note(last + 2, tr("xlsx_quadrant_split", s.book.lang, w0=pm.split[0], s=pm.split[1]))
    for i, n in enumerate(a.qfd.notes):  # what the matrix rests on: λ forced, suggested SPs
        s.note(last + 3 + i, "• " + note_text(n, s.book.lang))
    s.ws.conditional_format(
        first, COL["weight"], last, COL["weight"], {"type": "data_bar", "bar_color": "#5B9BD5"}
    )
    s.ws.conditional_format(first, COL["sat"], last, COL["sat"], {"type": "3_color_scale"})
    s.ws.freeze_panes(first, 2)
    _ipa_chart(s, a, rows, last + 4 + len(a.qfd.notes))
    return {
        "weight_cells": {
            tp: f"'{s.name}'!{xl_rowcol_to_cell(r, COL['weight'])}" for tp, r in rows.items()
        },
        "weight_values": {tp: float(pm.weight[j]) for j, tp in enumerate(pm.touchpoints)},
    }


def _cell(r: int, key: str) -> str:
    return xl_rowcol_to_cell(r, COL[key])


def _range(key: str, first: int, last: int) -> str:
    c = xl_col_to_name(COL[key])
    return f"${c}${first + 1}:${c}${last + 1}"


def _row(s: Sheet, a: Analysis, j: int, r: int, first: int, last: int) -> None:
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    tp = pm.touchpoints[j]
    names = touchpoint_names(a)
    stage = next(t.stage for t in a.project.touchpoints if t.id == tp)
    s.text(r, COL["id"], tp)
    s.text(r, COL["name"], names[tp])
    s.text(r, COL["stage"], stage)
    s.number(r, COL["stated"], pm.stated[j], "0.00")
    s.number(r, COL["derived"], pm.derived[j], "0.0%")
    # W0 = λ·I/ΣI + (1−λ)·B/ΣB; a column with nothing in it (no importance questions) counts
    # every touchpoint equally, as the model does
    shares = [
        f"IF(SUM({_range(col, first, last)})>0,{_cell(r, col)}/SUM({_range(col, first, last)}),"
        f"1/ROWS({_range(col, first, last)}))"
        for col in ("stated", "derived")
    ]
    s.formula(
        r, COL["blended"], f"=$B$2*{shares[0]}+(1-$B$2)*{shares[1]}", float(pm.blended[j]), "0.0%"
    )
    s.number(r, COL["sat"], pm.satisfaction[j], "0.00")
    half = satisfaction_half_width(a, j)
    if math.isfinite(half):
        s.number(r, COL["sat_hw"], half, "0.00")
    s.number(r, COL["comp"], pm.competitor[j], "0.00")
    s.number(r, COL["target"], pm.target[j], "0.00", **INPUT)
    s.formula(
        r,
        COL["ratio"],
        f"={_cell(r, 'target')}/{_cell(r, 'sat')}",
        float(pm.improvement[j]),
        "0.00",
    )
    s.number(r, COL["sp"], pm.sales_point[j], "0.00", **INPUT)
    s.formula(
        r,
        COL["raw"],
        f"={_cell(r, 'blended')}*{_cell(r, 'ratio')}*{_cell(r, 'sp')}",
        float(pm.raw_weight[j]),
        "0.000",
    )
    s.formula(
        r,
        COL["weight"],
        f"={_cell(r, 'raw')}/SUM({_range('raw', first, last)})",
        float(pm.weight[j]),
        "0.0%",
    )
    s.formula(
        r,
        COL["rank"],
        f"=RANK({_cell(r, 'weight')},{_range('weight', first, last)})",
        int(pm.rank[j]),
        "0",
    )
    s.text(
        r,
        COL["rank_ci"],
        tr("range", s.book.lang, low=int(stab.interval[j, 0]), high=int(stab.interval[j, 1])),
    )
    q = {
        k: quadrant_word(k, s.book.lang)
        for k in ("keep_up", "concentrate", "overkill", "low_priority")
    }
    w, sat = _cell(r, "blended"), _cell(r, "sat")
    mean_w, mean_s = (
        f"AVERAGE({_range('blended', first, last)})",
        f"AVERAGE({_range('sat', first, last)})",
    )
    # "on the border" when the satisfaction interval reaches the split (as the reports say)
    border = tr("quadrant_borderline", s.book.lang, quadrant="")
    hw = _cell(r, "sat_hw")
    s.formula(
        r,
        COL["quadrant"],
        f'=IF({w}>={mean_w},IF({sat}>={mean_s},"{q["keep_up"]}","{q["concentrate"]}"),'
        f'IF({sat}>={mean_s},"{q["overkill"]}","{q["low_priority"]}"))'
        f'&IF(AND(ISNUMBER({hw}),ABS({sat}-{mean_s})<={hw}),"{border}","")',
        touchpoint_quadrant(a, j, s.book.lang),
    )
    s.number(r, COL["n"], pm.satisfaction_n[j], "0")


def _ipa_chart(s: Sheet, a: Analysis, rows: dict[str, int], anchor_row: int) -> None:
    """Importance–performance map: one series per touchpoint (its label is the series name, the
    touchpoint ID cell — a label kind Excel and LibreOffice both draw), the axes crossing at the
    means, dashed quadrant lines, and the quadrant names as label-only points in the corners."""
    pm = a.qfd.planning
    scale = a.project.settings.satisfaction_scale
    lay = ipa_layout(
        pm.blended, pm.satisfaction, pm.split, list(pm.touchpoints), (scale.low, scale.high)
    )
    chart = s.book.wb.add_chart({"type": "scatter", "subtype": "straight"})
    for j, tp in enumerate(pm.touchpoints):
        if not np.isfinite(pm.satisfaction[j]):
            continue
        r = rows[tp]
        chart.add_series(
            {
                "name": [s.name, r, COL["id"]],
                "categories": [s.name, r, COL["blended"], r, COL["blended"]],
                "values": [s.name, r, COL["sat"], r, COL["sat"]],
                "line": {"none": True},
                "marker": {
                    "type": "circle",
                    "size": 8,
                    "fill": {"color": "#" + QUADRANT_COLOURS[pm.quadrant[j]]},
                    "border": {"color": "#FFFFFF"},
                },
                "data_labels": {
                    "series_name": True,
                    "position": lay.sides[j],
                    "font": {"size": 9},
                },
            }
        )
    _helper_points(s, chart, lay)
    x0, x1 = lay.x_range
    y0, y1 = lay.y_range
    axis_line = {"color": "#404040", "width": 1.25}
    chart.set_x_axis(
        {
            "name": s.book.words("axis_importance"),
            "num_format": "0%",
            "min": x0,
            "max": x1,
            "crossing": lay.split[0],
            "label_position": "low",
            "line": axis_line,
            "major_gridlines": {"visible": False},
        }
    )
    chart.set_y_axis(
        {
            "name": tr("axis_satisfaction", s.book.lang, low=scale.low, high=scale.high),
            "num_format": "0.0",
            "min": y0,
            "max": y1,
            "crossing": lay.split[1],
            "label_position": "low",
            "line": axis_line,
            "major_gridlines": {"visible": False},
        }
    )
    chart.set_title({"name": s.book.words("chart_ipa"), "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.show_hidden_data()  # the helper points live in hidden columns
    chart.set_size({"width": 760, "height": 480})
    s.chart(anchor_row, chart)


def _helper_points(s: Sheet, chart, lay) -> None:
    """Quadrant names (label-only points) and the dashed quadrant lines, from hidden cells."""
    c = HELPER
    s.ws.set_column(c, c + 2, None, None, {"hidden": True})
    r = TOP
    for quadrant, (x, y, side) in lay.corners.items():
        word = quadrant_word(quadrant, s.book.lang)
        s.ws.write_string(r, c, word[:1].upper() + word[1:])
        s.ws.write_number(r, c + 1, x)
        s.ws.write_number(r, c + 2, y)
        chart.add_series(
            {
                "name": [s.name, r, c],
                "categories": [s.name, r, c + 1, r, c + 1],
                "values": [s.name, r, c + 2, r, c + 2],
                "line": {"none": True},
                "marker": {"type": "none"},
                "data_labels": {
                    "series_name": True,
                    "position": side,
                    "font": {"size": 9, "bold": True, "color": "#" + QUADRANT_COLOURS[quadrant]},
                },
            }
        )
        r += 1
    (x0, x1), (y0, y1), (sx, sy) = lay.x_range, lay.y_range, lay.split
    for (xa, ya), (xb, yb) in (((sx, y0), (sx, y1)), ((x0, sy), (x1, sy))):
        s.ws.write_number(r, c + 1, xa)
        s.ws.write_number(r, c + 2, ya)
        s.ws.write_number(r + 1, c + 1, xb)
        s.ws.write_number(r + 1, c + 2, yb)
        chart.add_series(
            {
                "categories": [s.name, r, c + 1, r + 1, c + 1],
                "values": [s.name, r, c + 2, r + 1, c + 2],
                "line": {"color": "#7F7F7F", "width": 1, "dash_type": "dash"},
                "marker": {"type": "none"},
            }
        )
        r += 2
