"""Questions over a list in new shapes (tests/data/hub_shapes_inline.md), on a real build:
the values of one entry's attribute asked with a plural class noun, a table named by a
class noun, "predate", the "Used by" column of an encoder table as a scope."""

from __future__ import annotations

import pytest

from search.assistant import Answer, Assistant
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("shapes") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_shapes_inline.md"]))


def _labels(answer: Answer) -> list[str]:
    return sorted(e.label for e in answer.entities)


@pytest.mark.parametrize(
    "question",
    [
        "What are the language models of Wren 2?",
        "Which language models does Wren 2 use?",
        "which language models does wren 2 use",
    ],
)
def test_plural_class_noun_of_one_entry_is_its_values(shapes: Assistant, question: str) -> None:
    assert shapes.ask(question).markdown.startswith(
        "The language backbones of **Wren 2** are **Flan-T5** and **Vicuna**"
    )


def test_plural_class_noun_with_a_value_still_lists(shapes: Assistant) -> None:
    assert _labels(shapes.ask("Which models use CLIP ViT-L/14?")) == ["Osprey", "Plover"]


def test_predate(shapes: Assistant) -> None:
    answer = shapes.ask("How many systems in the menagerie predate 2025?")
    assert answer.markdown.startswith("The hub lists **2** models")
    assert _labels(answer) == ["Lark", "Plover"]


def test_used_by_column_scoped_to_its_table(shapes: Assistant) -> None:
    answer = shapes.ask("In the vision encoders table, which models use SigLIP?")
    assert _labels(answer) == ["Finch-Pro", "Heron-VL"]


def test_table_named_by_a_class_noun_is_a_scope(shapes: Assistant) -> None:
    answer = shapes.ask("In the vision encoders table, where is ViT-H from?")
    assert answer.markdown.startswith(
        "In the Vision encoders table, **ViT-H** has From: **ImageBind**"
    )


def test_text_side_is_the_language_backbone(shapes: Assistant) -> None:
    assert shapes.ask("What is the text side of Plover?").markdown.startswith(
        "The language backbone of **Plover** is **Vicuna**."
    )


@pytest.mark.parametrize(
    "question",
    ["Which vision encoders does Wren 2 use?", "which vision encoders does wren 2 use"],
)
def test_a_class_noun_that_is_a_section_title_does_not_loop(
    shapes: Assistant, question: str
) -> None:
    # the class noun names the list's "Vision encoders" section, which has no passages of
    # its own: open -> listing -> open once, then the passages answer (was a RecursionError)
    answer = shapes.ask(question)
    assert answer.markdown.strip()
    assert "Sources" in answer.markdown
