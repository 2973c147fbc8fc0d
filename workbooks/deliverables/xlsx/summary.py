"""The summary sheet (what to tell the client first, and what the workbook leaves out and why),
the editable roadmap sheet and the method sheet (what each measure means, with the section of
``docs/method.md`` that explains it)."""

from __future__ import annotations

import numpy as np

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import (
    by_rank,
    label,
    nps_lines,
    omissions,
    outcome_text,
    touchpoint_names,
    touchpoint_quadrant,
)
from workbooks.deliverables.roadmap import quarter_labels, roadmap
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.deliverables.xlsx.planning import COLUMNS as PM_COLUMNS
from workbooks.locale import note_text, tr, words
from workbooks.project.schema import enum_label

__all__ = ["method_sheet", "roadmap_sheet", "summary_sheet"]

TOP = 5  # touchpoints on the summary


def summary_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    ri = a.drivers.importance
    s.ws.write_string(
        0,
        1,
        tr("xlsx_summary_title", lang, project=a.project.title),
        s.book.fmt(bold=True, font_size=14, font_color="#1F4E78"),
    )
    s.width(0, 5)
    r = _top_touchpoints(s, a, 3)
    for line in nps_lines(a, lang)[:1]:  # the headline; per segment on the metrics sheet
        r += 1
        s.note(r, line, 1, 6, italic=False, font_color="#000000")
        r += 1
    r = _top_characteristics(s, a, r + 1)
    r = _bottlenecks(s, a, r + 1)
    r = _warnings(s, a, r + 1)
    _left_out(s, a, r + 1)
    s.note(
        1,
        tr(
            "xlsx_summary_line",
            lang,
            n=a.project.interviews.n,
            linked=ri.n,
            r2=ri.r_squared,
            seed=str(a.project.settings.seed),
            b=ri.bootstrap,
        ),
        1,
        6,
        italic=False,
        font_color="#000000",
    )


def _top_touchpoints(s: Sheet, a: Analysis, r: int) -> int:
    lang = s.book.lang
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    s.subtitle(r, s.book.words("xlsx_top_touchpoints"), 1)
    cols = ("n", "touchpoint", "weight", "rank_ci", "satisfaction", "quadrant")
    s.header(r + 1, [s.book.words(f"xlsx_top_{c}") for c in cols])
    for i, j in enumerate(by_rank(a)[:TOP]):
        rr = r + 2 + i
        s.number(rr, 0, i + 1, "0")
        s.text(rr, 1, label(a, pm.touchpoints[j]))
        s.number(rr, 2, pm.weight[j], "0.0%")
        s.text(
            rr,
            3,
            tr(
                "rank_interval",
                lang,
                rank=int(pm.rank[j]),
                low=int(stab.interval[j, 0]),
                high=int(stab.interval[j, 1]),
            ),
        )
        s.text(
            rr, 4, tr("mean_n", lang, mean=float(pm.satisfaction[j]), n=int(pm.satisfaction_n[j]))
        )
        s.text(rr, 5, touchpoint_quadrant(a, j, lang))
    return r + 2 + min(TOP, len(pm.touchpoints))


def _top_characteristics(s: Sheet, a: Analysis, r: int) -> int:
    chars = a.project.characteristics
    if not chars:
        return r - 1
    q = a.qfd
    s.subtitle(r, s.book.words("xlsx_top_characteristics"), 1)
    for i, k in enumerate(np.argsort(q.technical.rank, kind="stable")[:3]):
        s.text(r + 1 + i, 1, f"{chars[k].id} {chars[k].name}")
        s.number(r + 1 + i, 2, q.technical.relative[k], "0.0%")
    return r + 4


def _bottlenecks(s: Sheet, a: Analysis, r: int) -> int:
    lang = s.book.lang
    rows = []
    for tp, kpi, _ in a.kpi.actions[:3]:
        node = a.kpi.analyses[tp].nodes[kpi]
        name = a.kpi.trees[tp].nodes[kpi]["kpi"].name
        rows.append((f"{tp}: {kpi} {name}", enum_label("level", node.level, lang)))
    for tp, p in a.kpi.processes.items():
        if p.overloaded:
            rows.append((tr("xlsx_process_line", lang, tp=tp, step=p.bottleneck), ""))
    if not rows:
        return r - 1
    s.subtitle(r, s.book.words("xlsx_bottlenecks_title"), 1)
    for i, (text, level) in enumerate(rows):
        s.text(r + 1 + i, 1, text)
        s.text(r + 1 + i, 2, level)
    return r + 1 + len(rows)


def _warnings(s: Sheet, a: Analysis, r: int) -> int:
    notes = a.drivers.warnings[:6]
    if not notes:
        return r - 1
    s.subtitle(r, s.book.words("xlsx_key_warnings"), 1)
    for i, n in enumerate(notes):
        s.note(
            r + 1 + i, "• " + note_text(n, s.book.lang), 1, 6, italic=False, font_color="#000000"
        )
    return r + 1 + len(notes)


def _left_out(s: Sheet, a: Analysis, r: int) -> None:
    gone = omissions(a, s.book.lang)
    if not gone:
        return
    s.subtitle(r, s.book.words("xlsx_left_out"), 1)
    for i, o in enumerate(gone):
        s.note(r + 1 + i, f"• {o.part}: {o.reason}", 1, 6, italic=False, font_color="#000000")


ROADMAP_COLUMNS = ("n", "action", "basis", "touchpoint", "kpi", "owner")


def roadmap_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    s.title(0, s.book.words("sheet_roadmap"))
    quarters = quarter_labels(a, lang)
    heads = [s.book.words(f"xlsx_rm_{c}") for c in ROADMAP_COLUMNS] + quarters
    heads.append(s.book.words("xlsx_rm_effect"))
    s.header(3, heads)
    names = touchpoint_names(a)
    q0 = len(ROADMAP_COLUMNS)
    editable = {"bg_color": "#FFF2CC", "border": 1}
    items = roadmap(a, lang)
    for i, item in enumerate(items):
        r = 4 + i
        s.number(r, 0, i + 1, "0")
        s.text(r, 1, item.action, **editable)
        s.text(r, 2, item.basis)
        s.text(r, 3, f"{item.touchpoint} {names.get(item.touchpoint, '')}".strip())
        s.text(r, 4, item.kpi)
        s.text(r, 5, item.owner or words("to_assign", lang), **editable)
        for q in range(4):
            mark = "●" if q + 1 in item.quarters else ""
            s.text(r, q0 + q, mark, align="center", **editable)
        s.text(r, q0 + 4, item.effect)
    last = 3 + len(items)
    s.ws.conditional_format(
        4,
        q0,
        last,
        q0 + 3,
        {"type": "no_blanks", "format": s.book.fmt(bg_color="#9DC3E6", align="center")},
    )
    for q in range(4):
        s.width(q0 + q, 12)
    s.note(1, s.book.words("xlsx_roadmap_hint"), 0, q0 + 4)
    s.note(last + 2, s.book.words("roadmap_effect_note"), 0, q0 + 4)
    s.ws.freeze_panes(4, 2)


# (measure, meaning, section of docs/method.md)
METHOD_ROWS = (
    ("method_r2_share", "method_r2_share_means", 5),
    ("method_beta", "method_beta_means", 5),
    ("method_vif", "method_vif_means", 5),
    ("method_technical", "method_technical_means", 7),
    ("method_shortfall", "method_shortfall_means", 8),
    ("method_what_if", "method_what_if_means", 8),
    ("method_utilisation", "method_utilisation_means", 8),
    ("method_csi", "method_csi_means", 2),
    ("method_top2", "method_top2_means", 2),
    ("method_roadmap", "method_roadmap_means", 11),
)


def method_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    outcome = outcome_text(a.drivers.outcome, a.project.settings.window_months, lang)
    s.title(0, s.book.words("sheet_method"))
    s.header(
        2,
        [
            s.book.words("xlsx_method_measure"),
            s.book.words("xlsx_method_means"),
            s.book.words("xlsx_method_section"),
        ],
    )
    rows = [(f"xlsx_pm_{key}", f"xlsx_pm_{key}_means", 6) for key, _ in PM_COLUMNS]
    rows += list(METHOD_ROWS)
    for i, (measure, meaning, section) in enumerate(rows):
        s.text(3 + i, 0, words(measure, lang), bold=True)
        s.text(3 + i, 1, tr(meaning, lang, outcome=outcome))
        s.text(3 + i, 2, tr("method_section", lang, n=section))
    s.width(0, 26)
    s.width(1, 80)
    s.note(4 + len(rows), s.book.words("xlsx_method_source"), 0, 2)
