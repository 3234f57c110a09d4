# ruff: noqa: E501 - hub lines are as long as hubs write them
"""Answers over several sources: each fact cited to its file, disagreements named."""

from __future__ import annotations

import pytest
from rdflib import Literal

from search.assistant import Assistant
from search.assistant.graph import Value
from search.assistant.sources import by_source, disagreement
from tests.search.assistant.conftest import build_home

LIST_A = """# List A

## Models

### 2024
- **Kestrel-VL** (2024) - [Decoder-only architecture with 7B parameters, using SigLIP for vision encoder and Qwen2 as pretrained backbone](https://example.org/kestrel)
- **Heron-VL** (2024) - [Decoder-only architecture with 3B parameters](https://example.org/heron)
"""
LIST_B = """# List B

## Models

### 2025
- **Kestrel-VL** (2025) - [Decoder-only architecture with 8B parameters, using SigLIP for vision encoder and Qwen2 as pretrained backbone](https://example.org/kestrel)
- **Heron-VL** (2024) - [Decoder-only architecture with 3B parameters](https://example.org/heron)
"""


def value(text: str, *citations: str) -> Value:
    return Value(Literal(text), text, citations)


def test_values_by_source_and_when_they_disagree() -> None:
    values = [value("2024", "a.md#L5-L5"), value("2025", "b.md#L9-L9", "c.md#L2-L2")]
    assert {f: [v.text for v in vs] for f, vs in by_source(values).items()} == {
        "a.md": ["2024"],
        "b.md": ["2025"],
        "c.md": ["2025"],
    }
    assert disagreement(values, lambda v: v.text) == (
        "**2024** according to a.md; **2025** according to b.md and c.md (the sources disagree)"
    )
    same = [value("2024", "a.md#L5-L5", "b.md#L9-L9")]
    assert disagreement(same, lambda v: v.text) is None
    one_file = [value("2024", "a.md#L5-L5"), value("2025", "a.md#L9-L9")]  # a list's duplicate
    assert disagreement(one_file, lambda v: v.text) is None
    more = [value("7B", "a.md#L5-L5"), value("72B", "a.md#L5-L5", "b.md#L9-L9")]  # b names fewer
    assert disagreement(more, lambda v: v.text) is None


@pytest.fixture(scope="module")
def two_lists(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    folder = tmp_path_factory.mktemp("two-lists")
    (folder / "list-a.md").write_text(LIST_A, encoding="utf-8")
    (folder / "list-b.md").write_text(LIST_B, encoding="utf-8")
    home = build_home(folder / "home", [folder / "list-a.md", folder / "list-b.md"])
    return Assistant.open(home, dense=False)


def test_the_assistant_says_which_list_says_what(two_lists: Assistant) -> None:
    answer = two_lists.ask("How many parameters does Kestrel-VL have?")
    assert "**7B** according to list-a.md; **8B** according to list-b.md" in answer.markdown
    assert "(the sources disagree)" in answer.markdown
    cited = sorted({c.source.split("#")[0] for c in answer.citations})
    assert cited == ["list-a.md", "list-b.md"]
    agreed = two_lists.ask("How many parameters does Heron-VL have?")
    assert "disagree" not in agreed.markdown and "**3B**" in agreed.markdown
