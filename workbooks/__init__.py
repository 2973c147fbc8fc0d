"""The consultant's files and the run that joins them to the analyses.

:mod:`workbooks.project` reads, validates and writes the project workbook and opens the
transactions; :mod:`workbooks.analysis` runs the stages of the method on a project;
:mod:`workbooks.deliverables` writes what the client receives; :mod:`workbooks.locale` holds every
sentence a user reads; :mod:`workbooks.pipeline` runs validate → analyse → write atomically.
"""
