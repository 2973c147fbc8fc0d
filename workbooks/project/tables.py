"""Reading a sheet as a table: headers matched by the schema, cells converted by column kind,
every problem recorded with its sheet, cell and column (lazy validation)."""

from __future__ import annotations

from dataclasses import dataclass

from workbooks.errors import Problems, cell_ref
from workbooks.locale import tr
from workbooks.project.reader import Grid, did_you_mean
from workbooks.project.schema import (
    ENUMS,
    Column,
    SheetSpec,
    enum_label,
    enum_value,
    normalise,
)
from workbooks.project.values import (
    CellError,
    Formula,
    is_blank,
    parse_date,
    parse_number,
)


@dataclass
class Ctx:
    problems: Problems
    lang: str

    def err(self, key: str, sheet: str = "", cell: str = "", column: str = "", **kw) -> None:
        kw = {k: shown(v) for k, v in kw.items()}
        self.problems.error(tr(key, self.lang, **kw), sheet, cell, column, key)

    def warn(self, key: str, sheet: str = "", cell: str = "", column: str = "", **kw) -> None:
        self.problems.warn(tr(key, self.lang, **kw), sheet, cell, column, key)


def shown(value: object) -> object:
    """A cell value as the user typed it: Excel stores 4 as 4.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def quote(words, lang: str) -> str:
    return ", ".join(tr("quoted", lang, value=w) for w in words)


def marker(raw: object, ctx: Ctx, where: tuple[str, str], label: str = "", text: bool = False):
    """Report an error value or a formula saved without its value; return what the cell holds
    instead: the formula's text in a text column (with a warning), else None (with an error).
    Any other value is returned as it is."""
    sheet, cell = where
    if isinstance(raw, CellError):
        ctx.err("cell_error", sheet, cell, label, value=raw)
        return None
    if isinstance(raw, Formula):
        if text:
            ctx.warn("formula_kept_text", sheet, cell, label, value=raw)
            return str(raw)
        ctx.err("formula_no_value", sheet, cell, label, value=raw)
        return None
    return raw


def convert(raw: object, col: Column, ctx: Ctx, where: tuple[str, str]) -> object:
    """Convert one cell by the column kind; record a problem and return None on failure."""
    sheet, cell = where
    label = col.label(ctx.lang)
    if isinstance(raw, (CellError, Formula)):
        raw = marker(raw, ctx, where, label, text=col.kind == "text")
        if raw is None:
            return None
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
        value = enum_value(name, raw, prefix=name == "role")
        if value is None:
            allowed = " / ".join(enum_label(name, v, ctx.lang) for v in ENUMS[name])
            ctx.err("not_enum", sheet, cell, label, allowed=allowed, value=raw)
        return value
    raise ValueError(f"unknown column kind {kind!r}")


def match_header(
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


def check_required_columns(
    grid: Grid, found: dict[str, int], columns: tuple[Column, ...], header_row: int, ctx: Ctx
) -> bool:
    ok = True
    present = [str(h) for h in grid.rows[header_row] if not is_blank(h)] if grid.rows else []
    for col in columns:
        if col.required and col.key not in found:
            hint = did_you_mean(col.label(ctx.lang), present, ctx.lang, cutoff=0.6)
            ctx.err(
                "column_missing",
                grid.name,
                cell_ref(header_row, 0),
                "",
                name=col.label(ctx.lang),
                columns=quote(present, ctx.lang) or "—",
                hint=hint,
            )
            ok = False
    return ok


def data_rows(grid: Grid, start: int):
    for r in range(start, len(grid.rows)):
        row = grid.rows[r]
        if all(is_blank(v) for v in row):
            continue
        yield r, row


def read_table(grid: Grid, spec: SheetSpec, ctx: Ctx, columns: tuple[Column, ...] | None = None):
    """Records of a one-header-row sheet: (excel_row_index, {key: value}, {extra: raw})."""
    columns = columns or spec.columns
    if not grid.rows:
        ctx.err("empty_sheet", grid.name)
        return []
    found, extra = match_header(grid.rows[0], columns)
    if not check_required_columns(grid, found, columns, 0, ctx):
        return []
    records = []
    for r, row in data_rows(grid, 1):
        rec = {}
        for col in columns:
            if col.key in found:
                j = found[col.key]
                raw = row[j] if j < len(row) else None
                rec[col.key] = convert(raw, col, ctx, (grid.name, cell_ref(r, j)))
            else:
                rec[col.key] = None
        extras = {name: (row[j] if j < len(row) else None) for j, name in extra.items()}
        records.append((r, rec, extras))
    return records


def check_unique(records, key: str, col_index_label: str, grid: Grid, ctx: Ctx, col: int = 0):
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
