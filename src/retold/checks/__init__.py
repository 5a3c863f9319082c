"""Checks over an alignment: quotations, atoms (numbers, dates, names), changed facts, additions."""
