"""Responsibility over time, coming transitions and handovers, and the worklists built on them."""
