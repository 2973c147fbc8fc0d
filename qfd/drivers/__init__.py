"""Key drivers: how much satisfaction with each touchpoint explains the outcome.

:mod:`~qfd.drivers.relative_importance` (exact LMG shares of R², Johnson's weights),
:mod:`~qfd.drivers.missing_data` (correlations under missing answers),
:mod:`~qfd.drivers.regression` (standardised betas with diagnostics) and
:mod:`~qfd.drivers.key_drivers` (the analysis of a project, over the whole sample).
"""
