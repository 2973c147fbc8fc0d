"""What the consultant hands over: the priorities workbook, the TOR, the dashboard page and the
terminal reports."""
