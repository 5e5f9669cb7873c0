"""Scenario files (the TOML files in this folder), their loading and checking, and market scaling."""
