"""Projects built from the bundled example with openpyxl, as a consultant might hand them in."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from conftest import EXAMPLE

__all__ = ["HOSTILE", "HOSTILE_KPI", "copy_example", "hostile_project", "sparse_project"]

OPTIONAL_SHEETS = (
    "Характеристики",
    "Связи",
    "Крыша",
    "KPI",
    "Процессы",
    "Источники данных",
    "Клиенты",
)
HOSTILE = {  # touchpoint ID -> a name that would be markup if it were not escaped
    "TP06": "<img src=x onerror=alert(1)>",
    "TP07": "[click](javascript:alert(1)) **bold** | cell",
    "TP10": "<script>alert('x')</script> & `code`",
}
HOSTILE_KPI = ("K0603", "# Heading <iframe src=javascript:alert(3)> _x_")


def copy_example(folder: Path) -> Path:
    for f in EXAMPLE.parent.glob("promtech*"):
        shutil.copy(f, folder / f.name)
    return folder / EXAMPLE.name


def _settings(wb, changes: dict) -> None:
    for row in wb["Настройки"].iter_rows(min_row=2):
        if row[0].value in changes:
            row[1].value = changes[row[0].value]


def sparse_project(folder: Path) -> Path:
    """The example without characteristics, KPIs, processes, data sources, clients, segment
    column and transactions, with NPS as the outcome: a project at its start."""
    path = copy_example(folder)
    wb = openpyxl.load_workbook(path)
    for name in OPTIONAL_SHEETS:
        del wb[name]
    _settings(
        wb,
        {
            "Результирующий показатель": "nps",
            "Файл транзакций": None,
            "Столбец сегмента": None,
            "Точки продаж": None,
            "Дата анализа": None,
            "Бутстреп-выборок": 20,
        },
    )
    wb.save(path)
    return path


def hostile_project(folder: Path) -> Path:
    """The example with touchpoint names and a KPI name that are HTML or Markdown."""
    path = copy_example(folder)
    wb = openpyxl.load_workbook(path)
    ws = wb["Путь клиента"]
    head = [c.value for c in ws[1]]
    id_col, name_col = head.index("ID точки контакта"), head.index("Точка контакта")
    for row in ws.iter_rows(min_row=2):
        if row[id_col].value in HOSTILE:
            row[name_col].value = HOSTILE[row[id_col].value]
    for row in wb["KPI"].iter_rows(min_row=2):
        if row[0].value == HOSTILE_KPI[0]:
            row[1].value = HOSTILE_KPI[1]
    _settings(wb, {"Бутстреп-выборок": 20})
    wb.save(path)
    return path
