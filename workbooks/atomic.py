"""Outputs are written atomically: built under a temporary name, renamed into place at the end.

An interrupted or failed write leaves the previous file (or nothing), never half a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from workbooks.errors import OutputError

__all__ = ["atomic_dir", "atomic_path"]


@contextmanager
def atomic_path(path: str | Path, force: bool = False):
    """Yield a temporary path next to ``path``; move it into place only on success.

    An interrupted or failed write leaves no partial file behind.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputError("exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes owner-only files; outputs are ordinary files
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class atomic_dir:
    """Build a folder under a temporary name, then rename it into place."""

    def __init__(self, target: Path, force: bool):
        self.target = Path(target)
        if self.target.exists() and any(self.target.iterdir()) and not force:
            raise OutputError("exists", path=self.target)

    def __enter__(self) -> Path:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}-", dir=self.target.parent))
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o777 & ~umask)  # mkdtemp makes an owner-only folder
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            self.target.rename(old)
            self.tmp.rename(self.target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            self.tmp.rename(self.target)
