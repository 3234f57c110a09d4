"""The SPARQL protocol functions: request reading, read-only checks, content negotiation."""

from __future__ import annotations

import pytest

from ui.sparql_protocol import SparqlRequest, negotiate, query_kind, read_request
from vlmkg.errors import FormatNotAcceptableError, MediaTypeError, QueryRefusedError, UsageError

FORM = "application/x-www-form-urlencoded"


@pytest.mark.parametrize(
    ("kind", "accept", "explicit", "expected"),
    [
        ("select", "", None, "json"),
        ("select", "*/*", None, "json"),
        ("select", "application/sparql-results+xml", None, "xml"),
        ("select", "text/csv", None, "csv"),
        ("select", "text/tab-separated-values", None, "tsv"),
        ("select", "application/json", None, "json"),
        ("select", "text/csv;q=0.5, application/sparql-results+xml", None, "xml"),
        ("select", "text/csv;q=0.9, text/tab-separated-values;q=0.2", None, "csv"),
        ("select", "text/html, */*;q=0.1", None, "json"),
        ("select", "image/png, text/*;q=0.5", None, "csv"),
        ("ask", "application/sparql-results+xml", None, "xml"),
        ("ask", "text/csv, application/sparql-results+json;q=0.1", None, "json"),
        ("graph", "", None, "turtle"),
        ("graph", "application/n-triples", None, "ntriples"),
        ("graph", "text/plain", None, "ntriples"),
        ("graph", "application/ld+json", None, "jsonld"),
        ("graph", "application/rdf+xml", None, "rdfxml"),
        ("graph", "application/sparql-results+json, text/turtle;q=0.3", None, "turtle"),
        ("select", "text/csv", "json", "json"),
        ("graph", "", "nt", "ntriples"),
        ("select", "", "text/tab-separated-values", "tsv"),
        ("graph", "", "json", "turtle"),
        ("graph", "application/ld+json", "n3", "turtle"),
        ("graph", "application/n-triples", "csv", "ntriples"),
    ],
)
def test_negotiate(kind: str, accept: str, explicit: str | None, expected: str) -> None:
    assert negotiate(kind, accept, explicit) == expected


@pytest.mark.parametrize(
    ("kind", "accept", "explicit"),
    [
        ("select", "image/png", None),
        ("select", "text/turtle", None),
        ("select", "text/csv;q=0", None),
        ("ask", "text/csv", None),
        ("graph", "text/csv", None),
        ("select", "", "docx"),
        ("graph", "text/csv", "json"),
    ],
)
def test_negotiate_refuses_what_it_cannot_write(
    kind: str, accept: str, explicit: str | None
) -> None:
    with pytest.raises(FormatNotAcceptableError, match="available: "):
        negotiate(kind, accept, explicit)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("PREFIX ex: <http://example.org/#>\n# a comment\nask { ?s ex:p ?o }", "ask"),
        ("BASE <http://example.org/> CONSTRUCT WHERE { ?s ?p ?o }", "graph"),
        ("DESCRIBE <http://example.org/x>", "graph"),
        ('SELECT ?s WHERE { ?s rdfs:label "INSERT DATA" }', "select"),
        ("SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }", "select"),
        ("garbage", "select"),
    ],
)
def test_query_kind(query: str, kind: str) -> None:
    assert query_kind(query) == kind


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "# comment\nCLEAR ALL",
        "DROP GRAPH <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_query_kind_refuses_updates_and_service(query: str) -> None:
    with pytest.raises(QueryRefusedError):
        query_kind(query)


def test_service_allowed_by_flag() -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert query_kind(query, allow_service=True) == "select"


@pytest.mark.parametrize(
    ("method", "content_type", "params", "body", "expected"),
    [
        ("GET", "", {"query": ["ASK {}"]}, b"", SparqlRequest("ASK {}")),
        (
            "GET",
            "",
            {
                "query": ["ASK {}"],
                "default-graph-uri": ["urn:a", "urn:b"],
                "named-graph-uri": ["urn:c"],
            },
            b"",
            SparqlRequest("ASK {}", ("urn:a", "urn:b"), ("urn:c",)),
        ),
        ("POST", FORM, {}, b"query=ASK+%7B%7D&format=xml", SparqlRequest("ASK {}", format="xml")),
        (
            "POST",
            "application/sparql-query; charset=utf-8",
            {"default-graph-uri": ["urn:a"]},
            b"ASK {}",
            SparqlRequest("ASK {}", ("urn:a",)),
        ),
    ],
)
def test_read_request(
    method: str, content_type: str, params: dict, body: bytes, expected: SparqlRequest
) -> None:
    assert read_request(method, content_type, params, body) == expected


@pytest.mark.parametrize(
    ("method", "content_type", "params", "body", "error", "message"),
    [
        ("GET", "", {}, b"", UsageError, "exactly one non-empty `query`"),
        ("GET", "", {"query": ["ASK {}", "ASK {}"]}, b"", UsageError, "exactly one"),
        ("GET", "", {"query": ["  "]}, b"", UsageError, "non-empty"),
        ("GET", "", {"update": ["CLEAR ALL"]}, b"", QueryRefusedError, "read-only"),
        ("POST", FORM, {}, b"update=CLEAR+ALL", QueryRefusedError, "read-only"),
        ("POST", "application/sparql-update", {}, b"CLEAR ALL", QueryRefusedError, "read-only"),
        ("POST", "text/plain", {}, b"ASK {}", MediaTypeError, "'text/plain'"),
        ("POST", "", {}, b"ASK {}", MediaTypeError, "'(none)'"),
        ("POST", FORM, {}, b"query=" + b"x" * 100_001, UsageError, "longer than 100000"),
    ],
)
def test_read_request_errors(
    method: str,
    content_type: str,
    params: dict,
    body: bytes,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_request(method, content_type, params, body)
