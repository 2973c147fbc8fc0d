"""How much room a text needs: widths, line breaks and line counts in the deliverables' font.

Every deliverable is set in Arial (Liberation Sans on Linux and in LibreOffice: the same metrics),
so the width of a text can be computed from the font's advance widths instead of guessed from its
length. The workbook uses this for column widths and row heights, the TOR for column widths that
never break a word, the deck for font sizes that fit their boxes. The widths below are the advance
widths of Liberation Sans Regular and Bold in thousandths of an em (measured once from the font
files); characters not listed count as wide as the widest letter.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["fit_font_size", "line_count", "longest_word", "text_width", "wrap"]

# ASCII 32-126, Cyrillic U+0410-U+044F, then the symbols in _EXTRA.
_EXTRA = (
    "\u0401\u0451\u2013\u2014\u00ab\u00bb\u2116\u00b7\u00d7\u2212\u2265\u2264\u2026\u2192\u2190"
    "\u25b6\u00b0\u00b2\u2080\u2022\u2191\u2193\u2248\u03bb\u03c4\u03b2\u20ac\u20bd"
)
_CHARS = "".join(map(chr, range(32, 127))) + "".join(map(chr, range(0x410, 0x450))) + _EXTRA
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584 667 656 667 542 677 667 923 604 719 719 583 656 833 722 778 "
    "719 667 722 611 635 760 667 740 666 916 938 792 885 656 719 1010 722 556 573 531 365 584 "
    "556 669 458 559 559 438 584 688 552 556 542 556 500 458 500 823 500 573 521 802 823 625 "
    "719 521 510 750 542 667 556 556 1000 556 556 1073 333 584 584 549 549 1000 1000 1000 750 "
    "400 333 415 350 500 500 549 500 395 575 556 750"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584 722 719 722 567 712 667 904 626 719 719 610 702 833 722 778 "
    "719 667 722 611 622 854 667 730 703 1005 1019 870 979 719 711 1031 719 556 618 615 416 "
    "635 556 709 497 615 615 500 635 740 604 611 604 611 556 490 556 875 556 615 581 834 844 "
    "729 854 615 552 854 584 669 556 556 1000 556 556 1115 333 584 584 549 549 1000 1000 1000 "
    "750 400 333 451 350 500 500 549 556 446 610 556 750"
)
_WIDTHS = {
    False: dict(zip(_CHARS, map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(_CHARS, map(int, _BOLD.split()), strict=True)),
}
_UNKNOWN = 1000  # as wide as an em: never underestimates
_SPACES = " \u00a0\u202f"


@lru_cache(maxsize=65536)
def text_width(text: str, size: float = 10.0, bold: bool = False) -> float:
    """Width of ``text`` on one line, in points, at ``size`` points.

    >>> round(text_width("0123456789", 10), 2)   # Arial digits are 0.556 em
    55.6
    >>> text_width("bold", 10, bold=True) > text_width("bold", 10)
    True
    """
    table = _WIDTHS[bold]
    em = sum(table.get(c, 278 if c in _SPACES else _UNKNOWN) for c in text)
    return em * size / 1000


def _words(text: str) -> list[str]:
    return [w for w in text.replace("\u00a0", "\u2060").split() if w]


def longest_word(text: str, size: float = 10.0, bold: bool = False) -> float:
    """Width of the widest unbreakable piece of ``text`` (words joined by no-break spaces stay
    together), in points.

    >>> longest_word("a bb ccc", 10) == text_width("ccc", 10)
    True
    """
    return max(
        (text_width(w.replace("\u2060", "\u00a0"), size, bold) for w in _words(text)), default=0.0
    )


def wrap(text: str, width: float, size: float = 10.0, bold: bool = False) -> list[str]:
    """``text`` broken greedily into lines no wider than ``width`` points (a word wider than the
    line gets a line of its own), paragraph breaks kept.

    >>> wrap("one two three", text_width("one two", 10), 10)
    ['one two', 'three']
    """
    out: list[str] = []
    space = text_width(" ", size, bold)
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in _words(paragraph):
            word = word.replace("\u2060", "\u00a0")
            w = text_width(word, size, bold)
            if line and used + space + w > width:
                out.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        out.append(line)
    return out


def line_count(text: str, width: float, size: float = 10.0, bold: bool = False) -> int:
    """How many lines ``text`` takes in a box ``width`` points wide.

    >>> line_count("", 100), line_count("a\\nb", 100)
    (1, 2)
    """
    return max(1, len(wrap(text, width, size, bold)))


def fit_font_size(
    lines: list[str],
    width: float,
    height: float,
    sizes: tuple[float, ...] = (18, 16, 14, 12, 11, 10, 9, 8),
    bold: bool = False,
    leading: float = 1.2,
) -> float:
    """The largest of ``sizes`` at which the paragraphs ``lines`` fit a ``width`` × ``height``
    box (points), with line height ``leading`` × size; the smallest size when none fits, and no
    word may be wider than the box.

    >>> fit_font_size(["short"], 200, 40)
    18
    >>> fit_font_size(["word " * 60], 200, 60) < 12
    True
    """
    for size in sizes:
        if any(longest_word(p, size, bold) > width for p in lines):
            continue
        total = sum(line_count(p, width, size, bold) for p in lines)
        if total * size * leading <= height:
            return size
    return sizes[-1]
