"""Mixed load on one `vlmkg serve` (127.0.0.1, bounded): SELECTs, runaway queries, chat.

    python -m bench.load_mixed                  # 50 clients for 60 s on $VLMKG_HOME's graph
    python -m bench.load_mixed --seconds 90 --runaway-clients 3 --query-workers 4

Starts `vlmkg serve` (query time limit --time-limit, --query-workers processes) unless
--url is given, waits until the assistant is loaded, then runs --clients threads for
--seconds (at most 120): --runaway-clients send cartesian-product queries that only the
time limit stops, --chat-clients ask the assistant through `/ask`, the rest send typical
SELECTs. Every client sends one request at a time. Prints JSON: per class requests/s,
p50/p95/p99 latency, errors by status; runaway queries cut at the limit; peak RSS of the
server and its query workers (sampled from /proc every 0.5 s). A normal request that
fails is an error; a runaway query that is *not* cut (200) is one too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from bench._server import free_port, start_serve, stop
from vlmkg import config

SELECTS = [
    "SELECT ?model ?enc WHERE { ?m a vlm:Model ; rdfs:label ?model ; vlm:visionEncoder ?e . "
    "?e rdfs:label ?enc } ORDER BY ?model",
    "SELECT ?year (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a vlm:Model ; vlm:releaseYear ?year } "
    "GROUP BY ?year ORDER BY ?year",
    "SELECT ?model ?family WHERE { ?m a vlm:Model ; rdfs:label ?model ; "
    "vlm:visionEncoder/skos:broader* ?f . ?f rdfs:label ?family "
    "FILTER NOT EXISTS { ?f skos:broader ?p } } ORDER BY ?model",
    "ASK { ?m a vlm:Model ; vlm:parameterCount ?p FILTER(?p > 70000000000) }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUESTIONS = [
    "Which models use a SigLIP vision encoder?",
    "What language backbone does Qwen2-VL use?",
    "Which models are larger than 70B parameters?",
    "How many parameters does PaLM-E have?",
    "compare qwen2-vl and qwen2.5-vl",
    "Which benchmarks evaluate video understanding?",
    "what are the open problems for regression tasks?",
]
MAX_SECONDS = 120.0


class Tally:
    """Latencies and failures of one request class, shared by its client threads."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.failures: Counter[str] = Counter()
        self.lock = threading.Lock()

    def add(self, seconds: float, failure: str | None) -> None:
        with self.lock:
            if failure is None:
                self.latencies.append(seconds)
            else:
                self.failures[failure] += 1

    def summary(self, wall: float) -> dict[str, object]:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float | None:
            if not ordered:
                return None
            return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

        return {
            "ok": len(ordered),
            "errors": sum(self.failures.values()),
            "errors_by_kind": dict(self.failures),
            "requests_per_s": round(len(ordered) / wall, 1),
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "max_ms": pct(1.0),
        }


def _select(http: httpx.Client, url: str, n: int) -> str | None:
    reply = http.get(f"{url}/sparql", params={"query": SELECTS[n % len(SELECTS)]})
    return None if reply.status_code == 200 else f"HTTP {reply.status_code}"


def _runaway(http: httpx.Client, url: str, n: int) -> str | None:
    reply = http.get(f"{url}/sparql", params={"query": RUNAWAY})
    if reply.status_code == 503 and "time limit" in reply.text:
        return None  # cut at the limit: what should happen
    return f"not cut: HTTP {reply.status_code}"


def _chat(http: httpx.Client, url: str, n: int) -> str | None:
    reply = http.get(f"{url}/ask", params={"q": QUESTIONS[n % len(QUESTIONS)]})
    if reply.status_code != 200:
        return f"HTTP {reply.status_code}"
    return None if reply.json().get("answer") else "empty answer"


def run(url: str, clients: int, runaway: int, chat: int, seconds: float) -> dict[str, object]:
    """Run the clients; the per-class summaries and the wall time."""
    tallies = {"select": Tally(), "runaway": Tally(), "chat": Tally()}
    kinds = ["runaway"] * runaway + ["chat"] * chat + ["select"] * (clients - runaway - chat)
    send = {"select": _select, "runaway": _runaway, "chat": _chat}
    stop_at = time.monotonic() + seconds

    def client(kind: str, offset: int) -> None:
        with httpx.Client(timeout=120) as http:
            for n in itertools.count(offset):
                if time.monotonic() >= stop_at:
                    return
                began = time.perf_counter()
                try:
                    failure = send[kind](http, url, n)
                except httpx.HTTPError as exc:
                    failure = type(exc).__name__
                tallies[kind].add(time.perf_counter() - began, failure)

    began = time.monotonic()
    threads = [threading.Thread(target=client, args=(k, i)) for i, k in enumerate(kinds)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    return {"wall_s": round(wall, 1), **{k: t.summary(wall) for k, t in tallies.items()}}


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return found


class MemorySampler(threading.Thread):
    """Peak RSS of a process and of its children (query workers), sampled every 0.5 s."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_server = self.peak_workers_total = self.peak_worker = 0.0
        self.samples = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            workers = [_rss_mb(c) for c in _children(self.pid)]
            self.peak_server = max(self.peak_server, _rss_mb(self.pid))
            self.peak_workers_total = max(self.peak_workers_total, sum(workers))
            self.peak_worker = max([self.peak_worker, *workers])
            self.samples += 1


def wait_ready(url: str, limit_s: float = 600) -> None:
    """Block until /health says every loading step finished (graph, workers, assistant)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        try:
            steps = httpx.get(f"{url}/health", timeout=5).json()["steps"]
            if all(s.startswith("ready") for s in steps.values()):
                return
            if any(s.startswith("failed") for s in steps.values()):
                raise SystemExit(f"the server failed to load: {steps}")
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} was not ready within {limit_s} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--runaway-clients", type=int, default=2)
    parser.add_argument("--chat-clients", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=60.0, help="at most 120")
    parser.add_argument("--query-workers", type=int, default=4)
    parser.add_argument("--time-limit", type=float, default=3.0, help="--query-timeout, s")
    args = parser.parse_args()
    seconds = min(args.seconds, MAX_SECONDS)
    process, url = None, args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        process = start_serve(
            config.home(),
            port,
            "--query-workers",
            str(args.query_workers),
            "--query-timeout",
            str(args.time_limit),
        )
    sampler = None
    try:
        wait_ready(url)
        if process is not None:
            sampler = MemorySampler(process.pid)
            sampler.start()
        results = run(url, args.clients, args.runaway_clients, args.chat_clients, seconds)
        report: dict[str, object] = {
            "clients": {
                "total": args.clients,
                "runaway": args.runaway_clients,
                "chat": args.chat_clients,
                "select": args.clients - args.runaway_clients - args.chat_clients,
            },
            "query_workers": args.query_workers if process else None,
            "time_limit_s": args.time_limit if process else None,
            **results,
        }
        if sampler is not None:
            sampler.done.set()
            sampler.join()
            report["peak_rss_mb"] = {
                "server": round(sampler.peak_server),
                "workers_total": round(sampler.peak_workers_total),
                "largest_worker": round(sampler.peak_worker),
                "samples": sampler.samples,
            }
        print(json.dumps(report, indent=1))
    finally:
        if process is not None:
            stop(process)


if __name__ == "__main__":
    main()
