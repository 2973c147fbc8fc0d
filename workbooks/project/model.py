"""The validated project as plain, frozen data: what the analyses receive instead of cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kpi_tree.data_audit import DataSource
from kpi_tree.process import ProcessStep
from kpi_tree.tree import KPI
from workbooks.errors import Problem
from workbooks.project.transactions import TransactionSource
from workbooks.project.values import (
    Scale,
)

__all__ = [
    "KPI",
    "Characteristic",
    "DataSource",
    "Interviews",
    "ProcessStep",
    "Project",
    "Settings",
    "Touchpoint",
]


@dataclass(frozen=True)
class Touchpoint:
    id: str
    name: str
    stage: str
    stage_order: int
    channels: tuple[str, ...] = ()
    moment_of_truth: bool = False
    business_unit: str = ""
    target: float | None = None


@dataclass(frozen=True)
class Interviews:
    """Survey answers; score arrays are respondents × touchpoints with NaN for missing.

    ``reasons[measure]`` holds the missing reason per cell ('' where answered), so
    "not experienced" and "don't know" can be counted apart.
    """

    respondent_ids: tuple[str, ...]
    client_ids: tuple[str | None, ...]
    respondent_types: tuple[str, ...]
    roles: tuple[str | None, ...]
    weights: np.ndarray
    touchpoints: tuple[str, ...]
    importance: np.ndarray
    satisfaction: np.ndarray
    competitor: np.ndarray | None
    overall: np.ndarray
    nps: np.ndarray
    ces: np.ndarray
    attributes: dict[str, tuple[object, ...]]
    reasons: dict[str, np.ndarray]
    rows: tuple[int, ...]  # Excel row numbers of respondents
    timestamps: tuple[dt.date | None, ...] = ()  # when each respondent answered, if known
    timestamp_column: str = ""  # the header of the timestamp column, for messages
    client_id_column: int = 0  # 0-based column of the client IDs, for messages

    @property
    def n(self) -> int:
        return len(self.respondent_ids)


@dataclass(frozen=True)
class Characteristic:
    id: str
    name: str
    unit: str
    direction: str
    indicator: str
    current: float | None = None
    target: float | None = None
    competitor: float | None = None
    difficulty: float | None = None
    caused_by: tuple[tuple[str, float | None], ...] = ()  # (leading id, strength or None)


@dataclass(frozen=True)
class Settings:
    importance_scale: Scale = Scale(1, 5)
    satisfaction_scale: Scale = Scale(1, 5)
    ces_scale: Scale = Scale(1, 7)
    outcome: str = "revenue"
    target_policy: str = "plus_one"
    outcome_column: str = ""
    segment_column: str = ""
    bootstrap: int = 1000
    analysis_date: dt.date | None = None
    window_months: float = 12
    blend_lambda: float = 0.5
    sales_points: dict[str, float] = field(default_factory=dict)
    missing_codes: dict[float, str] = field(default_factory=dict)
    likert: dict[str, float] = field(default_factory=dict)
    transactions_file: str = ""
    transaction_columns: str = ""  # "клиент=ИНН контрагента; дата=Дата документа; ..."
    seed: int = 20240601
    language: str = "ru"
    project_name: str = ""  # how the deliverables name the project ("" = the file's name)


@dataclass(frozen=True)
class Project:
    """Everything a project workbook holds, validated."""

    source: Path
    touchpoints: tuple[Touchpoint, ...]
    interviews: Interviews
    clients: dict[str, dict[str, object]]
    transactions: TransactionSource | None
    characteristics: tuple[Characteristic, ...]
    relationships: np.ndarray  # touchpoints × characteristics, 0 where none
    roof: np.ndarray  # characteristics × characteristics, symmetric, -2..2
    kpis: tuple[KPI, ...]
    processes: tuple[ProcessStep, ...]
    data_sources: tuple[DataSource, ...]
    settings: Settings
    warnings: tuple[Problem, ...] = ()
    transaction_count: int | None = None  # valid order lines, counted during validation
    outcome_values: np.ndarray | None = None  # per respondent, from the outcome column if named

    @property
    def title(self) -> str:
        """The project's name in the deliverables: the «Название проекта» setting, else the
        workbook's file name without its extension."""
        return self.settings.project_name or self.source.stem

    @property
    def touchpoint_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.touchpoints)

    @property
    def characteristic_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.characteristics)
