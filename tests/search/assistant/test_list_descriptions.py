"""List questions whose condition is a description, on a real build of the bundled hub.

The verb that says what a class does ("benchmarks evaluate", "datasets contain") and
generic nouns ("understanding", "tasks") are no words an entry must hold; the heading an
entry sits under is part of its text. Each row: a question, variants of it, and the exact
entity set every variant must give.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.conditions import text_condition
from search.assistant.understand import understand

from .conftest import labels

VIDEO_BENCHMARKS = ["EgoExoBench", "SVLTA", "ViLCo-Bench", "VLM²-Bench", "Video-MMLU"]

DESCRIBED = [
    (
        # three say "video" in their text, two sit under "Video-Language Benchmarks"
        "Which benchmarks evaluate video understanding?",
        [
            "which benchmarks are about video?",
            "Which benchmarks test video understanding?",
            "List the benchmarks designed to assess video understanding.",
        ],
        VIDEO_BENCHMARKS,
    ),
    (
        "Which benchmarks assess robustness?",
        ["which benchmarks measure robustness?", "Benchmarks that evaluate robustness?"],
        ["V2R-Bench"],
    ),
    (
        "Which datasets contain video clips?",
        ["which datasets have video clips?"],
        ["Kinetics700", "UCF101"],
    ),
    (
        "Which datasets are for object detection?",
        ["Which datasets are used for object detection tasks?"],
        ["COCO Detection", "LVIS", "ODinW"],
    ),
    (
        # an attribute with no value asked is the condition: a stated speedup
        "Which tools give a speedup?",
        ["which tools have a speedup?"],
        ["4-bit QAT", "Flash Attention", "Layer Dropping"],
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), DESCRIBED)
def test_described_lists_give_the_same_entity_set(
    assistant: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    assert labels(assistant.ask(question)) == sorted(expected)
    for variant in variants:
        assert labels(assistant.ask(variant)) == sorted(expected), variant


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Which benchmarks evaluate video understanding?", ("video",)),
        ("Which benchmarks test understanding?", ("understanding",)),  # alone it is the topic
        ("Which papers are about test-time adaptation?", ("test", "time", "adaptation")),
        ("Which benchmarks are designed to measure OCR capabilities?", ("ocr",)),
    ],
)
def test_role_verbs_and_generic_nouns_are_not_required(
    assistant: Assistant, question: str, words: tuple[str, ...]
) -> None:
    condition = text_condition(understand(question, assistant.lexicon))
    assert condition is not None
    assert condition.words == words
