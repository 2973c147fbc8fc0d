"""Transactions in an embedded DuckDB database, whatever file they came from.

A :class:`TransactionSource` says where the order lines are: rows of a project sheet, a CSV export
(UTF-8, cp1251 — a typical 1C export —, UTF-16, or lines of both UTF-8 and cp1251; ``,``, ``;``,
tab or ``|`` separated; decimal commas) or Parquet. :func:`open_source` exposes them as one
typed view::

    transactions(client_id VARCHAR, order_id VARCHAR, date DATE, amount DOUBLE, product VARCHAR)

Columns are found by their headers — the names of the transactions sheet and the usual 1C/ERP
headers («ИНН контрагента», «Дата документа», «Сумма с НДС», «Номенклатура»…), or the names given
in the «Столбцы транзакций» setting. DuckDB streams the file, so inputs larger than memory work;
nothing is loaded into Python. With ``check=True`` every line is checked against its contract
and each kind of problem is reported with its count and first line numbers (:class:`Issue`):
blank required cells, unreadable dates, dates outside 1980–2099, unreadable amounts, amounts that
are NaN, infinite or beyond ±10¹³, NUL bytes (errors); exact duplicate lines, lines after the
analysis date, dates more than a year after 95 % of the lines (warnings). Only lines that pass the
contract reach the ``transactions`` view.

Temporary copies of client data (a recoded export) and DuckDB's spill files live in a private
folder (:func:`workbooks.atomic.scratch_dir`) removed on every exit path. Every path and value
reaches SQL quoted or as a parameter.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import os
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from workbooks.atomic import scratch_dir
from workbooks.project.schema import TRANSACTIONS, normalise

__all__ = [
    "DATE_RANGE",
    "MAX_AMOUNT",
    "REQUIRED",
    "Issue",
    "TransactionDB",
    "TransactionError",
    "TransactionSource",
    "accepted_names",
    "check_source",
    "client_ids_with_transactions",
    "memory_limit",
    "open_source",
    "parse_column_setting",
]

KEYS = tuple(c.key for c in TRANSACTIONS.columns)  # client_id, order_id, date, amount, product
REQUIRED = tuple(c.key for c in TRANSACTIONS.columns if c.required)
DATE_RANGE = (dt.date(1980, 1, 1), dt.date(2099, 12, 31))  # plausible order dates
MAX_AMOUNT = 1e13  # |amount| of one order line; beyond it a value is a typo or an overflow
EXAMPLES = 5  # line numbers shown per kind of problem
MEMORY_BOUNDS = (128 * 2**20, 2**40)  # QFDKPI_MEMORY_LIMIT: 128 MiB … 1 TiB (or the machine's)
_NUMERIC = re.compile(
    r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT"
    r"|FLOAT|DOUBLE|DECIMAL.*)$"
)
_DATES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NS", "TIMESTAMP_MS")
DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d/%m/%Y", "%Y%m%d", "%d.%m.%y")


def accepted_names(key: str) -> tuple[str, ...]:
    """Header spellings accepted for a transactions column, in order of preference.

    >>> accepted_names("date")[:3]
    ('Дата', 'Date', 'date')
    """
    col = next(c for c in TRANSACTIONS.columns if c.key == key)
    names = (col.ru, col.en, col.key, *col.aliases)
    return tuple(dict.fromkeys(names))


def _role_of(word: str) -> str | None:
    w = normalise(word)
    for col in TRANSACTIONS.columns:
        if w in col.names():
            return col.key
    return None


def parse_column_setting(text: str) -> tuple[tuple[tuple[str, str], ...], str | None, str]:
    """``"клиент=ИНН контрагента; дата=Дата документа"`` → ``((("client_id", "ИНН контрагента"),
    ("date", "Дата документа")), None, "")``; on a mistake the second item is the catalogue key
    and the third the offending part.

    >>> parse_column_setting("клиент=ИНН; сумма = Сумма с НДС")[0]
    (('client_id', 'ИНН'), ('amount', 'Сумма с НДС'))
    >>> parse_column_setting("цена=Цена")[1:]
    ('tx_setting_role', 'цена')
    """
    pairs = []
    for part in re.split(r"[;\n]", str(text)):
        if not part.strip():
            continue
        role, sep, header = part.partition("=")
        if not sep or not role.strip() or not header.strip():
            return (), "tx_setting_syntax", part.strip()
        key = _role_of(role)
        if key is None:
            return (), "tx_setting_role", role.strip()
        pairs.append((key, header.strip()))
    return tuple(pairs), None, ""


@dataclass(frozen=True)
class TransactionSource:
    """Where the order lines come from; ``columns`` names the headers of some roles."""

    kind: str  # "rows", "csv" or "parquet"
    path: Path | None = None
    rows: tuple[tuple, ...] = field(default=(), repr=False)
    name: str = ""
    columns: tuple[tuple[str, str], ...] = ()  # (role key, header) from the settings

    @classmethod
    def from_file(cls, path: str | Path, columns=()) -> TransactionSource:
        path = Path(path)
        kind = "parquet" if path.suffix.lower() in (".parquet", ".pq") else "csv"
        return cls(kind, path, (), path.name, tuple(columns))

    @classmethod
    def from_rows(cls, rows, name: str = "transactions") -> TransactionSource:
        return cls("rows", None, tuple(tuple(r) for r in rows), name)

    def label(self, lang: str = "ru") -> str:
        return self.name


class TransactionError(Exception):
    """The transactions cannot be read. ``key`` is a catalogue key (or, from older callers, a
    plain sentence); ``at_setting`` marks problems of the «Столбцы транзакций» setting."""

    def __init__(self, key: str, *, at_setting: bool = False, **values: object):
        self.key, self.values, self.at_setting = key, values, at_setting
        super().__init__(f"{key}: {values}" if values else key)

    def message(self, lang: str = "ru") -> str:
        from workbooks.locale import CATALOGUE, tr

        if self.key not in CATALOGUE:
            return self.key
        return tr(self.key, lang, **message_values(self.values, lang))


@dataclass(frozen=True)
class Issue:
    """One kind of problem found in the lines: a catalogue key, its values, error or warning."""

    key: str
    values: tuple[tuple[str, object], ...]
    error: bool = True

    def message(self, lang: str = "ru") -> str:
        from workbooks.locale import tr

        return tr(self.key, lang, **message_values(dict(self.values), lang))


@dataclass
class TransactionDB:
    """An open DuckDB connection with the ``transactions`` view."""

    con: object  # duckdb.DuckDBPyConnection
    issues: tuple[Issue, ...]  # empty unless opened with check=True
    rows: int  # valid lines (-1 when not counted)
    columns: dict[str, str] = field(default_factory=dict)  # role -> header used
    clients: frozenset[str] | None = None  # client ids with a valid line (counted by the check)
    last: dt.date | None = None  # the last date of a valid line (found by the check)

    @property
    def bad_rows(self) -> tuple[int, str] | None:
        """(count, first line numbers) of lines refused by the contract, or None."""
        errors = [dict(i.values) for i in self.issues if i.error and "count" in dict(i.values)]
        if not errors:
            return None
        return sum(e["count"] for e in errors), ", ".join(e["lines"] for e in errors)

    def sql(self, query: str, params=None):
        return self.con.execute(query, params or [])


# ------------------------------------------------------------------ memory


_UNITS = {
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}


def _physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return None


def memory_limit(raw: str | None = None) -> str:
    """DuckDB's memory limit from ``QFDKPI_MEMORY_LIMIT`` (default 2GB), checked and bounded.

    >>> memory_limit("1.5GiB"), memory_limit("512 mb")
    ('1610612736B', '512000000B')
    """
    raw = os.environ.get("QFDKPI_MEMORY_LIMIT", "2GB") if raw is None else raw
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*((?:[kmgt]i?)?b)\s*", raw.lower())
    if not m:
        raise TransactionError("memory_limit_bad", value=raw)
    size = int(float(m.group(1).replace(",", ".")) * _UNITS[m.group(2)])
    low = MEMORY_BOUNDS[0]
    high = min(MEMORY_BOUNDS[1], _physical_memory() or MEMORY_BOUNDS[1])
    if not low <= size <= high:
        raise TransactionError("memory_limit_range", value=raw, low=low / 2**20, high=high // 2**20)
    return f"{size}B"


# ------------------------------------------------------------------ text encodings


@dataclass
class _Recoded:
    """What recoding a text export found: non-ASCII lines per encoding, undecodable lines."""

    major: str = ""
    minor: str = ""
    minor_count: int = 0
    minor_lines: list[int] = field(default_factory=list)
    bad_count: int = 0
    bad_lines: list[int] = field(default_factory=list)


_CLEAN_UTF8: dict[tuple, bool] = {}  # (path, size, mtime) -> whether the whole file is UTF-8
_UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff]")


def _utf16(head: bytes) -> str | None:
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > 0.4 * len(sample) / 2 and even == 0:
            return "utf-16-le"
        if even > 0.4 * len(sample) / 2 and odd == 0:
            return "utf-16-be"
    return None


def _is_utf8(path: Path) -> bool:
    """Whether the whole file decodes as UTF-8 (a fast C-level scan, remembered per file)."""
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _CLEAN_UTF8:
        decoder = codecs.getincrementaldecoder("utf-8")()
        ok = True
        with open(path, "rb") as f:
            try:
                while chunk := f.read(1 << 22):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                ok = False
        _CLEAN_UTF8[key] = ok
    return _CLEAN_UTF8[key]


def _chunks(f, size: int = 1 << 22) -> Iterator[bytes]:
    """Blocks of whole lines."""
    while block := f.read(size):
        if not block.endswith(b"\n"):
            block += f.readline()
        yield block


class _Tally:
    """Lines seen in one encoding: how many, and the first few line numbers."""

    def __init__(self):
        self.count, self.lines = 0, []

    def add(self, n: int) -> None:
        self.count += 1
        if len(self.lines) < EXAMPLES:
            self.lines.append(n)

    def add_block(self, block: bytes, line0: int) -> None:
        """Every non-ASCII line of a block that is in one encoding throughout."""
        for m in _NON_ASCII_LINE.finditer(block):
            if len(self.lines) < EXAMPLES:
                self.lines.append(line0 + block.count(b"\n", 0, m.start()) + 1)
            self.count += 1


def _recode_lines(path: Path, target: Path) -> _Recoded:
    """Write ``path`` as UTF-8, each line read as UTF-8 when it is valid UTF-8, else as cp1251
    (the two encodings of Russian exports; a cp1251 line is practically never valid UTF-8)."""
    seen = {"UTF-8": _Tally(), "cp1251": _Tally()}
    bad = _Tally()
    line0 = 0
    with open(path, "rb") as src, open(target, "w", encoding="utf-8", newline="") as dst:
        for block in _chunks(src):
            text = None
            try:
                text = block.decode("utf-8")
                seen["UTF-8"].add_block(block, line0)
            except UnicodeDecodeError:
                if not _UTF8_PAIR.search(block) and b"\x98" not in block:
                    text = block.decode("cp1251")
                    seen["cp1251"].add_block(block, line0)
            if text is None:
                parts = []
                for i, raw in enumerate(block.split(b"\n")):
                    n = line0 + i + 1
                    try:
                        parts.append(raw.decode("utf-8"))
                        if max(raw, default=0) >= 0x80:
                            seen["UTF-8"].add(n)
                    except UnicodeDecodeError:
                        parts.append(raw.decode("cp1251", errors="replace"))
                        seen["cp1251"].add(n)
                        if "\ufffd" in parts[-1]:
                            bad.add(n)
                text = "\n".join(parts)
            dst.write(text)
            line0 += block.count(b"\n")
    major, minor = sorted(seen, key=lambda k: -seen[k].count)
    found = _Recoded(major, minor, bad_count=bad.count, bad_lines=bad.lines)
    if seen[minor].count:
        found.minor_count, found.minor_lines = seen[minor].count, seen[minor].lines
    return found


def _recode_utf16(path: Path, target: Path, encoding: str) -> _Recoded:
    found = _Recoded("UTF-16")
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    line = 1
    with open(path, "rb") as src, open(target, "w", encoding="utf-8", newline="") as dst:
        while True:
            block = src.read(1 << 22)
            text = decoder.decode(block, final=not block)
            for i, part in enumerate(text.split("\n")):
                if "\ufffd" in part:
                    found.bad_count += 1
                    if len(found.bad_lines) < EXAMPLES:
                        found.bad_lines.append(line + i)
            line += text.count("\n")
            dst.write(text)
            if not block:
                break
    return found


def _room_for_copy(path: Path, workdir: Path) -> None:
    """Refuse before copying when the temporary folder cannot hold the UTF-8 copy (up to twice
    the size of a cp1251 file) — rather than fail half-way."""
    import shutil

    need = 2 * path.stat().st_size + (1 << 20)
    if shutil.disk_usage(workdir).free < need:
        from workbooks.errors import OutputError

        full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        raise OutputError("tmp_failed", tmp=workdir.parent, reason=full)


def text_file(path: Path, workdir: Path) -> tuple[Path, str, _Recoded | None]:
    """(UTF-8 file DuckDB reads, delimiter, what recoding found or None when read in place).

    A file that is UTF-8 throughout is read in place; anything else is recoded into the
    private ``workdir`` first.
    """
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    recoded = None
    encoding16 = _utf16(head)
    if encoding16:
        target = workdir / "transactions_utf8.csv"
        _room_for_copy(path, workdir)
        recoded = _recode_utf16(path, target, encoding16)
    elif _is_utf8(path):
        target = path
    else:
        target = workdir / "transactions_utf8.csv"
        _room_for_copy(path, workdir)
        recoded = _recode_lines(path, target)
    with open(target, encoding="utf-8", errors="replace") as f:
        first = f.readline().lstrip("\ufeff")
    if not first.strip():
        raise TransactionError("tx_empty")
    delimiter = max((";", ",", "\t", "|"), key=first.count)
    return target, delimiter, recoded


def _recoding_issues(found: _Recoded | None) -> list[Issue]:
    if found is None:
        return []
    issues = []
    if found.bad_count:
        issues.append(
            Issue("tx_undecodable", (("count", found.bad_count), ("lines", _lines(found))))
        )
    if found.minor_count:
        lines = _shown_lines(found.minor_lines, found.minor_count)
        values = (
            ("count", found.minor_count),
            ("minor", found.minor),
            ("major", found.major),
            ("lines", lines),
        )
        issues.append(Issue("tx_mixed_encoding", values, error=False))
    return issues


def _lines(found: _Recoded) -> str:
    return _shown_lines(found.bad_lines, found.bad_count)


def _shown_lines(lines, count: int) -> str:
    shown = ", ".join(f"#{n}" for n in lines)
    return shown + (" …" if count > len(lines) else "")


# ------------------------------------------------------------------ SQL pieces


def sql_string(text: object) -> str:
    """A SQL string literal.

    >>> sql_string("/tmp/it's/x.csv")
    "'/tmp/it''s/x.csv'"
    """
    return "'" + str(text).replace("'", "''") + "'"


def sql_name(name: str) -> str:
    """A quoted SQL identifier.

    >>> print(sql_name('Сумма "с НДС" итого'))
    "Сумма ""с НДС"" итого"
    """
    return '"' + str(name).replace('"', '""') + '"'


def _text(col: str) -> str:
    return f"NULLIF(trim(TRY_CAST({sql_name(col)} AS VARCHAR)), '')"


def _date_expr(col: str, native: str) -> str:
    if native in _DATES:
        return f"TRY_CAST({sql_name(col)} AS DATE)"
    t = _text(col)
    formats = "[" + ", ".join(sql_string(f) for f in DATE_FORMATS) + "]"
    return f"COALESCE(TRY_CAST({t} AS DATE), CAST(TRY_STRPTIME({t}, {formats}) AS DATE))"


def _amount_expr(col: str, native: str) -> str:
    if _NUMERIC.match(native):
        return f"TRY_CAST({sql_name(col)} AS DOUBLE)"
    cleaned = f"replace(replace(replace({_text(col)}, ' ', ''), chr(160), ''), ',', '.')"
    return f"TRY_CAST({cleaned} AS DOUBLE)"


def _typed_columns(columns: dict[str, tuple[str, str]]) -> str:
    """The typed columns, plus the raw text of date and amount (to tell blank from unreadable)."""
    parts = []
    for key in KEYS:
        if key not in columns:
            parts.append(f"CAST(NULL AS VARCHAR) AS {key}")
            continue
        name, native = columns[key]
        if key == "date":
            parts.append(f"{_date_expr(name, native)} AS date")
        elif key == "amount":
            parts.append(f"{_amount_expr(name, native)} AS amount")
        else:
            parts.append(f"{_text(name)} AS {key}")
    for key in ("date", "amount"):
        parts.append(f"{_text(columns[key][0])} AS {key}_text")
    return ", ".join(parts)


def _conditions() -> dict[str, str]:
    low, high = (f"DATE {sql_string(d.isoformat())}" for d in DATE_RANGE)
    texts = " OR ".join(f"contains(coalesce({k}, ''), chr(0))" for k in ("client_id", "order_id"))
    texts += " OR contains(coalesce(product, ''), chr(0)) OR contains(coalesce(date_text, ''), "
    texts += "chr(0)) OR contains(coalesce(amount_text, ''), chr(0))"
    return {
        "tx_blank": "client_id IS NULL OR order_id IS NULL OR date_text IS NULL OR amount_text "
        "IS NULL",
        "tx_bad_date": "date_text IS NOT NULL AND date IS NULL",
        "tx_date_range": f"date IS NOT NULL AND (date < {low} OR date > {high})",
        "tx_bad_amount": "amount_text IS NOT NULL AND amount IS NULL",
        "tx_amount_range": f"amount IS NOT NULL AND (NOT isfinite(amount) OR abs(amount) > "
        f"{MAX_AMOUNT:.0f})",
        "tx_nul": texts,
    }


def _valid() -> str:
    return " AND ".join(f"NOT coalesce({c}, false)" for c in _conditions().values())


# ------------------------------------------------------------------ columns


def _match_columns(
    described, configured, file: str = ""
) -> tuple[dict[str, tuple[str, str]], list[Issue]]:
    """Role -> (header, type) from the file's headers; raises when a required role is missing."""
    native = {name: kind for name, kind, *_ in described}
    by_folded: dict[str, str] = {}
    for name in native:
        by_folded.setdefault(normalise(str(name).lstrip("\ufeff")), name)
    columns: dict[str, tuple[str, str]] = {}
    notes: list[Issue] = []
    for key, header in configured:
        name = by_folded.get(normalise(header))
        if name is None:
            raise TransactionError(
                "tx_setting_column",
                at_setting=True,
                file=file,
                value=header,
                role=_role_label(key),
                have=_have(native),
            )
        columns[key] = (name, native[name])
    used = {name for name, _ in columns.values()}
    for key in KEYS:
        if key in columns:
            continue
        hits = []
        for accepted in accepted_names(key):
            name = by_folded.get(normalise(accepted))
            if name is not None and name not in used and name not in hits:
                hits.append(name)
        if hits:
            columns[key] = (hits[0], native[hits[0]])
            used.add(hits[0])
            if len(hits) > 1:
                notes.append(
                    Issue(
                        "tx_column_choice",
                        (
                            ("role", _role_label(key)),
                            ("used", hits[0]),
                            ("others", Names(hits[1:])),
                            ("setting", _setting_label()),
                        ),
                        error=False,
                    )
                )
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        if len(native) < 2:
            raise TransactionError("tx_one_column")
        raise TransactionError(
            "tx_columns_missing",
            missing=_Missing(tuple(missing)),
            have=_have(native),
            setting=_setting_label(),
            example=_example(),
        )
    return columns, notes


@dataclass(frozen=True)
class Word:
    """A word shown in a message, in both languages (a column role, a setting's name)."""

    ru: str
    en: str

    def text(self, lang: str) -> str:
        from workbooks.locale import pair

        return pair(self.ru, self.en, lang)


@dataclass(frozen=True)
class _Missing:
    """Required roles missing from a file, each with the header names it accepts."""

    keys: tuple[str, ...]

    def text(self, lang: str) -> str:
        from workbooks.locale import tr

        return "; ".join(
            tr(
                "tx_column_missing",
                lang,
                role=_role_label(k).text(lang),
                accepted=Names(accepted_names(k)).text(lang),
            )
            for k in self.keys
        )


class Names(tuple):
    """Names shown quoted in the message's language: «a», «b» / 'a', 'b'."""

    def text(self, lang: str) -> str:
        from workbooks.locale import tr

        return ", ".join(tr("quoted_name", lang, name=n) for n in self)


def message_values(values: dict, lang: str) -> dict:
    """Values of a message in its language: words, name lists, OS errors, kinds of file."""
    from workbooks.atomic import os_reason
    from workbooks.locale import words

    out = {}
    for k, v in values.items():
        if isinstance(v, (Word, Names, _Missing)):
            v = v.text(lang)
        elif isinstance(v, OSError):
            v = os_reason(v, lang)
        elif k == "kind" and isinstance(v, str) and v.startswith("kind."):
            v = words(v, lang)
        out[k] = v
    return out


def _role_label(key: str) -> Word:
    col = next(c for c in TRANSACTIONS.columns if c.key == key)
    return Word(col.ru, col.en)


def _setting_label() -> Word:
    from workbooks.project.schema import SETTINGS

    s = next(s for s in SETTINGS if s.key == "transaction_columns")
    return Word(s.ru, s.en)


def _example() -> Word:
    from workbooks.locale import CATALOGUE

    return Word(*CATALOGUE["setting_transaction_columns_example"])


def _have(native) -> Names:
    """The file's headers, shortened: at most 12 of at most 40 characters each."""
    names = [str(n)[:40] for n in native]
    return Names(names[:12] + (["…"] if len(names) > 12 else []))


# ------------------------------------------------------------------ opening a source


def _duck_error(exc: Exception, kind: str) -> TransactionError:
    """A DuckDB reading error as one sentence that never repeats the file's content."""
    text = str(exc)
    m = re.search(r"on Line: (\d+)", text) or re.search(r"[Ll]ine (\d+)", text)
    if kind == "csv":
        return TransactionError("tx_csv_broken", line=int(m.group(1)) if m else 1)
    return TransactionError("tx_file_broken", kind="Parquet")


def _resource_error(exc: Exception, workdir: Path, limit: str) -> TransactionError | None:
    import duckdb

    if isinstance(exc, duckdb.OutOfMemoryException):
        return TransactionError("tx_out_of_memory", limit=limit, tmp=workdir.parent)
    if isinstance(exc, duckdb.IOException) and "temp" in str(exc).lower():
        text = str(exc).lower()
        reason = OSError(errno.ENOSPC, "") if "space" in text else str(exc).splitlines()[0]
        return TransactionError("tmp_failed", tmp=workdir.parent, reason=reason)
    return None


def _cell_text(v: object) -> str | None:
    """A cell of the transactions sheet as text for DuckDB (dates as ISO dates)."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _raw_relation(con, source: TransactionSource, workdir: Path) -> tuple[str, list[Issue]]:
    """SQL of the raw table (every column as the file has it) and what reading it found."""
    if source.kind == "rows":  # passed as parameters: no copy of the rows on disk
        values = [[_cell_text(r[k] if len(r) > k else None) for r in source.rows] for k in range(5)]
        con.execute(
            "CREATE TEMP TABLE raw_rows AS SELECT "
            + ", ".join(f"unnest(${i + 1}::VARCHAR[]) AS {k}" for i, k in enumerate(KEYS)),
            values,
        )
        return "raw_rows", []
    if source.kind == "parquet":
        return f"read_parquet({sql_string(source.path)})", []
    try:
        path, delim, found = text_file(source.path, workdir)
    except OSError as exc:
        if exc.filename is not None and Path(exc.filename) == source.path:
            raise  # the export itself cannot be read: the caller names it
        from workbooks.errors import OutputError

        raise OutputError("tmp_failed", tmp=workdir.parent, reason=exc) from exc
    raw = (
        f"read_csv({sql_string(path)}, all_varchar=true, header=true, delim={sql_string(delim)}, "
        "quote='\"', strict_mode=false, null_padding=true)"
    )
    return raw, _recoding_issues(found)


@contextmanager
def open_source(
    source: TransactionSource,
    *,
    check: bool = True,
    as_of: dt.date | None = None,
    materialise: bool = False,
) -> Iterator[TransactionDB]:
    """Open the transactions as a typed DuckDB view.

    ``check`` checks every line against the contract (:class:`Issue`; ``as_of`` is the analysis
    date, for lines dated after it). ``materialise`` reads the valid lines once into a table
    (DuckDB spills it to the scratch folder beyond the memory limit), for callers that query
    them several times: each query on the view parses the file again. Raises
    :class:`TransactionError` when the columns cannot be found or the file cannot be read.
    """
    import duckdb  # imported when used: commands without transactions start faster

    limit = memory_limit()
    with scratch_dir() as workdir:
        con = duckdb.connect(
            config={
                # one thread: sums of amounts then add up in one order, so reruns are
                # byte-identical (parallel aggregation differs in the last bits run to run)
                "threads": 1,
                "memory_limit": limit,
                "temp_directory": str(workdir / "spill"),
                "preserve_insertion_order": True,
            }
        )
        try:
            raw, issues = _raw_relation(con, source, workdir)
            try:
                described = con.execute(f"DESCRIBE SELECT * FROM {raw}").fetchall()
            except duckdb.Error as exc:
                raise _resource_error(exc, workdir, limit) or _duck_error(exc, source.kind) from exc
            columns, notes = _match_columns(described, source.columns, source.name)
            issues += notes
            typed = _typed_columns(columns)
            first_line = 2 if source.kind in ("csv", "rows") else 1  # a header is line 1
            lines = _Lines(con, raw, typed, first_line)
            kind = "TABLE" if materialise else "VIEW"
            # Checked and kept: the file parsed once, its numbered lines into a table that the
            # check reads, then the valid lines' five columns into the transactions table and
            # the numbered lines dropped (their text columns are the larger part).
            one_pass = check and materialise

            def valid_lines(table: str) -> str:
                return f"SELECT client_id, order_id, date, amount, product FROM {table} WHERE {_valid()}"

            try:
                if one_pass:
                    lines = lines.materialised()
                else:
                    con.execute(f"CREATE TEMP VIEW typed_lines AS SELECT {typed} FROM {raw}")
                    con.execute(f"CREATE TEMP {kind} transactions AS " + valid_lines("typed_lines"))
                total, clients, last = -1, None, None
                if check:
                    found, total, clients, last = _check(lines, as_of)
                    issues += found
                if one_pass:
                    con.execute("CREATE TEMP TABLE transactions AS " + valid_lines(lines.table))
                    con.execute(f"DROP TABLE {lines.table}")
            except duckdb.Error as exc:
                raise _resource_error(exc, workdir, limit) or _duck_error(exc, source.kind) from exc
            used = {k: v[0] for k, v in columns.items()}
            yield TransactionDB(con, tuple(issues), total, used, clients, last)
        except (duckdb.InterruptException, RuntimeError) as exc:
            # DuckDB turns Ctrl-C during a query into its own error ("Query interrupted")
            if isinstance(exc, duckdb.InterruptException) or "interrupted" in str(exc).lower():
                raise KeyboardInterrupt from exc
            raise
        finally:
            con.close()


class _Lines:
    """The typed lines with their line numbers: streamed (each query scans the file again), or
    read once into a table (:meth:`materialised`) when the valid lines are kept afterwards.

    Line numbers come from a sequence evaluated in scan order (DuckDB runs on one thread with
    the insertion order kept), so streaming needs no copy; only the queries of the rare cases
    (duplicates found, isolated dates) scan a second time.
    """

    table = ""  # the table of numbered lines, once materialised

    def __init__(self, con, raw: str, typed: str, first_line: int):
        self.con, self.raw, self.typed, self.first = con, raw, typed, first_line

    def materialised(self) -> _Lines:
        """The numbered lines read once into a table (for a caller that queries the valid
        lines afterwards: the file is parsed once for the check and the analyses)."""
        self.con.execute(f"CREATE OR REPLACE TEMP SEQUENCE qfdkpi_line START {self.first}")
        self.con.execute(
            "CREATE TEMP TABLE numbered_lines AS SELECT nextval('qfdkpi_line') AS line, "
            f"{self.typed} FROM {self.raw}"
        )
        done = _Lines(self.con, self.raw, self.typed, self.first)
        done.table = "numbered_lines"
        return done

    def sql(self, select: str, tail: str = "") -> str:
        """A query over the numbered lines. Conditions go in FILTER clauses, never in a WHERE:
        a filter pushed below the numbering would number only the lines that pass it."""
        if self.table:
            return f"SELECT {select} FROM {self.table} {tail}"
        self.con.execute(f"CREATE OR REPLACE TEMP SEQUENCE qfdkpi_line START {self.first}")
        return (
            f"SELECT {select} FROM (SELECT nextval('qfdkpi_line') AS line, {self.typed} "
            f"FROM {self.raw}) {tail}"
        )

    def query(self, select: str, params=None):
        return self.con.execute(self.sql(select), params or [])


def _check(lines: _Lines, as_of) -> tuple[list[Issue], int, frozenset[str], dt.date]:
    """Every contract of the lines in one scan (duplicates and isolated dates are counted there
    too, and listed by a second scan only when present); (issues, valid lines, client ids, the
    last date of a valid line)."""
    conds = dict(_conditions())
    valid = _valid()
    if as_of is not None:  # a warning, listed after the errors
        conds["tx_after_asof"] = f"{valid} AND date > DATE {sql_string(as_of.isoformat())}"
    parts = [
        "count(*)",
        f"count(*) FILTER (WHERE {valid})",
        f"count(DISTINCT hash(client_id, order_id, date, amount, product)) FILTER (WHERE {valid})",
        f"max(date) FILTER (WHERE {valid})",
        f"approx_quantile(date, 0.95) FILTER (WHERE {valid})",
        f"list(DISTINCT client_id) FILTER (WHERE {valid})",
    ]
    for cond in conds.values():
        parts += [f"count(*) FILTER (WHERE {cond})", f"min(line, {EXAMPLES}) FILTER (WHERE {cond})"]
    row = lines.query(", ".join(parts)).fetchone()
    total, n_valid, distinct, last, q95, clients = row[:6]
    issues = []
    for i, key in enumerate(conds):
        count, shown = row[6 + 2 * i], row[7 + 2 * i]
        if not count:
            continue
        values = [("count", count), ("lines", _shown_lines(shown, count))]
        if key == "tx_date_range":
            values += [("low", DATE_RANGE[0]), ("high", DATE_RANGE[1])]
        if key == "tx_amount_range":
            values.append(("limit", MAX_AMOUNT))
        if key == "tx_after_asof":
            values.append(("asof", as_of))
        issues.append(Issue(key, tuple(values), error=key != "tx_after_asof"))
    if total == 0:
        issues.append(Issue("tx_empty", ()))
    if n_valid and distinct < n_valid:  # equal lines have equal hashes; the listing is exact
        issues += _duplicates(lines, valid)
    if n_valid and as_of is None and last > q95 + dt.timedelta(days=366):
        issues += _isolated_dates(lines, valid, q95 + dt.timedelta(days=366), last)
    return issues, n_valid, frozenset(clients or ()), last


def _duplicates(lines: _Lines, valid: str) -> list[Issue]:
    groups = lines.sql(
        f"count(*) FILTER (WHERE {valid}) AS n, min(line, 2) FILTER (WHERE {valid}) AS first",
        "GROUP BY client_id, order_id, date, amount, product HAVING n > 1",
    )
    extra, examples = lines.con.execute(
        f"SELECT sum(n - 1), (list(first ORDER BY first[1]))[1:3] FROM ({groups})"
    ).fetchone()
    if not extra:
        return []
    shown = ", ".join(f"#{b} = #{a}" for a, b in examples) + (" …" if extra > len(examples) else "")
    return [Issue("tx_duplicates", (("count", int(extra)), ("examples", shown)), error=False)]


def _isolated_dates(lines: _Lines, valid: str, edge: dt.date, last: dt.date) -> list[Issue]:
    late = f"{valid} AND date > ?"
    count, shown = lines.query(
        f"count(*) FILTER (WHERE {late}), min(line, {EXAMPLES}) FILTER (WHERE {late})", [edge, edge]
    ).fetchone()
    if not count:
        return []
    values = (
        ("count", count),
        ("edge", edge),
        ("last", last),
        ("lines", _shown_lines(shown, count)),
    )
    return [Issue("tx_isolated_dates", values, error=False)]


def client_ids_with_transactions(db: TransactionDB) -> set[str]:
    """Client ids that have at least one valid transaction."""
    if db.clients is not None:
        return set(db.clients)
    return {r[0] for r in db.sql("SELECT DISTINCT client_id FROM transactions").fetchall()}


# ------------------------------------------------------------------ the transactions of a project


def source_from_settings(settings, workbook: Path, lang: str, allow_dirs=()):
    """The transactions file named in the settings, resolved inside the workbook's folder (or an
    allowed one): ``(source or None, problems)``, each problem ``(setting key, message, error
    key)`` to be placed on that setting's cell by the caller."""
    from workbooks.locale import tr
    from workbooks.project.safety import resolve_named_file

    problems = []
    columns: tuple = ()
    if settings.transaction_columns:
        columns, bad, part = parse_column_setting(settings.transaction_columns)
        if bad:
            roles = ", ".join(_role_label(k).text(lang) for k in KEYS)
            detail = tr(bad, lang, value=part, roles=roles, example=_example().text(lang))
            message = tr("bad_setting", lang, name=_setting_label().text(lang), detail=detail)
            problems.append(("transaction_columns", message, bad))
    if not settings.transactions_file:
        return None, columns, problems
    path, key, values = resolve_named_file(settings.transactions_file, workbook, allow_dirs)
    if path is None:
        problems.append(("transactions_file", tr(key, lang, **message_values(values, lang)), key))
        return None, columns, problems
    return TransactionSource.from_file(path, columns), columns, problems


# The scope opened by :func:`reading_once`: its exit stack and the readings opened in it, by
# the identity of their source (None outside a scope).
_SHARED: tuple[ExitStack, dict[int, tuple[TransactionSource, TransactionDB]]] | None = None


@contextmanager
def reading_once() -> Iterator[None]:
    """Within this scope the transactions of a source are read once: the check of validation
    (:func:`check_source`) and every DuckDB engine of the analyses
    (:func:`workbooks.project.engines.open_engine`) share one opening, its lines parsed once
    into a table, closed when the scope ends. The analyses only read the valid lines, so
    sharing them changes no result."""
    global _SHARED
    if _SHARED is not None:  # already inside one
        yield
        return
    with ExitStack() as stack:
        _SHARED = (stack, {})
        try:
            yield
        finally:
            _SHARED = None


def shared_reading(source: TransactionSource, check: bool = False, as_of=None):
    """The scope's reading of ``source`` (opened now, checked when ``check``, if it is the
    first ask), or None outside :func:`reading_once`. A reading opened without the check is
    not reused for one: None then too."""
    if _SHARED is None:
        return None
    stack, readings = _SHARED
    if id(source) not in readings:
        db = stack.enter_context(open_source(source, check=check, as_of=as_of, materialise=True))
        readings[id(source)] = (source, db)  # the source kept alive: its id stays its own
        return db
    db = readings[id(source)][1]
    return None if check and db.rows < 0 else db


@contextmanager
def _checked(source: TransactionSource, as_of) -> Iterator[TransactionDB]:
    db = shared_reading(source, check=True, as_of=as_of)
    if db is not None:
        yield db
        return
    with open_source(source, as_of=as_of) as db:
        yield db


def check_source(source: TransactionSource, problems, as_of=None, setting_place=("", "")):
    """Open ``source`` and record every problem of it in ``problems`` (a
    :class:`workbooks.errors.Problems`): errors and warnings with the file's name as their place,
    a column setting's mistakes at ``setting_place`` (sheet, cell). Returns ``(valid lines,
    client ids, the last order date)``, all None when the file cannot be read."""
    lang = problems.lang
    try:
        with _checked(source, as_of) as db:
            have = client_ids_with_transactions(db)
            last = db.last  # found by the check's scan: no second pass over the file
            issues, count = db.issues, db.rows
    except TransactionError as exc:
        place = setting_place if exc.at_setting else (source.label(lang), "")
        problems.error(exc.message(lang), *place, "", exc.key)
        return None, None, None
    for issue in issues:
        report = problems.error if issue.error else problems.warn
        report(issue.message(lang), source.label(lang), "", "", issue.key)
    return count, have, last
