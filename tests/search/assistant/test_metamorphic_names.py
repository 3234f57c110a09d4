"""Metamorphic tests on names and counted nouns (tests/data/hub_one_case_names.md): a
question in one case reads the names the prose writes in a casing of their own (two words
too: "Partial LoRA"), a misspelt name keeps the question's other names, and a count asked
with another noun of the class ("VLMs" for "models") finds the same number."""

from __future__ import annotations

import pytest

from bench.metamorphic import signature
from search.assistant import Assistant
from search.assistant._typos import plausible_respelling
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("one-case-names") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_one_case_names.md"]), dense=False)


@pytest.mark.parametrize(
    ("question", "read"),
    [
        # two words the prose always writes so, one of them stylised
        (
            "which models align vision and language with partial lora?",
            "Which models align vision and language with Partial LoRA?",
        ),
        (
            "WHICH MODELS ALIGN VISION AND LANGUAGE WITH PARTIAL LORA?",
            "Which models align vision and language with Partial LoRA?",
        ),
        # title case says nothing: "Nemo" stays a word
        ("which model uses a nemo language model?", "Which model uses a nemo language model?"),
        # words the prose writes in lower case stay so
        ("which models use a vit encoder?", "Which models use a ViT encoder?"),
    ],
)
def test_a_one_case_question_reads_the_prose_casing(
    names: Assistant, question: str, read: str
) -> None:
    assert names.lexicon.recased(question) == read


@pytest.mark.parametrize(
    ("question", "variants", "expected"),
    [
        (
            "Which models align vision and language with Partial LoRA?",
            [
                "which models align vision and language with partial lora?",
                "WHICH MODELS ALIGN VISION AND LANGUAGE WITH PARTIAL LORA?",
            ],
            (True, ("Osprey-VL", "Wren-VL"), ()),
        ),
        (
            "How many models does Osprey-VL comprise?",
            ["How many VLMs does Osprey-VL comprise?", "how many vlms does osprey-vl comprise?"],
            (True, (), ("five (5)", "osprey-vl")),
        ),
        (
            # the corpus's name is no misspelling of the model's
            "How large is the WrenCharts v2 corpus that Wren-VL is trained on?",
            ["How large is the WrenCharts v2 corpus that WrneVL is trained on?"],
            (True, (), ("42m", "wren-vl")),
        ),
    ],
)
def test_variants_give_the_same_answer(
    names: Assistant, question: str, variants: list[str], expected: tuple
) -> None:
    assert signature(names.ask(question)) == expected
    for variant in variants:
        assert signature(names.ask(variant)) == expected, variant


@pytest.mark.parametrize(
    ("written", "surface", "expected"),
    [
        ("MonkeyDoc v2", "MonkeyOCRv2", False),  # a capital the name does not have
        ("MonkeOyCRv2", "MonkeyOCRv2", True),
        ("InternVl", "InternVL", True),  # a capital left out
    ],
)
def test_a_stylised_respelling_keeps_its_capitals(
    written: str, surface: str, expected: bool
) -> None:
    assert plausible_respelling(written, surface) is expected
