"""Journey design: from today's journey to tomorrow's.

:mod:`~qfd.journey.paths` compares each segment's current path (as-is) with its target path
(to-be) and ties every change to the QFD priority list; :mod:`~qfd.journey.personas` crosses
the k-means clusters with overlapping attribute segments and builds a persona card per cluster;
:mod:`~qfd.journey.contact` derives the contact frequency of a segment from its inter-purchase
times; :mod:`~qfd.journey.communication` turns all of it into a communication program and
service levels. Nothing here opens a file.
"""
