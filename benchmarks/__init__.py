"""Benchmarks for retold: read ../shared/data, print tables, write RESULTS.md and results.json."""
