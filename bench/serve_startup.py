"""Time from `vlmkg serve` to the first successful page load, graph built and not built.

For each case a fresh `vlmkg serve` child process is started and polled every 50 ms:
  - first page: GET / answers 200 (the loading page with progress, or the UI);
  - UI page: GET / answers with the Gradio app (Gradio imported, UI usable);
  - first query: /sparql answers a SELECT (the graph and the query workers are up);
  - all loaded: /health reports every step ready (assistant included).

    python -m bench.serve_startup              # both cases, 1 run each
    python -m bench.serve_startup --runs 3     # median of 3 for the built case
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from bench._server import free_port, start_serve, stop

LIMIT_S = 600.0
QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?m a vlm:Model }"


def measure(home: Path) -> dict[str, float]:
    """Seconds from start to first page, first SPARQL answer, and everything loaded."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    began = time.monotonic()
    process = start_serve(home, port)
    marks: dict[str, float] = {}
    try:
        with httpx.Client(timeout=5) as client:
            while len(marks) < 4 and time.monotonic() - began < LIMIT_S:
                if process.poll() is not None:
                    raise SystemExit(f"vlmkg serve exited with {process.returncode}")
                now = time.monotonic() - began
                try:
                    if "ui_page_s" not in marks:
                        page = client.get(url + "/")
                        if page.status_code == 200:
                            marks.setdefault("first_page_s", now)
                            if "gradio" in page.text.lower():
                                marks["ui_page_s"] = now
                    if "first_query_s" not in marks:
                        answer = client.get(url + "/sparql", params={"query": QUERY})
                        if answer.status_code == 200:
                            marks["first_query_s"] = now
                    steps = client.get(url + "/health").json()["steps"].values()
                    if all(s.startswith(("ready", "failed", "off", "skipped")) for s in steps):
                        marks.setdefault("all_loaded_s", now)
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
    finally:
        stop(process)
    return {k: round(v, 2) for k, v in marks.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of the built case")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="vlmkg-bench-serve-"))
    try:
        not_built = measure(scratch / "home")  # this run builds the graph
        built_runs = [measure(scratch / "home") for _ in range(args.runs)]
        built = {k: statistics.median(r[k] for r in built_runs) for k in built_runs[0]}
        print(json.dumps({"graph_not_built": not_built, "graph_built": built}, indent=1))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
