"""The dashboard prototype: one self-contained, offline HTML file.

The results are embedded as JSON (with ``<`` escaped, so no text can close the script tag) and
drawn by a small vanilla script into SVG and tables. User text is only ever inserted with
``textContent``, never as HTML.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from workbooks.analysis import Analysis
from workbooks.atomic import atomic_path

__all__ = ["dashboard_data", "write_dashboard"]

TEXT = {
    "ru": {
        "title": "CX-дашборд: прототип",
        "journey": "Путь клиента: приоритет и удовлетворённость",
        "ipa": "Важность – исполнение",
        "drivers": "Вклад точек контакта в платёжное поведение (доля R², 95% ДИ)",
        "kpi": "Дерево KPI",
        "segments": "Сегменты клиентов",
        "weight": "Вес",
        "sat": "Удовл.",
        "stage": "Этап",
        "all": "Все",
        "bottleneck": "Узкое место",
        "importance": "Важность W0",
        "satisfaction": "Удовлетворённость",
        "clients": "клиентов",
        "revenue": "выручки",
        "colour": "Цвет",
        "by_priority": "по приоритету",
        "by_sat": "по удовлетворённости",
        "touchpoint": "Точка контакта",
    },
    "en": {
        "title": "CX dashboard: prototype",
        "journey": "Customer journey: priority and satisfaction",
        "ipa": "Importance – performance",
        "drivers": "Touchpoint shares of payment behaviour (R² share, 95% CI)",
        "kpi": "KPI tree",
        "segments": "Client segments",
        "weight": "Weight",
        "sat": "Sat.",
        "stage": "Stage",
        "all": "All",
        "bottleneck": "Bottleneck",
        "importance": "Importance W0",
        "satisfaction": "Satisfaction",
        "clients": "clients",
        "revenue": "of revenue",
        "colour": "Colour",
        "by_priority": "by priority",
        "by_sat": "by satisfaction",
        "touchpoint": "Touchpoint",
    },
}


def _num(x):
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else float(x)


def dashboard_data(a: Analysis, lang: str = "ru") -> dict:
    pm, ri = a.qfd.planning, a.drivers.importance
    tps = {t.id: t for t in a.project.touchpoints}
    sat_by_segment = {}
    for m in a.metrics:
        key = "*" if m.segment == "*" else m.segment
        sat_by_segment.setdefault(key, {})[m.touchpoint] = _num(m.mean.value)
    included = [t for t, k in zip(a.drivers.touchpoints, a.drivers.included, strict=True) if k]
    trees = {}
    for tp, an in a.kpi.analyses.items():
        tree = a.kpi.trees[tp]
        trees[tp] = {
            "bottleneck": an.bottleneck,
            "nodes": [
                {
                    "id": n,
                    "name": tree.nodes[n]["kpi"].name,
                    "level": r.level,
                    "attainment": _num(r.attainment),
                }
                for n, r in an.nodes.items()
            ],
            "edges": [
                [u, v, round(float(d["w"]), 3)]
                for u, v, d in tree.edges(data=True)
                if u in an.nodes and v in an.nodes
            ],
        }
    clusters = a.clusters
    return {
        "lang": lang,
        "text": TEXT[lang],
        "project": a.project.source.stem,
        "scale": [
            a.project.settings.satisfaction_scale.low,
            a.project.settings.satisfaction_scale.high,
        ],
        "touchpoints": [
            {
                "id": tp,
                "name": tps[tp].name,
                "stage": tps[tp].stage,
                "stage_order": tps[tp].stage_order,
                "weight": float(pm.weight[j]),
                "rank": int(pm.rank[j]),
                "w0": float(pm.blended[j]),
                "sat": _num(pm.satisfaction[j]),
                "quadrant": pm.quadrant[j],
            }
            for j, tp in enumerate(pm.touchpoints)
        ],
        "split": [float(pm.split[0]), float(pm.split[1])],
        "segments_sat": sat_by_segment,
        "segments_rank": {
            "*": {tp: int(pm.rank[j]) for j, tp in enumerate(pm.touchpoints)},
            **{
                name: {tp: int(spm.rank[j]) for j, tp in enumerate(spm.touchpoints)}
                for name, spm in a.qfd.segments.items()
            },
        },
        "drivers": [
            {
                "id": tp,
                "share": float(ri.shares[k]),
                "low": _num(ri.share_ci[k, 0]) if ri.share_ci is not None else None,
                "high": _num(ri.share_ci[k, 1]) if ri.share_ci is not None else None,
            }
            for k, tp in sorted(enumerate(included), key=lambda kv: -ri.shares[kv[0]])
        ],
        "trees": trees,
        "portraits": []
        if clusters is None
        else [
            {
                "id": f"S{p.segment + 1}",
                "name": p.name,
                "size": p.size,
                "share": p.share,
                "revenue": p.revenue_share,
                "features": [[f, round(float(i))] for f, i in p.distinguishing],
            }
            for p in clusters.portraits
        ],
    }


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Arial, sans-serif; margin: 0; background: #F4F6F9; color: #1F2937; }}
header {{ background: #1F4E78; color: white; padding: 14px 24px; }}
header h1 {{ margin: 0; font-size: 20px; }}
main {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; padding: 16px; }}
section {{ background: white; border-radius: 8px; padding: 14px 16px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }}
section.wide {{ grid-column: 1 / -1; }}
h2 {{ font-size: 15px; margin: 0 0 10px; color: #1F4E78; }}
table {{ border-collapse: collapse; font-size: 12px; width: 100%; }}
td, th {{ border: 1px solid #E5E7EB; padding: 4px 6px; text-align: center; }}
th {{ background: #F3F4F6; }}
td.name {{ text-align: left; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 10px; }}
.card {{ border: 1px solid #E5E7EB; border-radius: 6px; padding: 8px 10px; width: 230px; font-size: 12px; }}
.card b {{ display: block; margin-bottom: 4px; }}
select {{ font-size: 13px; }}
svg text {{ font-size: 11px; }}
</style>
</head>
<body>
<header><h1 id="title"></h1></header>
<main>
<section class="wide" id="journey"><h2></h2><div class="controls"></div><div class="body"></div></section>
<section id="ipa"><h2></h2><svg width="520" height="380" role="img"></svg></section>
<section id="drivers"><h2></h2><svg width="520" height="380" role="img"></svg></section>
<section class="wide" id="kpi"><h2></h2><select></select><svg width="1100" height="420" role="img"></svg></section>
<section class="wide" id="segments"><h2></h2><div class="cards"></div></section>
</main>
<script type="application/json" id="data">{data}</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const T = D.text;
const NS = "http://www.w3.org/2000/svg";
function el(tag, attrs, parent, text) {{
  const e = tag.startsWith("svg:") ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {{}})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}}
function ramp(t) {{  // 0 = red, 0.5 = yellow, 1 = green
  t = Math.max(0, Math.min(1, t));
  const r = t < 0.5 ? 248 : Math.round(248 - (t - 0.5) * 2 * (248 - 99));
  const g = t < 0.5 ? Math.round(105 + t * 2 * (235 - 105)) : Math.round(235 - (t - 0.5) * 2 * (235 - 190));
  return `rgb(${{r}},${{g}},${{t < 0.5 ? 107 : 123}})`;
}}
document.title = T.title + " — " + D.project;
document.getElementById("title").textContent = T.title + " — " + D.project;
for (const id of ["journey", "ipa", "drivers", "kpi", "segments"]) {{
  document.querySelector(`#${{id}} h2`).textContent = T[id];
}}

// Journey heatmap: stage × touchpoint, one row per segment
(function journey() {{
  const box = document.querySelector("#journey .body");
  const controls = document.querySelector("#journey .controls");
  el("span", {{}}, controls, T.colour + ": ");
  const sel = el("select", {{id: "colour"}}, controls);
  el("option", {{value: "priority"}}, sel, T.by_priority);
  el("option", {{value: "sat"}}, sel, T.by_sat);
  const tps = [...D.touchpoints].sort((a, b) => a.stage_order - b.stage_order || a.id.localeCompare(b.id));
  function draw() {{
    box.textContent = "";
    const table = el("table", {{class: "heatmap"}}, box);
    const head1 = el("tr", {{}}, table);
    el("th", {{}}, head1, T.stage);
    const stages = [];
    for (const tp of tps) {{
      const last = stages[stages.length - 1];
      if (last && last.name === tp.stage) last.n += 1; else stages.push({{name: tp.stage, n: 1}});
    }}
    for (const s of stages) el("th", {{colspan: s.n}}, head1, s.name);
    const head2 = el("tr", {{}}, table);
    el("th", {{}}, head2, T.touchpoint);
    for (const tp of tps) el("th", {{title: tp.name}}, head2, tp.id);
    const [lo, hi] = D.scale;
    for (const seg of Object.keys(D.segments_sat)) {{
      const row = el("tr", {{}}, table);
      el("td", {{class: "name"}}, row, seg === "*" ? T.all : seg);
      for (const tp of tps) {{
        const sat = D.segments_sat[seg][tp.id];
        const rank = (D.segments_rank[seg] || D.segments_rank["*"])[tp.id];
        const n = tps.length;
        const value = sel.value === "priority" ? (rank - 1) / Math.max(1, n - 1) : (sat === null ? null : (sat - lo) / (hi - lo));
        const cell = el("td", {{class: "cell", title: `${{tp.name}}: ${{T.weight}} ${{(100 * tp.weight).toFixed(1)}}%, ${{T.sat}} ${{sat === null ? "—" : sat.toFixed(2)}}`}}, row,
                        sel.value === "priority" ? "#" + rank : (sat === null ? "—" : sat.toFixed(1)));
        cell.style.background = value === null ? "#EEE" : ramp(value);
      }}
    }}
  }}
  sel.addEventListener("change", draw);
  draw();
}})();

// Importance–performance quadrant
(function ipa() {{
  const svg = document.querySelector("#ipa svg");
  const W = 520, H = 380, m = 48;
  const xs = D.touchpoints.map(t => t.w0), ys = D.touchpoints.map(t => t.sat).filter(v => v !== null);
  const x0 = 0, x1 = Math.max(...xs) * 1.15, y0 = Math.min(...ys) - 0.3, y1 = Math.max(...ys) + 0.3;
  const X = v => m + (v - x0) / (x1 - x0) * (W - 2 * m), Y = v => H - m - (v - y0) / (y1 - y0) * (H - 2 * m);
  el("svg:rect", {{x: X(D.split[0]), y: m, width: W - m - X(D.split[0]), height: Y(D.split[1]) - m, fill: "#E8F5E9"}}, svg);
  el("svg:rect", {{x: X(D.split[0]), y: Y(D.split[1]), width: W - m - X(D.split[0]), height: H - m - Y(D.split[1]), fill: "#FDECEA"}}, svg);
  el("svg:line", {{x1: m, y1: H - m, x2: W - m, y2: H - m, stroke: "#555"}}, svg);
  el("svg:line", {{x1: m, y1: m, x2: m, y2: H - m, stroke: "#555"}}, svg);
  el("svg:text", {{x: W / 2, y: H - 10, "text-anchor": "middle"}}, svg, T.importance);
  el("svg:text", {{x: 12, y: H / 2, transform: `rotate(-90 12 ${{H / 2}})`, "text-anchor": "middle"}}, svg, T.satisfaction);
  for (const t of D.touchpoints) {{
    if (t.sat === null) continue;
    const c = el("svg:circle", {{cx: X(t.w0), cy: Y(t.sat), r: 6, fill: t.quadrant === "concentrate" ? "#C0392B" : "#2E86C1", class: "point"}}, svg);
    el("svg:title", {{}}, c, `${{t.id}} ${{t.name}}`);
    el("svg:text", {{x: X(t.w0) + 8, y: Y(t.sat) + 4}}, svg, t.id);
  }}
}})();

// Driver shares with confidence intervals
(function drivers() {{
  const svg = document.querySelector("#drivers svg");
  const W = 520, left = 60, top = 10, bar = Math.min(26, 340 / Math.max(1, D.drivers.length));
  const max = Math.max(...D.drivers.map(d => d.high === null ? d.share : d.high)) * 1.05 || 1;
  const X = v => left + v / max * (W - left - 20);
  D.drivers.forEach((d, i) => {{
    const y = top + i * bar;
    el("svg:rect", {{x: left, y: y + 3, width: X(d.share) - left, height: bar - 8, fill: "#5B9BD5", class: "bar"}}, svg);
    if (d.low !== null) el("svg:line", {{x1: X(d.low), x2: X(d.high), y1: y + bar / 2 - 1, y2: y + bar / 2 - 1, stroke: "#1F2937"}}, svg);
    el("svg:text", {{x: 4, y: y + bar / 2 + 3}}, svg, d.id);
    el("svg:text", {{x: X(d.high === null ? d.share : d.high) + 4, y: y + bar / 2 + 3}}, svg, (100 * d.share).toFixed(1) + "%");
  }});
}})();

// KPI tree per touchpoint: levels as rows, the bottleneck outlined in red
(function kpi() {{
  const sel = document.querySelector("#kpi select");
  const svg = document.querySelector("#kpi svg");
  const levels = ["financial", "client", "process", "competence"];
  for (const tp of Object.keys(D.trees)) el("option", {{value: tp}}, sel, tp);
  const byRank = [...D.touchpoints].sort((a, b) => a.rank - b.rank);
  if (byRank.length && D.trees[byRank[0].id]) sel.value = byRank[0].id;
  function draw() {{
    svg.textContent = "";
    const tree = D.trees[sel.value];
    if (!tree) return;
    const pos = {{}};
    levels.forEach((lv, row) => {{
      const nodes = tree.nodes.filter(n => n.level === lv);
      nodes.forEach((n, i) => {{ pos[n.id] = [(i + 1) * 1100 / (nodes.length + 1), 40 + row * 100]; }});
    }});
    for (const [u, v, w] of tree.edges) {{
      const [x1, y1] = pos[u], [x2, y2] = pos[v];
      el("svg:line", {{x1, y1: y1 - 22, x2, y2: y2 + 22, stroke: "#9CA3AF", "stroke-width": 1 + 3 * w}}, svg);
    }}
    for (const n of tree.nodes) {{
      const [x, y] = pos[n.id];
      const a = n.attainment;
      const colour = a === null ? "#D9D9D9" : a >= 0.8 ? "#63BE7B" : a >= 0.5 ? "#FFD966" : "#F8696B";
      const g = el("svg:g", {{class: n.id === tree.bottleneck ? "node bottleneck" : "node"}}, svg);
      el("svg:rect", {{x: x - 100, y: y - 22, width: 200, height: 44, rx: 6, fill: colour,
                      stroke: n.id === tree.bottleneck ? "#C00000" : "#555", "stroke-width": n.id === tree.bottleneck ? 4 : 1}}, g);
      el("svg:text", {{x, y: y - 4, "text-anchor": "middle", "font-weight": "bold"}}, g, n.id + (a === null ? "" : ` · ${{Math.round(100 * a)}}%`));
      el("svg:text", {{x, y: y + 12, "text-anchor": "middle"}}, g, n.name.length > 32 ? n.name.slice(0, 31) + "…" : n.name);
      el("svg:title", {{}}, g, n.name);
    }}
  }}
  sel.addEventListener("change", draw);
  draw();
}})();

// Segment portraits
(function segments() {{
  const box = document.querySelector("#segments .cards");
  for (const p of D.portraits) {{
    const card = el("div", {{class: "card"}}, box);
    el("b", {{}}, card, `${{p.id}} ${{p.name}}`);
    el("div", {{}}, card, `${{p.size}} ${{T.clients}} (${{Math.round(100 * p.share)}}%), ${{Math.round(100 * p.revenue)}}% ${{T.revenue}}`);
    const ul = el("ul", {{}}, card);
    for (const [f, i] of p.features) el("li", {{}}, ul, `${{f}}: ${{i}}`);
  }}
}})();
</script>
</body>
</html>
"""


def write_dashboard(a: Analysis, path: Path, lang: str = "ru") -> Path:
    data = json.dumps(
        dashboard_data(a, lang),
        ensure_ascii=False,
        default=lambda o: o.item() if isinstance(o, np.generic) else str(o),
    )
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    html = PAGE.format(lang=lang, title=TEXT[lang]["title"], data=data)
    with atomic_path(path, force=True) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path
