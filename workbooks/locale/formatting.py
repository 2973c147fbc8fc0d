"""Numbers, percents, dates and plural forms in the reader's language, by Babel (CLDR data).

Russian text gets Russian conventions ("76 710 913", "23,7 %", "43 респондента"); English text
English ones ("76,710,913", "23.7%", "43 respondents"). Message templates use these through
format specifications understood by :class:`LocaleFormatter`:

========================  =====================================================================
``{x:.2f}``, ``{x:+.1f}``  a number with fixed decimals (optional sign), grouped by the locale
``{x:,.0f}``, ``{x:d}``    the same with no decimals
``{x:g}``                  a number with up to three decimals
``{x:.1%}``, ``{x:+.0%}``  a share shown as a percent, with the locale's percent sign and spacing
``{d:date}``               a date, e.g. "31 дек. 2025 г." / "Dec 31, 2025"
``{n:plural(a|b|c)}``      the word for ``n``: forms in the order of the locale's plural
                           categories (Russian one|few|many, English one|other)
``{n:count(a|b|c)}``       the number and its word: "43 респондента"
========================  =====================================================================

A missing or non-finite number prints as "—". Values without a specification (user text, IDs)
are inserted as they are.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent, format_scientific

__all__ = ["LocaleFormatter", "date", "number", "percent", "plural", "unit"]

LOCALES = {"ru": "ru_RU", "en": "en_US"}
DASH = "—"
# Python float specs we translate: [sign][,][.precision][type]
_SPEC = re.compile(r"^(?P<sign>[+-]?)(?P<group>,?)(?:\.(?P<prec>\d+))?(?P<type>[fgd%]?)$")
_WORDS = re.compile(r"^(?P<kind>plural|count)\((?P<forms>[^)]*)\)$")
# CLDR plural categories in the order templates list their forms
CATEGORIES = {"ru": ("one", "few", "many", "other"), "en": ("one", "other")}


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, "ru_RU"))


def _finite(x) -> bool:
    return x is not None and not isinstance(x, bool) and math.isfinite(float(x))


def number(x, lang: str = "ru", digits: int | None = None, sign: bool = False) -> str:
    """A number with the locale's decimal sign and grouping; ``digits`` fixed decimals (None:
    up to three).

    >>> number(76710913, "ru"), number(76710913, "en"), number(-0.4912, "ru", 2, sign=True)
    ('76\\xa0710\\xa0913', '76,710,913', '-0,49')
    >>> number(float("nan"), "ru"), number(3.5e40, "en")
    ('—', '3.5E40')
    """
    if not _finite(x):
        return DASH
    if abs(float(x)) >= 1e15:  # beyond what fixed decimals can show (a degenerate fit's value)
        return format_scientific(x, format="0.##E0", locale=_locale(lang))
    if digits is None:
        fraction = "#,##0.###"
    else:
        fraction = "#,##0." + "0" * digits if digits else "#,##0"
    pattern = f"+{fraction};-{fraction}" if sign else fraction
    return format_decimal(x, format=pattern, locale=_locale(lang))


def percent(x, lang: str = "ru", digits: int = 0, sign: bool = False) -> str:
    """A share (0.237) as a percent in the locale's style.

    >>> percent(0.237, "ru", 1), percent(0.237, "en", 1), percent(0.05, "ru", sign=True)
    ('23,7\\xa0%', '23.7%', '+5\\xa0%')
    """
    if not _finite(x):
        return DASH
    base = _locale(lang).percent_formats[None].pattern.split(";")[0]
    if digits:
        base = base.replace("#,##0", "#,##0." + "0" * digits, 1)
    pattern = f"+{base};-{base}" if sign else base
    return format_percent(x, format=pattern, locale=_locale(lang))


def date(d: dt.date | None, lang: str = "ru", style: str = "medium") -> str:
    """A date in the locale's style ("medium": 31 дек. 2025 г. / Dec 31, 2025).

    >>> date(dt.date(2025, 12, 31), "en")
    'Dec 31, 2025'
    """
    if d is None:
        return DASH
    return _babel_date(d, format=style, locale=_locale(lang))


def plural(n, forms: tuple[str, ...] | list[str], lang: str = "ru") -> str:
    """The word form for ``n`` among ``forms`` listed in the order of :data:`CATEGORIES`.

    >>> [plural(n, ("проблема", "проблемы", "проблем"), "ru") for n in (1, 2, 5, 11, 21, 112)]
    ['проблема', 'проблемы', 'проблем', 'проблем', 'проблема', 'проблем']
    >>> plural(1, ("problem", "problems"), "en"), plural(3, ("problem", "problems"), "en")
    ('problem', 'problems')
    """
    categories = CATEGORIES["en" if lang == "en" else "ru"]
    category = _locale(lang).plural_form(n if _finite(n) else 0)
    if category not in categories[: len(forms)]:
        # a fraction in Russian ("other") reads like "few": 1,5 балла
        category = "few" if lang == "ru" and "few" in categories[: len(forms)] else categories[-1]
    index = categories.index(category)
    return forms[min(index, len(forms) - 1)]


# Units a consultant writes in a workbook ("минуты", "дни"), each word's forms for one / few /
# many; a unit agrees with its number only when it is one of these words, anything else
# ("млн руб", "шт.", "%") is shown as written.
_UNIT_FORMS = (
    ("секунда", "секунды", "секунд"),
    ("минута", "минуты", "минут"),
    ("час", "часа", "часов"),
    ("день", "дня", "дней"),
    ("неделя", "недели", "недель"),
    ("месяц", "месяца", "месяцев"),
    ("год", "года", "лет"),
    ("раз", "раза", "раз"),
    ("балл", "балла", "баллов"),
    ("процент", "процента", "процентов"),
    ("рубль", "рубля", "рублей"),
    ("заказ", "заказа", "заказов"),
    ("заявка", "заявки", "заявок"),
    ("звонок", "звонка", "звонков"),
    ("обращение", "обращения", "обращений"),
    ("жалоба", "жалобы", "жалоб"),
    ("клиент", "клиента", "клиентов"),
    ("сотрудник", "сотрудника", "сотрудников"),
    ("человек", "человека", "человек"),
    ("штука", "штуки", "штук"),
    ("визит", "визита", "визитов"),
    ("шаг", "шага", "шагов"),
)
_NOMINATIVE_PLURAL = (
    "секунды минуты часы дни недели месяцы годы разы баллы проценты рубли заказы заявки звонки "
    "обращения жалобы клиенты сотрудники люди штуки визиты шаги"
).split()
_UNITS = {form: forms for forms in _UNIT_FORMS for form in forms} | {
    word: forms for word, forms in zip(_NOMINATIVE_PLURAL, _UNIT_FORMS, strict=True)
}


def unit(n, word: str, lang: str = "ru") -> str:
    """A unit from the workbook agreeing with the number ``n`` in Russian, when it is a unit
    word we know in any of its forms; otherwise as written.

    >>> [unit(n, "минуты") for n in (1, 4, 10, 4.5)], unit(3, "часы"), unit(2, "млн руб")
    (['минута', 'минуты', 'минут', 'минуты'], 'часа', 'млн руб')
    """
    forms = _UNITS.get(word.strip().lower()) if lang == "ru" and word else None
    return plural(n, forms, lang) if forms else word


class LocaleFormatter(string.Formatter):
    """``str.format`` with the locale-aware specifications of this module."""

    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value, format_spec: str):
        words = _WORDS.match(format_spec)
        if words:
            forms = words.group("forms").split("|")
            word = plural(value, forms, self.lang)
            return word if words.group("kind") == "plural" else f"{number(value, self.lang)} {word}"
        if format_spec == "date":
            return date(value, self.lang)
        spec = _SPEC.match(format_spec) if format_spec else None
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if numeric and (spec or not format_spec):
            if not spec:
                return super().format_field(value, format_spec)
            sign = spec.group("sign") == "+"
            kind = spec.group("type")
            prec = spec.group("prec")
            if kind == "%":
                return percent(value, self.lang, int(prec or 0), sign)
            if kind == "g":
                return number(value, self.lang, None, sign)
            if kind == "d":
                return number(value, self.lang, 0, sign)
            return number(value, self.lang, int(prec) if prec is not None else 6, sign)
        if value is None or (numeric and not _finite(value)):
            return DASH
        return super().format_field(value, format_spec)
