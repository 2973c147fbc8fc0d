"""The sheets of ``priorities.xlsx``, one module per part of the method: the planning matrix
and its importance–performance map, the drivers and CX metrics, the House of Quality and its
roof, the segments, the KPI trees with bottlenecks, processes and data gaps, and the summary,
roadmap and method sheets; :mod:`.base` sizes every sheet from its text."""
