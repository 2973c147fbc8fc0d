"""What a person sees: priorities.xlsx, tor.docx and presentation.pptx rendered by LibreOffice to
PDF and read back with poppler. No text cut or outside its box, no table row split across
pages, no word broken, every chart with its labels, numbers in the reader's language, and a
project without optional sheets gets no sections about them (but a sentence saying why).

Each check is a function that returns what is wrong; a test first shows that it catches a
deliberately bad file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE
from docx import Document
from pptx import Presentation
from pptx.util import Emu
from render import dom, normalise, pdf_pages, pdf_words, to_pdf, tokens
from sample_projects import sparse_project

from workbooks.analysis import analyse
from workbooks.deliverables.charts import QUADRANT_COLOURS
from workbooks.deliverables.dashboard import write_dashboard
from workbooks.deliverables.deck import write_presentation
from workbooks.deliverables.priorities_xlsx import write_priorities
from workbooks.deliverables.tor import tor_blocks, write_tor_docx, write_tor_md
from workbooks.locale import tr, words
from workbooks.project import load_project

EMU_PER_PT = 12700
SPARSE_SHEETS = (
    "Характеристики",
    "Связи",
    "Крыша",
    "KPI",
    "Процессы",
    "Источники данных",
    "Клиенты",
)


def write_all(a, out: Path, lang: str) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    blocks = tor_blocks(a, lang)
    return {
        "xlsx": write_priorities(a, out / "priorities.xlsx", lang=lang),
        "docx": write_tor_docx(blocks, out / "tor.docx"),
        "md": write_tor_md(blocks, out / "tor.md"),
        "pptx": write_presentation(a, out / "presentation.pptx", lang),
        "html": write_dashboard(a, out / "dashboard.html", lang),
    }


def rendered(a, out: Path, lang: str = "ru"):
    files = write_all(a, out, lang)
    pdfs = to_pdf([files["xlsx"], files["docx"], files["pptx"]], out / "pdf")
    return files, dict(zip(("xlsx", "docx", "pptx"), pdfs, strict=True))


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    a = analyse(load_project(EXAMPLE), bootstrap=30)
    files, pdfs = rendered(a, tmp_path_factory.mktemp("example"))
    return a, files, pdfs


@pytest.fixture(scope="module")
def sparse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sparse")
    a = analyse(load_project(sparse_project(folder)), bootstrap=20)
    files, pdfs = rendered(a, folder / "out")
    return a, files, pdfs


# ---------------------------------------------------------------------- the workbook
def sheet_pages(pdf: Path, sheets: list[str]) -> dict[str, list[str]]:
    """Printed pages by sheet: every page starts with its sheet's name (the page header)."""
    out: dict[str, list[str]] = {s: [] for s in sheets}
    for text in pdf_pages(pdf):
        head = normalise(text).strip()
        name = max((s for s in sheets if head.startswith(s)), key=len, default=None)
        assert name is not None, f"a page without its sheet's name: {head[:60]!r}"
        out[name].append(text)
    return out


def cut_cells(xlsx: Path, pdf: Path) -> list[str]:
    """Text cells some of whose words do not reach the printed page (cut by a neighbour, a
    narrow column or a short row), and numbers shown as ###."""
    wb = openpyxl.load_workbook(xlsx)
    pages = sheet_pages(pdf, wb.sheetnames)
    problems = []
    for ws in wb.worksheets:
        hidden = set()
        for dim in ws.column_dimensions.values():
            if dim.hidden:
                hidden.update(range(dim.min, dim.max + 1))
        seen = Counter(t for page in pages[ws.title] for t in tokens(page))
        if any("###" in page for page in pages[ws.title]):
            problems.append(f"{ws.title}: ### instead of a number")
        for row in ws.iter_rows():
            for cell in row:
                if (
                    not isinstance(cell.value, str)
                    or cell.data_type == "f"
                    or cell.column in hidden
                ):
                    continue
                missing = [t for t in tokens(cell.value) if t not in seen]
                if missing:
                    problems.append(
                        f"{ws.title}!{cell.coordinate}: {missing[:3]} of {cell.value[:50]!r}"
                    )
    return problems


def test_the_cut_text_check_catches_a_clipped_cell(tmp_path):
    import xlsxwriter

    path = tmp_path / "bad.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Лист")
    ws.set_header("&L&A")
    ws.write_string(0, 0, "Сосредоточиться на сроках поставки")
    ws.write_string(0, 1, "сосед")
    ws.set_column(0, 0, 6)
    wb.close()
    problems = cut_cells(path, to_pdf([path], tmp_path / "pdf")[0])
    assert problems and "Лист!A1" in problems[0]


def test_workbook_text_is_never_cut(example):
    _, files, pdfs = example
    assert cut_cells(files["xlsx"], pdfs["xlsx"]) == []


def test_workbook_charts_have_their_labels(example):
    a, files, pdfs = example
    wb = openpyxl.load_workbook(files["xlsx"])
    pages = sheet_pages(pdfs["xlsx"], wb.sheetnames)

    def drawn(sheet: str, *labels: str) -> list[str]:
        seen = Counter(t for p in pages[sheet] for t in tokens(p))
        return [t for label in labels for t in tokens(label) if seen[t] < 1]

    pm = a.qfd.planning
    planning = Counter(t for p in pages["Матрица планирования"] for t in tokens(p))
    assert all(planning[tp] >= 2 for tp in pm.touchpoints)  # in the table and on the chart
    quadrants = [words(f"quadrant_{q}", "ru") for q in QUADRANT_COLOURS]
    scale = a.project.settings.satisfaction_scale
    assert (
        drawn(
            "Матрица планирования",
            words("chart_ipa", "ru"),
            words("axis_importance", "ru"),
            tr("axis_satisfaction", "ru", low=scale.low, high=scale.high),
            *(q[:1].upper() + q[1:] for q in quadrants),
        )
        == []
    )
    drivers = (words("chart_drivers_ci", "ru"), words("axis_r2_share", "ru"))
    assert drawn("Драйверы", *drivers) == []
    chars = [c.id for c in a.project.characteristics]
    assert drawn("Дом качества", words("chart_technical", "ru"), *chars) == []


# ---------------------------------------------------------------------- the TOR
def _row_texts(docx: Path) -> list[str]:
    doc = Document(docx)
    return [" ".join(c.text for c in row.cells) for t in doc.tables for row in t.rows]


def split_rows(docx: Path, pdf: Path) -> list[str]:
    """Table rows whose words are not all on one page, in document order (a row may only be
    looked for on its predecessor's page or later)."""
    pages = [set(tokens(p)) for p in pdf_pages(pdf)]
    problems, current = [], 0
    for text in _row_texts(docx):
        words = set(tokens(text))
        page = next((i for i in range(current, len(pages)) if words <= pages[i]), None)
        if page is None:
            problems.append(text[:60])
        else:
            current = page
    return problems


def broken_words(docx: Path, pdf: Path) -> list[str]:
    """Words of the TOR's tables that do not appear whole in the PDF (broken across lines)."""
    seen = {t for p in pdf_pages(pdf) for t in tokens(p)}
    return sorted({t for text in _row_texts(docx) for t in tokens(text)} - seen)


def test_the_tor_checks_catch_broken_words_and_split_rows(tmp_path):
    from docx.shared import Cm

    doc = Document()
    for _ in range(38):
        doc.add_paragraph("абзац")
    table = doc.add_table(rows=1, cols=2)
    table.columns[0].width = Cm(1)
    table.columns[1].width = Cm(15)
    table.rows[0].cells[0].width, table.rows[0].cells[1].width = Cm(1), Cm(15)
    table.rows[0].cells[0].text = "сосредоточиться"
    table.rows[0].cells[1].text = "\n".join(f"строка{i}" for i in range(30))
    path = tmp_path / "bad.docx"
    doc.save(path)
    pdf = to_pdf([path], tmp_path / "pdf")[0]
    assert "сосредоточиться" in broken_words(path, pdf)
    assert split_rows(path, pdf)


def test_tor_rows_stay_on_one_page_and_words_are_whole(example):
    _, files, pdfs = example
    assert split_rows(files["docx"], pdfs["docx"]) == []
    assert broken_words(files["docx"], pdfs["docx"]) == []
    xml = Document(files["docx"]).element.xml
    rows = Document(files["docx"]).tables
    assert xml.count("<w:cantSplit/>") == sum(len(t.rows) for t in rows)


# ---------------------------------------------------------------------- the deck
def _box(shape) -> tuple[float, float, float, float]:
    x, y = Emu(shape.left).pt, Emu(shape.top).pt
    return x, y, x + Emu(shape.width).pt, y + Emu(shape.height).pt


def _inside(word, box, slack: float = 2.0) -> bool:
    x, y = word.centre
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def overflows(pptx: Path, pdf: Path) -> list[str]:
    """Text that is not where its box is: words of a text box, shape or table that the PDF
    does not show inside the box (overflowing or cut), and words off the slide."""
    problems = []
    for i, (slide, ((w, h), found)) in enumerate(
        zip(Presentation(pptx).slides, pdf_words(pdf), strict=True), start=1
    ):
        problems += [
            f"slide {i}: {x.text!r} off the slide" for x in found if not _inside(x, (0, 0, w, h), 0)
        ]
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                text = shape.text_frame.text
            elif shape.has_table:
                text = " ".join(c.text for r in shape.table.rows for c in r.cells)
            else:
                continue
            box = _box(shape)
            shown = Counter(t for x in found if _inside(x, box) for t in tokens(x.text))
            missing = Counter(tokens(text)) - shown
            if missing:
                problems.append(f"slide {i}: {sorted(missing)[:4]} outside {text[:50]!r}")
    return problems


def chart_labels(pptx: Path, pdf: Path) -> list[str]:
    """Labels a chart must show (title, axis titles, category or series names) that the PDF
    does not show inside the chart."""
    problems = []
    for i, (slide, (_, found)) in enumerate(
        zip(Presentation(pptx).slides, pdf_words(pdf), strict=True), start=1
    ):
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            chart = shape.chart
            wanted = []
            if chart.has_title:
                wanted.append(chart.chart_title.text_frame.text)
            for axis in (chart.category_axis, chart.value_axis):
                if axis.has_title:
                    wanted.append(axis.axis_title.text_frame.text)
            plot = chart.plots[0]
            if plot.categories:
                wanted += list(plot.categories)
            else:
                wanted += [s.name for s in plot.series]
            shown = Counter(t for x in found if _inside(x, _box(shape)) for t in tokens(x.text))
            missing = Counter(t for label in wanted for t in tokens(label)) - shown
            if missing:
                problems.append(f"slide {i}: {sorted(missing)[:5]} not drawn")
    return problems


def test_the_deck_check_catches_text_overflowing_its_box(tmp_path):
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Pt(40), Pt(40), Pt(120), Pt(30))
    box.text_frame.word_wrap = True
    box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
    box.text_frame.text = (
        "Сосредоточиться на сроках поставки и информировании о статусе заказа " * 3
    )
    path = tmp_path / "bad.pptx"
    prs.save(path)
    assert overflows(path, to_pdf([path], tmp_path / "pdf")[0])


def test_deck_text_fits_and_every_chart_has_its_labels(example):
    _, files, pdfs = example
    assert overflows(files["pptx"], pdfs["pptx"]) == []
    assert chart_labels(files["pptx"], pdfs["pptx"]) == []


# ---------------------------------------------------------------------- a project with less data
def test_a_sparse_project_leaves_parts_out_and_says_why(sparse):
    _, files, pdfs = sparse
    names = openpyxl.load_workbook(files["xlsx"]).sheetnames
    assert names == [
        "Сводка",
        "Матрица планирования",
        "Драйверы",
        "CX-метрики",
        "Дорожная карта",
        "Методика",
    ]
    summary = " ".join(
        str(c.value)
        for row in openpyxl.load_workbook(files["xlsx"])["Сводка"].iter_rows()
        for c in row
        if c.value
    )
    tor = "\n".join(p.text for p in Document(files["docx"]).paragraphs)
    deck = " ".join(
        s.text_frame.text
        for slide in Presentation(files["pptx"]).slides
        for s in slide.shapes
        if s.has_text_frame
    )
    for text in (summary, tor, deck):
        assert "нет листа «Характеристики»" in text and "нет листа KPI" in text
        assert "нет транзакций" in text
    # no slice the project does not have; only the sentence saying why segments are left out
    # may name attributes as examples of what would build them
    listed = "\n".join(line for line in tor.lower().splitlines() if "опущены" not in line)
    assert "бизнес-юнит" not in listed and "регион" not in listed
    assert "4.3.1. Информационное обеспечение: паспорта KPI" in tor
    assert not [p for p in Document(files["docx"]).paragraphs if p.style.name == "Heading 4"]
    assert "Дом качества" not in [
        s.shapes[1].text_frame.text for s in Presentation(files["pptx"]).slides if len(s.shapes) > 1
    ]
    assert cut_cells(files["xlsx"], pdfs["xlsx"]) == []
    assert (
        split_rows(files["docx"], pdfs["docx"]) == []
        and broken_words(files["docx"], pdfs["docx"]) == []
    )
    assert (
        overflows(files["pptx"], pdfs["pptx"]) == []
        and chart_labels(files["pptx"], pdfs["pptx"]) == []
    )


# ---------------------------------------------------------------------- numbers in the reader's language
def _docx_text(path: Path) -> str:
    doc = Document(path)
    return "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )


def _pptx_text(path: Path) -> str:
    parts = []
    for slide in Presentation(path).slides:
        for s in slide.shapes:
            if s.has_text_frame:
                parts.append(s.text_frame.text)
            elif s.has_table:
                parts += [c.text for r in s.table.rows for c in r.cells]
    return "\n".join(parts)


def test_numbers_are_formatted_for_the_language(example, tmp_path):
    a, files, _ = example
    english = write_all(a, tmp_path / "en", "en")
    pm = a.qfd.planning
    top = int(pm.rank.argmin())
    share = f"{100 * pm.weight[top]:.1f}"
    orders = int(a.behaviour.frequency.sum())
    ru_weight, en_weight = share.replace(".", ",") + "\u00a0%", share + "%"
    ru_orders, en_orders = f"{orders:,}".replace(",", "\u00a0"), f"{orders:,}"
    for ru, en in (
        (_docx_text(files["docx"]), _docx_text(english["docx"])),
        (_pptx_text(files["pptx"]), _pptx_text(english["pptx"])),
    ):
        assert ru_weight in ru and en_weight not in ru and not re.search(r"\d\.\d%", ru)
        assert en_weight in en and ru_weight not in en and not re.search(r"\d,\d\u00a0%", en)
    deck_ru, deck_en = _pptx_text(files["pptx"]), _pptx_text(english["pptx"])
    assert ru_orders in deck_ru and en_orders in deck_en
    assert "Стратегическая сессия" in deck_ru and "Strategic session" in deck_en


def test_the_sparse_dashboard_explains_what_is_missing(sparse):
    _, files, _ = sparse
    page, errors = dom(files["html"])
    assert errors == []
    assert not page.find_class("card")  # no segment portraits...
    explain = " ".join(e.text_content() for e in page.find_class("explain"))
    assert "сегменты клиентов не построены" in explain  # ...and why
    kpi = page.get_element_by_id("kpi").text_content()
    assert "нет листа KPI" in kpi
    left_out = page.get_element_by_id("left-out").text_content()
    assert "нет транзакций" in left_out and "нет листа «Характеристики»" in left_out


def test_the_same_analysis_gives_byte_identical_files(example, tmp_path):
    a, files, _ = example
    again = write_all(a, tmp_path / "again", "ru")
    for kind in ("xlsx", "docx", "md", "pptx", "html"):
        assert again[kind].read_bytes() == files[kind].read_bytes(), kind
