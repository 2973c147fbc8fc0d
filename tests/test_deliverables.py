"""The whole run on the example: five finished files, checked with the libraries that read them,
a CommonMark renderer and a real browser; hostile user text stays text in every output."""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, sha256
from docx import Document
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from pptx import Presentation
from render import console_errors, dom, run_page
from sample_projects import HOSTILE, HOSTILE_KPI, hostile_project

from cli import build_cli
from workbooks import pipeline
from workbooks.locale import number
from workbooks.project import load_project

GOST_SECTIONS = [
    "1. Общие сведения",
    "2. Назначение и цели создания системы",
    "3. Характеристика объекта автоматизации",
    "4. Требования к системе",
    "5. Состав и содержание работ",
    "6. Порядок контроля и приёмки",
    "7. Требования к подготовке объекта к вводу в действие",
    "8. Требования к документированию",
    "9. Источники разработки",
]
DELIVERABLES = set(pipeline.DELIVERABLES) - {"validation.txt"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    before = sha256(EXAMPLE)
    result = CliRunner().invoke(build_cli("ru"), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sha256(EXAMPLE) == before
    return out, result.output


def test_demo_writes_the_five_deliverables_and_a_summary(demo):
    out, output = demo
    assert {p.name for p in out.iterdir()} >= DELIVERABLES
    assert "Главные точки контакта: TP06" in output and "7/7" in output
    # the bottlenecks are named, not only coded
    line = next(x for x in output.splitlines() if x.startswith("Узкие места KPI:"))
    kpis = {k.id: k.name for k in load_project(EXAMPLE).kpis}
    shown = re.findall(r"TP\d+: (\w+) «([^»]*)»", line)
    assert shown and all(kpis[k] == name for k, name in shown)


def test_tor_docx_follows_gost_with_real_styles_and_kpi_passports(demo):
    out, _ = demo
    doc = Document(out / "tor.docx")
    level1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert level1 == GOST_SECTIONS
    assert any(p.style.name == "Title" for p in doc.paragraphs)
    kpis = load_project(EXAMPLE).kpis
    passports = [p.text for p in doc.paragraphs if p.style.name == "Heading 4"]
    assert len(passports) == len(kpis) and passports[0].startswith(kpis[0].id)
    # a survey-based KPI alarms only beyond its sampling interval
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "95 % ДИ выборки" in text and "K0603" in text
    everything = text + "\n".join(p.text for p in doc.paragraphs)
    assert "docs/method.md" in everything
    assert not re.search(r"METHOD\.md|STYLE\.md|seed 00\d", everything)


def test_tor_markdown_has_the_same_content(demo):
    out, _ = demo
    tokens = (
        MarkdownIt("commonmark").enable("table").parse((out / "tor.md").read_text(encoding="utf-8"))
    )
    md_headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    unescape = lambda s: re.sub(r"\\(.)", r"\1", s)  # noqa: E731 - the inline source
    doc = Document(out / "tor.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert [unescape(h) for h in md_headings] == headings
    rows = sum(1 for t in tokens if t.type == "tr_open")
    assert rows == sum(len(t.rows) for t in doc.tables)


def test_the_deck_is_native_and_editable(demo):
    out, _ = demo
    prs = Presentation(out / "presentation.pptx")
    charts = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 2  # drivers (bars with error bars) and importance–performance
    with zipfile.ZipFile(out / "presentation.pptx") as z:
        embedded = [n for n in z.namelist() if n.startswith("ppt/embeddings/")]
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/charts/chart"))
    assert len(embedded) == 2  # each chart keeps its data in a workbook
    assert "<c:errBars>" in xml and "<c:numLit>" not in xml
    titles = [slide.shapes[1].text_frame.text for slide in list(prs.slides)[1:]]
    assert titles[:3] == [
        "Методика: от интервью к плану на год",
        "Путь клиента: где приоритеты",
        "Что движет результатом: выручка за 12 мес. (в логарифме)",
    ]
    assert sum(t.startswith("Дерево KPI") for t in titles) == 3
    assert titles[-1] == "Следующие шаги" and any(t.startswith("Дорожная карта") for t in titles)


def test_console_error_detection_works(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><body><script>throw new Error('boom')</script></body></html>", encoding="utf-8"
    )
    assert console_errors(run_page(page, "--dump-dom").stderr)


def test_dashboard_renders_offline_with_axes_legends_and_whole_names(demo, tmp_path):
    out, _ = demo
    path = out / "dashboard.html"
    html = path.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    page, errors = dom(path)
    assert errors == []
    project = load_project(EXAMPLE)
    n_tp = len(project.touchpoints)
    segments = 1 + len({s for s in project.interviews.attributes["Бизнес-юнит"] if s})
    assert len(page.find_class("cell")) == n_tp * segments
    assert len(page.find_class("point")) == n_tp and len(page.find_class("bar")) == n_tp
    # axes have ticks with their units, the quadrants are named, colours are explained
    ipa, drivers = page.get_element_by_id("ipa"), page.get_element_by_id("drivers")
    x_ticks = [t.text_content() for t in ipa.find_class("x")]
    assert len(x_ticks) >= 4 and all(t.endswith("%") for t in x_ticks)
    assert len(ipa.find_class("y")) >= 4
    # tick labels as written are evenly spaced (a 0.25 step shown with one decimal is not)
    for ticks in ([t.text_content() for t in ipa.find_class("y")], x_ticks):
        values = [float(t.rstrip("%\u00a0 ").replace(",", ".")) for t in ticks]
        assert len({round(b - a, 9) for a, b in itertools.pairwise(values)}) == 1, ticks
    assert len([t for t in drivers.find_class("x") if t.text_content().endswith("%")]) >= 3
    names = {e.text_content() for e in ipa.find_class("quadrant-name")}
    assert names == {"сосредоточиться", "поддерживать", "низкий приоритет", "возможный избыток"}
    assert "баллы" in ipa.text_content()
    for section in ("journey", "ipa", "kpi"):
        assert page.get_element_by_id(section).find_class("key")
    # KPI names are whole; every arrow goes up from a lower row (never along a row)
    kpis = {k.id: k.name for k in project.kpis}
    tree = page.get_element_by_id("kpi")
    nodes = tree.find_class("node")
    for node in nodes:
        shown = " ".join(node.find_class("name")[0].text_content().split())
        assert shown == " ".join(kpis[node.get("data-id")].split())
    row = {n.get("data-id"): int(n.get("data-row")) for n in nodes}
    edges = tree.find_class("edge")
    assert edges and all(row[e.get("data-from")] > row[e.get("data-to")] for e in edges)
    assert tree.find_class("bottleneck") and "узкое место" in tree.text_content()
    # segment cards: indices said to be indices, amounts grouped the Russian way
    cards = page.find_class("card")
    segments_sheet = openpyxl.load_workbook(out / "priorities.xlsx")["Сегменты"]
    assert len(cards) == sum(1 for c in segments_sheet["A"] if re.fullmatch(r"S\d+", str(c.value)))
    text = " ".join(c.text_content() for c in cards)
    assert "индекс" in text and re.search(r"средний чек: \d{1,3}\u00a0\d{3}", text)
    shot = tmp_path / "dashboard.png"
    run_page(path, f"--screenshot={shot}", "--window-size=1280,1800")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a real, non-blank render


def test_the_workbook_language_setting_chooses_the_output_language(
    example_copy, tmp_path, monkeypatch
):
    monkeypatch.delenv("QFDKPI_LANG", raising=False)
    wb = openpyxl.load_workbook(example_copy)
    for row in wb["Настройки"].iter_rows(min_row=2):
        if row[0].value == "Язык":
            row[1].value = "en"
        if row[0].value == "Бутстреп-выборок":
            row[1].value = 20
    wb.save(example_copy)
    out = tmp_path / "out"
    result = CliRunner().invoke(build_cli("ru"), ["run", str(example_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out / "priorities.xlsx").sheetnames[0] == "Summary"
    assert "Top touchpoints" in result.output
    deck = Presentation(out / "presentation.pptx")
    assert "Strategic session" in " ".join(
        s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame
    )
    forced = tmp_path / "forced"
    result = CliRunner().invoke(
        build_cli("ru"), ["--lang", "ru", "run", str(example_copy), "--out", str(forced)]
    )
    assert openpyxl.load_workbook(forced / "priorities.xlsx").sheetnames[0] == "Сводка"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "out"
    project = hostile_project(folder)
    result = CliRunner().invoke(build_cli("ru"), ["run", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_hostile_names_stay_text_in_markdown(hostile):
    source = (hostile / "tor.md").read_text(encoding="utf-8")
    rendered = MarkdownIt("commonmark").enable("table").render(source)
    tree = lxml_html.fromstring(f"<div>{rendered}</div>")
    for tag in ("img", "script", "iframe", "a", "strong", "em", "code", "b"):
        assert not tree.findall(f".//{tag}"), tag
    text = tree.text_content()
    for name in [*HOSTILE.values(), HOSTILE_KPI[1]]:
        assert name in text  # shown literally
    assert len(tree.findall(".//h1")) == 1  # a KPI named "# Heading" is no heading
    for row in tree.findall(".//tr"):  # a "|" in a name does not add a cell
        assert len(row) == len(row.getparent().getparent().find(".//tr"))


def test_hostile_names_stay_text_in_the_dashboard_deck_and_workbook(hostile):
    page, errors = dom(hostile / "dashboard.html")
    assert errors == []
    for tag in ("img", "iframe"):
        assert not page.findall(f".//{tag}")
    assert len(page.findall(".//script")) == 2  # the data block and the page's own script
    assert all(name in page.text_content() for name in HOSTILE.values())  # shown as text
    deck = " ".join(
        s.text_frame.text
        for slide in Presentation(hostile / "presentation.pptx").slides
        for s in slide.shapes
        if s.has_text_frame
    )
    assert HOSTILE["TP06"] in deck
    ws = openpyxl.load_workbook(hostile / "priorities.xlsx")["Матрица планирования"]
    cells = [c for c in ws["B"] if c.value in HOSTILE.values()]
    assert len(cells) == len(HOSTILE) and all(c.data_type == "s" for c in cells)


def test_the_deliverables_code_holds_no_user_text():
    """Every word of the deliverables comes from the catalogue: no Cyrillic in the code, the
    page's files or the docstrings, and no branching on the language."""
    root = Path(__file__).resolve().parents[1] / "workbooks" / "deliverables"
    offenders = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".py", ".js", ".html", ".css"}:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search("[\u0400-\u04ff]", line) or re.search(r"lang\s*[!=]=\s*['\"]", line):
                offenders.append(f"{path.relative_to(root)}:{n}: {line.strip()[:60]}")
    assert offenders == []


def test_every_output_message_has_the_same_placeholders_in_both_languages():
    import string

    from workbooks.locale import outputs

    def fields(template: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    differ = [k for k, (ru, en) in outputs.MESSAGES.items() if fields(ru) != fields(en)]
    assert differ == []


def test_the_project_name_setting_titles_the_deliverables(demo):
    """The name comes from the settings sheet, read here with openpyxl, not from the file name."""
    import openpyxl

    ws = openpyxl.load_workbook(EXAMPLE)["Настройки"]
    name = next(r[1] for r in ws.iter_rows(values_only=True) if r[0] == "Название проекта")
    assert name and name != EXAMPLE.stem
    out, _ = demo
    first = Presentation(out / "presentation.pptx").slides[0]
    assert any(s.has_text_frame and s.text_frame.text == name for s in first.shapes)
    assert name in (out / "tor.md").read_text(encoding="utf-8").split("\n\n", 3)[1]
    assert name in (out / "dashboard.html").read_text(encoding="utf-8")


def _fold(text) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split())


def _recomputed_changes(path) -> dict[str, tuple[set, set, int, int]]:
    """Per segment, from the segment-paths sheet of the workbook, by the rule the README states
    (steps paired by name, then by touchpoint in path order): the as-is steps removed, the
    to-be steps made proactive, and the personal visits as-is and to-be."""
    ws = openpyxl.load_workbook(path)["Пути сегментов"]
    paths: dict[tuple[str, str], list] = {}
    for row in ws.iter_rows(min_row=2, values_only=True):
        if row[0]:
            segment, path_, order, name, kind, _, tp = row[:7]
            paths.setdefault((segment, path_), []).append((order, name, kind, tp or ""))
    out = {}
    for segment in dict.fromkeys(s for s, _ in paths):
        a = sorted(paths[(segment, "КАК ЕСТЬ")], key=lambda s: s[0])
        b = sorted(paths[(segment, "КАК БУДЕТ")], key=lambda s: s[0])
        pairs, used_b = {}, set()
        for key in (lambda s: _fold(s[1]), lambda s: s[3]):
            for i, x in enumerate(a):
                if i in pairs or not key(x):
                    continue
                j = next((j for j, y in enumerate(b) if j not in used_b and key(y) == key(x)), None)
                if j is not None:
                    pairs[i] = j
                    used_b.add(j)
        removed = {x[1] for i, x in enumerate(a) if i not in pairs}
        proactive = {
            b[j][1]
            for i, j in pairs.items()
            if a[i][2] != "проактивно компанией" and b[j][2] == "проактивно компанией"
        }
        visits = [sum(s[2] == "личный визит" for s in p) for p in (a, b)]
        out[segment] = (removed, proactive, *visits)
    return out


def test_the_journey_sheet_shows_the_steps_removed_and_made_proactive(demo):
    out, _ = demo
    wb = openpyxl.load_workbook(out / "priorities.xlsx")
    assert {"Путь как есть-как будет", "Персоны", "Программа коммуникаций"} <= set(wb.sheetnames)
    assert "Тренд по волнам" not in wb.sheetnames
    rows = [tuple(r) for r in wb["Путь как есть-как будет"].iter_rows(values_only=True)]
    found, segment, table = {}, None, False
    for r in rows:
        head = str(r[0] or "")
        if head.startswith("Сегмент «"):
            segment, table = head.split("«")[1].split("»")[0], False
            found[segment] = [set(), set(), None, None]
        elif segment and r[1] == "личных визитов":
            found[segment][2:] = [r[2], r[3]]
        elif segment and head == "№" and r[6] == "Изменение":
            table = True
        elif table and any(r[:13]):
            change = str(r[6])
            if change.startswith("убран"):
                found[segment][0].add(r[1])
            if "стал проактивным" in change:
                found[segment][1].add(r[8])
        elif table:
            table = False
    expected = _recomputed_changes(EXAMPLE)
    assert {s: tuple(v) for s, v in found.items()} == expected
    assert any(v[0] for v in expected.values()) and all(v[1] for v in expected.values())
    md = (out / "tor.md").read_text(encoding="utf-8")
    journeys = md[md.index("4\\.2.1.") : md.index("4\\.2.2.")]
    for s, (_, _, before, after) in expected.items():
        assert f"{s}: шагов" in journeys and f"личных визитов {before} → {after}" in journeys
    alerts = md[md.index("4\\.2.2.") : md.index("4\\.3.")]
    assert "Волны опроса в проекте не заданы" in alerts and "α = 0,01" in alerts
    # the dashboard's journey view: every step of the sheet, coloured by its kind
    page, errors = dom(out / "dashboard.html")
    assert errors == []
    view = page.get_element_by_id("paths")
    steps = [e for row in view.find_class("path-row") for e in row.find_class("step")]
    ws = openpyxl.load_workbook(EXAMPLE)["Пути сегментов"]
    kinds = [r[4] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    by_kind = {"личный визит": "kind-visit", "самостоятельно клиентом": "kind-self"}
    shown = [c for e in steps for c in e.get("class").split() if c.startswith("kind-")]
    assert sorted(shown) == sorted(by_kind.get(k, "kind-proactive") for k in kinds)
    removed = [" ".join(e.text_content().split()) for e in view.find_class("removed")]
    assert len(removed) == sum(len(v[0]) for v in expected.values())


def test_the_headline_nps_is_on_the_deck_and_the_dashboard(demo):
    """NPS counted by hand from the interviews sheet: % of 9–10 minus % of 0–6."""
    ws = openpyxl.load_workbook(EXAMPLE)["Интервью"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("NPS")
    scores = [r[col] for r in rows[2:] if isinstance(r[col], (int, float))]
    nps = 100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)) / len(scores)
    expected = f"NPS — Все: {number(nps, 'ru', 1, sign=True)}"
    out, _ = demo
    deck = " ".join(
        s.text_frame.text
        for slide in Presentation(out / "presentation.pptx").slides
        for s in slide.shapes
        if s.has_text_frame
    )
    # on a slide the minus of a negative number is the minus sign, which never wraps alone
    assert expected.replace("-", "\u2212") in deck and f"n = {len(scores)}" in deck
    page, _ = dom(out / "dashboard.html")
    assert expected in page.get_element_by_id("drivers").text_content()


def test_word_tables_keep_every_cells_text_and_format(tmp_path):
    """Body rows are copies of the row before with new text: tabs, line breaks, empty cells and
    spaces at the ends must come out as given, the header alone bold, every run at table size,
    and only the last row of a small table free of keep-with-next."""
    from docx.shared import Pt

    from workbooks.deliverables.documents import KEEP_TOGETHER, TABLE, T, write_docx

    rows = [("a\tb", "first\nsecond"), ("", " spaced "), ("x", ""), ("Ё ё", "3,5 %")]
    long_rows = [(f"r{i}", str(i)) for i in range(KEEP_TOGETHER + 2)]
    path = write_docx(
        [T(("Колонка", "Column"), rows), T(("k", "v"), long_rows)], tmp_path / "t.docx"
    )
    small, big = Document(path).tables
    assert [[c.text for c in r.cells] for r in small.rows] == [
        ["Колонка", "Column"],
        *map(list, rows),
    ]
    assert [[c.text for c in r.cells] for r in big.rows][1:] == [list(r) for r in long_rows]
    for t in (small, big):
        for i, row in enumerate(t.rows):
            for cell in row.cells:
                for run in cell.paragraphs[0].runs:
                    assert run.bold == (i == 0)
                    assert run.font.size == Pt(TABLE)
    keeps = [r.cells[0].paragraphs[0].paragraph_format.keep_with_next for r in small.rows]
    assert keeps == [True] * len(rows) + [False]
    assert not any(r.cells[0].paragraphs[0].paragraph_format.keep_with_next for r in big.rows)


PLANNING_TITLE = "Матрица планирования: главные точки контакта"


def test_the_decks_planning_table_marks_the_sales_points_the_data_suggested(demo):
    """A sales point not set in the workbook's settings but different from 1 was suggested by
    the data: its cell carries "*" and the note under the table says so; declared ones do not."""
    declared = load_project(EXAMPLE).settings.sales_points
    out, _ = demo
    slide = next(
        s
        for s in Presentation(out / "presentation.pptx").slides
        if any(sh.has_text_frame and sh.text_frame.text == PLANNING_TITLE for sh in s.shapes)
    )
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    header = [c.text for c in table.rows[0].cells]
    sp_col = header.index("Точка продаж")
    marked = 0
    for row in list(table.rows)[1:]:
        tp = row.cells[1].text.split()[0]
        sp = row.cells[sp_col].text
        value = float(sp.rstrip("*").replace(",", "."))
        expect = tp not in declared and value != 1.0
        assert sp.endswith("*") == expect, (tp, sp)
        marked += expect
    text = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert marked > 0 and "* Точка продаж предложена по данным" in text


def test_dashboard_outlines_the_points_on_a_quadrant_border(demo, example_b200):
    """A touchpoint whose 95 % satisfaction interval reaches the split of the quadrants has a
    dashed point, its title says "(на границе)", and the legend explains the outline."""
    a = example_b200
    pm = a.qfd.planning
    expected = set()
    for tp in pm.touchpoints:
        m = next(m for m in a.metrics if m.segment == "*" and m.touchpoint == tp)
        if m.mean.low <= pm.split[1] <= m.mean.high:
            expected.add(tp)
    out, _ = demo
    page, errors = dom(out / "dashboard.html")
    assert errors == []
    ipa = page.get_element_by_id("ipa")
    points = ipa.find_class("point")
    assert len(points) == len(pm.touchpoints)
    outlined = {p.text_content().split()[0] for p in ipa.find_class("borderline")}
    assert outlined == expected and 0 < len(expected) < len(points)
    for p in points:
        assert ("(на границе)" in p.text_content()) == (p.text_content().split()[0] in expected)
    assert "на границе квадранта" in ipa.text_content()


def test_the_decks_driver_warnings_are_shown_or_counted(demo):
    """At most four warnings fit the drivers slide: those about the drivers shown come first and
    the rest are counted ("и ещё N"), so none is dropped unsaid."""
    import re

    from workbooks.analysis import analyse
    from workbooks.locale import note_text

    warnings = analyse(load_project(EXAMPLE)).drivers.warnings  # the demo's analysis, same seed
    out, _ = demo
    texts = [
        sh.text_frame.text
        for slide in Presentation(out / "presentation.pptx").slides
        for sh in slide.shapes
        if sh.has_text_frame and "Предупреждения" in sh.text_frame.text
    ]
    assert len(texts) == 1
    shown = [w for w in warnings if note_text(w, "ru") in texts[0]]
    more = re.search(r"и ещё (\d+) предупрежд", texts[0])
    assert len(shown) == min(4, len(warnings))
    assert (int(more.group(1)) if more else 0) == len(warnings) - len(shown)


def test_the_ipa_slide_says_why_a_later_quadrant_may_rank_near_the_top(demo, example_b200):
    """Quadrants read W0 and S only, the ranks also the target and the sales point: the slide
    says so, naming the top-three touchpoints that sit in a 'later' quadrant."""
    pm = example_b200.qfd.planning
    top3 = sorted(pm.touchpoints, key=lambda t: pm.rank[pm.touchpoints.index(t)])[:3]
    ahead = [
        t for t in top3 if pm.quadrant[pm.touchpoints.index(t)] in ("low_priority", "overkill")
    ]
    out, _ = demo
    text = next(
        sh.text_frame.text
        for slide in Presentation(out / "presentation.pptx").slides
        for sh in slide.shapes
        if sh.has_text_frame and "Квадрант — только по важности W0" in sh.text_frame.text
    )
    if ahead:
        assert f"поэтому {', '.join(ahead)} — в тройке лидеров по весу" in text
    else:
        assert "в тройке лидеров" not in text


def test_the_decks_kpi_tree_slides_follow_the_priority_ranking(demo, example_b200):
    """The KPI-tree slides are those of the highest-priority touchpoints (planning rank) whose
    tree has a bottleneck — the #2 priority is not skipped for a larger KPI gap elsewhere."""
    a = example_b200
    pm = a.qfd.planning
    with_bottleneck = [tp for tp, an in a.kpi.analyses.items() if an.bottleneck is not None]
    by_priority = sorted(with_bottleneck, key=lambda t: pm.rank[pm.touchpoints.index(t)])
    out, _ = demo
    titles = [
        sh.text_frame.text
        for slide in Presentation(out / "presentation.pptx").slides
        for sh in slide.shapes
        if sh.has_text_frame and sh.text_frame.text.startswith("Дерево KPI: ")
    ]
    assert [t.removeprefix("Дерево KPI: ").split()[0] for t in titles] == by_priority[:3]


def test_the_run_summary_says_when_the_drivers_weights_are_not_used(example_b200):
    """When the model is not supported every priority rests on stated importance: the few lines
    `run` prints say so, with the reason, and say nothing of it when the model is used."""
    from dataclasses import replace

    from qfd.notes import note
    from workbooks.pipeline import run_summary

    a = example_b200
    assert a.drivers.unsupported is None
    assert "производная важность не используется" not in run_summary(a, Path("out"), "ru")
    # a top touchpoint whose weight rests on a suggested sales point is starred and said: the
    # example's leaders have theirs from the settings; make the first one a suggestion
    pm = a.qfd.planning
    lines = run_summary(a, Path("out"), "ru").splitlines()
    assert not any("*" in line for line in lines)
    first = min(range(len(pm.rank)), key=lambda j: pm.rank[j])
    assert pm.sales_point[first] != 1
    sources = tuple("suggested" if j == first else s for j, s in enumerate(pm.sales_point_source))
    nudged = replace(a, qfd=replace(a.qfd, planning=replace(pm, sales_point_source=sources)))
    lines = run_summary(nudged, Path("out"), "ru").splitlines()
    head = next(line for line in lines if line.startswith("Главные точки контакта"))
    assert head.count("*") == 1 and f"{pm.touchpoints[first]} " in head.split("*")[0]
    assert lines[-1].startswith("* вес поднят точкой продаж")
    reason = note("n_below_p", n=9, p=12)
    worse = replace(
        a, drivers=replace(a.drivers, unsupported=note("derived_not_used", reason=reason))
    )
    first = run_summary(worse, Path("out"), "ru").splitlines()[0]
    assert first.startswith("! производная важность не используется: ")
    assert "по заявленной важности" in first and "9" in first
    chosen = a.project.settings.blend_lambda
    assert chosen != 1 and f"λ = 1 вместо {chosen:g}".replace(".", ",") in first
    # the TOR says it too, before its table of weights, and only then
    from workbooks.deliverables.tor import tor_blocks

    said = "Производная важность (доли R² модели) не используется"
    assert not any(said in b.text for b in tor_blocks(a, "ru"))
    assert any(said in b.text and "9" in b.text for b in tor_blocks(worse, "ru"))


def test_the_metrics_sheet_names_each_test_and_says_which_pairs_were_not_compared(demo):
    """Each comparison is labelled by the test it ran (the NPS difference was called a test of
    two proportions), and the pairs left out for too few answers are said under the table."""
    from workbooks.analysis import analyse
    from workbooks.locale import note_text

    out, _ = demo
    a = analyse(load_project(EXAMPLE), bootstrap=0, stages=("metrics",))
    skipped = [n for n in a.notes if n.key == "comparison_too_small"]
    assert skipped and any(c.test == "NPS difference z" for c in a.comparisons)
    ws = openpyxl.load_workbook(out / "priorities.xlsx")["CX-метрики"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "z-критерий для разности NPS" in cells
    nps_rows = [row for row in ws.iter_rows(values_only=True) if "NPS" in (row[1], row[2])]
    assert nps_rows and all(row[3] == "z-критерий для разности NPS" for row in nps_rows)
    for n in skipped:
        assert "• " + note_text(n, "ru") in cells


def test_the_decks_house_targets_agree_with_their_numbers(demo):
    """The workbook writes units as plurals ("дни", "часы"); on the slide a unit agrees with the
    target before it, as Russian wants (the example's CH1 is 45 days, CH7 8,000 hours)."""
    out, _ = demo
    cells = [
        cell.text
        for slide in Presentation(out / "presentation.pptx").slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
        if "→" in cell.text
    ]
    shown = " | ".join(cells)
    for text in ("→ 45 дней", "\u00a0000 часов"):
        assert any(c.endswith(text) for c in cells), (text, shown)
    assert "дни" not in shown and "часы" not in shown
