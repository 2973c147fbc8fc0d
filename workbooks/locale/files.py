"""Messages about the files the tool opens and writes: output folders, paths named in a workbook,
transaction files, resource limits."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
