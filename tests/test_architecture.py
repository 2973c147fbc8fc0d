"""The computation packages never import spreadsheet, document or CLI libraries (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"click", "openpyxl", "xlsxwriter", "python_calamine", "docx", "workbooks", "cli"}


def test_qfd_and_kpi_tree_are_pure_computation():
    offenders = []
    for package in ("qfd", "kpi_tree"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
