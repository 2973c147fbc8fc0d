"""Write project workbooks: the blank template and filled projects (e.g. the bundled example).

Both come from the declarations in :mod:`workbooks.schema`, so what the template offers is
exactly what the reader accepts. Every header carries a comment explaining the column, and
enumerated columns get drop-down validation. Files are written atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from workbooks.atomic import atomic_path
from workbooks.locale import pair, words
from workbooks.project.schema import (
    ENUMS,
    INTERVIEWS,
    MEASURE_LABELS,
    SETTINGS,
    SETTINGS_SHEET,
    SHEETS,
    Column,
    SheetSpec,
    enum_label,
)

__all__ = ["FIXED_DATE", "write_cell", "write_project", "write_template"]

# Workbook metadata dates are fixed so the same input gives byte-identical files.
FIXED_DATE = dt.datetime(2024, 1, 1)


def write_cell(ws, r: int, c: int, value: object, fmt=None, date_fmt=None) -> None:
    """Write one value by its type. Text is always text: ``=1+1`` typed by a user never
    becomes a formula (formula injection)."""
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            ws.write_blank(r, c, None, fmt)
        else:
            ws.write_number(r, c, value, fmt)
    elif isinstance(value, (dt.date, dt.datetime)):
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        ws.write_datetime(r, c, value, date_fmt or fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


class _Book:
    def __init__(self, path: Path, lang: str):
        self.lang = lang
        self.wb = xlsxwriter.Workbook(
            str(path), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        self.wb.set_properties({"created": FIXED_DATE, "author": "qfdkpi", "title": "QFD + KPI"})
        self.head = self.wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.head_c = self.wb.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"}
        )
        self.date = self.wb.add_format({"num_format": "dd.mm.yyyy"})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})

    def header(self, ws, r: int, c: int, text: str, comment: str = "", fmt=None) -> None:
        ws.write_string(r, c, text, fmt or self.head)
        if comment:
            ws.write_comment(r, c, comment, {"x_scale": 2, "y_scale": 1.5})

    def dropdown(self, ws, col: int, kind: str, first_row: int = 1, last_row: int = 2000) -> None:
        if not kind.startswith("enum:"):
            return
        name = kind[5:]
        labels = [enum_label(name, v, self.lang) for v in ENUMS[name]]
        ws.data_validation(
            first_row,
            col,
            last_row,
            col,
            {
                "validate": "list",
                "source": labels,
                "error_type": "warning",
                "error_title": "?",
                "error_message": " / ".join(labels)[:255],
            },
        )

    def table(self, spec: SheetSpec, rows: list[dict], extra: list[str] = ()) -> None:
        ws = self.wb.add_worksheet(spec.name(self.lang))
        for j, col in enumerate(spec.columns):
            self.header(ws, 0, j, col.label(self.lang), col.help(self.lang))
            self.dropdown(ws, j, col.kind)
            ws.set_column(j, j, max(12, min(40, len(col.label(self.lang)) + 4)))
        for k, name in enumerate(extra):
            self.header(ws, 0, len(spec.columns) + k, name)
            ws.set_column(len(spec.columns) + k, len(spec.columns) + k, 14)
        ws.freeze_panes(1, 0)
        for i, row in enumerate(rows, start=1):
            for j, col in enumerate(spec.columns):
                write_cell(ws, i, j, _display(row.get(col.key), col, self.lang), date_fmt=self.date)
            for k, name in enumerate(extra):
                write_cell(ws, i, len(spec.columns) + k, row.get(name), date_fmt=self.date)


def _display(value: object, col: Column, lang: str) -> object:
    """Canonical enum values are written as words of the workbook's language."""
    if col.kind.startswith("enum:") and isinstance(value, str) and value in ENUMS[col.kind[5:]]:
        return enum_label(col.kind[5:], value, lang)
    return value


def _instructions(book: _Book, sheets: tuple[SheetSpec, ...] = SHEETS) -> None:
    lang = book.lang
    title, text = words("template_instructions_title", lang), words("template_instructions", lang)
    heads = [words(k, lang) for k in ("template_sheet", "template_required", "template_holds")]
    yes_no = (words("template_yes", lang), words("template_no", lang))
    ws = book.wb.add_worksheet(title)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 100)
    ws.write_string(0, 0, text, book.wrap)
    ws.set_row(0, 60)
    ws.merge_range(0, 0, 0, 2, text, book.wrap)
    for j, h in enumerate(heads):
        ws.write_string(2, j, h, book.head)
    for i, spec in enumerate(sheets, start=3):
        ws.write_string(i, 0, spec.name(book.lang))
        ws.write_string(i, 1, yes_no[0 if spec.required else 1])
        ws.write_string(i, 2, pair(spec.help_ru, spec.help_en, book.lang), book.wrap)


def _interviews(
    book: _Book,
    touchpoints: list[str],
    measures: list[str],
    attributes: list[str],
    rows: list[dict],
) -> None:
    lang = book.lang
    ws = book.wb.add_worksheet(INTERVIEWS.name(lang))
    fixed = [c for c in INTERVIEWS.columns if c.in_template]
    for j, col in enumerate(fixed):
        ws.merge_range(0, j, 1, j, col.label(lang), book.head)
        ws.write_comment(0, j, col.help(lang), {"x_scale": 2, "y_scale": 1.5})
        book.dropdown(ws, j, col.kind, first_row=2)
        ws.set_column(j, j, 14)
    j0 = len(fixed)
    for k, name in enumerate(attributes):
        ws.merge_range(0, j0 + k, 1, j0 + k, name, book.head)
        ws.set_column(j0 + k, j0 + k, 16)
    j0 += len(attributes)
    m = len(measures)
    for t, tp in enumerate(touchpoints):
        c = j0 + t * m
        if m > 1:
            ws.merge_range(0, c, 0, c + m - 1, tp, book.head_c)
        else:
            ws.write_string(0, c, tp, book.head_c)
        for k, measure in enumerate(measures):
            book.header(ws, 1, c + k, pair(*MEASURE_LABELS[measure][:2], lang), fmt=book.head_c)
        ws.set_column(c, c + m - 1, 9)
    ws.freeze_panes(2, 1)
    for i, row in enumerate(rows, start=2):
        for j, col in enumerate(fixed):
            write_cell(ws, i, j, _display(row.get(col.key), col, lang))
        for k, name in enumerate(attributes):
            write_cell(ws, i, len(fixed) + k, row.get(name))
        for t, tp in enumerate(touchpoints):
            for k, measure in enumerate(measures):
                write_cell(ws, i, j0 + t * m + k, row.get((tp, measure)))


def _interviews_long(
    book: _Book,
    touchpoints: list[str],
    measures: list[str],
    attributes: list[str],
    rows: list[dict],
) -> None:
    """The long layout: the respondent's columns repeated on each of their touchpoint rows."""
    from workbooks.project.schema import INTERVIEWS_LONG

    lang = book.lang
    ws = book.wb.add_worksheet(INTERVIEWS.name(lang))
    fixed = [c for c in INTERVIEWS.columns if c.in_template]
    long = {c.key: c for c in INTERVIEWS_LONG}
    heads = [c.label(lang) for c in fixed] + list(attributes)
    heads += [long["touchpoint_id"].label(lang)] + [long[m].label(lang) for m in measures]
    for j, text in enumerate(heads):
        book.header(ws, 0, j, text)
    ws.freeze_panes(1, 1)
    r = 1
    for row in rows:
        for tp in touchpoints:
            values = [_display(row.get(c.key), c, lang) for c in fixed]
            values += [row.get(a) for a in attributes]
            values += [tp] + [row.get((tp, m)) for m in measures]
            for j, v in enumerate(values):
                write_cell(ws, r, j, v)
            r += 1


def _matrix(
    book: _Book,
    spec: SheetSpec,
    row_ids: list[str],
    col_ids: list[str],
    values: dict[tuple[str, str], object],
    symbols: list[str],
) -> None:
    ws = book.wb.add_worksheet(spec.name(book.lang))
    corner = "ID"
    book.header(ws, 0, 0, corner, pair(spec.help_ru, spec.help_en, book.lang))
    ws.set_column(0, 0, 12)
    for j, cid in enumerate(col_ids, start=1):
        book.header(ws, 0, j, cid, fmt=book.head_c)
    for i, rid in enumerate(row_ids, start=1):
        ws.write_string(i, 0, rid, book.head)
        for j, cid in enumerate(col_ids, start=1):
            write_cell(ws, i, j, values.get((rid, cid)))
    if row_ids and col_ids:
        ws.data_validation(
            1,
            1,
            len(row_ids),
            len(col_ids),
            {"validate": "list", "source": symbols, "error_type": "warning"},
        )
    ws.freeze_panes(1, 1)


def _settings(book: _Book, values: dict[str, object], extra: tuple = ()) -> None:
    lang = book.lang
    ws = book.wb.add_worksheet(SETTINGS_SHEET.name(lang))
    heads = [c.label(lang) for c in SETTINGS_SHEET.columns] + [words("template_explanation", lang)]
    for j, h in enumerate(heads):
        book.header(ws, 0, j, h)
    ws.set_column(0, 0, 32)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 70)
    for i, s in enumerate((*SETTINGS, *extra), start=1):
        ws.write_string(i, 0, s.label(lang))
        value = values.get(s.key, s.default)
        if s.kind.startswith("enum:") and value in ENUMS[s.kind[5:]]:
            value = enum_label(s.kind[5:], value, lang)
        write_cell(ws, i, 1, value, date_fmt=book.date)
        ws.write_string(i, 2, pair(s.help_ru, s.help_en, lang))
        if s.kind == "scale":
            ws.data_validation(
                i, 1, i, 1, {"validate": "list", "source": ["1-5", "1-7", "1-10", "0-10"]}
            )
        elif s.kind == "lang":
            ws.data_validation(i, 1, i, 1, {"validate": "list", "source": ["ru", "en"]})
        elif s.kind.startswith("enum:"):
            labels = [enum_label(s.kind[5:], v, lang) for v in ENUMS[s.kind[5:]]]
            ws.data_validation(i, 1, i, 1, {"validate": "list", "source": labels})


def write_project(
    path: str | Path,
    content: dict,
    *,
    lang: str = "ru",
    force: bool = False,
    extra: tuple[SheetSpec, ...] = (),
    only: set[str] | None = None,
    extra_sheets: tuple = (),
    extra_settings: tuple = (),
) -> Path:
    """Write a project workbook from ``content`` (see :func:`write_template` for the keys);
    ``extra`` sheets (tables declared outside :data:`SHEETS`) follow the journey sheet;
    ``extra_sheets`` are (SheetSpec, rows) written after the standard sheets and
    ``extra_settings`` further settings rows (their values in ``content["settings"]``).

    ``only`` limits the optional sheets written (by key); the required ones are always there.
    ``content["interviews"]["layout"] = "long"`` writes one row per respondent and touchpoint.
    """
    path = Path(path)
    sheets = (*SHEETS[:1], *extra, *SHEETS[1:])
    with atomic_path(path, force) as tmp:
        book = _Book(tmp, lang)
        _instructions(book, sheets)
        spec_by_key = {s.key: s for s in SHEETS}
        for spec in sheets:
            key = spec.key
            if only is not None and not spec.required and key not in only:
                continue
            if key == "interviews":
                iv = content.get("interviews", {})
                write = _interviews_long if iv.get("layout") == "long" else _interviews
                write(
                    book,
                    iv.get("touchpoints", ["TP01", "TP02", "TP03"]),
                    iv.get("measures", ["importance", "satisfaction"]),
                    iv.get("attributes", []),
                    iv.get("rows", []),
                )
            elif key in ("relationships", "roof"):
                mx = content.get(key, {})
                symbols = (
                    ["●", "○", "△", "9", "3", "1"]
                    if key == "relationships"
                    else ["++", "+", "−", "−−"]
                )
                _matrix(
                    book,
                    spec_by_key[key],
                    mx.get("rows", []),
                    mx.get("cols", []),
                    mx.get("values", {}),
                    symbols,
                )
            elif key == "settings":
                # a workbook written in a language says so, unless its content decides
                settings = {"language": lang, **content.get("settings", {})}
                _settings(book, settings, extra_settings)
            elif (
                key == "transactions"
                and content.get("transactions") is None
                and "settings" in content
                and content["settings"].get("transactions_file")
            ):
                continue  # transactions live in a separate file named in settings
            else:
                table = content.get(key, {})
                book.table(spec, table.get("rows", []), table.get("attributes", []))
        for spec, rows in extra_sheets:
            book.table(spec, rows)
        book.wb.close()
    return path


def write_template(path: str | Path, *, lang: str = "ru", force: bool = False) -> Path:
    """A blank project workbook with instructions, header comments and drop-downs."""
    return write_project(path, {}, lang=lang, force=force)
