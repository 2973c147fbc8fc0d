"""Load and validate a project workbook into plain, frozen data.

:func:`load_project` reads every sheet, checks every cell and every cross-reference, collects
all problems in one pass and raises :class:`~workbooks.errors.ProjectError` once if any is an
error. The result, :class:`Project`, holds numpy arrays and small dataclasses only, so the
computation packages (``qfd``, ``kpi_tree``) never see a spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbooks.errors import Problem, Problems, cell_ref
from workbooks.locale import note_text, tr
from workbooks.project.reader import Grid, closest, find_sheet, missing_sheet_problem, read_grids
from workbooks.project.schema import (
    CHARACTERISTICS,
    CLIENTS,
    DATA_SOURCES,
    ENUMS,
    INTERVIEWS,
    INTERVIEWS_LONG,
    JOURNEY,
    KPIS,
    MEASURE_LABELS,
    MEASURES,
    PROCESSES,
    RELATIONSHIP_SYMBOLS,
    ROOF_SYMBOLS,
    SETTINGS,
    SETTINGS_SHEET,
    SHEETS,
    TRANSACTIONS,
    Column,
    SheetSpec,
    enum_label,
    enum_value,
    normalise,
)
from workbooks.project.transactions import TransactionSource
from workbooks.project.values import (
    Missing,
    Scale,
    is_blank,
    parse_codes,
    parse_date,
    parse_likert,
    parse_number,
    parse_scale,
    parse_score,
)

__all__ = [
    "KPI",
    "Characteristic",
    "DataSource",
    "Interviews",
    "ProcessStep",
    "Project",
    "Settings",
    "Touchpoint",
    "load_project",
    "project_summary",
]


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Touchpoint:
    id: str
    name: str
    stage: str
    stage_order: int
    channels: tuple[str, ...] = ()
    moment_of_truth: bool = False
    business_unit: str = ""
    target: float | None = None


@dataclass(frozen=True)
class Interviews:
    """Survey answers; score arrays are respondents × touchpoints with NaN for missing.

    ``reasons[measure]`` holds the missing reason per cell ('' where answered), so
    "not experienced" and "don't know" can be counted apart.
    """

    respondent_ids: tuple[str, ...]
    client_ids: tuple[str | None, ...]
    respondent_types: tuple[str, ...]
    roles: tuple[str | None, ...]
    weights: np.ndarray
    touchpoints: tuple[str, ...]
    importance: np.ndarray
    satisfaction: np.ndarray
    competitor: np.ndarray | None
    overall: np.ndarray
    nps: np.ndarray
    ces: np.ndarray
    attributes: dict[str, tuple[object, ...]]
    reasons: dict[str, np.ndarray]
    rows: tuple[int, ...]  # Excel row numbers of respondents

    @property
    def n(self) -> int:
        return len(self.respondent_ids)


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str
    unit: str
    direction: str
    indicator: str
    current: float | None = None
    target: float | None = None
    competitor: float | None = None
    difficulty: float | None = None
    caused_by: tuple[tuple[str, float | None], ...] = ()  # (leading id, strength or None)


@dataclass(frozen=True)
class KPI:
    id: str
    name: str
    touchpoint_id: str
    level: str
    drives: tuple[tuple[str, float | None], ...]
    unit: str = ""
    direction: str = "more"
    baseline: float | None = None
    actual: float | None = None
    target: float | None = None
    indicator: str | None = None
    source: str = ""
    refresh: str = ""
    owner: str = ""
    formula: str = ""
    row: int = 0  # Excel row number, for messages


@dataclass(frozen=True)
class ProcessStep:
    touchpoint_id: str
    step: str
    order: int
    capacity: float
    demand: float
    cycle_time: float | None = None


@dataclass(frozen=True)
class DataSource:
    system: str
    kind: str = ""
    holds: str = ""
    automation: str | None = None
    refresh: str = ""


@dataclass(frozen=True)
class Settings:
    importance_scale: Scale = Scale(1, 5)
    satisfaction_scale: Scale = Scale(1, 5)
    ces_scale: Scale = Scale(1, 7)
    outcome: str = "revenue"
    target_policy: str = "plus_one"
    outcome_column: str = ""
    segment_column: str = ""
    bootstrap: int = 1000
    analysis_date: dt.date | None = None
    window_months: float = 12
    blend_lambda: float = 0.5
    sales_points: dict[str, float] = field(default_factory=dict)
    missing_codes: dict[float, str] = field(default_factory=dict)
    likert: dict[str, float] = field(default_factory=dict)
    transactions_file: str = ""
    seed: int = 20240601
    language: str = "ru"


@dataclass(frozen=True)
class Project:
    """Everything a project workbook holds, validated."""

    source: Path
    touchpoints: tuple[Touchpoint, ...]
    interviews: Interviews
    clients: dict[str, dict[str, object]]
    transactions: TransactionSource | None
    characteristics: tuple[Characteristic, ...]
    relationships: np.ndarray  # touchpoints × characteristics, 0 where none
    roof: np.ndarray  # characteristics × characteristics, symmetric, -2..2
    kpis: tuple[KPI, ...]
    processes: tuple[ProcessStep, ...]
    data_sources: tuple[DataSource, ...]
    settings: Settings
    warnings: tuple[Problem, ...] = ()
    transaction_count: int | None = None  # valid order lines, counted during validation

    @property
    def touchpoint_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.touchpoints)

    @property
    def characteristic_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.characteristics)


# ----------------------------------------------------------------------------- tables


@dataclass
class _Ctx:
    problems: Problems
    lang: str

    def err(self, key: str, sheet: str = "", cell: str = "", column: str = "", **kw) -> None:
        kw = {k: _shown(v) for k, v in kw.items()}
        self.problems.error(tr(key, self.lang, **kw), sheet, cell, column, key)

    def warn(self, key: str, sheet: str = "", cell: str = "", column: str = "", **kw) -> None:
        self.problems.warn(tr(key, self.lang, **kw), sheet, cell, column, key)


def _shown(value: object) -> object:
    """A cell value as the user typed it: Excel stores 4 as 4.0."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _quote(words, lang: str) -> str:
    return ", ".join(f"«{w}»" if lang == "ru" else f"'{w}'" for w in words)


def _convert(raw: object, col: Column, ctx: _Ctx, where: tuple[str, str]) -> object:
    """Convert one cell by the column kind; record a problem and return None on failure."""
    sheet, cell = where
    label = col.label(ctx.lang)
    if is_blank(raw):
        if col.required:
            ctx.err("required_blank", sheet, cell, label)
        return None
    kind = col.kind
    if kind in ("text", "id"):
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        return str(raw).strip()
    if kind in ("number", "score"):
        x = parse_number(raw)
        if x is None:
            ctx.err("not_number", sheet, cell, label, value=raw)
        return x
    if kind == "int":
        x = parse_number(raw)
        if x is None or not float(x).is_integer():
            ctx.err("not_int", sheet, cell, label, value=raw)
            return None
        return int(x)
    if kind == "date":
        d = parse_date(raw)
        if d is None:
            ctx.err("not_date", sheet, cell, label, value=raw)
        return d
    if kind.startswith("enum:"):
        name = kind[5:]
        value = enum_value(name, raw)
        if value is None:
            allowed = " / ".join(enum_label(name, v, ctx.lang) for v in ENUMS[name])
            ctx.err("not_enum", sheet, cell, label, allowed=allowed, value=raw)
        return value
    raise ValueError(f"unknown column kind {kind!r}")


def _match_header(
    header: list[object], columns: tuple[Column, ...]
) -> tuple[dict[str, int], dict[int, str]]:
    """Map column keys to positions; return also the unmatched positions with their text."""
    found: dict[str, int] = {}
    extra: dict[int, str] = {}
    for j, h in enumerate(header):
        if is_blank(h):
            continue
        word = normalise(h)
        for col in columns:
            if col.key not in found and word in col.names():
                found[col.key] = j
                break
        else:
            extra[j] = str(h).strip()
    return found, extra


def _check_required_columns(
    grid: Grid, found: dict[str, int], columns: tuple[Column, ...], header_row: int, ctx: _Ctx
) -> bool:
    ok = True
    present = [str(h) for h in grid.rows[header_row] if not is_blank(h)] if grid.rows else []
    for col in columns:
        if col.required and col.key not in found:
            hits = closest(col.label(ctx.lang), present, cutoff=0.6)
            hint = tr("did_you_mean", ctx.lang, name=hits[0]) if hits else ""
            ctx.err(
                "column_missing",
                grid.name,
                cell_ref(header_row, 0),
                "",
                name=col.label(ctx.lang),
                columns=_quote(present, ctx.lang) or "—",
                hint=hint,
            )
            ok = False
    return ok


def _data_rows(grid: Grid, start: int):
    for r in range(start, len(grid.rows)):
        row = grid.rows[r]
        if all(is_blank(v) for v in row):
            continue
        yield r, row


def _read_table(grid: Grid, spec: SheetSpec, ctx: _Ctx, columns: tuple[Column, ...] | None = None):
    """Records of a one-header-row sheet: (excel_row_index, {key: value}, {extra: raw})."""
    columns = columns or spec.columns
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return []
    found, extra = _match_header(grid.rows[0], columns)
    if not _check_required_columns(grid, found, columns, 0, ctx):
        return []
    records = []
    for r, row in _data_rows(grid, 1):
        rec = {}
        for col in columns:
            if col.key in found:
                j = found[col.key]
                raw = row[j] if j < len(row) else None
                rec[col.key] = _convert(raw, col, ctx, (grid.name, cell_ref(r, j)))
            else:
                rec[col.key] = None
        extras = {name: (row[j] if j < len(row) else None) for j, name in extra.items()}
        records.append((r, rec, extras))
    return records


def _check_unique(records, key: str, col_index_label: str, grid: Grid, ctx: _Ctx, col: int = 0):
    first: dict[str, int] = {}
    for r, rec, _ in records:
        value = rec.get(key)
        if value is None:
            continue
        if value in first:
            ctx.err(
                "duplicate_id",
                grid.name,
                cell_ref(r, col),
                col_index_label,
                value=value,
                first=first[value] + 1,
            )
        else:
            first[value] = r


# ----------------------------------------------------------------------------- settings


def _read_settings(grid: Grid | None, ctx: _Ctx) -> Settings:
    values: dict[str, object] = {}
    if grid is None:
        return Settings()
    by_name = {}
    for s in SETTINGS:
        for n in (s.key, s.ru, s.en):
            by_name[normalise(n)] = s
    records = _read_table(grid, SETTINGS_SHEET, ctx)
    found, _ = _match_header(grid.rows[0], SETTINGS_SHEET.columns) if grid.rows else ({}, {})
    vcol = found.get("value", 1)
    for r, rec, _ in records:
        name = rec.get("parameter")
        if name is None:
            continue
        setting = by_name.get(normalise(name))
        cell = cell_ref(r, vcol)
        if setting is None:
            known = _quote([s.label(ctx.lang) for s in SETTINGS], ctx.lang)
            ctx.err("unknown_setting", grid.name, cell_ref(r, 0), value=name, known=known)
            continue
        raw = grid.cell(r, vcol)
        if is_blank(raw):
            continue
        label = setting.label(ctx.lang)

        def bad(detail_key: str, cell=cell, label=label, raw=raw, **kw) -> None:
            kw.setdefault("value", _shown(raw))
            ctx.err(
                "bad_setting", grid.name, cell, name=label, detail=tr(detail_key, ctx.lang, **kw)
            )

        kind = setting.kind
        if kind == "scale":
            scale = parse_scale(raw)
            if scale is None:
                bad("bad_scale", allowed="1-5, 1-7, 1-10, 0-10")
            values[setting.key] = scale
        elif kind.startswith("enum:"):
            v = enum_value(kind[5:], raw)
            if v is None:
                bad("not_enum", allowed=" / ".join(ENUMS[kind[5:]]), value=raw)
            values[setting.key] = v
        elif kind == "date":
            d = parse_date(raw)
            if d is None:
                bad("not_date", value=raw)
            values[setting.key] = d
        elif kind == "number":
            x = parse_number(raw)
            if x is None:
                bad("not_number", value=raw)
            elif setting.key == "blend_lambda" and not 0 <= x <= 1:
                bad("out_of_scale", value=raw, scale="0–1")
                x = None
            if x is not None and setting.key in ("seed", "bootstrap"):
                if not float(x).is_integer() or x < 0:
                    bad("not_int", value=raw)
                x = int(x)
            values[setting.key] = x
        elif kind == "codes":
            codes = parse_codes(raw)
            if codes is None:
                bad("bad_codes")
            values[setting.key] = codes
        elif kind == "likert":
            likert = parse_likert(raw)
            if likert is None:
                bad("bad_likert")
            values[setting.key] = likert
        elif kind == "lang":
            v = normalise(raw)
            if v not in ("ru", "en"):
                bad("bad_lang")
            values[setting.key] = v if v in ("ru", "en") else None
        elif setting.key == "sales_points":
            points = _parse_pairs(raw)
            if points is None:
                bad("bad_drives", value=raw)
            values[setting.key] = {k: v for k, v in (points or ()) if v is not None}
        else:
            values[setting.key] = str(raw).strip()
    return Settings(**{k: v for k, v in values.items() if v is not None})


_PAIR = re.compile(r"^\s*([^=:]+?)\s*(?:[=:]\s*(\S+))?\s*$")


def _parse_pairs(raw: object) -> tuple[tuple[str, float | None], ...] | None:
    """``"K01=0,6; K02=0,4"`` → ``(("K01", 0.6), ("K02", 0.4))``; weights may be omitted.

    >>> _parse_pairs("K01=0,6; K02=0,4")
    (('K01', 0.6), ('K02', 0.4))
    >>> _parse_pairs("K01; K02")
    (('K01', None), ('K02', None))
    >>> _parse_pairs("K01=abc") is None
    True
    """
    pairs = []
    for part in re.split(r"[;\n]", str(raw)):
        if not part.strip():
            continue
        m = _PAIR.match(part)
        if not m:
            return None
        weight = None
        if m.group(2) is not None:
            weight = parse_number(m.group(2))
            if weight is None or weight < 0:
                return None
        pairs.append((m.group(1).strip(), weight))
    return tuple(pairs)


# ----------------------------------------------------------------------------- journey


def _read_journey(grid: Grid, ctx: _Ctx) -> tuple[Touchpoint, ...]:
    records = _read_table(grid, JOURNEY, ctx)
    found, _ = _match_header(grid.rows[0], JOURNEY.columns) if grid.rows else ({}, {})
    _check_unique(
        records,
        "touchpoint_id",
        JOURNEY.columns[2].label(ctx.lang),
        grid,
        ctx,
        found.get("touchpoint_id", 0),
    )
    tps = []
    seen = set()
    for _, rec, _ in records:
        if rec["touchpoint_id"] is None or rec["touchpoint_id"] in seen:
            continue
        seen.add(rec["touchpoint_id"])
        channels = tuple(c.strip() for c in re.split(r"[;,]", rec["channels"] or "") if c.strip())
        tps.append(
            Touchpoint(
                id=rec["touchpoint_id"],
                name=rec["touchpoint"] or rec["touchpoint_id"],
                stage=rec["stage"] or "",
                stage_order=rec["stage_order"] or 0,
                channels=channels,
                moment_of_truth=rec["moment_of_truth"] == "yes",
                business_unit=rec["business_unit"] or "",
                target=rec["target"],
            )
        )
    return tuple(tps)


class _TouchpointIndex:
    """Resolves a touchpoint written as ID or name."""

    def __init__(self, touchpoints: tuple[Touchpoint, ...]):
        self.by_word = {}
        for t in touchpoints:
            self.by_word[normalise(t.id)] = t.id
            self.by_word.setdefault(normalise(t.name), t.id)
        self.labels = [t.id for t in touchpoints]
        self.names = [t.name for t in touchpoints]

    def get(self, raw: object) -> str | None:
        return self.by_word.get(normalise(raw))

    def unknown(self, ctx: _Ctx, raw: object, sheet: str, cell: str, column: str = "") -> None:
        hits = closest(str(raw), self.labels + self.names)
        hint = tr("did_you_mean", ctx.lang, name=hits[0]) if hits else ""
        known = ", ".join(self.labels[:20]) + (" …" if len(self.labels) > 20 else "")
        if not self.labels:
            return  # the journey itself is missing or empty: that is the one error to report
        ctx.err(
            "unknown_touchpoint",
            sheet,
            cell,
            column,
            value=raw,
            journey=JOURNEY.name(ctx.lang),
            known=known,
            hint=hint,
        )


# ----------------------------------------------------------------------------- interviews


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


def _read_interviews(grid: Grid, tps: _TouchpointIndex, settings: Settings, ctx: _Ctx):
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return None
    ncols = max(len(r) for r in grid.rows)
    second = [grid.cell(1, j) for j in range(ncols)] if len(grid.rows) > 1 else []
    wide_two_rows = any(_measure_of(v) for v in second)
    header = _forward_fill_header(grid, ncols) if wide_two_rows else list(grid.rows[0])
    found, extra = _match_header(header, INTERVIEWS.columns)
    long_found, _ = _match_header(list(grid.rows[0]), INTERVIEWS_LONG)
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
    if not _check_required_columns(grid, found, INTERVIEWS.columns, 0, ctx):
        return None
    if not score_cols:
        ctx.err("no_touchpoint_columns", grid.name, cell_ref(0, 0))
        return None
    if not any(True for _ in _data_rows(grid, start)):
        ctx.err("no_rows", grid.name, cell_ref(start, 0))
        return None

    tp_order = [t for t in tps.labels if any(tp == t for _, tp, _ in score_cols)]
    rows = list(_data_rows(grid, start))
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
                fixed[col.key].append(_convert(raw, col, ctx, (grid.name, cell_ref(r, j))))
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
    _check_unique(records, "respondent_id", INTERVIEWS.columns[0].label(ctx.lang), grid, ctx, idcol)
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


def _score(raw, label, scale, settings: Settings, ctx: _Ctx, where) -> float | None:
    value = parse_score(raw, scale, settings.missing_codes, settings.likert)
    if isinstance(value, Missing):
        return None
    if isinstance(value, str):
        _score_problem(value, raw, scale, ctx, where[0], where[1], f"{label}, {scale}")
        return None
    return value


def _read_interviews_long(grid: Grid, tps: _TouchpointIndex, settings: Settings, ctx: _Ctx):
    """Long layout: one row per respondent × touchpoint; pivoted to the wide arrays."""
    columns = INTERVIEWS.columns + INTERVIEWS_LONG
    found, extra = _match_header(list(grid.rows[0]), columns)
    if not _check_required_columns(grid, found, columns, 0, ctx):
        return None
    scales = {
        "importance": settings.importance_scale,
        "satisfaction": settings.satisfaction_scale,
        "competitor": settings.satisfaction_scale,
    }
    resp_order: list[str] = []
    resp_info: dict[str, dict] = {}
    cells: dict[tuple[str, str, str], float | Missing | None] = {}
    for r, row in _data_rows(grid, 1):

        def get(key, row=row):
            j = found.get(key)
            return (row[j] if j < len(row) else None) if j is not None else None

        rid_col = next(c for c in columns if c.key == "respondent_id")
        rid = _convert(
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
                    _convert(get(col.key), col, ctx, (grid.name, cell_ref(r, j)))
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


# ----------------------------------------------------------------------------- House of Quality


def _read_characteristics(grid: Grid | None, ctx: _Ctx) -> tuple[Characteristic, ...]:
    if grid is None:
        return ()
    records = _read_table(grid, CHARACTERISTICS, ctx)
    found, _ = _match_header(grid.rows[0], CHARACTERISTICS.columns) if grid.rows else ({}, {})
    _check_unique(
        records, "characteristic_id", CHARACTERISTICS.columns[0].label(ctx.lang), grid, ctx
    )
    chars, where = [], []
    for r, rec, _ in records:
        if rec["characteristic_id"] is None:
            continue
        causes = _parse_pairs(rec["caused_by"] or "")
        cell = cell_ref(r, found.get("caused_by", 9))
        if causes is None or any(w is not None and w not in (1, 3, 9) for _, w in causes):
            ctx.err("bad_causes", grid.name, cell, value=rec["caused_by"])
            causes = ()
        where.append(cell)
        chars.append(
            Characteristic(
                id=rec["characteristic_id"],
                name=rec["characteristic"] or rec["characteristic_id"],
                unit=rec["unit"] or "",
                direction=rec["direction"] or "more",
                indicator=rec["indicator"] or "lagging",
                current=rec["current"],
                target=rec["target"],
                competitor=rec["competitor"],
                difficulty=rec["difficulty"],
                caused_by=causes,
            )
        )
    known = {c.id for c in chars}
    for c, cell in zip(chars, where, strict=True):
        for cause, _ in c.caused_by:
            if cause not in known:
                ctx.err(
                    "unknown_characteristic",
                    grid.name,
                    cell,
                    value=cause,
                    known=", ".join(sorted(known)),
                )
    return tuple(chars)


def _char_lookup(chars: tuple[Characteristic, ...]) -> dict[str, int]:
    index = {}
    for k, c in enumerate(chars):
        index[normalise(c.id)] = k
        index.setdefault(normalise(c.name), k)
    return index


def _read_matrix(grid, rows_index, cols_index, parse, ctx, row_unknown, col_unknown, shape):
    """A labelled matrix sheet: header row of column labels, first column of row labels."""
    matrix = np.zeros(shape)
    if grid is None or not grid.rows:
        return matrix, np.zeros(shape, dtype=bool)
    filled = np.zeros(shape, dtype=bool)
    header = grid.rows[0]
    col_of: dict[int, int] = {}
    for j in range(1, len(header)):
        h = header[j]
        if is_blank(h):
            continue
        k = cols_index.get(normalise(h))
        if k is None:
            # a label column (e.g. touchpoint names) holds text in every row: skip it
            column_values = [grid.cell(r, j) for r in range(1, len(grid.rows))]
            if all(
                is_blank(v) or (parse_number(v) is None and parse(v) is None) for v in column_values
            ):
                continue
            col_unknown(h, cell_ref(0, j))
            continue
        col_of[j] = k
    for r, row in _data_rows(grid, 1):
        label = row[0]
        if is_blank(label):
            continue
        i = rows_index(label)
        if i is None:
            row_unknown(label, cell_ref(r, 0))
            continue
        for j, k in col_of.items():
            raw = row[j] if j < len(row) else None
            value = parse(raw)
            if value is None:
                ctx.err(parse.error_key, grid.name, cell_ref(r, j), value=raw)
                continue
            matrix[i, k] = value
            filled[i, k] = not is_blank(raw)
    return matrix, filled


def _relationship_value(raw: object) -> float | None:
    if is_blank(raw):
        return 0.0
    s = str(raw).strip()
    if s in RELATIONSHIP_SYMBOLS:
        return float(RELATIONSHIP_SYMBOLS[s])
    x = parse_number(raw)
    return x if x in (0, 1, 3, 9) else None


_relationship_value.error_key = "bad_relationship"


def _roof_value(raw: object) -> float | None:
    if is_blank(raw):
        return 0.0
    s = str(raw).strip().replace("–", "−").replace("—", "−−")
    if s in ROOF_SYMBOLS:
        return float(ROOF_SYMBOLS[s])
    x = parse_number(raw)
    return x if x in (-2, -1, 0, 1, 2) else None


_roof_value.error_key = "bad_roof"


# ----------------------------------------------------------------------------- KPIs, processes


def _read_kpis(grid: Grid | None, tps: _TouchpointIndex, ctx: _Ctx) -> tuple[KPI, ...]:
    if grid is None:
        return ()
    records = _read_table(grid, KPIS, ctx)
    found, _ = _match_header(grid.rows[0], KPIS.columns) if grid.rows else ({}, {})
    _check_unique(
        records, "kpi_id", KPIS.columns[0].label(ctx.lang), grid, ctx, found.get("kpi_id", 0)
    )
    kpis = []
    for r, rec, _ in records:
        if rec["kpi_id"] is None:
            continue
        tp = rec["touchpoint_id"]
        if tp is not None:
            resolved = tps.get(tp)
            if resolved is None:
                tps.unknown(ctx, tp, grid.name, cell_ref(r, found["touchpoint_id"]))
            tp = resolved or tp
        drives = ()
        if rec["drives"]:
            parsed = _parse_pairs(rec["drives"])
            if parsed is None:
                ctx.err(
                    "bad_drives",
                    grid.name,
                    cell_ref(r, found["drives"]),
                    KPIS.columns[4].label(ctx.lang),
                    value=rec["drives"],
                )
            else:
                drives = parsed
        kpis.append(
            KPI(
                id=rec["kpi_id"],
                name=rec["kpi"] or rec["kpi_id"],
                touchpoint_id=tp or "",
                level=rec["level"] or "",
                drives=drives,
                unit=rec["unit"] or "",
                direction=rec["direction"] or "more",
                baseline=rec["baseline"],
                actual=rec["actual"],
                target=rec["target"],
                indicator=rec["indicator"],
                source=rec["source"] or "",
                refresh=rec["refresh"] or "",
                owner=rec["owner"] or "",
                formula=rec["formula"] or "",
                row=r + 1,
            )
        )
    known = {k.id for k in kpis}
    for k in kpis:
        for parent, _ in k.drives:
            if parent not in known:
                hits = closest(parent, sorted(known))
                ctx.err(
                    "unknown_kpi",
                    grid.name,
                    cell_ref(k.row - 1, found.get("drives", 4)),
                    KPIS.columns[4].label(ctx.lang),
                    value=parent,
                    known=", ".join(hits or sorted(known)[:10]),
                )
    return tuple(kpis)


def _check_kpi_trees(kpis: tuple[KPI, ...], grid: Grid, ctx: _Ctx) -> None:
    """Tree-level checks of kpi_tree (cycles, level order, weights...) located at the cells."""
    from kpi_tree.tree import check_kpis

    found, _ = _match_header(grid.rows[0], KPIS.columns)
    col = found.get("drives", found.get("kpi_id", 0))
    row_of = {k.id: k.row for k in kpis}
    for issue in check_kpis(kpis):
        first = issue.kpi_ids[0] if issue.kpi_ids else None
        cell = cell_ref(row_of[first] - 1, col) if first in row_of else ""
        add = ctx.problems.error if issue.error else ctx.problems.warn
        add(note_text(issue.note, ctx.lang), grid.name, cell)


def _read_processes(grid: Grid | None, tps: _TouchpointIndex, ctx: _Ctx):
    if grid is None:
        return ()
    records = _read_table(grid, PROCESSES, ctx)
    found, _ = _match_header(grid.rows[0], PROCESSES.columns) if grid.rows else ({}, {})
    steps = []
    for r, rec, _ in records:
        if any(rec[k] is None for k in ("touchpoint_id", "step", "order", "capacity", "demand")):
            continue
        tp = tps.get(rec["touchpoint_id"])
        if tp is None:
            tps.unknown(ctx, rec["touchpoint_id"], grid.name, cell_ref(r, found["touchpoint_id"]))
            continue
        for key in ("capacity", "demand"):
            if rec[key] < 0:
                ctx.err(
                    "out_of_scale",
                    grid.name,
                    cell_ref(r, found[key]),
                    PROCESSES.columns[3 if key == "capacity" else 4].label(ctx.lang),
                    value=rec[key],
                    scale="≥ 0",
                )
        if rec["capacity"] == 0:
            ctx.warn("zero_capacity", grid.name, cell_ref(r, found["capacity"]), step=rec["step"])
        steps.append(
            ProcessStep(
                tp, rec["step"], rec["order"], rec["capacity"], rec["demand"], rec["cycle_time"]
            )
        )
    return tuple(steps)


def _read_sources(grid: Grid | None, ctx: _Ctx):
    if grid is None:
        return ()
    return tuple(
        DataSource(
            rec["system"],
            rec["kind"] or "",
            rec["holds"] or "",
            rec["automation"],
            rec["refresh"] or "",
        )
        for _, rec, _ in _read_table(grid, DATA_SOURCES, ctx)
        if rec["system"]
    )


def _read_clients(grid: Grid | None, ctx: _Ctx) -> dict[str, dict[str, object]]:
    if grid is None:
        return {}
    records = _read_table(grid, CLIENTS, ctx)
    _check_unique(records, "client_id", CLIENTS.columns[0].label(ctx.lang), grid, ctx)
    clients = {}
    for _, rec, extras in records:
        if rec["client_id"] is not None:
            clients[rec["client_id"]] = {"client_name": rec["client_name"], **extras}
    return clients


# ----------------------------------------------------------------------------- entry point


def load_project(path: str | Path, lang: str = "ru") -> Project:
    """Read and validate a project workbook.

    Raises :class:`~workbooks.errors.ProjectError` listing every problem found; problems
    that do not stop the analysis are returned in :attr:`Project.warnings`.
    """
    from workbooks.project.transactions import (
        TransactionError,
        TransactionSource,
        client_ids_with_transactions,
        open_source,
    )

    path = Path(path)
    problems = Problems(source=path.name, lang=lang)
    grids = read_grids(path, lang, problems.warnings)
    ctx = _Ctx(problems, lang)
    sheets = {}
    for spec in SHEETS:
        sheets[spec.key] = find_sheet(grids, spec)
        if sheets[spec.key] is None and spec.required:
            problems.errors.append(missing_sheet_problem(grids, spec, lang))

    settings = _read_settings(sheets["settings"], ctx)
    touchpoints = _read_journey(sheets["journey"], ctx) if sheets["journey"] else ()
    if sheets["journey"] is not None and not touchpoints:
        ctx.err("no_rows", sheets["journey"].name, "A2")
    tps = _TouchpointIndex(touchpoints)
    interviews = (
        _read_interviews(sheets["interviews"], tps, settings, ctx)
        if sheets["interviews"] and touchpoints
        else None
    )
    clients = _read_clients(sheets["clients"], ctx)
    characteristics = _read_characteristics(sheets["characteristics"], ctx)
    chars = _char_lookup(characteristics)
    tp_pos = {t.id: i for i, t in enumerate(touchpoints)}

    def tp_row(label):
        tp = tps.get(label)
        return tp_pos.get(tp) if tp else None

    grid = sheets["relationships"]
    relationships, _ = _read_matrix(
        grid,
        tp_row,
        chars,
        _relationship_value,
        ctx,
        lambda v, c: tps.unknown(ctx, v, grid.name, c),
        lambda v, c: ctx.err("bad_matrix_header", grid.name, c, value=v),
        (len(touchpoints), len(characteristics)),
    )
    grid_roof = sheets["roof"]
    roof, roof_filled = _read_matrix(
        grid_roof,
        lambda v: chars.get(normalise(v)),
        chars,
        _roof_value,
        ctx,
        lambda v, c: ctx.err(
            "unknown_characteristic",
            grid_roof.name,
            c,
            value=v,
            known=", ".join(c.id for c in characteristics),
        ),
        lambda v, c: ctx.err("bad_matrix_header", grid_roof.name, c, value=v),
        (len(characteristics), len(characteristics)),
    )
    roof = np.where(roof_filled, roof, roof.T)  # either triangle may be filled
    kpis = _read_kpis(sheets["kpis"], tps, ctx)
    if kpis and not problems.errors:
        _check_kpi_trees(kpis, sheets["kpis"], ctx)
    processes = _read_processes(sheets["processes"], tps, ctx)
    sources = _read_sources(sheets["data_sources"], ctx)

    # Transactions: a sheet, or a CSV/Parquet file named in settings (relative to the workbook).
    transactions = None
    transaction_count = None
    if settings.transactions_file:
        file = Path(settings.transactions_file)
        file = file if file.is_absolute() else path.parent / file
        if not file.exists():
            ctx.err("file_missing", SETTINGS_SHEET.name(lang), value=settings.transactions_file)
        else:
            transactions = TransactionSource.from_file(file)
    elif sheets["transactions"] is not None:
        transactions = _transactions_from_sheet(sheets["transactions"], ctx)
    if transactions is not None and not problems.errors:
        try:
            with open_source(transactions) as con:
                bad, transaction_count = con.bad_rows, con.rows
                have = client_ids_with_transactions(con)
        except TransactionError as exc:
            ctx.err("tx_file_error", transactions.label(lang), detail=exc)
            bad, have = None, None
        if bad:
            count, examples = bad
            ctx.err("tx_bad_rows", transactions.label(lang), count=count, examples=examples)
        if interviews is not None and have is not None:
            grid_i = sheets["interviews"]
            for i, cid in enumerate(interviews.client_ids):
                if (
                    cid
                    and interviews.respondent_types[i] in ("current", "former")
                    and cid not in have
                ):
                    ctx.warn("no_transactions", grid_i.name, f"A{interviews.rows[i]}", value=cid)

    problems.raise_if_any()
    return Project(
        source=path,
        touchpoints=touchpoints,
        interviews=interviews,
        clients=clients,
        transactions=transactions,
        characteristics=characteristics,
        relationships=relationships,
        roof=roof,
        kpis=kpis,
        processes=processes,
        data_sources=sources,
        settings=settings,
        warnings=tuple(problems.warnings),
        transaction_count=transaction_count,
    )


def project_summary(project: Project, lang: str = "ru") -> str:
    """One sentence: how many touchpoints, respondents, clients, transactions and KPIs."""
    n_tx = "—" if project.transaction_count is None else project.transaction_count
    n_resp = project.interviews.n if project.interviews else 0
    return tr(
        "summary",
        lang,
        tps=len(project.touchpoints),
        resp=n_resp,
        clients=len(project.clients),
        tx=n_tx,
        kpis=len(project.kpis),
    )


def _transactions_from_sheet(grid: Grid, ctx: _Ctx):
    from workbooks.project.transactions import TransactionSource

    records = _read_table(grid, TRANSACTIONS, ctx)
    rows = [
        (rec["client_id"], rec["order_id"], rec["date"], rec["amount"], rec["product"])
        for _, rec, _ in records
        if None not in (rec["client_id"], rec["order_id"], rec["date"], rec["amount"])
    ]
    return TransactionSource.from_rows(rows, grid.name)
