"""The ``qfdkpi monitor`` report: waves with flags, themes per touchpoint, retention and sleeping
clients, the event-log bottleneck and the O-data ↔ X-data leads — plain text in the user's
language (every word from :mod:`workbooks.locale.monitoring`)."""

from __future__ import annotations

import numpy as np

from workbooks.deliverables.terminal import clip, text_table
from workbooks.locale import note_text, number, percent, tr, words
from workbooks.monitoring import Monitoring
from workbooks.project.monitoring_sheets import month_label

__all__ = ["bottleneck_line", "monitoring_report"]

WORSE, BETTER, CHANGED = "▼", "▲", "*"


def _p(p: float, lang: str) -> str:
    if not np.isfinite(p):
        return "—"
    return words("monr.p_small", lang) if p < 0.001 else number(p, lang, 3)


def _metric(metric: str, lang: str) -> str:
    return words(f"monr.metric.{metric}", lang)


def _series_name(m: Monitoring, touchpoint: str, lang: str) -> str:
    names = {t.id: t.name for t in m.project.touchpoints}
    return (
        f"{touchpoint} {names.get(touchpoint, '')}".strip()
        if touchpoint
        else words("monr.relationship", lang)
    )


def _digits(metric: str) -> int:
    return 2 if metric == "ces" else 1


def _header(m: Monitoring, lang: str) -> list[str]:
    w = m.waves
    segments = [s for s in w.segments if s != "*"]
    lines = [
        tr(
            "monr.title",
            lang,
            project=m.project.title,
            waves=len(w.labels),
            first=w.labels[0],
            last=w.labels[-1],
            n=int((m.inputs.waves.index >= 0).sum()),
            segments=", ".join(segments) if segments else "—",
        ),
        words("monr.rule", lang),
    ]
    lines += [f"  • {note_text(n, lang)}" for n in m.warnings.rule.notes()]
    return lines


def _warnings(m: Monitoring, lang: str) -> list[str]:
    w, labels = m.warnings, m.waves.labels
    lines = ["", words("monr.warnings", lang)]
    worse = w.flagged
    if not worse:
        lines.append("  " + words("monr.no_warnings", lang))
    for watch in worse:
        s = m.waves.get(watch.touchpoint, watch.metric)
        f = watch.first
        digits = _digits(watch.metric)
        rules = []
        if watch.by_change[f]:
            rules.append(
                tr(
                    "monr.by_change",
                    lang,
                    before=labels[f - 1] if f else "—",
                    after=labels[f],
                    v0=number(s.value[f - 1], lang, digits) if f else "—",
                    v1=number(s.value[f], lang, digits),
                    d=number(s.change[f], lang, digits, sign=True),
                    lo=number(s.change_low[f], lang, digits, sign=True),
                    hi=number(s.change_high[f], lang, digits, sign=True),
                    p=_p(watch.p_family[f], lang),
                )
            )
        if watch.by_chart[f] or (watch.worse & watch.by_chart).any():
            first_chart = int(np.argmax(watch.worse & watch.by_chart))
            rules.append(
                tr(
                    "monr.by_chart",
                    lang,
                    since=labels[first_chart],
                    center=number(watch.center, lang, digits),
                )
            )
        state = (
            tr("monr.still", lang, since=labels[watch.since])
            if watch.since >= 0
            else words("monr.not_now", lang)
        )
        lines.append(
            f"  {WORSE} "
            + tr(
                "monr.flag",
                lang,
                series=_series_name(m, watch.touchpoint, lang),
                metric=_metric(watch.metric, lang),
                since=labels[f],
                now=number(s.value[-1], lang, digits),
                state=state,
            )
        )
        lines += [f"      {r}" for r in rules]
    better = [x for x in w.watches if x.better.any()]
    if better:
        lines.append(words("monr.improvements", lang))
        for watch in better:
            waves = ", ".join(labels[k] for k in np.flatnonzero(watch.better))
            lines.append(
                f"  {BETTER} "
                + tr(
                    "monr.improved",
                    lang,
                    series=_series_name(m, watch.touchpoint, lang),
                    metric=_metric(watch.metric, lang),
                    waves=waves,
                )
            )
    return lines


def _wave_table(m: Monitoring, lang: str) -> list[str]:
    w, labels = m.waves, m.waves.labels
    watches = {(x.touchpoint, x.metric): x for x in m.warnings.watches}
    lines = ["", words("monr.table", lang)]
    rows = [[words("monr.col.series", lang), *labels, words("monr.col.n", lang)]]
    series = [s for s in w.series if s.segment == "*" and s.metric == "csi" and s.touchpoint]
    series += [s for s in w.series if s.segment == "*" and not s.touchpoint]
    series += [
        s for s in w.series if s.segment == "*" and s.touchpoint and s.metric in ("nps", "ces")
    ]
    for s in series:
        watch = watches.get((s.touchpoint, s.metric))
        cells = []
        for k in range(len(labels)):
            mark = ""
            if watch is not None and watch.worse[k]:
                mark = WORSE
            elif watch is not None and watch.better[k]:
                mark = BETTER
            elif np.isfinite(s.p_holm[k]) and s.p_holm[k] < 0.05:
                mark = CHANGED
            cells.append(number(s.value[k], lang, _digits(s.metric)) + mark)
        name = clip(_series_name(m, s.touchpoint, lang), 28)
        label = name if s.metric == "csi" and s.touchpoint else f"{name}: {_metric(s.metric, lang)}"
        rows.append([clip(label, 34), *cells, str(int(s.n[-1]))])
    lines += ["  " + line for line in text_table(rows, "l" + "r" * (len(labels) + 1))]
    lines.append("  " + words("monr.legend", lang))
    segments = [x for x in w.segments if x != "*"]
    if segments:
        lines += ["", tr("monr.segments", lang, wave=labels[-1])]
        head = [words("monr.col.series", lang), *segments]
        rows = [head]
        for s in series:
            cells = []
            for seg in segments:
                other = w.get(s.touchpoint, s.metric, seg)
                if other is None or not other.n[-1]:
                    cells.append("—")
                    continue
                d = other.change[-1]
                mark = CHANGED if np.isfinite(other.p_holm[-1]) and other.p_holm[-1] < 0.05 else ""
                cells.append(
                    f"{number(other.value[-1], lang, _digits(s.metric))}"
                    f" ({number(d, lang, _digits(s.metric), sign=True)}{mark})"
                )
            name = clip(_series_name(m, s.touchpoint, lang), 28)
            label = (
                name if s.metric == "csi" and s.touchpoint else f"{name}: {_metric(s.metric, lang)}"
            )
            rows.append([clip(label, 34), *cells])
        lines += ["  " + line for line in text_table(rows, "l" + "r" * len(segments))]
    return lines


def _themes(m: Monitoring, lang: str) -> list[str]:
    t = m.themes
    if t is None:
        return ["", words("monr.themes", lang), "  " + words("monr.no_comments", lang)]
    masked = ", ".join(f"{words(f'monr.mask.{k}', lang)}: {v}" for k, v in sorted(t.masked.items()))
    lines = [
        "",
        tr(
            "monr.themes_head",
            lang,
            n=t.n_comments,
            groups=" / ".join(words(f"monr.group.{g}", lang) for g in t.groups),
            masked=masked or "—",
        ),
    ]
    lines += [f"  {note_text(n, lang)}" for n in t.notes]
    names = {x.id: x.name for x in m.project.touchpoints}
    for i, theme in enumerate(t.themes, start=1):
        shares = ", ".join(
            f"{words(f'monr.group.{g}', lang)} {percent(theme.shares[g], lang)}" for g in t.groups
        )
        tps = (
            ", ".join(
                f"{tp} ({words(f'monr.how.{how}', lang)})" for tp, how, _ in theme.touchpoints
            )
            or "—"
        )
        lines.append(
            f"  {i}. "
            + tr(
                "monr.theme",
                lang,
                label=theme.label,
                source=words(f"monr.source.{theme.source}", lang),
                n=theme.count,
                shares=shares,
                tps=tps,
                words=", ".join(x.replace("_", " ") for x in theme.words[:6]),
            )
        )
        lines += ["       " + tr("monr.quote", lang, q=q) for q in theme.quotes]
    if t.unassigned:
        lines.append("  " + tr("monr.unassigned", lang, n=t.unassigned))
    by_tp = t.by_touchpoint()
    if by_tp:
        lines.append(words("monr.themes_by_tp", lang))
        order = [x.id for x in m.project.touchpoints]
        for tp in sorted(by_tp, key=lambda x: order.index(x) if x in order else len(order)):
            parts = [
                f"{th.label} ({words(f'monr.group.{th.group}', lang)} "
                f"{percent(th.shares[th.group], lang)})"
                for th in by_tp[tp]
            ]
            lines.append(f"    {tp} {names.get(tp, '')}: " + "; ".join(parts))
    return lines


def _retention(m: Monitoring, lang: str) -> list[str]:
    r = m.retention
    if r is None:
        return ["", words("monr.retention", lang), "  " + words("monr.no_transactions", lang)]
    lines = [
        "",
        tr("monr.retention_head", lang, asof=r.as_of, q=r.quantile),
    ]
    rows = [
        [
            words("monr.col.segment", lang),
            words("monr.col.clients", lang),
            words("monr.col.interval", lang),
            words("monr.col.sleeping", lang),
            words("monr.col.share", lang),
            words("monr.col.retention", lang),
            words("monr.col.return", lang),
            words("monr.col.balance", lang),
            words("monr.col.cohorts", lang),
        ]
    ]
    for s in r.segments:
        summary = r.summary(s)
        curve = " / ".join(percent(x, lang) for x in r.curve(s))
        rows.append(
            [
                words("monr.all", lang) if s == "*" else (s or words("monr.no_segment", lang)),
                number(summary["clients"], lang, 0),
                number(r.intervals[s], lang, 0),
                number(summary["sleeping"], lang, 0),
                percent(summary["sleeping_share"], lang, 1),
                percent(summary["retention"], lang, 1),
                percent(summary["return_rate"], lang, 1),
                number(summary["balance"], lang, 0, sign=True),
                curve,
            ]
        )
    lines += ["  " + line for line in text_table(rows, "lrrrrrrrr")]
    lines += [f"  {note_text(n, lang)}" for n in r.notes]
    sc = r.sleeping_clients
    if len(sc["client_id"]):
        lines.append(words("monr.sleepers", lang))
        for k in range(min(10, len(sc["client_id"]))):
            last = sc["last_date"][k]
            last = last.date() if hasattr(last, "date") else last
            lines.append(
                "    "
                + tr(
                    "monr.sleeper",
                    lang,
                    client=sc["client_id"][k],
                    segment=sc["segment"][k] or "—",
                    last=last,
                    days=int(sc["days_since"][k]),
                    interval=number(sc["interval_days"][k], lang, 0),
                    revenue=sc["revenue_12m"][k],
                )
            )
    return lines


def _process(m: Monitoring, lang: str) -> list[str]:
    p = m.process
    if p is None:
        return ["", words("monr.process", lang), "  " + words("monr.no_event_log", lang)]
    lines = [
        "",
        tr(
            "monr.process_head",
            lang,
            file=m.inputs.event_log.name,
            cases=p.n_cases,
            weeks=p.span_hours / 168,
            tp=p.touchpoint or "—",
            mean=p.lead_hours[0],
            p90=p.lead_hours[2],
        ),
    ]
    rows = [
        [
            words("monr.col.activity", lang),
            words("monr.col.executions", lang),
            words("monr.col.throughput", lang),
            words("monr.col.demand", lang),
            words("monr.col.service", lang),
            words("monr.col.wait", lang),
            words("monr.col.resources", lang),
            words("monr.col.utilisation", lang),
            words("monr.col.rework", lang),
        ]
    ]
    order = np.argsort(-p.wait_total_hours, kind="stable")
    for k in order:
        rows.append(
            [
                clip(p.activities[k], 32),
                number(p.executions[k], lang, 0),
                number(p.throughput[k], lang, 1),
                number(p.demand[k], lang, 1),
                number(p.service_hours[k], lang, 1),
                number(p.wait_hours[k], lang, 1),
                number(p.resources[k], lang, 0) if p.resources[k] else "—",
                percent(p.utilisation[k], lang),
                percent(p.rework_share[k], lang, 1),
            ]
        )
    lines += ["  " + line for line in text_table(rows, "lrrrrrrrr")]
    lines.append("  " + bottleneck_line(p, lang))
    for a, b, times in p.loops[:5]:
        lines.append("  " + tr("monr.loop", lang, a=a, b=b, n=times))
    lines += [f"  ! {note_text(n, lang)}" for n in p.notes]
    return lines


def _links(m: Monitoring, lang: str) -> list[str]:
    x = m.links
    if x is None:
        return ["", words("monr.links", lang), "  " + words("monr.no_operations", lang)]
    kpis = {k.id: k.name for k in m.project.kpis}
    lines = ["", tr("monr.links_head", lang, lags=x.max_lag, alpha=x.alpha)]
    rows = [
        [
            words("monr.col.kpi", lang),
            words("monr.col.touchpoint", lang),
            words("monr.col.lag", lang),
            "r",
            words("monr.col.ci", lang),
            "n",
            words("monr.col.p_holm", lang),
            words("monr.col.leads", lang),
        ]
    ]
    for link in sorted(x.links, key=lambda k: (not k.leads, k.p_holm)):
        rows.append(
            [
                clip(f"{link.kpi} {kpis.get(link.kpi, '')}", 40),
                link.touchpoint,
                str(link.lag),
                number(link.r, lang, 2, sign=True),
                f"[{number(link.low, lang, 2, sign=True)}; {number(link.high, lang, 2, sign=True)}]",
                str(link.n),
                _p(link.p_holm, lang),
                words("monr.yes" if link.leads else "monr.no", lang)
                + ("" if link.consistent or not link.leads else " (!)"),
            ]
        )
    lines += ["  " + line for line in text_table(rows, "llrrrrrl")]
    if any(k.leads and not k.consistent for k in x.links):
        lines.append("  " + words("monr.inconsistent", lang))
    lines.append(words("monr.moves", lang))
    if not x.moves:
        lines.append("    " + words("monr.no_moves", lang))
    for move in x.moves:
        lines.append(
            "    "
            + tr(
                "monr.move",
                lang,
                tp=move.touchpoint,
                flagged=month_label(move.flagged_month),
                kpi=f"{move.kpi} {kpis.get(move.kpi, '')}".strip(),
                month=month_label(move.month),
                change=move.change,
                limit=move.limit,
                lead=move.lead,
            )
        )
    lines += [f"  ! {note_text(n, lang)}" for n in x.notes]
    return lines


def monitoring_report(m: Monitoring, lang: str = "ru") -> str:
    """The whole monitoring report."""
    lines = _header(m, lang)
    lines += _warnings(m, lang)
    lines += _wave_table(m, lang)
    lines += _themes(m, lang)
    lines += _retention(m, lang)
    lines += _process(m, lang)
    lines += _links(m, lang)
    if m.notes:
        lines.append("")
        lines += [f"! {note_text(n, lang)}" for n in m.notes]
    return "\n".join(lines)


def bottleneck_line(p, lang: str) -> str:
    """The event log's bottleneck in a sentence: its wait, its share of all waiting, its load
    (terminal report and workbook)."""
    k = p.index(p.bottleneck)
    return tr(
        "monr.bottleneck",
        lang,
        activity=p.bottleneck,
        wait=p.wait_hours[k],
        total=p.wait_total_hours[k],
        share=p.wait_total_hours[k] / p.wait_total_hours.sum(),
        util=p.utilisation[k],
    )
