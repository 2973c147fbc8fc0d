"""The prioritised touchpoint workbook (``priorities.xlsx``) written with XlsxWriter.

Where a consultant will tweak (λ, targets, sales points, relationship strengths, the roadmap)
the cells hold live formulas or plain editable values, and every formula also stores the value
the engine computed, so viewers that do not recalculate show the right numbers. Text that came
from users is always written as text (never a formula). Sheets for parts the project does not
have (no characteristics, no KPIs, no segments...) are left out, and the summary says why.
Each sheet lives in :mod:`workbooks.deliverables.xlsx`.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

from workbooks.analysis import Analysis
from workbooks.atomic import atomic_path
from workbooks.deliverables.xlsx.base import Book
from workbooks.deliverables.xlsx.drivers import drivers_sheet, metrics_sheet
from workbooks.deliverables.xlsx.followup import (
    journey_sheet,
    personas_sheet,
    program_sheet,
    retention_sheet,
    themes_sheet,
    trend_sheet,
)
from workbooks.deliverables.xlsx.house import house_sheet, roof_sheet
from workbooks.deliverables.xlsx.kpi import (
    bottlenecks_sheet,
    gaps_sheet,
    kpi_sheet,
    processes_sheet,
)
from workbooks.deliverables.xlsx.planning import planning_sheet
from workbooks.deliverables.xlsx.segments import segments_sheet
from workbooks.deliverables.xlsx.summary import method_sheet, roadmap_sheet, summary_sheet
from workbooks.project.template import FIXED_DATE

__all__ = ["sheet_keys", "write_priorities"]


def sheet_keys(a: Analysis) -> list[str]:
    """The sheets this project gets, in order (catalogue keys of their names)."""
    p = a.project
    keys = ["sheet_summary", "sheet_planning", "sheet_drivers", "sheet_metrics"]
    if p.characteristics:
        keys += ["sheet_house", "sheet_roof"]
    if a.clusters is not None:
        keys.append("sheet_segments")
    if a.kpi.trees:
        keys.append("sheet_kpi")
    if p.kpis:
        keys.append("sheet_bottlenecks")
    if a.kpi.processes:
        keys.append("sheet_processes")
    if p.kpis:
        keys.append("sheet_gaps")
    if a.journey is not None:
        if a.journey.comparison is not None:
            keys.append("sheet_journey")
        keys += ["sheet_personas", "sheet_program"]
    if a.monitoring is not None:
        keys += ["sheet_trend", "sheet_themes", "sheet_retention"]
    return [*keys, "sheet_roadmap", "sheet_method"]


def write_priorities(
    analysis: Analysis, path: str | Path, *, lang: str = "ru", force: bool = True
) -> Path:
    """Write ``priorities.xlsx`` for an analysed project."""
    path = Path(path)
    with atomic_path(path, force) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        wb.set_properties(
            {"created": FIXED_DATE, "author": "qfdkpi", "title": analysis.project.title}
        )
        book = Book(wb, lang)
        sheets = {key: book.sheet(key) for key in sheet_keys(analysis)}
        links = planning_sheet(sheets["sheet_planning"], analysis)
        writers = {
            "sheet_summary": lambda s: summary_sheet(s, analysis),
            "sheet_drivers": lambda s: drivers_sheet(s, analysis),
            "sheet_metrics": lambda s: metrics_sheet(s, analysis),
            "sheet_house": lambda s: house_sheet(s, analysis, links),
            "sheet_roof": lambda s: roof_sheet(s, analysis),
            "sheet_segments": lambda s: segments_sheet(s, analysis),
            "sheet_kpi": lambda s: kpi_sheet(s, analysis),
            "sheet_bottlenecks": lambda s: bottlenecks_sheet(s, analysis),
            "sheet_processes": lambda s: processes_sheet(s, analysis),
            "sheet_gaps": lambda s: gaps_sheet(s, analysis),
            "sheet_journey": lambda s: journey_sheet(s, analysis),
            "sheet_personas": lambda s: personas_sheet(s, analysis),
            "sheet_program": lambda s: program_sheet(s, analysis),
            "sheet_trend": lambda s: trend_sheet(s, analysis),
            "sheet_themes": lambda s: themes_sheet(s, analysis),
            "sheet_retention": lambda s: retention_sheet(s, analysis),
            "sheet_roadmap": lambda s: roadmap_sheet(s, analysis),
            "sheet_method": lambda s: method_sheet(s, analysis),
        }
        for key, sheet in sheets.items():
            if key in writers:
                writers[key](sheet)
            sheet.finish()
        sheets["sheet_summary"].ws.activate()
        wb.close()
    return path
