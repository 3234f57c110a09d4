"""A model zoo in another house style (tests/data/model_table_zoo.md): abbreviated headers
("Org.", "Arch.", "Data"), organisations in parentheses when the Org. cell is "-", MoE
sizes written "612B-A31B", encoder cells with notes and compositions in parentheses."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._model_cells import CellName, cell_names
from ingest._numbers import parameter_cell
from ingest._tables import meanings
from kg.build import build
from kg.vocab import RES
from tests.kg._triples import triples_of

ZOO = Path(__file__).resolve().parents[1] / "data" / "model_table_zoo.md"


@pytest.fixture(scope="module")
def graph():
    return build(extract(parse(ZOO.read_text("utf-8"), ZOO.name)))


def test_abbreviated_headers_by_meaning() -> None:
    header = (
        "Name",
        "Release",
        "Org.",
        "Visual Tokenizer",
        "LLM",
        "Size",
        "Data",
        "Arch.",
        "Links",
    )
    assert meanings(header, 0) == [
        "name",
        "year",
        "organization",
        "vision_encoder",
        "language_backbone",
        "size",
        "training_data",
        "architecture",
        "link",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("612B-A31B", [("612B", False), ("31B", True)]),
        ("424B-A47B; 28B-A3B", [("424B", False), ("47B", True), ("28B", False), ("3B", True)]),
        ("975B total / 41B active (MoE)", [("975B", False), ("41B", True)]),
        ("Kimi-VL-A3B 16B", [("16B", False)]),  # "A3B" inside a name is no active count
    ],
)
def test_moe_total_and_active(cell: str, expected: list) -> None:
    assert [(c.text, c.active) for c in parameter_cell(cell)] == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("LarkEncoder (SAM + CLIP)", [CellName("LarkEncoder", ("SAM", "CLIP"))]),
        ("SigLIP (400M, frozen)", [CellName("SigLIP")]),
        ("Moonlight (MoE)", [CellName("Moonlight")]),
        ("InternViT-6B / InternViT-300M", [CellName("InternViT-6B"), CellName("InternViT-300M")]),
        ("SigLIP 2 + FLUX-VAE", [CellName("SigLIP 2"), CellName("FLUX-VAE")]),
        ("CLIP ViT-L/14 (336px)", [CellName("CLIP ViT-L/14")]),
        ("SigLIP/SAMB", [CellName("SigLIP"), CellName("SAMB")]),
        ("Undisclosed (7B decoder)", []),
        ("N/A (encoder-free)", []),
    ],
)
def test_component_cells(cell: str, expected: list) -> None:
    assert cell_names(cell) == expected


def test_moe_row_with_organisation_in_parentheses(graph) -> None:
    osprey = triples_of(graph, RES["model/osprey-omni"])
    assert [t for t in osprey if "arameter" in t or "rganization" in t or "creator" in t] == [
        "schema:creator res:organization/fjord-labs",
        'vlm:activeParameterCount "31000000000"^^xsd:decimal',
        'vlm:organization "Fjord Labs"',
        'vlm:parameterCount "612000000000"^^xsd:decimal',
        'vlm:parameterText "31B"',
        'vlm:parameterText "612B"',
        'vlm:parametersText "612B-A31B"',
    ]
    assert "vlm:visionEncoder res:encoder/osprey-vit" in osprey
    assert 'dcterms:date "2026-08-14"^^xsd:date' in osprey


def test_composed_encoder_and_org_column(graph) -> None:
    lark = triples_of(graph, RES["model/lark-ocr"])
    assert [t for t in lark if "visionEncoder" in t or "creator" in t or "date" in t] == [
        'dcterms:date "2026-09"^^xsd:gYearMonth',
        "schema:creator res:organization/meadow-ai",
        "vlm:visionEncoder res:encoder/clip",
        "vlm:visionEncoder res:encoder/larkencoder",
        "vlm:visionEncoder res:encoder/sam",
        'vlm:visionEncoderText "LarkEncoder (SAM + CLIP)"',
    ]
    assert triples_of(graph, RES["organization/meadow-ai"]) == [
        "prov:wasDerivedFrom res:source/model_table_zoo/L11-L11",
        "prov:wasDerivedFrom res:source/model_table_zoo/L12-L12",
        "rdf:type schema:Organization",
        "rdf:type vlm:Organization",
        'rdfs:label "Meadow AI"',
    ]


def test_arch_and_data_columns(graph) -> None:
    finch = triples_of(graph, RES["model/finch-vl"])
    assert [t for t in finch if "rchitecture" in t or "trainingData" in t] == [
        "vlm:architecture res:architecture/vit-mlp-llm",
        'vlm:architectureText "ViT-MLP-LLM"',
        'vlm:trainingData "COCO"',
        'vlm:trainingData "LAION-5B"',
    ]
    assert "vlm:visionEncoder res:encoder/siglip" in finch
    assert 'dcterms:date "2025-10-03"^^xsd:date' in finch


def test_undisclosed_cells(graph) -> None:
    robin = triples_of(graph, RES["model/robin-e"])
    assert [t for t in robin if "undisclosed" in t or "creator" in t] == [
        'vlm:undisclosed "language_backbone"',
        'vlm:undisclosed "organization"',
        'vlm:undisclosed "parameters"',
    ]
    assert 'vlm:visionEncoderText "N/A (encoder-free)"' in robin
    assert not [t for t in robin if t.startswith("vlm:visionEncoder ")]


def test_corpus_table_rows_are_datasets(graph) -> None:
    """A 'Corpus' table under 'Training corpora' holds datasets: 'Kind' is the category and
    the cells no dataset field holds stay as the description (the row keeps what it says)."""
    fjord = triples_of(graph, RES["dataset/fjorddocs"])
    assert [t for t in fjord if "rdf:type" in t or "anguage" in t or "category" in t] == [
        'dcterms:description "Languages: English"',
        "rdf:type vlm:Dataset",
        "vlm:category res:category/document-images",
        'vlm:language "English"',
    ]
    meadow = triples_of(graph, RES["dataset/meadowcaps"])
    assert [t for t in meadow if "anguage" in t] == [
        'dcterms:description "Languages: multilingual"'
    ]
