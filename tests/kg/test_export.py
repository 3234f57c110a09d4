"""RDF exports: round trips, third-party parsers (rapper, pyoxigraph), provenance graphs,
atomic writes and bad input, through the library and the `vlmkg export` command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import export
from kg._terms import to_ox
from kg.vocab import PROV, RDF, RES, VLM
from tests.kg._export_sample import build_home, sample_graph
from vlmkg.errors import ExportError

RDFLIB_PARSERS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
RAPPER_SYNTAX = {"turtle": "turtle", "ntriples": "ntriples", "rdfxml": "rdfxml"}
OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_home(tmp_path_factory.mktemp("home"), sample_graph())


def run_cli(home: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VLMKG_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize("fmt", sorted(RDFLIB_PARSERS))
def test_rdf_export_round_trips_in_rdflib(graph: Graph, tmp_path: Path, fmt: str) -> None:
    (path,) = export.export(graph, fmt, tmp_path / f"hub.{fmt}")
    parsed = Graph().parse(path, format=RDFLIB_PARSERS[fmt])
    assert len(parsed) == len(graph) == 139
    assert isomorphic(parsed, graph)


@pytest.mark.parametrize("fmt", sorted(OX_FORMATS))
def test_pyoxigraph_parses_every_rdf_export(graph: Graph, tmp_path: Path, fmt: str) -> None:
    (path,) = export.export(graph, fmt, tmp_path / f"hub.{fmt}")
    quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == 139


@pytest.mark.parametrize(
    ("fmt", "declaration"),
    [
        ("turtle", "@prefix vlm: <https://w3id.org/vlmkg/ontology#> ."),
        ("trig", "@prefix vlm: <https://w3id.org/vlmkg/ontology#> ."),
        ("rdfxml", 'xmlns:vlm="https://w3id.org/vlmkg/ontology#"'),
        ("jsonld", '"vlm": "https://w3id.org/vlmkg/ontology#"'),
    ],
)
def test_rdf_exports_carry_the_vlmkg_prefixes(graph: Graph, fmt: str, declaration: str) -> None:
    text = export.render(graph, fmt)[""].decode()
    assert declaration in text


def rapper_count(path: Path, syntax: str) -> int:
    result = subprocess.run(
        ["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "Warning" not in result.stderr, result.stderr
    match = re.search(r"Parsing returned (\d+) triples", result.stderr)
    assert match, result.stderr
    return int(match.group(1))


@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_rapper_parses_export_with_same_triple_count(
    graph: Graph, tmp_path: Path, fmt: str
) -> None:
    if shutil.which("rapper") is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (raptor2-utils) must be installed in CI: make system-deps")
        pytest.skip("rapper not installed: apt-get install raptor2-utils (make system-deps)")
    (path,) = export.export(graph, fmt, tmp_path / f"hub.{fmt}")
    assert rapper_count(path, RAPPER_SYNTAX[fmt]) == len(graph)


def dataset_from(path: Path, fmt: str) -> Dataset:
    dataset = Dataset()
    dataset.parse(path, format={"trig": "trig", "nquads": "nquads"}[fmt])
    return dataset


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_provenance_formats_put_each_fact_in_its_source_span_graph(
    graph: Graph, tmp_path: Path, fmt: str
) -> None:
    (path,) = export.export(graph, fmt, tmp_path / f"hub.{fmt}")
    dataset = dataset_from(path, fmt)
    qwen = RES["model/qwen2-vl"]
    span_40 = dataset.graph(RES["source/hub/L40-L40"])
    assert sorted(span_40) == [
        (qwen, VLM.releaseYear, Literal(2025)),
        (qwen, VLM.visionEncoder, RES["encoder/eva-clip-vit-l"]),
    ]
    span_names = sorted(
        str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith(str(RES))
    )
    assert span_names == [str(RES[f"source/hub/L{n}-L{n}"]) for n in (10, 20, 30, 40)]
    # the PROV statements are kept too, and the union of all graphs is the graph itself
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, graph)
    assert (qwen, VLM.releaseYear, Literal(2025)) not in dataset.default_graph


def test_jsonld_has_a_context_and_round_trips_in_pyoxigraph(graph: Graph, tmp_path: Path) -> None:
    (path,) = export.export(graph, "jsonld", tmp_path / "hub.jsonld")
    document = json.loads(path.read_text())
    assert document["@context"]["res"] == str(RES)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.JSON_LD)
    assert len(store) == 139


def test_existing_file_is_refused_without_force_and_left_unchanged(
    graph: Graph, tmp_path: Path
) -> None:
    target = tmp_path / "hub.ttl"
    target.write_text("keep me")
    with pytest.raises(ExportError, match=r"already exists: pass --force to overwrite it$"):
        export.export(graph, "turtle", target)
    assert target.read_text() == "keep me"
    export.export(graph, "turtle", target, force=True)
    assert isomorphic(Graph().parse(target, format="turtle"), graph)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub.ttl"]


@pytest.mark.parametrize(
    ("fmt", "view", "message"),
    [
        (
            "yaml",
            None,
            "unknown format 'yaml': choose one of turtle, ntriples, jsonld, rdfxml, "
            "trig, nquads, gexf, graphml, csv, bibtex, ris, csljson",
        ),
        (
            "gexf",
            "ego",
            "unknown view 'ego': choose one of full, components, lineage, co-usage, papers",
        ),
        (
            "turtle",
            "lineage",
            "--view applies to the network formats (gexf, graphml, csv), not turtle",
        ),
    ],
)
def test_unknown_format_or_view_is_refused(
    graph: Graph, tmp_path: Path, fmt: str, view: str | None, message: str
) -> None:
    with pytest.raises(ExportError) as caught:
        export.export(graph, fmt, tmp_path / "out", view=view)
    assert str(caught.value) == message
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_is_refused(graph: Graph, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "hub.ttl"
    with pytest.raises(ExportError) as caught:
        export.export(graph, "turtle", target)
    assert str(caught.value) == f"cannot write {target}: directory {target.parent} does not exist"


def test_failed_write_leaves_nothing_behind(graph: Graph, tmp_path: Path) -> None:
    """/proc refuses new files even to root: the temp file cannot be created."""
    with pytest.raises(ExportError, match=r"^cannot write /proc/hub\.ttl: "):
        export.export(graph, "turtle", "/proc/hub.ttl")
    assert not [p for p in os.listdir("/proc") if p.startswith(".hub.ttl")]


def test_directory_target_is_refused(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export.export(graph, "turtle", tmp_path)
    assert str(caught.value) == f"{tmp_path} is a directory: give a file name"


def test_cli_writes_turtle_and_reports_it(home: Path, tmp_path: Path) -> None:
    target = tmp_path / "hub.ttl"
    result = run_cli(home, "export", "--format", "turtle", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {target} ({target.stat().st_size} bytes)\n"
    assert isomorphic(Graph().parse(target, format="turtle"), sample_graph())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "docx", "-o", "{tmp}/x"],
            "error: unknown format 'docx': choose one of "
            "turtle, ntriples, jsonld, rdfxml, trig, nquads, gexf, graphml, csv, bibtex, ris, "
            "csljson",
        ),
        (
            ["--format", "gexf", "--view", "ego", "-o", "{tmp}/x"],
            "error: unknown view 'ego': choose one of full, components, lineage, co-usage, papers",
        ),
        (
            ["--format", "turtle", "-o", "{tmp}/exists.ttl"],
            "error: {tmp}/exists.ttl already exists: pass --force to overwrite it",
        ),
        (
            ["--format", "turtle", "-o", "{tmp}/none/x.ttl"],
            "error: cannot write {tmp}/none/x.ttl: directory {tmp}/none does not exist",
        ),
        (["--format", "turtle"], "error: pass -o PATH: the file to write"),
    ],
)
def test_cli_bad_input_is_one_line_error(
    home: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "exists.ttl").write_text("old")
    result = run_cli(home, "export", *[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == message.format(tmp=tmp_path) + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exists.ttl"]
    assert (tmp_path / "exists.ttl").read_text() == "old"


def test_cli_without_a_build_says_how_to_make_one(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path / "empty", "export", "--format", "turtle", "-o", "x.ttl", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: no graph in ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "x.ttl").exists()


@pytest.mark.parametrize("command", [["export", "--format", "gexf", "-o"], ["stats", "--json"]])
def test_export_and_stats_do_not_import_torch(
    home: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [*command, str(tmp_path / "out.gexf")] if command[0] == "export" else command
    code = (
        "import sys\n"
        "from vlmkg.cli import main\n"
        f"rc = main({args!r})\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'faiss', 'llama_index',"
        " 'gradio') if m in sys.modules)\n"
        "print('heavy:', heavy, 'rc:', rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "VLMKG_HOME": str(home)},
        check=False,
    )
    assert result.stdout.splitlines()[-1] == "heavy: [] rc: 0", result.stderr


def test_load_graph_reads_the_whole_store(home: Path) -> None:
    from kg.oxigraph_store import OxigraphStore

    store = OxigraphStore(home / "current" / "store")
    try:
        loaded = export.load_graph(store)
    finally:
        store.close()
    assert isomorphic(loaded, sample_graph())
    assert dict(loaded.namespaces())["vlm"] == URIRef(str(VLM))


@pytest.fixture(scope="module")
def hub_graph() -> Graph:
    import ingest
    from kg.build import build
    from vlmkg import config

    return build(ingest.read_hubs([config.bundled_hub()]))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(RDFLIB_PARSERS))
def test_bundled_hub_rdf_exports_parse_back_to_the_same_triples(
    hub_graph: Graph, tmp_path: Path, fmt: str
) -> None:
    (path,) = export.export(hub_graph, fmt, tmp_path / f"hub.{fmt}")
    parsed = Graph().parse(path, format=RDFLIB_PARSERS[fmt])
    assert set(parsed) == set(hub_graph)  # no blank nodes: plain equality
    if fmt in RAPPER_SYNTAX and shutil.which("rapper"):
        assert rapper_count(path, RAPPER_SYNTAX[fmt]) == len(hub_graph)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_bundled_hub_provenance_export(hub_graph: Graph, tmp_path: Path, fmt: str) -> None:
    (path,) = export.export(hub_graph, fmt, tmp_path / f"hub.{fmt}")
    quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    assert {(q.subject, q.predicate, q.object) for q in quads} == {
        tuple(to_ox(t) for t in triple) for triple in hub_graph
    }
    spans = {str(s) for s in hub_graph.subjects(RDF.type, VLM.SourceSpan)}
    names = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert names and names <= spans
    # every stated fact sits in the graph of each span it is derived from
    in_graphs = {(q.subject, q.predicate, q.object, q.graph_name) for q in quads}
    for statement in list(hub_graph.subjects(RDF.type, RDF.Statement))[:200]:
        fact = tuple(
            to_ox(hub_graph.value(statement, p)) for p in (RDF.subject, RDF.predicate, RDF.object)
        )
        for span in hub_graph.objects(statement, PROV.wasDerivedFrom):
            assert (*fact, to_ox(span)) in in_graphs


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "rdfxml"])
def test_cli_exports_from_the_store_match_the_in_memory_exports(
    home: Path, tmp_path: Path, fmt: str
) -> None:
    """RDF formats stream out of Oxigraph (JSON-LD goes through rdflib): same quads."""
    target = tmp_path / f"hub.{fmt}"
    result = run_cli(home, "export", "--format", fmt, "-o", str(target))
    assert result.returncode == 0, result.stderr
    from_store = set(ox.parse(path=str(target), format=OX_FORMATS[fmt]))
    in_memory = set(ox.parse(export.render(sample_graph(), fmt)[""], format=OX_FORMATS[fmt]))
    assert from_store == in_memory
