"""The interviews sheet: the wide layout (touchpoint over importance / satisfaction / competitor,
one row per respondent) and the long layout (one row per respondent and touchpoint)."""

from __future__ import annotations

import re

import numpy as np

from workbooks.errors import cell_ref
from workbooks.project.model import (
    Interviews,
    Settings,
)
from workbooks.project.reader import Grid
from workbooks.project.schema import (
    INTERVIEWS,
    INTERVIEWS_LONG,
    MEASURE_LABELS,
    MEASURES,
    normalise,
)
from workbooks.project.sheets import TouchpointIndex
from workbooks.project.tables import (
    Ctx,
    check_required_columns,
    check_unique,
    convert,
    data_rows,
    match_header,
)
from workbooks.project.values import (
    Missing,
    Scale,
    is_blank,
    parse_number,
    parse_score,
)


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


def read_interviews(grid: Grid, tps: TouchpointIndex, settings: Settings, ctx: Ctx):
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return None
    ncols = max(len(r) for r in grid.rows)
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

    # Score columns: (col, touchpoint id, measure)
    score_cols: list[tuple[int, str, str]] = []
    attributes: dict[int, str] = {}
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
        score_cols.append((j, tp, measure))
    start = 2 if wide_two_rows else 1
    if not check_required_columns(grid, found, INTERVIEWS.columns, 0, ctx):
        return None
    if not score_cols:
        ctx.err("no_touchpoint_columns", grid.name, cell_ref(0, 0))
        return None
    if not any(True for _ in data_rows(grid, start)):
        ctx.err("no_rows", grid.name, cell_ref(start, 0))
        return None

    tp_order = [t for t in tps.labels if any(tp == t for _, tp, _ in score_cols)]
    rows = list(data_rows(grid, start))
    n, p = len(rows), len(tp_order)
    arrays = {m: np.full((n, p), np.nan) for m in MEASURES}
    reasons = {m: np.full((n, p), "", dtype=object) for m in MEASURES}
    asked = {m: False for m in MEASURES}
    fixed = {c.key: [] for c in INTERVIEWS.columns}
    attrs = {name: [] for name in attributes.values()}
    scales = {
        "importance": settings.importance_scale,
        "satisfaction": settings.satisfaction_scale,
        "competitor": settings.satisfaction_scale,
        "overall": settings.satisfaction_scale,
        "nps": Scale(0, 10),
        "ces": settings.ces_scale,
    }
    # per score column, once (not per cell): its touchpoint position and its label for messages
    score_columns = [
        (
            j,
            tp_order.index(tp),
            measure,
            f"{tp}: {MEASURE_LABELS[measure][0 if ctx.lang == 'ru' else 1].lower()}, "
            f"{'шкала' if ctx.lang == 'ru' else 'scale'} {scales[measure]}",
        )
        for j, tp, measure in score_cols
    ]
    for _, _, measure in score_cols:
        asked[measure] = True
    for i, (r, row) in enumerate(rows):
        for col in INTERVIEWS.columns:
            j = found.get(col.key)
            raw = row[j] if j is not None and j < len(row) else None
            if col.kind == "score":
                value = _score(
                    raw,
                    col.label(ctx.lang),
                    scales[col.key],
                    settings,
                    ctx,
                    (grid.name, cell_ref(r, j if j is not None else 0)),
                )
                fixed[col.key].append(value)
            elif j is None:
                fixed[col.key].append(None)
            else:
                fixed[col.key].append(convert(raw, col, ctx, (grid.name, cell_ref(r, j))))
        for j, name in attributes.items():
            attrs[name].append(row[j] if j < len(row) else None)
        for j, k, measure, label in score_columns:
            raw = row[j] if j < len(row) else None
            value = parse_score(raw, scales[measure], settings.missing_codes, settings.likert)
            if isinstance(value, Missing):
                reasons[measure][i, k] = value.reason
            elif isinstance(value, str):
                _score_problem(value, raw, scales[measure], ctx, grid.name, cell_ref(r, j), label)
                reasons[measure][i, k] = "invalid"
            else:
                arrays[measure][i, k] = value
    idcol = found.get("respondent_id", 0)
    records = [
        (r, {"respondent_id": fixed["respondent_id"][i]}, {}) for i, (r, _) in enumerate(rows)
    ]
    check_unique(records, "respondent_id", INTERVIEWS.columns[0].label(ctx.lang), grid, ctx, idcol)
    weights = np.array([1.0 if w is None else w for w in fixed["weight"]], dtype=float)
    return Interviews(
        respondent_ids=tuple(fixed["respondent_id"]),
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
    """Long layout: one row per respondent × touchpoint; pivoted to the wide arrays."""
    columns = INTERVIEWS.columns + INTERVIEWS_LONG
    found, extra = match_header(list(grid.rows[0]), columns)
    if not check_required_columns(grid, found, columns, 0, ctx):
        return None
    scales = {
        "importance": settings.importance_scale,
        "satisfaction": settings.satisfaction_scale,
        "competitor": settings.satisfaction_scale,
    }
    resp_order: list[str] = []
    resp_info: dict[str, dict] = {}
    cells: dict[tuple[str, str, str], float | Missing | None] = {}
    for r, row in data_rows(grid, 1):

        def get(key, row=row):
            j = found.get(key)
            return (row[j] if j < len(row) else None) if j is not None else None

        rid_col = next(c for c in columns if c.key == "respondent_id")
        rid = convert(
            get("respondent_id"), rid_col, ctx, (grid.name, cell_ref(r, found["respondent_id"]))
        )
        tp_raw = get("touchpoint_id")
        tp = tps.get(tp_raw) if not is_blank(tp_raw) else None
        if tp is None:
            tps.unknown(ctx, tp_raw, grid.name, cell_ref(r, found["touchpoint_id"]))
        if rid is None:
            continue
        if rid not in resp_info:
            resp_order.append(rid)
            info = {"row": r}
            for col in INTERVIEWS.columns[1:5]:
                j = found.get(col.key)
                info[col.key] = (
                    convert(get(col.key), col, ctx, (grid.name, cell_ref(r, j)))
                    if j is not None
                    else None
                )
            info["attrs"] = {name: (row[j] if j < len(row) else None) for j, name in extra.items()}
            resp_info[rid] = info
        if tp is None:
            continue
        for measure in scales:
            j = found.get(measure)
            if j is None:
                continue
            raw = row[j] if j < len(row) else None
            value = parse_score(raw, scales[measure], settings.missing_codes, settings.likert)
            if isinstance(value, str):
                label = f"{tp}: {MEASURE_LABELS[measure][0 if ctx.lang == 'ru' else 1].lower()}"
                _score_problem(value, raw, scales[measure], ctx, grid.name, cell_ref(r, j), label)
                value = Missing("invalid", raw)
            if (rid, tp, measure) in cells:
                ctx.err(
                    "duplicate_id",
                    grid.name,
                    cell_ref(r, found["touchpoint_id"]),
                    value=f"{rid} × {tp}",
                    first="?",
                )
            cells[(rid, tp, measure)] = value
    tp_order = [t for t in tps.labels if any(k[1] == t for k in cells)]
    n, p = len(resp_order), len(tp_order)
    arrays = {m: np.full((n, p), np.nan) for m in MEASURES}
    reasons = {m: np.full((n, p), "not_asked", dtype=object) for m in MEASURES}
    for (rid, tp, measure), value in cells.items():
        i, k = resp_order.index(rid), tp_order.index(tp)
        if isinstance(value, Missing):
            reasons[measure][i, k] = value.reason
        else:
            arrays[measure][i, k] = value
            reasons[measure][i, k] = ""
    infos = [resp_info[r] for r in resp_order]
    attr_names = list(extra.values())
    return Interviews(
        respondent_ids=tuple(resp_order),
        client_ids=tuple(i["client_id"] for i in infos),
        respondent_types=tuple(i["respondent_type"] for i in infos),
        roles=tuple(i["role"] for i in infos),
        weights=np.array([1.0 if i["weight"] is None else i["weight"] for i in infos]),
        touchpoints=tuple(tp_order),
        importance=arrays["importance"],
        satisfaction=arrays["satisfaction"],
        competitor=arrays["competitor"] if "competitor" in found else None,
        overall=np.full(n, np.nan),
        nps=np.full(n, np.nan),
        ces=np.full(n, np.nan),
        attributes={a: tuple(i["attrs"][a] for i in infos) for a in attr_names},
        reasons=reasons,
        rows=tuple(i["row"] + 1 for i in infos),
    )
