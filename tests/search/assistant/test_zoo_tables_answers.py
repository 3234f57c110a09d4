"""Answers from a model zoo with a legend, an encoder table and a leaderboard: a legend's
mark for a cell with no value is the answer, cited to its row (a cell with no mark is not
given); "the encoders table" counts its rows; a score is the row naming both the model
and the benchmark; comparisons and "most common" keep the list's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant

from .conftest import build_home

ZOO = """# Zoo

**How to read the cells**

- `?` — unknown: we could not find it.
- `n/a` — not applicable (a segmentation model has no text side).

## Models

| Model | Lab | Vision encoder | LLM | Params | Notes |
|---|---|---|---|---|---|
| Alder-VL | ? | SigLIP | Qwen2-7B | 7B | a chat model |
| Birch-Seg | Demo Lab | ViT-H | n/a | ? | a segmentation model |
| Cedar | Demo Lab | SigLIP | Phi-3 | — | a small model |
| Dune-VL | Demo Lab | redesigned ViT | Qwen2.5-7B | 7B | a chat model |
| Elm-VL | Demo Lab | CLIP ViT-L/14 | Vicuna-7B | 7B | a chat model |
| Fir-VL | Demo Lab | CLIP ViT-L/14 | Vicuna-13B | 13B | a chat model |

## Vision encoders

| Encoder | From | Used by |
|---|---|---|
| SigLIP | Google | Alder-VL, Cedar |
| CLIP ViT-L/14 | OpenAI | Elm-VL, Fir-VL |

## Datasets

| Dataset | Kind | Size |
|---|---|---|
| PairSet-4B | image-text pairs | 4B image-text pairs |
| PairSet-Mini | image-text pairs | 250 million image-text pairs |

## Leaderboard

| Model | Benchmark | Score |
|---|---|---|
| Alder-VL | MMMU | 71.2% |
| Cedar | ScienceQA | 88.0% |
"""


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    root = tmp_path_factory.mktemp("marks")
    hub = Path(root) / "zoo.md"
    hub.write_text(ZOO, encoding="utf-8")
    return Assistant.open(build_home(root / "home", [hub]))


@pytest.mark.parametrize(
    ("question", "mark"),
    [
        ("Which lab released Alder-VL?", "?"),
        ("who made alder-vl", "?"),
        ("What is the language model of Birch-Seg?", "n/a"),
        ("How many parameters does Birch-Seg have?", "?"),
    ],
)
def test_the_lists_mark_is_the_answer(zoo: Assistant, question: str, mark: str) -> None:
    answer = zoo.ask(question)
    assert f"as **{mark}**" in answer.markdown
    assert answer.citations and answer.citations[0].source.endswith(("L12-L12", "L13-L13"))


def test_a_cell_without_a_mark_is_not_given(zoo: Assistant) -> None:
    answer = zoo.ask("How many parameters does Cedar have?")
    assert answer.markdown.startswith("The hub does not give the parameter count of **Cedar**")


def test_the_encoders_table_counts_its_rows(zoo: Assistant) -> None:
    table = zoo.ask("How many vision encoders are in the encoders table?")
    assert table.markdown.startswith("The hub lists **2** vision encoders in the table")
    every = zoo.ask("How many vision encoders does the hub list?")
    assert not every.markdown.startswith("The hub lists **2** ")


@pytest.mark.parametrize(
    ("question", "score"),
    [
        ("What score does Alder-VL get on MMMU?", "71.2%"),
        ("what does cedar score on ScienceQA", "88.0%"),
        # the table named says where: no condition on the row
        ("What score does Alder-VL get on MMMU in the Leaderboard?", "71.2%"),
    ],
)
def test_a_score_is_the_row_naming_model_and_benchmark(
    zoo: Assistant, question: str, score: str
) -> None:
    assert f"**{score}**" in zoo.ask(question).markdown


def test_another_models_score_is_no_answer(zoo: Assistant) -> None:
    answer = zoo.ask("What score does Cedar get on MMMU?")
    assert "71.2%" not in answer.markdown
    assert answer.markdown.startswith("The hub does not give")


def test_a_comparison_keeps_the_lists_words(zoo: Assistant) -> None:
    answer = zoo.ask("How do the vision encoders of Dune-VL and Elm-VL differ?")
    row = next(line for line in answer.markdown.splitlines() if line.startswith("| vision encoder"))
    assert row == "| vision encoder | redesigned ViT | CLIP ViT-L/14 |"


def test_most_common_names_the_encoder_as_written(zoo: Assistant) -> None:
    answer = zoo.ask("What is the most common vision encoder?")
    written = answer.markdown.split("\n\n")[1]
    assert written.startswith("As the hub writes it, the most common ")
    assert "**CLIP ViT-L/14**" in written


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "PairSet-4B or PairSet-Mini, which is larger and by how much?",
            "**PairSet-4B** is larger (16 times",
        ),
        (
            "Which is smaller, PairSet-4B or PairSet-Mini?",
            "**PairSet-Mini** is smaller (the other is 16 times",
        ),
        ("which is bigger: pairset-mini or pairset-4b", "**PairSet-4B** is larger (16 times"),
    ],
)
def test_datasets_compared_by_their_sizes(zoo: Assistant, question: str, lead: str) -> None:
    answer = zoo.ask(question)
    assert answer.markdown.startswith(lead), answer.markdown[:200]
    assert "**4B image-text pairs**" in answer.markdown
    assert "**250 million image-text pairs**" in answer.markdown
