"""Every sentence a user reads, in Russian (the default) and English: one catalogue.

The catalogue is the union of the topic modules of this package — :mod:`.input` (the
project workbook: validation, import, command line), :mod:`.files` (output folders, paths,
transaction files, resource limits), :mod:`.analysis` (notes the computations attach to their
results), :mod:`.outputs` (terminal reports and deliverables) — each a dictionary
``key -> (Russian, English)``. A key appears once in the whole catalogue (a test checks it, and
that both languages use the same placeholders). Templates are ``str.format`` strings whose numbers,
percents, dates and plural forms are rendered by Babel for the language
(:mod:`workbooks.locale.formatting`): ``"{n:count(респондент|респондента|респондентов)}"``.

Computations never hold sentences: they return :class:`qfd.notes.Note` (a key and its values)
and this package renders them with :func:`note_text`. Adding a language means adding a column to the
catalogue and a locale in :mod:`.formatting`.
"""

from __future__ import annotations

import os

from qfd.notes import Note, Term
from workbooks.locale import analysis, files, input, journey, monitoring, outputs, results
from workbooks.locale.formatting import LocaleFormatter, date, number, percent, plural

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "date",
    "default_language",
    "note_text",
    "number",
    "percent",
    "plural",
    "problems_header",
    "tr",
    "words",
]

LANGUAGES = ("ru", "en")


def _merge(*modules) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for m in modules:
        for key, pair in m.MESSAGES.items():
            if key in out:
                raise KeyError(f"message key {key!r} is defined twice ({m.__name__})")
            out[key] = pair
    return out


CATALOGUE: dict[str, tuple[str, str]] = _merge(
    input, files, analysis, outputs, journey, monitoring, results
)
_FORMATTERS = {lang: LocaleFormatter(lang) for lang in LANGUAGES}


def default_language() -> str:
    """The language from ``QFDKPI_LANG`` (``ru`` unless it says ``en``)."""
    return "en" if os.environ.get("QFDKPI_LANG", "").lower().startswith("en") else "ru"


def tr(key: str, lang: str = "ru", **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in.

    >>> tr("out_of_scale", "ru", value=7, scale="1–5")
    'значение 7 вне шкалы; ожидается 1–5'
    >>> tr("warnings_header", "ru", n=3), tr("warnings_header", "en", n=1)
    ('3 предупреждения:', '1 warning:')
    """
    ru, en = CATALOGUE[key]
    template = en if lang == "en" else ru
    return _FORMATTERS["en" if lang == "en" else "ru"].format(template, **values)


def words(key: str, lang: str = "ru") -> str:
    """A catalogue entry without placeholders (a label, a column header)."""
    ru, en = CATALOGUE[key]
    return en if lang == "en" else ru


def pair(ru: str, en: str, lang: str = "ru") -> str:
    """One of a word's two spellings held as data (a schema label, a column role) in ``lang``.

    >>> pair("Этап", "Stage", "en")
    'Stage'
    """
    return en if lang == "en" else ru


def note_text(note, lang: str = "ru") -> str:
    """A :class:`qfd.notes.Note` as a sentence.

    >>> from qfd.notes import note
    >>> note_text(note("no_variance", name="TP03"), "ru")
    'нет разброса: все ответы по TP03 одинаковы; точка исключена'
    """
    return tr(note.key, lang, **{k: _value(v, lang) for k, v in note.values})


def _value(v, lang: str):
    """A note's value for its template: nested notes and vocabulary terms become words."""
    if isinstance(v, Note):
        return note_text(v, lang)
    if isinstance(v, Term):
        from workbooks.project.schema import enum_label

        return enum_label(v.kind, v.value, lang)
    return v


def problems_header(n: int, source: str, lang: str) -> str:
    """First line of a problem report.

    >>> problems_header(2, "interviews.xlsx", "ru")
    'Найдено 2 проблемы в interviews.xlsx:'
    >>> problems_header(1, "", "en")
    'Found 1 problem:'
    """
    key = "problems_header_in" if source else "problems_header"
    return tr(key, lang, n=n, source=source)
