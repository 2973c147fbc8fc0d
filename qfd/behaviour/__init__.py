"""Payment behaviour from the transactions (RFM, Pareto, basket), customer value (BG/NBD and
Gamma-Gamma), client segments (k-means, portraits, priority) and the outcome per respondent."""
