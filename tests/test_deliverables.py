"""The whole run on the example: four finished files, checked with the libraries that read them
and with a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, sha256
from docx import Document

from cli import build_cli
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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    before = sha256(EXAMPLE)
    result = CliRunner().invoke(build_cli("ru"), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sha256(EXAMPLE) == before
    return out, result.output


def test_demo_writes_the_four_deliverables_and_a_summary(demo):
    out, output = demo
    assert {p.name for p in out.iterdir()} >= {
        "priorities.xlsx",
        "tor.docx",
        "tor.md",
        "dashboard.html",
    }
    assert "Главные точки контакта: TP06" in output and "7/7" in output


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


def test_tor_markdown_has_the_same_content(demo):
    out, _ = demo
    md = (out / "tor.md").read_text(encoding="utf-8")
    doc = Document(out / "tor.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    md_headings = [re.sub(r"^#+ ", "", line) for line in md.splitlines() if line.startswith("#")]
    assert md_headings == headings
    assert md.count("\n| ") >= sum(len(t.rows) for t in doc.tables)


def chromium():
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip(
            "!!! Chromium is not installed: the dashboard browser test did not run. "
            "Install Debian's `chromium` (.ci/run does). !!!"
        )
    return exe


def run_page(path, *args):
    exe = chromium()
    return subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            *args,
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def test_console_error_detection_works(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<html><body><script>throw new Error('boom')</script></body></html>", encoding="utf-8"
    )
    assert console_errors(run_page(page, "--dump-dom").stderr)


def test_dashboard_renders_offline_without_errors(demo, tmp_path):
    out, _ = demo
    page = out / "dashboard.html"
    html = page.read_text(encoding="utf-8")
    assert (
        "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    )  # offline
    dom = run_page(page, "--dump-dom")
    assert console_errors(dom.stderr) == []
    text = dom.stdout
    assert text.count('class="cell"') == 12 * 4  # touchpoints × (all + 3 business units)
    assert text.count('class="point"') == 12 and text.count('class="bar"') == 12
    assert 'class="node bottleneck"' in text and "K0603" in text
    assert text.count('class="card"') == 4
    shot = tmp_path / "dashboard.png"
    run_page(page, f"--screenshot={shot}", "--window-size=1280,1800")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a real, non-blank render


def test_the_workbook_language_setting_chooses_the_output_language(
    example_copy, tmp_path, monkeypatch
):
    import openpyxl

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
    forced = tmp_path / "forced"
    result = CliRunner().invoke(
        build_cli("ru"), ["--lang", "ru", "run", str(example_copy), "--out", str(forced)]
    )
    assert openpyxl.load_workbook(forced / "priorities.xlsx").sheetnames[0] == "Сводка"
