"""Checks on the files a run opens: a spreadsheet before any library parses it, and the files a
workbook names (they must stay inside the workbook's folder or a folder allowed on the command
line, and be regular files).

An .xlsx is a zip of XML. A hostile or broken file can be a zip bomb (a few kB that inflate to
gigabytes), carry thousands of entries, be encrypted (password-protected files are OLE
containers, not zips), or carry macros. We look at the container first and refuse with a clear
message; XML entity expansion is handled by the parsers (python-calamine's quick-xml does not
expand DTD entities; openpyxl uses defusedxml, a declared dependency).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from workbooks.errors import Problem, ProjectError
from workbooks.locale import tr

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "check_given_file",
    "check_spreadsheet",
    "resolve_named_file",
]

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


# ------------------------------------------------------------------ files named by a workbook


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "kind.dir"
    if stat.S_ISFIFO(mode):
        return "kind.fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "kind.device"
    if stat.S_ISSOCK(mode):
        return "kind.socket"
    return "kind.other"


def resolve_named_file(
    raw: str, workbook: Path, allow_dirs=()
) -> tuple[Path | None, str, dict[str, object]]:
    """The file a workbook names (a setting), or why it cannot be used: ``(path, "", {})`` or
    ``(None, catalogue key, values)``.

    The path is taken relative to the workbook's folder and must resolve — links followed —
    inside that folder or one of ``allow_dirs`` (given on the command line); it must be a
    regular file, never a folder, device, FIFO or socket. Nothing outside is even looked at:
    a path that leaves the allowed folders is refused before its existence is checked.
    """
    base = Path(workbook).resolve().parent
    given = Path(str(raw).strip())
    candidate = given if given.is_absolute() else base / given
    resolved = Path(os.path.realpath(candidate))
    folders = [base, *(Path(os.path.realpath(d)) for d in allow_dirs)]
    if not any(resolved == f or f in resolved.parents for f in folders):
        return None, "path_outside", {"value": raw, "folder": base}
    try:
        st = os.stat(resolved)
    except FileNotFoundError:
        return None, "file_missing", {"value": raw}
    except OSError as exc:
        return None, "path_unreadable", {"value": raw, "reason": exc}
    if not stat.S_ISREG(st.st_mode):
        return None, "path_not_file", {"value": raw, "kind": _kind(st.st_mode)}
    try:
        with open(resolved, "rb"):
            pass
    except OSError as exc:
        return None, "path_unreadable", {"value": raw, "reason": exc}
    return resolved, "", {}


def check_given_file(path: Path) -> tuple[str, dict[str, object]]:
    """A file given on the command line: it must be a readable regular file ("" when it is)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file_missing", {"value": path}
    except OSError as exc:
        return "path_unreadable", {"value": path, "reason": exc}
    if not stat.S_ISREG(st.st_mode):
        return "path_not_file", {"value": path, "kind": _kind(st.st_mode)}
    return "", {}
