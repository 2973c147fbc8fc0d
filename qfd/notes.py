"""Notes attached to results: a key and its values, never a finished sentence.

Computations record a :class:`Note` (for instance ``note("no_variance", name="TP03")``) so the
same result can be shown in any language; the sentences live in the text catalogue of
:mod:`workbooks.locale`, which renders a note with ``workbooks.locale.note_text(note, lang)``. A test
checks that every key used here has its sentence in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Note", "Term", "note"]


@dataclass(frozen=True)
class Note:
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:  # for developers; users read workbooks.locale.note_text(note, lang)
        args = ", ".join(f"{k}={v!r}" for k, v in self.values)
        return f"{self.key}({args})"


@dataclass(frozen=True)
class Term:
    """A word of the method's vocabulary inside a note (a KPI level, a direction): rendered in the
    reader's language from the workbook's own vocabulary, e.g. ``Term("level", "process")``."""

    kind: str
    value: str


def note(key: str, **values: object) -> Note:
    """A note with its values.

    >>> note("no_variance", name="TP03")
    Note(key='no_variance', values=(('name', 'TP03'),))
    """
    return Note(key, tuple(values.items()))
