"""Typo-tolerant linking: a misspelt name links to the name it misspells, never to a
neighbour one edit away that the question does not write (tests/data/hub_typo_neighbours.md)."""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant._typos import plausible_spelling, plausible_typo
from tests.search.assistant.conftest import DATA, build_home


@pytest.mark.parametrize(
    ("written", "surface", "expected"),
    [
        ("CogVVLM", "CogVLM", True),  # a letter doubled
        ("MonkeOyCRv2", "MonkeyOCRv2", True),  # two swapped, their casing with them
        ("LLVaA", "LLaVA", True),
        ("Gema3", "Gemma3", True),  # no casing of its own: casing says nothing
        ("Kim-VL", "Kimi-VL", True),
        ("FLAVA", "LLaVA", False),  # another first letter
        ("Flava", "LLaVA", False),
        ("BLIP3-o", "BLIP-3", False),  # a whole piece more
        ("GPT4", "GPT4o", False),
        ("VITA", "VisTA", False),  # capitals where the name has lower case
        ("SIGLIP", "SigLIPP", False),
    ],
)
def test_a_plausible_typo(written: str, surface: str, expected: bool) -> None:
    assert plausible_typo(written, surface) is expected


@pytest.mark.parametrize(
    ("written", "surface", "expected"),
    [("Vicunaa", "Vicuna", True), ("Wicuna", "Vicuna", False), ("BLIP3-o", "BLIP-3", False)],
)
def test_a_plausible_spelling(written: str, surface: str, expected: bool) -> None:
    assert plausible_spelling(written, surface) is expected


@pytest.fixture(scope="module")
def neighbours(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("neighbours") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_typo_neighbours.md"]), dense=False)


@pytest.mark.parametrize(
    ("question", "linked"),
    [
        ("How many parameters does CogVVLM have?", [("CogVVLM", False, ["CogVLM"])]),
        ("What does MonkeOyCRv2 use?", [("MonkeOyCRv2", False, ["MonkeyOCRv2"])]),
        ("What is LLVaA trained on?", [("LLVaA", False, ["LLaVA"])]),
        # a short name misspelt: the one label it extends by a size
        ("When was Kim-VL released?", [("Kim-VL", False, ["Kimi-VL-A3B"])]),
        ("When was Kimi-VL released?", [("Kimi-VL", True, ["Kimi-VL-A3B"])]),
        # names the hub does not hold, one edit from names it does
        ("What vision encoder does FLAVA use?", []),
        ("What does BLIP3-o use?", []),
        ("What vision encoder does VITA use?", []),
        # an exact name is never read as a typo of another
        ("What vision encoder does VisTA use?", [("VisTA", True, ["VisTA"])]),
    ],
)
def test_a_typo_links_only_the_name_it_misspells(
    neighbours: Assistant, question: str, linked: list[tuple[str, bool, list[str]]]
) -> None:
    mentions = [m for m in neighbours.lexicon.link(question) if m.of_type("Model")]
    assert [(m.text, m.exact, [e.label for e in m.of_type("Model")]) for m in mentions] == linked


@pytest.mark.parametrize(
    ("question", "read"),
    [
        # the expansion is found once the question has the hub's casing
        ("WHICH MODELS USE A Q-FORMER (QUERYING TRANSFORMER)?", "Which models use a Q-Former?"),
        ("which models use a q-former (querying transformer)?", "Which models use a Q-Former?"),
        # a prefixed word of English is no unknown name ("Subsection")
        (
            "HOW MANY MODELS ARE IN THE MODEL TABLE SUBSECTION?",
            "How many models are in the model table subsection?",
        ),
        ("WHAT IS THE CROSSATTENTION OF LLAVA?", "What is the crossattention of LLaVA?"),
    ],
)
def test_a_question_in_one_case_is_read_in_the_hubs_casing(
    neighbours: Assistant, question: str, read: str
) -> None:
    assert neighbours.lexicon.recased(question) == read
