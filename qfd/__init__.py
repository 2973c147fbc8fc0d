"""The QFD model and everything that feeds it; pure computation over arrays and query engines.

Subpackages follow the method: :mod:`qfd.survey` (CX metrics of the interviews),
:mod:`qfd.behaviour` (payment behaviour, customer value, segments), :mod:`qfd.drivers` (how much
each touchpoint moves the outcome); then :mod:`qfd.planning_matrix`, :mod:`qfd.house_of_quality`
and :mod:`qfd.priorities` build the QFD model with its stability (:mod:`qfd.ranking`,
:mod:`qfd.bootstrap`). Nothing here opens a file, a database or a process.
"""
