"""The parts of an .xlsx package, read and written directly.

Reading. An .xlsx is a zip of XML parts: ``xl/workbook.xml`` lists the sheets, each sheet is a
``<sheetData>`` of ``<c>`` cells, texts live in ``xl/sharedStrings.xml`` and number formats (which
tell a date from a number) in ``xl/styles.xml``. We stream each sheet through expat and keep only
the cells that hold something, so the size of a sheet is its real content: one space typed into
XFD1048576 costs one cell, not a 17-billion-cell rectangle. Reading the XML ourselves also keeps
what a value-only reader loses: error values (``#DIV/0!``) and formulas saved without their value
become :class:`~workbooks.project.values.CellError` and :class:`~workbooks.project.values.Formula`
markers that the validation reports with their cell, instead of silent blanks.

Writing. :func:`replace_sheet` writes a new version of one sheet into a copy of the package and
copies every other part unchanged (other sheets, formulas and their cached values, styles,
drop-downs, comments), so importing a survey touches the interviews sheet only.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from xml.parsers import expat

from workbooks.errors import column_letter
from workbooks.project.values import CellError, Formula

__all__ = [
    "MAX_CELLS",
    "Package",
    "SheetPart",
    "SheetTooLarge",
    "cell_index",
    "clean_text",
    "is_xlsx",
    "replace_sheet",
    "stored_value",
]

_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = _DOC_REL + "/worksheet"
# invisible characters that only make two IDs differ; the joiners U+200C/U+200D stay: they
# shape text (an emoji family, Persian or Indic words) and IDs are matched without them
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
# XML 1.0 forbids most control characters; Excel writes them as _xHHHH_ escapes.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# an underscore that a reader would take for the start of such an escape (overlaps included)
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def clean_text(text: str) -> str:
    """A cell's text as a person sees it: NFC-composed, invisible characters removed (the
    joiners that shape an emoji or a script kept).

    >>> clean_text("Т\u0435ст\u200b") == "Тест", clean_text("e\u0301") == "\u00e9"
    (True, True)
    >>> clean_text("\U0001f468\u200d\U0001f469") == "\U0001f468\u200d\U0001f469"
    True
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))


def _unescape(text: str) -> str:
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def is_xlsx(path) -> bool:
    """An Office Open XML workbook (a zip with ``xl/workbook.xml``), not .xls or .ods."""
    try:
        with zipfile.ZipFile(path) as z:
            return any(n.lstrip("/") == "xl/workbook.xml" for n in z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _parser(start=None, end=None, chars=None) -> expat.XMLParserType:
    """An expat parser that refuses document types (no entity tricks in a workbook)."""
    p = expat.ParserCreate()
    p.buffer_text = True
    p.buffer_size = 1 << 16

    def refuse(*_):
        raise expat.ExpatError("DTD is not allowed in a workbook part")

    p.StartDoctypeDeclHandler = refuse
    p.EntityDeclHandler = refuse
    if start:
        p.StartElementHandler = start
    if end:
        p.EndElementHandler = end
    if chars:
        p.CharacterDataHandler = chars
    return p


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]+)')
# formulas (looked for only where "<f" occurs at all), and error values, namespace prefixes,
# document types: such a sheet is read part by part
_FORMULA = (b"<f>", b"<f ", b"<f/>")
_NOT_PLAIN = (b't="e"', b"<x:", b":c ", b"<!DOCTYPE")
_ROW_NUMBER = re.compile(rb'<row[^>]*?\br="(\d+)"')


@functools.lru_cache(maxsize=64)
def _beyond(width: int) -> re.Pattern:
    """A pattern for a cell whose column lies beyond the first ``width`` columns (column
    letters compare by length, then alphabetically).

    >>> bool(_beyond(2).search(b'<c r="C7"')), bool(_beyond(3).search(b'<c r="C7"'))
    (True, False)
    >>> bool(_beyond(28).search(b'<c r="AC1"')), bool(_beyond(28).search(b'<c r="AB1"'))
    (True, False)
    """
    if width == 0:
        return _CELL_COLUMN
    letters = column_letter(width - 1)
    n = len(letters)
    options = [f"[A-Z]{{{n + 1},}}"]  # longer letters
    for i, ch in enumerate(letters):  # same length: equal up to i, then a later letter
        if ch != "Z":
            options.append(f"{letters[:i]}[{chr(ord(ch) + 1)}-Z][A-Z]{{{n - i - 1}}}")
    return re.compile(f'<c r="(?:{"|".join(options)})[0-9]'.encode())


def cell_index(ref: str) -> tuple[int, int]:
    """(row, column), 0-based, of an A1 reference.

    >>> cell_index("B3")
    (2, 1)
    """
    found = _ref(ref)
    if found is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return found


def _ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref.upper())
    if not m:
        return None
    return int(m.group(2)) - 1, _column_index(m.group(1))


# Built-in number formats that show dates or times (ECMA-376 §18.8.30).
_DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | set(range(45, 48)) | set(range(50, 59))


def _is_date_format(code: str) -> bool:
    code = _format_letters(code)
    return bool(re.search(r"[dmyhs]", code)) and "general" not in code


def _format_letters(code: str) -> str:
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)  # quoted text, escapes, colours, locales
    return code.split(";")[0].lower()


# Built-in date formats without a time of day: their values read as dates, not datetimes.
_DATE_ONLY_IDS = {14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58}


class _DateStyles(frozenset):
    """Indices of the cell styles that show dates; ``date_only`` those without a time of day."""

    date_only: frozenset = frozenset()


@dataclass(frozen=True)
class SheetPart:
    name: str  # as a person reads it (NFC, no zero-width characters)
    part: str  # path of the part inside the zip
    sheet_id: str
    rel_id: str
    raw_name: str = ""  # as written in the workbook part


class Package:
    """An open .xlsx package: its sheets, shared strings and date styles."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.names = {n.lstrip("/"): n for n in zf.namelist()}
        self.sheets = self._sheets()
        self._strings: list[str] | None = None
        self._dates: tuple[_DateStyles, bool] | None = None

    def read(self, part: str) -> bytes:
        return self.zf.read(self.names[part])

    def has(self, part: str) -> bool:
        return part in self.names

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of a part: id -> (type, absolute target)."""
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        out: dict[str, tuple[str, str]] = {}
        if not self.has(rels_part):
            return out

        def start(name, attrs):
            if _local(name) == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                if target.startswith("/"):
                    path = target.lstrip("/")
                else:
                    path = posixpath.normpath(posixpath.join(folder, target))
                out[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

        _parser(start).Parse(self.read(rels_part), True)
        return out

    def _sheets(self) -> list[SheetPart]:
        rels = self.rels("xl/workbook.xml")
        sheets: list[SheetPart] = []
        self.date1904 = False

        def start(name, attrs):
            local = _local(name)
            if local == "sheet":
                rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                kind, target = rels.get(rid, ("", ""))
                if kind.endswith("/worksheet") and self.has(target):
                    raw = attrs.get("name", "")
                    sheets.append(
                        SheetPart(clean_text(raw), target, attrs.get("sheetId", ""), rid, raw)
                    )
            elif local == "workbookPr":
                self.date1904 = attrs.get("date1904", "0") in ("1", "true")

        _parser(start).Parse(self.read("xl/workbook.xml"), True)
        return sheets

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = self._read_strings()
        return self._strings

    def _read_strings(self) -> list[str]:
        target = next(
            (t for k, t in self.rels("xl/workbook.xml").values() if k.endswith("/sharedStrings")),
            "xl/sharedStrings.xml",
        )
        if not self.has(target):
            return []
        out: list[str] = []
        parts: list[str] = []
        state = {"text": False, "phonetic": 0}

        def start(name, attrs):
            local = _local(name)
            if local == "si":
                parts.clear()
            elif local == "t" and not state["phonetic"]:
                state["text"] = True
            elif local == "rPh":
                state["phonetic"] += 1

        def end(name):
            local = _local(name)
            if local == "t":
                state["text"] = False
            elif local == "rPh":
                state["phonetic"] -= 1
            elif local == "si":
                out.append(clean_text(_unescape("".join(parts))))

        def chars(data):
            if state["text"]:
                parts.append(data)

        with self.zf.open(self.names[target]) as f:
            _parser(start, end, chars).ParseFile(f)
        return out

    def date_styles(self) -> tuple[_DateStyles, bool]:
        """Indices of cell styles that show dates, and whether the book counts from 1904."""
        if self._dates is None:
            self._dates = (self._read_date_styles(), self.date1904)
        return self._dates

    def _read_date_styles(self) -> _DateStyles:
        target = next(
            (t for k, t in self.rels("xl/workbook.xml").values() if k.endswith("/styles")),
            "xl/styles.xml",
        )
        if not self.has(target):
            return _DateStyles()
        custom: dict[int, str] = {}
        xfs: list[int] = []
        state = {"cellXfs": False}

        def start(name, attrs):
            local = _local(name)
            if local == "numFmt":
                try:
                    custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
                except ValueError:
                    pass
            elif local == "cellXfs":
                state["cellXfs"] = True
            elif local == "xf" and state["cellXfs"]:
                try:
                    xfs.append(int(attrs.get("numFmtId", "0")))
                except ValueError:
                    xfs.append(0)

        def end(name):
            if _local(name) == "cellXfs":
                state["cellXfs"] = False

        _parser(start, end).Parse(self.read(target), True)

        def is_date(fmt: int) -> bool:
            if fmt in custom:
                return _is_date_format(custom[fmt])
            return fmt in _DATE_FORMAT_IDS

        def date_only(fmt: int) -> bool:
            if fmt in custom:
                return not re.search(r"[hs]", _format_letters(custom[fmt]))
            return fmt in _DATE_ONLY_IDS

        styles = _DateStyles(i for i, fmt in enumerate(xfs) if is_date(fmt))
        styles.date_only = frozenset(i for i, fmt in enumerate(xfs) if date_only(fmt))
        return styles

    def is_plain(self, sheet: SheetPart) -> bool:
        """True when a value reader loses nothing on this sheet: no formulas, no error values,
        no namespace prefixes, and its cells fill most of their bounding rectangle (a stray
        cell far away makes the rectangle, and a dense reader's memory, explode). Decided by
        scanning the part's bytes in chunks, without parsing."""
        cells = width = last_row = 0
        tail = b""
        with self.zf.open(self.names[sheet.part]) as f:
            while True:
                chunk = f.read(1 << 24)
                if not chunk:
                    break
                data = tail + chunk
                if any(mark in data for mark in _NOT_PLAIN):
                    return False
                if b"<f" in data and any(mark in data for mark in _FORMULA):
                    return False
                cut = data.rfind(b"<")  # the next chunk starts at an element boundary
                body, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                cells += body.count(b"<c ")
                # every cell's column is listed only when some cell lies beyond the widest
                # seen so far (a third of the time of listing them all, on every chunk)
                if _beyond(width).search(body):
                    columns = set(_CELL_COLUMN.findall(body))
                    width = max(width, *(_column_index(c.decode()) + 1 for c in columns))
                row = body.rfind(b"<row ")
                if row >= 0:
                    m = _ROW_NUMBER.match(body, row)
                    if m:
                        last_row = max(last_row, int(m.group(1)))
        return last_row * width <= 4 * cells + 1_000_000

    def read_sheet(self, sheet: SheetPart):
        """(rows, merged) of one sheet: rows are lists up to their last non-blank cell (a
        shared empty tuple for empty rows), so memory follows the real content."""
        strings = self.strings()
        dates, base1904 = self.date_styles()
        epoch = dt.datetime(1904, 1, 1) if base1904 else dt.datetime(1899, 12, 30)
        rows: dict[int, list] = {}
        merged: list[tuple[int, int, int, int]] = []
        columns: dict[str, int] = {}  # "AB" -> 27, cached
        text: list[str] = []
        # parser state: the current row and cell
        st = _CellState()

        def start(name, attrs):
            if ":" in name:
                name = _local(name)
            if name == "c":
                r = attrs.get("r")
                if r:
                    letters = r.rstrip("0123456789")
                    c = columns.get(letters)
                    if c is None:
                        c = columns[letters] = _column_index(letters.lstrip("$").upper())
                    st.col = c
                    digits = r[len(letters) :]
                    if digits and int(digits) - 1 != st.row:
                        st.row = int(digits) - 1
                        st.line = None
                else:
                    st.col += 1
                st.kind = attrs.get("t", "n")
                s = attrs.get("s")
                st.style = int(s) if s and s.isdigit() else 0
                st.value = st.formula = st.inline = None
            elif name == "v" or name == "f":
                st.capture = name
                text.clear()
            elif name == "row":
                r = attrs.get("r")
                st.row = int(r) - 1 if r and r.isdigit() else st.row + 1
                st.col = -1
                st.line = None
            elif name == "is":
                st.inline = []
            elif name == "t" and st.inline is not None and not st.phonetic:
                st.capture = "t"
                text.clear()
            elif name == "rPh":
                st.phonetic += 1
            elif name == "mergeCell":
                ref = attrs.get("ref", "")
                a, _, b = ref.partition(":")
                p, q = _ref(a), _ref(b or a)
                if p and q:
                    merged.append((p[0], p[1], q[0], q[1]))

        def chars(data):
            if st.capture:
                text.append(data)

        def end(name):
            if ":" in name:
                name = _local(name)
            if name == "c":
                kind, value = st.kind, st.value
                if kind == "s" and value and st.formula is None:  # the common cases first
                    try:
                        v = strings[int(value)]
                    except (ValueError, IndexError):
                        v = None
                    if v is not None and not v.strip():
                        v = None
                elif kind == "n" and value and st.formula is None and st.style not in dates:
                    try:
                        v = float(value)
                    except ValueError:
                        v = value
                else:
                    v = _cell_value(
                        kind, st.style, value, st.formula, st.inline, strings, dates, epoch
                    )
                if v is not None:
                    line = st.line
                    if line is None:
                        line = st.line = rows.setdefault(st.row, [])
                    c = st.col
                    if c == len(line):
                        line.append(v)
                    elif c > len(line):
                        st.cells += c - len(line)
                        if st.cells > MAX_CELLS:
                            raise SheetTooLarge(sheet.name, st.row, c)
                        line.extend([None] * (c - len(line)))
                        line.append(v)
                    elif c >= 0:
                        line[c] = v
            elif name == "v":
                st.value = "".join(text)
                st.capture = ""
            elif name == "f":
                st.formula = "".join(text)
                st.capture = ""
            elif name == "t" and st.capture == "t":
                st.inline.append("".join(text))
                st.capture = ""
            elif name == "rPh":
                st.phonetic -= 1

        with self.zf.open(self.names[sheet.part]) as f:
            _parser(start, end, chars).ParseFile(f)
        return _dense(rows), tuple(merged)


class SheetTooLarge(Exception):
    """A sheet whose cells, laid out in rows, would take more than :data:`MAX_CELLS`."""

    def __init__(self, sheet: str, row: int, col: int):
        super().__init__(sheet, row, col)
        self.sheet, self.row, self.col = sheet, row, col


class _CellState:
    __slots__ = (
        "capture",
        "cells",
        "col",
        "formula",
        "inline",
        "kind",
        "line",
        "phonetic",
        "row",
        "style",
        "value",
    )

    def __init__(self):
        self.row, self.col, self.line = -1, -1, None
        self.kind, self.style = "n", 0
        self.value = self.formula = self.inline = None
        self.capture, self.phonetic = "", 0
        self.cells = 0  # blank cells laid out between filled ones


# Blank cells we lay out between filled ones in a sheet's rows, at most (8 bytes each): a stray
# value in column XFD on many rows is refused with its cell rather than exhausting memory.
MAX_CELLS = 50_000_000
_EMPTY: tuple = ()


def _dense(lines: dict[int, list]) -> list:
    if not lines:
        return []
    rows: list = [_EMPTY] * (max(lines) + 1)
    for r, line in lines.items():
        rows[r] = line
    return rows


def _cell_value(kind, style, value, formula, inline, strings, dates, epoch):
    """The Python value of one cell, or None for a blank (whitespace-only text is blank)."""
    if formula is not None and (value is None or (value == "" and kind != "str")):
        return Formula(formula)  # saved without its value (e.g. written by a script)
    if kind == "s":
        if not value:
            return None
        try:
            s = strings[int(value)]
        except (ValueError, IndexError):
            return None
        return s if s.strip() else None
    if kind == "inlineStr":
        s = clean_text(_unescape("".join(inline or ())))
        return s if s.strip() else None
    if kind == "e":
        return CellError((value or "#N/A").strip())
    if kind == "str":
        s = clean_text(_unescape(value or ""))
        return s if s.strip() else None
    if not value:
        return None
    if kind == "b":
        return value.strip() in ("1", "true")
    if kind == "d":
        try:
            return dt.datetime.fromisoformat(value.strip().rstrip("Z"))
        except ValueError:
            return value
    try:
        x = float(value)
    except ValueError:
        return value
    if style in dates and math.isfinite(x) and 0 <= x < 2958466:
        moment = epoch + dt.timedelta(days=x)
        if moment.microsecond >= 500_000:  # Excel stores seconds as binary fractions
            moment += dt.timedelta(microseconds=1_000_000 - moment.microsecond)
        moment = moment.replace(microsecond=0)
        if style in dates.date_only and moment.time() == dt.time(0):
            return moment.date()
        return moment
    return x


# ------------------------------------------------------------------ writing one sheet


def _xml_text(s: str) -> str:
    """Text as a cell's XML holds it so that it reads back the same: markup characters as
    entities; control characters, a carriage return (an XML reader turns it into a line feed)
    and the underscore of a literal ``_xHHHH_`` (a reader decodes it) as Excel escapes them."""
    if "_x" in s:
        s = _LITERAL_ESCAPE.sub("_x005F_", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if _NOT_XML.search(s):
        s = _NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", s)
    return s


# control characters XML 1.0 does not allow in text, and the carriage return (read as a line feed)
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f]")


_letters = functools.lru_cache(maxsize=4096)(column_letter)


@functools.lru_cache(maxsize=65536)
def _number_text(value: float) -> str:
    """A number as a ``<v>`` holds it ("" when not finite); survey answers repeat a handful of
    values, so the text is remembered."""
    if not math.isfinite(value):
        return ""
    return (
        str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
    )


def _cell_rest(value: object, x: str, style: str) -> str:
    """A ``<c>`` element after its ``r="REF"`` (``x`` is the sheet's namespace prefix, ``style``
    a ` s="N"` attribute or ""): numbers as numbers, everything else as inline text — never a
    formula, whatever it starts with. "" for a value that makes no cell (not a finite number)."""
    number = _number(value)
    if number is not None:
        return f"{style}><{x}v>{number}</{x}v></{x}c>" if number else ""
    if isinstance(value, bool):
        return f'{style} t="b"><{x}v>{int(value)}</{x}v></{x}c>'
    text = _cell_text(value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'{style} t="inlineStr"><{x}is><{x}t{space}>{_xml_text(text)}</{x}t></{x}is></{x}c>'


def _cell_text(value: object) -> str:
    """The text a cell holds for a value that is neither a number nor a truth value (the two
    noncharacters U+FFFE and U+FFFF left out: XML cannot hold them, and readers differ on
    their escape)."""
    if isinstance(value, dt.datetime):
        midnight = value.time() == dt.time(0)
        return value.strftime("%Y-%m-%d" if midnight else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text.translate(_NONCHARACTERS) if "\ufffe" in text or "\uffff" in text else text


_NONCHARACTERS = dict.fromkeys((0xFFFE, 0xFFFF))


def stored_value(value: object) -> object:
    """What a cell written by :func:`replace_sheet` from ``value`` holds, as a reader of the
    file gets it: None for no cell (a blank, a number that is not finite), a number as a
    float, a truth value, else its text (dates as ISO text).

    >>> stored_value(4), stored_value(""), stored_value(float("inf")), stored_value("_x0041_")
    (4.0, None, None, '_x0041_')
    """
    if value is None or (value.__class__ is str and not value):
        return None
    number = _number(value)
    if number is not None:
        return float(number) if number else None
    return value if isinstance(value, bool) else _cell_text(value)


def _number(value: object) -> str | None:
    """The ``<v>`` text of a number ("" when not finite); None for a value that is not one."""
    plain = value.__class__ is int or value.__class__ is float  # the common cell, tested first
    if plain or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return _number_text(value if plain else float(value))
    return None


# Elements of a worksheet in their schema order; we replace the cell data and the merges and keep
# the rest of the old sheet (column widths, frozen panes, drop-downs, comments' drawing...).
_ORDER = (
    "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection "
    "protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells "
    "phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins "
    "pageSetup headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors "
    "smartTags drawing legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls "
    "webPublishItems tableParts extLst"
).split()
_REPLACED = ("dimension", "sheetData", "mergeCells")


@dataclass(frozen=True)
class _Layout:
    """An old sheet cut into its root's start, its direct children and its end (byte spans)."""

    head: bytes
    children: tuple[tuple[str, bytes], ...]
    tail: bytes
    prefix: str  # namespace prefix of the root element, "" or "x:"


def _layout(xml: bytes) -> _Layout | None:
    starts: list[tuple[str, int]] = []
    depth = 0
    root = {"prefix": "", "end": -1}
    p = _parser()

    def start(name, attrs):
        nonlocal depth
        depth += 1
        if depth == 1:
            root["prefix"] = name[: name.index(":") + 1] if ":" in name else ""
        elif depth == 2:
            starts.append((_local(name), p.CurrentByteIndex))

    def end(name):
        nonlocal depth
        if depth == 1:
            root["end"] = p.CurrentByteIndex
        depth -= 1

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.Parse(xml, True)
    if not starts or root["end"] < 0:
        return None
    bounds = [b for _, b in starts] + [root["end"]]
    children = tuple((name, xml[bounds[k] : bounds[k + 1]]) for k, (name, _) in enumerate(starts))
    return _Layout(xml[: starts[0][1]], children, xml[root["end"] :], root["prefix"])


def _sheet_pieces(
    old: bytes | None, rows: Iterable[list], merges: list[str], header_rows: int = 0
) -> Iterable[bytes]:
    """The new sheet XML in pieces: the old sheet's other elements kept, cells and merges new;
    the first ``header_rows`` rows take the style of the old sheet's A1 (its header look)."""
    layout = _layout(old) if old else None
    found = re.search(rb'<(?:\w+:)?c r="A1"[^>]*?\bs="(\d+)"', old or b"")
    head_style = f' s="{found.group(1).decode()}"' if found else ""
    if layout is None:
        layout = _Layout(
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="' + _DOC_REL.encode() + b'">',
            (),
            b"</worksheet>",
            "",
        )
    x = layout.prefix
    keep: dict[str, list[bytes]] = {}
    for name, body in layout.children:
        if name not in _REPLACED:
            keep.setdefault(name, []).append(body)
    yield layout.head
    for name in _ORDER:
        if name == "sheetData":
            yield f"<{x}sheetData>".encode()
            chunk: list[str] = []
            # a number's element after its reference, by value: answers repeat a handful
            numbers: dict[float, str] = {}
            heads: list[str] = []  # a cell's element up to its row number, by column
            for i, values in enumerate(rows, start=1):
                style = head_style if i <= header_rows else ""
                if len(values) > len(heads):
                    heads += [f'<{x}c r="{_letters(j)}' for j in range(len(heads), len(values))]
                row = f'{i}"'
                parts = []
                for j, v in enumerate(values):
                    if not style and (v.__class__ is float or v.__class__ is int):
                        rest = numbers.get(v)
                        if rest is None:
                            rest = numbers[v] = _cell_rest(v, x, "")
                    elif v is None or v == "":
                        continue
                    else:
                        rest = _cell_rest(v, x, style)
                    if rest:
                        parts.append(f"{heads[j]}{row}{rest}")
                cells = "".join(parts)
                if cells:
                    chunk.append(f'<{x}row r="{i}">{cells}</{x}row>')
                if len(chunk) >= 2000:
                    yield "".join(chunk).encode("utf-8")
                    chunk.clear()
            yield "".join(chunk).encode("utf-8")
            yield f"</{x}sheetData>".encode()
        elif name == "mergeCells" and merges:
            body = "".join(f'<{x}mergeCell ref="{m}"/>' for m in merges)
            yield f'<{x}mergeCells count="{len(merges)}">{body}</{x}mergeCells>'.encode()
        else:
            yield from keep.pop(name, ())
    for bodies in keep.values():  # elements unknown to us (an extension): keep them at the end
        yield from bodies
    yield layout.tail


def _without_sheet_in_calc_chain(xml: bytes, sheet_id: str) -> bytes | None:
    """The calculation chain without the cells of one sheet (its formulas are gone); None when
    nothing is left."""
    kept: list[str] = []
    current = ""

    def start(name, attrs):
        nonlocal current
        if _local(name) == "c":
            current = attrs.get("i", current)
            if current != sheet_id:
                # every entry names its sheet, so dropping entries cannot shift the others
                extra = "".join(
                    f' {k}="{_xml_text(v)}"' for k, v in attrs.items() if k not in ("r", "i")
                )
                kept.append(f'<c r="{attrs.get("r", "")}" i="{current}"{extra}/>')

    _parser(start).Parse(xml, True)
    if not kept:
        return None
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(kept)
        + "</calcChain>"
    ).encode("utf-8")


def replace_sheet(
    source, target, sheet_name: str, rows: Iterable[list], merges: list[str], header_rows: int = 0
) -> None:
    """Copy the package ``source`` to ``target`` with the sheet ``sheet_name`` holding ``rows``.

    Every other part is copied unchanged (same bytes once inflated). When the book has no such
    sheet, a new one is added at the end (the workbook part, its relationships and the content
    types gain one entry). ``rows`` is consumed once, as a stream: memory does not grow with
    the number of rows.
    """
    with zipfile.ZipFile(source) as zin:
        pkg = Package(zin)
        sheet = next((s for s in pkg.sheets if s.name == sheet_name), None)
        changed: dict[str, bytes | None] = {}
        old = None
        if sheet is None:
            sheet, changed = _new_sheet(pkg, sheet_name)
        else:
            old = pkg.read(sheet.part)
            chain = next(
                (t for k, t in pkg.rels("xl/workbook.xml").values() if k.endswith("/calcChain")),
                None,
            )
            if chain and pkg.has(chain):
                new_chain = _without_sheet_in_calc_chain(pkg.read(chain), sheet.sheet_id)
                changed.update(_drop_part(pkg, chain) if new_chain is None else {chain: new_chain})
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            written = False
            for info in zin.infolist():
                name = info.filename.lstrip("/")
                if name == sheet.part:
                    _write_stream(
                        zout, _info_like(info), _sheet_pieces(old, rows, merges, header_rows)
                    )
                    written = True
                elif name in changed:
                    data = changed.pop(name)
                    if data is not None:
                        zout.writestr(_info_like(info), data)
                else:
                    zout.writestr(_info_like(info), zin.read(info.filename))
            if not written:
                info = zipfile.ZipInfo(sheet.part, zin.infolist()[0].date_time)
                _write_stream(zout, info, _sheet_pieces(None, rows, merges, header_rows))


def _write_stream(zout: zipfile.ZipFile, info: zipfile.ZipInfo, pieces: Iterable[bytes]) -> None:
    info.compress_type = zipfile.ZIP_DEFLATED
    # the fastest deflate level for the sheet written: on an import of 200,000 answers the
    # default level spent 5 of 13 s compressing 240 MB of XML (the part is about 40 % larger).
    # ZipInfo.compress_level is public from Python 3.13; the attribute behind it before.
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)
    with zout.open(info, "w", force_zip64=True) as f:
        for piece in pieces:
            f.write(piece)


def _info_like(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    out = zipfile.ZipInfo(info.filename, info.date_time)
    out.compress_type = zipfile.ZIP_DEFLATED
    out.external_attr = info.external_attr
    return out


def _drop_part(pkg: Package, part: str) -> dict[str, bytes | None]:
    """Remove a part and the references to it from the workbook's relationships and the
    content types."""
    changed: dict[str, bytes | None] = {part: None}
    rels = "xl/_rels/workbook.xml.rels"
    base = posixpath.basename(part)
    if pkg.has(rels):
        xml = pkg.read(rels).decode("utf-8")
        changed[rels] = re.sub(
            r"<Relationship\b[^>]*Target=\"[^\"]*" + re.escape(base) + r"\"[^>]*/>", "", xml
        ).encode("utf-8")
    types = "[Content_Types].xml"
    if pkg.has(types):
        xml = pkg.read(types).decode("utf-8")
        changed[types] = re.sub(
            r"<Override\b[^>]*PartName=\"/" + re.escape(part) + r"\"[^>]*/>", "", xml
        ).encode("utf-8")
    return changed


def _new_sheet(pkg: Package, name: str) -> tuple[SheetPart, dict[str, bytes | None]]:
    """A sheet part added at the end of the workbook: its entries in the workbook, the
    workbook's relationships and the content types."""
    k = 1
    while pkg.has(f"xl/worksheets/sheet{k}.xml"):
        k += 1
    part = f"xl/worksheets/sheet{k}.xml"
    rels_part = "xl/_rels/workbook.xml.rels"
    rels = pkg.read(rels_part).decode("utf-8")
    used = set(re.findall(r'Id="([^"]+)"', rels))
    n = 1
    while f"rId{n}" in used:
        n += 1
    rid = f"rId{n}"
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="{rid}" Type="{_WORKSHEET}" Target="worksheets/sheet{k}.xml"/>'
        "</Relationships>",
    )
    book = pkg.read("xl/workbook.xml").decode("utf-8")
    ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*sheetId="(\d+)"', book)]
    sheet_id = str(max(ids, default=0) + 1)
    found = re.search(r"<(\w+:)?sheets\b", book)
    tag = (found.group(1) or "") if found else ""
    rel_prefix = re.search(r'xmlns:(\w+)="' + re.escape(_DOC_REL) + '"', book)
    rp = rel_prefix.group(1) if rel_prefix else "r"
    entry = f'<{tag}sheet name="{_xml_text(name)}" sheetId="{sheet_id}" {rp}:id="{rid}"/>'
    book = book.replace(f"</{tag}sheets>", entry + f"</{tag}sheets>")
    if not rel_prefix:
        book = re.sub(
            r"<(\w+:)?workbook\b", lambda m: m.group(0) + f' xmlns:r="{_DOC_REL}"', book, count=1
        )
    types = pkg.read("[Content_Types].xml").decode("utf-8")
    types = types.replace(
        "</Types>",
        f'<Override PartName="/{part}" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    )
    changed: dict[str, bytes | None] = {
        rels_part: rels.encode("utf-8"),
        "xl/workbook.xml": book.encode("utf-8"),
        "[Content_Types].xml": types.encode("utf-8"),
    }
    return SheetPart(name, part, sheet_id, rid), changed
