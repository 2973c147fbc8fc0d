"""The journey-design report for the terminal (``qfdkpi journey``), in the user's language:
the as-is → to-be comparison, the personas, the contact plan, the communication program and
the service levels. Every word comes from the catalogue (:mod:`workbooks.locale.journey`)."""

from __future__ import annotations

import math

import numpy as np

from qfd.journey.contact import CONTACTS_PER_CYCLE, EARLY, LATE, MIN_INTERVAL_DAYS
from qfd.journey.personas import FALLS_INTO_SHARE, OVER_INDEX, OVER_SHARE
from workbooks.deliverables.terminal import clip, text_table
from workbooks.journey import JourneyResults
from workbooks.locale import note_text, number, percent, tr, words
from workbooks.project.journey_schema import ATTRIBUTE_SEGMENTS, PATHS
from workbooks.project.schema import enum_label

__all__ = ["journey_report"]


def _days(x: float, lang: str) -> str:
    return number(x, lang, 0) if x is not None and math.isfinite(x) else "—"


def _kind(kind: str, lang: str) -> str:
    return enum_label("step_kind", kind, lang)


def _tp(step) -> str:
    return f" [{step.touchpoint}]" if step.touchpoint else ""


def _comparison(res: JourneyResults, lang: str) -> list[str]:
    lines = [words("journey.comparison", lang)]
    for j in res.comparison.segments:
        lines.append("")
        lines.append(
            tr(
                "journey.segment_head",
                lang,
                segment=j.segment,
                start=j.to_be.start,
                result=j.to_be.value_result,
            )
        )
        a, b = j.as_is, j.to_be
        rows = [
            [
                words(k, lang)
                for k in (
                    "journey.col.measure",
                    "journey.col.as_is",
                    "journey.col.to_be",
                    "journey.col.change",
                )
            ]
        ]
        for key, x, y in (
            ("journey.row.steps", a.steps, b.steps),
            ("journey.row.visits", a.visits, b.visits),
            ("journey.row.self", a.self_service, b.self_service),
            ("journey.row.proactive", a.proactive, b.proactive),
            ("journey.row.time", a.time_to_value, b.time_to_value),
        ):
            change = y - x
            shown = number(change, lang, None, sign=bool(change)) if change == change else "—"
            rows.append([words(key, lang), number(x, lang), number(y, lang), shown])
        lines += ["  " + r for r in text_table(rows, "lrrr")]
        share = j.time_saved / a.time_to_value if a.time_to_value else float("nan")
        lines.append(
            tr(
                "journey.summary",
                lang,
                removed=j.removed,
                proactive=j.made_proactive,
                added=j.added,
                added_proactive=j.added_proactive,
                visits=j.visits_avoided,
                saved=j.time_saved,
                share=share,
            )
        )
        if j.addressed:
            items = ", ".join(f"{t} (#{r})" for t, r, _ in j.addressed)
            lines.append(tr("journey.addressed", lang, items=items, weight=j.addressed_weight))
        else:
            lines.append(words("journey.addressed_none", lang))
        if j.missed_top:
            items = ", ".join(f"{t} (#{r})" for t, r in j.missed_top)
            lines.append(tr("journey.missed_top", lang, items=items))
        for c in j.changes:
            if c.change in ("removed", "added"):  # journey.change.removed / .added
                s = c.as_is if c.change == "removed" else c.to_be
                key = f"journey.change.{c.change}"
                lines.append(tr(key, lang, step=s.name, tp=_tp(s), kind=_kind(s.kind, lang)))
            elif c.change == "changed":
                saved = (
                    tr("journey.saved_days", lang, days=c.days_saved)
                    if c.days_saved == c.days_saved and c.days_saved > 0
                    else ""
                )
                lines.append(
                    tr(
                        "journey.change.changed",
                        lang,
                        before=c.as_is.name,
                        after=c.to_be.name,
                        kind_before=_kind(c.as_is.kind, lang),
                        kind_after=_kind(c.to_be.kind, lang),
                        tp=_tp(c.to_be if c.to_be.touchpoint else c.as_is),
                        saved=saved,
                    )
                )
            effect = (c.to_be.effect if c.to_be is not None else "") or ""
            if effect:
                lines.append(tr("journey.change.effect", lang, effect=effect))
    return lines


def _cross(cross, key: str, lang: str) -> list[str]:
    """Attribute segments in rows, clusters in columns: share (index)."""
    lines = [words(key, lang)]
    rows = [
        [
            words("journey.col.segment", lang),
            *(f"S{s + 1}" for s in range(cross.clusters)),
            words("journey.col.base", lang),
        ]
    ]
    for j, name in enumerate(cross.segments):
        cells = [clip(name, 40)]
        for s in range(cross.clusters):
            share, idx = cross.shares[s, j], cross.index[s, j]
            cells.append(f"{percent(share, lang)} ({number(idx, lang, 0)})")
        rows.append([*cells, percent(cross.base_share[j], lang)])
    lines += ["  " + r for r in text_table(rows, "l" + "r" * (cross.clusters + 1))]
    lines.append(
        tr(
            "journey.cross.rule",
            lang,
            share=FALLS_INTO_SHARE,
            over=OVER_SHARE,
            index=OVER_INDEX,
        )
    )
    return lines


def _bracket_label(label, lang: str) -> str:
    if not isinstance(label, tuple):
        return str(label)
    low, high = label
    if low is None:
        return f"< {number(high, lang)}"
    if high is None:
        return f"≥ {number(low, lang)}"
    return f"{number(low, lang)}–{number(high, lang)}"


def _persona(p, res: JourneyResults, lang: str) -> list[str]:
    months = words("journey.months", lang).split()
    out = [
        tr(
            "journey.persona.head",
            lang,
            n=p.cluster + 1,
            name=p.name,
            clients=p.clients,
            share=p.share,
            revenue=p.revenue_share,
        )
    ]
    if p.attribute_segments:
        items = "; ".join(
            tr("journey.persona.segment", lang, name=n, share=s, index=i)
            for n, s, i in p.attribute_segments
        )
        out.append(tr("journey.persona.segments", lang, items=items))
    elif res.design.segments:
        out.append(words("journey.persona.no_segments", lang))
    typical = "; ".join(f"{k}: {_typical(v, lang)}" for k, v in p.typical.items())
    out.append(tr("journey.persona.typical", lang, items=typical))
    if p.respondents:
        out.append(tr("journey.persona.respondents", lang, n=p.respondents, dm=p.decision_makers))
        out.append(
            tr(
                "journey.persona.needs",
                lang,
                items=", ".join(f"{t} {number(m, lang, 1)}" for t, m, _ in p.needs) or "—",
            )
        )
        out.append(
            tr(
                "journey.persona.problems",
                lang,
                items=", ".join(f"{t} {number(m, lang, 1)}" for t, m, _ in p.problems) or "—",
            )
        )
        for text, n in p.comments:
            out.append(tr("journey.persona.comment", lang, text=text, n=n))
        if p.channels:
            items = ", ".join(f"{c} {percent(s, lang)}" for c, s in p.channels)
            out.append(tr("journey.persona.channels", lang, items=items))
    else:
        out.append(words("journey.persona.no_respondents", lang))
    if p.path_channels:
        items = ", ".join(f"{c} ({n})" for c, n in p.path_channels)
        out.append(tr("journey.persona.path_channels", lang, items=items))
    if p.average_check == p.average_check:
        out.append(
            tr("journey.persona.check", lang, check=p.average_check, monthly=p.monthly_spend)
        )
    if p.by_bracket:
        items = "; ".join(
            tr(
                "journey.persona.bracket_item",
                lang,
                label=_bracket_label(label, lang),
                check=check,
                n=n,
            )
            for label, n, check, _ in p.by_bracket
        )
        out.append(tr("journey.persona.bracket", lang, attribute=res.bracket, items=items))
    s = p.seasonality
    if s.p_value == s.p_value:
        peak = float(np.nanmax(s.index))
        values = dict(peak=peak, p=s.p_value, trend=s.trend)
        if s.seasonal:
            names = ", ".join(months[m - 1] for m in s.peaks)
            out.append(tr("journey.persona.season", lang, months=names, **values))
        else:
            out.append(tr("journey.persona.no_season", lang, **values))
    elif s.months:
        out.append(tr("journey.persona.season_unknown", lang, n=s.months))
    if p.basket:
        items = ", ".join(
            tr("journey.persona.basket_item", lang, product=prod, share=share)
            for prod, share, _ in p.basket
        )
        out.append(tr("journey.persona.basket", lang, items=items))
    return out


def _typical(v, lang: str) -> str:
    """A typical value: large numbers grouped, years and small counts as they are."""
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 10_000:
            return str(int(v))
        return number(v, lang, 0) if abs(v) >= 100 else number(v, lang)
    return str(v)


def _plans(res: JourneyResults, lang: str) -> list[str]:
    lines = [words("journey.contact", lang)]
    rule = tr(
        "journey.contact.rule",
        lang,
        early=EARLY,
        late=LATE,
        floor=MIN_INTERVAL_DAYS,
        per=CONTACTS_PER_CYCLE,
    )
    lines += [f"  {line}" for line in rule.split("\n")]
    cols = [
        "journey.col.segment",
        "journey.col.clients",
        "journey.col.gaps",
        "journey.col.median",
        "journey.col.iqr",
        "journey.col.contact_day",
        "journey.col.lead",
        "journey.col.interval",
        "journey.col.silence",
        "journey.col.due",
        "journey.col.slipping",
        "journey.col.lost",
        "journey.col.bg_days",
        "journey.col.alive",
    ]
    rows = [[words(c, lang) for c in cols]]
    borrowed = False
    for name, p in res.plans.items():
        mark = "*" if p.source == "base" else ""
        borrowed |= bool(mark)
        shown = res.label(name)
        rows.append(
            [
                clip(shown, 40),
                number(p.clients, lang),
                number(p.gaps, lang) + mark,
                _days(p.median_gap, lang),
                f"{_days(p.q25, lang)}–{_days(p.q75, lang)}",
                _days(p.contact_day, lang),
                _days(p.lead_days, lang),
                _days(p.min_interval, lang),
                _days(p.silence_days, lang),
                number(p.due_now, lang),
                f"{number(p.slipping, lang)} ({number(p.slipping_revenue, lang, 0)})",
                number(p.lost, lang),
                _days(p.bg_days, lang),
                percent(p.bg_inactive, lang),
            ]
        )
    lines += ["  " + r for r in text_table(rows, "l" + "r" * (len(cols) - 1))]
    if borrowed:
        lines.append(words("journey.contact.base", lang))
    return lines


def _program(res: JourneyResults, lang: str) -> list[str]:
    lines = [words("journey.program", lang)]
    if not res.design.steps:
        lines.append(tr("journey.program.priority", lang))
    segment = None
    for row in res.program:
        if row.segment != segment:
            segment = row.segment
            shown = res.label(segment)
            lines.append(tr("journey.program.segment", lang, segment=shown))
        lines.append(
            tr(
                "journey.program.row",
                lang,
                stage=row.stage or "—",
                tp=row.touchpoint or "—",
                channel=row.channel or "—",
                trigger=note_text(row.trigger, lang),
                frequency=note_text(row.frequency, lang),
            )
        )
        lines.append(
            tr(
                "journey.program.goal",
                lang,
                goal=note_text(row.goal, lang),
                owner=row.owner or "—",
                kpi=note_text(row.kpi, lang),
            )
        )
    return lines


def _service(res: JourneyResults, lang: str) -> list[str]:
    lines = [words("journey.service", lang), f"  {words('journey.service.rule', lang)}"]
    cols = [
        "journey.col.segment",
        "journey.col.level",
        "journey.col.value",
        "journey.col.frequency",
        "journey.col.response",
        "journey.col.manager",
        "journey.col.channels",
    ]
    rows = [[words(c, lang) for c in cols]]
    for s in res.service:
        shown = res.label(s.segment)
        rows.append(
            [
                clip(shown, 40),
                words(f"journey.level.{s.level}", lang),
                number(s.value_index, lang, 0),
                number(s.frequency_index, lang, 0),
                tr("journey.hours", lang, h=s.response_hours),
                words("journey.yes" if s.personal_manager else "journey.no", lang),
                ", ".join(s.channels) or "—",
            ]
        )
    lines += ["  " + r for r in text_table(rows, "llrrrll")]
    value_word = words(f"journey.value.{res.service[0].value_measure}", lang) if res.service else ""
    if value_word:
        lines.append(tr("journey.service.value", lang, measure=value_word))
    return lines


def _columns(spec, lang: str) -> str:
    return ", ".join(c.label(lang) for c in spec.columns)


def journey_report(res: JourneyResults, project_name: str, lang: str = "ru") -> str:
    lines = [tr("journey.title", lang, project=project_name)]
    if not res.design.has_paths:
        lines.append(
            tr("journey.no_paths", lang, sheet=PATHS.name(lang), columns=_columns(PATHS, lang))
        )
    if not res.design.has_segments:
        lines.append(
            tr(
                "journey.no_segments",
                lang,
                sheet=ATTRIBUTE_SEGMENTS.name(lang),
                columns=_columns(ATTRIBUTE_SEGMENTS, lang),
            )
        )
    if res.comparison is not None:
        lines += ["", *_comparison(res, lang)]
    if res.cross is not None:
        lines += ["", *_cross(res.cross, "journey.cross", lang)]
    if res.cross_respondents is not None:
        lines += ["", *_cross(res.cross_respondents, "journey.cross_respondents", lang)]
    if res.personas:
        lines += ["", words("journey.personas", lang)]
        for p in res.personas:
            lines += _persona(p, res, lang)
    if res.plans:
        lines += ["", *_plans(res, lang)]
    if res.program:
        lines += ["", *_program(res, lang)]
    if res.service:
        lines += ["", *_service(res, lang)]
    if res.notes:
        lines += ["", words("journey.notes", lang)]
        lines += [f"  ! {note_text(n, lang)}" for n in res.notes]
    return "\n".join(lines)
