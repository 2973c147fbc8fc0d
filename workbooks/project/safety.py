"""Checks on a spreadsheet file before any library parses it.

An .xlsx is a zip of XML. A hostile or broken file can be a zip bomb (a few kB that inflate to
gigabytes), carry thousands of entries, be encrypted (password-protected files are OLE
containers, not zips), or carry macros. We look at the container first and refuse with a clear
message; XML entity expansion is handled by the parsers (python-calamine's quick-xml does not
expand DTD entities; openpyxl uses defusedxml, a declared dependency).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNCOMPRESSED", "check_spreadsheet"]

MAX_UNCOMPRESSED = 2 * 1024**3  # bytes of XML a workbook may inflate to
MAX_ENTRIES = 10_000
MAX_RATIO = 200  # compression ratio above which a large entry counts as a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_spreadsheet(path: Path, lang: str = "ru") -> list[Problem]:
    """Raise :class:`ProjectError` for files we must not open; return warnings (macros)."""
    path = Path(path)

    def fail(key: str, **kw) -> ProjectError:
        return ProjectError([Problem(tr(key, lang, **kw))], path.name, lang)

    with open(path, "rb") as f:
        head = f.read(8)
        if head == OLE_MAGIC:
            f.seek(0)
            body = f.read(4 * 1024 * 1024)
            if "EncryptedPackage".encode("utf-16-le") in body:
                raise fail("encrypted")
            return []  # a legacy .xls: calamine reads it
    if not head.startswith(b"PK"):
        return []  # not a zip: calamine will say what it is not
    warnings = []
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_ENTRIES:
                raise fail("zip_entries", n=len(infos), limit=MAX_ENTRIES)
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise fail("zip_bomb", size=total // 1024**2, limit=MAX_UNCOMPRESSED // 1024**2)
            for i in infos:
                if i.file_size > 50 * 1024**2 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise fail(
                        "zip_bomb", size=i.file_size // 1024**2, limit=MAX_UNCOMPRESSED // 1024**2
                    )
            if any(i.filename.lower().endswith("vbaproject.bin") for i in infos):
                warnings.append(Problem(tr("macros_ignored", lang)))
    except zipfile.BadZipFile:
        return []  # calamine reports the broken file with its own words
    return warnings
