"""Analyses over runs: paired comparison, flip point, lost customer, sweep designs,
sensitivity, message traces."""
