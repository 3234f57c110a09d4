"""`vlmkg serve --store sparql+http://...` over a real Virtuoso, compared with the embedded server.

The bundled hub is built into Virtuoso under a graph name of its own; a real server then
serves it from an empty VLMKG_HOME (nothing local to read). Without Virtuoso these tests
are skipped with the reason, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from kg.remote_store import RemoteSparqlStore
from kg.store_config import read_auth_file
from search.assistant import Assistant
from tests._runaway import RUNAWAY, PendingQuery
from tests.kg.test_remote_store import AUTH_FILE, ENDPOINT, _virtuoso_problem
from tests.ui.conftest import QUERY_TIMEOUT_S, ROW_LIMIT, Server, serving
from ui import explore, insights
from ui.runtime import Runtime, ServeSettings

pytestmark = pytest.mark.slow

STORE = f"sparql+{ENDPOINT}"
MODELS = "SELECT ?m ?label WHERE { ?m a vlm:Model ; rdfs:label ?label } ORDER BY ?m ?label"
PER_YEAR = """SELECT ?year (COUNT(DISTINCT ?m) AS ?n) WHERE {
    ?m a vlm:Model ; vlm:releaseYear ?year } GROUP BY ?year ORDER BY ?year"""
OPTIONAL = """SELECT ?m ?p WHERE { ?m a vlm:Model OPTIONAL { ?m vlm:parameterCount ?p } }
    ORDER BY ?m ?p"""
CONSTRUCT = (
    "CONSTRUCT { ?m vlm:visionEncoder ?e . ?e rdfs:label ?l } "
    "WHERE { ?m vlm:visionEncoder ?e . ?e rdfs:label ?l }"
)
QUESTIONS = ["Which models use SigLIP?", "How many models were released in 2024?"]


def _env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "VLMKG_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    for name in ("VLMKG_STORE", "VLMKG_GRAPH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def loaded_graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(graph IRI, the VLMKG_HOME that built it): the bundled hub loaded into Virtuoso."""
    problem = _virtuoso_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Virtuoso tests: {problem}")
        pytest.skip(problem)
    graph_iri = f"https://w3id.org/vlmkg/graph/test-serve-{secrets.token_hex(4)}"
    build_home = tmp_path_factory.mktemp("build-home")
    command = ["build", "--no-index", "--store", STORE, "--graph", graph_iri]
    command += ["--auth-file", str(AUTH_FILE)]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "vlmkg.cli", *command],
            env=_env(build_home),
            capture_output=True,
            text=True,
            timeout=480,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert f"graph <{graph_iri}> as <" in done.stderr
        yield graph_iri, build_home
    finally:
        with RemoteSparqlStore(ENDPOINT, graph_iri, read_auth_file(AUTH_FILE)) as store:
            store.drop_graph()


@pytest.fixture(scope="module")
def remote_server(
    loaded_graph: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """`vlmkg serve --store ... --graph ...` on an empty VLMKG_HOME."""
    graph_iri, _ = loaded_graph
    home = tmp_path_factory.mktemp("remote-serve-home")
    args = [
        "--query-timeout",
        str(QUERY_TIMEOUT_S),
        "--row-limit",
        str(ROW_LIMIT),
        "--no-assistant",
        "--store",
        STORE,
        "--graph",
        graph_iri,
    ]
    with serving(home, args, _env(home)) as (server, health):
        assert health["status"] == "ok", health
        assert health["build"].startswith(f"{graph_iri}/version/"), health
        assert health["steps"]["graph"].startswith("ready"), health
        yield server


@pytest.fixture(scope="module")
def runtimes(loaded_graph: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """(remote Runtime on an empty home, embedded Runtime over the build that loaded it)."""
    graph_iri, build_home = loaded_graph
    remote = Runtime(
        ServeSettings(
            home=tmp_path_factory.mktemp("remote-runtime-home"),
            build_if_missing=False,
            store_spec=STORE,
            graph=graph_iri,
        )
    ).start()
    embedded = Runtime(ServeSettings(home=build_home, workers=1, load_assistant=False)).start()
    try:
        assert remote.wait(180) and embedded.wait(180)
        assert remote.steps["graph"].startswith("ready"), remote.steps
        assert remote.steps["assistant"].startswith("ready"), remote.steps
        yield remote, embedded
    finally:
        remote.close()
        embedded.close()


def _query(server: Server, query: str, fmt: str) -> object:
    client = SPARQLWrapper(f"{server.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.queryAndConvert()


@pytest.mark.parametrize("query", [MODELS, PER_YEAR, OPTIONAL], ids=["models", "year", "optional"])
def test_select_json_equals_the_embedded_server(
    remote_server: Server, server: Server, query: str
) -> None:
    expected = _query(server, query, JSON)
    assert len(expected["results"]["bindings"]) >= 3  # type: ignore[index]
    assert _query(remote_server, query, JSON) == expected


@pytest.mark.parametrize("fmt", [CSV, XML])
def test_select_csv_and_xml_equal_the_embedded_server(
    remote_server: Server, server: Server, fmt: str
) -> None:
    def text(answer: object) -> str:
        return answer.decode("utf-8") if isinstance(answer, bytes) else answer.toxml()  # type: ignore[attr-defined]

    assert text(_query(remote_server, MODELS, fmt)) == text(_query(server, MODELS, fmt))


@pytest.mark.parametrize(
    ("query", "expected"),
    [("ASK { ?m a vlm:Model }", True), ("ASK { ?m a vlm:NoSuchClass }", False)],
    ids=["yes", "no"],
)
def test_ask_equals_the_embedded_server(
    remote_server: Server, server: Server, query: str, expected: bool
) -> None:
    assert _query(remote_server, query, JSON) == {"head": {}, "boolean": expected}
    assert _query(server, query, JSON) == {"head": {}, "boolean": expected}


def test_construct_equals_the_embedded_server(remote_server: Server, server: Server) -> None:
    def triples(found: object) -> list[tuple[str, ...]]:
        assert isinstance(found, bytes)  # SPARQLWrapper hands Turtle over unparsed
        graph = Graph().parse(data=found, format="turtle")
        return sorted(tuple(str(t) for t in triple) for triple in graph)

    expected = triples(_query(server, CONSTRUCT, TURTLE))
    assert len(expected) >= 20
    assert triples(_query(remote_server, CONSTRUCT, TURTLE)) == expected


def test_the_row_limit_caps_remote_results(remote_server: Server) -> None:
    response = httpx.get(
        f"{remote_server.url}/sparql",
        params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
        headers={"Accept": "text/csv"},
        timeout=60,
    )
    assert response.status_code == 200
    assert response.headers["x-result-rows"] == str(ROW_LIMIT)
    assert response.headers["x-row-limit-reached"] == "true"
    assert len(response.text.splitlines()) == ROW_LIMIT + 1


def test_an_update_is_refused(remote_server: Server) -> None:
    response = httpx.post(
        f"{remote_server.url}/sparql",
        data={"update": "INSERT DATA { <urn:x> <urn:y> <urn:z> }"},
        timeout=30,
    )
    assert response.status_code == 403, response.text


def test_a_slow_query_is_stopped_while_another_succeeds(remote_server: Server) -> None:
    slow = PendingQuery(remote_server.url, RUNAWAY)  # on the wire before the fast one
    fast = httpx.get(
        f"{remote_server.url}/sparql",
        params={"query": "ASK { ?m a vlm:Model }"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    assert fast.status_code == 200, fast.text
    assert fast.json() == {"head": {}, "boolean": True}
    # RUNAWAY cannot end before the time limit: the fast answer came while it ran.
    assert not slow.answered()
    assert slow.reply() == (
        503,
        f"error: the SPARQL store at {ENDPOINT} did not answer within {QUERY_TIMEOUT_S} s; "
        "narrow the query (LIMIT, more specific patterns) or raise the timeout\n",
    )


def test_the_export_download_equals_the_embedded_server(
    remote_server: Server, server: Server
) -> None:
    def lines(base: str) -> list[str]:
        response = httpx.get(f"{base}/export/ntriples", timeout=120)
        assert response.status_code == 200, response.text
        return sorted(response.text.splitlines())

    expected = lines(server.url)
    assert len(expected) > 20_000
    assert lines(remote_server.url) == expected


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_assistant_answers_from_the_remote_store(
    runtimes: tuple[Runtime, Runtime], loaded_graph: tuple[str, Path], question: str
) -> None:
    remote, _ = runtimes
    _, build_home = loaded_graph
    expected = Assistant.open(build_home).ask(question).to_dict()
    assert expected["citations"], question  # a grounded answer
    assert remote.assistant().ask(question).to_dict() == expected


def test_explore_and_insights_read_the_remote_store(runtimes: tuple[Runtime, Runtime]) -> None:
    remote, embedded = runtimes
    hits = explore.find_entities(embedded, "LLaVA")
    assert hits
    assert explore.find_entities(remote, "LLaVA") == hits
    assert explore.entity_page(remote, hits[0]) == explore.entity_page(embedded, hits[0])
    assert explore.neighbourhood(remote, hits[0]) == explore.neighbourhood(embedded, hits[0])
    found, expected = insights.compute(remote), insights.compute(embedded)
    for name in found.__dataclass_fields__:
        # Rows tied in the queries' ORDER BY come in each store's own order.
        rows = sorted(getattr(found, name).itertuples(index=False))
        assert rows == sorted(getattr(expected, name).itertuples(index=False)), name
        assert rows, name


def test_a_bad_store_is_one_line_before_serving(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "serve", "--store", "sparql+ftp://x/sparql"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: unknown store 'sparql+ftp://x/sparql': use ")
    assert len(done.stderr.splitlines()) == 1
