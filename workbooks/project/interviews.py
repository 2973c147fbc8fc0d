"""The interviews sheet: the wide layout (touchpoint over importance / satisfaction / competitor,
one row per respondent) and the long layout (one row per respondent and touchpoint).

Nothing is lost without a word: error values and formulas without a value are reported with
their cell, merged answer cells and a header merged over two touchpoints are errors, a role
that is neither ЛПР nor ЛВР is kept as an attribute (one warning), and every weight is checked.
"""

from __future__ import annotations

import re
from operator import itemgetter

import numpy as np

from workbooks.errors import cell_ref
from workbooks.locale import tr
from workbooks.project.model import (
    Interviews,
    Settings,
)
from workbooks.project.reader import Grid
from workbooks.project.schema import (
    INTERVIEWS,
    INTERVIEWS_LONG,
    MEASURES,
    SETTINGS,
    WEIGHT_MAX,
    enum_value,
    measure_label,
    normalise,
)
from workbooks.project.sheets import TouchpointIndex
from workbooks.project.tables import (
    Ctx,
    check_required_columns,
    check_unique,
    convert,
    data_rows,
    marker,
    match_header,
    quote,
)
from workbooks.project.values import (
    Missing,
    Scale,
    is_blank,
    parse_date,
    parse_number,
    parse_score,
    parse_scores,
)

COLUMN = {c.key: c for c in INTERVIEWS.columns}
# per-respondent columns whose values repeat from row to row
_REPEATING = {c.key for c in INTERVIEWS.columns if c.kind not in ("id", "text", "date")} - {"role"}
SCORE_FIXED = ("overall", "nps", "ces")
# per-respondent columns other than the ID, in the order they are read
PER_RESPONDENT = tuple(c.key for c in INTERVIEWS.columns if c.key != "respondent_id")


def _measure_of(word: object) -> str | None:
    w = normalise(word)
    for key, words in MEASURES.items():
        if w in {normalise(x) for x in words}:
            return key
    return None


def _split_header(text: str) -> tuple[str, str] | None:
    """One-row headers such as ``TP01: Важность`` or ``Сайт — удовлетворённость``."""
    m = re.match(r"^(.*\S)\s*[:|—–/-]\s*([^:|—–/-]+)$", str(text))
    if m and _measure_of(m.group(2)):
        return m.group(1), m.group(2)
    return None


def _forward_fill_header(grid: Grid, ncols: int) -> list[object]:
    top = [grid.cell(0, j) for j in range(ncols)]
    for r0, c0, _r1, c1 in grid.merged:
        if r0 == 0:
            for j in range(c0, min(c1 + 1, ncols)):
                top[j] = grid.cell(0, c0)
    # Merged cells saved by some tools lose their range: fill a blank top cell from the left
    # when the cell below it names a measure.
    for j in range(1, ncols):
        if is_blank(top[j]) and _measure_of(grid.cell(1, j)):
            top[j] = top[j - 1]
    return top


def _scales(settings: Settings) -> dict[str, Scale]:
    return {
        "importance": settings.importance_scale,
        "satisfaction": settings.satisfaction_scale,
        "competitor": settings.satisfaction_scale,
        "overall": settings.satisfaction_scale,
        "nps": Scale(0, 10),
        "ces": settings.ces_scale,
    }


def _score_label(tp: str, measure: str, scale: Scale, lang: str) -> str:
    return tr(
        "score_column", lang, tp=tp, measure=measure_label(measure, lang).lower(), scale=scale
    )


def _range_ref(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"


def check_merged_answers(grid: Grid, start: int, ctx: Ctx) -> None:
    """A merged range in the data rows keeps one value and blanks the others: an error."""
    for r0, c0, r1, c1 in grid.merged:
        if r1 >= start and (r1 > r0 or c1 > c0):
            ctx.err(
                "merged_answers",
                grid.name,
                cell_ref(max(r0, start), c0),
                range=_range_ref(r0, c0, r1, c1),
                first=cell_ref(r0, c0),
            )


def read_interviews(grid: Grid, tps: TouchpointIndex, settings: Settings, ctx: Ctx):
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return None
    ncols = max(len(r) for r in grid.rows[:2])
    second = [grid.cell(1, j) for j in range(ncols)] if len(grid.rows) > 1 else []
    wide_two_rows = any(_measure_of(v) for v in second)
    header = _forward_fill_header(grid, ncols) if wide_two_rows else list(grid.rows[0])
    found, extra = match_header(header, INTERVIEWS.columns)
    long_found, _ = match_header(list(grid.rows[0]), INTERVIEWS_LONG)
    if (
        not wide_two_rows
        and "touchpoint_id" in long_found
        and ("importance" in long_found or "satisfaction" in long_found)
    ):
        return _read_interviews_long(grid, tps, settings, ctx)

    scales = _scales(settings)
    spans = _header_spans(grid, second) if wide_two_rows else {}
    # Score columns: (col, touchpoint id, measure)
    score_cols: list[tuple[int, str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    attributes: dict[int, str] = {}
    reported_spans: set[tuple[int, int, int, int]] = set()
    for j, text in list(extra.items()):
        measure = _measure_of(second[j]) if wide_two_rows and j < len(second) else None
        tp_raw: object = text
        if measure is None and not wide_two_rows:
            split = _split_header(text)
            if split:
                tp_raw, measure_word = split
                measure = _measure_of(measure_word)
        if measure is None:
            if wide_two_rows and not is_blank(second[j]) and tps.get(text):
                ctx.err(
                    "header_unknown_measure", grid.name, cell_ref(1, j), tp=text, value=second[j]
                )
            else:
                attributes[j] = text
            continue
        tp = tps.get(tp_raw)
        if tp is None:
            tps.unknown(ctx, tp_raw, grid.name, cell_ref(0, j))
            continue
        if (tp, measure) in seen:
            span = spans.get(j)
            if span is not None and seen[(tp, measure)] >= span[1]:
                if span not in reported_spans:
                    reported_spans.add(span)
                    ctx.err(
                        "merged_two_touchpoints",
                        grid.name,
                        cell_ref(0, span[1]),
                        range=_range_ref(*span),
                        tp=text,
                        measure=measure_label(measure, ctx.lang),
                        cells=f"{cell_ref(1, seen[(tp, measure)])}, {cell_ref(1, j)}",
                    )
            else:
                ctx.err(
                    "duplicate_measure",
                    grid.name,
                    cell_ref(1 if wide_two_rows else 0, j),
                    tp=tp,
                    measure=measure_label(measure, ctx.lang).lower(),
                    first=cell_ref(1 if wide_two_rows else 0, seen[(tp, measure)]),
                )
            continue
        seen[(tp, measure)] = j
        score_cols.append((j, tp, measure))
    start = 2 if wide_two_rows else 1
    if not check_required_columns(grid, found, INTERVIEWS.columns, 0, ctx):
        return None
    if not score_cols:
        ctx.err("no_touchpoint_columns", grid.name, cell_ref(0, 0))
        return None
    rows = list(data_rows(grid, start))
    if not rows:
        ctx.err("no_rows", grid.name, cell_ref(start, 0))
        return None
    check_merged_answers(grid, start, ctx)

    tp_order = [t for t in tps.labels if any(tp == t for _, tp, _ in score_cols)]
    n, p = len(rows), len(tp_order)
    arrays = {m: np.full((n, p), np.nan) for m in MEASURES}
    reasons = {m: np.full((n, p), "", dtype=object) for m in MEASURES}
    asked = {m: False for m in MEASURES}
    fixed: dict[str, list] = {key: [] for key in PER_RESPONDENT}
    attrs: dict[str, list] = {name: [] for name in attributes.values()}
    # per score column, once (not per cell): its touchpoint position and its label for messages
    score_columns = [
        (j, tp_order.index(tp), measure, _score_label(tp, measure, scales[measure], ctx.lang))
        for j, tp, measure in score_cols
    ]
    for _, _, measure in score_cols:
        asked[measure] = True
    # the scores column by column (most of a large sheet's cells); a wrong answer is reported
    # below, in the row loop, so that problems come in the order of the sheet's cells
    wrong: dict[int, list[tuple]] = {}
    body = [row for _, row in rows]
    full = min(map(len, body))
    for j, k, measure, label in score_columns:
        if j < full:
            column = list(map(itemgetter(j), body))
        else:
            column = [row[j] if j < len(row) else None for row in body]
        scale = scales[measure]
        scores, other = parse_scores(column, scale, settings.missing_codes, settings.likert)
        arrays[measure][:, k] = scores
        for i, value in other.items():
            if isinstance(value, Missing):
                reasons[measure][i, k] = value.reason
            elif isinstance(value, str):
                wrong.setdefault(i, []).append((value, column[i], scale, j, label))
                reasons[measure][i, k] = "invalid"
            else:
                arrays[measure][i, k] = value
    roles = _Roles(found.get("role"), header, ctx)
    # a value seen before in its column is not converted again when converting it said
    # nothing (types, weights and scores repeat; IDs, comments, times and roles are read each
    # time: they rarely repeat, or their reading keeps count)
    repeats = {key: {} for key in PER_RESPONDENT if key in found and key in _REPEATING}
    problems = ctx.problems
    for i, (r, row) in enumerate(rows):
        for key in PER_RESPONDENT:
            j = found.get(key)
            raw = row[j] if j is not None and j < len(row) else None
            seen = repeats.get(key)
            if seen is None:
                fixed[key].append(
                    _fixed_value(key, raw, scales, settings, ctx, grid.name, r, j, roles)
                )
                continue
            same = (raw.__class__, raw)  # True and 1 are different answers
            if same not in seen:
                said = len(problems.errors) + len(problems.warnings)
                value = _fixed_value(key, raw, scales, settings, ctx, grid.name, r, j, roles)
                if len(problems.errors) + len(problems.warnings) > said:
                    fixed[key].append(value)  # its problem is said at every cell
                    continue
                seen[same] = value
            fixed[key].append(seen[same])
        for j, name in attributes.items():
            raw = row[j] if j < len(row) else None
            attrs[name].append(marker(raw, ctx, (grid.name, cell_ref(r, j)), name, text=True))
        for value, raw, scale, j, label in wrong.get(i, ()):
            _score_problem(value, raw, scale, ctx, grid.name, cell_ref(r, j), label)
    idcol = found.get("respondent_id", 0)
    ids = [
        convert(
            row[idcol] if idcol < len(row) else None,
            COLUMN["respondent_id"],
            ctx,
            (grid.name, cell_ref(r, idcol)),
        )
        for r, row in rows
    ]
    records = [(r, {"respondent_id": ids[i]}, {}) for i, (r, _) in enumerate(rows)]
    check_unique(
        records, "respondent_id", COLUMN["respondent_id"].label(ctx.lang), grid, ctx, idcol
    )
    roles.finish(attrs, grid.name)
    wcol = found.get("weight", 0)
    weights = _weights(fixed["weight"], [cell_ref(r, wcol) for r, _ in rows], ctx, grid.name)
    iv = Interviews(
        respondent_ids=tuple(ids),
        client_ids=tuple(fixed["client_id"]),
        respondent_types=tuple(fixed["respondent_type"]),
        roles=tuple(fixed["role"]),
        weights=weights,
        touchpoints=tuple(tp_order),
        importance=arrays["importance"],
        satisfaction=arrays["satisfaction"],
        competitor=arrays["competitor"] if asked["competitor"] else None,
        overall=_as_float(fixed["overall"]),
        nps=_as_float(fixed["nps"]),
        ces=_as_float(fixed["ces"]),
        attributes={k: tuple(v) for k, v in attrs.items()},
        reasons=reasons,
        rows=tuple(r + 1 for r, _ in rows),
        timestamps=tuple(fixed["timestamp"]),
        timestamp_column=str(header[found["timestamp"]]) if "timestamp" in found else "",
        client_id_column=found.get("client_id", 0),
    )
    check_scales(iv, settings, grid.name, ctx)
    return iv


def _header_spans(grid: Grid, second: list) -> dict[int, tuple[int, int, int, int]]:
    """Column -> the merged range of the top header row that covers it (a touchpoint's span)."""
    spans = {}
    for r0, c0, r1, c1 in grid.merged:
        if r0 == 0 and r1 == 0 and c1 > c0:
            for j in range(c0, c1 + 1):
                spans[j] = (r0, c0, r1, c1)
    return spans


class _Roles:
    """Roles as people write them: «ЛПР (руководитель)» is the decision maker; other words are
    kept as an attribute named after the column, with one warning for all of them."""

    def __init__(self, col: int | None, header: list, ctx: Ctx):
        self.col, self.ctx = col, ctx
        self.name = str(header[col]).strip() if col is not None else ""
        self.raw: list[object] = []
        self.unknown: dict[str, int] = {}
        self.first_cell = ""

    def value(self, raw: object, sheet: str, cell: str) -> str | None:
        raw = marker(raw, self.ctx, (sheet, cell), self.name, text=True)
        self.raw.append(None if is_blank(raw) else str(raw).strip())
        if is_blank(raw):
            return None
        value = enum_value("role", raw, prefix=True)
        if value is None:
            word = str(raw).strip()
            self.unknown[word] = self.unknown.get(word, 0) + 1
            self.first_cell = self.first_cell or cell
        return value

    def finish(self, attrs: dict[str, list], sheet: str) -> None:
        if not self.unknown:
            return
        attrs[self.name] = self.raw
        shown = list(self.unknown)
        values = quote(shown[:5], self.ctx.lang) + (" …" if len(shown) > 5 else "")
        self.ctx.warn(
            "role_kept_as_attribute",
            sheet,
            self.first_cell,
            self.name,
            n=sum(self.unknown.values()),
            name=self.name,
            values=values,
        )


def _fixed_value(key, raw, scales, settings, ctx, sheet, r, j, roles: _Roles):
    col = COLUMN[key]
    if j is None:
        return None
    where = (sheet, cell_ref(r, j))
    if col.kind == "score":
        return _score(raw, col.label(ctx.lang), scales[key], settings, ctx, where)
    if key == "role":
        return roles.value(raw, *where)
    return convert(raw, col, ctx, where)


def _weights(values: list, cells: list[str], ctx: Ctx, sheet: str) -> np.ndarray:
    """Weights are positive, finite and bounded; very uneven weights are said with the
    effective sample size (Kish)."""
    weights = np.array([1.0 if w is None else w for w in values], dtype=float)
    bad = ~((weights > 0) & (weights <= WEIGHT_MAX) & np.isfinite(weights))
    for i in np.flatnonzero(bad):
        ctx.err(
            "bad_weight",
            sheet,
            cells[i],
            COLUMN["weight"].label(ctx.lang),
            limit=WEIGHT_MAX,
            value=float(weights[i]),
        )
    ok = weights[~bad]
    if len(ok) > 1 and ok.min() > 0 and ok.max() / ok.min() > 100:
        ctx.warn(
            "uneven_weights",
            sheet,
            "",
            COLUMN["weight"].label(ctx.lang),
            ratio=float(ok.max() / ok.min()),
            low=float(ok.min()),
            high=float(ok.max()),
            neff=float(ok.sum() ** 2 / (ok**2).sum()),
            n=len(ok),
        )
    return np.where(bad, 1.0, weights)


def check_scales(iv: Interviews, settings: Settings, sheet: str, ctx: Ctx) -> None:
    """A declared scale much wider than the answers (0–10 over answers of 1–5) is said."""
    by_key = {s.key: s for s in SETTINGS}
    checks = (
        ("importance", iv.importance, settings.importance_scale, "importance_scale"),
        ("satisfaction", iv.satisfaction, settings.satisfaction_scale, "satisfaction_scale"),
    )
    for measure, values, scale, setting in checks:
        answered = values[~np.isnan(values)]
        if len(answered) < 10:
            continue
        low, high = float(answered.min()), float(answered.max())
        if high <= (scale.low + scale.high) / 2:
            ctx.warn(
                "scale_unused",
                sheet,
                "",
                scale=str(scale),
                setting=by_key[setting].label(ctx.lang),
                measure=measure_label(measure, ctx.lang),
                low=low,
                high=high,
            )


def _as_float(values: list[object]) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float)


def _score_problem(key, raw, scale, ctx, sheet, cell, label):
    value = parse_number(raw)
    shown = f"{value:g}" if value is not None else raw
    ctx.err(key, sheet, cell, label, value=shown, scale=str(scale))


def _score(raw, label, scale, settings: Settings, ctx: Ctx, where) -> float | None:
    value = parse_score(raw, scale, settings.missing_codes, settings.likert)
    if isinstance(value, Missing):
        return None
    if isinstance(value, str):
        _score_problem(value, raw, scale, ctx, where[0], where[1], f"{label}, {scale}")
        return None
    return value


def _read_interviews_long(grid: Grid, tps: TouchpointIndex, settings: Settings, ctx: Ctx):
    """Long layout: one row per respondent × touchpoint, pivoted to the wide arrays. Every
    per-respondent column (client, type, role, weight, overall, NPS, CES, comment, timestamp,
    attributes) is read; a respondent's rows may repeat a value or leave it blank, but two
    different values are an error."""
    columns = INTERVIEWS.columns + INTERVIEWS_LONG
    header = list(grid.rows[0])
    found, extra = match_header(header, columns)
    if not check_required_columns(grid, found, columns, 0, ctx):
        return None
    check_merged_answers(grid, 1, ctx)
    scales = _scales(settings)
    resp_order: list[str] = []
    first_row: dict[str, int] = {}
    raw_first: dict[tuple[str, object], tuple[object, int]] = {}  # (rid, column) -> (raw, row)
    cells: dict[tuple[str, str, str], float | Missing | None] = {}
    cell_row: dict[tuple[str, str, str], int] = {}
    per_respondent = [(key, found[key]) for key in PER_RESPONDENT if key in found]
    per_respondent += [(name, j) for j, name in extra.items()]
    for r, row in data_rows(grid, 1):

        def get(j, row=row):
            return row[j] if j is not None and j < len(row) else None

        rid = convert(
            get(found["respondent_id"]),
            COLUMN["respondent_id"],
            ctx,
            (grid.name, cell_ref(r, found["respondent_id"])),
        )
        tp_raw = get(found["touchpoint_id"])
        tp = tps.get(tp_raw) if not is_blank(tp_raw) else None
        if tp is None:
            tps.unknown(ctx, tp_raw, grid.name, cell_ref(r, found["touchpoint_id"]))
        if rid is None:
            continue
        if rid not in first_row:
            resp_order.append(rid)
            first_row[rid] = r
        for key, j in per_respondent:
            raw = get(j)
            if is_blank(raw):
                continue
            earlier = raw_first.get((rid, key))
            if earlier is None:
                raw_first[(rid, key)] = (raw, r)
            elif normalise(earlier[0]) != normalise(raw):
                ctx.err(
                    "long_conflict",
                    grid.name,
                    cell_ref(r, j),
                    str(header[j]),
                    rid=rid,
                    first=earlier[0],
                    row=earlier[1] + 1,
                    value=raw,
                )
        if tp is None:
            continue
        for measure in ("importance", "satisfaction", "competitor"):
            j = found.get(measure)
            if j is None:
                continue
            raw = get(j)
            value = parse_score(raw, scales[measure], settings.missing_codes, settings.likert)
            if isinstance(value, str):
                label = _score_label(tp, measure, scales[measure], ctx.lang)
                _score_problem(value, raw, scales[measure], ctx, grid.name, cell_ref(r, j), label)
                value = Missing("invalid", raw)
            if (rid, tp, measure) in cells:
                ctx.err(
                    "duplicate_id",
                    grid.name,
                    cell_ref(r, found["touchpoint_id"]),
                    value=f"{rid} × {tp}",
                    first=cell_row[(rid, tp, measure)] + 1,
                )
            cells[(rid, tp, measure)] = value
            cell_row[(rid, tp, measure)] = r
    tp_order = [t for t in tps.labels if any(k[1] == t for k in cells)]
    n, p = len(resp_order), len(tp_order)
    position = {rid: i for i, rid in enumerate(resp_order)}
    tp_position = {tp: k for k, tp in enumerate(tp_order)}
    arrays = {m: np.full((n, p), np.nan) for m in MEASURES}
    reasons = {m: np.full((n, p), "not_asked", dtype=object) for m in MEASURES}
    for (rid, tp, measure), value in cells.items():
        i, k = position[rid], tp_position[tp]
        if isinstance(value, Missing):
            reasons[measure][i, k] = value.reason
        else:
            arrays[measure][i, k] = value
            reasons[measure][i, k] = ""
    fixed: dict[str, list] = {key: [] for key in PER_RESPONDENT}
    roles = _Roles(found.get("role"), header, ctx)
    for rid in resp_order:
        for key in PER_RESPONDENT:
            raw, r = raw_first.get((rid, key), (None, first_row[rid]))
            fixed[key].append(
                _fixed_value(key, raw, scales, settings, ctx, grid.name, r, found.get(key), roles)
            )
    attrs: dict[str, list] = {name: [] for name in extra.values()}
    for j, name in extra.items():
        for rid in resp_order:
            raw, r = raw_first.get((rid, name), (None, first_row[rid]))
            attrs[name].append(marker(raw, ctx, (grid.name, cell_ref(r, j)), name, text=True))
    roles.finish(attrs, grid.name)
    wcol = found.get("weight", 0)
    weight_cells = [
        cell_ref(raw_first.get((rid, "weight"), (None, first_row[rid]))[1], wcol)
        for rid in resp_order
    ]
    iv = Interviews(
        respondent_ids=tuple(resp_order),
        client_ids=tuple(fixed["client_id"]),
        respondent_types=tuple(fixed["respondent_type"]),
        roles=tuple(fixed["role"]),
        weights=_weights(fixed["weight"], weight_cells, ctx, grid.name),
        touchpoints=tuple(tp_order),
        importance=arrays["importance"],
        satisfaction=arrays["satisfaction"],
        competitor=arrays["competitor"] if "competitor" in found else None,
        overall=_as_float(fixed["overall"]),
        nps=_as_float(fixed["nps"]),
        ces=_as_float(fixed["ces"]),
        attributes={k: tuple(v) for k, v in attrs.items()},
        reasons=reasons,
        rows=tuple(first_row[rid] + 1 for rid in resp_order),
        timestamps=tuple(fixed["timestamp"]),
        timestamp_column=str(header[found["timestamp"]]) if "timestamp" in found else "",
        client_id_column=found.get("client_id", 0),
    )
    check_scales(iv, settings, grid.name, ctx)
    return iv


def latest_timestamp(iv: Interviews):
    """The latest date among the survey timestamps, or None."""
    dates = [parse_date(t) for t in iv.timestamps if t is not None]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None
