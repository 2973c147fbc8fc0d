"""The prioritised touchpoint workbook (``priorities.xlsx``) written with XlsxWriter.

Where a consultant will tweak (λ, targets, sales points, relationship strengths) the cells hold
live formulas that recompute in Excel and LibreOffice, and every formula also stores the value
the engine computed, so viewers that do not recalculate show the right numbers. Text that came
from users is always written as text (never a formula).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from kpi_tree.recommend import recommendation
from workbooks.analysis import Analysis
from workbooks.atomic import atomic_path
from workbooks.deliverables.report import QUADRANT_WORDS, typical_value
from workbooks.locale import note_text
from workbooks.project.schema import enum_label
from workbooks.project.template import FIXED_DATE, write_cell

__all__ = ["write_priorities"]

L = {  # (Russian, English)
    "summary": ("Сводка", "Summary"),
    "planning": ("Матрица планирования", "Planning matrix"),
    "drivers": ("Драйверы", "Drivers"),
    "metrics": ("CX-метрики", "CX metrics"),
    "hoq": ("Дом качества", "House of Quality"),
    "roof": ("Конфликты и каскад", "Conflicts and cascade"),
    "segments": ("Сегменты", "Segments"),
    "kpi": ("Деревья KPI", "KPI trees"),
    "bottlenecks": ("Узкие места", "Bottlenecks"),
    "gaps": ("Пробелы данных", "Data gaps"),
    "method": ("Методика", "Method"),
}
# Planning matrix columns: key, (ru, en), width, explanation (ru, en) for the method sheet
PM_COLS = [
    ("id", ("ID", "ID"), 7, ("Код точки контакта", "Touchpoint code")),
    ("name", ("Точка контакта", "Touchpoint"), 34, ("Название точки контакта", "Touchpoint name")),
    ("stage", ("Этап", "Stage"), 22, ("Этап пути клиента", "Journey stage")),
    (
        "stated",
        ("Заявленная важность I", "Stated importance I"),
        12,
        (
            "Среднее оценок важности (пропуски не считаются)",
            "Mean importance score (blanks excluded)",
        ),
    ),
    (
        "derived",
        ("Производная важность B", "Derived importance B"),
        12,
        (
            "Доля R² точки в модели платёжного поведения (LMG), нормированная к 1",
            "The touchpoint's share of R² in the payment-behaviour model (LMG), normalised to 1",
        ),
    ),
    (
        "blended",
        ("Смешанная важность W0", "Blended importance W0"),
        12,
        (
            "W0 = λ·I/ΣI + (1−λ)·B/ΣB — формула; λ в ячейке над таблицей",
            "W0 = λ·I/ΣI + (1−λ)·B/ΣB — a formula; λ is above the table",
        ),
    ),
    (
        "sat",
        ("Удовлетворённость S", "Satisfaction S"),
        12,
        ("Средняя удовлетворённость", "Mean satisfaction"),
    ),
    (
        "comp",
        ("Конкурент C", "Competitor C"),
        11,
        ("Средняя оценка конкурента", "Mean competitor score"),
    ),
    (
        "target",
        ("Цель T", "Target T"),
        10,
        ("Целевая удовлетворённость — можно менять", "Target satisfaction — editable"),
    ),
    (
        "ratio",
        ("Коэфф. улучшения R", "Improvement ratio R"),
        11,
        ("R = T/S — формула", "R = T/S — a formula"),
    ),
    (
        "sp",
        ("Точка продаж SP", "Sales point SP"),
        10,
        ("1,0 / 1,2 / 1,5 — можно менять", "1.0 / 1.2 / 1.5 — editable"),
    ),
    (
        "raw",
        ("Сырой вес RW", "Raw weight RW"),
        11,
        ("RW = W0·R·SP — формула", "RW = W0·R·SP — a formula"),
    ),
    ("weight", ("Вес w", "Weight w"), 10, ("w = RW/ΣRW — формула", "w = RW/ΣRW — a formula")),
    ("rank", ("Ранг", "Rank"), 7, ("Место по весу — формула", "Place by weight — a formula")),
    (
        "rank_ci",
        ("Ранг, 95% ДИ", "Rank, 95% CI"),
        11,
        ("Интервал ранга по бутстрепу респондентов", "Rank interval from the respondent bootstrap"),
    ),
    (
        "quadrant",
        ("Квадрант", "Quadrant"),
        20,
        (
            "Важность–исполнение: границы по средним W0 и S — формула",
            "Importance–performance: split at the means of W0 and S — a formula",
        ),
    ),
    ("n", ("n", "n"), 6, ("Число ответов об удовлетворённости", "Number of satisfaction answers")),
]


class _Writer:
    def __init__(self, wb, lang: str):
        self.wb, self.lang, self.li = wb, lang, 0 if lang == "ru" else 1
        self.head = wb.add_format(
            {
                "bold": True,
                "bg_color": "#1F4E78",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "valign": "vcenter",
                "border": 1,
            }
        )
        self.title = wb.add_format({"bold": True, "font_size": 14, "font_color": "#1F4E78"})
        self.sub = wb.add_format({"bold": True, "font_size": 11, "font_color": "#1F4E78"})
        self.pct = wb.add_format({"num_format": "0.0%"})
        self.pct0 = wb.add_format({"num_format": "0%"})
        self.num2 = wb.add_format({"num_format": "0.00"})
        self.num3 = wb.add_format({"num_format": "0.000"})
        self.int = wb.add_format({"num_format": "0"})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.input = wb.add_format({"bg_color": "#FFF2CC", "num_format": "0.00", "border": 1})
        self.note = wb.add_format({"italic": True, "font_color": "#7F7F7F", "text_wrap": True})

    def t(self, pair) -> str:
        return pair[self.li]

    def sheet(self, key):
        ws = self.wb.add_worksheet(self.t(L[key]))
        ws.hide_gridlines(2)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide when printed or exported to PDF
        return ws

    def header(self, ws, row, labels, widths=None):
        for j, text in enumerate(labels):
            ws.write_string(row, j, text, self.head)
            if widths:
                ws.set_column(j, j, widths[j])
        ws.set_row(row, 32)

    def num(self, ws, r, c, value, fmt=None):
        write_cell(
            ws,
            r,
            c,
            None
            if value is None or (isinstance(value, float) and math.isnan(value))
            else float(value),
            fmt,
        )


def _f(x) -> float:
    return float(x) if x is not None and np.isfinite(x) else 0.0


def _planning(w: _Writer, a: Analysis, ws) -> dict:
    """The live planning matrix; returns cell addresses the other sheets link to."""
    pm = a.qfd.planning
    tps = {t.id: t for t in a.project.touchpoints}
    stab = a.qfd.touchpoint_stability
    ws.write_string(0, 0, w.t(L["planning"]), w.title)
    ws.write_string(1, 0, "λ", w.sub)
    ws.write_number(1, 1, pm.blend_lambda, w.input)
    ws.write_string(
        1,
        2,
        w.t(
            (
                "← доля заявленной важности; измените, и веса пересчитаются",
                "← weight of stated importance; change it and the weights recompute",
            )
        ),
        w.note,
    )
    top = 3
    w.header(ws, top, [w.t(c[1]) for c in PM_COLS], [c[2] for c in PM_COLS])
    col = {c[0]: j for j, c in enumerate(PM_COLS)}
    n = len(pm.touchpoints)
    first, last = top + 1, top + n
    lam = "$B$2"

    def rng(key):
        c = xl_col_to_name(col[key])
        return f"${c}${first + 1}:${c}${last + 1}"

    sum_stated, sum_derived = float(np.nansum(pm.stated)), float(pm.derived.sum())
    mean_w0, mean_s = float(np.mean(pm.blended)), float(np.nanmean(pm.satisfaction))
    for i, j in enumerate(np.argsort(pm.rank)):
        r = first + i
        tp = tps[pm.touchpoints[j]]
        ws.write_string(r, col["id"], tp.id)
        ws.write_string(r, col["name"], tp.name)
        ws.write_string(r, col["stage"], tp.stage)
        w.num(ws, r, col["stated"], pm.stated[j], w.num2)
        w.num(ws, r, col["derived"], pm.derived[j], w.pct)
        cell = lambda key, r=r: xl_rowcol_to_cell(r, col[key])  # noqa: E731 - local shorthand
        w0 = f"={lam}*{cell('stated')}/SUM({rng('stated')})+(1-{lam})*{cell('derived')}/SUM({rng('derived')})"
        w0_value = (
            pm.blend_lambda * _f(pm.stated[j]) / sum_stated
            + (1 - pm.blend_lambda) * pm.derived[j] / sum_derived
        )
        ws.write_formula(r, col["blended"], w0, w.pct, w0_value)
        w.num(ws, r, col["sat"], pm.satisfaction[j], w.num2)
        w.num(ws, r, col["comp"], pm.competitor[j], w.num2)
        ws.write_number(r, col["target"], float(pm.target[j]), w.input)
        ws.write_formula(
            r, col["ratio"], f"={cell('target')}/{cell('sat')}", w.num2, float(pm.improvement[j])
        )
        ws.write_number(r, col["sp"], float(pm.sales_point[j]), w.input)
        ws.write_formula(
            r,
            col["raw"],
            f"={cell('blended')}*{cell('ratio')}*{cell('sp')}",
            w.num3,
            float(pm.raw_weight[j]),
        )
        ws.write_formula(
            r, col["weight"], f"={cell('raw')}/SUM({rng('raw')})", w.pct, float(pm.weight[j])
        )
        ws.write_formula(
            r, col["rank"], f"=RANK({cell('weight')},{rng('weight')})", w.int, int(pm.rank[j])
        )
        ws.write_string(r, col["rank_ci"], f"{stab.interval[j, 0]}–{stab.interval[j, 1]}")
        words = {k: w.t(v) for k, v in QUADRANT_WORDS.items()}
        quad = (
            f"=IF({cell('blended')}>=AVERAGE({rng('blended')}),IF({cell('sat')}>=AVERAGE({rng('sat')}),"
            f'"{words["keep_up"]}","{words["concentrate"]}"),IF({cell("sat")}>=AVERAGE({rng("sat")}),'
            f'"{words["overkill"]}","{words["low_priority"]}"))'
        )
        ws.write_formula(r, col["quadrant"], quad, None, words[pm.quadrant[j]])
        w.num(ws, r, col["n"], pm.satisfaction_n[j], w.int)
    ws.conditional_format(
        first, col["weight"], last, col["weight"], {"type": "data_bar", "bar_color": "#5B9BD5"}
    )
    ws.conditional_format(first, col["sat"], last, col["sat"], {"type": "3_color_scale"})
    ws.freeze_panes(first, 2)
    ws.write_string(
        last + 2,
        0,
        w.t(
            (
                f"Квадранты: граница по средним W0 = {mean_w0:.1%} и S = {mean_s:.2f}. "
                "Жёлтые ячейки можно менять — веса и ранги пересчитаются.",
                f"Quadrants split at the means W0 = {mean_w0:.1%} and S = {mean_s:.2f}. "
                "Yellow cells are editable: weights and ranks recompute.",
            )
        ),
        w.note,
    )
    # Importance–performance scatter
    chart = w.wb.add_chart({"type": "scatter"})
    name = w.t(L["planning"])
    chart.add_series(
        {
            "name": w.t(("Точки контакта", "Touchpoints")),
            "categories": [name, first, col["blended"], last, col["blended"]],
            "values": [name, first, col["sat"], last, col["sat"]],
            "marker": {"type": "circle", "size": 8},
            "data_labels": {
                "custom": [
                    {"value": f"='{name}'!{xl_rowcol_to_cell(r, col['id'])}"}
                    for r in range(first, last + 1)
                ],
                "position": "right",
            },
        }
    )
    chart.set_title({"name": w.t(("Важность – исполнение", "Importance – performance"))})
    chart.set_x_axis(
        {
            "name": w.t(("Смешанная важность W0", "Blended importance W0")),
            "num_format": "0%",
            "crossing": mean_w0,
        }
    )
    chart.set_y_axis({"name": w.t(("Удовлетворённость", "Satisfaction")), "crossing": mean_s})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": 460})
    ws.insert_chart(last + 4, 1, chart)
    return {
        "weight_cells": {
            pm.touchpoints[j]: f"'{name}'!{xl_rowcol_to_cell(first + i, col['weight'])}"
            for i, j in enumerate(np.argsort(pm.rank))
        },
        "weight_values": {pm.touchpoints[j]: float(pm.weight[j]) for j in range(n)},
    }


def _drivers(w: _Writer, a: Analysis, ws) -> None:
    rep, ri = a.drivers, a.drivers.importance
    names = {t.id: t.name for t in a.project.touchpoints}
    ws.write_string(0, 0, w.t(L["drivers"]), w.title)
    ws.write_string(
        1,
        0,
        w.t(("Результат: ", "Outcome: "))
        + rep.outcome.label()
        + f"; n = {ri.n}; R² = {ri.r_squared:.3f}; adj. R² = {ri.adjusted_r_squared:.3f}; "
        + f"{ri.method.upper()}, {ri.missing}; B = {ri.bootstrap}, seed = {ri.seed}",
    )
    cols = [
        ("ID", "ID"),
        ("Точка контакта", "Touchpoint"),
        ("Доля R²", "R² share"),
        ("ДИ низ", "CI low"),
        ("ДИ верх", "CI high"),
        ("Ранг", "Rank"),
        ("Ранг ДИ", "Rank CI"),
        ("β", "β"),
        ("β ДИ низ", "β CI low"),
        ("β ДИ верх", "β CI high"),
        ("p", "p"),
        ("VIF", "VIF"),
        ("n", "n"),
    ]
    w.header(ws, 3, [w.t(c) for c in cols], [7, 34, 10, 9, 9, 7, 9, 8, 9, 9, 8, 7, 6])
    included = [t for t, k in zip(rep.touchpoints, rep.included, strict=True) if k]
    order = np.argsort(-ri.shares, kind="stable")
    for i, k in enumerate(order):
        r = 4 + i
        tp = included[k]
        ws.write_string(r, 0, tp)
        ws.write_string(r, 1, names.get(tp, tp))
        w.num(ws, r, 2, ri.shares[k], w.pct)
        if ri.share_ci is not None:
            w.num(ws, r, 3, ri.share_ci[k, 0], w.pct)
            w.num(ws, r, 4, ri.share_ci[k, 1], w.pct)
            ws.write_string(r, 6, f"{ri.rank_ci[k, 0]}–{ri.rank_ci[k, 1]}")
        ws.write_number(r, 5, i + 1, w.int)
        b = rep.betas
        if b is not None and tp in b.names:
            m = b.names.index(tp)
            for c, v in (
                (7, b.beta[m]),
                (8, b.ci[m, 0]),
                (9, b.ci[m, 1]),
                (10, b.p_value[m]),
                (11, b.vif[m]),
            ):
                w.num(ws, r, c, v, w.num3 if c == 10 else w.num2)
        w.num(ws, r, 12, ri.n_pairwise[k], w.int)
    last = 3 + len(order)
    notes_row = last + 2
    ws.write_string(notes_row, 0, w.t(("Предупреждения", "Warnings")), w.sub)
    for i, note in enumerate(rep.warnings):
        ws.write_string(notes_row + 1 + i, 0, "• " + note_text(note, w.lang))
    if ri.share_ci is not None:
        name = w.t(L["drivers"])
        chart = w.wb.add_chart({"type": "bar"})
        plus = [float(ri.share_ci[k, 1] - ri.shares[k]) for k in order]
        minus = [float(ri.shares[k] - ri.share_ci[k, 0]) for k in order]
        chart.add_series(
            {
                "name": w.t(("Доля R²", "R² share")),
                "categories": [name, 4, 0, last, 0],
                "values": [name, 4, 2, last, 2],
                "y_error_bars": {"type": "custom", "plus_values": plus, "minus_values": minus},
                "fill": {"color": "#5B9BD5"},
            }
        )
        chart.set_title(
            {
                "name": w.t(
                    ("Вклад точек контакта в R² (95% ДИ)", "Touchpoint shares of R² (95% CI)")
                )
            }
        )
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"num_format": "0%"})
        chart.set_legend({"none": True})
        chart.set_size({"width": 640, "height": 420})
        ws.insert_chart(3, 14, chart)
    ws.freeze_panes(4, 2)


def _metrics(w: _Writer, a: Analysis, ws) -> None:
    ws.write_string(0, 0, w.t(L["metrics"]), w.title)
    cols = [
        ("Сегмент", "Segment"),
        ("ID", "ID"),
        ("n", "n"),
        ("Среднее", "Mean"),
        ("ДИ низ", "CI low"),
        ("ДИ верх", "CI high"),
        ("Топ-2", "Top-2"),
        ("Топ-2 низ", "Top-2 low"),
        ("Топ-2 верх", "Top-2 high"),
        ("CSI", "CSI"),
        ("Ориентировочно (n<30)", "Indicative (n<30)"),
        ("Не пользовались", "Not experienced"),
        ("Затруднились", "Don't know"),
    ]
    w.header(ws, 2, [w.t(c) for c in cols], [24, 7, 6, 9, 9, 9, 8, 9, 9, 7, 12, 12, 12])
    all_word = w.t(("Все", "All"))
    for i, m in enumerate(a.metrics):
        r = 3 + i
        ws.write_string(r, 0, all_word if m.segment == "*" else m.segment)
        ws.write_string(r, 1, m.touchpoint)
        ws.write_number(r, 2, m.mean.n, w.int)
        for c, v, f in (
            (3, m.mean.value, w.num2),
            (4, m.mean.low, w.num2),
            (5, m.mean.high, w.num2),
            (6, m.top2.value, w.pct0),
            (7, m.top2.low, w.pct0),
            (8, m.top2.high, w.pct0),
            (9, m.csi.value, w.int),
        ):
            w.num(ws, r, c, v, f)
        ws.write_string(r, 10, w.t(("да", "yes")) if m.mean.indicative else "")
        ws.write_number(r, 11, m.not_experienced)
        ws.write_number(r, 12, m.dont_know)
    last = 2 + len(a.metrics)
    ws.conditional_format(3, 9, last, 9, {"type": "3_color_scale"})
    ws.autofilter(2, 0, last, len(cols) - 1)
    ws.freeze_panes(3, 2)
    if a.comparisons:
        r0 = last + 2
        ws.write_string(
            r0,
            0,
            w.t(("Сравнение сегментов (поправка Холма)", "Segment comparisons (Holm-corrected)")),
            w.sub,
        )
        heads = [
            ("ID", "ID"),
            ("Мера", "Metric"),
            ("Сегменты", "Segments"),
            ("Тест", "Test"),
            ("Статистика", "Statistic"),
            ("p", "p"),
            ("p (Холм)", "p (Holm)"),
        ]
        w.header(ws, r0 + 1, [w.t(h) for h in heads])
        for i, c in enumerate(a.comparisons):
            r = r0 + 2 + i
            ws.write_string(r, 0, c.touchpoint)
            ws.write_string(r, 1, c.metric)
            ws.write_string(r, 2, " vs ".join(c.groups))
            ws.write_string(r, 3, c.test)
            ws.write_number(r, 4, c.statistic, w.num2)
            ws.write_number(r, 5, c.p_value, w.num3)
            ws.write_number(r, 6, c.p_holm, w.num3)


def _hoq(w: _Writer, a: Analysis, ws, links: dict) -> None:
    q, chars = a.qfd, a.project.characteristics
    ws.write_string(0, 0, w.t(L["hoq"]), w.title)
    ws.write_string(
        1,
        0,
        w.t(
            (
                "Связи 9 / 3 / 1 (можно менять); строка «Абсолютная» — СУММПРОИЗВ весов и связей",
                "Relationships 9 / 3 / 1 (editable); the 'Absolute' row is SUMPRODUCT of weights and relationships",
            )
        ),
        w.note,
    )
    if not chars:
        return
    heads = [
        w.t(("ID", "ID")),
        w.t(("Точка контакта", "Touchpoint")),
        w.t(("Вес w", "Weight w")),
    ] + [c.id for c in chars]
    w.header(ws, 3, heads, [7, 30, 9] + [9] * len(chars))
    for k, c in enumerate(chars):
        ws.write_comment(3, 3 + k, f"{c.name} ({c.unit})")
    tp_ids = list(a.qfd.planning.touchpoints)
    order = [tp_ids[j] for j in np.argsort(a.qfd.planning.rank)]
    names = {t.id: t.name for t in a.project.touchpoints}
    row_of = {t: i for i, t in enumerate(a.project.touchpoint_ids)}
    first = 4
    for i, tp in enumerate(order):
        r = first + i
        ws.write_string(r, 0, tp)
        ws.write_string(r, 1, names[tp])
        ws.write_formula(r, 2, f"={links['weight_cells'][tp]}", w.pct, links["weight_values"][tp])
        for k in range(len(chars)):
            v = float(a.project.relationships[row_of[tp], k])
            if v:
                ws.write_number(r, 3 + k, v, w.input)
            else:
                ws.write_blank(r, 3 + k, None, w.input)
    last = first + len(order) - 1
    weights = f"$C${first + 1}:$C${last + 1}"
    abs_row, rel_row, rank_row = last + 1, last + 2, last + 3
    ws.write_string(abs_row, 1, w.t(("Абсолютная важность", "Absolute importance")), w.sub)
    ws.write_string(rel_row, 1, w.t(("Относительная важность", "Relative importance")), w.sub)
    ws.write_string(rank_row, 1, w.t(("Ранг [95% ДИ]", "Rank [95% CI]")), w.sub)
    ti, cs = q.technical, q.characteristic_stability
    first_c, last_c = xl_col_to_name(3), xl_col_to_name(2 + len(chars))
    for k in range(len(chars)):
        c = xl_col_to_name(3 + k)
        ws.write_formula(
            abs_row,
            3 + k,
            f"=SUMPRODUCT({weights},{c}{first + 1}:{c}{last + 1})",
            w.num2,
            float(ti.absolute[k]),
        )
        ws.write_formula(
            rel_row,
            3 + k,
            f"={c}{abs_row + 1}/SUM(${first_c}${abs_row + 1}:${last_c}${abs_row + 1})",
            w.pct,
            float(ti.relative[k]),
        )
        ws.write_string(rank_row, 3 + k, f"{ti.rank[k]} [{cs.interval[k, 0]}–{cs.interval[k, 1]}]")
    ws.conditional_format(
        rel_row, 3, rel_row, 2 + len(chars), {"type": "data_bar", "bar_color": "#ED7D31"}
    )
    # characteristics table with stability
    r0 = rank_row + 2
    heads = [
        ("ID", "ID"),
        ("Характеристика", "Characteristic"),
        ("Ед.", "Unit"),
        ("Направление", "Direction"),
        ("Тип", "Type"),
        ("Текущее", "Current"),
        ("Цель", "Target"),
        ("Конкурент", "Competitor"),
        ("Сложность", "Difficulty"),
        ("Отн. важность / сложность", "Relative / difficulty"),
        ("Ранг 5-3-1", "Rank 5-3-1"),
        ("Ранг 3-2-1", "Rank 3-2-1"),
        ("Ранг 9-5-1", "Rank 9-5-1"),
    ]
    w.header(ws, r0, [w.t(h) for h in heads])
    for k, c in enumerate(chars):
        r = r0 + 1 + k
        for j, v in enumerate((c.id, c.name, c.unit, c.direction, c.indicator)):
            ws.write_string(r, j, str(v))
        for j, v in (
            (5, c.current),
            (6, c.target),
            (7, c.competitor),
            (8, c.difficulty),
            (9, q.per_difficulty[k]),
        ):
            w.num(ws, r, j, v, w.num3 if j == 9 else None)
        for j, scale in ((10, "5-3-1"), (11, "3-2-1"), (12, "9-5-1")):
            ws.write_number(r, j, int(cs.scale_rank[scale][k]))
    taus = "; ".join(f"{s}: τ = {v:.2f}" for s, v in cs.scale_tau.items() if s != "9-3-1")
    ws.write_string(
        r0 + len(chars) + 2,
        0,
        w.t(
            (
                "Устойчивость к шкале (τ Кендалла с 9-3-1): ",
                "Robustness to the scale (Kendall τ vs 9-3-1): ",
            )
        )
        + taus,
        w.note,
    )
    chart = w.wb.add_chart({"type": "column"})
    name = w.t(L["hoq"])
    chart.add_series(
        {
            "name": w.t(("Относительная важность", "Relative importance")),
            "categories": [name, 3, 3, 3, 2 + len(chars)],
            "values": [name, rel_row, 3, rel_row, 2 + len(chars)],
            "fill": {"color": "#ED7D31"},
        }
    )
    chart.set_title(
        {
            "name": w.t(
                ("Техническая важность характеристик", "Technical importance of characteristics")
            )
        }
    )
    chart.set_y_axis({"num_format": "0%"})
    chart.set_legend({"none": True})
    ws.insert_chart(r0 + len(chars) + 4, 1, chart)
    ws.freeze_panes(4, 3)


def _roof(w: _Writer, a: Analysis, ws) -> None:
    q, chars = a.qfd, a.project.characteristics
    ws.write_string(0, 0, w.t(L["roof"]), w.title)
    w.header(
        ws,
        2,
        [
            w.t(h)
            for h in (
                ("Характеристика A", "Characteristic A"),
                ("Важность A", "Importance A"),
                ("Связь", "Link"),
                ("Характеристика B", "Characteristic B"),
                ("Важность B", "Importance B"),
                ("Обе среди важнейших", "Both among the top"),
            )
        ],
        [36, 12, 8, 36, 12, 18],
    )
    for i, c in enumerate(q.conflicts):
        r = 3 + i
        ws.write_string(r, 0, f"{chars[c.a].id} {chars[c.a].name}")
        ws.write_number(r, 1, c.importance_a, w.pct)
        ws.write_string(r, 2, "−−" if c.strength == -2 else "−")
        ws.write_string(r, 3, f"{chars[c.b].id} {chars[c.b].name}")
        ws.write_number(r, 4, c.importance_b, w.pct)
        ws.write_string(r, 5, w.t(("да", "yes")) if c.among_top else "")
    r0 = 5 + len(q.conflicts)
    ws.write_string(
        r0,
        0,
        w.t(("Каскад (фаза 2): опережающие показатели", "Cascade (phase 2): leading indicators")),
        w.sub,
    )
    w.header(
        ws,
        r0 + 1,
        [
            w.t(h)
            for h in (
                ("Опережающий показатель", "Leading indicator"),
                ("Абсолютная", "Absolute"),
                ("Относительная", "Relative"),
                ("Влияет на", "Drives"),
            )
        ],
    )
    casc = q.cascade
    for i, k in enumerate(casc.leading):
        r = r0 + 2 + i
        ws.write_string(r, 0, f"{chars[k].id} {chars[k].name}")
        ws.write_number(r, 1, float(casc.absolute[i]), w.num2)
        ws.write_number(r, 2, float(casc.relative[i]), w.pct)
        ws.write_string(
            r, 3, ", ".join(chars[casc.lagging[m]].id for m in np.flatnonzero(casc.matrix[:, i]))
        )


def _segments(w: _Writer, a: Analysis, ws) -> None:
    ws.write_string(0, 0, w.t(L["segments"]), w.title)
    cl = a.clusters
    if cl is None:
        ws.write_string(
            2,
            0,
            w.t(
                (
                    "Сегментация не построена (мало клиентов или признаков)",
                    "No segmentation (too few clients or attributes)",
                )
            ),
        )
        return
    seg, prio = cl.segmentation, cl.priority
    ws.write_string(
        1,
        0,
        f"k-means, k = {seg.k}; silhouette: "
        + ", ".join(f"k={k}: {v:.3f}" for k, v in seg.silhouette.items() if v == v)
        + f"; seed = {seg.seed}, n_init = {seg.n_init}",
    )
    heads = [
        ("Сегмент", "Segment"),
        ("Портрет", "Portrait"),
        ("Клиентов", "Clients"),
        ("Доля", "Share"),
        ("Доля выручки", "Revenue share"),
        ("Интервью", "Interviews"),
        ("CSI", "CSI"),
        ("Отличительные признаки (индекс)", "Distinguishing features (index)"),
        ("Типичные значения", "Typical values"),
        ("Приоритет", "Priority"),
    ]
    w.header(ws, 3, [w.t(h) for h in heads], [9, 40, 9, 8, 10, 9, 7, 60, 60, 9])
    place = {s: i + 1 for i, s in enumerate(prio.order)}
    for i, p in enumerate(cl.portraits):
        r = 4 + i
        ws.write_string(r, 0, f"S{p.segment + 1}")
        ws.write_string(r, 1, p.name, w.wrap)
        ws.write_number(r, 2, p.size)
        ws.write_number(r, 3, p.share, w.pct0)
        ws.write_number(r, 4, p.revenue_share, w.pct0)
        ws.write_number(r, 5, prio.respondents[p.segment])
        w.num(ws, r, 6, prio.csi[p.segment], w.int)
        ws.write_string(r, 7, "; ".join(f"{f}: {v:.0f}" for f, v in p.distinguishing), w.wrap)
        ws.write_string(
            r,
            8,
            "; ".join(f"{k}: {typical_value(v)}" for k, v in p.typical.items()),
            w.wrap,
        )
        ws.write_number(r, 9, place[p.segment])
        ws.set_row(r, 45)
    ws.write_string(
        6 + len(cl.portraits),
        0,
        w.t(("Правило приоритета: ", "Priority rule: ")) + note_text(prio.rule, w.lang),
        w.note,
    )


def _kpi(w: _Writer, a: Analysis, ws) -> None:
    ws.write_string(0, 0, w.t(L["kpi"]), w.title)
    heads = [
        ("KPI", "KPI"),
        ("Название", "Name"),
        ("Уровень", "Level"),
        ("База", "Baseline"),
        ("Факт", "Actual"),
        ("Цель", "Target"),
        ("Выполнение", "Attainment"),
        ("Свёртка причин", "Roll-up of causes"),
        ("Влияние на деньги", "Influence on money"),
        ("Доля в недоборе", "Share of shortfall"),
        ("Если на цель", "If on target"),
        ("Источник", "Source"),
    ]
    r = 2
    names = {t.id: t.name for t in a.project.touchpoints}
    for tp, an in a.kpi.analyses.items():
        tree = a.kpi.trees[tp]
        ws.write_string(r, 0, f"{tp} {names.get(tp, '')}", w.sub)
        r += 1
        w.header(ws, r, [w.t(h) for h in heads], [9, 44, 13, 9, 9, 9, 11, 11, 11, 11, 11, 20])
        start = r + 1
        order = sorted(
            an.nodes.values(),
            key=lambda x: (
                {"financial": 0, "client": 1, "process": 2, "competence": 3}[x.level],
                x.kpi,
            ),
        )
        for res in order:
            r += 1
            k = tree.nodes[res.kpi]["kpi"]
            ws.write_string(r, 0, ("▶ " if res.kpi == an.bottleneck else "") + res.kpi)
            ws.write_string(r, 1, k.name)
            ws.write_string(r, 2, enum_label("level", res.level, w.lang))
            for c, v in ((3, k.baseline), (4, k.actual), (5, k.target)):
                w.num(ws, r, c, v)
            w.num(ws, r, 6, res.attainment, w.pct0)
            w.num(ws, r, 7, np.nan if math.isnan(res.rolled_up) else res.rolled_up, w.pct0)
            w.num(ws, r, 8, res.influence, w.num2)
            w.num(ws, r, 9, res.share, w.pct0)
            w.num(ws, r, 10, res.what_if, w.pct0)
            ws.write_string(r, 11, k.source or "—")
        ws.conditional_format(
            start,
            6,
            r,
            6,
            {
                "type": "icon_set",
                "icon_style": "3_traffic_lights",
                "icons": [
                    {"criteria": ">=", "type": "number", "value": 0.8},
                    {"criteria": ">=", "type": "number", "value": 0.5},
                    {"criteria": "<", "type": "number", "value": 0.5},
                ],
            },
        )
        r += 2


def _bottlenecks(w: _Writer, a: Analysis, ws) -> None:

    ws.write_string(0, 0, w.t(L["bottlenecks"]), w.title)
    w.header(
        ws,
        2,
        [
            w.t(h)
            for h in (
                ("#", "#"),
                ("Точка контакта", "Touchpoint"),
                ("KPI", "KPI"),
                ("Оценка (доля × вес QFD)", "Score (share × QFD weight)"),
                ("Рекомендация", "Recommendation"),
            )
        ],
        [5, 9, 9, 14, 120],
    )
    for i, (tp, kpi, score) in enumerate(a.kpi.actions):
        r = 3 + i
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 1, tp)
        ws.write_string(r, 2, kpi)
        ws.write_number(r, 3, score, w.num3)
        ws.write_string(r, 4, _recommendation_text(a, tp, w.lang), w.wrap)
        ws.set_row(r, 48)
    r0 = 5 + len(a.kpi.actions)
    ws.write_string(r0, 0, w.t(("Узкие места процессов", "Process bottlenecks")), w.sub)
    heads = [
        ("Точка", "Touchpoint"),
        ("Шаг", "Step"),
        ("Мощность", "Capacity"),
        ("Спрос", "Demand"),
        ("Загрузка", "Utilisation"),
        ("Ожидание, ч", "Waiting, h"),
        ("Узкое место", "Bottleneck"),
    ]
    w.header(ws, r0 + 1, [w.t(h) for h in heads])
    r = r0 + 1
    for tp, p in a.kpi.processes.items():
        for s in p.steps:
            r += 1
            ws.write_string(r, 0, tp)
            ws.write_string(r, 1, s.step)
            ws.write_number(r, 2, s.capacity)
            ws.write_number(r, 3, s.demand)
            if math.isfinite(s.utilisation):
                ws.write_number(r, 4, s.utilisation, w.pct0)
            else:
                ws.write_string(r, 4, "∞")
            if math.isfinite(s.wait_hours):
                ws.write_number(r, 5, s.wait_hours, w.num2)
            else:
                ws.write_string(r, 5, "∞")
            ws.write_string(r, 6, "▶" if s.step in p.cut else "")
    ws.conditional_format(
        r0 + 2,
        4,
        r,
        4,
        {
            "type": "3_color_scale",
            "min_color": "#63BE7B",
            "mid_color": "#FFEB84",
            "max_color": "#F8696B",
        },
    )


def _gaps(w: _Writer, a: Analysis, ws) -> None:
    audit = a.kpi.audit
    ws.write_string(0, 0, w.t(L["gaps"]), w.title)
    w.header(
        ws,
        2,
        [
            w.t(h)
            for h in (
                ("Уровень", "Level"),
                ("С источником", "With source"),
                ("Всего", "Total"),
                ("Покрытие", "Coverage"),
            )
        ],
        [16, 14, 8, 10],
    )
    for i, (level, (have, total)) in enumerate(audit.coverage_by_level.items()):
        ws.write_string(3 + i, 0, enum_label("level", level, w.lang))
        ws.write_number(3 + i, 1, have)
        ws.write_number(3 + i, 2, total)
        ws.write_number(3 + i, 3, have / total, w.pct0)
    r0 = 5 + len(audit.coverage_by_level)
    ws.write_string(r0, 0, w.t(("KPI без источника данных", "KPIs without a data source")), w.sub)
    w.header(
        ws,
        r0 + 1,
        [
            w.t(h)
            for h in (
                ("KPI", "KPI"),
                ("Название", "Name"),
                ("Точка", "Touchpoint"),
                ("Уровень", "Level"),
                ("Кто мог бы поставлять", "Could be fed by"),
            )
        ],
    )
    ws.set_column(1, 1, 44)
    ws.set_column(4, 4, 40)
    for i, row in enumerate(audit.missing):
        r = r0 + 2 + i
        for j, v in enumerate(
            (
                row.kpi,
                row.name,
                row.touchpoint,
                enum_label("level", row.level, w.lang),
                ", ".join(row.suggested) or "—",
            )
        ):
            ws.write_string(r, j, v)
    r1 = r0 + 3 + len(audit.missing)
    ws.write_string(
        r1,
        0,
        w.t(("Доля KPI с автоматическим обновлением: ", "Share of KPIs updated automatically: "))
        + f"{audit.automated_share:.0%}",
    )


def _summary(w: _Writer, a: Analysis, ws) -> None:
    pm, q = a.qfd.planning, a.qfd
    names = {t.id: t.name for t in a.project.touchpoints}
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 46)
    ws.set_column(2, 4, 16)
    ws.write_string(
        0,
        1,
        w.t(("Приоритеты точек контакта", "Touchpoint priorities")) + f": {a.project.source.name}",
        w.title,
    )
    ri = a.drivers.importance
    ws.write_string(
        1,
        1,
        w.t(("Респондентов", "Respondents"))
        + f": {a.project.interviews.n}; "
        + w.t(("с результатом", "with an outcome"))
        + f": {ri.n}; R² = {ri.r_squared:.2f}; "
        + w.t(("зерно", "seed"))
        + f" {a.project.settings.seed}; B = {ri.bootstrap}",
    )
    r = 3
    ws.write_string(r, 1, w.t(("Главные точки контакта", "Top touchpoints")), w.sub)
    w.header(
        ws,
        r + 1,
        [
            w.t(h)
            for h in (
                ("#", "#"),
                ("Точка контакта", "Touchpoint"),
                ("Вес", "Weight"),
                ("Ранг [ДИ]", "Rank [CI]"),
                ("Квадрант", "Quadrant"),
            )
        ],
    )
    stab = q.touchpoint_stability
    for i, j in enumerate(np.argsort(pm.rank)[:5]):
        rr = r + 2 + i
        ws.write_number(rr, 0, i + 1)
        ws.write_string(rr, 1, f"{pm.touchpoints[j]} {names[pm.touchpoints[j]]}")
        ws.write_number(rr, 2, float(pm.weight[j]), w.pct)
        ws.write_string(rr, 3, f"{pm.rank[j]} [{stab.interval[j, 0]}–{stab.interval[j, 1]}]")
        ws.write_string(rr, 4, w.t(QUADRANT_WORDS[pm.quadrant[j]]))
    r += 8
    chars = a.project.characteristics
    if chars:
        ws.write_string(r, 1, w.t(("Главные характеристики", "Top characteristics")), w.sub)
        for i, k in enumerate(np.argsort(q.technical.rank)[:3]):
            ws.write_string(r + 1 + i, 1, f"{chars[k].id} {chars[k].name}")
            ws.write_number(r + 1 + i, 2, float(q.technical.relative[k]), w.pct)
        r += 5
    ws.write_string(r, 1, w.t(("Узкие места", "Bottlenecks")), w.sub)
    for i, (tp, kpi, _) in enumerate(a.kpi.actions[:3]):
        node = a.kpi.analyses[tp].nodes[kpi]
        ws.write_string(r + 1 + i, 1, f"{tp}: {kpi} {a.kpi.trees[tp].nodes[kpi]['kpi'].name}")
        ws.write_string(r + 1 + i, 2, enum_label("level", node.level, w.lang))
    for tp, p in a.kpi.processes.items():
        if p.overloaded:
            i += 1
            ws.write_string(r + 1 + i, 1, f"{tp}: {w.t(('процесс', 'process'))} «{p.bottleneck}»")
    r += 6
    ws.write_string(r, 1, w.t(("Главные предупреждения", "Key warnings")), w.sub)
    for i, n in enumerate(a.drivers.warnings[:6]):
        ws.merge_range(r + 1 + i, 1, r + 1 + i, 4, "• " + note_text(n, w.lang), w.wrap)
        ws.set_row(r + 1 + i, 30)


def _method(w: _Writer, ws) -> None:
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 110)
    ws.write_string(0, 0, w.t(L["method"]), w.title)
    rows = [(w.t(c[1]), w.t(c[3])) for c in PM_COLS]
    rows += [
        (
            w.t(("Доля R² (LMG)", "R² share (LMG)")),
            w.t(
                (
                    "Средний по всем порядкам включения прирост R², когда точка входит в модель; доли ≥ 0 и в сумме дают R². "
                    "Интервалы — бутстреп по респондентам (зерно и число выборок указаны на листе).",
                    "The average R² gain over all orders of entry when the touchpoint enters the model; shares are ≥ 0 and add "
                    "up to R². Intervals come from the respondent bootstrap (seed and replicates on the sheet).",
                )
            ),
        ),
        (
            "β",
            w.t(
                (
                    "Стандартизованный коэффициент регрессии; при коллинеарности и малом n неустойчив — ранжируйте по долям R².",
                    "Standardised regression coefficient; unstable under collinearity and small n — rank by the R² shares.",
                )
            ),
        ),
        (
            "VIF",
            w.t(
                (
                    "Фактор инфляции дисперсии; > 10 — сильная мультиколлинеарность.",
                    "Variance inflation factor; > 10 means strong collinearity.",
                )
            ),
        ),
        (
            w.t(("Техническая важность", "Technical importance")),
            w.t(
                (
                    "TI = Σ w·r по точкам контакта (шкала 9-3-1); относительная — доля от суммы. Живая формула СУММПРОИЗВ.",
                    "TI = Σ w·r over touchpoints (9-3-1 scale); relative = share of the total. A live SUMPRODUCT formula.",
                )
            ),
        ),
        (
            w.t(("Доля в недоборе", "Share of shortfall")),
            w.t(
                (
                    "Влияние KPI на финансовый KPI × его собственный разрыв (за вычетом объяснённого причинами); доли в сумме дают разрыв финансового KPI.",
                    "The KPI's influence on the financial KPI × its own gap (minus what its causes explain); the shares add up to the financial KPI's gap.",
                )
            ),
        ),
        (
            w.t(("Если на цель", "If on target")),
            w.t(
                (
                    "На сколько приблизится к цели финансовый KPI, если этот KPI выйдет на цель (по весам дерева).",
                    "How much closer to target the financial KPI gets if this KPI reaches its target (through the tree weights).",
                )
            ),
        ),
        (
            "CSI",
            w.t(
                (
                    "Индекс удовлетворённости 0–100: 100·(среднее − min)/(max − min).",
                    "Satisfaction index 0–100: 100·(mean − min)/(max − min).",
                )
            ),
        ),
        (
            w.t(("Топ-2", "Top-2")),
            w.t(
                (
                    "Доля двух высших баллов шкалы; интервал Уилсона.",
                    "Share of the two top scale points; Wilson interval.",
                )
            ),
        ),
    ]
    w.header(ws, 2, [w.t(("Показатель", "Measure")), w.t(("Что означает", "What it means"))])
    for i, (k, v) in enumerate(rows):
        ws.write_string(3 + i, 0, k, w.wrap)
        ws.write_string(3 + i, 1, v, w.wrap)


def write_priorities(
    analysis: Analysis, path: str | Path, *, lang: str = "ru", force: bool = True
) -> Path:
    """Write ``priorities.xlsx`` for an analysed project."""
    path = Path(path)
    with atomic_path(path, force) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        wb.set_properties(
            {"created": FIXED_DATE, "author": "qfdkpi", "title": "Touchpoint priorities"}
        )
        w = _Writer(wb, lang)
        sheets = {key: w.sheet(key) for key in L}
        links = _planning(w, analysis, sheets["planning"])
        _summary(w, analysis, sheets["summary"])
        _drivers(w, analysis, sheets["drivers"])
        _metrics(w, analysis, sheets["metrics"])
        _hoq(w, analysis, sheets["hoq"], links)
        _roof(w, analysis, sheets["roof"])
        _segments(w, analysis, sheets["segments"])
        _kpi(w, analysis, sheets["kpi"])
        _bottlenecks(w, analysis, sheets["bottlenecks"])
        _gaps(w, analysis, sheets["gaps"])
        _method(w, sheets["method"])
        sheets["summary"].activate()
        wb.close()
    return path


def _recommendation_text(a: Analysis, tp: str, lang: str) -> str:
    rec = recommendation(a.kpi.analyses[tp], a.kpi.trees[tp])
    return note_text(rec, lang) if rec is not None else ""
