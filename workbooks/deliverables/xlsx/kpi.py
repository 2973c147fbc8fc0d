"""The KPI sheets: the trees with attainment and the bottleneck (▶), the bottlenecks ranked
across touchpoints with their recommendation and money, the process steps, and the data gaps."""

from __future__ import annotations

import math

from kpi_tree.recommend import recommendation
from workbooks.analysis import Analysis
from workbooks.deliverables.facts import LEVELS, label, money_effect, owner, why_left_out
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import note_text, tr, words
from workbooks.project.schema import enum_label

__all__ = ["bottlenecks_sheet", "gaps_sheet", "kpi_sheet", "processes_sheet"]

TREE_COLUMNS = (
    "kpi",
    "name",
    "level",
    "unit",
    "baseline",
    "actual",
    "target",
    "attainment",
    "rollup",
    "influence",
    "shortfall",
    "what_if",
    "owner",
    "source",
)
MARK = "▶ "


def kpi_sheet(s: Sheet, a: Analysis) -> None:
    s.title(0, s.book.words("sheet_kpi"))
    s.note(1, s.book.words("xlsx_kpi_hint"), 0, 8)
    r = 3
    for tp in a.kpi.trees:
        an = a.kpi.analyses[tp]
        s.subtitle(r, label(a, tp))
        r += 1
        if an.root is None:
            for n in an.notes:
                s.note(r, note_text(n, s.book.lang), 0, 8)
                r += 1
            r += 1
            continue
        r = _tree(s, a, tp, r) + 2


def _tree(s: Sheet, a: Analysis, tp: str, r: int) -> int:
    lang = s.book.lang
    an, tree = a.kpi.analyses[tp], a.kpi.trees[tp]
    s.header(r, [s.book.words(f"xlsx_kpi_{c}") for c in TREE_COLUMNS])
    start = r + 1
    nodes = sorted(an.nodes.values(), key=lambda x: (LEVELS.index(x.level), x.kpi))
    for res in nodes:
        r += 1
        k = tree.nodes[res.kpi]["kpi"]
        s.text(
            r,
            0,
            (MARK if res.kpi == an.bottleneck else "") + res.kpi,
            bold=res.kpi == an.bottleneck,
        )
        s.text(r, 1, k.name)
        s.text(r, 2, enum_label("level", res.level, lang))
        s.text(r, 3, k.unit)
        for c, v in ((4, k.baseline), (5, k.actual), (6, k.target)):
            s.number(r, c, v, "General")
        s.number(r, 7, res.attainment, "0%")
        s.number(r, 8, res.rolled_up, "0%")
        s.number(r, 9, res.influence, "0.00")
        s.number(r, 10, res.share, "0%")
        s.number(r, 11, 100 * res.what_if, "+0;-0;0")  # attainment points, not a share
        s.text(r, 12, k.owner)
        s.text(r, 13, k.source or "—")
    s.ws.conditional_format(
        start,
        7,
        r,
        7,
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
    return r


ACTION_COLUMNS = ("n", "touchpoint", "kpi", "score", "owner", "effect", "recommendation")
STEP_COLUMNS = (
    "touchpoint",
    "step",
    "capacity",
    "demand",
    "utilisation",
    "wait",
    "bottleneck",
    "cut",
)


def bottlenecks_sheet(s: Sheet, a: Analysis) -> None:
    """The KPI bottlenecks ranked across touchpoints."""
    s.title(0, s.book.words("sheet_bottlenecks"))
    if a.kpi.actions:
        _actions(s, a, 2)
    else:
        reason = why_left_out(a, "part_kpi_bottlenecks", s.book.lang)
        s.note(2, reason or why_left_out(a, "part_kpi", s.book.lang), 0, 6)


def processes_sheet(s: Sheet, a: Analysis) -> None:
    """The process steps: utilisation, waiting, the bottleneck step and the minimum cut."""
    s.title(0, s.book.words("sheet_processes"))
    _steps(s, a, 2)


def _actions(s: Sheet, a: Analysis, r: int) -> int:
    lang = s.book.lang
    s.subtitle(r, s.book.words("xlsx_actions"))
    s.header(r + 1, [s.book.words(f"xlsx_act_{c}") for c in ACTION_COLUMNS])
    r += 1
    for i, (tp, kpi, score) in enumerate(a.kpi.actions):
        r += 1
        k = a.kpi.trees[tp].nodes[kpi]["kpi"]
        s.number(r, 0, i + 1, "0")
        s.text(r, 1, label(a, tp))
        s.text(r, 2, f"{kpi} {k.name}")
        s.number(r, 3, score, "0.000")
        s.text(r, 4, owner(a, kpi) or words("to_assign", lang))
        effect = money_effect(a, tp, kpi)
        s.text(
            r,
            5,
            tr("roadmap_effect", lang, value=effect.value, unit=effect.unit, root=effect.root)
            if effect
            else "—",
        )
        rec = recommendation(a.kpi.analyses[tp], a.kpi.trees[tp])
        s.text(r, 6, note_text(rec, lang) if rec is not None else "")
    return r


def _steps(s: Sheet, a: Analysis, r0: int) -> None:
    lang = s.book.lang
    s.header(r0, [s.book.words(f"xlsx_step_{c}") for c in STEP_COLUMNS])
    r = r0
    for tp, p in a.kpi.processes.items():
        for st in p.steps:
            r += 1
            s.text(r, 0, tp)
            s.text(r, 1, st.step)
            s.number(r, 2, st.capacity, "#,##0.##")
            s.number(r, 3, st.demand, "#,##0.##")
            if math.isfinite(st.utilisation):
                s.number(r, 4, st.utilisation, "0%")
            else:
                s.text(r, 4, "∞")
            if math.isfinite(st.wait_hours):
                s.number(r, 5, st.wait_hours, "0.0")
            else:
                s.text(r, 5, "∞")
            s.text(r, 6, "▶" if st.step == p.bottleneck else "")
            s.text(r, 7, words("yes", lang) if st.step in p.cut else "")
    s.ws.conditional_format(
        r0 + 1,
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
    s.note(r + 2, s.book.words("xlsx_steps_hint"), 0, 7)


def gaps_sheet(s: Sheet, a: Analysis) -> None:
    audit = a.kpi.audit
    lang = s.book.lang
    s.title(0, s.book.words("sheet_gaps"))
    s.header(
        2, [s.book.words(f"xlsx_cov_{c}") for c in ("level", "with_source", "total", "coverage")]
    )
    levels = [lv for lv in LEVELS if lv in audit.coverage_by_level]
    for i, level in enumerate(levels):
        have, total = audit.coverage_by_level[level]
        s.text(3 + i, 0, enum_label("level", level, lang))
        s.number(3 + i, 1, have, "0")
        s.number(3 + i, 2, total, "0")
        s.number(3 + i, 3, have / total, "0%")
    r = 4 + len(levels)
    s.note(r, tr("xlsx_automated", lang, share=audit.automated_share), 0, 4)
    r += 2
    s.subtitle(r, s.book.words("xlsx_missing_sources"))
    if not audit.missing:
        s.note(r + 1, s.book.words("xlsx_no_missing_sources"), 0, 4)
        r += 3
    else:
        cols = ("kpi", "name", "touchpoint", "level", "owner", "suggested")
        s.header(r + 1, [s.book.words(f"xlsx_gap_{c}") for c in cols])
        for i, row in enumerate(audit.missing):
            rr = r + 2 + i
            values = (
                row.kpi,
                row.name,
                row.touchpoint,
                enum_label("level", row.level, lang),
                owner(a, row.kpi) or words("to_assign", lang),
                ", ".join(row.suggested) or "—",
            )
            for j, v in enumerate(values):
                s.text(rr, j, v)
        r += 3 + len(audit.missing)
    if audit.unknown_systems:
        s.note(r, tr("xlsx_unknown_systems", lang, items=", ".join(audit.unknown_systems)), 0, 5)
