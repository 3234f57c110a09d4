"""A query no SPARQL engine can finish within a test's time limit, and a way to watch it run.

RUNAWAY counts 10^8 rows (eight VALUES blocks of ten digits, cross-joined) and keeps
those whose SHA-256 over all eight digits equals "", which none does (a SHA-256 is 64 hex
digits). The filter reads every variable, so no engine can push it into the blocks or
count the rows without hashing each one; no data is read, so it is as slow over an empty
store as over a large one. Measured on one idle core here: ~0.8 µs a row on Oxigraph
(~80 s in all) and ~2.8 µs on Virtuoso (~280 s), against limits of 0.3 to 10 s in the
tests. Eight blocks and not nine: Virtuoso refuses a query up front when its cost
estimate exceeds MaxQueryCostEstimationTime (400 s in the Debian virtuoso.ini). It
estimates this one at 61 s and nine blocks at 605 s; its estimate of a cross join over
triple patterns depends on the statistics of the moment, which is why the old runaway
query (`?a ?b ?c . ?d ?e ?f ...`) was sometimes refused at once instead of running.
Virtuoso stops the query when the client hangs up.
"""

from __future__ import annotations

import http.client
import select
from urllib.parse import urlencode, urlsplit

BLOCKS = 8
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?d{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(BLOCKS))
    + " FILTER(SHA256(CONCAT("
    + ", ".join(f"STR(?d{i})" for i in range(BLOCKS))
    + ')) = "") }'
)


class PendingQuery:
    """A `GET /sparql` already written to the server's socket, its answer not read yet.

    The request is on the wire when the constructor returns, so whatever the caller
    sends next reaches the server after it. `answered()` says whether the answer has
    begun to arrive, without waiting; `reply()` waits for it (up to `timeout_s`).
    """

    def __init__(self, base_url: str, query: str, timeout_s: float = 120) -> None:
        address = urlsplit(base_url)
        self._connection = http.client.HTTPConnection(
            address.hostname or "127.0.0.1", address.port, timeout=timeout_s
        )
        self._connection.request("GET", "/sparql?" + urlencode({"query": query}))

    def answered(self) -> bool:
        """True once the server has sent (the start of) its answer."""
        sock = self._connection.sock
        assert sock is not None
        return bool(select.select([sock], [], [], 0)[0])

    def reply(self) -> tuple[int, str]:
        """(status, body) of the answer, once it has arrived; closes the connection."""
        try:
            response = self._connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            self._connection.close()
