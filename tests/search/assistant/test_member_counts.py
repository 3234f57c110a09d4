"""A count of one entry's models that the entry states in words and lists no member of
("Scale: six models, 2B to 64B"): the number counting the asked-for noun, in the hub's
word and in digits, not the first size and not "one" of "in one model"."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = tmp_path_factory.mktemp("described") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_cards_described.md"]))


@pytest.mark.parametrize(
    "question",
    [
        "How many models make up Sparrow2?",
        "how many models does Sparrow2 include?",
        "How many models constitute Sparrow2",
    ],
)
def test_count_stated_in_words(cards: Assistant, question: str) -> None:
    answer = cards.ask(question)
    assert answer.markdown.splitlines()[0].startswith(
        "**six (6)** — The hub's entry on **Sparrow2** says: "
    )
    assert [c.source for c in answer.citations] == ["hub_cards_described.md#L23-L26"]
