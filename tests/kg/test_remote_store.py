"""The remote SPARQL store against a real Virtuoso, compared with the embedded Oxigraph.

Virtuoso comes from the Debian package virtuoso-opensource; `bash scripts/virtuoso.sh
start` starts and configures it (the fixture runs it when Virtuoso is installed but not
running). Without Virtuoso these tests are skipped, except under CI (CI=true), where a
missing Virtuoso fails them.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.term import Node

import ingest
from kg.build import build
from kg.oxigraph_store import OxigraphStore
from kg.remote_store import CONTROL_GRAPH, Credentials, RemoteSparqlStore
from kg.store import QueryResult
from kg.store_config import read_auth_file
from tests._runaway import RUNAWAY
from vlmkg import config
from vlmkg.cli import main
from vlmkg.errors import QuerySyntaxError, QueryTimeoutError, StoreError, UsageError

ENDPOINT = os.environ.get("VLMKG_TEST_SPARQL", "http://127.0.0.1:8890/sparql")
AUTH_FILE = Path(os.environ.get("VLMKG_STORE_AUTH_FILE", "~/.vlmkg-store-credentials")).expanduser()
SCRIPT = Path(__file__).parents[2] / "scripts" / "virtuoso.sh"

pytestmark = pytest.mark.slow


def _answers() -> bool:
    try:
        # A deadline for a busy machine: a Virtuoso that answers late still answers.
        with urllib.request.urlopen(f"{ENDPOINT}?query=ASK%7B%7D", timeout=60):
            return True
    except OSError:
        return False


def _virtuoso_problem() -> str | None:
    """None when Virtuoso answers and credentials exist; else why not."""
    if (not _answers() or not AUTH_FILE.is_file()) and shutil.which("virtuoso-t"):
        subprocess.run(["bash", str(SCRIPT), "start"], check=False, timeout=900)
    if not _answers():
        return (
            f"Virtuoso is not answering on {ENDPOINT}: install virtuoso-opensource "
            "(make system-deps) and run `bash scripts/virtuoso.sh start`"
        )
    if not AUTH_FILE.is_file():
        return f"no store credentials in {AUTH_FILE}: run `bash scripts/virtuoso.sh start`"
    return None


@pytest.fixture(scope="module")
def credentials() -> Credentials:
    problem = _virtuoso_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Virtuoso tests: {problem}")
        pytest.skip(problem)
    return read_auth_file(AUTH_FILE)


@pytest.fixture()
def graph_iri() -> str:
    """A graph name of its own per test, so a real hub graph in the store is left alone."""
    return f"https://w3id.org/vlmkg/graph/test-{secrets.token_hex(4)}"


@pytest.fixture()
def remote(credentials: Credentials, graph_iri: str) -> Iterator[RemoteSparqlStore]:
    store = RemoteSparqlStore(ENDPOINT, graph_iri, credentials)
    yield store
    store.drop_graph()
    store.close()


@pytest.fixture(scope="module")
def hub_graph() -> Graph:
    return build(ingest.read_hubs([config.bundled_hub()]))


@pytest.fixture(scope="module")
def embedded(hub_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    store = OxigraphStore.create(tmp_path_factory.mktemp("oxigraph") / "store", hub_graph)
    yield store
    store.close()


@pytest.fixture(scope="module")
def hub_remote(credentials: Credentials, hub_graph: Graph) -> Iterator[RemoteSparqlStore]:
    iri = f"https://w3id.org/vlmkg/graph/test-hub-{secrets.token_hex(4)}"
    store = RemoteSparqlStore(ENDPOINT, iri, credentials)
    store.load_graph(hub_graph)
    yield store
    store.drop_graph()
    store.close()


def _plain(term: Node | None) -> Node | None:
    """Simple literals one way: rdflib writes xsd:string literals without a datatype."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _rows(result: QueryResult) -> list[tuple[Node | None, ...]]:
    return sorted((tuple(_plain(t) for t in row) for row in result.rows), key=repr)


def _triples(result: QueryResult) -> list[tuple[Node | None, ...]]:
    assert result.graph is not None
    return sorted((tuple(_plain(t) for t in triple) for triple in result.graph), key=repr)


SAME_ANSWERS = {
    "classes": "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c",
    "label lookup": 'SELECT ?m WHERE { ?m rdfs:label ?l FILTER(STR(?l) = "LLaVA") }',
    "encoder family": """SELECT ?model ?family WHERE {
        ?model a vlm:Model ; vlm:visionEncoder/skos:broader* ?family }""",
    "models per year": """SELECT ?year (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m a vlm:Model ; vlm:releaseYear ?year } GROUP BY ?year""",
    "two hops": """SELECT ?model ?benchmark ?score WHERE {
        ?model vlm:result ?r . ?r vlm:benchmark/rdfs:label ?benchmark ; vlm:scoreValue ?score }""",
    "regex filter": 'SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(REGEX(?l, "vl", "i")) }',
    "optional": """SELECT ?m ?p WHERE { ?m a vlm:Model OPTIONAL { ?m vlm:parameterCount ?p } }""",
    "typed literals": """SELECT ?s ?o WHERE {
        ?s ?p ?o FILTER(isLiteral(?o) && DATATYPE(?o) != xsd:string) }""",
    "all literals": "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "sections": "SELECT ?s ?parent ?level WHERE { ?s dcterms:isPartOf ?parent ; vlm:level ?level }",
}


@pytest.mark.parametrize("query", SAME_ANSWERS.values(), ids=SAME_ANSWERS.keys())
def test_select_answers_equal_oxigraph(
    query: str, embedded: OxigraphStore, hub_remote: RemoteSparqlStore
) -> None:
    expected = embedded.query(query)
    assert expected.rows, "the query must find something in the bundled hub"
    answer = hub_remote.query(query)
    assert answer.variables == expected.variables
    assert _rows(answer) == _rows(expected)


@pytest.mark.parametrize(
    "query", ["ASK { ?m a vlm:Model }", "ASK { ?m a vlm:NoSuchClass }"], ids=["yes", "no"]
)
def test_ask_answers_equal_oxigraph(
    query: str, embedded: OxigraphStore, hub_remote: RemoteSparqlStore
) -> None:
    assert hub_remote.query(query) == embedded.query(query)


def test_construct_answers_equal_oxigraph(
    embedded: OxigraphStore, hub_remote: RemoteSparqlStore
) -> None:
    query = """CONSTRUCT { ?m rdfs:label ?l ; vlm:releaseYear ?y }
        WHERE { ?m a vlm:Model ; rdfs:label ?l ; vlm:releaseYear ?y }"""
    expected = embedded.query(query)
    assert len(expected.graph or ()) > 0
    assert _triples(hub_remote.query(query)) == _triples(expected)


def test_bindings_equal_oxigraph(embedded: OxigraphStore, hub_remote: RemoteSparqlStore) -> None:
    query = "SELECT ?m ?p ?o WHERE { ?m ?p ?o }"  # pyoxigraph binds projected variables only
    models = embedded.query("SELECT ?m WHERE { ?m a vlm:Model } ORDER BY ?m LIMIT 3")
    for (model,) in models.rows:
        assert isinstance(model, URIRef)
        expected = _rows(embedded.query(query, {"m": model}))
        assert expected
        assert _rows(hub_remote.query(query, {"m": model})) == expected


def test_the_graph_is_also_its_only_named_graph(
    hub_graph: Graph, hub_remote: RemoteSparqlStore
) -> None:
    answer = hub_remote.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    assert answer.rows == ((URIRef(hub_remote.graph_iri), Literal(len(hub_graph))),)
    named = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{hub_remote.graph_iri}> {{ ?s ?p ?o }} }}"
    assert hub_remote.query(named).rows == ((Literal(len(hub_graph)),),)


ASK_SAME = [
    "Which models use SigLIP?",
    "How many models were released in 2024?",
    "What is the parameter count of Qwen2-VL?",
]


def test_cli_sparql_export_and_ask_on_virtuoso_print_what_they_print_on_oxigraph(
    credentials: Credentials,
    graph_iri: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("VLMKG_HOME", str(tmp_path / "home"))
    store = ["--store", f"sparql+{ENDPOINT}", "--graph", graph_iri]
    try:
        assert main(["build", "--no-index", *store, "--auth-file", str(AUTH_FILE)]) == 0
        built = capsys.readouterr()
        assert f"loaded into the SPARQL store {ENDPOINT}, graph <{graph_iri}> as <" in built.err
        query = "SELECT ?m ?l WHERE { ?m a vlm:Model ; rdfs:label ?l } ORDER BY ?m ?l"
        for fmt in ("table", "csv", "json"):
            assert main(["sparql", "--format", fmt, query]) == 0
            expected = capsys.readouterr().out
            assert main(["sparql", "--format", fmt, *store, query]) == 0
            assert capsys.readouterr().out == expected
        exported = {}
        for name, options in (("embedded", []), ("remote", store)):
            path = tmp_path / f"{name}.nt"
            assert main(["export", "--format", "ntriples", "-o", str(path), *options]) == 0
            exported[name] = sorted(path.read_text(encoding="utf-8").splitlines())
        capsys.readouterr()
        assert len(exported["embedded"]) > 20_000
        assert exported["remote"] == exported["embedded"]
        for question in ASK_SAME:
            assert main(["ask", "--json", question]) == 0
            expected = capsys.readouterr().out
            assert json.loads(expected)["citations"], question  # a grounded answer
            assert main(["ask", "--json", *store, question]) == 0
            assert capsys.readouterr().out == expected
    finally:
        with RemoteSparqlStore(ENDPOINT, graph_iri, credentials) as remote:
            remote.drop_graph()


# -- replacing a graph -----------------------------------------------------------------


def _numbered_graph(n: int, tag: str) -> Graph:
    graph = Graph()
    for i in range(n):
        graph.add((URIRef(f"urn:vlmkg-test:{tag}/{i}"), RDFS.label, Literal(f"{tag} {i}")))
    return graph


def _count(store: RemoteSparqlStore) -> int:
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    return int(rows[0][0])  # type: ignore[arg-type]


def test_a_reader_sees_the_old_graph_until_the_switch_then_the_new_one(
    remote: RemoteSparqlStore, credentials: Credentials
) -> None:
    remote.load_graph(_numbered_graph(300, "old"))
    reader = RemoteSparqlStore(ENDPOINT, remote.graph_iri)
    remote.batch_size = 50  # 40 requests: readers run between them
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append(_count(reader))

    thread = threading.Thread(target=read)
    thread.start()
    try:
        remote.load_graph(_numbered_graph(2000, "new"))
    finally:
        done.set()
        thread.join()
    reader.close()
    assert len(seen) > 5
    assert set(seen) <= {300, 2000}
    assert seen == sorted(seen)  # once switched, never back
    assert _count(remote) == 2000


def test_the_replaced_version_is_kept_until_the_next_load(remote: RemoteSparqlStore) -> None:
    first = remote.load_graph(_numbered_graph(10, "a"))
    second = remote.load_graph(_numbered_graph(20, "b"))
    assert (remote.triple_count(first), remote.triple_count(second)) == (10, 20)
    third = remote.load_graph(_numbered_graph(30, "c"))
    counts = [remote.triple_count(v) for v in (first, second, third)]
    assert counts == [0, 20, 30]
    assert remote.current_graph() == third
    pointers = remote.query(
        f"SELECT ?p ?v WHERE {{ GRAPH <{CONTROL_GRAPH}> {{ <{remote.graph_iri}> ?p ?v }} }}"
    )
    assert pointers.rows == ()  # the control graph is not visible to queries


def test_a_graph_never_loaded_by_vlmkg_is_queried_under_its_own_name(
    credentials: Credentials, graph_iri: str
) -> None:
    with RemoteSparqlStore(ENDPOINT, graph_iri, credentials) as store:
        store._update(f'INSERT DATA {{ GRAPH <{graph_iri}> {{ <urn:x> <urn:y> "z" }} }}')
        try:
            assert store.current_graph() == graph_iri
            assert store.query("SELECT ?o WHERE { <urn:x> <urn:y> ?o }").rows == ((Literal("z"),),)
        finally:
            store._update(f"DROP SILENT GRAPH <{graph_iri}>")


def test_loading_through_sparql_update_alone(credentials: Credentials, graph_iri: str) -> None:
    """The path for stores without a Graph Store endpoint: INSERT DATA in batches."""
    store = RemoteSparqlStore(ENDPOINT, graph_iri, credentials, update_url=f"{ENDPOINT}-auth")
    with store:
        try:
            store.load_graph(_numbered_graph(4500, "update"))  # 9 requests of <= 500
            assert _count(store) == 4500
        finally:
            store.drop_graph()


def test_anonymous_loads_of_a_big_graph_are_refused_before_sending_it(
    credentials: Credentials, graph_iri: str
) -> None:
    store = RemoteSparqlStore(ENDPOINT, graph_iri)
    with store, pytest.raises(StoreError) as caught:
        store.load_graph(_numbered_graph(30_000, "big"))
    assert "does not permit updates for anonymous users" in str(caught.value)


def test_blank_nodes_stay_joined_across_batches(remote: RemoteSparqlStore) -> None:
    graph = Graph()
    graph.parse(
        data="""
        @prefix ex: <urn:vlmkg-test:> .
        ex:a ex:size [ ex:value 3 ; ex:unit "B" ] .
        ex:b ex:size [ ex:value 7 ; ex:unit "M" ; ex:part [ ex:value 1 ] ] .
        ex:c ex:label "c" . ex:d ex:label "d" .
        """,
        format="turtle",
    )
    remote.batch_size = 1
    remote.load_graph(graph)
    answer = remote.query(
        "SELECT ?s ?v ?u WHERE { ?s <urn:vlmkg-test:size> [ <urn:vlmkg-test:value> ?v ; "
        "<urn:vlmkg-test:unit> ?u ] }"
    )
    assert sorted((str(s), int(v), str(u)) for s, v, u in answer.rows) == [  # type: ignore[arg-type]
        ("urn:vlmkg-test:a", 3, "B"),
        ("urn:vlmkg-test:b", 7, "M"),
    ]
    nested = "ASK { ?x <urn:vlmkg-test:value> 7 ; <urn:vlmkg-test:part>/<urn:vlmkg-test:value> 1 }"
    assert remote.query(nested).boolean is True


# -- values never change the query -----------------------------------------------------


def test_a_bound_literal_cannot_escape_its_quotes(remote: RemoteSparqlStore) -> None:
    remote.load_graph(_numbered_graph(3, "x"))
    hostile = Literal('x 1" } } ; DROP ALL ; SELECT * { ?a ?b "')
    answer = remote.query("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": hostile})
    assert answer.rows == ()
    assert _count(remote) == 3
    found = remote.query("SELECT ?s WHERE { ?s rdfs:label ?l }", {"l": Literal("x 1")})
    assert found.rows == ((URIRef("urn:vlmkg-test:x/1"),),)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("s", URIRef("urn:a> } ; DROP ALL ; <urn:b")),
        ("s) { (<urn:a>) } DROP", URIRef("urn:a")),
        ("l", Literal("x", datatype="urn:t> } DROP ALL ; <urn:u")),
    ],
)
def test_values_that_are_not_terms_are_refused(
    remote: RemoteSparqlStore, name: str, value: Node
) -> None:
    with pytest.raises(UsageError):
        remote.query("SELECT ?s WHERE { ?s rdfs:label ?l }", {name: value})  # type: ignore[dict-item]


# -- errors a person can act on ----------------------------------------------------------


def test_an_unreachable_store_says_so() -> None:
    store = RemoteSparqlStore("http://127.0.0.1:9/sparql", timeout=2)
    with store, pytest.raises(StoreError) as caught:
        store.query("ASK {}")
    assert str(caught.value).startswith(
        "cannot reach the SPARQL store at http://127.0.0.1:9/sparql ("
    )
    assert str(caught.value).endswith(
        "): start it (`bash scripts/virtuoso.sh start`) or fix --store / VLMKG_STORE"
    )


def test_wrong_credentials_are_refused(credentials: Credentials, graph_iri: str) -> None:
    wrong = Credentials(credentials.user, credentials.password + "-wrong")
    store = RemoteSparqlStore(ENDPOINT, graph_iri, wrong)
    with store, pytest.raises(StoreError) as caught:
        store.load_graph(_numbered_graph(2, "w"))
    assert str(caught.value) == (
        f"the SPARQL store at {ENDPOINT}-auth refused the credentials of user "
        f"{credentials.user!r}: check --auth-file or VLMKG_STORE_USER / VLMKG_STORE_PASSWORD"
    )
    assert "wrong" not in repr(wrong)


def test_anonymous_updates_are_not_permitted(graph_iri: str, credentials: Credentials) -> None:
    store = RemoteSparqlStore(ENDPOINT, graph_iri)
    with store, pytest.raises(StoreError) as caught:
        store.load_graph(_numbered_graph(2, "anon"))
    assert str(caught.value) == (
        f"the SPARQL store at {ENDPOINT} does not permit updates for anonymous users: give "
        "credentials of a user granted SPARQL_UPDATE (`bash scripts/virtuoso.sh start` "
        "creates one)"
    )


def test_a_slow_query_times_out(hub_remote: RemoteSparqlStore) -> None:
    slow = RemoteSparqlStore(ENDPOINT, hub_remote.graph_iri, timeout=0.3)
    # RUNAWAY needs no data: it used to run in full in this process, on the empty store
    # that only had to tell its kind, before the store was even asked.
    with pytest.raises(QueryTimeoutError) as caught:
        slow.query(RUNAWAY)
    slow.close()
    assert str(caught.value) == (
        f"the SPARQL store at {ENDPOINT} did not answer within 0.3 s; "
        "narrow the query (LIMIT, more specific patterns) or raise the timeout"
    )


def test_syntax_errors_read_as_on_oxigraph(
    embedded: OxigraphStore, hub_remote: RemoteSparqlStore
) -> None:
    query = "SELECT ?x WHERE { ?x a vlm:Model"
    with pytest.raises(QuerySyntaxError) as expected:
        embedded.query(query)
    with pytest.raises(QuerySyntaxError) as caught:
        hub_remote.query(query)
    assert str(caught.value) == str(expected.value)


def test_the_cli_prints_one_line_for_an_unreachable_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VLMKG_HOME", str(tmp_path))
    code = main(["sparql", "--store", "sparql+http://127.0.0.1:9/sparql", "ASK {}"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: cannot reach the SPARQL store at http://127.0.0.1:9/sparql (")
    assert err.count("\n") == 1
