"""`vlmkg sparql` on a real build: formats, errors, exit codes (exact output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from ingest.records import Component, ModelRecord, ParameterCount, SectionRecord, Source
from kg.builds import write_build
from kg.sparql import check_query, query_form
from vlmkg.cli import main
from vlmkg.errors import QueryRefusedError

F = "hub.md"
RECORDS = [
    SectionRecord("Models", 2, "models", Source(F, 1, 1)),
    ModelRecord(
        "CogVLM",
        Source(F, 2, 2),
        year=2023,
        parameters=(ParameterCount(18e9, "18B"),),
        vision_encoders=(Component("CLIP ViT-L/14", "vision_encoder", ("CLIP",)),),
    ),
    ModelRecord(
        "LLaVA-1.5",
        Source(F, 3, 3),
        year=2023,
        parameters=(ParameterCount(13e9, "13B"),),
        vision_encoders=(Component("CLIP ViT-L/14", "vision_encoder", ("CLIP",)),),
    ),
    ModelRecord("Qwen2-VL", Source(F, 4, 4), year=2024, description='Says "hi", then, bye'),
]
ENCODERS = (
    "SELECT ?model ?encoder WHERE { ?m rdfs:label ?model ; vlm:visionEncoder/rdfs:label ?encoder }"
    " ORDER BY ?model"
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    hub = home / "hub.md"
    hub.write_text("# hub\n", encoding="utf-8")
    write_build(RECORDS, home, [hub], index=False)
    return home


def vlmkg(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, home: Path, *args: str
) -> tuple[int, list[str], list[str]]:
    monkeypatch.setenv("VLMKG_HOME", str(home))
    code = main(["sparql", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_table(capsys, monkeypatch, home) -> None:
    assert vlmkg(capsys, monkeypatch, home, ENCODERS) == (
        0,
        [
            "model      encoder",
            "---------  -------------",
            "CogVLM     CLIP ViT-L/14",
            "LLaVA-1.5  CLIP ViT-L/14",
            "(2 rows)",
        ],
        [],
    )


def test_table_shows_prefixed_iris_and_numbers(capsys, monkeypatch, home) -> None:
    query = "SELECT ?m ?n WHERE { ?m vlm:parameterCount ?n } ORDER BY DESC(?n)"
    code, out, _ = vlmkg(capsys, monkeypatch, home, query)
    assert (code, out) == (
        0,
        [
            "m                    n",
            "-------------------  -----------",
            "res:model/cogvlm     18000000000",
            "res:model/llava-1.5  13000000000",
            "(2 rows)",
        ],
    )


def test_csv_and_tsv(capsys, monkeypatch, home) -> None:
    query = "SELECT ?m ?y ?d WHERE { ?m vlm:releaseYear ?y ; dcterms:description ?d }"
    code, out, _ = vlmkg(capsys, monkeypatch, home, query, "--format", "csv")
    assert (code, out) == (
        0,
        ["m,y,d", 'https://w3id.org/vlmkg/resource/model/qwen2-vl,2024,"Says ""hi"", then, bye"'],
    )
    code, out, _ = vlmkg(capsys, monkeypatch, home, query, "--format", "tsv")
    assert (code, out) == (
        0,
        [
            "?m\t?y\t?d",
            "<https://w3id.org/vlmkg/resource/model/qwen2-vl>\t"
            '"2024"^^<http://www.w3.org/2001/XMLSchema#integer>\t"Says \\"hi\\", then, bye"',
        ],
    )


def test_json_is_sparql_results_json(capsys, monkeypatch, home) -> None:
    query = 'SELECT ?m ?y WHERE { ?m rdfs:label "CogVLM" ; vlm:releaseYear ?y }'
    monkeypatch.setenv("VLMKG_HOME", str(home))
    assert main(["sparql", query, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "head": {"vars": ["m", "y"]},
        "results": {
            "bindings": [
                {
                    "m": {"type": "uri", "value": "https://w3id.org/vlmkg/resource/model/cogvlm"},
                    "y": {
                        "type": "literal",
                        "value": "2023",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    },
                }
            ]
        },
    }


def test_ask(capsys, monkeypatch, home) -> None:
    query = 'ASK { ?m rdfs:label "CogVLM" }'
    assert vlmkg(capsys, monkeypatch, home, query) == (0, ["true"], [])
    _, out, _ = vlmkg(capsys, monkeypatch, home, query, "--format", "json")
    assert json.loads("\n".join(out)) == {"head": {}, "boolean": True}


def test_construct_prints_turtle(capsys, monkeypatch, home) -> None:
    query = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a vlm:Model ; rdfs:label ?l }"
    code, out, _ = vlmkg(capsys, monkeypatch, home, query)
    assert code == 0
    graph = Graph().parse(data="\n".join(out), format="turtle")
    assert sorted(str(o) for o in graph.objects()) == ["CogVLM", "LLaVA-1.5", "Qwen2-VL"]


def test_query_from_file(capsys, monkeypatch, home, tmp_path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(
        "# models of 2024\n" + "SELECT ?l WHERE { ?m vlm:releaseYear 2024 ; rdfs:label ?l }\n"
    )
    assert vlmkg(capsys, monkeypatch, home, "--file", str(path), "--format", "csv") == (
        0,
        ["l", "Qwen2-VL"],
        [],
    )


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        pytest.param(
            ["SELECT ?m WHERE {\n  ?m vlm:releaseYear ?y\n  FILTER(?y > ) }"],
            1,
            "error: SPARQL syntax error at line 3, column 18: expected ABS, AVG, DAY, IRI, "
            "MAX, MD5, MIN, NOT, ...",
            id="syntax",
        ),
        pytest.param(
            ["SELECT ?m WHERE { ?m foo:bar ?y }"],
            1,
            "error: SPARQL syntax error at line 1, column 22: unknown prefix foo: "
            "(predeclared: vlm:, res:, rdf:, rdfs:, owl:, xsd:, skos:, dcterms:, prov:, schema:, "
            "bibo:, fabio:; "
            "declare others with PREFIX)",
            id="unknown-prefix",
        ),
        pytest.param(
            ["PREFIX ex: <http://example.org/#>\nDELETE WHERE { ?s ?p ?o }"],
            1,
            "error: SPARQL DELETE is an update; vlmkg only runs read-only queries (SELECT, ASK, "
            "CONSTRUCT, DESCRIBE). Rebuild with `vlmkg build` to change the graph.",
            id="update",
        ),
        pytest.param(
            ["SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"],
            1,
            "error: SERVICE clauses are refused: vlmkg does not query other endpoints",
            id="service",
        ),
        pytest.param([], 2, "error: give a query or --file FILE (one of them)", id="no-query"),
        pytest.param(["   "], 2, "error: the SPARQL query is empty", id="empty"),
        pytest.param(
            ["--file", "/nonexistent/q.rq"], 1, "error: /nonexistent/q.rq: no such file", id="file"
        ),
    ],
)
def test_errors(capsys, monkeypatch, home, args, code, error) -> None:
    assert vlmkg(capsys, monkeypatch, home, *args) == (code, [], [error])


def test_update_leaves_the_graph_unchanged(capsys, monkeypatch, home) -> None:
    vlmkg(capsys, monkeypatch, home, "INSERT DATA { res:x a vlm:Model }")
    count = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a vlm:Model }"
    assert vlmkg(capsys, monkeypatch, home, count, "--format", "csv")[1] == ["n", "3"]


def test_no_graph(capsys, monkeypatch, tmp_path) -> None:
    assert vlmkg(capsys, monkeypatch, tmp_path / "empty", "ASK {}") == (
        1,
        [],
        [
            f"error: no graph in {tmp_path / 'empty'}: run `vlmkg build` first "
            "(or set VLMKG_HOME to the directory that holds one)"
        ],
    )


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("select * {}", "SELECT"),
        ("# comment with SERVICE\nPREFIX a: <http://x#y>\nBASE <http://b/>\nASK {}", "ASK"),
        ("PREFIX : <http://x/>\n  CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://x>", "DESCRIBE"),
        ("  with <g> delete { ?s ?p ?o } where { ?s ?p ?o }", "WITH"),
    ],
)
def test_query_form(text: str, form: str) -> None:
    assert query_form(text) == form


def test_service_words_in_strings_variables_and_iris_are_not_refused() -> None:
    query = 'SELECT ?service WHERE { ?service vlm:service "SERVICE" . <http://x/SERVICE> ?p ?o }'
    assert check_query(query) == "SELECT"
    with pytest.raises(QueryRefusedError):
        check_query("SELECT * { service <http://x> {} }")
