"""Plain-text tables for the terminal reports: aligned columns, long names clipped with "…"."""

from __future__ import annotations

__all__ = ["clip", "text_table"]


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters: cut at a word's end where one is near, and
    marked with "…" so a clipped name never reads as a whole one.

    >>> clip("S4 average check ↓ · orders ↓ · city = Samara ↑", 34)
    'S4 average check ↓ · orders ↓…'
    >>> clip("Diagnostics", 40), clip("Averyverylongsingleword", 10)
    ('Diagnostics', 'Averyvery…')
    """
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ·—-,;:") + "…"


def text_table(rows: list[list[str]], align: str) -> list[str]:
    """Rows of cells as lines, each column as wide as its widest cell (``align``: "l" or "r"
    per column); word joiners, which terminals show as gaps, are dropped."""
    rows = [[c.replace("\u2060", "") for c in r] for r in rows]
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align, strict=True)
        ).rstrip()
        for r in rows
    ]
