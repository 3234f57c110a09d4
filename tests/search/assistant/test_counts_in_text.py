"""A count of what one entry holds, answered from the entry's own sentence when the graph
has no member entities for it ("Comprises five models"), whatever verb the question uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def counts_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = build_home(
        tmp_path_factory.mktemp("counts") / "home", [DATA / "hub_counts_in_text.md"]
    )
    return Assistant.open(home)


@pytest.mark.parametrize(
    "question",
    [
        "How many models does Heron-VL comprise?",
        "how many models does heron-vl include",
        "How many models are there in Heron-VL?",
    ],
)
def test_a_count_the_graph_lacks_is_quoted_from_the_entry(
    counts_assistant: Assistant, question: str
) -> None:
    answer = counts_assistant.ask(question)
    assert "“Comprises five models ranging from 2B to 40B parameters.”" in answer.markdown
    assert answer.citations


def test_listed_members_are_still_counted(counts_assistant: Assistant) -> None:
    answer = counts_assistant.ask("How many models does the Wren series contain?")
    assert answer.markdown.startswith("The hub lists **3** models")
    assert sorted(e.label for e in answer.entities) == ["Wren-L", "Wren-M", "Wren-S"]


@pytest.mark.parametrize(
    "question",
    [
        "Which models are in the Wren series?",
        "name the models of the Wren series",
        "what models make up the wren series",
    ],
)
def test_a_series_named_by_its_own_name_lists_its_members(
    counts_assistant: Assistant, question: str
) -> None:
    # the entry's name ("Wren Series") takes the word "series" that asks for the members
    answer = counts_assistant.ask(question)
    assert sorted(e.label for e in answer.entities) == ["Wren-L", "Wren-M", "Wren-S"]
