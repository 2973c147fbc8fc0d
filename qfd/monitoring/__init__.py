"""Continuous CX monitoring (docs/method.md §13): survey waves and their changes, early warnings
that respect sampling error, themes of open comments, retention and sleeping clients from the
transactions, process bottlenecks from an event log, and operational data (O-data) linked to the
experience data (X-data) of the waves."""
