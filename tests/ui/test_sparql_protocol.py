"""The SPARQL protocol functions: request reading, read-only checks, content negotiation."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from kg.sparql import syntax_error
from kg.store_config import StoreSettings
from ui._query_worker import QueryFailure, QueryJob, answer
from ui.remote_pool import RemoteQueryPool, _foreign_graphs_empty, _resolved
from ui.service_description import DATASET_QUERY, dataset_of, describe
from ui.sparql_protocol import (
    SparqlRequest,
    check_base_iri,
    negotiate,
    prefers_html,
    query_kind,
    read_request,
)
from vlmkg.errors import (
    FormatNotAcceptableError,
    MediaTypeError,
    QueryRefusedError,
    QuerySyntaxError,
    QueryTimeoutError,
    UsageError,
)

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
        (
            "POST",
            "application/sparql-query; charset=UTF-16",
            {},
            "ASK {}".encode("utf-16"),
            MediaTypeError,
            "unsupported charset 'UTF-16' in application/sparql-query: the SPARQL 1.1 Protocol "
            "requires UTF-8",
        ),
        (
            "POST",
            "application/sparql-query;charset=latin1",
            {},
            b"ASK {}",
            MediaTypeError,
            "'latin1'",
        ),
        ("POST", f"{FORM}; charset=ISO-8859-1", {}, b"query=ASK+{}", MediaTypeError, "ISO-8859-1"),
        (
            "POST",
            "application/sparql-query",
            {},
            b"ASK {\xe9}",
            UsageError,
            "not valid UTF-8 (byte 5)",
        ),
        ("POST", FORM, {}, b"query=ASK+%7B%E9%7D", UsageError, "percent-encoded value of the form"),
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


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/sparql-query; charset=UTF-8", 'ASK { ?s ?p "é" }'.encode()),
        ('application/sparql-query; charset="utf-8"', 'ASK { ?s ?p "é" }'.encode()),
        ("application/sparql-query;charset=utf8", 'ASK { ?s ?p "é" }'.encode()),
        (f"{FORM}; charset=UTF-8", b"query=ASK+%7B+%3Fs+%3Fp+%22%C3%A9%22+%7D"),
    ],
)
def test_utf8_bodies_are_read(content_type: str, body: bytes) -> None:
    assert read_request("POST", content_type, {}, body).query == 'ASK { ?s ?p "é" }'


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True),  # Firefox
        ("text/html, */*;q=0.1", True),
        ("application/xhtml+xml", True),
        ("", False),
        ("*/*", False),
        ("text/turtle", False),
        ("text/turtle, text/html;q=0.5", False),
        ("application/ld+json;q=0.9, text/html;q=0.9", True),
        ("text/html;q=0", False),
    ],
)
def test_prefers_html(accept: str, expected: bool) -> None:
    assert prefers_html(accept) is expected


def test_check_base_iri() -> None:
    assert check_base_iri("https://kg.example.org/sparql") == "https://kg.example.org/sparql"
    with pytest.raises(UsageError, match="--base 'kg/sparql' is not an absolute IRI"):
        check_base_iri("kg/sparql")


# -- the query worker: base IRI and relative IRIs ---------------------------------------------

CONSTRUCT = "CONSTRUCT { <s> <p> 1 } WHERE {}"


def test_relative_iris_resolve_against_the_base() -> None:
    job = QueryJob(CONSTRUCT, graph_format="ntriples", base_iri="http://h.example/sparql")
    reply = answer(ox.Store(), job, "urn:g", {})
    assert reply.body == (
        b"<http://h.example/s> <http://h.example/p> "
        b'"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "ASK { <s> ?p ?o }",
            "error at 1:7: relative IRI <s> but no base IRI is set: write the IRI in full "
            "(<http://...>) or declare BASE <http://...> first",
        ),
        (
            '# <no>\nSELECT * WHERE { ?s <http://a.example/p> "<no>" .\n  ?s ?p <rel/x> }',
            "error at 3:9: relative IRI <rel/x> but no base IRI is set",
        ),
    ],
)
def test_relative_iris_without_a_base_say_so(query: str, message: str) -> None:
    failure = answer(ox.Store(), QueryJob(query), "urn:g", {})
    assert isinstance(failure, QueryFailure)
    assert (failure.kind, failure.message[: len(message)]) == ("syntax", message)


def test_a_declared_base_is_the_querys_own() -> None:
    job = QueryJob("BASE <http://b.example/> " + CONSTRUCT, graph_format="ntriples")
    reply = answer(ox.Store(), job, "urn:g", {})
    assert reply.body.startswith(b"<http://b.example/s> <http://b.example/p> ")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (CONSTRUCT, "CONSTRUCT { <http://h.example/a/s> <http://h.example/a/p> 1 } WHERE {}"),
        (
            'ASK { <../x#y> <http://a.example/p> "<s>" } # <t>',
            'ASK { <http://h.example/x#y> <http://a.example/p> "<s>" } # <t>',
        ),
        (  # the query's own BASE wins, and is blanked out (same positions)
            "BASE <http://b.example/> ASK { <s> ?p ?o }",
            "                         ASK { <http://b.example/s> ?p ?o }",
        ),
        (  # a relative BASE resolves against the endpoint's; a PREFIX before it does not
            "PREFIX o: <onto#> BASE <kg/> ASK { <m> o:p <#f> }",
            "PREFIX o: <http://h.example/a/onto#>            ASK { "
            "<http://h.example/a/kg/m> o:p <http://h.example/a/kg/#f> }",
        ),
        (  # several BASEs: left to the store
            "BASE <http://b/> BASE <c/> ASK { <s> ?p ?o }",
            "BASE <http://b/> BASE <c/> ASK { <s> ?p ?o }",
        ),
    ],
)
def test_remote_queries_are_sent_resolved(query: str, expected: str) -> None:
    assert _resolved(query, "http://h.example/a/sparql") == expected


# -- the service description ------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"


def test_service_description_lists_every_graph_of_the_store() -> None:
    store = ox.Store()
    for graph, count in [("urn:g:hub", 3), ("urn:g:hub/2025-08", 2)]:
        for i in range(count):
            quad = ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)))
            store.add(ox.Quad(quad.subject, quad.predicate, quad.object, ox.NamedNode(graph)))
    rows = [
        (row["g"].value if row["g"] else None, int(row["triples"].value))
        for row in store.query(DATASET_QUERY, default_graph=ox.NamedNode("urn:g:hub"))
    ]
    dataset = dataset_of(rows, "urn:g:hub")
    assert dataset.named_graphs == (("urn:g:hub", 3), ("urn:g:hub/2025-08", 2))
    description = ox.Store()
    description.extend(
        ox.Quad(t.subject, t.predicate, t.object) for t in describe("http://h/sparql", dataset)
    )
    listed = description.query(
        "SELECT ?name ?n ?default WHERE { <http://h/sparql> sd:defaultDataset ?d . "
        "?d sd:namedGraph [ sd:name ?name ; sd:graph ?g ] . ?g void:triples ?n . "
        "BIND(EXISTS { ?d sd:defaultGraph ?g } AS ?default) } ORDER BY ?name",
        prefixes={"sd": SD, "void": "http://rdfs.org/ns/void#"},
    )
    assert [(r["name"].value, r["n"].value, r["default"].value) for r in listed] == [
        ("urn:g:hub", "3", "true"),
        ("urn:g:hub/2025-08", "2", "false"),
    ]


def test_the_shared_syntax_error_names_a_relative_iri() -> None:
    # What `vlmkg sparql` and the embedded store report (kg.sparql.syntax_error).
    error = syntax_error("error at 1:15: expected OPTIONAL", "ASK { <s> ?p ?o }")
    assert str(error) == (
        "SPARQL syntax error at line 1, column 7: relative IRI <s> but no base IRI is set: "
        "write the IRI in full (<http://...>) or declare BASE <http://...> first"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "ASK { GRAPH <http://x.example/> { <urn:a> a <urn:b> } }",
            "ASK { GRAPH <urn:own> { FILTER(false)  <urn:a> a <urn:b> } }",
        ),
        ("ASK { GRAPH <urn:own> { ?s ?p ?o } }", "ASK { GRAPH <urn:own> { ?s ?p ?o } }"),
        (
            'SELECT * { ?s ?p "GRAPH <urn:q> {" } # GRAPH <urn:c> {',
            'SELECT * { ?s ?p "GRAPH <urn:q> {" } # GRAPH <urn:c> {',
        ),
        (
            "SELECT * { graph<urn:g>{ ?s ?p ?o } }",
            "SELECT * { GRAPH <urn:own> { FILTER(false)  ?s ?p ?o } }",
        ),
    ],
)
def test_remote_graphs_outside_the_dataset_match_nothing(query: str, expected: str) -> None:
    assert _foreign_graphs_empty(query, "urn:own") == expected


# -- the remote pool over a dataset of graphs it does not serve: an empty dataset --------------

# 10^8 rows and a filter no row passes: as slow over an empty store as over a full one.
NEEDS_NO_DATA = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?d{i} {{ 0 1 2 3 4 5 6 7 8 9 }}" for i in range(8))
    + ' FILTER(SHA256(CONCAT(STR(?d0), STR(?d7))) = "") }'
)


@pytest.fixture
def remote_pool() -> Iterator[RemoteQueryPool]:
    """A pool over a store nobody listens on: only empty-dataset queries can be answered."""
    settings = StoreSettings(endpoint="http://127.0.0.1:9/sparql", graph="urn:vlmkg:served")
    pool = RemoteQueryPool(settings, time_limit=1.0)
    yield pool
    pool.close()


def test_remote_pool_answers_an_empty_dataset_itself(remote_pool: RemoteQueryPool) -> None:
    ask = QueryJob("ASK {}", default_graphs=("urn:other",))
    assert remote_pool.run(ask).body == b'{"head": {}, "boolean": true}'
    construct = QueryJob(
        CONSTRUCT, graph_format="ntriples", default_graphs=("urn:other",), base_iri="http://h/x"
    )
    assert remote_pool.run(construct).body.startswith(b"<http://h/s> <http://h/p> ")
    with pytest.raises(QuerySyntaxError, match="line 1, column 6"):
        remote_pool.run(QueryJob("ASK {", named_graphs=("urn:other",)))


def test_remote_pool_stops_an_empty_dataset_query_at_the_limit(
    remote_pool: RemoteQueryPool,
) -> None:
    with pytest.raises(QueryTimeoutError, match=r"stopped after 1 s \(the time limit\)"):
        remote_pool.run(QueryJob(NEEDS_NO_DATA, default_graphs=("urn:other",)))
    # The killed worker is replaced in the background; the next query waits for it.
    after = remote_pool.run(QueryJob("ASK {}", default_graphs=("urn:other",)), time_limit=60)
    assert after.body == b'{"head": {}, "boolean": true}'


def test_remote_pool_refuses_a_mix_of_served_and_other_graphs(
    remote_pool: RemoteQueryPool,
) -> None:
    job = QueryJob("ASK {}", default_graphs=("urn:vlmkg:served", "urn:other"))
    with pytest.raises(
        UsageError, match="serves only the graph <urn:vlmkg:served>, not <urn:other>"
    ):
        remote_pool.run(job)
