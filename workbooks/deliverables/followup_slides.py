"""Slides of journey design and monitoring in the strategic-session deck, added where ``run``
computed them (:mod:`workbooks.followup`): the journeys as-is → to-be per segment, and what got
worse by wave with the comment themes."""

from __future__ import annotations

import math

from workbooks.analysis import Analysis
from workbooks.deliverables.slides import BLUE, BODY, GREY, Box, Deck, Para
from workbooks.deliverables.xlsx.followup import journey_summary, series_label
from workbooks.locale import note_text, tr, words

__all__ = ["followup_slides"]

THEMES = 6  # themes on the monitoring slide
CHANGE_FILL = "FCE4D6"  # the to-be column, as the proactive steps on the journey sheet


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _days(x: float, lang: str) -> str:
    return tr("value", lang, x=float(x)) if math.isfinite(x) else "—"


def _journey(deck: Deck, a: Analysis, lang: str) -> None:
    comparison = a.journey.comparison
    s = deck.slide(words("slide_journey_title", lang), words("xj.legend", lang))
    table = Box(BODY.x, BODY.y, BODY.w, BODY.h * 0.62)
    header = [
        _capital(words(k, lang))
        for k in (
            "journey.col.segment",
            "journey.row.steps",
            "journey.row.visits",
            "journey.row.proactive",
            "journey.row.time",
        )
    ]
    rows, fills = [], {}
    for i, j in enumerate(comparison.segments, start=1):
        rows.append(
            [
                j.segment,
                f"{j.as_is.steps} → {j.to_be.steps}",
                f"{j.as_is.visits} → {j.to_be.visits}",
                f"{j.as_is.proactive} → {j.to_be.proactive}",
                f"{_days(j.as_is.time_to_value, lang)} → {_days(j.to_be.time_to_value, lang)}",
            ]
        )
        fills[(i, 3)] = CHANGE_FILL
    used = deck.table(s, table, header, rows, [2.2, 1, 1, 1.2, 1.4], fills=fills)
    notes = Box(BODY.x, BODY.y + used + 14, BODY.w, BODY.h - used - 14)
    paras = []
    for j in comparison.segments:
        paras.append(Para(f"{j.segment}: {journey_summary(j, lang)}", bullet=True, scale=0.9))
    deck.text(s, notes, paras, sizes=(13, 12, 11, 10, 9, 8))


def _monitoring(deck: Deck, a: Analysis, lang: str) -> None:
    m = a.monitoring
    labels = m.waves.labels
    rule = " ".join(note_text(n, lang) for n in m.warnings.rule.notes())
    s = deck.slide(words("slide_monitoring_title", lang))
    left, right = BODY.split_h(0.5)
    paras = [Para(words("dt.title", lang), bold=True, colour=BLUE)]
    for w in m.warnings.flagged:
        series = m.waves.get(w.touchpoint, w.metric)
        paras.append(
            Para(
                tr(
                    "slide_flag",
                    lang,
                    series=series_label(a, w.touchpoint, w.metric, lang),
                    since=labels[w.first],
                    now=float(series.value[-1]),
                ),
                bold=True,
            )
        )
    if not m.warnings.flagged:
        paras.append(Para(words("xt.no_flags", lang)))
    paras.append(Para(words("monr.rule", lang) + " " + rule, scale=0.75, colour=GREY))
    deck.text(s, left, paras, sizes=(16, 14, 13, 12, 11, 10, 9))
    t = m.themes
    if t is None:
        deck.text(s, right, [Para(words("monr.no_comments", lang))])
        return
    header = [
        words("xth.col.theme", lang),
        words("xth.col.count", lang),
        *(words(f"monr.group.{g}", lang) for g in t.groups),
    ]
    rows = [
        [
            th.label,
            str(th.count),
            *(tr("percent0", lang, x=float(th.shares[g])) for g in t.groups),
        ]
        for th in t.themes[:THEMES]
    ]
    used = deck.table(
        s,
        Box(right.x, right.y, right.w, right.h * 0.7),
        header,
        rows,
        [2.4, 1, *[1] * len(t.groups)],
    )
    quotes = [
        Para(tr("xth.quote", lang, q=q), scale=0.9, colour=GREY)
        for th in t.themes[:2]
        for q in th.quotes[:1]
    ]
    deck.text(
        s,
        Box(right.x, right.y + used + 8, right.w, right.h - used - 8),
        quotes,
        sizes=(12, 11, 10, 9),
    )


def followup_slides(deck: Deck, a: Analysis, lang: str) -> None:
    """The journey and monitoring slides this project has results for (none otherwise: the
    gaps slide says what their sheets would add)."""
    if a.journey is not None and a.journey.comparison is not None:
        _journey(deck, a, lang)
    if a.monitoring is not None:
        _monitoring(deck, a, lang)
