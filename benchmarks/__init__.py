"""Benchmarks run by ``make bench*``: speed targets live here, never in the test suite."""
