"""Shared fixtures: the bundled example and a helper that builds broken copies with openpyxl."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from workbooks.pipeline import example_project

EXAMPLE = example_project()


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example workbook and its transactions file copied into a temporary folder."""
    for f in EXAMPLE.parent.glob("promtech*"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / EXAMPLE.name


@pytest.fixture
def broken(example_copy: Path):
    """``broken(edit)`` applies ``edit(workbook)`` to a copy of the example and saves it."""

    def make(edit) -> Path:
        wb = openpyxl.load_workbook(example_copy)
        edit(wb)
        wb.save(example_copy)
        return example_copy

    return make


@pytest.fixture(scope="session")
def monitoring_result():
    """``qfdkpi monitor``'s analysis of the bundled monitoring example, computed once."""
    from workbooks.examples.monitoring import WORKBOOK
    from workbooks.monitoring import monitor

    return monitor(EXAMPLE.parent / WORKBOOK)


@pytest.fixture(scope="session")
def example_b200():
    """The whole analysis of the bundled example with B = 200, computed once for the modules
    that check its numbers (test_qfd, test_key_drivers)."""
    from workbooks.analysis import analyse
    from workbooks.project import load_project

    return analyse(load_project(EXAMPLE), bootstrap=200)
