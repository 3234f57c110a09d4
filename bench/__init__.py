"""Benchmarks that print numbers: `python -m bench` or `python -m bench.<name>`."""
