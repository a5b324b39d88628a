"""Planning: cohort budgets, volume/staff/cost forecasts with Monte Carlo, housing for small
groups, and organisational alternatives compared on the seeds' four perspectives.

Pure Python and numpy, no Django: the same functions serve the CLI, the web pages and the
benchmark. Amounts come from the dated parameters (`mottagning.rules.params`) and from the
seeds' own figures in `data/`, each with its source.
"""
