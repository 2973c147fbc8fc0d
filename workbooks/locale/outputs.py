"""Words of the terminal reports and the deliverables: titles, column headers, sentences."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
