"""The house rules, checked on the source: layers, no import cycles, no I/O in the computations,
every third-party import declared.

The computation packages (``qfd``, ``kpi_tree``) take data and return results; whatever opens a
file, a database or a process lives in ``workbooks``. Inside ``workbooks``, the project format
knows nothing of the analysis or the deliverables, and nothing imports the command line.
"""

from __future__ import annotations

import ast
import configparser
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("qfd", "kpi_tree", "workbooks")
COMPUTATION_FORBIDDEN = {
    "click",
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "docx",
    "pptx",
    "duckdb",
    "pyspark",
    "sqlglot",
    "babel",
    "subprocess",
    "tempfile",
    "shutil",
    "socket",
    "urllib",
    "workbooks",
    "cli",
}


def _modules() -> dict[str, Path]:
    out = {"cli": ROOT / "cli.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module imported by ``path`` (lazy imports inside functions included)."""
    found = []
    module = next(k for k, v in MODULES.items() if v == path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.append((base, node.lineno))
            # `from pkg import module` imports a module too
            found += [
                (f"{base}.{a.name}", node.lineno)
                for a in node.names
                if f"{base}.{a.name}" in MODULES
            ]
    return found


def test_computations_do_no_io_and_know_no_files():
    offenders = []
    for name, path in MODULES.items():
        if not name.startswith(("qfd", "kpi_tree")):
            continue
        for imported, line in _imports(path):
            if imported.split(".")[0] in COMPUTATION_FORBIDDEN:
                offenders.append(f"{name}:{line} imports {imported}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                offenders.append(f"{name}:{node.lineno} calls open()")
    assert offenders == []


# (importer prefix, forbidden imported prefixes): the layers inside workbooks
LAYERS = [
    ("qfd", ("kpi_tree",)),
    ("workbooks.project", ("workbooks.analysis", "workbooks.deliverables", "workbooks.pipeline")),
    ("workbooks.locale", ("workbooks.analysis", "workbooks.deliverables", "workbooks.pipeline")),
    ("workbooks.analysis", ("workbooks.deliverables", "workbooks.pipeline")),
    ("workbooks.deliverables", ("workbooks.pipeline",)),
    ("workbooks", ("cli",)),
]


@pytest.mark.parametrize("importer, forbidden", LAYERS)
def test_layers(importer, forbidden):
    offenders = [
        f"{name}:{line} imports {imported}"
        for name, path in MODULES.items()
        if name == importer or name.startswith(importer + ".")
        for imported, line in _imports(path)
        if imported.startswith(forbidden)
    ]
    assert offenders == []


def test_no_import_cycles():
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        for imported, _ in _imports(path):
            target = imported
            while target and target not in MODULES:  # `from a.b import name` -> module a.b
                target = target.rpartition(".")[0]
            # a package's __init__ re-exporting its own submodules is not a cycle of the layers
            if (
                target
                and target != name
                and not (MODULES[target].name == "__init__.py" and name.startswith(target + "."))
            ):
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert cycles == []


def _declared() -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    lines = cfg["options"]["install_requires"].splitlines()
    lines += cfg["options.extras_require"]["spark"].splitlines()
    return {
        re.split(r"[<>=!;\[ ]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")
        for line in lines
        if line.strip()
    }


def test_every_third_party_import_is_declared():
    distributions = packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    own = {*PACKAGES, "cli"}
    declared = _declared()
    missing = set()
    for path in MODULES.values():
        for imported, _ in _imports(path):
            top = imported.split(".")[0]
            if not top or top in stdlib or top in own or top == "__future__":
                continue
            if top == "tomli":  # declared for Python < 3.11 only
                continue
            names = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
            if not names & declared:
                missing.add(f"{top} ({', '.join(sorted(names))})")
    assert missing == set()
