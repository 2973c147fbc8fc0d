"""Temporary files and folders: outputs written atomically, client data kept private, nothing left.

* :func:`atomic_path` — one output file, built under a temporary name and renamed into place.
* :class:`atomic_dir` — a whole output folder, built under a temporary name and swapped in at the
  end. The folder must be new (or empty) or one qfdkpi wrote before: such a folder carries the
  marker file :data:`MARKER`, which lists the files the tool wrote. Only those files are ever
  replaced or deleted; anything else found there (a file the consultant saved into the folder,
  even during the run) is carried over into the new folder. A folder that holds an input of the
  run is refused outright.
* :func:`scratch_dir` — a private (0700) folder for temporary copies of client data (a recoded
  CSV export, DuckDB's spill files), removed on every exit path the process can catch; folders
  left by a killed run are removed by the next run (each live folder holds a lock its owner
  keeps while it runs).

Every temporary path is registered, removed by :func:`cleanup` (the command line calls it on
the way out, and ``atexit`` as a last resort), and the critical sections — the final swap, the
cleanup itself — run with SIGINT, SIGTERM and SIGHUP deferred, so a signal cannot leave half of
either behind.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from workbooks.errors import OutputError

__all__ = [
    "MARKER",
    "atomic_dir",
    "atomic_path",
    "cleanup",
    "deferred_signals",
    "is_within",
    "os_error_in",
    "os_reason",
    "scratch_dir",
    "sweep_stale",
]

MIN_FREE = 16 * 2**20  # bytes free where the outputs go (they take a few MB)
MARKER = ".qfdkpi-output.json"  # in every output folder the tool wrote: which files are its own
SCRATCH_PREFIX = "qfdkpi-tmp-"  # private folders for client data under TMPDIR
_LOCK = ".lock"  # held (flock) by the process that owns a temporary folder while it runs
_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
_LIVE: dict[Path, object] = {}  # temporary paths of this process -> the open lock (or None)


# ------------------------------------------------------------------ signals and the registry


@contextmanager
def deferred_signals():
    """Run a critical section with SIGINT/SIGTERM/SIGHUP held back; one that arrived meanwhile
    is raised as KeyboardInterrupt when the section ends (the command line maps it to exit 130)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {}
    for s in _SIGNALS:
        try:
            previous[s] = signal.signal(s, lambda signum, frame: arrived.append(signum))
        except (ValueError, OSError):  # pragma: no cover - not settable here
            pass
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if arrived and previous.get(arrived[0]) not in (signal.SIG_IGN, None):
            raise KeyboardInterrupt


def _remove(path: Path) -> None:
    lock = _LIVE.pop(path, None)
    if lock is not None:
        lock.close()
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def cleanup() -> None:
    """Remove every temporary path this process still holds (signals deferred meanwhile)."""
    with deferred_signals():
        for path in list(_LIVE):
            _remove(path)


atexit.register(cleanup)


def _hold_lock(folder: Path):
    """Create ``folder/.lock`` and keep it locked while this process runs."""
    f = open(folder / _LOCK, "a+b")
    try:
        import fcntl

        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # pragma: no cover - Windows: an open file cannot be deleted instead
        pass
    return f


def _owner_alive(folder: Path) -> bool:
    """Whether the process that made ``folder`` still runs (it holds the folder's lock)."""
    lock = folder / _LOCK
    if not lock.exists():
        return False
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        try:
            lock.unlink()  # fails while the owner keeps it open
            return False
        except OSError:
            return True
    try:
        with open(lock, "rb") as f:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            return False
    except OSError:
        return True  # cannot tell: leave it alone


def sweep_stale(parent: Path, prefix: str) -> list[Path]:
    """Remove folders ``parent/prefix*`` left by runs that were killed; return what was removed.

    Only folders of this user that carry the lock file of a temporary folder and whose owner no
    longer runs are removed; anything else with a similar name is left alone.
    """
    removed = []
    try:
        entries = list(Path(parent).iterdir())
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not entry.name.startswith(prefix) or entry in _LIVE:
            continue
        try:
            st = entry.lstat()
        except OSError:
            continue
        if not entry.is_dir() or entry.is_symlink() or (uid is not None and st.st_uid != uid):
            continue
        if not (entry / _LOCK).exists() or _owner_alive(entry):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _make_temp_dir(parent: Path, prefix: str) -> Path:
    """A new 0700 folder in ``parent``, registered for removal and locked by this process."""
    with deferred_signals():
        path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        _LIVE[path] = None
        _LIVE[path] = _hold_lock(path)
    return path


@contextmanager
def scratch_dir():
    """A private folder (0700) under TMPDIR for temporary copies of client data.

    Removed when the block ends, however it ends; folders of killed runs are swept first.
    """
    base = Path(tempfile.gettempdir())
    sweep_stale(base, SCRATCH_PREFIX)
    try:
        path = _make_temp_dir(base, f"{SCRATCH_PREFIX}{os.getpid()}-")
    except OSError as exc:
        raise OutputError("tmp_failed", tmp=base, reason=exc) from exc
    try:
        yield path
    finally:
        with deferred_signals():
            _remove(path)


# ------------------------------------------------------------------ one output file


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


@contextmanager
def atomic_path(path: str | Path, force: bool = False):
    """Yield a temporary path next to ``path``; move it into place only on success.

    An interrupted or failed write leaves no partial file behind.
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputError("exists", path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with deferred_signals():
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        _LIVE[tmp] = None
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes owner-only files; outputs are ordinary files
    try:
        yield tmp
        with deferred_signals():
            os.replace(tmp, path)
            _LIVE.pop(tmp, None)
    finally:
        if tmp in _LIVE:
            with deferred_signals():
                _remove(tmp)


# ------------------------------------------------------------------ a whole output folder


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it (both resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def _read_marker(folder: Path) -> list[str] | None:
    """The files listed in ``folder``'s marker, or None when the folder is not the tool's."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "qfdkpi":
        return None
    files = data.get("files")
    if not isinstance(files, list) or not all(isinstance(f, str) and "/" not in f for f in files):
        return None
    return files


def _write_marker(folder: Path, files: list[str]) -> None:
    data = {
        "tool": "qfdkpi",
        "note": "Output folder written by qfdkpi; the files listed are its own and are replaced "
        "on the next run with --force. Anything else in this folder is kept.",
        "files": sorted(files),
    }
    (folder / MARKER).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _nearest_existing(path: Path) -> Path:
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


class atomic_dir:
    """Build an output folder under a temporary name, then swap it into place.

    ``target`` must be new, empty, or written by qfdkpi before (then ``force`` is needed);
    ``inputs`` are files the run reads: a target holding one of them is refused. Everything is
    checked here, before the long work, including whether the place can be written at all.
    """

    def __init__(self, target: Path, force: bool, inputs=()):
        self.target = Path(os.path.abspath(target))
        self.force = force
        self.owned: list[str] = []  # files of the previous output folder the tool wrote
        self.snapshot: dict[str, tuple[int, int] | None] = {}
        self.kept: list[str] = []  # entries not written by the tool, carried over
        self._check_place()
        self.check_inputs(inputs)
        self._check_existing()
        self._probe()

    # -- checks before the work

    def _check_place(self) -> None:
        for parent in reversed(self.target.parents):
            if parent.exists() and not parent.is_dir():
                raise OutputError("out_parent_not_folder", path=parent, target=self.target)
        if self.target.exists() and not self.target.is_dir():
            raise OutputError("out_not_folder", path=self.target)
        if self.target.is_symlink():
            self.target = self.target.resolve()

    def check_inputs(self, inputs) -> None:
        """Refuse a target that is, or contains, a file the run reads."""
        for f in inputs:
            if f is not None and is_within(Path(f), self.target):
                raise OutputError("out_holds_input", path=self.target, input=Path(f).name)

    def _check_existing(self) -> None:
        t = self.target
        if not t.exists():
            return
        entries = sorted(p.name for p in t.iterdir())
        if not entries:
            return  # an empty folder: nothing in it can be lost
        owned = _read_marker(t)
        if owned is None:
            shown = ", ".join(entries[:5]) + (" …" if len(entries) > 5 else "")
            raise OutputError("out_not_ours", path=t, entries=shown, marker=MARKER)
        if not self.force:
            raise OutputError("out_exists", path=t)
        self.owned = owned
        self.snapshot = {name: _stat(t / name) for name in entries}

    def _probe(self) -> None:
        """Create and remove a folder where the outputs will go: fails now, not after the work."""
        place = _nearest_existing(self.target.parent)
        try:
            probe = tempfile.mkdtemp(prefix=f".{self.target.name}.qfdkpi-probe-", dir=place)
            os.rmdir(probe)
        except OSError as exc:
            raise OutputError(
                "out_not_writable", path=place, reason=exc, target=self.target
            ) from exc
        free = shutil.disk_usage(place).free
        if free < MIN_FREE:
            raise OutputError("out_no_space", path=place, free=free / 2**20, need=MIN_FREE / 2**20)

    # -- the work

    def __enter__(self) -> Path:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        prefix = f".{self.target.name}.qfdkpi-"
        sweep_stale(self.target.parent, prefix)
        self.tmp = _make_temp_dir(self.target.parent, prefix)
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        with deferred_signals():
            if exc_type is not None:
                _remove(self.tmp)
                cause = os_error_in(exc)
                if cause is not None:  # a full disk, a quota: name the folder asked for
                    raise OutputError("out_write_failed", path=self.target, reason=cause) from exc
                return
            try:
                self._swap()
            finally:
                if self.tmp in _LIVE:
                    _remove(self.tmp)

    def _swap(self) -> None:
        lock = _LIVE.get(self.tmp)
        if lock is not None:
            lock.close()
            _LIVE[self.tmp] = None
        (self.tmp / _LOCK).unlink()
        written = sorted(p.name for p in self.tmp.iterdir())
        _write_marker(self.tmp, written)
        os.chmod(self.tmp, 0o777 & ~_umask())  # mkdtemp makes an owner-only folder
        t = self.target
        if not t.exists():
            os.rename(
                self.tmp, t
            )  # an empty folder that appeared meanwhile is replaced, nothing else
            _LIVE.pop(self.tmp, None)
            return
        owned = set(self.owned) | {MARKER}
        changed = [
            name
            for name, before in self.snapshot.items()
            if name in owned and name != MARKER and _stat(t / name) != before
        ]
        if changed:
            raise OutputError("out_changed", path=t, files=", ".join(changed))
        entries = sorted(p.name for p in t.iterdir())
        foreign = [name for name in entries if name not in owned]
        clash = [name for name in foreign if (self.tmp / name).exists()]
        if clash:
            raise OutputError("out_clash", path=t, files=", ".join(clash))
        for name in foreign:  # the consultant's own files stay where they put them
            os.rename(t / name, self.tmp / name)
        self.kept = foreign
        old = t.with_name(f".{t.name}.qfdkpi-old-{os.getpid()}")
        os.rename(t, old)
        os.rename(self.tmp, t)
        _LIVE.pop(self.tmp, None)
        for name in sorted(owned):  # delete only what the tool wrote
            p = old / name
            if p.is_file() or p.is_symlink():
                p.unlink()
        for late in sorted(old.iterdir()):  # appeared during the swap itself: keep it too
            if not (t / late.name).exists():
                os.rename(late, t / late.name)
                self.kept.append(late.name)
        try:
            old.rmdir()
        except OSError:  # something we must not delete is still there: leave it, visible
            pass


def os_error_in(exc: BaseException | None) -> OSError | None:
    """The OS error behind ``exc``: itself, or one it was raised from or while handling (writers
    such as xlsxwriter wrap the OSError of a full disk in their own exception)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OSError):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def os_reason(exc: OSError, lang: str = "ru") -> str:
    """Why an OS call failed, in words (never the errno number alone).

    >>> os_reason(OSError(28, "No space left on device"), "ru")
    'на диске нет места'
    """
    from workbooks.locale import CATALOGUE, tr

    name = errno.errorcode.get(exc.errno or 0, "")
    if f"errno.{name}" in CATALOGUE:
        return tr(f"errno.{name}", lang)
    return exc.strerror or type(exc).__name__
