"""Hostile requests to a real `vlmkg serve`: each refused with a clear 4xx, nothing changed.

Updates in every position the SPARQL protocol allows (and some it does not), SERVICE,
LOAD, oversized and endless bodies, a slowloris body, path traversal in `/source/` and
`/export/`, a dataset IRI that is not an IRI. The triple count is compared before and
after, through the endpoint and through `vlmkg sparql`.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.hardening.conftest import Server, endpoint_count, triple_count

INSERT = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY_BODY = {"Content-Type": "application/sparql-query"}
UPDATE_BODY = {"Content-Type": "application/sparql-update"}
JSON = {"Content-Type": "application/json"}
LOCAL_SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"

# (id, method, path, params, headers, body, status, message part)
CASES = [
    ("update-param-get", "GET", "/sparql", {"update": INSERT}, {}, None, 403, "read-only"),
    ("insert-as-query-get", "GET", "/sparql", {"query": INSERT}, {}, None, 403, "update"),
    ("update-form", "POST", "/sparql", None, FORM, f"update={INSERT}", 403, "read-only"),
    (
        "delete-form",
        "POST",
        "/sparql",
        None,
        FORM,
        "query=DELETE WHERE { ?s ?p ?o }",
        403,
        "update",
    ),
    ("update-body", "POST", "/sparql", None, UPDATE_BODY, INSERT, 403, "read-only"),
    ("drop-as-query-body", "POST", "/sparql", None, QUERY_BODY, "DROP ALL", 403, "update"),
    (
        "clear-after-prologue",
        "GET",
        "/sparql",
        {"query": "PREFIX x: <urn:x#>\n# SELECT *\nclear all"},
        {},
        None,
        403,
        "update",
    ),
    (
        "lowercase-insert",
        "GET",
        "/sparql",
        {"query": "insert data { <urn:a> <urn:b> 1 }"},
        {},
        None,
        403,
        "update",
    ),
    (
        "with-delete",
        "GET",
        "/sparql",
        {"query": "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"},
        {},
        None,
        403,
        "update",
    ),
    (
        "select-then-insert",
        "GET",
        "/sparql",
        {"query": f"SELECT * WHERE {{ ?s ?p ?o }} ; {INSERT}"},
        {},
        None,
        400,
        "syntax",
    ),
    (
        "update-and-query",
        "GET",
        "/sparql",
        {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "update": INSERT},
        {},
        None,
        403,
        "read-only",
    ),
    (
        "load",
        "GET",
        "/sparql",
        {"query": "LOAD <http://127.0.0.1:9/x.ttl>"},
        {},
        None,
        403,
        "update",
    ),
    (
        "load-into-graph",
        "POST",
        "/sparql",
        None,
        UPDATE_BODY,
        "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:g>",
        403,
        "read-only",
    ),
    ("service", "GET", "/sparql", {"query": LOCAL_SERVICE}, {}, None, 403, "SERVICE"),
    (
        "service-silent-lowercase",
        "GET",
        "/sparql",
        {"query": "select * { ?s ?p ?o . service silent <http://127.0.0.1:9/> { ?s ?p ?x } }"},
        {},
        None,
        403,
        "SERVICE",
    ),
    (
        "service-in-subquery-form",
        "POST",
        "/sparql",
        None,
        FORM,
        "query=" + httpx.QueryParams({"q": "ASK { { SELECT * { SERVICE <urn:x> {} } } }"})["q"],
        403,
        "SERVICE",
    ),
    ("oversized-form", "POST", "/sparql", None, FORM, "query=" + "x" * 500_000, 413, "too large"),
    (
        "oversized-query",
        "POST",
        "/sparql",
        None,
        QUERY_BODY,
        "SELECT * {} #" + "x" * 120_000,
        400,
        "longer than 100000 characters",
    ),
    (
        "bad-dataset-iri",
        "GET",
        "/sparql",
        {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "not an iri>"},
        {},
        None,
        400,
        "IRI",
    ),
    (
        "wrong-content-type",
        "POST",
        "/sparql",
        None,
        {"Content-Type": "text/plain"},
        "SELECT * {}",
        415,
        "content type",
    ),
    (
        "unknown-format",
        "GET",
        "/sparql",
        {"query": "SELECT * {}", "format": "exe"},
        {},
        None,
        406,
        "cannot write",
    ),
    (
        "source-traversal",
        "GET",
        "/source/..%2F..%2F..%2Fetc%2Fpasswd",
        None,
        {},
        None,
        404,
        "Not Found",
    ),
    ("source-dotdot-name", "GET", "/source/%2E%2E", None, {}, None, 404, "no hub file named"),
    (
        "export-traversal-format",
        "GET",
        "/export/..%2F..%2Fetc%2Fpasswd",
        None,
        {},
        None,
        404,
        "Not Found",
    ),
    ("export-dotdot-format", "GET", "/export/%2E%2E", None, {}, None, 400, "unknown format '..'"),
    (
        "export-traversal-view",
        "GET",
        "/export/gexf",
        {"view": '../../x"; filename="evil.sh'},
        {},
        None,
        400,
        "view",
    ),
    ("put-method", "PUT", "/sparql", None, QUERY_BODY, "SELECT * {}", 405, "PUT is not allowed"),
    ("ask-empty", "GET", "/ask", {"q": "  "}, {}, None, 400, "type a question first"),
    (
        "ask-long",
        "POST",
        "/ask",
        None,
        JSON,
        '{"question": "%s"}' % ("x" * 5000),
        400,
        "keep it under 2000",
    ),
    ("ask-not-json", "POST", "/ask", None, JSON, "{question: 1", 400, "POST a JSON object"),
    ("ask-json-list", "POST", "/ask", None, JSON, '["question"]', 400, "POST a JSON object"),
    ("ask-oversized", "POST", "/ask", None, JSON, "x" * 500_000, 413, "too large"),
]


@pytest.fixture(scope="module")
def unchanged(server: Server) -> Iterator[int]:
    """The triple count before the module's requests; checked again after them."""
    before = endpoint_count(server.url)
    yield before
    assert endpoint_count(server.url) == before
    assert triple_count(server.home) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    ("method", "path", "params", "headers", "body", "status", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_request_is_refused(
    server: Server,
    unchanged: int,
    method: str,
    path: str,
    params: dict | None,
    headers: dict,
    body: str | None,
    status: int,
    message: str,
) -> None:
    reply = httpx.request(
        method, server.url + path, params=params, headers=headers, content=body, timeout=30
    )
    assert reply.status_code == status, reply.text[:300]
    assert message in reply.text
    assert reply.text.startswith("error: ") or reply.json() == {"detail": "Not Found"}


@pytest.mark.slow
def test_service_inside_a_string_is_not_refused(server: Server, unchanged: int) -> None:
    reply = httpx.get(
        f"{server.url}/sparql",
        params={"query": 'SELECT ("SERVICE <urn:x>" AS ?text) WHERE {}'},
        headers={"Accept": "text/csv"},
    )
    assert reply.status_code == 200
    assert reply.text.splitlines() == ["text", "SERVICE <urn:x>"]


@pytest.mark.slow
def test_chunked_body_without_length_is_cut_at_the_limit(server: Server, unchanged: int) -> None:
    def endless() -> Iterator[bytes]:
        yield b"query="
        for _ in range(200):  # 12.8 MB if nobody stops it
            yield b"x" * 64_000

    reply = httpx.post(f"{server.url}/sparql", content=endless(), headers=FORM, timeout=30)
    assert reply.status_code == 413
    assert reply.text == "error: request body too large (limit 400000 bytes)\n"


def _raw_connection(server: Server) -> socket.socket:
    address = urlsplit(server.url)
    return socket.create_connection((address.hostname, address.port), timeout=30)


def _rest_of_reply(connection: socket.socket, head: bytes) -> bytes:
    """Read until the reply's Content-Length is complete or the server closes."""
    match = re.search(rb"content-length: (\d+)", head, re.I)
    header_end = head.find(b"\r\n\r\n")
    if not match or header_end < 0:
        return b""
    missing = int(match.group(1)) - (len(head) - header_end - 4)
    rest = b""
    connection.settimeout(5)
    while missing > len(rest):
        try:
            chunk = connection.recv(4096)
        except OSError:
            break
        if not chunk:
            break
        rest += chunk
    return rest


@pytest.mark.slow
def test_slowloris_body_is_cut_and_others_are_served(server: Server, unchanged: int) -> None:
    slow = _raw_connection(server)
    slow.sendall(
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 1000\r\n\r\nSELECT"
    )
    started = time.monotonic()
    served_meanwhile = 0  # requests answered while the slow body was still being cut
    reply = b""
    slow.settimeout(0.5)
    while time.monotonic() - started < 180:  # a deadline for the 408, not a speed limit
        assert endpoint_count(server.url) == unchanged
        try:
            slow.sendall(b" ")  # one byte at a time, never finishing
            reply = slow.recv(4096)
        except TimeoutError:
            served_meanwhile += 1  # answered, and the slow request still had no reply
            continue
        except OSError:
            break
        if reply:
            break
    waited = time.monotonic() - started
    reply += _rest_of_reply(slow, reply)  # the body may come in a later packet
    slow.close()
    assert reply.startswith(b"HTTP/1.1 408 "), reply
    assert b"error: request body not received within 10 s" in reply
    assert waited >= 9  # not cut before its 10 s (load can only make the cut later)
    assert served_meanwhile >= 1  # a server blocked by the slow body would answer none


@pytest.mark.slow
def test_garbage_on_the_socket_leaves_the_server_serving(server: Server, unchanged: int) -> None:
    for garbage in (b"\x00\xff" * 1000 + b"\r\n\r\n", b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n"):
        connection = _raw_connection(server)
        connection.sendall(garbage)
        connection.settimeout(5)
        try:
            first = connection.recv(100)
        except (TimeoutError, ConnectionResetError):
            first = b""
        connection.close()
        assert first == b"" or first.startswith(b"HTTP/1.1 4"), first
    assert endpoint_count(server.url) == unchanged


@pytest.mark.slow
def test_ask_answers_json_posts(server: Server, unchanged: int) -> None:
    question = "Which models use a SigLIP vision encoder?"
    posted = httpx.post(f"{server.url}/ask", json={"question": question}, timeout=60)
    got = httpx.get(f"{server.url}/ask", params={"q": question}, timeout=60)
    assert posted.status_code == got.status_code == 200
    assert posted.json() == got.json()
    assert posted.json()["question"] == question and posted.json()["grounded"] is True
