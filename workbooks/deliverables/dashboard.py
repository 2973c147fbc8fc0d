"""The dashboard prototype: one self-contained, offline HTML file.

The page is package data (``dashboard_page/``: HTML, CSS, JavaScript). Writing it inlines the
style and the script and injects the results as JSON in a ``<script type="application/json">``
block, with ``<``, ``>``, ``&`` and the JavaScript line separators escaped, so no text can close
the block; the title is HTML-escaped. The script inserts user text with ``textContent`` only,
never as HTML. Numbers are formatted in the page's language by the browser (``Intl``).
"""

from __future__ import annotations

import html
import json
import math
from importlib import resources
from pathlib import Path

import numpy as np

from kpi_tree.recommend import recommendation
from workbooks.analysis import Analysis
from workbooks.atomic import atomic_path
from workbooks.deliverables.charts import QUADRANT_COLOURS, ipa_layout
from workbooks.deliverables.deck import tree_rows
from workbooks.deliverables.facts import (
    borderline,
    by_rank,
    label,
    nps_lines,
    omissions,
    quadrant_word,
    touchpoint_quadrant,
    why_left_out,
)
from workbooks.deliverables.xlsx.drivers import model_line
from workbooks.deliverables.xlsx.segments import portrait_lines
from workbooks.locale import note_text, tr, words
from workbooks.project.schema import enum_label

__all__ = ["dashboard_data", "page", "write_dashboard"]

LOCALES = {"ru": "ru-RU", "en": "en-US"}
TEXT_KEYS = (  # the page's words: "dash_<key>" in the catalogue
    "title",
    "journey",
    "ipa",
    "drivers",
    "kpi",
    "segments",
    "left_out",
    "weight",
    "rank",
    "sat",
    "stage",
    "all",
    "touchpoint",
    "colour",
    "by_priority",
    "by_sat",
    "legend_priority",
    "legend_sat",
    "legend_rank_high",
    "legend_rank_low",
    "points",
    "no_answers",
    "importance",
    "satisfaction_axis",
    "r2_axis",
    "ci",
    "bottleneck",
    "attain_good",
    "attain_mid",
    "attain_low",
    "attain_none",
    "features",
    "typical",
)


def _num(x):
    return None if x is None or not math.isfinite(float(x)) else float(x)


def dashboard_data(a: Analysis, lang: str = "ru") -> dict:
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    tps = {t.id: t for t in a.project.touchpoints}
    scale = a.project.settings.satisfaction_scale
    lay = ipa_layout(
        pm.blended,
        pm.satisfaction,
        pm.split,
        list(pm.touchpoints),
        (scale.low, scale.high),
        plot_px=(480, 344),
    )
    sat, n = {}, {}
    for m in a.metrics:
        sat.setdefault(m.segment, {})[m.touchpoint] = _num(m.mean.value)
        n.setdefault(m.segment, {})[m.touchpoint] = int(m.mean.n)
    text = {key: words(f"dash_{key}", lang) for key in TEXT_KEYS}
    text["satisfaction_axis"] = tr("axis_satisfaction", lang, low=scale.low, high=scale.high)
    return {
        "lang": lang,
        "locale": LOCALES.get(lang, "ru-RU"),
        "text": text,
        "project": a.project.title,
        "subtitle": tr(
            "dash_subtitle",
            lang,
            tps=len(pm.touchpoints),
            n=a.project.interviews.n,
        ),
        "scale": [scale.low, scale.high],
        "touchpoints": [
            {
                "id": tp,
                "name": tps[tp].name,
                "stage": tps[tp].stage,
                "stage_order": tps[tp].stage_order,
                "weight": float(pm.weight[j]),
                "rank": int(pm.rank[j]),
                "rank_low": int(stab.interval[j, 0]),
                "rank_high": int(stab.interval[j, 1]),
                "w0": float(pm.blended[j]),
                "sat": _num(pm.satisfaction[j]),
                "n": int(pm.satisfaction_n[j]),
                "quadrant": pm.quadrant[j],
                "quadrant_label": touchpoint_quadrant(a, j, lang),
                "borderline": borderline(a, j),
            }
            for j, tp in enumerate(pm.touchpoints)
        ],
        "split": [float(pm.split[0]), float(pm.split[1])],
        "split_note": tr("dash_split", lang, w0=float(pm.split[0]), s=float(pm.split[1])),
        "borderline_key": words("dash_borderline_key", lang),
        "ipa": {
            "x_range": list(lay.x_range),
            "y_range": list(lay.y_range),
            "sides": list(lay.sides),
        },
        "quadrant_colours": QUADRANT_COLOURS,
        "quadrant_words": {q: quadrant_word(q, lang) for q in QUADRANT_COLOURS},
        "segments_sat": sat,
        "segments_n": n,
        "segments_rank": {
            "*": {tp: int(pm.rank[j]) for j, tp in enumerate(pm.touchpoints)},
            **{
                name: {tp: int(spm.rank[j]) for j, tp in enumerate(spm.touchpoints)}
                for name, spm in a.qfd.segments.items()
            },
        },
        "drivers": _drivers(a),
        # a model the data do not support says so where its shares are drawn
        "drivers_note": ". ".join(
            part.rstrip(".")
            for part in [model_line(a, lang)]
            + ([note_text(a.drivers.unsupported, lang)] if a.drivers.unsupported else [])
            + nps_lines(a, lang)[:1]  # the headline NPS beside the model
        ),
        **_trees(a, lang),
        **_portraits(a, lang),
        "left_out": [f"{o.part}: {o.reason}" for o in omissions(a, lang)],
        "paths": _paths(a, lang),
        "trend": _trend(a, lang),
        "themes": _themes(a, lang),
    }


def _step(step, removed: bool, lang: str) -> dict:
    return {
        "order": step.order,
        "name": step.name,
        "kind": step.kind,
        "kind_word": words(f"kind.{step.kind}", lang),
        "channel": step.channel,
        "tp": step.touchpoint,
        "days": _num(step.duration) if step.duration is not None else None,
        "removed": removed,
    }


def _paths(a: Analysis, lang: str) -> dict | None:
    """Each segment's journeys as-is and to-be (None without the segment-paths sheet)."""
    res = a.journey
    if res is None or res.comparison is None:
        return None
    segments = []
    for j in res.comparison.segments:
        as_is = [c for c in j.changes if c.as_is is not None]
        to_be = [c for c in j.changes if c.to_be is not None]
        segments.append(
            {
                "name": tr(
                    "xj.segment",
                    lang,
                    segment=j.segment,
                    start=j.to_be.start,
                    result=j.to_be.value_result,
                ),
                "as_is": [
                    _step(c.as_is, c.change == "removed", lang)
                    for c in sorted(as_is, key=lambda c: c.as_is.order)
                ],
                "to_be": [
                    _step(c.to_be, False, lang) for c in sorted(to_be, key=lambda c: c.to_be.order)
                ],
            }
        )
    return {
        "title": words("dj.title", lang),
        "note": words("dj.note", lang),
        "as_is": words("journey.col.as_is", lang),
        "to_be": words("journey.col.to_be", lang),
        "days": words("dj.days", lang),
        "kinds": [[k, words(f"kind.{k}", lang)] for k in ("visit", "self", "proactive")],
        "segments": segments,
    }


def _trend(a: Analysis, lang: str) -> dict | None:
    """The watched series by wave with the flags of the early-warning rule."""
    from workbooks.deliverables.xlsx.followup import flagged_items, series_label, trend_rows

    m = a.monitoring
    if m is None:
        return None
    labels = m.waves.labels
    flagged = flagged_items(a, lang)
    return {
        "title": words("dt.title", lang),
        "note": words("dt.note", lang),
        "flagged": "; ".join(flagged) or words("xt.no_flags", lang),
        "series": words("xt.col.series", lang),
        "labels": list(labels),
        "n_label": words("xt.n", lang),
        "n": [int(x) for x in m.waves.counts()],
        "rows": [
            {
                "label": series_label(a, w.touchpoint, w.metric, lang),
                "digits": 2 if w.metric == "ces" else 1,
                "values": [_num(v) for v in s.value],
                "worse": [bool(x) for x in w.worse],
                "better": [bool(x) for x in w.better],
            }
            for w, s in trend_rows(a)
        ],
    }


def _themes(a: Analysis, lang: str) -> dict | None:
    m = a.monitoring
    if m is None or m.themes is None:
        return None
    t = m.themes
    masked = ", ".join(f"{words(f'monr.mask.{k}', lang)}: {v}" for k, v in sorted(t.masked.items()))
    return {
        "title": words("dth.title", lang),
        "head": tr("xth.head", lang, n=t.n_comments, masked=masked or "—"),
        "columns": [
            words("xth.col.theme", lang),
            words("xth.col.count", lang),
            *(tr("xth.col.share", lang, group=words(f"monr.group.{g}", lang)) for g in t.groups),
            words("xth.col.tps", lang),
            words("xth.col.quotes", lang),
        ],
        "rows": [
            {
                "label": th.label,
                "count": th.count,
                "shares": [float(th.shares[g]) for g in t.groups],
                "touchpoints": ", ".join(tp for tp, _, _ in th.touchpoints),
                "quotes": [tr("xth.quote", lang, q=q) for q in th.quotes[:2]],
            }
            for th in t.themes
        ],
    }


def _drivers(a: Analysis) -> list[dict]:
    rep, ri = a.drivers, a.drivers.importance
    names = {t.id: t.name for t in a.project.touchpoints}
    included = [t for t, k in zip(rep.touchpoints, rep.included, strict=True) if k]
    return [
        {
            "id": tp,
            "name": names.get(tp, ""),
            "share": float(ri.shares[k]),
            "low": _num(ri.share_ci[k, 0]) if ri.share_ci is not None else None,
            "high": _num(ri.share_ci[k, 1]) if ri.share_ci is not None else None,
            "n": int(ri.n_pairwise[k]),
        }
        for k, tp in sorted(enumerate(included), key=lambda kv: -ri.shares[kv[0]])
    ]


def _trees(a: Analysis, lang: str) -> dict:
    trees = {}
    for tp, an in a.kpi.analyses.items():
        if an.root is None:
            continue
        tree = a.kpi.trees[tp]
        rec = recommendation(an, tree)
        trees[tp] = {
            "label": label(a, tp),
            "bottleneck": an.bottleneck,
            "recommendation": note_text(rec, lang) if rec is not None else "",
            "rows": tree_rows(tree, set(an.nodes), an.root),
            "nodes": {
                k: {
                    "name": tree.nodes[k]["kpi"].name,
                    "level_word": enum_label("level", r.level, lang),
                    "attainment": _num(r.attainment),
                }
                for k, r in an.nodes.items()
            },
            "edges": [
                [u, v, round(float(d.get("w") or 0), 3)]
                for u, v, d in tree.edges(data=True)
                if u in an.nodes and v in an.nodes
            ],
        }
    ranked = [a.qfd.planning.touchpoints[j] for j in by_rank(a)]
    first = next((tp for tp, _, _ in a.kpi.actions if tp in trees), None)
    first = first or next((tp for tp in ranked if tp in trees), None)
    reason = why_left_out(a, "part_kpi", lang) or words("why_no_bottlenecks", lang)
    return {"trees": trees, "first_tree": first, "no_trees": reason}


def _portraits(a: Analysis, lang: str) -> dict:
    cl = a.clusters
    if cl is None:
        return {"portraits": [], "no_portraits": why_left_out(a, "part_portraits", lang)}
    prio = cl.priority
    place = {seg: i + 1 for i, seg in enumerate(prio.order)}
    out = []
    for p in cl.portraits:
        features, typical = portrait_lines(p, lang)
        csi = prio.csi.get(p.segment, math.nan)
        out.append(
            {
                "id": f"S{p.segment + 1}",
                "head": tr(
                    "deck_segment_head", lang, n=p.segment + 1, name=p.name, place=place[p.segment]
                ),
                "size": tr(
                    "deck_segment_size", lang, size=p.size, share=p.share, revenue=p.revenue_share
                ),
                "csi": tr("deck_segment_csi", lang, csi=csi, n=prio.respondents[p.segment])
                if math.isfinite(csi)
                else words("deck_segment_no_csi", lang),
                "features": features,
                "typical": typical,
            }
        )
    return {"portraits": out, "no_portraits": ""}


def _json(data: dict) -> str:
    text = json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        default=lambda o: o.item() if isinstance(o, np.generic) else str(o),
    )
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def page(data: dict) -> str:
    """The self-contained page for ``data``."""
    folder = resources.files("workbooks.deliverables") / "dashboard_page"
    template = (folder / "dashboard.html").read_text(encoding="utf-8")
    style = (folder / "dashboard.css").read_text(encoding="utf-8")
    script = (folder / "dashboard.js").read_text(encoding="utf-8")
    title = f"{data['text']['title']} — {data['project']}"
    parts = {
        "{{lang}}": html.escape(data["lang"], quote=True),
        "{{title}}": html.escape(title),
        "/*qfdkpi:style*/": style,
        "/*qfdkpi:data*/": _json(data),
        "/*qfdkpi:script*/": script,
    }
    out, rest = [], template
    for marker, value in parts.items():  # in template order; values are never re-scanned
        head, sep, rest = rest.partition(marker)
        if not sep:
            raise KeyError(f"the dashboard template lacks {marker} (in this order)")
        out += [head, value]
    return "".join([*out, rest])


def write_dashboard(a: Analysis, path: Path, lang: str = "ru") -> Path:
    with atomic_path(path, force=True) as tmp:
        tmp.write_text(page(dashboard_data(a, lang)), encoding="utf-8")
    return path
