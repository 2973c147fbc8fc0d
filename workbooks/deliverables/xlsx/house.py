"""The House of Quality sheet (editable relationships, live SUMPRODUCT technical importance,
the characteristics with their rank under other scales, a chart) and the roof sheet (conflicts
and the phase-2 cascade)."""

from __future__ import annotations

import numpy as np
from xlsxwriter.utility import xl_col_to_name

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import by_rank, touchpoint_names
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import tr, words
from workbooks.project.schema import enum_label

__all__ = ["house_sheet", "roof_sheet"]

FIRST = 4  # first touchpoint row of the matrix
INPUT = {"bg_color": "#FFF2CC", "border": 1}
CHAR_COLUMNS = (
    "id",
    "name",
    "unit",
    "direction",
    "type",
    "current",
    "target",
    "competitor",
    "difficulty",
    "per_difficulty",
    "rank_531",
    "rank_321",
    "rank_951",
)


def house_sheet(s: Sheet, a: Analysis, links: dict) -> None:
    chars = a.project.characteristics
    s.title(0, s.book.words("sheet_house"))
    s.header(
        3,
        [s.book.words("xlsx_id"), s.book.words("xlsx_touchpoint"), s.book.words("xlsx_weight")]
        + [c.id for c in chars],
    )
    for k, c in enumerate(chars):
        s.ws.write_comment(3, 3 + k, f"{c.name} ({c.unit})" if c.unit else c.name)
    last = _relationships(s, a, links)
    rel_row = _technical_rows(s, a, last)
    s.note(1, s.book.words("xlsx_house_hint"))
    r0 = rel_row + 3
    _characteristics(s, a, r0)
    taus = "; ".join(
        tr("tau_item", s.book.lang, scale=scale, tau=v)
        for scale, v in a.qfd.characteristic_stability.scale_tau.items()
        if scale != "9-3-1"
    )
    s.note(r0 + len(chars) + 2, tr("xlsx_tau", s.book.lang, items=taus))
    _chart(s, a, rel_row, r0 + len(chars) + 4)
    s.ws.conditional_format(
        rel_row, 3, rel_row, 2 + len(chars), {"type": "data_bar", "bar_color": "#ED7D31"}
    )
    s.ws.freeze_panes(FIRST, 3)


def _relationships(s: Sheet, a: Analysis, links: dict) -> int:
    """Touchpoints by rank with their live weight and the 9/3/1 relationships (editable)."""
    pm, chars = a.qfd.planning, a.project.characteristics
    names = touchpoint_names(a)
    row_of = {t: i for i, t in enumerate(a.project.touchpoint_ids)}
    for i, j in enumerate(by_rank(a)):
        r, tp = FIRST + i, pm.touchpoints[j]
        s.text(r, 0, tp)
        s.text(r, 1, names[tp])
        s.formula(r, 2, f"={links['weight_cells'][tp]}", links["weight_values"][tp], "0.0%")
        for k in range(len(chars)):
            v = float(a.project.relationships[row_of[tp], k])
            s.number(r, 3 + k, v if v else None, "0", **INPUT)
    return FIRST + len(pm.touchpoints) - 1


def _technical_rows(s: Sheet, a: Analysis, last: int) -> int:
    """Absolute (SUMPRODUCT), relative and rank rows under the matrix; returns the relative row."""
    chars = a.project.characteristics
    ti, cs = a.qfd.technical, a.qfd.characteristic_stability
    abs_row, rel_row, rank_row = last + 1, last + 2, last + 3
    for r, key in (
        (abs_row, "xlsx_absolute"),
        (rel_row, "xlsx_relative"),
        (rank_row, "xlsx_rank_ci"),
    ):
        s.text(r, 1, s.book.words(key), bold=True)
    weights = f"$C${FIRST + 1}:$C${last + 1}"
    first_c, last_c = xl_col_to_name(3), xl_col_to_name(2 + len(chars))
    for k in range(len(chars)):
        c = xl_col_to_name(3 + k)
        s.formula(
            abs_row,
            3 + k,
            f"=SUMPRODUCT({weights},{c}{FIRST + 1}:{c}{last + 1})",
            float(ti.absolute[k]),
            "0.00",
        )
        s.formula(
            rel_row,
            3 + k,
            f"={c}{abs_row + 1}/SUM(${first_c}${abs_row + 1}:${last_c}${abs_row + 1})",
            float(ti.relative[k]),
            "0.0%",
        )
        s.text(
            rank_row,
            3 + k,
            tr(
                "rank_interval",
                s.book.lang,
                rank=int(ti.rank[k]),
                low=int(cs.interval[k, 0]),
                high=int(cs.interval[k, 1]),
            ),
        )
    return rel_row


def _characteristics(s: Sheet, a: Analysis, r0: int) -> None:
    chars, cs = a.project.characteristics, a.qfd.characteristic_stability
    lang = s.book.lang
    s.header(r0, [s.book.words(f"xlsx_ch_{c}") for c in CHAR_COLUMNS])
    for k, c in enumerate(chars):
        r = r0 + 1 + k
        s.text(r, 0, c.id)
        s.text(r, 1, c.name)
        s.text(r, 2, c.unit)
        s.text(r, 3, enum_label("direction", c.direction, lang) if c.direction else "")
        s.text(r, 4, enum_label("indicator", c.indicator, lang) if c.indicator else "")
        for j, v in ((5, c.current), (6, c.target), (7, c.competitor), (8, c.difficulty)):
            s.number(r, j, v, "General")
        s.number(r, 9, a.qfd.per_difficulty[k], "0.000")
        for j, scale in ((10, "5-3-1"), (11, "3-2-1"), (12, "9-5-1")):
            s.number(r, j, int(cs.scale_rank[scale][k]), "0")


def _chart(s: Sheet, a: Analysis, rel_row: int, anchor: int) -> None:
    n = len(a.project.characteristics)
    chart = s.book.wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": s.book.words("xlsx_relative"),
            "categories": [s.name, 3, 3, 3, 2 + n],
            "values": [s.name, rel_row, 3, rel_row, 2 + n],
            "fill": {"color": "#ED7D31"},
            "data_labels": {"value": True, "num_format": "0%", "font": {"size": 8}},
        }
    )
    chart.set_title({"name": s.book.words("chart_technical"), "name_font": {"size": 12}})
    chart.set_y_axis({"num_format": "0%", "name": s.book.words("xlsx_relative"), "min": 0})
    chart.set_x_axis({"name": s.book.words("axis_characteristic")})
    chart.set_legend({"none": True})
    chart.set_size({"width": max(480, 60 * n + 160), "height": 360})
    s.chart(anchor, chart)


def roof_sheet(s: Sheet, a: Analysis) -> None:
    q, chars = a.qfd, a.project.characteristics
    lang = s.book.lang
    s.title(0, s.book.words("sheet_roof"))
    heads = ("char_a", "importance_a", "link", "char_b", "importance_b", "among_top")
    s.header(2, [s.book.words(f"xlsx_roof_{h}") for h in heads])
    for i, c in enumerate(q.conflicts):
        r = 3 + i
        s.text(r, 0, f"{chars[c.a].id} {chars[c.a].name}")
        s.number(r, 1, c.importance_a, "0.0%")
        s.text(r, 2, "−−" if c.strength == -2 else "−")
        s.text(r, 3, f"{chars[c.b].id} {chars[c.b].name}")
        s.number(r, 4, c.importance_b, "0.0%")
        s.text(r, 5, words("yes", lang) if c.among_top else "")
    r0 = 3 + len(q.conflicts) + 1
    if not q.conflicts:
        s.note(3, s.book.words("xlsx_no_conflicts"))
        r0 = 5
    casc = q.cascade
    s.subtitle(r0, s.book.words("xlsx_cascade"))
    if not casc.leading:
        s.note(r0 + 1, s.book.words("xlsx_no_cascade"))
        return
    heads = ("leading", "absolute", "relative", "drives")
    s.header(r0 + 1, [s.book.words(f"xlsx_cascade_{h}") for h in heads])
    for i, k in enumerate(casc.leading):
        r = r0 + 2 + i
        s.text(r, 0, f"{chars[k].id} {chars[k].name}")
        s.number(r, 1, float(casc.absolute[i]), "0.00")
        s.number(r, 2, float(casc.relative[i]), "0.0%")
        lagging = np.flatnonzero(casc.matrix[:, i])
        s.text(r, 3, ", ".join(chars[casc.lagging[m]].id for m in lagging))
