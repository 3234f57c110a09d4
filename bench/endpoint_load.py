"""Throughput and latency of `/sparql` under 20 concurrent clients (bounded, <= 60 s).

Starts `vlmkg serve` on 127.0.0.1 (on $VLMKG_HOME's graph, built first if missing) or
uses --url, then N client threads each send a typical SELECT in a loop, one request at
a time, for --seconds. Prints requests/s, latency percentiles and errors as JSON.

    python -m bench.endpoint_load                      # 20 clients, 20 s, 2 query workers
    python -m bench.endpoint_load --workers 4 --seconds 30
    python -m bench.endpoint_load --url http://127.0.0.1:7860
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time

import httpx

from bench._server import free_port, start_serve, stop
from vlmkg import config

QUERIES = {
    "models by encoder family": """
        SELECT ?model ?family WHERE {
          ?m a vlm:Model ; rdfs:label ?model ; vlm:visionEncoder/skos:broader* ?f .
          ?f rdfs:label ?family .
          FILTER NOT EXISTS { ?f skos:broader ?parent }
        } ORDER BY ?model""",
    "count by year": """
        SELECT ?year (COUNT(DISTINCT ?m) AS ?models) WHERE {
          ?m a vlm:Model ; vlm:releaseYear ?year } GROUP BY ?year ORDER BY ?year""",
}
MAX_SECONDS = 60.0


def run_clients(url: str, query: str, clients: int, seconds: float) -> dict[str, float]:
    """Requests/s, latency percentiles (ms) and error count of `clients` looping threads."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        with httpx.Client(timeout=60) as http:
            while time.monotonic() < stop_at:
                began = time.perf_counter()
                try:
                    response = http.get(
                        url + "/sparql",
                        params={"query": query},
                        headers={"Accept": "application/sparql-results+json"},
                    )
                    ok = response.status_code == 200
                    problem = f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, problem = False, type(exc).__name__
                elapsed = time.perf_counter() - began
                with lock:
                    (latencies.append(elapsed) if ok else errors.append(problem))

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {
        "requests": len(latencies),
        "errors": len(errors),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1),
    }


def wait_ready(url: str, limit_s: float = 600) -> None:
    """Block until /sparql answers (the server may be building the graph)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url}/sparql did not answer within {limit_s} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="per query, at most 60")
    parser.add_argument("--workers", type=int, default=2, help="--query-workers of the server")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS / len(QUERIES))
    process = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        process = start_serve(config.home(), port, "--query-workers", str(args.workers))
    try:
        wait_ready(url)
        report = {
            "clients": args.clients,
            "query_workers": args.workers if process else None,
            "seconds_per_query": seconds,
            "results": {
                name: run_clients(url, query, args.clients, seconds)
                for name, query in QUERIES.items()
            },
        }
        print(json.dumps(report, indent=1))
    finally:
        if process is not None:
            stop(process)


if __name__ == "__main__":
    main()
