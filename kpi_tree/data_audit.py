"""Which KPIs the client's IT systems can feed (docs/method.md §9).

For each KPI: its source system, refresh and the automation of that system (from the data
sources sheet). Coverage is the share of KPIs with a known source, by level and by touchpoint.
For KPIs without a source we name the systems that would have to feed them: those already
feeding KPIs of the same touchpoint and level, else the systems whose kind fits the level
(:data:`KINDS_BY_LEVEL`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from qfd.results import result

__all__ = ["KINDS_BY_LEVEL", "DataAudit", "DataSource", "SourceRow", "data_audit"]

KINDS_BY_LEVEL = {
    "financial": ("erp", "1с", "учет", "accounting", "bi"),
    "client": ("опрос", "survey", "crm", "cx"),
    "process": ("erp", "mes", "crm", "itsm", "wms", "tms"),
    "competence": ("hr", "кадр", "lms", "таблиц"),
}


@dataclass(frozen=True)
class DataSource:
    """One IT system of the client: what it holds and how automated it is."""

    system: str
    kind: str = ""
    holds: str = ""
    automation: str | None = None
    refresh: str = ""


@result
class SourceRow:
    kpi: str
    name: str
    touchpoint: str
    level: str
    source: str
    known_system: bool  # the source is listed on the data sources sheet
    automation: str | None
    refresh: str
    suggested: tuple[str, ...]  # for KPIs without a source


@result
class DataAudit:
    rows: tuple[SourceRow, ...]
    coverage_by_level: dict[str, tuple[int, int]]  # level -> (with source, total)
    coverage_by_touchpoint: dict[str, tuple[int, int]]
    automated_share: float  # of KPIs with a source, share fed by an automatic system
    unknown_systems: tuple[str, ...]  # named on the KPI sheet but not on the sources sheet

    @property
    def missing(self) -> tuple[SourceRow, ...]:
        return tuple(r for r in self.rows if not r.source)


def data_audit(kpis, sources) -> DataAudit:
    """Audit ``kpis`` (KPI records) against ``sources`` (records with system, kind, automation,
    refresh).

    >>> from types import SimpleNamespace as S
    >>> k = [S(id="K1", name="a", touchpoint_id="T", level="process", source="ERP", refresh=""),
    ...      S(id="K2", name="b", touchpoint_id="T", level="process", source="", refresh="")]
    >>> audit = data_audit(k, [S(system="ERP", kind="ERP", automation="automatic", refresh="daily")])
    >>> audit.coverage_by_level["process"], audit.missing[0].suggested
    ((1, 2), ('ERP',))
    """
    by_system = {s.system.strip().lower(): s for s in sources}
    feeding: dict[tuple[str, str], Counter] = {}
    for k in kpis:
        if k.source:
            feeding.setdefault((k.touchpoint_id, k.level), Counter())[k.source] += 1
    rows = []
    for k in kpis:
        system = by_system.get(k.source.strip().lower()) if k.source else None
        suggested: tuple[str, ...] = ()
        if not k.source:
            same = feeding.get((k.touchpoint_id, k.level))
            if same:
                suggested = tuple(s for s, _ in same.most_common(2))
            else:
                words = KINDS_BY_LEVEL.get(k.level, ())
                suggested = tuple(
                    s.system
                    for s in sources
                    if any(w in f"{s.kind} {s.system}".lower() for w in words)
                )
        rows.append(
            SourceRow(
                k.id,
                k.name,
                k.touchpoint_id,
                k.level,
                k.source,
                system is not None,
                system.automation if system else None,
                k.refresh or (system.refresh if system else ""),
                suggested,
            )
        )

    def coverage(key):
        out: dict[str, tuple[int, int]] = {}
        for r in rows:
            have, total = out.get(key(r), (0, 0))
            out[key(r)] = (have + bool(r.source), total + 1)
        return out

    with_source = [r for r in rows if r.source]
    automated = sum(1 for r in with_source if r.automation == "automatic")
    unknown = tuple(sorted({r.source for r in with_source if not r.known_system}))
    return DataAudit(
        tuple(rows),
        coverage(lambda r: r.level),
        coverage(lambda r: r.touchpoint),
        automated / len(with_source) if with_source else 0.0,
        unknown,
    )
