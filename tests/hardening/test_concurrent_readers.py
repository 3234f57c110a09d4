"""Readers keep working while `vlmkg build` swaps the graph, and never see half of one.

While two rebuilds run (the table hub, then the bundled hub again), four kinds of reader
loop: the store opened in-process, `vlmkg sparql`, the HTTP endpoint and the assistant
over HTTP (`/ask`). Every triple count a reader sees is the count of a complete build.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from kg.builds import open_current, read_manifest
from tests.hardening.conftest import COUNT_QUERY, Server, endpoint_count, triple_count, vlmkg

TABLE_HUB = Path(__file__).resolve().parents[1] / "data" / "hub_2025-03-16_tables.md"
QUESTION = "Which models use a SigLIP vision encoder?"


class Reader(threading.Thread):
    """Calls `read()` in a loop until stopped; keeps every result and every failure."""

    def __init__(self, name: str, read: Callable[[], object]) -> None:
        super().__init__(name=name, daemon=True)
        self.read = read
        self.results: list[object] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.results.append(self.read())
            except Exception as exc:  # any failure is a finding: keep it for the assert
                self.failures.append(f"{type(exc).__name__}: {exc}")


def store_count(home: Path) -> int:
    with open_current(home) as store:
        return int(store.query(COUNT_QUERY).rows[0][0])


def ask(server: Server) -> str:
    reply = httpx.get(f"{server.url}/ask", params={"q": QUESTION}, timeout=60)
    assert reply.status_code == 200, reply.text
    answer = reply.json()
    assert answer["question"] == QUESTION and answer["answer"]
    assert answer["grounded"] is True
    return " ".join(sorted({c["source"].split("#")[0] for c in answer["citations"]}))


def wait_until_read(readers: list[Reader], counts: dict[str, int], source: str) -> None:
    """Poll until each counting reader has seen its count and the assistant cited `source`,
    or a reader failed; fails after a deadline generous for a loaded machine."""
    deadline = time.monotonic() + 600
    expected = {**counts, "assistant": source}
    for reader in readers:
        start = len(reader.results)  # what it read before this call may be the old graph
        while expected[reader.name] not in reader.results[start:] and not reader.failures:
            assert time.monotonic() < deadline, (reader.name, expected, reader.results[-3:])
            time.sleep(0.1)


@pytest.mark.slow
def test_readers_see_old_or_new_graph_during_rebuilds(server: Server) -> None:
    home = server.home
    initial = triple_count(home)
    counts = {initial}
    readers = [
        Reader("store", lambda: store_count(home)),
        Reader("cli", lambda: (time.sleep(0.5), triple_count(home))[1]),
        Reader("http", lambda: endpoint_count(server.url)),
        Reader("assistant", lambda: ask(server)),
    ]
    for reader in readers:
        reader.start()
    try:
        for hub, source in (([str(TABLE_HUB)], TABLE_HUB.name), ([], "vlm-research-hub.md")):
            # --no-index: the graph swap is what readers could trip on (and 3x faster)
            done = vlmkg(home, "build", "--no-index", *hub)
            assert done.returncode == 0, done.stderr
            count = read_manifest((home / "current").resolve())["counts"]["triples"]
            counts.add(count)
            # Before the next swap, every reader has read this graph (or has failed).
            wait_until_read(readers, {"store": count, "cli": count, "http": count}, source)
    finally:
        for reader in readers:
            reader.stop.set()
        for reader in readers:
            reader.join(90)
    report = {r.name: (len(r.results), Counter(r.results), r.failures[:3]) for r in readers}
    print(json.dumps({k: [v[0], dict(v[1]), v[2]] for k, v in report.items()}, default=str))
    assert len(counts) == 2, counts
    for reader in readers:
        assert reader.failures == [], (reader.name, reader.failures[:3])
        assert reader.results, reader.name
    for name in ("store", "cli", "http"):
        seen = set(next(r for r in readers if r.name == name).results)
        assert seen <= counts, (name, seen, counts)
    http_seen = next(r for r in readers if r.name == "http").results
    assert set(http_seen) == counts  # the endpoint followed both swaps
    assert endpoint_count(server.url) == initial  # the bundled hub is current again
    cited = set(next(r for r in readers if r.name == "assistant").results)
    assert cited == {"vlm-research-hub.md", TABLE_HUB.name}  # the assistant followed the swaps
