"""List questions worded with qualifiers, exclusions and alternatives: a qualifying
parenthetical or adverb adds no condition, an exclusion removes only what it names where
it names it, years and attributes joined by "or" are either, "write-ups" are entries.

Over real builds: the bundled hub, tests/data/hub_writeups_components.md and
tests/data/hub_papers_topics.md.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.conditions import qualifier_tokens
from search.assistant.understand import exclusion_tokens, understand

from .conftest import DATA, build_home, labels

EARTH = [
    "GeoSense: Remote Sensing Captioning with Large Multimodal Models",
    "OrbitView: Vision-Language Reasoning over Satellite Imagery",
]
DERMA = [
    "DermaVLM: A Dermatology Assistant Built on Vision-Language Models",
    "SkinScope: Zero-Shot Dermatological Diagnosis with Multimodal Models",
]


@pytest.fixture(scope="module")
def components_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("components") / "home", [DATA / "hub_writeups_components.md"]
    )
    return Assistant.open(home)


@pytest.fixture(scope="module")
def papers_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("papers") / "home", [DATA / "hub_papers_topics.md"])
    return Assistant.open(home)


BUNDLED = [
    # two single years are either of them
    (
        "Which 2022 or 2024 models are decoder-only?",
        [
            "Baichuan Ocean Mini",
            "DeepSeek-VL2",
            "Emu3",
            "Flamingo",
            "Llama 3.2 Vision",
            "Pixtral",
            "Qwen2-VL",
        ],
    ),
    (
        "Which models from 2023 or 2025 use a Vicuna language backbone?",
        ["CogVLM", "InstructBLIP", "LLaVA-1.5"],
    ),
    # the exclusion takes the name where it stands, the condition keeps the second one
    (
        "Apart from the SigLIP entry itself, which models use SigLIP as vision encoder?",
        ["DeepSeek-VL2", "SmolVLM"],
    ),
    # an exclusion sentence or clause: what it names leaves the answer
    ("Which models use SigLIP as vision encoder? Don't count SmolVLM.", ["DeepSeek-VL2"]),
    (
        "Which models use a Vicuna language backbone, leaving out CogVLM?",
        ["InstructBLIP", "LLaVA-1.5"],
    ),
    # two relations joined by "or": either
    (
        "Which models list SigLIP as the vision encoder or as a pretrained component?",
        ["DeepSeek-VL2", "Ola", "SmolVLM"],
    ),
    # a singular class noun after "every" asks for all of them
    ("Name every model with SigLIP as its vision encoder", ["DeepSeek-VL2", "SmolVLM"]),
    # "which ones" asks for the entries
    ("which ones use a Vicuna language backbone?", ["CogVLM", "InstructBLIP", "LLaVA-1.5"]),
    # entries of any class: a member's own paper is not another entry
    ("which entries are from 2022?", ["BLIP", "CLIP", "FLAVA", "Flamingo", "ScienceQA"]),
    # a qualifying adverb inside the phrase, a parenthetical that qualifies
    ("which models are built directly on LLaVA?", ["Video-LLaVA"]),
    (
        "which models use Vicuna (any version) as language backbone?",
        ["CogVLM", "InstructBLIP", "LLaVA-1.5"],
    ),
]


@pytest.mark.parametrize(("question", "expected"), BUNDLED)
def test_bundled_lists_with_qualifiers(
    assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(assistant.ask(question)) == sorted(expected)


WRITEUPS = [
    ("which write-ups use a SAM encoder?", ["Tern", "Wren"]),
    ("Which entries use SAM as the image encoder (any size)?", ["Tern", "Wren"]),
    # "Don't" opens a sentence: no name; the write-ups that avoid it are not counted
    (
        "Which write-ups use a Q-Former (as the bridge)? Don't count ones that say they avoid it.",
        ["Kestrel-VL", "Tern"],
    ),
]


@pytest.mark.parametrize(("question", "expected"), WRITEUPS)
def test_writeup_lists_with_qualifiers(
    components_assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(components_assistant.ask(question)) == sorted(expected)


PAPERS = [
    ("Which papers are about remote sensing / satellite imagery?", EARTH),
    ("Papers on dermatology - which ones are there (going by title)?", DERMA),
]


@pytest.mark.parametrize(("question", "expected"), PAPERS)
def test_paper_topics_with_qualifiers(
    papers_assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(papers_assistant.ask(question)) == sorted(expected)


def test_exclusion_takes_only_the_mention_inside_it(assistant: Assistant) -> None:
    intent = understand(
        "Apart from the SigLIP entry itself, which models use SigLIP as vision encoder?",
        assistant.lexicon,
    )
    assert [m.text for m in intent.mentions] == ["SigLIP"]
    assert intent.mentions[0].start == 9
    assert sorted({e.label for e in intent.extra["excluded"]}) == ["SigLIP", "SigLip"]


EXCLUSIONS = [
    ("Apart from the SigLIP entry itself, which models use SigLIP?", [0, 1, 2, 3, 4, 5]),
    (
        "Which write-ups use a Q-Former? Don't count ones that say they avoid it.",
        list(range(5, 13)),
    ),
    ("Which models use SigLIP?", []),
]


@pytest.mark.parametrize(("question", "expected"), EXCLUSIONS)
def test_exclusion_tokens(question: str, expected: list[int]) -> None:
    assert sorted(exclusion_tokens(question)) == expected


def test_contrasted_entry_leaves_the_answer(assistant: Assistant) -> None:
    intent = understand("Which models are based on LLaVA (not Video-LLaVA)?", assistant.lexicon)
    assert [e.label for e in intent.extra["excluded"]] == ["Video-LLaVA"]


QUALIFIERS = [
    ("Which entries use SAM (any size)?", [4, 5]),
    ("Papers on dermatology (going by title)?", [3, 4, 5]),
    ("models using Q-Former (as the bridge or as one fusion option)", [3, 4, 5, 6, 7, 8, 9, 10]),
    # an alternative or a contrast in parentheses is no qualifier
    ("models with a Perceiver Resampler (or Perceiver-style pooling)", []),
    ("models built on Qwen2-VL (not Qwen2.5-VL)", []),
]


@pytest.mark.parametrize(("question", "expected"), QUALIFIERS)
def test_qualifier_tokens(question: str, expected: list[int]) -> None:
    assert sorted(qualifier_tokens(question)) == expected
