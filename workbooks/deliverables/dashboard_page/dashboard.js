"use strict";
// The CX dashboard prototype. Data and words come from the JSON block written by qfdkpi;
// text is only ever inserted with textContent (never as HTML).
const D = JSON.parse(document.getElementById("data").textContent);
const T = D.text;
const NS = "http://www.w3.org/2000/svg";
const NUM = (digits) => new Intl.NumberFormat(D.locale, {minimumFractionDigits: digits, maximumFractionDigits: digits});
const PCT = (digits) => new Intl.NumberFormat(D.locale, {style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits});
const fmt = (x, digits) => (x === null || x === undefined ? "—" : NUM(digits).format(x));
const pct = (x, digits) => (x === null || x === undefined ? "—" : PCT(digits).format(x));
const range = (lo, hi) => `${lo}–\u2060${hi}`;

function el(tag, attrs, parent, text) {
  const e = tag.startsWith("svg:") ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}
function ramp(t) {  // 0 = red, 0.5 = yellow, 1 = green
  t = Math.max(0, Math.min(1, t));
  const r = t < 0.5 ? 248 : Math.round(248 - (t - 0.5) * 2 * (248 - 99));
  const g = t < 0.5 ? Math.round(105 + t * 2 * (235 - 105)) : Math.round(235 - (t - 0.5) * 2 * (235 - 190));
  return `rgb(${r},${g},${t < 0.5 ? 107 : 123})`;
}
const CANVAS = document.createElement("canvas").getContext("2d");
function wrap(text, width, font) {  // lines of at most `width` pixels, words never broken
  CANVAS.font = font;
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? line + " " + word : word;
    if (line && CANVAS.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}
function ticks(lo, hi, count) {  // round tick values covering [lo, hi]
  const raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  // no 2.5 steps: the labels show one decimal (or whole percents), and 3.25 would read "3,3"
  const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(10));
  return out;
}
function axes(svg, box, x, y, xTicks, yTicks, xLabel, yLabel, xFormat, yFormat) {
  // box = {left, top, right, bottom}; x, y map values to pixels
  const g = el("svg:g", {class: "axes"}, svg);
  el("svg:line", {x1: box.left, y1: box.bottom, x2: box.right, y2: box.bottom, stroke: "#6B7280"}, g);
  el("svg:line", {x1: box.left, y1: box.top, x2: box.left, y2: box.bottom, stroke: "#6B7280"}, g);
  for (const v of xTicks) {
    const t = el("svg:g", {class: "tick x"}, g);
    el("svg:line", {x1: x(v), x2: x(v), y1: box.bottom, y2: box.bottom + 5}, t);
    el("svg:text", {x: x(v), y: box.bottom + 17, "text-anchor": "middle"}, t, xFormat(v));
  }
  for (const v of yTicks) {
    const t = el("svg:g", {class: "tick y"}, g);
    el("svg:line", {x1: box.left - 5, x2: box.left, y1: y(v), y2: y(v)}, t);
    el("svg:text", {x: box.left - 8, y: y(v) + 4, "text-anchor": "end"}, t, yFormat(v));
  }
  el("svg:text", {class: "axis-title", x: (box.left + box.right) / 2, y: box.bottom + 36, "text-anchor": "middle"}, g, xLabel);
  const cy = (box.top + box.bottom) / 2;
  el("svg:text", {class: "axis-title", x: 14, y: cy, transform: `rotate(-90 14 ${cy})`, "text-anchor": "middle"}, g, yLabel);
}
function key(parent, colour, label, outline) {
  const k = el("span", {class: "key"}, parent);
  const sw = el("span", {class: "swatch"}, k);
  sw.style.background = colour;
  if (outline) sw.style.border = outline;
  el("span", {}, k, label);
}

document.title = T.title + " — " + D.project;
document.getElementById("title").textContent = T.title + " — " + D.project;
document.getElementById("subtitle").textContent = D.subtitle;
for (const id of ["journey", "ipa", "drivers", "kpi", "segments", "left-out"]) {
  document.querySelector(`#${id} h2`).textContent = T[id.replace("-", "_")];
}

// Journey heatmap: touchpoints along the journey, one row per segment
(function journey() {
  const box = document.querySelector("#journey .body");
  const controls = document.querySelector("#journey .controls");
  const legend = document.querySelector("#journey .legend");
  el("span", {}, controls, T.colour + ": ");
  const sel = el("select", {id: "colour"}, controls);
  el("option", {value: "priority"}, sel, T.by_priority);
  el("option", {value: "sat"}, sel, T.by_sat);
  const tps = [...D.touchpoints].sort((a, b) => a.stage_order - b.stage_order || a.id.localeCompare(b.id));
  function draw() {
    box.textContent = "";
    legend.textContent = "";
    const table = el("table", {class: "heatmap"}, box);
    const head1 = el("tr", {}, table);
    el("th", {}, head1, T.stage);
    const stages = [];
    for (const tp of tps) {
      const last = stages[stages.length - 1];
      if (last && last.name === tp.stage) last.n += 1; else stages.push({name: tp.stage, n: 1});
    }
    for (const s of stages) el("th", {colspan: s.n}, head1, s.name);
    const head2 = el("tr", {}, table);
    el("th", {}, head2, T.touchpoint);
    for (const tp of tps) el("th", {title: tp.name}, head2, tp.id);
    const [lo, hi] = D.scale;
    for (const seg of Object.keys(D.segments_sat)) {
      const row = el("tr", {}, table);
      el("td", {class: "name"}, row, seg === "*" ? T.all : seg);
      for (const tp of tps) {
        const sat = D.segments_sat[seg][tp.id];
        const n = (D.segments_n[seg] || {})[tp.id];
        const rank = (D.segments_rank[seg] || D.segments_rank["*"])[tp.id];
        const count = tps.length;
        const value = sel.value === "priority" ? 1 - (rank - 1) / Math.max(1, count - 1) : (sat === null ? null : (sat - lo) / (hi - lo));
        const tip = `${tp.id} ${tp.name}: ${T.weight} ${pct(tp.weight, 1)}, ${T.rank} ${rank}; ${T.sat} ${fmt(sat, 2)} (n = ${n === undefined ? "—" : n})`;
        const cell = el("td", {class: "cell", title: tip}, row, sel.value === "priority" ? "#" + rank : fmt(sat, 1));
        // priority: rank 1 is the most urgent (red)
        cell.style.background = value === null ? "#EEE" : ramp(sel.value === "priority" ? 1 - value : value);
      }
    }
    const lowLabel = sel.value === "priority" ? T.legend_rank_high : `${fmt(lo, 0)} ${T.points}`;
    const highLabel = sel.value === "priority" ? T.legend_rank_low : `${fmt(hi, 0)} ${T.points}`;
    el("span", {}, legend, (sel.value === "priority" ? T.legend_priority : T.legend_sat) + ":");
    el("span", {}, legend, lowLabel);
    const r = el("span", {class: "ramp"}, legend);
    r.style.background = `linear-gradient(to right, ${ramp(0)}, ${ramp(0.5)}, ${ramp(1)})`;
    el("span", {}, legend, highLabel);
    key(legend, "#EEE", T.no_answers);
  }
  sel.addEventListener("change", draw);
  draw();
})();

// Importance–performance: axes with ticks and units, quadrant lines at the means, named quadrants
(function ipa() {
  const svg = document.querySelector("#ipa svg");
  const legend = document.querySelector("#ipa .legend");
  const box = {left: 60, top: 16, right: 540, bottom: 360};
  const [x0, x1] = D.ipa.x_range, [y0, y1] = D.ipa.y_range;
  const X = v => box.left + (v - x0) / (x1 - x0) * (box.right - box.left);
  const Y = v => box.bottom - (v - y0) / (y1 - y0) * (box.bottom - box.top);
  axes(svg, box, X, Y, ticks(x0, x1, 6), ticks(y0, y1, 6), T.importance, T.satisfaction_axis, v => pct(v, 0), v => fmt(v, 1));
  const [sx, sy] = D.split;
  el("svg:line", {class: "split", x1: X(sx), x2: X(sx), y1: box.top, y2: box.bottom, stroke: "#4B5563", "stroke-dasharray": "5 4"}, svg);
  el("svg:line", {class: "split", x1: box.left, x2: box.right, y1: Y(sy), y2: Y(sy), stroke: "#4B5563", "stroke-dasharray": "5 4"}, svg);
  const corners = {overkill: [box.left + 6, box.top + 14, "start"], keep_up: [box.right - 6, box.top + 14, "end"],
                   low_priority: [box.left + 6, box.bottom - 8, "start"], concentrate: [box.right - 6, box.bottom - 8, "end"]};
  for (const [q, [x, y, anchor]] of Object.entries(corners)) {
    el("svg:text", {class: "quadrant-name", x, y, "text-anchor": anchor, fill: "#" + D.quadrant_colours[q]}, svg, D.quadrant_words[q]);
  }
  D.touchpoints.forEach((t, i) => {
    if (t.sat === null) return;
    // a point whose satisfaction interval crosses the split: dashed outline, said in its title
    const border = t.borderline ? {stroke: "#111827", "stroke-width": 1.5, "stroke-dasharray": "2 2"} : {};
    const c = el("svg:circle", {cx: X(t.w0), cy: Y(t.sat), r: 6, fill: "#" + D.quadrant_colours[t.quadrant],
                                class: t.borderline ? "point borderline" : "point", ...border}, svg);
    el("svg:title", {}, c, `${t.id} ${t.name}: W0 ${pct(t.w0, 1)}, ${T.sat} ${fmt(t.sat, 2)} (n = ${t.n}) — ${t.quadrant_label}`);
    const side = D.ipa.sides[i];
    const dx = side === "right" ? 9 : side === "left" ? -9 : 0, dy = side === "above" ? -9 : side === "below" ? 15 : 4;
    el("svg:text", {class: "point-label", x: X(t.w0) + dx, y: Y(t.sat) + dy,
                    "text-anchor": side === "right" ? "start" : side === "left" ? "end" : "middle"}, svg, t.id);
  });
  for (const q of ["concentrate", "keep_up", "overkill", "low_priority"]) key(legend, "#" + D.quadrant_colours[q], D.quadrant_words[q]);
  if (D.touchpoints.some(t => t.borderline)) key(legend, "#FFFFFF", D.borderline_key, "1.5px dashed #111827");
  el("span", {class: "explain"}, legend, D.split_note);
})();

// Driver shares of R² with their 95 % intervals
(function drivers() {
  const svg = document.querySelector("#drivers svg");
  document.querySelector("#drivers .note").textContent = D.drivers_note;
  const n = Math.max(1, D.drivers.length);
  const box = {left: 60, top: 8, right: 540, bottom: 360};
  const bar = (box.bottom - box.top) / n;
  const top = Math.max(...D.drivers.map(d => d.high === null ? d.share : d.high), 0.01);
  const xt = ticks(0, top, 5), xMax = xt[xt.length - 1] < top ? top : xt[xt.length - 1];
  const X = v => box.left + v / xMax * (box.right - box.left);
  const rows = D.drivers.map((d, i) => box.top + (i + 0.5) * bar);
  axes(svg, box, X, v => v, xt, [], T.r2_axis, T.touchpoint, v => pct(v, 0), () => "");
  D.drivers.forEach((d, i) => {
    const y = rows[i];
    const rect = el("svg:rect", {x: box.left, y: y - bar * 0.35, width: X(d.share) - box.left, height: bar * 0.7, fill: "#5B9BD5", class: "bar"}, svg);
    const ci = d.low === null ? "" : `; ${T.ci} ${pct(d.low, 1)}–${pct(d.high, 1)}`;
    el("svg:title", {}, rect, `${d.id} ${d.name}: ${pct(d.share, 1)}${ci} (n = ${d.n})`);
    if (d.low !== null) {
      el("svg:line", {class: "ci", x1: X(d.low), x2: X(d.high), y1: y, y2: y, stroke: "#1F2937"}, svg);
      for (const v of [d.low, d.high]) el("svg:line", {x1: X(v), x2: X(v), y1: y - 4, y2: y + 4, stroke: "#1F2937"}, svg);
    }
    el("svg:text", {x: box.left - 6, y: y + 4, "text-anchor": "end"}, svg, d.id);
  });
})();

// KPI tree of a touchpoint: rows by distance from the financial KPI, so arrows always go up
(function kpi() {
  const section = document.getElementById("kpi");
  const svg = section.querySelector("svg");
  const legend = section.querySelector(".legend");
  const note = section.querySelector(".recommendation");
  const ids = Object.keys(D.trees);
  if (!ids.length) {
    svg.remove();
    note.textContent = D.no_trees;
    return;
  }
  const controls = section.querySelector(".controls");
  el("span", {}, controls, T.touchpoint + ": ");
  const sel = el("select", {}, controls);
  for (const tp of ids) el("option", {value: tp}, sel, D.trees[tp].label);
  sel.value = D.first_tree;
  const colours = [["#63BE7B", T.attain_good], ["#FFD966", T.attain_mid], ["#F8696B", T.attain_low], ["#D9D9D9", T.attain_none]];
  for (const [c, label] of colours) key(legend, c, label);
  key(legend, "#FFFFFF", T.bottleneck, "3px solid #C00000");
  function draw() {
    svg.textContent = "";
    const tree = D.trees[sel.value];
    const W = 1100, rowGap = 36, font = "11px Arial";
    const widest = Math.max(...tree.rows.map(r => r.length));
    const w = Math.min(240, (W - 20 - (widest - 1) * 16) / widest);
    const layout = {}, lines = {};
    let y = 10;
    tree.rows.forEach((row, r) => {
      let h = 0;
      for (const id of row) {
        lines[id] = wrap(tree.nodes[id].name, w - 16, font);
        h = Math.max(h, 30 + 14 * lines[id].length);
      }
      const total = row.length * w + (row.length - 1) * 16;
      row.forEach((id, i) => { layout[id] = {x: (W - total) / 2 + i * (w + 16), y, h, row: r}; });
      y += h + rowGap;
    });
    svg.setAttribute("viewBox", `0 0 ${W} ${Math.max(120, y)}`);
    for (const [u, v, weight] of tree.edges) {
      const a = layout[u], b = layout[v];
      el("svg:line", {class: "edge", "data-from": u, "data-to": v, x1: a.x + w / 2, y1: a.y, x2: b.x + w / 2, y2: b.y + b.h,
                      stroke: "#9CA3AF", "stroke-width": 1 + 3 * weight}, svg);
    }
    for (const id of Object.keys(layout)) {
      const n = tree.nodes[id], p = layout[id];
      const a = n.attainment;
      const colour = a === null ? "#D9D9D9" : a >= 0.8 ? "#63BE7B" : a >= 0.5 ? "#FFD966" : "#F8696B";
      const g = el("svg:g", {class: id === tree.bottleneck ? "node bottleneck" : "node", "data-id": id, "data-row": p.row}, svg);
      el("svg:rect", {x: p.x, y: p.y, width: w, height: p.h, rx: 6, fill: colour,
                      stroke: id === tree.bottleneck ? "#C00000" : "#555", "stroke-width": id === tree.bottleneck ? 4 : 1}, g);
      el("svg:text", {x: p.x + w / 2, y: p.y + 16, "text-anchor": "middle", "font-weight": "bold"}, g,
         `${id} · ${n.level_word}` + (a === null ? "" : ` · ${pct(a, 0)}`));
      const text = el("svg:text", {class: "name", x: p.x + w / 2, y: p.y + 32, "text-anchor": "middle"}, g);
      lines[id].forEach((line, i) => el("svg:tspan", {x: p.x + w / 2, dy: i ? 14 : 0}, text, line + (i < lines[id].length - 1 ? " " : "")));
      el("svg:title", {}, g, n.name);
    }
    note.textContent = tree.recommendation;
  }
  sel.addEventListener("change", draw);
  draw();
})();

// Segment portraits, or why there are none
(function segments() {
  const box = document.querySelector("#segments .cards");
  if (!D.portraits.length) {
    el("p", {class: "explain"}, box, D.no_portraits);
    return;
  }
  for (const p of D.portraits) {
    const card = el("div", {class: "card"}, box);
    el("b", {}, card, p.head);
    el("div", {}, card, p.size);
    el("div", {}, card, p.csi);
    el("div", {class: "label"}, card, T.features);
    const ul = el("ul", {}, card);
    for (const f of p.features) el("li", {}, ul, f);
    el("div", {class: "label"}, card, T.typical);
    const ul2 = el("ul", {}, card);
    for (const t of p.typical) el("li", {}, ul2, t);
  }
})();

// Journey design: each segment's two journeys, steps coloured by kind
(function paths() {
  const P = D.paths, section = document.getElementById("paths");
  if (!P) return;
  section.hidden = false;
  section.querySelector("h2").textContent = P.title;
  section.querySelector(".note").textContent = P.note;
  const legend = section.querySelector(".legend");
  for (const [kind, word] of P.kinds) {
    const k = el("span", {class: "key"}, legend);
    el("span", {class: `swatch step kind-${kind}`}, k);
    el("span", {}, k, word);
  }
  const body = section.querySelector(".body");
  for (const seg of P.segments) {
    const box = el("div", {class: "path-segment"}, body);
    el("b", {}, box, seg.name);
    for (const [label, steps] of [[P.as_is, seg.as_is], [P.to_be, seg.to_be]]) {
      const row = el("div", {class: "path-row"}, box);
      el("span", {class: "path-label"}, row, label);
      const line = el("div", {class: "path-steps"}, row);
      for (const st of steps) {
        const s = el("div", {class: `step kind-${st.kind}` + (st.removed ? " removed" : ""), title: st.kind_word}, line);
        el("span", {}, s, `${st.order}. ${st.name}`);
        el("small", {}, s, [st.tp, st.channel, st.days === null ? "" : `${fmt(st.days, 0)} ${P.days}`].filter(Boolean).join(" · "));
      }
    }
  }
})();

// Trend by wave with the flags of the early-warning rule
(function trend() {
  const R = D.trend, section = document.getElementById("trend");
  if (!R) return;
  section.hidden = false;
  section.querySelector("h2").textContent = R.title;
  section.querySelector(".note").textContent = R.note;
  section.querySelector(".flagged").textContent = R.flagged;
  const table = el("table", {}, section.querySelector(".body"));
  const head = el("tr", {}, table);
  el("th", {}, head, R.series);
  for (const label of R.labels) el("th", {}, head, label);
  for (const s of R.rows) {
    const tr = el("tr", {}, table);
    el("td", {class: "name"}, tr, s.label);
    s.values.forEach((v, k) => {
      const mark = s.worse[k] ? " ▼" : s.better[k] ? " ▲" : "";
      el("td", {class: s.worse[k] ? "worse" : s.better[k] ? "better" : ""}, tr, fmt(v, s.digits) + mark);
    });
  }
  const n = el("tr", {}, table);
  el("td", {class: "name"}, n, R.n_label);
  for (const x of R.n) el("td", {}, n, fmt(x, 0));
})();

// Comment themes
(function themes() {
  const H = D.themes, section = document.getElementById("themes");
  if (!H) return;
  section.hidden = false;
  section.querySelector("h2").textContent = H.title;
  section.querySelector(".note").textContent = H.head;
  const table = el("table", {}, section.querySelector(".body"));
  const head = el("tr", {}, table);
  for (const h of H.columns) el("th", {}, head, h);
  for (const t of H.rows) {
    const tr = el("tr", {}, table);
    el("td", {class: "name"}, tr, t.label);
    el("td", {}, tr, fmt(t.count, 0));
    for (const x of t.shares) el("td", {}, tr, pct(x, 0));
    el("td", {}, tr, t.touchpoints);
    el("td", {class: "quotes"}, tr, t.quotes.join(" / "));
  }
})();

// What the project lacks, and why
(function leftOut() {
  const section = document.getElementById("left-out");
  if (!D.left_out.length) { section.hidden = true; return; }
  const ul = section.querySelector("ul");
  for (const item of D.left_out) el("li", {}, ul, item);
})();
