"""Settings shared by the whole test tree.

Property tests (hypothesis) draw the same examples on every run, so that CI on a clean
clone either passes or fails for a reason that reproduces: a random search that may find a
new failure on one run in ten would make CI flaky. To explore with fresh random examples,
run `VLMKG_HYPOTHESIS=explore python -m pytest tests/hardening tests/ingest/test_properties.py`
(or `python -m bench.fuzz_ingest`), and keep what it finds as an `@example`.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("VLMKG_HYPOTHESIS", "ci"))
