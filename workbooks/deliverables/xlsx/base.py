"""A sheet of ``priorities.xlsx`` that sizes itself: columns as wide as their text needs (up to
a cap, beyond which text wraps), rows as tall as their wrapped text, notes merged across the
sheet's width. Nothing is cut off in Excel or LibreOffice, printed or on screen.

Sizes come from the font's real widths (:mod:`workbooks.deliverables.fitting`) in the workbook's
default font, Arial 10 (Liberation Sans in LibreOffice: the same metrics).
"""

from __future__ import annotations

import math

from xlsxwriter.utility import xl_range_abs

from workbooks.deliverables.fitting import line_count, longest_word, text_width
from workbooks.locale import words
from workbooks.project.template import write_cell

__all__ = ["Book", "Sheet"]

FONT, SIZE = "Arial", 10
LINE = 12.75  # points per line of 10-point Arial in a cell (Excel's default row height)
DIGIT_PX, PAD_PX = 7, 5  # a column of width w characters is 7·w + 5 pixels wide
PT_PER_PX = 0.75
CAP = 60.0  # the widest text column, in characters; longer text wraps
NARROW = 5.0  # the narrowest column
BLUE = "#1F4E78"


def chars_for(points: float) -> float:
    """Column width (characters) that holds ``points`` of text with a cell's padding."""
    return (points / PT_PER_PX + 2 * PAD_PX) / DIGIT_PX


def points_in(chars: float) -> float:
    """Text width (points) inside a column of ``chars`` characters, less the cell's padding."""
    return max(0.0, (DIGIT_PX * chars + PAD_PX - 2 * PAD_PX) * PT_PER_PX)


class Book:
    """The workbook: formats made once and shared, the language, the sheets."""

    def __init__(self, wb, lang: str):
        self.wb, self.lang = wb, lang
        wb.formats[0].set_font_name(FONT)
        wb.formats[0].set_font_size(SIZE)
        self._formats: dict[tuple, object] = {}

    def fmt(self, **props):
        """A cell format with ``props`` (XlsxWriter names), made once."""
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.wb.add_format({"font_name": FONT, "font_size": SIZE, **props})
        return self._formats[key]

    def words(self, key: str) -> str:
        return words(key, self.lang)

    def sheet(self, title_key: str) -> Sheet:
        ws = self.wb.add_worksheet(self.words(title_key))
        ws.hide_gridlines(2)
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)  # one page wide when printed or exported to PDF
        ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.6)
        ws.set_header("&L&A", {"margin": 0.3})  # the sheet's name on every printed page
        ws.set_footer("&R&P / &N", {"margin": 0.3})
        return Sheet(self, ws)


class Sheet:
    """One worksheet that remembers what its cells need and sizes itself in :meth:`finish`."""

    def __init__(self, book: Book, ws):
        self.book, self.ws = book, ws
        self.name = ws.get_name()
        self.need: dict[int, float] = {}  # column -> characters its unwrapped text needs
        self.floor: dict[int, float] = {}  # column -> its widest word (never broken)
        self.fixed: dict[int, float] = {}
        self.texts: list[tuple[int, int, int, str, bool, float]] = []  # r, c0, c1, text, bold, size
        self.last_col = 0
        self.breaks: list[int] = []  # rows that start a printed page

    def chart(self, r: int, chart, c: int = 1) -> None:
        """Insert ``chart`` at row ``r`` and start a printed page there, so that no chart is
        cut in two by a page break."""
        self.ws.insert_chart(r, c, chart)
        self.breaks.append(r)

    def ref(self, r0: int, c0: int, r1: int, c1: int) -> str:
        """An absolute range formula on this sheet ("='Drivers'!$F$5:$F$16"): the form charts
        read as a cell range everywhere (error bars given as lists become literals)."""
        name = self.name.replace("'", "''")
        return f"='{name}'!{xl_range_abs(r0, c0, r1, c1)}"

    # ------------------------------------------------------------------ cells
    def _remember(self, c: int, chars: float) -> None:
        self.need[c] = max(self.need.get(c, 0.0), chars)
        self.last_col = max(self.last_col, c)

    def text(self, r: int, c: int, text: str, *, bold: bool = False, **props) -> None:
        """User or catalogue text, always as text (never a formula), wrapped when too long."""
        text = "" if text is None else str(text)
        fmt = self.book.fmt(text_wrap=True, valign="vcenter", bold=bold, **props)
        self.ws.write_string(r, c, text, fmt)
        self._remember(
            c, chars_for(max((text_width(x, SIZE, bold) for x in text.split("\n")), default=0))
        )
        self.floor[c] = max(self.floor.get(c, 0.0), chars_for(longest_word(text, SIZE, bold)))
        self.texts.append((r, c, c, text, bold, SIZE))

    def number(self, r: int, c: int, value, num_format: str = "General", **props) -> None:
        """A number (a blank cell for None/NaN/inf)."""
        if value is not None and not (isinstance(value, float) and not math.isfinite(value)):
            value = float(value)
        else:
            value = None
        write_cell(
            self.ws, r, c, value, self.book.fmt(num_format=num_format, valign="vcenter", **props)
        )
        self._remember(c, _number_chars(value, num_format))

    def formula(self, r: int, c: int, formula: str, value, num_format: str = "General", **props):
        """A live formula that also stores the value the engine computed."""
        fmt = self.book.fmt(num_format=num_format, valign="vcenter", **props)
        self.ws.write_formula(r, c, formula, fmt, value)
        self._remember(
            c,
            _number_chars(value, num_format)
            if isinstance(value, (int, float))
            else chars_for(text_width(str(value), SIZE)),
        )

    def header(self, r: int, labels: list[str], c0: int = 0) -> None:
        """A table's header row: bold white on blue, words never broken."""
        fmt = self.book.fmt(
            bold=True,
            bg_color=BLUE,
            font_color="#FFFFFF",
            text_wrap=True,
            valign="vcenter",
            border=1,
        )
        for j, label in enumerate(labels):
            self.ws.write_string(r, c0 + j, label, fmt)
            c = c0 + j
            self.floor[c] = max(self.floor.get(c, 0.0), chars_for(longest_word(label, SIZE, True)))
            self.last_col = max(self.last_col, c)
            self.texts.append((r, c, c, label, True, SIZE))

    def title(self, r: int, text: str) -> None:
        self.ws.write_string(r, 0, text, self.book.fmt(bold=True, font_size=14, font_color=BLUE))

    def subtitle(self, r: int, text: str, c: int = 0) -> None:
        self.ws.write_string(r, c, text, self.book.fmt(bold=True, font_size=11, font_color=BLUE))

    def note(self, r: int, text: str, c0: int = 0, c1: int | None = None, **props) -> None:
        """A sentence across columns ``c0``..``c1`` (default: the sheet's used width), wrapped;
        its row grows to hold it."""
        c1 = self.last_col if c1 is None else c1
        props = {
            "italic": True,
            "font_color": "#595959",
            "text_wrap": True,
            "valign": "vcenter",
        } | props
        fmt = self.book.fmt(**props)
        if c1 > c0:
            self.ws.merge_range(r, c0, r, c1, text, fmt)
        else:
            self.ws.write_string(r, c0, text, fmt)
        self.texts.append((r, c0, c1, text, bool(props.get("bold")), SIZE))

    def width(self, c: int, chars: float) -> None:
        """Fix a column's width (characters)."""
        self.fixed[c] = chars

    # ------------------------------------------------------------------ sizing
    def widths(self) -> dict[int, float]:
        out = {}
        for c in set(self.need) | set(self.floor) | set(self.fixed):
            if c in self.fixed:
                out[c] = self.fixed[c]
            else:
                want = min(self.need.get(c, 0.0), CAP)
                out[c] = max(want, self.floor.get(c, 0.0), NARROW)
        return out

    def finish(self) -> None:
        """Set the column widths, then every row's height from the lines its text takes."""
        widths = self.widths()
        for c, w in widths.items():
            self.ws.set_column(c, c, round(w, 1))
        heights: dict[int, float] = {}
        for r, c0, c1, text, bold, size in self.texts:
            room = points_in(sum(widths.get(c, 8.43) for c in range(c0, c1 + 1)))
            lines = sum(line_count(part, room, size, bold) for part in text.split("\n"))
            heights[r] = max(heights.get(r, LINE), lines * LINE * size / SIZE + 2)
        for r, h in heights.items():
            if h > LINE:
                self.ws.set_row(r, math.ceil(h))
        if self.breaks:
            self.ws.set_h_pagebreaks(sorted(set(self.breaks)))


def _number_chars(value, num_format: str) -> float:
    """Characters a number needs in ``num_format`` (digits are one character wide)."""
    if value is None:
        return 0.0
    decimals = len(num_format.split(".")[1].rstrip("%")) if "." in num_format else 0
    shown = abs(value) * (100 if num_format.endswith("%") else 1)
    digits = len(f"{shown:,.{decimals}f}")
    return digits + 2 + (1 if value < 0 else 0) + (1 if num_format.endswith("%") else 0)
