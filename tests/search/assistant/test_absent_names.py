"""Names a list does not hold: a question about one is abstained on even when a listed name
is part of it ("Video-Kite", "Kite 2.5"), unless the list's own text writes it (an entry's
versioned name, a name in an application bullet); listed names are still answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from search.assistant._base import _model_like, name_pattern
from tests.search.assistant.conftest import DATA, build_home, labels


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = build_home(
        tmp_path_factory.mktemp("names") / "home", [DATA / "hub_names_absent.md"]
    )
    return Assistant.open(home)


def body(markdown: str) -> str:
    return markdown.split("\n\n**Sources**")[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (  # a listed name inside an unlisted one is not read as the listed row
            "Describe the architecture of Video-Kite.",
            "The hub does not mention **Video-Kite**, so it cannot answer this. "
            "Nearest names it knows: Kite.",
        ),
        (  # a version after a listed name that the text never writes
            "What vision encoder does Kite 2.5 use?",
            "The hub does not mention **Kite 2.5**, so it cannot answer this. "
            "Nearest names it knows: Kite.",
        ),
        (
            "How many parameters does Idefics3-8B have?",
            "The hub does not mention **Idefics3-8B**, so it cannot answer this.",
        ),
    ],
)
def test_absent_name_abstains(names: Assistant, question: str, expected: str) -> None:
    answer = names.ask(question)
    assert (body(answer.markdown), answer.grounded, labels(answer)) == (expected, False, [])


@pytest.mark.parametrize(
    ("question", "expected", "entities"),
    [
        (
            "What vision encoder does Kite use?",
            "The vision encoder of **Kite** is **CLIP**.",
            ["CLIP"],
        ),
        (  # the entry's own text writes "Lumen-1.0": the entry Lumen is meant
            "What vision encoder does Lumen-1.0 use?",
            "The vision encoder of **Lumen** is **SigLIP**.",
            ["SigLIP"],
        ),
        (  # no entry, but an application bullet writes the name: quoted, not abstained
            "How fast is RoadSense's lane detection?",
            "**40ms** — The hub lists no entry for **RoadSense**; its text says: "
            "“RoadSense: 40ms lane detection”",
            [],
        ),
    ],
)
def test_named_in_the_list_is_answered(
    names: Assistant, question: str, expected: str, entities: list[str]
) -> None:
    answer = names.ask(question)
    assert body(answer.markdown).split(" [L")[0] == expected
    assert (answer.grounded, labels(answer)) == (True, entities)


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Video-LLaVA", "we compare with llava and llava-1.5.", False),
        ("LLaVA", "built on video-llava.", False),
        ("LLaVA", "unlike llava-med, llava uses clip.", True),
        ("Eagle 2.5", "eagle-2.5 scales context.", True),
        ("Eagle 2.5", "eagle 2.5x scales context.", False),
        ("Hy-Embodied-VLM-1.0", "**hy-embodied-vlm-1.0** connects hy-vit2", True),
    ],
)
def test_name_pattern(name: str, text: str, found: bool) -> None:
    assert (name_pattern(name).search(text) is not None) == found


@pytest.mark.parametrize(
    ("token", "model_like"),
    [
        ("CogAgent", True),
        ("Hy-Embodied-VLM", True),
        ("Idefics3-8B", True),
        ("VRAM", False),
        ("Google", False),
        ("GPT-4V", True),
    ],
)
def test_model_like(token: str, model_like: bool) -> None:
    assert _model_like(token) == model_like
