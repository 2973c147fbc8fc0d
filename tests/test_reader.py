"""Reading .xlsx parts ourselves: the same values as python-calamine on ordinary books, and what a
value-only reader loses (error values, formulas without a value, the real used range)."""

from __future__ import annotations

import datetime as dt
import resource
import time
import zipfile

import openpyxl
import pytest
from conftest import EXAMPLE
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from workbooks.errors import ProjectError, column_letter
from workbooks.project.reader import read_grids, written_grid
from workbooks.project.values import CellError, Formula
from workbooks.project.xlsx import Package, replace_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_book(path, sheets: dict[str, str], strings=(), styles="", book_pr="", prefix=""):
    """A minimal .xlsx written part by part: ``sheets`` maps a name to its <sheetData> body."""
    x = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="r1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        entries = "".join(
            f'<{x}sheet name="{name}" sheetId="{k}" r:id="rId{k}"/>'
            for k, name in enumerate(sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><{x}workbook {ns} xmlns:r="{REL}">{book_pr}'
            f"<{x}sheets>{entries}</{x}sheets></{x}workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{k}" Type="{REL}/worksheet" Target="worksheets/sheet{k}.xml"/>'
            for k in range(1, len(sheets) + 1)
        )
        rels += f'<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        rels += f'<Relationship Id="rT" Type="{REL}/styles" Target="styles.xml"/>'
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}</Relationships>',
        )
        for k, body in enumerate(sheets.values(), start=1):
            z.writestr(
                f"xl/worksheets/sheet{k}.xml",
                f'<?xml version="1.0"?><{x}worksheet {ns}><{x}sheetData>{body}</{x}sheetData>'
                f"</{x}worksheet>",
            )
        sst = "".join(f"<si>{s}</si>" for s in strings)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{MAIN}">{sst}</sst>')
        z.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}">{styles}</styleSheet>',
        )
    return path


def _same(row):
    """A row as compared across the two readers: no trailing blanks, a midnight datetime as a
    date (python-calamine and our reader differ only there)."""
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return [v.date() if isinstance(v, dt.datetime) and v.time() == dt.time(0) else v for v in row]


def both_readers(path):
    """The sheet "S" as read_grids reads it (calamine for a plain sheet) and part by part."""
    from workbooks.project.reader import Grid
    from workbooks.project.xlsx import Package

    with zipfile.ZipFile(path) as z:
        package = Package(z)
        rows, merged = package.read_sheet(package.sheets[0])
    return [read_grids(path)["S"], Grid("S", rows, merged)]


def test_every_cell_of_the_example_reads_as_calamine_reads_it():
    from workbooks.project.xlsx import Package

    book = CalamineWorkbook.from_path(str(EXAMPLE))
    compared = 0
    with zipfile.ZipFile(EXAMPLE) as z:
        package = Package(z)
        for sheet in package.sheets:  # our part-by-part reader on every sheet
            rows, _ = package.read_sheet(sheet)
            for r, row in enumerate(book.get_sheet_by_name(sheet.name).to_python()):
                for c, theirs in enumerate(row):
                    mine = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
                    assert mine == (None if theirs == "" else theirs), (sheet.name, r, c)
                    compared += 1
    assert compared > 10_000


def test_error_values_and_formulas_without_a_value_are_markers_not_blanks(tmp_path):
    body = (
        '<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c><c r="B1" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="C1"><f>10*3</f></c><c r="D1"><f>1000+40</f><v>1040</v></c>'
        '<c r="E1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F1"><f>1+1</f><v></v></c></row>'
    )
    grid = read_grids(make_book(tmp_path / "f.xlsx", {"S": body}))["S"]
    assert grid.rows[0] == [
        CellError("#DIV/0!"),
        CellError("#N/A"),
        Formula("10*3"),
        1040.0,
        "ab",
        Formula("1+1"),
    ]


def test_text_is_composed_and_freed_of_zero_width_characters(tmp_path):
    decomposed = "И\u0306ошкар-Ола"  # Й written as И + combining breve
    strings = [f"<t>{decomposed}</t>", "<t>TP\u200b01</t>", "<r><t>Т</t></r><r><t>P01</t></r>"]
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    body += '<c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>  </t></is></c></row>'
    for grid in both_readers(make_book(tmp_path / "u.xlsx", {"S": body}, strings)):
        assert _same(grid.rows[0]) == ["Йошкар-Ола", "TP01", "ТP01"]  # whitespace-only D1: blank


def test_dates_by_their_number_format_and_the_1904_system(tmp_path):
    styles = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>'
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
        '<xf numFmtId="4"/></cellXfs>'
    )
    body = (
        '<row r="1"><c r="A1" s="1"><v>45658</v></c><c r="B1" s="2"><v>45658.75</v></c>'
        '<c r="C1" s="3"><v>45658</v></c><c r="D1"><v>45658</v></c></row>'
    )
    expected = [dt.date(2025, 1, 1), dt.datetime(2025, 1, 1, 18), 45658.0, 45658.0]
    for grid in both_readers(make_book(tmp_path / "d.xlsx", {"S": body}, styles=styles)):
        assert _same(grid.rows[0]) == expected
    book = make_book(
        tmp_path / "d4.xlsx", {"S": body}, styles=styles, book_pr='<workbookPr date1904="1"/>'
    )
    for grid in both_readers(book):
        assert _same(grid.rows[0])[0] == dt.date(2029, 1, 2)  # 1904-01-01 + 45658 days


def test_a_namespace_prefix_does_not_matter(tmp_path):
    body = '<x:row r="2"><x:c r="B2"><x:v>7</x:v></x:c></x:row>'
    grid = read_grids(make_book(tmp_path / "p.xlsx", {"S": body}, prefix="x"))["S"]
    assert grid.rows == [(), [None, 7.0]]


def test_a_document_type_is_refused(tmp_path):
    path = make_book(tmp_path / "e.xlsx", {"S": ""})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData/></worksheet>'
    )
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    with pytest.raises(ProjectError, match="не удалось прочитать книгу Excel"):
        read_grids(path)


@pytest.mark.parametrize("sheet, cell", [("KPI", "XFD1048576"), ("Интервью", "AU1048576")])
def test_one_space_far_away_costs_nothing(example_copy, sheet, cell):
    """A typed space in the last cell of a sheet once made a 512 GB rectangle (python-calamine)."""
    wb = openpyxl.load_workbook(example_copy)
    wb[sheet][cell] = " "
    wb.save(example_copy)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    grids = read_grids(example_copy)
    assert time.perf_counter() - start < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KB
    original = read_grids(EXAMPLE)
    assert [_same(r) for r in grids[sheet].rows] == [_same(r) for r in original[sheet].rows]


@given(st.integers(1, 16_384), st.integers(0, 16_383), st.integers(1, 1_048_576))
def test_a_cell_beyond_the_widest_column_is_found_by_its_letters(width, column, row):
    """The plain-sheet scan lists every cell's column only when a cell lies beyond the widest
    column seen; whether it does is decided by a pattern on the letters, checked here against
    the columns' numbers."""
    from workbooks.project.xlsx import _beyond

    cell = f'<c r="{column_letter(column)}{row}" t="n">'.encode()
    assert bool(_beyond(width).search(cell)) == (column >= width)


def test_a_real_value_far_away_is_kept_without_a_dense_rectangle(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "a"
    ws["XFD1048576"] = "far"
    wb.save(tmp_path / "far.xlsx")
    grid = read_grids(tmp_path / "far.xlsx")["Sheet"]
    assert len(grid.rows) == 1_048_576 and grid.cell(1_048_575, 16_383) == "far"
    assert sum(len(r) for r in grid.rows) == 1 + 16_384  # two rows hold cells, no others


def test_stray_values_far_out_on_many_rows_are_refused_with_a_cell(tmp_path, monkeypatch):
    from workbooks.project import xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 100_000)  # the real limit is 50 million cells
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, 101):  # 1.6 million cells laid out: not plain, read part by part
        ws.cell(r, 1, r)
        ws.cell(r, 16_384, "x")
    wb.save(tmp_path / "wide.xlsx")
    with pytest.raises(ProjectError) as info:
        read_grids(tmp_path / "wide.xlsx")
    [problem] = info.value.problems
    assert problem.sheet == "Sheet" and problem.cell == "XFD7"
    assert "очистите ячейки за пределами таблицы" in problem.message


_WRITTEN = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=10),
    st.sampled_from(
        ["_x0041_", "_x005F_x0041_", "a\r\nb", "x\ry", " ", "\t", "\u200b", "\uffff", "=1+1"]
    ),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 12, 31)),
)


def _typed(rows):
    return [[(type(v), v) for v in row] for row in rows]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_WRITTEN, max_size=5), min_size=1, max_size=5))
def test_a_written_sheet_reads_back_as_written_grid_says(tmp_path_factory, rows):
    # import-survey validates the sheet it writes as written_grid says it will read; the
    # reading itself (python-calamine, and our own part reader) must agree, type for type
    path = tmp_path_factory.mktemp("written") / "book.xlsx"
    replace_sheet(EXAMPLE, path, "Интервью", rows, ["A1:B1"], header_rows=0)
    want = written_grid("Интервью", rows, ["A1:B1"])
    got = read_grids(path)["Интервью"]
    assert _typed(got.rows) == _typed(want.rows) and got.merged == want.merged
    with zipfile.ZipFile(path) as z:
        package = Package(z)
        sheet = next(s for s in package.sheets if s.name == "Интервью")
        parts, _ = package.read_sheet(sheet)
    for r, row in enumerate(want.rows):
        ours = [
            parts[r][j] if r < len(parts) and j < len(parts[r]) else None for j in range(len(row))
        ]
        assert _typed([ours]) == _typed([row])
