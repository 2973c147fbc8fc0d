"""Problems found in a project, collected in one pass and raised once.

A :class:`Problem` names the sheet, the A1 cell and the column, and says what was found and
what was expected, in the user's language. Validation code appends problems to a
:class:`Problems` list and calls :meth:`Problems.raise_if_any` at the end (lazy validation),
so a consultant sees every mistake at once rather than one per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Problem", "Problems", "ProjectError", "cell_ref", "column_letter"]


def column_letter(index: int) -> str:
    """Excel column letters of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """A1 reference of a 0-based (row, column) pair.

    >>> cell_ref(16, 5)
    'F17'
    """
    return f"{column_letter(col)}{row + 1}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    message: str
    sheet: str = ""
    cell: str = ""
    column: str = ""

    def __str__(self) -> str:
        where = ""
        if self.sheet:
            where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        if self.column:
            where = f"{where} ({self.column})" if where else f"({self.column})"
        return f"{where}: {self.message}" if where else self.message


class ProjectError(Exception):
    """Input that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem], source: str = "", lang: str = "ru"):
        self.problems = list(problems)
        self.source = source
        self.lang = lang
        super().__init__(self.report())

    def report(self) -> str:
        from workbooks.locale import problems_header

        lines = [problems_header(len(self.problems), self.source, self.lang)]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)


@dataclass
class Problems:
    """Accumulates errors and warnings while a project is read."""

    source: str = ""
    lang: str = "ru"
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, message: str, sheet: str = "", cell: str = "", column: str = "") -> None:
        self.errors.append(Problem(message, sheet, cell, column))

    def warn(self, message: str, sheet: str = "", cell: str = "", column: str = "") -> None:
        self.warnings.append(Problem(message, sheet, cell, column))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ProjectError(self.errors, self.source, self.lang)
