"""The project workbook: its format (schema), reading and validation, the template, survey
import, and the transaction sources (DuckDB or Spark opened on the client's files)."""

from workbooks.project.load import load_project, project_summary, read_project
from workbooks.project.model import Project

__all__ = ["Project", "load_project", "project_summary", "read_project"]
