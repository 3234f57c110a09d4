"""The W3C SPARQL 1.1 Protocol test suite against a real `vlmkg serve`, embedded and Virtuoso.

The runner reads the suite's manifest (tests/data/w3c/, unchanged from w3c/rdf-tests)
with rdflib and builds each test's HTTP requests from it: method, path (on the server's
own authority instead of `www.example`), headers, and the body encoded as the manifest
declares. What applies to a read-only service is asserted as the manifest says, and
exactly (status, error line, boolean, rows, triples); tests that load datasets through
the protocol (`ut:graphData`) are skipped as not applicable; updates are asserted as
refused (403, and nothing written: the checks that follow them find nothing). rdflib's
SPARQLStore is the second real client, next to SPARQLWrapper (test_sparql_endpoint.py).
"""

from __future__ import annotations

import io
import json
import os
import secrets
import subprocess
import sys
import urllib.error
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result

from kg.remote_store import RemoteSparqlStore
from kg.store_config import read_auth_file
from kg.vocab import GRAPH, PREFIXES
from tests.kg.test_remote_store import AUTH_FILE, ENDPOINT, _virtuoso_problem
from tests.ui.conftest import QUERY_TIMEOUT_S, ROW_LIMIT, Server, serving

pytestmark = pytest.mark.slow

MANIFEST = Path(__file__).parents[1] / "data" / "w3c" / "sparql11-protocol-manifest.ttl"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
RESULT_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
}

# The outcome of each test this endpoint refuses: (status, the start of its error line).
REFUSED = {
    "bad_query_method": (405, "error: PUT is not allowed on /sparql"),
    "bad_multiple_queries": (400, "error: give exactly one non-empty `query` parameter"),
    "bad_query_wrong_media_type": (415, "error: unsupported content type 'text/plain'"),
    "bad_query_missing_form_type": (415, "error: unsupported content type '(none)'"),
    "bad_query_missing_direct_type": (415, "error: unsupported content type '(none)'"),
    "bad_query_non_utf8": (415, "error: unsupported charset 'UTF-16'"),
    "bad_query_syntax": (400, "error: SPARQL syntax error at line 1, column 6"),
    "bad_update_get": (403, "error: this endpoint is read-only"),
    "bad_multiple_updates": (403, "error: this endpoint is read-only"),
    "bad_update_wrong_media_type": (415, "error: unsupported content type 'text/plain'"),
    "bad_update_missing_form_type": (415, "error: unsupported content type '(none)'"),
    "bad_update_non_utf8": (403, "error: this endpoint is read-only"),
    "bad_update_syntax": (403, "error: this endpoint is read-only"),
    "bad_update_dataset_conflict": (403, "error: this endpoint is read-only"),
}
UPDATE_REFUSED = (403, "error: this endpoint is read-only")


@dataclass(frozen=True)
class ProtocolRequest:
    """One `ht:Request` of a test and the `ht:resp` it expects."""

    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    success: bool  # 2xx/3xx expected; else 4xx
    result_format: str | None  # boolean | tabular | RDF
    boolean: bool | None

    @property
    def is_update(self) -> bool:
        media = dict(self.headers).get("content-type", "")
        text = (self.body or b"").decode("utf-8", "replace") + self.path
        return media.startswith("application/sparql-update") or "update=" in text


@dataclass(frozen=True)
class ProtocolTest:
    """An `mf:ProtocolTest`: its name, whether it loads datasets, and its requests."""

    name: str
    loads_datasets: bool
    requests: tuple[ProtocolRequest, ...]

    @property
    def is_update(self) -> bool:
        return any(request.is_update for request in self.requests)


def read_manifest(path: Path = MANIFEST) -> list[ProtocolTest]:
    """The manifest's tests in its own order."""
    graph = Graph().parse(path, format="turtle", publicID=BASE)
    manifest = next(graph.subjects(predicate=MF.entries))
    return [_test(graph, entry) for entry in Collection(graph, graph.value(manifest, MF.entries))]


def _test(graph: Graph, entry: URIRef) -> ProtocolTest:
    action = graph.value(entry, MF.action)
    return ProtocolTest(
        name=str(entry).rsplit("#", 1)[1],
        loads_datasets=graph.value(entry, UT.graphData) is not None,
        requests=tuple(
            _request(graph, r) for r in Collection(graph, graph.value(action, HT.requests))
        ),
    )


def _request(graph: Graph, node: URIRef) -> ProtocolRequest:
    headers = graph.value(node, HT.headers)
    pairs = tuple(
        (str(graph.value(h, HT.fieldName)).lower(), str(graph.value(h, HT.fieldValue)))
        for h in (Collection(graph, headers) if headers is not None else [])
    )
    body = graph.value(node, HT.body)
    payload = None
    if body is not None:
        encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
        payload = str(graph.value(body, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = {str(s).rsplit("#", 1)[1] for s in graph.objects(response, MF.expectedStatus)}
    fmt = graph.value(response, MF.expectedFormat)
    boolean = graph.value(response, MF.expectedBoolean)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=pairs,
        body=payload,
        success="StatusCode2xx" in statuses,
        result_format=str(fmt) if fmt is not None else None,
        boolean=boolean.toPython() if boolean is not None else None,
    )


TESTS = read_manifest()


def send(server: Server, request: ProtocolRequest) -> httpx.Response:
    """The request sent to `server` as the manifest writes it."""
    return httpx.request(
        request.method,
        server.url + request.path,
        headers=dict(request.headers),
        content=request.body,
        timeout=60,
    )


def boolean_of(response: httpx.Response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    assert media in RESULT_TYPES
    if media.endswith("json"):
        document = json.loads(response.text)
        assert set(document) == {"head", "boolean"}
        return document["boolean"]
    found = ET.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert found is not None
    return {"true": True, "false": False}[found.text or ""]


def rows_of(response: httpx.Response) -> list[dict[str, object]]:
    """SELECT rows, each variable -> rdflib term, from a SPARQL results document."""
    media = response.headers["content-type"].split(";")[0]
    assert media in RESULT_TYPES
    parsed = Result.parse(io.BytesIO(response.content), format=media.rsplit("+", 1)[1])
    return [{str(k): v for k, v in row.asdict().items()} for row in parsed]


def triples_of(response: httpx.Response) -> set[tuple[object, object, object]]:
    media = response.headers["content-type"].split(";")[0]
    return set(Graph().parse(data=response.content, format=RDF_TYPES[media]))


# -- the servers -----------------------------------------------------------------------------


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "VLMKG_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    env |= {"TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    for name in ("VLMKG_STORE", "VLMKG_GRAPH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`vlmkg serve --store` over the bundled hub loaded into Virtuoso under a graph of its
    own (dropped afterwards). Skipped without Virtuoso, except under CI (CI=true)."""
    problem = _virtuoso_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Virtuoso tests: {problem}")
        pytest.skip(problem)
    store = f"sparql+{ENDPOINT}"
    graph_iri = f"https://w3id.org/vlmkg/graph/test-w3c-{secrets.token_hex(4)}"
    build_home = tmp_path_factory.mktemp("w3c-build-home")
    command = ["build", "--no-index", "--store", store, "--graph", graph_iri]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vlmkg.cli", *command, "--auth-file", str(AUTH_FILE)],
            env=_env(build_home),
            capture_output=True,
            text=True,
            timeout=480,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        home = tmp_path_factory.mktemp("w3c-serve-home")
        args = ["--query-timeout", str(QUERY_TIMEOUT_S), "--row-limit", str(ROW_LIMIT)]
        args += ["--no-assistant", "--store", store, "--graph", graph_iri]
        with serving(home, args, _env(home)) as (server, health):
            assert health["status"] == "ok", health
            yield server
    finally:
        with RemoteSparqlStore(ENDPOINT, graph_iri, read_auth_file(AUTH_FILE)) as remote:
            remote.drop_graph()


@pytest.fixture(params=["embedded", "virtuoso"])
def endpoint(request: pytest.FixtureRequest) -> Server:
    """Each server in turn: `vlmkg serve` on its own build, and `vlmkg serve --store`."""
    return request.getfixturevalue("server" if request.param == "embedded" else "virtuoso_server")


def on_virtuoso(request: pytest.FixtureRequest) -> bool:
    """True in the runs of a test against `vlmkg serve --store` (Virtuoso)."""
    return request.node.callspec.params["endpoint"] == "virtuoso"


# -- the suite -------------------------------------------------------------------------------


def test_the_manifest_splits_into_applicable_update_and_dataset_tests() -> None:
    kinds = {
        "dataset": sorted(t.name for t in TESTS if t.loads_datasets),
        "update": sorted(t.name for t in TESTS if t.is_update and not t.name.startswith("bad_")),
    }
    assert len(TESTS) == 34
    assert kinds == {
        "dataset": [
            "query_dataset_default_graphs_get",
            "query_dataset_default_graphs_post",
            "query_dataset_full",
            "query_dataset_named_graphs_get",
            "query_dataset_named_graphs_post",
            "query_multiple_dataset",
        ],
        "update": [
            "update_base_uri",
            "update_dataset_default_graph",
            "update_dataset_default_graphs",
            "update_dataset_full",
            "update_dataset_named_graphs",
            "update_post_direct",
            "update_post_form",
        ],
    }
    refused = sorted(t.name for t in TESTS if not all(r.success for r in t.requests))
    assert refused == sorted(REFUSED)


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol(endpoint: Server, test: ProtocolTest) -> None:
    if test.loads_datasets:
        pytest.skip("not applicable: loads datasets through the protocol (read-only service)")
    for sent in test.requests:
        response = send(endpoint, sent)
        if test.name in REFUSED:
            status, line = REFUSED[test.name]
        elif sent.is_update:
            status, line = UPDATE_REFUSED  # the manifest expects 2xx from a writable store
        else:
            check_answer(endpoint, test, sent, response)
            continue
        assert (response.status_code, response.text.splitlines()[0][: len(line)]) == (status, line)
        assert response.text.count("\n") == 1
        if status == 405:
            assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"


def check_answer(
    server: Server, test: ProtocolTest, request: ProtocolRequest, response: httpx.Response
) -> None:
    """A 200 answer in the manifest's format, with the manifest's (or the known) content."""
    assert request.success
    assert response.status_code == 200, response.text
    if test.is_update:
        # A check after an update: the update was refused, so nothing it wrote is there.
        if request.result_format == "boolean":
            assert boolean_of(response) is False
        else:
            assert rows_of(response) == []
    elif request.result_format == "boolean":  # ASK {} where the manifest gives no answer
        assert boolean_of(response) is (True if request.boolean is None else request.boolean)
    elif request.result_format == "tabular":  # SELECT (1 AS ?value) {}
        assert rows_of(response) == [{"value": Literal("1", datatype=XSD_INTEGER)}]
    elif test.name == "query_content_type_construct":  # CONSTRUCT { <s> <p> 1 } WHERE {}
        # Relative IRIs resolve against the endpoint's URL, the default base IRI.
        s, p = URIRef(f"{server.url}/s"), URIRef(f"{server.url}/p")
        assert triples_of(response) == {(s, p, Literal("1", datatype=XSD_INTEGER))}
    else:  # DESCRIBE <http://example.org/>: nothing is known about it
        assert request.result_format == "RDF"
        assert triples_of(response) == set()


# -- rdflib's SPARQLStore, a second client -----------------------------------------------------

MODELS = "SELECT ?m ?label WHERE { ?m a vlm:Model ; rdfs:label ?label } ORDER BY ?m ?label"
ENCODERS = "CONSTRUCT { ?m vlm:visionEncoder ?e } WHERE { ?m vlm:visionEncoder ?e }"


def _httpx_rows(server: Server, query: str) -> list[tuple[str, ...]]:
    response = httpx.get(f"{server.url}/sparql", params={"query": query}, timeout=60)
    bindings = response.json()["results"]["bindings"]
    return [tuple(b[v]["value"] for v in response.json()["head"]["vars"]) for b in bindings]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlstore_select_ask_construct(endpoint: Server, method: str) -> None:
    store = SPARQLStore(f"{endpoint.url}/sparql", method=method, returnFormat="xml")
    graph = Graph(store)
    rows = [tuple(str(term) for term in row) for row in graph.query(MODELS)]
    assert rows == _httpx_rows(endpoint, MODELS)
    assert len(rows) >= 40
    assert graph.query("ASK { ?m a vlm:Model }").askAnswer is True
    assert graph.query("ASK { ?m a vlm:NoSuchClass }").askAnswer is False
    constructed = {tuple(str(t) for t in triple) for triple in graph.query(ENCODERS)}
    expected = {
        (m, PREFIXES["vlm"] + "visionEncoder", e)
        for m, e in _httpx_rows(endpoint, "SELECT ?m ?e WHERE { ?m vlm:visionEncoder ?e }")
    }
    assert constructed == expected
    assert len(expected) >= 20
    store.close()


def test_sparqlupdatestore_updates_are_refused(endpoint: Server) -> None:
    url = f"{endpoint.url}/sparql"
    store = SPARQLUpdateStore(url, url)
    with pytest.raises(urllib.error.HTTPError) as caught:
        store.update("INSERT DATA { <urn:vlmkg:a> <urn:vlmkg:b> <urn:vlmkg:c> }")
    assert caught.value.code == 403
    assert caught.value.read().decode().startswith("error: this endpoint is read-only")
    assert Graph(SPARQLStore(url)).query("ASK { <urn:vlmkg:a> ?p ?o }").askAnswer is False


# -- the service description of each server ---------------------------------------------------

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")


def _described(server: Server) -> tuple[int, list[tuple[str, int, bool]]]:
    """(default graph size, [(named graph, size, is the default graph)]) as served."""
    response = httpx.get(f"{server.url}/sparql", headers={"Accept": "text/turtle"}, timeout=60)
    assert response.status_code == 200, response.text
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef(f"{server.url}/sparql")
    assert graph.value(service, SD.endpoint) == service
    dataset = graph.value(service, SD.defaultDataset)
    default = graph.value(dataset, SD.defaultGraph)
    named = [
        (
            str(graph.value(entry, SD.name)),
            int(graph.value(graph.value(entry, SD.graph), VOID.triples)),
            graph.value(entry, SD.graph) == default,
        )
        for entry in graph.objects(dataset, SD.namedGraph)
    ]
    return int(graph.value(default, VOID.triples)), sorted(named)


def test_the_description_counts_what_the_endpoint_serves(
    endpoint: Server, request: pytest.FixtureRequest
) -> None:
    size, graphs = _described(endpoint)
    [(counted,)] = _httpx_rows(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert size == int(counted) > 10_000
    defaults = [name for name, n, is_default in graphs if is_default and n == size]
    if on_virtuoso(request):  # a remote store serves one graph, the one --graph names
        assert [name for name, _, _ in graphs] == defaults
        assert defaults[0].startswith("https://w3id.org/vlmkg/graph/test-w3c-")
    else:
        assert defaults == [GRAPH]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { BIND(<models> AS ?x) }", "{url}/models"),
        (
            "BASE <http://b.example/kg/> SELECT ?x WHERE { BIND(<m> AS ?x) }",
            "http://b.example/kg/m",
        ),
        ("PREFIX o: <onto#> SELECT ?x WHERE { BIND(o:p AS ?x) }", "{url}/onto#p"),
    ],
    ids=["endpoint-base", "own-base", "relative-prefix"],
)
def test_relative_iris_resolve_alike_on_both_servers(
    endpoint: Server, query: str, expected: str
) -> None:
    response = httpx.post(f"{endpoint.url}/sparql", data={"query": query}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == [
        {"x": {"type": "uri", "value": expected.format(url=endpoint.url)}}
    ]
