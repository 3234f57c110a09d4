"""Counts and lists over the same conditions: a scope that lists table rows counts its rows,
and "with X in the title" is a condition on the labels (tests/data/hub_counts_scoped.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from tests.search.assistant.conftest import DATA, build_home, labels


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = tmp_path_factory.mktemp("counted") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_counts_scoped.md"]))


PAPERS_HALLUCINATION = [
    "A Benchmark of Object Hallucination and Grounding",
    "Hallucination Detection for Multimodal Assistants",
    "Mitigating Hallucinations in Vision-Language Models with Contrastive Decoding",
]


@pytest.mark.parametrize(
    ("question", "head", "expected"),
    [
        # the timeline lists rows, not model entries: its rows are what it dates
        (
            "How many architectures in the release timeline are dated 2024?",
            "The hub lists **2** entries listed under “Release Timeline” and dated 2024:",
            ["Alder-VL", "Birch-VL"],
        ),
        (
            "Which architectures in the release timeline are from 2023?",
            "The hub lists 1 entry listed under “Release Timeline” and dated 2023:",
            ["Cedar-VL"],
        ),
        # no scope: the model entries with a stated year, their own or their timeline row's
        # (Birch-VL's entry has none; the timeline dates it 2024-05-01)
        (
            "How many models are from 2024?",
            "The hub lists **2** models dated 2024:",
            ["Alder-VL", "Birch-VL"],
        ),
        # a title condition: the words are matched in the labels, plural forms too
        (
            "how many of the recent papers have hallucination in the title?",
            "The hub lists **3** papers listed under “Recent papers (2025)” and with "
            "“hallucination” in the title:",
            PAPERS_HALLUCINATION,
        ),
        (
            "Which papers have hallucination in the title?",
            "The hub lists 3 papers with “hallucination” in the title:",
            PAPERS_HALLUCINATION,
        ),
        (
            "how many papers mention efficient in their titles?",
            "The hub lists **2** papers with “efficient” in the title:",
            [
                "Efficient Edge Deployment of Small Vision Models",
                "Token Pruning for Efficient Vision-Language Models",
            ],
        ),
    ],
)
def test_a_count_is_the_size_of_its_list(
    counted: Assistant, question: str, head: str, expected: list[str]
) -> None:
    answer = counted.ask(question)
    assert answer.markdown.splitlines()[0] == head
    assert labels(answer) == expected


def test_a_count_and_its_list_agree(counted: Assistant) -> None:
    count = counted.ask("How many papers have hallucination in the title?")
    listed = counted.ask("Which papers have hallucination in the title?")
    assert labels(count) == labels(listed)
    assert f"**{len(labels(listed))}**" in count.markdown.splitlines()[0]
