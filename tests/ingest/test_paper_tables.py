"""Paper tables, collapsible cards and field-bullet cards (tests/data/papers_tables.md).

A paper list's topic tables (`| **[Title](arxiv)** <br> Model | Venue | Date | Code | Demo |`)
give one paper per row and the model the cell names after the title; `<details>` blocks that
open with labelled fields are entry cards titled by their summary, other folds ("More
Information") are only folded text; a heading over "- Vision: ..." bullets is one model, not
one model per label.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from ingest import extract, parse
from ingest._model_cells import cell_names
from ingest.records import ModelRecord, PaperRecord, PassageRecord
from kg.build import build
from kg.vocab import DCTERMS, RDFS, RES, VLM

PAPERS = Path(__file__).resolve().parents[1] / "data" / "papers_tables.md"


@pytest.fixture(scope="module")
def records():
    return extract(parse(PAPERS.read_text("utf-8"), PAPERS.name))


@pytest.fixture(scope="module")
def graph(records):
    return build(records)


def _models(records, name: str) -> list[ModelRecord]:
    return [r for r in records if isinstance(r, ModelRecord) and r.name == name]


def test_each_titled_row_is_a_paper_with_the_model_it_names(records) -> None:
    papers = {r.title: r for r in records if isinstance(r, PaperRecord)}
    assert set(papers) == {
        "Heron: Instruction Tuning with Tidal Mixtures of Visual Data",
        "Compact Coastal Assistants",
        "Scaling Instruction Data for Open Vision-Language Models",
        "Omni Listening",  # two words: a title because its column holds titles
        "Long Flights: Hour-Long Video Understanding",
    }
    heron = papers["Heron: Instruction Tuning with Tidal Mixtures of Visual Data"]
    assert (heron.arxiv_id, heron.year, heron.short_name) == ("2403.01234", 2024, "Heron-VL")
    # a title that names no model goes by the name before its colon
    assert papers["Long Flights: Hour-Long Video Understanding"].short_name == "Long Flights"
    assert papers["Scaling Instruction Data for Open Vision-Language Models"].arxiv_id is None


def test_a_rows_model_has_its_date_links_and_other_cells(records) -> None:
    (row,) = [m for m in _models(records, "Heron-VL") if m.date]
    assert row.date == "2024-03-02" and row.year == 2024
    assert [link.kind for link in row.links] == ["arxiv", "github", "huggingface"]
    assert row.description == "Venue: CVPR 2024."  # link-only cells are links, not words
    # "Tern / Tern-Lite": both models, each with the row's month
    assert [(m.name, m.date) for m in _models(records, "Tern") + _models(records, "Tern-Lite")] == [
        ("Tern", "2023-11"),
        ("Tern-Lite", "2023-11"),
    ]
    assert not _models(records, "Long Flights")  # a paper alone is no model


def test_a_paper_column_of_arxiv_links_is_no_paper_table(records) -> None:
    # "| Paper |" holding "[arXiv](url)" links names no titles: the rows stay model rows
    petrel = _models(records, "Petrel-7B")
    assert len(petrel) == 1
    assert [c.name for c in petrel[0].vision_encoders] == ["SigLIP"]
    titles = {r.title for r in records if isinstance(r, PaperRecord)}
    assert not titles & {"arXiv", "arXiv paper"}


def test_a_collapsible_card_is_one_model_titled_by_its_summary(records) -> None:
    (card,) = [m for m in _models(records, "Heron-VL") if not m.date]
    assert [c.name for c in card.vision_encoders] == ["SigLIP"]
    assert [c.name for c in card.language_backbones] == ["Qwen2-7B"]
    assert [p.text for p in card.parameters] == ["8B"]
    assert card.connectors == ("mlp projector",)
    assert (card.source.start_line, card.source.end_line) == (30, 37)
    assert "outperforms Osprey-2" in card.description
    # no blank line after the summary: the markdown inside the HTML block is read too
    (gannet,) = [m for m in _models(records, "Gannet-Omni") if not m.date]
    assert [c.name for c in gannet.vision_encoders] == ["CLIP ViT-L/14"]
    assert gannet.language_backbones == ()  # "a natively multimodal decoder mixing ...": no name
    assert [p.text for p in gannet.parameters] == ["3B"]


def test_field_bullets_under_a_heading_are_one_model() -> None:
    text = "# M\n\n### Molmo\n\n- Vision: CLIP ViT-L/14\n- LLM: OLMo or Qwen2\n- Params: 7B\n"
    models = [r for r in extract(parse(text, "m.md")) if isinstance(r, ModelRecord)]
    assert [m.name for m in models] == ["Molmo"]  # not "Vision", "LLM", "Params"
    assert [c.name for c in models[0].language_backbones] == ["OLMo", "Qwen2"]


def test_a_fold_that_is_no_card_stays_in_its_section(records) -> None:
    document = parse(PAPERS.read_text("utf-8"), PAPERS.name)
    titles = [section.title for _, section in document.walk()]
    assert "More Information" not in titles
    (notes,) = [s for _, s in document.walk() if s.title == "Training notes"]
    assert [b.start_line for b in notes.blocks] == [59, 64, 68]
    passage = [r for r in records if isinstance(r, PassageRecord) and "tidal data" in r.text]
    assert passage and passage[0].source.start_line == 64


def test_the_graph_links_a_model_to_its_titled_paper(graph) -> None:
    model = RES["model/heron-vl"]
    paper = RES["paper/arxiv-2403.01234"]
    assert (model, VLM.paper, paper) in graph
    title = "Heron: Instruction Tuning with Tidal Mixtures of Visual Data"
    assert (paper, DCTERMS.title, Literal(title)) in graph
    assert (model, DCTERMS.date, None) in graph
    assert graph.value(model, RDFS.label) == Literal("Heron-VL")
    assert isinstance(graph.value(model, VLM.visionEncoder), URIRef)


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("a shared, frozen 400M-parameter SigLIP encoder at 896×896", ["SigLIP encoder"]),
        ("CLIP ViT-L/14 with multi-crop high-resolution processing", ["CLIP ViT-L/14"]),
        ("a ViT encoder for high-resolution images or video frames", ["ViT encoder"]),
        ("Aya Expanse-derived language models", ["Aya Expanse"]),
        ("a language decoder with visual experts in its attention and FFN modules", []),
        ("a pretrained GPT-style large language model", []),
        ("a frozen LLM (not named)", []),
        ("a sparse-MoE decoder", []),
        ("EVA-CLIP ViT-G/14 plus a Q-Former", ["EVA-CLIP ViT-G/14", "Q-Former"]),
        # table cells as they were read before
        ("SigLIP (400M, frozen)", ["SigLIP"]),
        ("InternViT-6B / InternViT-300M", ["InternViT-6B", "InternViT-300M"]),
        ("Llama 3.1 8B / 70B", ["Llama 3.1 8B", "Llama 3.1 70B"]),
        ("SigLIP for images and Whisper for audio", ["SigLIP", "Whisper"]),
    ],
)
def test_a_cell_written_as_a_phrase_names_its_part(cell: str, names: list[str]) -> None:
    assert [c.name for c in cell_names(cell)] == names


LEADERBOARDS = Path(__file__).resolve().parents[1] / "data" / "leaderboard_tables.md"


@pytest.fixture(scope="module")
def board():
    return extract(parse(LEADERBOARDS.read_text("utf-8"), LEADERBOARDS.name))


def test_a_leaderboards_cells_are_its_models_results(board) -> None:
    rows = {r.name: r for r in board if isinstance(r, ModelRecord) and r.source.start_line <= 13}
    assert set(rows) == {"Heron-VL", "Petrel²", "Tern"}  # a defined note's marker goes
    results = {(m.name, m.score) for m in rows["Petrel²"].mentions if m.relation == "evaluated_on"}
    assert results == {("MMMU", "58.4"), ("MMBench", "82.5"), ("SeaBench", "44.0%")}
    # "—" states nothing; "Size" is the parameter count; other columns stay its words
    assert {m.name for m in rows["Tern"].mentions} == {"MMBench", "SeaBench"}
    assert [p.text for p in rows["Tern"].parameters] == ["3B"]
    assert "Open weights: ✅." in rows["Tern"].description


def test_a_table_keyed_by_models_is_models_under_any_heading(board) -> None:
    # "| Model | Released | Compared with | Outcome |" under "Leaderboards"
    claims = [r for r in board if isinstance(r, ModelRecord) and r.source.start_line in (22, 23)]
    assert [(r.name, r.date) for r in claims] == [
        ("Heron-VL", "2025-03-02"),
        ("Tern", "2025-06-11"),
    ]
    # a column no field reads is kept as the row's words, and is not read for parts
    assert claims[0].description == "Compared with: GPT-4V; Outcome: comparable on charts"
    assert claims[0].language_backbones == ()


@pytest.mark.parametrize(
    ("cell", "notes", "name"),
    [
        ("VILA²¹", frozenset({"¹", "²"}), "VILA²"),  # ²¹ is no note: ¹ is
        ("VILA²", frozenset({"¹"}), "VILA²"),
        ("VILA²", frozenset(), "VILA²"),  # the list has notes, none under this table
        ("Idefics3-8B²", None, "Idefics3-8B"),  # a list without notes: any marker goes
    ],
)
def test_a_name_loses_only_a_marker_its_table_defines(cell, notes, name) -> None:
    from ingest._cells import name_without_marker

    assert name_without_marker(cell, notes) == name
