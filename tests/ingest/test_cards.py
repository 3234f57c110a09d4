"""Entity cards (tests/data/hub_cards_2026.md): a heading naming one entity, a line of
bold-labelled fields read by the labels' meaning, then sentences; one entity per card, cited
to the heading, the field line and the sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._cards import card_name, field_line
from ingest.markdown import Paragraph
from ingest.records import DatasetRecord, ModelRecord, PassageRecord, SectionRecord
from kg.build import build
from kg.vocab import RES
from tests.kg._triples import triples_of

CARDS = Path(__file__).resolve().parents[1] / "data" / "hub_cards_2026.md"


@pytest.fixture(scope="module")
def records():
    return extract(parse(CARDS.read_text("utf-8"), CARDS.name))


@pytest.fixture(scope="module")
def graph(records):
    return build(records)


def _paragraph(markdown: str) -> Paragraph:
    blocks = parse(f"# H\n\n{markdown}\n", "t.md").sections[0].blocks
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph), blocks
    return blocks[0]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "**Vision tower:** InternViT · **LM:** Qwen2.5 · **Scale:** 8B · **Lab:** Ai2",
            [
                ("Vision tower", "InternViT", "vision_encoder"),
                ("LM", "Qwen2.5", "language_backbone"),
                ("Scale", "8B", "size"),
                ("Lab", "Ai2", "organization"),
            ],
        ),
        (
            "**Image encoder**: [SigLIP](https://x.org) | **Model type**: decoder-only",
            [
                ("Image encoder", "SigLIP", "vision_encoder"),
                ("Model type", "decoder-only", "architecture"),
            ],
        ),
        (
            "**Design:** hybrid decoder + VAE · **Basis:** a teacher · **Released:** 2025",
            [
                ("Design", "hybrid decoder + VAE", "architecture"),
                ("Basis", "a teacher", None),
                ("Released", "2025", "year"),
            ],
        ),
        ("**Numbers.** VLMs are weak at regression.", None),  # a bold lead-in, no fields
        ("**Challenge:** long video · **Idea:** memory banks", None),  # no label with a meaning
        ("**Released:** 2025", None),  # one field is no card
        ("Built on **SigLIP** · **LM:** Qwen2 · **Released:** 2025", None),  # not opened by a label
    ],
)
def test_field_line(markdown: str, expected: list | None) -> None:
    found = field_line(_paragraph(markdown))
    assert (None if found is None else [(f.label, f.value, f.meaning) for f in found]) == expected


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("The Gannet family (Cliffside AI)", "Gannet family (Cliffside AI)"),
        ("Tern-VL 2", "Tern-VL 2"),
    ],
)
def test_card_name(title: str, name: str) -> None:
    assert card_name(title) == name


def test_one_entity_per_card_in_order(records) -> None:
    entities = [
        (type(r).__name__, r.name, r.source.start_line, r.source.end_line)
        for r in records
        if isinstance(r, (ModelRecord, DatasetRecord))
    ]
    assert entities == [
        ("ModelRecord", "Tern-VL 2", 9, 12),
        ("ModelRecord", "Plover-8B", 14, 15),
        ("ModelRecord", "Gannet family", 17, 20),
        ("ModelRecord", "Gannet-Pro", 17, 20),
        ("ModelRecord", "Gannet", 17, 20),
        ("ModelRecord", "Gannet-Mini", 17, 20),
        ("ModelRecord", "Skua-OCR", 24, 30),
        ("DatasetRecord", "HarborCaps", 34, 37),
        ("DatasetRecord", "DuneBoxes", 39, 39),
        ("DatasetRecord", "Tidepool Dataset", 39, 39),
        ("ModelRecord", "Kestrel-Lite", 48, 49),
    ]


def test_a_card_with_sentences(graph) -> None:
    assert triples_of(graph, RES["model/tern-vl-2"]) == [
        'dcterms:date "2025-11-04"^^xsd:date',
        'dcterms:description "Image encoder: SigLIP · Text decoder: Qwen2.5 · Parameters: 8B / 32B'
        " · Model type: decoder-only · Developed by: Shoreline Labs · Release date: 2025-11-04."
        " Reads charts and receipts at native resolution. A 64K-token context window covers long"
        ' documents. paper"',
        "prov:wasDerivedFrom res:source/hub_cards_2026/L9-L12",
        "rdf:type vlm:Model",
        'rdfs:label "Tern-VL 2"',
        "schema:creator res:organization/shoreline-labs",
        "vlm:architecture res:architecture/decoder-only",
        'vlm:architectureText "decoder-only"',
        'vlm:contextWindow "64000"^^xsd:integer',
        "vlm:languageBackbone res:llm/qwen2.5",
        'vlm:languageBackboneText "Qwen2.5"',
        "vlm:listedIn res:section/hub_cards_2026/tern-vl-2",
        'vlm:organization "Shoreline Labs"',
        "vlm:paper res:paper/arxiv-2511.01234",
        'vlm:parameterCount "32000000000"^^xsd:decimal',
        'vlm:parameterCount "8000000000"^^xsd:decimal',
        'vlm:parameterText "32B"',
        'vlm:parameterText "8B"',
        'vlm:parametersText "8B / 32B"',
        'vlm:position "1"^^xsd:integer',
        'vlm:releaseYear "2025"^^xsd:integer',
        "vlm:visionEncoder res:encoder/siglip",
        'vlm:visionEncoderText "SigLIP"',
    ]


def test_labels_in_bold_before_the_colon(graph) -> None:
    plover = triples_of(graph, RES["model/plover-8b"])
    assert [t for t in plover if t.startswith(("vlm:vision", "vlm:language", "vlm:arch"))] == [
        "vlm:architecture res:architecture/encoder-decoder",
        'vlm:architectureText "encoder-decoder"',
        "vlm:languageBackbone res:llm/vicuna",
        'vlm:languageBackboneText "Vicuna"',
        "vlm:visionEncoder res:encoder/clip-vit-l-14",
        'vlm:visionEncoderText "CLIP ViT-L/14"',
    ]
    assert 'vlm:releaseYear "2024"^^xsd:integer' in plover


def test_a_family_card_with_members(graph) -> None:
    gannet = triples_of(graph, RES["model/gannet-family"])
    assert [t for t in gannet if "member" in t or "undisclosed" in t or "creator" in t] == [
        "schema:creator res:organization/cliffside-ai",
        "vlm:member res:model/gannet",
        "vlm:member res:model/gannet-mini",
        "vlm:member res:model/gannet-pro",
        'vlm:undisclosed "vision_encoder"',  # "Image encoder: not stated"
    ]
    assert [t for t in gannet if t.startswith("vlm:variant")] == [
        'vlm:variant "Gannet"',
        'vlm:variant "Gannet-Mini"',
        'vlm:variant "Gannet-Pro"',
    ]
    # a label with no meaning stays in the text, as written
    assert any("Basis: a distilled teacher" in t for t in gannet)
    assert triples_of(graph, RES["model/gannet-pro"]) == [
        'dcterms:description "Gannet-Pro (7B)"',
        "prov:wasDerivedFrom res:source/hub_cards_2026/L17-L20",
        "rdf:type vlm:Model",
        'rdfs:label "Gannet-Pro"',
        "schema:creator res:organization/cliffside-ai",
        "vlm:memberOf res:model/gannet-family",
        'vlm:organization "Cliffside AI"',
        'vlm:parameterCount "7000000000"^^xsd:decimal',
        'vlm:parameterText "7B"',
        'vlm:releaseYear "2025"^^xsd:integer',
    ]


def test_fields_one_per_line_and_a_stated_none(graph) -> None:
    skua = triples_of(graph, RES["model/skua-ocr"])
    assert [t for t in skua if t.startswith(("vlm:vision", "vlm:language", "vlm:param"))] == [
        'vlm:languageBackboneText "none — trained from scratch"',
        'vlm:parameterCount "3000000000"^^xsd:decimal',
        'vlm:parameterText "3B"',
        'vlm:parametersText "3B"',
        "vlm:visionEncoder res:encoder/navit",
        'vlm:visionEncoderText "NaViT"',
    ]


def test_a_model_card_outside_a_models_section(graph) -> None:
    kestrel = triples_of(graph, RES["model/kestrel-lite"])
    assert [t for t in kestrel if t.startswith(("rdf:type", "vlm:vision", "vlm:language"))] == [
        "rdf:type vlm:Model",
        "vlm:languageBackbone res:llm/llama-3.1",
        'vlm:languageBackboneText "Llama 3.1"',
        "vlm:visionEncoder res:encoder/siglip",
        'vlm:visionEncoderText "SigLIP"',
    ]


def test_a_dataset_card_and_datasets_named_in_prose(records, graph) -> None:
    harbor = triples_of(graph, RES["dataset/harborcaps"])
    assert [
        t for t in harbor if t.startswith(("dcterms:license", "vlm:releaseYear", "vlm:cat"))
    ] == [
        'dcterms:license "CC-BY-4.0"',
        'vlm:releaseYear "2025"^^xsd:integer',
    ]
    sizes = {r.name: [q.text for q in r.sizes] for r in records if isinstance(r, DatasetRecord)}
    assert sizes == {
        "HarborCaps": ["40M image-text pairs"],
        "DuneBoxes": ["2M region-text pairs"],
        "Tidepool Dataset": [],
    }
    assert triples_of(graph, RES["dataset/tidepool-dataset"]) == [
        'dcterms:description "The Tidepool Dataset covers coastal imagery."',
        "prov:wasDerivedFrom res:source/hub_cards_2026/L39-L39",
        "rdf:type vlm:Dataset",
        'rdfs:label "Tidepool Dataset"',
        "vlm:listedIn res:section/hub_cards_2026/harborcaps",
        'vlm:position "3"^^xsd:integer',
    ]


def test_lead_ins_and_notes_stay_prose(records) -> None:
    passages = [(r.text, r.facet) for r in records if isinstance(r, PassageRecord)]
    assert passages[1:] == [  # a bold lead-in is the passage's facet; the text keeps it
        ("Numbers. Models still miscount small objects.", "Numbers"),
        ("Challenge: long video · Idea: memory banks", "Challenge"),
    ]
    items = {r.title: r.items for r in records if isinstance(r, SectionRecord) and r.items}
    assert items == {
        "Tern-VL 2": ("Tern-VL 2",),
        "Plover-8B": ("Plover-8B",),
        "The Gannet family (Cliffside AI)": ("Gannet family",),
        "Skua-OCR": ("Skua-OCR",),
        "HarborCaps": ("HarborCaps", "DuneBoxes", "Tidepool Dataset"),
        "Kestrel-Lite": ("Kestrel-Lite",),
    }
