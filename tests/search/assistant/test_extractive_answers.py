"""One-value answers from an entry's own sentences (hub_writeups_extractive.md): the name a
relation verb introduces, a count with the noun it counts, the size written next to a part,
and an explanation said after the fact it explains."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant.conditions import stem
from search.assistant.engine import Assistant
from search.assistant.extract import best_quotes, count_unit, number_span
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def extractive_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = build_home(
        tmp_path_factory.mktemp("extractive") / "home", [DATA / "hub_writeups_extractive.md"]
    )
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        # a question joining the vision side to the language side asks for the connector;
        # the ViT it names is part of the relation, not a second subject
        (
            "what module aligns the ViT features with the language side in Heron-VL?",
            "**GatedMix module** — The hub's entry on the connector of **Heron-VL** says:"
            " “Heron-VL uses a ViT encoder whose features are pooled by a strided convolution"
            " and aligned with the word embeddings through a GatedMix module.” “This adapter"
            " keeps the token count low.” [L17]",
        ),
        # "how many GPUs" / "number of GPUs": the number with the words up to its noun
        (
            "how many GPUs was Heron-VL trained on?",
            "**64 H100 GPUs** — The hub's entry on **Heron-VL** says: “Its recipe uses no more"
            " than 64 H100 GPUs for two weeks.” [L17]",
        ),
        (
            "what's the max number of GPUs Heron-VL used?",
            "**64 H100 GPUs** — The hub's entry on **Heron-VL** says: “Its recipe uses no more"
            " than 64 H100 GPUs for two weeks.” [L17]",
        ),
        # the size asked is the part's, written next to its noun, not the model's
        (
            "how big is the vision encoder in Heron-VL?",
            "**410M** — The hub's entry on the size of the vision encoder of **Heron-VL** says:"
            " “Heron-VL couples a 410M-parameter vision encoder with a 7B language model for"
            " chart reading.” [L7-12]",
        ),
        # a count in words of a part noun answers "how many", whatever the parts are named
        (
            "Kestrel-VL is built from how many main components?",
            "**four (4)** — The hub's entry on **Kestrel-VL** says: “Kestrel-VL is a grounding"
            " model built from four main components: an image encoder, a region encoder, a"
            " language model and a mask decoder.” [L21-26]",
        ),
        # a count of the things an enumeration lists, the bare list after it included
        (
            "how many datasets make up Kestrel-VL's instruction tuning?",
            "**6 datasets** — The hub's entry on **Kestrel-VL** says: “Datasets used for"
            " instruction tuning are: CapsA (10K), CapsB (5K), GroundC (2K). BoxD, MaskE (1.5K)"
            " and RegionF.” [L31]",
        ),
        # a wh-word asking for a side is no connector question
        (
            "which LLM does Heron-VL connect its ViT to?",
            "The hub does not give the language backbone of **Heron-VL**.",
        ),
    ],
)
def test_the_asked_span_is_said_first(
    extractive_assistant: Assistant, question: str, first_line: str
) -> None:
    assert extractive_assistant.ask(question).markdown.splitlines()[0] == first_line


def test_what_joins_vision_to_language_is_the_connector(extractive_assistant: Assistant) -> None:
    answer = extractive_assistant.ask("what connects the image features to the LLM in Osprey-VL?")
    assert answer.markdown.splitlines()[0] == (
        "The connector of **Osprey-VL** is **perceiver resampler**. [L35-40]"
    )


def test_a_how_question_gets_the_fact_and_the_sentence_explaining_it(
    extractive_assistant: Assistant,
) -> None:
    question = "How does Osprey-VL connect the vision encoder to the language model?"
    body = extractive_assistant.ask(question).markdown.split("**Sources**")[0]
    assert body.strip().split("\n\n") == [
        "The connector of **Osprey-VL** is **perceiver resampler**. [L35-40]",
        "The hub's entry on **Osprey-VL** says: “Osprey-VL is a video assistant that passes"
        " image features to its language model through a Perceiver Resampler.” [L35-40]",
    ]


def test_an_institution_is_an_organisation(extractive_assistant: Assistant) -> None:
    answer = extractive_assistant.ask("which institution is Heron-VL from?")
    assert answer.markdown.splitlines()[0] == (
        "The organisation of **Heron-VL** is **Example University**. [L7-12]"
    )


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("what's the max number of GPUs X was trained on?", "GPUs"),
        ("the total number of layers in X", "layers"),
        ("the number of the experts", "experts"),
        ("the number of", None),
        ("how many GPUs?", None),
    ],
)
def test_count_unit(question: str, unit: str | None) -> None:
    assert count_unit(question) == (frozenset({stem(unit.lower())}) if unit else None)


@pytest.mark.parametrize(
    ("sentence", "unit", "span"),
    [
        ("It uses no more than 128 A100 GPUs.", "GPUs", "128 A100 GPUs"),
        ("It has 93 layers.", "layers", "93 layers"),
        ("It comprises five essential components.", "components", "five"),
    ],
)
def test_number_span_keeps_the_words_up_to_the_unit(sentence: str, unit: str, span: str) -> None:
    assert number_span(sentence, frozenset({stem(unit.lower())})) == span


EXPLAINED = (
    "Demo-VL filters captions before training. "
    "Demo-VL filters noisy captions with a metadata list of concepts. "
    "Its curated subset is balanced by concept."
)


@pytest.mark.parametrize(
    ("limit", "first"),
    [
        # an explanation starts where BM25 and the embedding rank best together
        (4, "Demo-VL filters noisy captions with a metadata list of concepts."),
        # a fact lookup keeps BM25's best
        (2, "Demo-VL filters captions before training."),
    ],
)
def test_the_embedding_model_ranks_an_explanation(limit: int, first: str) -> None:
    def closeness(texts: list[str]) -> list[float]:
        return [0.9 if "metadata" in t else 0.5 if "balanced" in t else 0.1 for t in texts]

    query = [frozenset({stem("filters")}), frozenset({stem("captions")})]
    quotes = best_quotes([(EXPLAINED, "L1")], query, limit=limit, similarity=closeness)
    assert quotes[0].sentence == first
