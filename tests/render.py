"""Rendering deliverables as a person sees them: LibreOffice (headless) to PDF, then the PDF's
words and their positions (poppler's pdftotext); the dashboard in headless Chromium. Used by
the deliverables' tests; a missing program skips its test loudly."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

__all__ = [
    "Word",
    "console_errors",
    "dom",
    "pdf_pages",
    "pdf_words",
    "run_page",
    "to_pdf",
    "tokens",
]


def _tool(name: str, package: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(
            f"!!! {name} is not installed: the rendering test did not run. "
            f"Install Debian's `{package}` (.ci/run does). !!!"
        )
    return exe


def to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Convert ``files`` to PDF in one LibreOffice run with a private profile (so it neither
    disturbs nor waits for another LibreOffice on the machine)."""
    exe = _tool("soffice", "libreoffice-calc libreoffice-writer libreoffice-impress")
    _tool("pdftotext", "poppler-utils")
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "lo-profile"
    result = subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdfs = [out / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in pdfs if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}"
    return pdfs


def normalise(text: str) -> str:
    """Text as compared: compatibility forms (ligatures), no-break spaces as spaces, no word
    joiners or soft hyphens."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\u2060", "").replace("\u00ad", "").replace("\u00a0", " ")


_SPLIT = re.compile(r"\s+|(?<=[-–—/])")


def tokens(text: str) -> list[str]:
    """Words of ``text``; a line may break after a hyphen or dash, so those end a word too."""
    return [t for t in _SPLIT.split(normalise(text)) if t]


def pdf_pages(pdf: Path) -> list[str]:
    """The words of every page, as poppler finds them (no de-hyphenation), one string a page."""
    return [" ".join(w.text for w in words) for _, words in pdf_words(pdf)]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


def pdf_words(pdf: Path) -> list[tuple[tuple[float, float], list[Word]]]:
    """Per page: its size (points) and its words with their boxes."""
    xml = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    out = []
    for page in root.iterfind(".//h:page", ns):
        words = [
            Word(
                normalise(w.text or ""),
                *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in page.iterfind("h:word", ns)
        ]
        out.append(((float(page.get("width")), float(page.get("height"))), words))
    return out


# ---------------------------------------------------------------------- a real browser
def chromium() -> str:
    return _tool("chromium", "chromium")


def run_page(path: Path, *args: str) -> subprocess.CompletedProcess:
    """Open ``path`` in headless Chromium (scripts run, no network)."""
    return subprocess.run(
        [
            chromium(),
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


def dom(path: Path):
    """The page's DOM after its scripts ran, parsed by lxml, and the console errors."""
    from lxml import html

    result = run_page(path, "--dump-dom")
    return html.fromstring(result.stdout), console_errors(result.stderr)
