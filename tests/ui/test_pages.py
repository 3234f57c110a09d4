"""The server's own pages on a tiny graph: /health, /source, Basic auth, and the tabs'
plain functions (Explore, Insights, SPARQL tab) through a real query pool."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from kg.vocab import GRAPH
from tests.ui.conftest import READY_S, free_port
from ui import explore, insights, sparql_tab
from ui.auth import parse_credentials
from ui.runtime import Runtime, ServeSettings
from ui.server import create_app
from vlmkg.errors import QuerySyntaxError, UsageError

DATA = Path(__file__).with_name("data")
EVIL = "https://w3id.org/vlmkg/resource/model/evil"


def make_home(root: Path) -> Path:
    """A VLMKG_HOME whose current build holds tests/ui/data/tiny.ttl and names its hub."""
    build = root / "builds" / "tiny"
    build.mkdir(parents=True)
    store = ox.Store(str(build / "store"))
    store.load(
        path=str(DATA / "tiny.ttl"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH)
    )
    store.flush()
    del store
    hub = build / "tiny-hub.md"
    shutil.copy(DATA / "tiny-hub.md", hub)
    manifest = {"sources": [{"path": str(hub), "name": hub.name}]}
    (build / "manifest.json").write_text(json.dumps(manifest))
    (root / "current").symlink_to("builds/tiny")
    return root


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    home = make_home(tmp_path_factory.mktemp("tiny-home"))
    settings = ServeSettings(home=home, time_limit=5, row_limit=100, load_assistant=False)
    started = Runtime(settings).start()
    assert started.wait(60)
    yield started
    started.close()


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app without the Gradio UI, with Basic auth for alice:secret, on a free port."""
    home = make_home(tmp_path_factory.mktemp("tiny-secured"))
    settings = ServeSettings(home=home, time_limit=5, load_assistant=False)
    app, runtime = create_app(settings, {"alice": "secret"}, with_ui=False)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    assert runtime.wait(READY_S), runtime.steps
    yield url
    server.should_exit = True
    thread.join(10)
    runtime.close()


def test_health_is_open_and_reports_steps(secured: str) -> None:
    health = httpx.get(f"{secured}/health").json()
    assert health["status"] == "ok"
    assert health["build"] == "tiny"
    assert health["steps"]["graph"].startswith("ready")
    assert health["steps"]["query workers"].startswith("ready")
    assert health["steps"]["assistant"] == "off"


@pytest.mark.parametrize("auth", [None, ("alice", "wrong"), ("bob", "secret")])
def test_basic_auth_is_required(secured: str, auth: tuple[str, str] | None) -> None:
    response = httpx.get(f"{secured}/sparql", params={"query": "ASK {}"}, auth=auth)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Basic ")


def test_basic_auth_lets_users_in(secured: str) -> None:
    response = httpx.get(
        f"{secured}/sparql", params={"query": "ASK { ?m a vlm:Model }"}, auth=("alice", "secret")
    )
    assert response.status_code == 200
    assert response.json() == {"head": {}, "boolean": True}


def test_source_page_escapes_and_highlights(secured: str) -> None:
    response = httpx.get(
        f"{secured}/source/tiny-hub.md", params={"lines": "3-4"}, auth=("alice", "secret")
    )
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert (
        '<li id="L3" class=cited>- **Evil&lt;script&gt;alert(1)&lt;/script&gt;VLM**'
        in response.text
    )
    assert '<li id="L4" class=cited>' in response.text
    assert '<li id="L5">' in response.text


def test_source_page_refuses_other_files(secured: str) -> None:
    response = httpx.get(f"{secured}/source/..%2F..%2Fetc%2Fpasswd", auth=("alice", "secret"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("auth", "auth_file", "expected"),
    [
        ("alice:secret", None, {"alice": "secret"}),
        (None, "# users\nbob:pw:with:colons\n\ncarol:x\n", {"bob": "pw:with:colons", "carol": "x"}),
    ],
)
def test_parse_credentials(
    tmp_path: Path, auth: str | None, auth_file: str | None, expected: dict
) -> None:
    path = None
    if auth_file is not None:
        path = tmp_path / "users.txt"
        path.write_text(auth_file)
    assert parse_credentials(auth, path) == expected


@pytest.mark.parametrize("auth", ["alice", ":secret", "alice:"])
def test_parse_credentials_rejects_malformed(auth: str) -> None:
    with pytest.raises(UsageError, match="expected user:password"):
        parse_credentials(auth)


def test_find_entities_by_label_and_alias(runtime: Runtime) -> None:
    found = explore.find_entities(runtime, "siglip")
    assert [(h.label, h.type) for h in found] == [
        ("SigLIP", "VisionEncoder"),
        ("SigLIP-400M", "VisionEncoder"),
    ]
    by_alias = explore.find_entities(runtime, "onerror")
    assert [h.iri for h in by_alias] == [EVIL]
    assert explore.find_entities(runtime, "   ") == []


def test_entity_page_escapes_hub_text(runtime: Runtime) -> None:
    hit = explore.find_entities(runtime, "evil")[0]
    page = explore.entity_page(runtime, hit)
    assert "<script>" not in page and "<img" not in page
    assert "<h2>Evil&lt;script&gt;alert(1)&lt;/script&gt;VLM</h2>" in page
    assert "<tr><th>alias</th><td>&lt;img src=x onerror=alert(2)&gt;</td></tr>" in page
    assert (
        '<a href="/source/tiny-hub.md?lines=3-4#L3" target="_blank">tiny-hub.md#L3-L4</a>' in page
    )


def test_neighbourhood_shows_shared_components(runtime: Runtime) -> None:
    hit = explore.find_entities(runtime, "SigLIP-400M")[0]
    edges = explore.neighbourhood(runtime, hit)
    assert edges == [
        ("Evil<script>alert(1)</script>VLM", "visionEncoder", "SigLIP"),
        ("GoodVLM", "visionEncoder", "SigLIP-400M"),
        ("SigLIP-400M", "family", "SigLIP"),
    ]
    svg = explore.neighbourhood_svg(hit, edges)
    assert svg.startswith("<svg") and "<script>" not in svg
    assert "Evil&lt;script&gt;alert(1)&lt;/script&gt;VLM" in svg


def test_insights_tables(runtime: Runtime) -> None:
    found = insights.compute(runtime)
    assert found.encoders.to_dict("records") == [{"family": "SigLIP", "models": 2}]
    assert found.encoders_by_year.to_dict("records") == [
        {"family": "SigLIP", "year": "2024", "models": 1},
        {"family": "SigLIP", "year": "2025", "models": 1},
    ]
    assert found.parameters.to_dict("records") == [
        {
            "model": "Evil<script>alert(1)</script>VLM",
            "year": 2024,
            "parameters_billions": 7.0,
            "log10_parameters": 9.845,
        }
    ]
    assert len(found.backbones) == 0 and len(found.architectures) == 0


def test_sparql_tab_runs_select_ask_construct(runtime: Runtime, tmp_path: Path) -> None:
    select = sparql_tab.run_query(
        runtime, "SELECT ?l WHERE { ?m a vlm:Model ; rdfs:label ?l } ORDER BY ?l", tmp_path
    )
    assert select.columns == ("l",)
    assert select.rows == (("Evil<script>alert(1)</script>VLM",), ("GoodVLM",))
    assert select.message == "2 rows"
    assert select.csv_path.read_text().splitlines() == [
        "l",
        "Evil<script>alert(1)</script>VLM",
        "GoodVLM",
    ]
    ask = sparql_tab.run_query(runtime, "ASK { ?m a vlm:Model }", tmp_path)
    assert (ask.columns, ask.rows) == (("boolean",), (("true",),))
    graph = sparql_tab.run_query(
        runtime, "CONSTRUCT { ?m vlm:releaseYear ?y } WHERE { ?m vlm:releaseYear ?y }", tmp_path
    )
    assert graph.columns == ("subject", "predicate", "object")
    assert sorted(graph.rows) == [
        (
            "https://w3id.org/vlmkg/resource/model/evil",
            "https://w3id.org/vlmkg/ontology#releaseYear",
            "2024",
        ),
        (
            "https://w3id.org/vlmkg/resource/model/good",
            "https://w3id.org/vlmkg/ontology#releaseYear",
            "2025",
        ),
    ]
    assert graph.message == "2 triples"


def test_sparql_tab_reports_the_error_position(runtime: Runtime) -> None:
    with pytest.raises(QuerySyntaxError, match="line 2, column 16"):
        sparql_tab.run_query(runtime, "SELECT ?s\nWHERE { ?s ?p }")


def test_examples_run(runtime: Runtime, tmp_path: Path) -> None:
    examples = sparql_tab.load_examples()
    assert len(examples) >= 5
    assert len({e.title for e in examples}) == len(examples)
    for example in examples:
        sparql_tab.run_query(runtime, example.query, tmp_path)  # no syntax error, not refused


def test_cookbook_examples() -> None:
    markdown = (
        "# Cookbook\n\nIntro.\n\n```\nvlmkg sparql '...'\n```\n\n## Models\n\n"
        "Some text. Largest models (one value per variant):\n\n"
        "```sparql\nSELECT ?m WHERE { ?m a vlm:Model }\n```\n\n```\nm\n-\n```\n\n"
        "```sparql\nASK { ?m a vlm:Model }\n```\n"
    )
    assert sparql_tab.cookbook_examples(markdown) == [
        sparql_tab.Example("Models: Largest models", "SELECT ?m WHERE { ?m a vlm:Model }"),
        sparql_tab.Example("Models", "ASK { ?m a vlm:Model }"),
    ]


def test_deferred_server_answers_before_the_ui_loads(tmp_path: Path) -> None:
    """The light app serves /, /health and /sparql while the full app is built; then the
    full app takes over (here a FastAPI app without Gradio, built slowly on purpose)."""
    from fastapi import FastAPI
    from fastapi.responses import PlainTextResponse

    from ui.deferred import UI_STEP, DeferredApp
    from ui.server import _base_app

    release = threading.Event()

    def build_full() -> FastAPI:
        release.wait(READY_S)
        full = FastAPI()
        full.get("/")(lambda: PlainTextResponse("full app"))
        return full

    runtime = Runtime(ServeSettings(home=make_home(tmp_path), load_assistant=False)).start()
    app = DeferredApp(_base_app(runtime, None, loading_page=True), build_full, runtime)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        page = _get_when_up(url + "/")
        assert page.status_code == 200
        assert '<meta http-equiv="refresh" content="1">' in page.text
        assert f"<li><b>{UI_STEP}</b>: loading</li>" in page.text
        assert runtime.wait(READY_S), runtime.steps
        answer = httpx.get(url + "/sparql", params={"query": "ASK { ?m a vlm:Model }"})
        assert answer.json()["boolean"] is True
        release.set()
        deadline = time.monotonic() + READY_S
        while runtime.steps[UI_STEP] == "loading" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert runtime.steps[UI_STEP].startswith("ready")
        assert httpx.get(url + "/").text == "full app"
    finally:
        release.set()
        server.should_exit = True
        thread.join(10)


def _get_when_up(url: str) -> httpx.Response:
    deadline = time.monotonic() + READY_S
    while True:
        try:
            return httpx.get(url)
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
