"""What can go wrong for a user, by kind; each kind has its exit code in the command line.

* :class:`ProjectError` — the input cannot be used (exit 1). It carries every
  :class:`Problem` found, each naming the sheet, the A1 cell and the column and saying what was
  found and what was expected. Validation appends problems to a :class:`Problems` list and calls
  :meth:`Problems.raise_if_any` at the end (lazy validation), so a consultant sees every mistake
  at once rather than one per run.
* :class:`OutputError` — the outputs cannot be written where asked (exit 1).
* :class:`qfd.errors.AnalysisError` — the data cannot support an analysis (exit 1, or a
  documented fallback).
* Usage errors are click's (exit 2); anything else is a bug of the program (exit 70, with a
  hint to rerun with ``--debug``), never reported as bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["OutputError", "Problem", "Problems", "ProjectError", "cell_ref", "column_letter"]


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
    key: str = ""  # the catalogue key of the message: problems of one kind are counted together

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

    def error(
        self, message: str, sheet: str = "", cell: str = "", column: str = "", key: str = ""
    ) -> None:
        self.errors.append(Problem(message, sheet, cell, column, key))

    def warn(
        self, message: str, sheet: str = "", cell: str = "", column: str = "", key: str = ""
    ) -> None:
        self.warnings.append(Problem(message, sheet, cell, column, key))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ProjectError(self.errors, self.source, self.lang)


class OutputError(Exception):
    """The outputs cannot be written where the user asked; ``key`` and ``values`` say why."""

    def __init__(self, key: str, **values: object):
        self.key, self.values = key, values
        super().__init__(f"{key}: {values}")

    def message(self, lang: str) -> str:
        from workbooks.locale import tr

        return tr(self.key, lang, **self.values)
