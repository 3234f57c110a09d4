"""The Oxigraph store on disk and the atomic build directories (real stores in tmp dirs)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from ingest.records import ModelRecord, SectionRecord, Source
from kg.builds import open_current, read_manifest, write_build
from kg.oxigraph_store import OxigraphStore
from kg.vocab import RDF, RDFS, RES, VLM
from vlmkg.config import bundled_hub
from vlmkg.errors import NoGraphError, ShapeViolationError, StoreError, UsageError

F = "hub.md"
RECORDS = [
    SectionRecord("Models", 2, "models", Source(F, 1, 1)),
    ModelRecord("CogVLM", Source(F, 2, 2), year=2023),
    ModelRecord("BLIP-2", Source(F, 3, 3), year=2023),
]


def small_graph() -> Graph:
    graph = Graph()
    for name in ("CogVLM", "BLIP-2", "PaLI"):
        iri = RES[f"model/{name.lower()}"]
        graph.add((iri, RDF.type, VLM.Model))
        graph.add((iri, RDFS.label, Literal(name)))
    graph.add((RES["model/cogvlm"], VLM.releaseYear, Literal(2023)))
    return graph


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with OxigraphStore.create(path, small_graph()):
        pass
    return path


def labels(store: OxigraphStore) -> list[str]:
    result = store.query("SELECT ?l WHERE { ?m a vlm:Model ; rdfs:label ?l } ORDER BY ?l")
    return [str(row[0]) for row in result.rows]


def test_reopened_store_holds_the_graph_in_the_hub_graph(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:
        assert len(store) == 7
        assert labels(store) == ["BLIP-2", "CogVLM", "PaLI"]
        # the rdflib view sees the same named graph
        assert store.graph.identifier == URIRef("https://w3id.org/vlmkg/graph/hub")
        assert len(list(store.graph.triples((None, RDF.type, VLM.Model)))) == 3
        rows = list(store.graph.query("SELECT ?m WHERE { ?m vlm:releaseYear 2023 }"))
        assert [str(r[0]) for r in rows] == [str(RES["model/cogvlm"])]


def test_two_readers_at_once(store_path: Path) -> None:
    with OxigraphStore(store_path) as first, OxigraphStore(store_path) as second:
        assert labels(first) == labels(second) == ["BLIP-2", "CogVLM", "PaLI"]


def test_bindings_are_substituted_not_spliced(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:
        query = "SELECT ?m ?name WHERE { ?m rdfs:label ?name }"
        result = store.query(query, {"name": Literal("CogVLM")})
        assert result.variables == ("m", "name")
        assert result.rows == ((RES["model/cogvlm"], Literal("CogVLM")),)
        hostile = store.query(query, {"name": Literal('CogVLM" } ; DROP ALL ; { "')})
        assert hostile.rows == ()
        assert len(store) == 7
        ask = store.query("ASK { ?m rdfs:label ?name }", {"name": Literal("PaLI")})
        assert ask.boolean is True
        with pytest.raises(UsageError, match=r"cannot bind \?name: a bound variable must be"):
            store.query("SELECT ?m WHERE { ?m rdfs:label ?name }", {"name": Literal("PaLI")})


def test_query_kinds(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:
        assert store.query("ASK { res:model\\/cogvlm a vlm:Model }").boolean is True
        assert store.query("ASK { res:model\\/pali vlm:releaseYear ?y }").boolean is False
        graph = store.query("CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m rdfs:label ?l }").graph
        assert graph is not None and len(graph) == 3
        described = store.query("DESCRIBE res:model\\/cogvlm").graph
        assert described is not None and len(described) == 3
        select = store.query(
            "SELECT ?m ?y WHERE { ?m a vlm:Model OPTIONAL { ?m vlm:releaseYear ?y } }"
        )
        assert sorted(select.dicts(), key=str) == sorted(
            [
                {"m": RES["model/blip-2"]},
                {"m": RES["model/cogvlm"], "y": Literal(2023)},
                {"m": RES["model/pali"]},
            ],
            key=str,
        )


def test_store_errors(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(StoreError, match="already exists"):
        OxigraphStore.create(store_path, small_graph())
    store = OxigraphStore(store_path)
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.query("ASK {}")
    with pytest.raises(StoreError, match="cannot open the graph store"):
        OxigraphStore(tmp_path / "nowhere")


# -- build directories ------------------------------------------------------------------


def build_ids(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "builds").iterdir())


def test_write_build_swaps_current_and_keeps_one_previous(tmp_path: Path) -> None:
    hub = tmp_path / "hub.md"
    hub.write_text("# hub\n", encoding="utf-8")
    home = tmp_path / "home"
    made = [write_build(RECORDS, home, [hub], index=False) for _ in range(3)]
    assert os.readlink(home / "current") == f"builds/{made[2].name}"
    assert build_ids(home) == [made[1].name, made[2].name]
    manifest = read_manifest(made[2])
    assert manifest["sources"] == [
        {
            "path": str(hub.resolve()),
            "name": "hub.md",
            "sha256": hashlib.sha256(b"# hub\n").hexdigest(),
            "bytes": 6,
        }
    ]
    assert manifest["build_id"] == made[2].name
    counts = manifest["counts"]
    assert counts["records"] == {"ModelRecord": 2, "SectionRecord": 1}
    assert counts["classes"]["vlm:Model"] == 2
    records = json.loads((made[2] / "records.json").read_text("utf-8"))
    assert [r["type"] for r in records] == ["SectionRecord", "ModelRecord", "ModelRecord"]
    with open_current(home) as store:
        assert labels(store) == ["BLIP-2", "CogVLM"]


def test_failed_build_leaves_current_untouched(tmp_path: Path) -> None:
    hub = tmp_path / "hub.md"
    hub.write_text("# hub\n", encoding="utf-8")
    home = tmp_path / "home"
    good = write_build(RECORDS, home, [hub], index=False)
    bad = [*RECORDS, ModelRecord("Future", Source(F, 9, 9), year=3000)]
    with pytest.raises(ShapeViolationError, match="releaseYear"):
        write_build(bad, home, [hub], index=False)
    assert os.readlink(home / "current") == f"builds/{good.name}"
    assert build_ids(home) == [good.name]  # the temporary directory is gone
    with open_current(home) as store:
        assert labels(store) == ["BLIP-2", "CogVLM"]


def test_no_graph_yet(tmp_path: Path) -> None:
    with pytest.raises(NoGraphError, match="run `vlmkg build` first"):
        open_current(tmp_path)


@pytest.mark.slow
def test_killed_build_leaves_previous_graph_queryable(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "VLMKG_HOME": str(home)}
    command = [sys.executable, "-m", "vlmkg.cli", "build", "--no-index"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    before = os.readlink(home / "current")
    # Killed once the build has begun (its temporary directory exists), then once it is
    # writing the store: events seen from outside, not delays that a fast machine outruns.
    for stage in ("", "store"):
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 600
        while not any((tmp / stage).exists() for tmp in (home / "builds").glob(".tmp-*")):
            assert process.poll() is None, f"the build ended before {stage or 'starting'}"
            assert time.monotonic() < deadline, f"the build never reached {stage or 'start'}"
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert os.readlink(home / "current") == before
        with open_current(home) as store:
            assert store.query('ASK { ?m rdfs:label "CogVLM" }').boolean is True
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert not [p for p in (home / "builds").iterdir() if p.name.startswith(".tmp-")]
    assert os.readlink(home / "current") != before
    assert bundled_hub().is_file()
