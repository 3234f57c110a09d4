"""A survey's model table (tests/data/model_table_survey.md): columns by header meaning,
cells parsed for links, organisations, dates, "Undisclosed", ranges and MoE counts, and
the triples representative rows become."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._cells import date_cell, name_cell
from ingest._tables import no_value
from ingest.records import ModelRecord
from kg.build import build
from kg.vocab import RES
from tests.kg._triples import cells_of, triples_of

SURVEY = Path(__file__).resolve().parents[1] / "data" / "model_table_survey.md"


@pytest.fixture(scope="module")
def survey() -> list:
    return extract(parse(SURVEY.read_text("utf-8"), SURVEY.name))


@pytest.fixture(scope="module")
def graph(survey):
    return build(survey)


def test_every_row_is_one_model(survey) -> None:
    models = [r for r in survey if isinstance(r, ModelRecord)]
    assert len(models) == 20
    assert [m.source.start_line for m in models] == list(range(9, 29))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Kestrel K3 (Moonshot AI)", ("Kestrel K3", "Moonshot AI", ())),
        ("Tern-Mini (Google)", ("Tern-Mini", "Google", ())),
        ("Wren-Omni (Northwind Labs)", ("Wren-Omni", "Northwind Labs", ())),
        ("xGen-MM (BLIP-3)", ("xGen-MM", None, ("BLIP-3",))),
        ("Plover 1.5", ("Plover 1.5", None, ())),
        ("Emu3 (2024)", ("Emu3", None, ())),
    ],
)
def test_name_cells(cell: str, expected: tuple) -> None:
    assert name_cell(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("07/17/2026", ("2026-07-17", 2026)),
        ("17/07/2026", ("2026-07-17", 2026)),
        ("2026-03-09", ("2026-03-09", 2026)),
        ("July 4, 2025", ("2025-07-04", 2025)),
        ("4 Jul 2025", ("2025-07-04", 2025)),
        ("Sep 2023", ("2023-09", 2023)),
        ("03/2025", ("2025-03", 2025)),
        ("2025", (None, 2025)),
        ("-", (None, None)),
    ],
)
def test_date_cells(cell: str, expected: tuple) -> None:
    assert date_cell(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Undisclosed", "undisclosed"),
        ("Unknown", "undisclosed"),
        ("N/A", "undisclosed"),  # not available: the list says it gives none
        ("None", "empty"),
        ("-", "empty"),
        ("", "empty"),
        ("7B", None),
    ],
)
def test_no_value_cells(cell: str, expected: str | None) -> None:
    assert no_value(cell) == expected


def test_moe_row_with_native_encoder(graph) -> None:
    assert triples_of(graph, RES["model/kestrel-k3"]) == [
        'dcterms:date "2026-07-17"^^xsd:date',
        "prov:wasDerivedFrom res:source/model_table_survey/L9-L9",
        "rdf:type vlm:Model",
        'rdfs:label "Kestrel K3"',
        "schema:creator res:organization/moonshot-ai",
        "vlm:architecture res:architecture/decoder-only",
        "vlm:architecture res:architecture/moe",
        'vlm:architectureText "Decoder-only (MoE)"',
        "vlm:languageBackbone res:llm/kestrel-base",
        'vlm:languageBackboneText "Kestrel Base"',
        "vlm:link res:link/github-com-example-kestrel-k3",
        "vlm:listedIn res:section/model_table_survey/model-table",
        'vlm:organization "Moonshot AI"',
        'vlm:parameterCount "2800000000000"^^xsd:decimal',
        'vlm:parameterText "~2.8T"',
        'vlm:parametersText "~2.8T total (MoE)"',
        'vlm:position "1"^^xsd:integer',
        'vlm:releaseYear "2026"^^xsd:integer',
        'vlm:undisclosed "training_data"',
        'vlm:visionEncoderText "Native (encoder-integrated)"',
    ]
    assert triples_of(graph, RES["organization/moonshot-ai"]) == [
        "prov:wasDerivedFrom res:source/model_table_survey/L9-L9",
        "rdf:type schema:Organization",
        "rdf:type vlm:Organization",
        'rdfs:label "Moonshot AI"',
    ]


def test_a_row_keeps_its_cells_as_written(graph) -> None:
    # every column is answerable in the table's words, the name's cell first
    assert cells_of(graph, RES["model/kestrel-k3"]) == [
        (1, "Model", "Kestrel K3 (Moonshot AI)"),
        (2, "Year", "07/17/2026"),
        (3, "Architecture", "Decoder-only (MoE)"),
        (4, "Training Data", "Undisclosed"),
        (5, "Parameters", "~2.8T total (MoE)"),
        (6, "Vision Encoder/Tokenizer", "Native (encoder-integrated)"),
        (7, "Pretrained Backbone Model", "Kestrel Base"),
    ]


def test_all_undisclosed_row(graph) -> None:
    found = [t for t in triples_of(graph, RES["model/wren-omni"]) if "undisclosed" in t]
    assert found == [
        'vlm:undisclosed "language_backbone"',
        'vlm:undisclosed "parameters"',
        'vlm:undisclosed "training_data"',
        'vlm:undisclosed "vision_encoder"',
    ]
    assert not [t for t in triples_of(graph, RES["model/wren-omni"]) if "Encoder " in t]


def test_range_training_data_and_paper_link(graph) -> None:
    plover = triples_of(graph, RES["model/plover-1.5"])
    assert [t for t in plover if "arameter" in t or "trainingData" in t or "date" in t] == [
        'dcterms:date "2025-11-30"^^xsd:date',
        'vlm:parameterCount "13000000000"^^xsd:decimal',
        'vlm:parameterCount "7000000000"^^xsd:decimal',
        'vlm:parameterText "13B"',
        'vlm:parameterText "7B"',
        'vlm:parametersText "7B-13B"',
        'vlm:trainingData "COCO"',
        'vlm:trainingData "Visual Genome"',
    ]
    heron = triples_of(graph, RES["model/heron-vl-2"])
    assert "vlm:paper res:paper/arxiv-2605.01234" in heron
    assert "schema:creator res:organization/zhipu-ai" in heron


def test_product_is_never_a_total(graph) -> None:
    skua = triples_of(graph, RES["model/skua-r1"])
    assert [t for t in skua if "arameter" in t] == [
        'vlm:parameterText "4.5B x 74"',
        'vlm:parametersText "4.5B x 74"',
        'vlm:partialParameterCount "4500000000"^^xsd:decimal',
    ]
    assert 'dcterms:date "2025-03"^^xsd:gYearMonth' in skua


def test_written_words_kept_beside_the_normalised_link(graph) -> None:
    gannet = triples_of(graph, RES["model/gannet-vl"])
    assert "vlm:visionEncoder res:encoder/vit" in gannet
    assert 'vlm:visionEncoderText "redesigned ViT"' in gannet
    petrel = triples_of(graph, RES["model/petrel"])
    assert [t for t in petrel if "arameterCount" in t] == [
        'vlm:activeParameterCount "17000000000"^^xsd:decimal',
        'vlm:parameterCount "109000000000"^^xsd:decimal',
    ]
