"""The settings sheet: scales, outcome, dates, λ, codes and words, each checked against its contract."""

from __future__ import annotations

import re

from workbooks.errors import cell_ref
from workbooks.locale import tr
from workbooks.project.model import (
    Settings,
)
from workbooks.project.reader import Grid
from workbooks.project.schema import (
    ENUMS,
    SALES_POINT_MAX,
    SCALES,
    SETTINGS,
    SETTINGS_SHEET,
    enum_value,
    normalise,
)
from workbooks.project.tables import (
    Ctx,
    match_header,
    quote,
    read_table,
    shown,
)
from workbooks.project.values import (
    CellError,
    Formula,
    is_blank,
    parse_codes,
    parse_date,
    parse_likert,
    parse_number,
    parse_scale,
)


def read_settings(grid: Grid | None, ctx: Ctx, cells: dict[str, str] | None = None) -> Settings:
    """The settings, each checked against its contract; ``cells`` receives the cell of every
    parameter found (for messages about a setting that comes later)."""
    values: dict[str, object] = {}
    cells = {} if cells is None else cells
    if grid is None:
        return Settings()
    by_name = {}
    for s in SETTINGS:
        for n in (s.key, s.ru, s.en):
            by_name[normalise(n)] = s
    # monitoring settings share this sheet; workbooks.project.monitoring_sheets reads them
    from workbooks.project.monitoring_schema import MONITORING_SETTINGS

    monitoring = {normalise(n) for m in MONITORING_SETTINGS for n in (m.key, m.ru, m.en)}
    records = read_table(grid, SETTINGS_SHEET, ctx)
    found, _ = match_header(grid.rows[0], SETTINGS_SHEET.columns) if grid.rows else ({}, {})
    vcol = found.get("value", 1)
    for r, rec, _ in records:
        name = rec.get("parameter")
        if name is None:
            continue
        setting = by_name.get(normalise(name))
        cell = cell_ref(r, vcol)
        if setting is None and normalise(name) in monitoring:
            continue
        if setting is None:
            known = quote([s.label(ctx.lang) for s in SETTINGS], ctx.lang)
            ctx.err("unknown_setting", grid.name, cell_ref(r, 0), value=name, known=known)
            continue
        raw = grid.cell(r, vcol)
        cells[setting.key] = cell
        label = setting.label(ctx.lang)
        if isinstance(raw, (CellError, Formula)):
            key = "cell_error" if isinstance(raw, CellError) else "formula_no_value"
            detail = tr(key, ctx.lang, value=raw)
            ctx.err("bad_setting", grid.name, cell, name=label, detail=detail)
            continue
        if is_blank(raw):
            continue

        def bad(detail_key: str, cell=cell, label=label, raw=raw, **kw) -> None:
            kw.setdefault("value", shown(raw))
            ctx.err(
                "bad_setting", grid.name, cell, name=label, detail=tr(detail_key, ctx.lang, **kw)
            )

        kind = setting.kind
        if kind == "scale":
            scale = parse_scale(raw)
            if scale is None:
                bad("bad_scale", allowed=", ".join(SCALES))
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
            elif setting.bounds and not (
                setting.bounds[0] <= x <= setting.bounds[1]
                and (not setting.whole or float(x).is_integer())
            ):
                low, high = setting.bounds
                bad("setting_whole_range" if setting.whole else "setting_range", low=low, high=high)
                x = None
            elif setting.whole:
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
            points = parse_pairs(raw)
            if points is None:
                bad("bad_drives", value=raw)
            for tp, point in points or ():
                if point is not None and not 0 < point <= SALES_POINT_MAX:
                    bad("sales_point_range", value=tp, point=point, limit=SALES_POINT_MAX)
            values[setting.key] = {
                k: v for k, v in (points or ()) if v is not None and 0 < v <= SALES_POINT_MAX
            }
        else:
            values[setting.key] = str(raw).strip()
    settings = Settings(**{k: v for k, v in values.items() if v is not None})
    if settings.likert:
        scales = (settings.importance_scale, settings.satisfaction_scale)
        for word, score in settings.likert.items():
            if not any(sc.contains(score) for sc in scales):
                ctx.err(
                    "bad_setting",
                    grid.name,
                    cells.get("likert", ""),
                    name=by_name[normalise("likert")].label(ctx.lang),
                    detail=tr(
                        "likert_off_scale",
                        ctx.lang,
                        word=word,
                        score=score,
                        scales=", ".join(dict.fromkeys(str(sc) for sc in scales)),
                    ),
                )
    return settings


_PAIR = re.compile(r"^\s*([^=:]+?)\s*(?:[=:]\s*(\S+))?\s*$")


def parse_pairs(raw: object) -> tuple[tuple[str, float | None], ...] | None:
    """``"K01=0,6; K02=0,4"`` → ``(("K01", 0.6), ("K02", 0.4))``; weights may be omitted.

    >>> parse_pairs("K01=0,6; K02=0,4")
    (('K01', 0.6), ('K02', 0.4))
    >>> parse_pairs("K01; K02")
    (('K01', None), ('K02', None))
    >>> parse_pairs("K01=abc") is None
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
