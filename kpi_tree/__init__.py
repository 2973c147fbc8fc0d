"""KPI trees per touchpoint (networkx): attainment, bottlenecks, process limits, data audit."""
