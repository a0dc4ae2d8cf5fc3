"""Speed benchmarks for Samtale: each figure is a ratio against a baseline measured in the same run.

Run them all from the repository root with ``python -m benchmarks`` (``--quick`` for a smoke test,
``--only NAME`` for one, ``--markdown`` for the README table). The machines are shared and noisy,
so a benchmark never asserts a time: it runs the baseline and Samtale interleaved, takes medians,
and reports both absolute figures, their ratio and whether the ratio meets its target.
"""
