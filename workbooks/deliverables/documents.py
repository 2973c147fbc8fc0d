"""A document as blocks (headings, paragraphs, bullet lists, tables), rendered to Word and to
Markdown.

Word: real heading styles, Arial, tables whose columns are never narrower than their longest
word (so no word is broken), rows that never split across pages, header rows repeated on every
page, and small tables kept on one page. Markdown: every text escaped, so nothing a user typed
(a touchpoint named ``<img src=x onerror=alert(1)>`` or ``[click](javascript:…)``) becomes
HTML, a link, emphasis or a table cell boundary.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from workbooks.atomic import atomic_path
from workbooks.deliverables.fitting import line_count, longest_word, text_width

__all__ = ["UL", "Block", "H", "P", "T", "md_escape", "write_docx", "write_markdown"]

FONT = "Arial"
BODY, TABLE = 10.5, 9.0  # points
TEXT_WIDTH = 16.5 / 2.54 * 72  # A4 less 2.25 cm margins, in points
CELL_PAD = 2 * 5.4 + 3  # Word's default cell margins (0.19 cm each side) and a little air
KEEP_TOGETHER = 15  # tables up to this many rows stay on one page
SHORT = 18  # a number of up to this many characters ("3,74 (n = 43)", "1 [1–8]") never wraps
WIDTH_STEPS = 16  # the width left over the columns' minimum is handed out in this many parts
FIXED_TIME = dt.datetime(2024, 1, 1)


@dataclass(frozen=True)
class Block:
    kind: str  # "h", "p", "bullets", "table"
    level: int = 0
    text: str = ""
    items: tuple = ()
    header: tuple = ()


def H(level: int, text: str) -> Block:
    return Block("h", level, text)


def P(text: str) -> Block:
    return Block("p", text=text)


def UL(items) -> Block:
    return Block("bullets", items=tuple(items))


def T(header, rows) -> Block:
    return Block("table", header=tuple(header), items=tuple(tuple(str(c) for c in r) for r in rows))


# ---------------------------------------------------------------------- Word
# The paragraph styles the documents use (set to Arial), headings up to level 4.
STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet")


def column_widths(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[float]:
    """Column widths (points) that fill the text width: every column at least as wide as its
    longest word (a short number, see :func:`_one_line`, as its whole text), the rest handed out
    part by part to the column where it saves the most: table height first (the sum over rows of
    the row's most wrapped cell), then wrapped lines, then the most text wanting room. A column
    of long names gets the width a column of short words would waste on one line.

    >>> w = column_widths(("a", "b"), (("unbreakable", "x " * 200),))
    >>> w[0] >= text_width("unbreakable", 9.0) and abs(sum(w) - TEXT_WIDTH) < 1e-6
    True
    """
    cells = [header, *rows]
    ncol = len(header)

    def unbreakable(text: str, bold: bool) -> float:
        if _one_line(text, bold):
            return text_width(text, TABLE, bold)
        return longest_word(text, TABLE, bold)

    floor = [
        max(unbreakable(r[j], i == 0) for i, r in enumerate(cells)) + CELL_PAD for j in range(ncol)
    ]
    spare = TEXT_WIDTH - sum(floor)
    if spare <= 0:
        return floor
    want = [
        max(min(text_width(r[j], TABLE), 3 * TEXT_WIDTH) for r in cells) + CELL_PAD
        for j in range(ncol)
    ]
    widths, part = list(floor), spare / WIDTH_STEPS

    def lines(j: int, width: float) -> list[int]:
        return [_lines(r[j], i == 0, round(width - CELL_PAD, 1)) for i, r in enumerate(cells)]

    now = [lines(j, widths[j]) for j in range(ncol)]
    for _ in range(WIDTH_STEPS):
        best, best_key = 0, None
        for j in range(ncol):
            wider = lines(j, widths[j] + part)
            height = sum(
                max(wider[i] if k == j else now[k][i] for k in range(ncol))
                for i in range(len(cells))
            )
            key = (height, sum(wider) - sum(now[j]), -(want[j] - widths[j]))
            if best_key is None or key < best_key:
                best, best_key = j, key
        widths[best] += part
        now[best] = lines(best, widths[best])
    return widths


def _one_line(text: str, header: bool) -> bool:
    """A body cell that is a short number with its unit or interval stays on one line; words
    and headers wrap at their spaces."""
    return not header and len(text) <= SHORT and any(ch.isdigit() for ch in text)


@functools.lru_cache(maxsize=65536)
def _lines(text: str, bold: bool, width: float) -> int:
    """Lines a cell's text takes at ``width`` points (bold: a header cell)."""
    if _one_line(text, bold):
        return 1
    return line_count(text, width, TABLE, bold)


def _arial(style) -> None:
    """Set a style's font to Arial for every script (theme fonts would win otherwise)."""
    from docx.oxml.ns import qn

    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts is not None and fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)


def _row_flags(row, header: bool) -> None:
    """The row never splits across pages; a header row repeats on every page."""
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _table(doc, b: Block, style_id: str) -> None:
    import copy

    from docx.shared import Pt
    from docx.text.run import Run

    table = doc.add_table(rows=1, cols=len(b.header))
    table._tbl.tblStyle_val = style_id  # what table.style = "Table Grid" sets
    table.autofit = False
    widths = column_widths(b.header, b.items)
    keep = len(b.items) + 1 <= KEEP_TOGETHER
    last = len(b.items)

    def fill(row, values, i: int) -> None:
        header = i == 0
        _row_flags(row, header)
        for j, value in enumerate(values):
            cell = row.cells[j]
            cell.width = Pt(widths[j])
            par = cell.paragraphs[0]
            run = par.add_run(value)
            run.bold = header
            run.font.size = Pt(TABLE)
            par.paragraph_format.space_after = Pt(0)
            # keep the rows of a small table on one page (Word's way: keep with next)
            par.paragraph_format.keep_with_next = keep and i < last

    fill(table.rows[0], b.header, 0)
    template = None
    for i, values in enumerate(b.items, start=1):
        if template is None or (keep and i == last):  # the last row of a kept table differs
            fill(table.add_row(), values, i)
            template = table.rows[-1]._tr
            continue
        # Rows alike but for their text are copies of the previous one: python-docx's property
        # setters (an XPath each) made a 60-table document take seconds.
        tr = copy.deepcopy(template)
        template.addnext(tr)
        for tc, value in zip(tr.tc_lst, values, strict=True):
            r = tc.xpath("./w:p/w:r")[0]
            Run(r, None).text = value
        template = tr
    for j, w in enumerate(widths):
        table.columns[j].width = Pt(w)  # the grid (LibreOffice reads this one)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def write_docx(blocks: list[Block], path: Path) -> Path:
    """Render ``blocks`` to a Word file, byte for byte the same for the same blocks."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.author = "qfdkpi"
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.25)
    normal = doc.styles["Normal"]
    _arial(normal)
    normal.font.size = Pt(BODY)
    for name in STYLES:
        _arial(doc.styles[name])
    # Style ids looked up once: python-docx scans every style for a name on each use.
    para: dict[str, str] = {}
    grid = doc.part.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)

    def styled(text: str, name: str):
        if name not in para:
            para[name] = doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        par = doc.add_paragraph(text)
        par._p.style = para[name]  # what add_paragraph(text, style=name) sets
        return par

    for b in blocks:
        if b.kind == "h":  # as add_heading: "Title" for level 0
            name = "Title" if b.level == 0 else f"Heading {b.level}"
            styled(b.text, name).paragraph_format.keep_with_next = True
        elif b.kind == "p":
            doc.add_paragraph(b.text)
        elif b.kind == "bullets":
            for item in b.items:
                styled(item, "List Bullet")
        else:
            _table(doc, b, grid)
    with atomic_path(path, force=True) as tmp:
        doc.save(str(tmp))
        fixed_zip_dates(tmp)
    return path


_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stable(name: str, data: bytes) -> bytes:
    """An entry with its creation times fixed; an embedded workbook (a chart's data) likewise."""
    if name.endswith("docProps/core.xml"):
        return _TIMES.sub(rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
    if name.endswith(".xlsx"):
        return _stable_zip(data)
    return data


def _stable_zip(data: bytes) -> bytes:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = [(info.filename, _stable(info.filename, z.read(info))) for info in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries:
            z.writestr(
                zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)),
                content,
                zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def fixed_zip_dates(path: Path) -> None:
    """Rewrite an Office file with fixed entry dates and creation times (embedded chart
    workbooks included), so the same input gives a byte-identical file."""
    path.write_bytes(_stable_zip(path.read_bytes()))


# ---------------------------------------------------------------------- Markdown
# Characters that make Markdown anywhere in a line; with [ ] < > neutralised no link, image or
# autolink can form, so ( ) and ! stay readable.
_PUNCT = re.compile(r"([\\`*_\[\]#|~$])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown: HTML characters as entities, Markdown punctuation
    backslash-escaped, a list/heading/quote marker at the start made literal, line breaks
    as spaces.

    >>> print(md_escape("<img src=x onerror=alert(1)>"))
    &lt;img src=x onerror=alert(1)&gt;
    >>> print(md_escape("[a](javascript:x) | **b**"))
    \\[a\\](javascript:x) \\| \\*\\*b\\*\\*
    >>> print(md_escape("1. - x"), md_escape("+ y"))
    1\\. - x \\+ y
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCT.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)


def _escape_marker(marker: str) -> str:
    return marker[:-1] + "\\" + marker[-1]


def write_markdown(blocks: list[Block], path: Path) -> Path:
    """Render ``blocks`` to Markdown (CommonMark with GitHub tables), every text escaped."""
    lines: list[str] = []
    for b in blocks:
        if b.kind == "h":
            lines += ["#" * (b.level + 1) + " " + md_escape(b.text), ""]
        elif b.kind == "p":
            lines += [md_escape(b.text), ""]
        elif b.kind == "bullets":
            lines += [f"- {md_escape(item)}" for item in b.items] + [""]
        else:
            lines.append("| " + " | ".join(md_escape(h) for h in b.header) + " |")
            lines.append("|" + "---|" * len(b.header))
            lines += ["| " + " | ".join(md_escape(v) for v in row) + " |" for row in b.items]
            lines.append("")
    with atomic_path(path, force=True) as tmp:
        tmp.write_text("\n".join(lines), encoding="utf-8")
    return path
