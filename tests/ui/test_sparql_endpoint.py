"""`/sparql` of a real server, queried by SPARQLWrapper and httpx, checked against the store."""

from __future__ import annotations

import csv
import io
import json
import os
import urllib.error
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from kg.vocab import GRAPH, PREFIXES
from tests._runaway import RUNAWAY, PendingQuery
from tests.ui.conftest import QUERY_TIMEOUT_S, ROW_LIMIT, Server, serving
from vlmkg.config import current_build

pytestmark = pytest.mark.slow

MODELS = "SELECT ?m ?label WHERE { ?m a vlm:Model ; rdfs:label ?label } ORDER BY ?m ?label"
CONSTRUCT = (
    "CONSTRUCT { ?m vlm:visionEncoder ?e . ?e rdfs:label ?l } "
    "WHERE { ?m vlm:visionEncoder ?e . ?e rdfs:label ?l }"
)


def direct(home: Path, sparql: str) -> object:
    """The same query run on the server's store directly (read-only)."""
    store = ox.Store.read_only(str(current_build(home) / "store"))
    return store.query(sparql, prefixes=PREFIXES, default_graph=ox.NamedNode(GRAPH))


def expected_models(home: Path) -> list[tuple[str, str]]:
    return [(row["m"].value, row["label"].value) for row in direct(home, MODELS)]


def wrapper(server: Server, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json(server: Server, method: str) -> None:
    result = wrapper(server, MODELS, JSON, method).queryAndConvert()
    rows = [(b["m"]["value"], b["label"]["value"]) for b in result["results"]["bindings"]]
    assert result["head"]["vars"] == ["m", "label"]
    assert rows == expected_models(server.home)
    assert len(rows) >= 40


def test_select_xml(server: Server) -> None:
    document = wrapper(server, MODELS, XML).queryAndConvert()
    ns = "{http://www.w3.org/2005/sparql-results#}"
    root = ET.fromstring(document.toxml())
    rows = [
        (
            r.find(f"{ns}binding[@name='m']/{ns}uri").text,
            r.find(f"{ns}binding[@name='label']/{ns}literal").text,
        )
        for r in root.iter(f"{ns}result")
    ]
    assert rows == expected_models(server.home)


def test_select_csv(server: Server) -> None:
    text = wrapper(server, MODELS, CSV).queryAndConvert().decode("utf-8")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == ["m", "label"]
    assert [tuple(r) for r in lines[1:]] == expected_models(server.home)


def test_select_tsv(server: Server) -> None:
    text = wrapper(server, MODELS, TSV).queryAndConvert().decode("utf-8")
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "?m\t?label"
    expected = [f"{row['m']}\t{row['label']}" for row in direct(server.home, MODELS)]
    assert lines[1:] == expected


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("ASK { ?m a vlm:Model }", True),
        ("ASK { ?m a vlm:NoSuchClass }", False),
    ],
)
def test_ask(server: Server, query: str, answer: bool) -> None:
    assert wrapper(server, query, JSON).queryAndConvert()["boolean"] is answer
    xml = wrapper(server, query, XML).queryAndConvert().toxml()
    assert f"<boolean>{str(answer).lower()}</boolean>" in xml


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "media"),
    [
        (TURTLE, "turtle", "text/turtle"),
        ("ntriples", "nt", "application/n-triples"),
        (JSONLD, "json-ld", "application/ld+json"),
    ],
)
def test_construct(server: Server, fmt: str, rdflib_format: str, media: str) -> None:
    if fmt == "ntriples":  # SPARQLWrapper has no N-Triples format: ask for it by media type
        response = httpx.get(
            f"{server.url}/sparql", params={"query": CONSTRUCT}, headers={"Accept": media}
        )
        content_type, body = response.headers["Content-Type"], response.content
    else:
        answer = wrapper(server, CONSTRUCT, fmt).query().response
        content_type, body = answer.headers["Content-Type"], answer.read()
    assert content_type.startswith(media)
    got = Graph().parse(data=body, format=rdflib_format)
    expected = {
        (t.subject.value, t.predicate.value, t.object.value) for t in direct(server.home, CONSTRUCT)
    }
    assert {(str(s), str(p), str(o)) for s, p, o in got} == expected
    assert len(expected) >= 20


def test_default_graph_uri_selects_the_dataset(server: Server) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    params = {"query": query, "default-graph-uri": "https://example.org/empty"}
    empty = httpx.get(f"{server.url}/sparql", params=params).json()
    assert empty["results"]["bindings"][0]["n"]["value"] == "0"
    params["default-graph-uri"] = GRAPH
    full = httpx.get(f"{server.url}/sparql", params=params).json()
    assert int(full["results"]["bindings"][0]["n"]["value"]) > 10_000


def test_row_limit_truncates_and_says_so(server: Server) -> None:
    response = httpx.get(
        f"{server.url}/sparql",
        params={"query": "SELECT * WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.headers["X-Row-Limit-Reached"] == "true"
    assert len(response.json()["results"]["bindings"]) == ROW_LIMIT


def test_update_is_refused(server: Server) -> None:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403
    assert "read-only" in caught.value.read().decode()
    ask = "ASK { <urn:a> <urn:b> <urn:c> }"
    assert wrapper(server, ask, JSON).queryAndConvert()["boolean"] is False


@pytest.mark.parametrize(
    ("request_kwargs", "status", "message"),
    [
        ({"data": {"update": "DELETE WHERE { ?s ?p ?o }"}}, 403, "read-only"),
        ({"data": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 403, "update"),
        ({"data": {"query": "LOAD <http://example.org/x>"}}, 403, "update"),
        (
            {"content": b"CLEAR ALL", "headers": {"Content-Type": "application/sparql-update"}},
            403,
            "read-only",
        ),
        (
            {"data": {"query": "SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }"}},
            403,
            "SERVICE",
        ),
        ({"data": {"query": "SELECT ?s WHERE { ?s ?p }"}}, 400, "line 1, column 26"),
        ({"data": {"query": "SELECT ?x WHERE { ?x a nope:Thing }"}}, 400, "unknown prefix"),
        ({"data": {"query": ""}}, 400, "non-empty `query`"),
        ({"data": {"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_001}}, 400, "longer than"),
        (
            {"content": b"SELECT * {?s ?p ?o}", "headers": {"Content-Type": "text/plain"}},
            415,
            "unsupported content type",
        ),
        ({"data": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "available:"),
        ({"data": {"query": "ASK {}", "format": "docx"}}, 406, "available:"),
        (
            {"data": {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, "headers": {"Accept": "text/csv"}},
            406,
            "cannot write graphs",
        ),
    ],
)
def test_bad_requests_get_a_readable_error(
    server: Server, request_kwargs: dict, status: int, message: str
) -> None:
    response = httpx.post(f"{server.url}/sparql", **request_kwargs)
    assert response.status_code == status
    assert response.text.startswith("error: ")
    assert message in response.text
    assert len(response.text.splitlines()) == 1
    after = wrapper(server, "ASK { ?m a vlm:Model }", JSON).queryAndConvert()
    assert after["boolean"] is True


def test_a_runaway_query_is_stopped_while_others_are_served(server: Server) -> None:
    runaway = PendingQuery(server.url, RUNAWAY)  # on the wire before the other one
    rows = wrapper(server, MODELS, JSON).queryAndConvert()["results"]["bindings"]
    # RUNAWAY cannot end before the time limit: the other query was served while it ran.
    assert not runaway.answered()
    assert len(rows) == len(expected_models(server.home))
    assert runaway.reply() == (
        503,
        f"error: the query was stopped after {QUERY_TIMEOUT_S} s (the time limit); "
        "add LIMIT or make the pattern more selective\n",
    )
    health = httpx.get(f"{server.url}/health").json()
    assert health["status"] == "ok"
    for _ in range(3):  # the killed worker was replaced: every worker answers again
        assert wrapper(server, "ASK { ?m a vlm:Model }", JSON).queryAndConvert()["boolean"]


def test_accept_wildcards_and_json_alias(server: Server) -> None:
    query = {"query": "ASK { ?m a vlm:Model }"}
    browser = httpx.get(
        f"{server.url}/sparql",
        params=query,
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert browser.headers["Content-Type"].startswith("application/sparql-results+json")
    plain = httpx.get(f"{server.url}/sparql", params={**query, "format": "json"})
    assert json.loads(plain.text) == {"head": {}, "boolean": True}


def test_export_downloads(server: Server) -> None:
    turtle = httpx.get(f"{server.url}/export/turtle", timeout=120)
    assert turtle.status_code == 200
    assert turtle.headers["Content-Disposition"] == 'attachment; filename="vlmkg.ttl"'
    exported = Graph().parse(data=turtle.content, format="turtle")
    count = direct(server.home, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert len(exported) == int(next(iter(count))["n"].value)
    archive = httpx.get(f"{server.url}/export/csv", params={"view": "components"}, timeout=120)
    with zipfile.ZipFile(io.BytesIO(archive.content)) as files:
        assert sorted(files.namelist()) == ["edges.csv", "nodes.csv"]
    unknown = httpx.get(f"{server.url}/export/docx")
    assert unknown.status_code == 400
    assert unknown.text.startswith("error: unknown format 'docx'")


# -- service description, methods, base IRI, charset ------------------------------------------

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DESCRIBED = """SELECT ?name ?triples ?default WHERE {
    ?service a sd:Service ; sd:defaultDataset ?d .
    ?d sd:namedGraph [ sd:name ?name ; sd:graph ?g ] . ?g void:triples ?triples .
    BIND(EXISTS { ?d sd:defaultGraph ?g } AS ?default) } ORDER BY ?name"""


def store_graphs(home: Path) -> list[tuple[str, int, bool]]:
    """Every named graph of the server's store, its size, and whether it is the default."""
    store = ox.Store.read_only(str(current_build(home) / "store"))
    counted = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    return [(row["g"].value, int(row["n"].value), row["g"].value == GRAPH) for row in counted]


def description(server: Server, **kwargs: object) -> httpx.Response:
    response = httpx.get(f"{server.url}/sparql", timeout=60, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 200, response.text
    assert response.headers["vary"] == "Accept"
    return response


def test_service_description_in_turtle(server: Server) -> None:
    response = description(server, headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(f"{server.url}/sparql")
    assert (service, RDF.type, SD.Service) in graph
    assert graph.value(service, SD.endpoint) == service
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert sorted(str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)) == [
        "JSON-LD",
        "N-Triples",
        "RDF_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_JSON",
        "SPARQL_Results_TSV",
        "SPARQL_Results_XML",
        "Turtle",
    ]
    assert (service, SD.feature, SD.BasicFederatedQuery) not in graph  # SERVICE is refused
    rows = graph.query(DESCRIBED, initNs={"sd": SD, "void": VOID})
    listed = [(str(r.name), int(r.triples), bool(r.default)) for r in rows]  # type: ignore[union-attr]
    # Read from the store itself: graphs added to it (hub versions) are listed too.
    assert listed == store_graphs(server.home)
    assert any(default for _, _, default in listed)
    dataset = graph.value(service, SD.defaultDataset)
    default_size = graph.value(graph.value(dataset, SD.defaultGraph), VOID.triples)
    count = direct(server.home, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(default_size) == int(next(iter(count))["n"].value)


@pytest.mark.parametrize(
    ("kwargs", "media", "rdflib_format"),
    [
        ({"headers": {"Accept": "application/ld+json"}}, "application/ld+json", "json-ld"),
        ({"params": {"format": "json-ld"}}, "application/ld+json", "json-ld"),
        ({"headers": {"Accept": "application/n-triples"}}, "application/n-triples", "nt"),
        ({"headers": {"Accept": "application/rdf+xml"}}, "application/rdf+xml", "xml"),
        ({}, "text/turtle", "turtle"),
        ({"headers": {"Accept": "*/*"}}, "text/turtle", "turtle"),
    ],
)
def test_service_description_formats_say_the_same(
    server: Server, kwargs: dict, media: str, rdflib_format: str
) -> None:
    turtle = Graph().parse(data=description(server).text, format="turtle")
    response = description(server, **kwargs)
    assert response.headers["content-type"].split(";")[0] == media
    other = Graph().parse(data=response.content, format=rdflib_format)
    assert isomorphic(other, turtle)
    assert len(other) >= 20


def test_a_browser_gets_a_page_with_the_description(server: Server) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = description(server, headers={"Accept": browser})
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>SPARQL 1.1 endpoint</h1>" in response.text
    assert "a sd:Service" in response.text
    assert f'href="{server.url}/sparql?format=json-ld"' in response.text
    query = httpx.get(
        f"{server.url}/sparql", params={"query": "ASK {}"}, headers={"Accept": browser}
    )
    # A query still gets results (application/xml;q=0.9 ranks above */*: XML results).
    assert query.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in query.text


def test_service_description_refuses_what_it_cannot_write(server: Server) -> None:
    response = httpx.get(f"{server.url}/sparql", headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert response.text.startswith("error: cannot write graphs as 'text/csv'; available: ")


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("path", ["/sparql", "/sparql/"])
def test_other_methods_are_405_with_allow(server: Server, method: str, path: str) -> None:
    response = httpx.request(method, f"{server.url}{path}", params={"query": "ASK {}"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.text == (
        f"error: {method} is not allowed on /sparql: send queries with GET or POST "
        "(the endpoint is read-only)\n"
    )


def test_options_lists_the_methods(server: Server) -> None:
    response = httpx.options(f"{server.url}/sparql")
    assert (response.status_code, response.headers["allow"]) == (204, "GET, HEAD, POST, OPTIONS")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { BIND(<models> AS ?x) }", "{url}/models"),
        ("SELECT ?x WHERE { BIND(<#me> AS ?x) }", "{url}/sparql#me"),
        (
            "BASE <http://b.example/kg/> SELECT ?x WHERE { BIND(<m> AS ?x) }",
            "http://b.example/kg/m",
        ),
    ],
)
def test_relative_iris_resolve_against_the_endpoint_url(
    server: Server, query: str, expected: str
) -> None:
    response = httpx.post(f"{server.url}/sparql", data={"query": query})
    assert response.json()["results"]["bindings"] == [
        {"x": {"type": "uri", "value": expected.format(url=server.url)}}
    ]


def test_base_option_sets_the_base_iri(server: Server) -> None:
    env = {**os.environ, "VLMKG_HOME": str(server.home), "GRADIO_ANALYTICS_ENABLED": "False"}
    args = ["--no-assistant", "--base", "https://kg.example.org/vlmkg/sparql"]
    with serving(server.home, args, env) as (based, _):
        construct = httpx.post(
            f"{based.url}/sparql",
            content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
            headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
        )
        assert construct.text == (
            "<https://kg.example.org/vlmkg/s> <https://kg.example.org/vlmkg/p> "
            '"1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        )
        described = Graph().parse(data=httpx.get(f"{based.url}/sparql").text, format="turtle")
        assert set(described.subjects(RDF.type, SD.Service)) == {URIRef(f"{based.url}/sparql")}


@pytest.mark.parametrize(
    ("content_type", "body", "status", "line"),
    [
        (
            "application/sparql-query; charset=UTF-16",
            "ASK {}".encode("utf-16"),
            415,
            "error: unsupported charset 'UTF-16' in application/sparql-query: the SPARQL 1.1 "
            "Protocol requires UTF-8; send the query as UTF-8 (charset=UTF-8 or no charset)",
        ),
        (
            "application/sparql-query",
            b'ASK { ?s ?p "\xe9" }',
            400,
            "error: the request body is not valid UTF-8 (byte 13): the SPARQL 1.1 Protocol "
            "requires UTF-8",
        ),
    ],
)
def test_only_utf8_bodies_are_read(
    server: Server, content_type: str, body: bytes, status: int, line: str
) -> None:
    response = httpx.post(
        f"{server.url}/sparql", content=body, headers={"Content-Type": content_type}
    )
    assert (response.status_code, response.text) == (status, line + "\n")
    utf8 = httpx.post(
        f"{server.url}/sparql",
        content='ASK { ?s ?p "é" }'.encode(),
        headers={"Content-Type": "application/sparql-query; charset=UTF-8"},
    )
    assert utf8.json() == {"head": {}, "boolean": False}
