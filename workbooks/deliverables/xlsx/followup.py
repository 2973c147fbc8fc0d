"""Sheets of journey design and monitoring in ``priorities.xlsx``, written when ``run`` computed
them (:mod:`workbooks.followup`): the journeys as-is / to-be side by side per segment, the
personas, the communication program with service levels and contact plans, the trend by wave
with the flags of the early-warning rule, the comment themes, and retention, the event-log
process and the O-data ↔ X-data links."""

from __future__ import annotations

import numpy as np

from workbooks.analysis import Analysis
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import note_text, number, tr, words

__all__ = [
    "KIND_COLOURS",
    "journey_sheet",
    "personas_sheet",
    "program_sheet",
    "retention_sheet",
    "series_label",
    "themes_sheet",
    "trend_rows",
    "trend_sheet",
]

KIND_COLOURS = {"visit": "#DDEBF7", "self": "#E2EFDA", "proactive": "#FCE4D6"}
WORSE_FILL, BETTER_FILL = "#F8CBAD", "#C6EFCE"
WORSE, BETTER = "▼", "▲"
QUOTES = 3


def _finite(x) -> float | None:
    return float(x) if x is not None and np.isfinite(x) else None


# ---------------------------------------------------------------------------------- journey
def _step_cells(s: Sheet, r: int, c0: int, step) -> None:
    lang = s.book.lang
    if step is None:
        for j in range(6):
            s.text(r, c0 + j, "")
        return
    fill = {"bg_color": KIND_COLOURS[step.kind]}
    s.number(r, c0, step.order, "0")
    s.text(r, c0 + 1, step.name)
    s.text(r, c0 + 2, words(f"kind.{step.kind}", lang), **fill)
    s.text(r, c0 + 3, step.channel)
    s.text(r, c0 + 4, step.touchpoint)
    s.number(r, c0 + 5, step.duration, "0")


def _change_word(c, lang: str) -> str:
    parts = [words(f"xj.change.{c.change}", lang)]
    if c.made_proactive:
        parts.append(words("xj.change.proactive", lang))
    if c.visit_avoided and c.change != "removed":
        parts.append(words("xj.change.visit", lang))
    return ", ".join(parts)


def journey_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    res = a.journey
    s.title(0, words("xj.title", lang))
    s.note(1, words("xj.legend", lang), c1=12)
    r = 3
    if res.comparison is None:
        s.text(r, 0, tr("tor_journey_none", lang, reason=words("journey.no_paths", lang)))
        return
    step_cols = ["order", "step", "kind", "channel", "tp", "days"]
    for j in res.comparison.segments:
        s.subtitle(
            r,
            tr(
                "xj.segment",
                lang,
                segment=j.segment,
                start=j.to_be.start,
                result=j.to_be.value_result,
            ),
        )
        r += 1
        s.header(
            r,
            [
                words(k, lang)
                for k in ("journey.col.measure", "journey.col.as_is", "journey.col.to_be")
            ],
            c0=1,
        )
        for key, x, y in (
            ("journey.row.steps", j.as_is.steps, j.to_be.steps),
            ("journey.row.visits", j.as_is.visits, j.to_be.visits),
            ("journey.row.self", j.as_is.self_service, j.to_be.self_service),
            ("journey.row.proactive", j.as_is.proactive, j.to_be.proactive),
            ("journey.row.time", j.as_is.time_to_value, j.to_be.time_to_value),
        ):
            r += 1
            s.text(r, 1, words(key, lang))
            s.number(r, 2, _finite(x), "0")
            s.number(r, 3, _finite(y), "0")
        r += 1
        s.note(r, journey_summary(j, lang), c1=12)
        if j.missed_top:
            r += 1
            items = ", ".join(f"{t} (#{k})" for t, k in j.missed_top)
            s.note(r, tr("xj.missed", lang, items=items), c1=12)
        r += 2
        s.text(r, 0, words("journey.col.as_is", lang), bold=True)
        s.text(r, 7, words("journey.col.to_be", lang), bold=True)
        r += 1
        labels = [words(f"xj.col.{c}", lang) for c in step_cols]
        s.header(r, [*labels, words("xj.col.change", lang), *labels])
        for c in j.changes:
            r += 1
            _step_cells(s, r, 0, c.as_is)
            s.text(r, 6, _change_word(c, lang), bold=c.change != "kept")
            _step_cells(s, r, 7, c.to_be)
        r += 2


def personas_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    res = a.journey
    s.title(0, words("xp.title", lang))
    cols = [
        "cluster", "name", "clients", "share", "revenue", "segments", "needs", "problems",
        "channels", "check", "season", "comments",
    ]  # fmt: skip
    s.header(2, [words(f"xp.col.{c}", lang) for c in cols])
    if not res.personas:
        s.text(3, 0, tr("xp.none", lang, reason=words("xp.no_clusters", lang)))
        return
    for i, p in enumerate(res.personas):
        r = 3 + i
        s.text(r, 0, f"S{p.cluster + 1}")
        s.text(r, 1, p.name)
        s.number(r, 2, p.clients, "#,##0")
        s.number(r, 3, p.share, "0%")
        s.number(r, 4, p.revenue_share, "0%")
        s.text(
            r,
            5,
            "\n".join(
                tr("xp.share_item", lang, name=n, share=sh) for n, sh, _ in p.attribute_segments
            ),
        )
        s.text(r, 6, "\n".join(tr("xp.item", lang, name=t, value=v) for t, v, _ in p.needs[:3]))
        s.text(r, 7, "\n".join(tr("xp.item", lang, name=t, value=v) for t, v, _ in p.problems[:3]))
        s.text(
            r, 8, "\n".join(tr("xp.share_item", lang, name=c, share=sh) for c, sh in p.channels[:4])
        )
        s.number(r, 9, _finite(p.average_check), "#,##0")
        season = p.seasonality
        if season is not None and season.seasonal:
            said = tr("xp.seasonal", lang, months=", ".join(str(m) for m in season.peaks))
        elif season is not None and season.months and season.p_value != season.p_value:
            said = tr("xp.season_unknown", lang, n=season.months)
        else:
            said = words("xp.not_seasonal", lang)
        s.text(r, 10, said)
        s.text(
            r, 11, "\n".join(tr("xp.comment_item", lang, text=t, n=n) for t, n in p.comments[:3])
        )
    s.width(11, 45)


def program_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    res = a.journey
    s.title(0, words("xc.title", lang))
    cols = ["segment", "stage", "tp", "channel", "trigger", "frequency", "goal", "owner", "kpi"]
    s.header(2, [words(f"xc.col.{c}", lang) for c in cols])
    r = 2
    for row in res.program:
        r += 1
        s.text(r, 0, res.label(row.segment))
        s.text(r, 1, row.stage)
        s.text(r, 2, row.touchpoint)
        s.text(r, 3, row.channel)
        s.text(r, 4, note_text(row.trigger, lang))
        s.text(r, 5, note_text(row.frequency, lang))
        s.text(r, 6, note_text(row.goal, lang))
        s.text(r, 7, row.owner)
        s.text(r, 8, note_text(row.kpi, lang))
    for c, w in ((4, 34), (5, 26), (6, 34), (8, 30)):  # long sentences wrap: the sheet prints
        s.width(c, w)
    r += 2
    s.subtitle(r, words("xc.service", lang))
    r += 1
    s.note(r, words("journey.service.rule", lang), c1=8)
    r += 1
    scols = ["segment", "level", "value", "frequency", "response", "manager", "channels"]
    s.header(r, [words(f"journey.col.{c}", lang) for c in scols])
    for lv in res.service:
        r += 1
        s.text(r, 0, res.label(lv.segment))
        s.text(r, 1, words(f"journey.level.{lv.level}", lang))
        s.number(r, 2, _finite(lv.value_index), "0")
        s.number(r, 3, _finite(lv.frequency_index), "0")
        s.number(r, 4, lv.response_hours, "0")
        s.text(r, 5, words("journey.yes" if lv.personal_manager else "journey.no", lang))
        s.text(r, 6, ", ".join(lv.channels))
    r += 2
    s.subtitle(r, words("xc.contact", lang))
    r += 1
    pcols = ["segment", "clients", "median", "contact_day", "interval", "silence", "due", "lost"]
    s.header(r, [words(f"journey.col.{c}", lang) for c in pcols])
    for name, p in res.plans.items():
        r += 1
        s.text(r, 0, res.label(name))
        for j, v in enumerate(
            (
                p.clients,
                p.median_gap,
                p.contact_day,
                p.min_interval,
                p.silence_days,
                p.due_now,
                p.lost,
            ),
            start=1,
        ):
            s.number(r, j, _finite(v), "#,##0")


# ---------------------------------------------------------------------------------- monitoring
def flagged_items(a: Analysis, lang: str) -> list[str]:
    """The series the early warnings flag now, each with the wave it got worse from — one wording
    for the workbook, the TOR, the dashboard and the terminal."""
    m = a.monitoring
    if m is None:
        return []
    labels = m.waves.labels
    return [
        tr(
            "xt.flag_item",
            lang,
            series=series_label(a, w.touchpoint, w.metric, lang),
            since=labels[w.first],
        )
        for w in m.warnings.flagged
    ]


def journey_summary(j, lang: str) -> str:
    """One segment's as-is → to-be change in a sentence (workbook and deck)."""
    return tr(
        "xj.summary",
        lang,
        removed=j.removed,
        proactive=j.made_proactive,
        added_proactive=j.added_proactive,
        visits=j.visits_avoided,
        weight=j.addressed_weight,
    )


def series_label(a: Analysis, touchpoint: str, metric: str, lang: str) -> str:
    """The series' label: "TP06 <name>: CSI", or "<relationship overall>: NPS"."""
    names = {t.id: t.name for t in a.project.touchpoints}
    name = (
        f"{touchpoint} {names.get(touchpoint, '')}".strip()
        if touchpoint
        else words("monr.relationship", lang)
    )
    return f"{name}: {words(f'monr.metric.{metric}', lang)}"


def trend_rows(a: Analysis):
    """The watched series in the order of the trend sheet: touchpoint CSI, then the rest,
    each with its watch."""
    m = a.monitoring
    watches = sorted(m.warnings.watches, key=lambda w: (not w.touchpoint, w.metric != "csi"))
    return [(w, m.waves.get(w.touchpoint, w.metric)) for w in watches]


def trend_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    m = a.monitoring
    labels = m.waves.labels
    s.title(0, words("xt.title", lang))
    rule = [note_text(n, lang) for n in m.warnings.rule.notes()]
    s.note(1, words("monr.rule", lang) + " " + " ".join(rule), c1=len(labels))
    flagged = flagged_items(a, lang)
    s.note(
        2,
        "; ".join(flagged) or words("xt.no_flags", lang),
        c1=len(labels),
        bold=True,
        italic=False,
        font_color="#C00000" if flagged else "#375623",
    )
    rows = trend_rows(a)
    r = 4
    s.subtitle(r, words("xt.values", lang))
    r += 1
    s.header(r, [words("xt.col.series", lang), *labels])
    for w, ser in rows:
        r += 1
        s.text(r, 0, series_label(a, w.touchpoint, w.metric, lang))
        fmt = "0.00" if w.metric == "ces" else "0.0"
        for k in range(len(labels)):
            fill = (
                {"bg_color": WORSE_FILL}
                if w.worse[k]
                else {"bg_color": BETTER_FILL}
                if w.better[k]
                else {}
            )
            s.number(r, 1 + k, _finite(ser.value[k]), fmt, **fill)
    r += 1
    s.text(r, 0, words("xt.n", lang), italic=True)
    for k, n in enumerate(m.waves.counts()):
        s.number(r, 1 + k, int(n), "0", italic=True)
    r += 2
    s.subtitle(r, words("xt.flags", lang))
    r += 1
    s.header(r, [words("xt.col.series", lang), *labels, words("xt.col.since", lang)])
    for w, _ in rows:
        r += 1
        s.text(r, 0, series_label(a, w.touchpoint, w.metric, lang))
        for k in range(len(labels)):
            mark = WORSE if w.worse[k] else BETTER if w.better[k] else ""
            colour = (
                {"font_color": "#C00000"}
                if mark == WORSE
                else {"font_color": "#375623"}
                if mark
                else {}
            )
            s.text(r, 1 + k, mark, align="center", **colour)
        s.text(r, 1 + len(labels), labels[w.first] if w.first >= 0 else "")
    if m.notes:
        r += 2
        for n in m.notes:
            s.note(r, note_text(n, lang), c1=len(labels))
            r += 1


def themes_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    t = a.monitoring.themes
    s.title(0, words("xth.title", lang))
    if t is None:
        s.text(2, 0, words("monr.no_comments", lang))
        return
    masked = ", ".join(f"{words(f'monr.mask.{k}', lang)}: {v}" for k, v in sorted(t.masked.items()))
    groups = [words(f"monr.group.{g}", lang) for g in t.groups]
    cols = [
        words("xth.col.theme", lang),
        words("xth.col.source", lang),
        words("xth.col.count", lang),
        *(tr("xth.col.share", lang, group=g) for g in groups),
        words("xth.col.tps", lang),
        words("xth.col.words", lang),
        words("xth.col.quotes", lang),
    ]
    s.header(3, cols)
    g0 = 3 + len(t.groups)
    for i, theme in enumerate(t.themes):
        r = 4 + i
        s.text(r, 0, theme.label)
        s.text(r, 1, words(f"monr.source.{theme.source}", lang))
        s.number(r, 2, theme.count, "0")
        for j, g in enumerate(t.groups):
            s.number(r, 3 + j, theme.shares[g], "0%")
        s.text(r, g0, ", ".join(tp for tp, _, _ in theme.touchpoints))
        s.text(r, g0 + 1, ", ".join(x.replace("_", " ") for x in theme.words[:6]))
        s.text(r, g0 + 2, "\n".join(tr("xth.quote", lang, q=q) for q in theme.quotes[:QUOTES]))
    s.width(g0 + 2, 60)
    s.note(1, tr("xth.head", lang, n=t.n_comments, masked=masked or "—"))


def _part_none(s: Sheet, r: int, part: str, reason_key: str) -> int:
    s.text(
        r,
        0,
        tr(
            "xr.none",
            s.book.lang,
            part=words(part, s.book.lang),
            reason=words(reason_key, s.book.lang),
        ),
    )
    return r + 2


def retention_sheet(s: Sheet, a: Analysis) -> None:
    from workbooks.deliverables.monitoring_report import bottleneck_line

    lang = s.book.lang
    m = a.monitoring
    s.title(0, words("xr.title", lang))
    r = 2
    ret = m.retention
    if ret is None:
        r = _part_none(s, r, "monr.retention", "monr.no_transactions")
    else:
        s.subtitle(r, tr("xr.retention", lang, asof=ret.as_of))
        r += 1
        cols = [
            "segment",
            "clients",
            "interval",
            "sleeping",
            "share",
            "retention",
            "return",
            "balance",
        ]
        s.header(r, [words(f"monr.col.{c}", lang) for c in cols])
        for seg in ret.segments:
            r += 1
            sm = ret.summary(seg)
            s.text(
                r,
                0,
                words("monr.all", lang) if seg == "*" else (seg or words("monr.no_segment", lang)),
            )
            s.number(r, 1, sm["clients"], "#,##0")
            s.number(r, 2, _finite(ret.intervals[seg]), "0")
            s.number(r, 3, sm["sleeping"], "#,##0")
            s.number(r, 4, _finite(sm["sleeping_share"]), "0.0%")
            s.number(r, 5, _finite(sm["retention"]), "0.0%")
            s.number(r, 6, _finite(sm["return_rate"]), "0.0%")
            s.number(r, 7, sm["balance"], "+#,##0;-#,##0;0")
        r += 2
    p = m.process
    if p is None:
        r = _part_none(s, r, "monr.process", "monr.no_event_log")
    else:
        s.subtitle(r, tr("xr.process", lang, cases=p.n_cases))
        r += 1
        cols = ["activity", "executions", "demand", "service", "wait", "utilisation", "rework"]
        s.header(r, [words(f"monr.col.{c}", lang) for c in cols])
        for k in np.argsort(-p.wait_total_hours, kind="stable"):
            r += 1
            bold = p.activities[k] == p.bottleneck
            s.text(r, 0, ("▶ " if bold else "") + p.activities[k], bold=bold)
            s.number(r, 1, p.executions[k], "#,##0")
            s.number(r, 2, _finite(p.demand[k]), "0.0")
            s.number(r, 3, _finite(p.service_hours[k]), "0.0")
            s.number(r, 4, _finite(p.wait_hours[k]), "0.0")
            s.number(r, 5, _finite(p.utilisation[k]), "0%")
            s.number(r, 6, _finite(p.rework_share[k]), "0.0%")
        r += 1
        s.note(r, bottleneck_line(p, lang), c1=7)
        r += 2
    x = m.links
    if x is None:
        _part_none(s, r, "monr.links", "monr.no_operations")
        return
    kpis = {k.id: k.name for k in a.project.kpis}
    s.subtitle(r, tr("xr.links", lang, lags=x.max_lag))
    r += 1
    cols = ["kpi", "touchpoint", "lag", "ci", "p_holm", "leads"]
    s.header(
        r,
        [
            *(words(f"monr.col.{c}", lang) for c in cols[:3]),
            "r",
            *(words(f"monr.col.{c}", lang) for c in cols[3:]),
            "n",
        ],
    )
    for link in sorted(x.links, key=lambda k: (not k.leads, k.p_holm)):
        r += 1
        s.text(r, 0, f"{link.kpi} {kpis.get(link.kpi, '')}".strip(), bold=link.leads)
        s.text(r, 1, link.touchpoint)
        s.number(r, 2, link.lag, "0")
        s.number(r, 3, _finite(link.r), "+0.00;-0.00")
        lo, hi = (number(x, lang, 2, sign=True) for x in (link.low, link.high))
        s.text(r, 4, f"[{lo}; {hi}]")
        s.number(r, 5, _finite(link.p_holm), "0.000")
        s.text(r, 6, words("monr.yes" if link.leads else "monr.no", lang))
        s.number(r, 7, link.n, "0")
