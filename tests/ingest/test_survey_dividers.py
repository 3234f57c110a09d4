"""A model table with year divider rows, typographic footnote marks, a Type column of
labels and license cells (tests/data/survey_dividers.md); paper tags; sizes listed after
"sizes" and sizes joined to "total"/"active"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._numbers import parameter_counts
from ingest.records import ModelRecord, PaperRecord

SURVEY = Path(__file__).resolve().parents[1] / "data" / "survey_dividers.md"


@pytest.fixture(scope="module")
def records() -> list:
    return extract(parse(SURVEY.read_text("utf-8"), SURVEY.name))


def _models(records: list) -> dict[str, ModelRecord]:
    """The model table's records by name (a leaderboard below names some of them again)."""
    out: dict[str, ModelRecord] = {}
    for r in records:
        if isinstance(r, ModelRecord):
            out.setdefault(r.name, r)
    return out


def test_divider_rows_are_no_models_and_date_the_rows_below(records) -> None:
    models = _models(records)
    assert not any(name[:4].isdigit() for name in models)
    assert sorted(models) == [
        "Grebe",
        "Heron-VL",
        "Kite",
        "Lark",
        "Plover",
        "Plover 2",
        "Robin-VL",
        "Sparrow 4 Maverick",
        "Sparrow 4 Scout",
        "Wagtail",
    ]  # fmt: skip  (the encoder table's rows are no models)
    assert models["Sparrow 4 Scout"].year == 2026
    assert models["Lark"].year == 2023  # its own cell over the "2024 and earlier" row


def test_a_dagger_the_notes_define_is_no_part_of_the_name(records) -> None:
    assert "Robin-VL" in _models(records)


def test_an_architecture_cell_names_labels_by_themselves(records) -> None:
    models = _models(records)
    assert models["Wagtail"].architectures == ("unified",)
    assert models["Heron-VL"].architectures == ("unified", "moe")
    assert models["Heron-VL"].architecture_text == "MoE (omni, unified)"


def test_a_license_cell_that_says_more_is_kept_as_written(records) -> None:
    models = _models(records)
    assert models["Plover"].license == "Llama Community License"
    assert models["Plover"].license_text == "Llama 2 Community License"
    assert models["Robin-VL"].license == "Apache-2.0"
    assert models["Robin-VL"].license_text is None  # the same words


def test_a_tag_after_a_linked_title_is_the_papers_topic(records) -> None:
    papers = {r.title: r for r in records if isinstance(r, PaperRecord)}
    assert len(papers) == 4
    tagged = papers["A Benchmark for Hallucinated Objects in Long Captions"]
    assert tagged.tags == ("hallucination",)
    assert tagged.arxiv_id == "2503.22222"
    assert tagged.date == "2025-03"  # the month arXiv numbers the paper by


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It comes in four sizes (1B, 4B, 12B and 27B).", ["4B", "1B", "12B", "27B"]),
        ("Available in three sizes: 3B, 7B and 72B.", ["7B", "72B", "3B"]),
        ("It comes in 1B, 4B, 12B and 27B sizes.", ["4B", "1B", "12B", "27B"]),
    ],
)
def test_sizes_listed_after_the_word_sizes(text: str, expected: list[str]) -> None:
    assert sorted(c.text for c in parameter_counts(text)) == sorted(expected)


def test_sizes_joined_to_total_and_active() -> None:
    found = parameter_counts("It connects MoonViT to a 1T-total, 32B-active decoder.")
    assert [(c.text, c.active) for c in found] == [("1T", False), ("32B", True)]
    # a size of the data is no parameter count
    assert parameter_counts("Pretraining uses a 2T-total token budget.") == ()
