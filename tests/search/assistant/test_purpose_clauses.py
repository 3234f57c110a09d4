"""List and count questions over write-ups (tests/data/hub_writeups_purpose.md) whose words
say what a part is for, a class noun after "every", a CLIP model built as a ConvNeXt, a
team of a known organisation, and facts found only in a write-up's later paragraph.

Each row is a question, variants of it (a reordered clause, lower case, other words, a
typo) and the exact entity set every variant must give.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant._text import tokens
from search.assistant.conditions import purpose_clauses
from search.assistant.understand import understand

from .conftest import DATA, build_home, labels


@pytest.fixture(scope="module")
def purpose_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("purpose") / "home", [DATA / "hub_writeups_purpose.md"]
    )
    return Assistant.open(home)


SETS = [
    (
        "Which models use a Perceiver resampler or Perceiver pooling to turn visual "
        "features into a fixed number of tokens?",
        [
            "To get a fixed number of tokens, which models use a Perceiver resampler or "
            "Perceiver pooling?",
            "which models use a perceiver resampler or perceiver pooling",
            "List every model that uses a Perceiver Resampler (or Perceiver-style pooling "
            "layer) to compress visual features.",
            "Which models use Perceiver pooling or a Perceiver resampler?",
        ],
        # Lumen's "no resampler is used", Tern-V's "does not use a Perceiver resampler" and
        # Wren's "replaces the Perceiver resampler ... with a pixel shuffle step" are none
        ["Heron-M", "Orca-VL"],
    ),
    (
        "List every architecture that uses ConvNeXt features in its vision side (alone "
        "or mixed with other encoders).",
        [
            "which models use a ConvNeXt vision encoder?",
            "Which architectures have a ConvNeXt-based vision encoder?",
            "every architecture with a ConvNext vision encoder",  # the hub's casing differs
        ],
        ["Kestrel", "Wren"],  # Kestrel's is a CLIP-ConvNeXt
    ),
    (
        "Which models use pixel shuffle?",
        [
            "which models downsample visual tokens with pixel shuffle?",
            "Which models use a pixel shuffle step to downsample the visual tokens?",
        ],
        ["Kestrel", "Wren"],  # said in the write-ups' second paragraphs only
    ),
    (
        "List every architecture whose language model is a Mistral model.",
        ["which models are built on a Mistral language model?"],
        ["Tern-V"],  # Puffin's Mixtral is Mistral AI's other family
    ),
    (
        "How many of the listed architectures come from Baidu?",
        ["Which models are by Baidu?", "how many models come from baidu?"],
        ["Heron-M", "Kestrel"],  # "Heron Team, Baidu" and "Baidu Kestrel Team"
    ),
    (
        "How many releases are from 2025?",
        ["Count of 2025 releases in the catalog?", "how many models are from 2025?"],
        ["Gull and Gull-Pro", "Heron-M", "Orca-VL", "Wren"],
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), SETS)
def test_variants_give_the_same_entity_set(
    purpose_assistant: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    assert labels(purpose_assistant.ask(question)) == expected
    for variant in variants:
        assert labels(purpose_assistant.ask(variant)) == expected, variant


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "which models use a Perceiver resampler to turn visual features into tokens",
            "to turn visual features into tokens",
        ),
        (
            "Which models use a Q-Former in order to connect the encoder with the LLM?",
            "in order to connect the encoder with the LLM",
        ),
        (
            "Which VLMs compress visual tokens with a pixel shuffle?",
            "compress visual tokens",
        ),
        ("WHICH MODELS USE A Q-FORMER TO CONNECT THE ENCODER, AND WHEN?", "TO CONNECT THE ENCODER"),
        # a role, a comparison, a bound, a name: no purpose
        ("Which benchmarks are designed to test OCR?", ""),
        ("Which models have up to 7B parameters?", ""),
        ("Which datasets are used to train medical models?", ""),
        ("Compared to LLaVA, which models are larger?", ""),
        # a verb that takes "to" as its object: what is done, not what for
        ("How does VITA manage to let a user interrupt it with audio?", ""),
        ("how do these models attempt to reduce hallucination", ""),
    ],
)
def test_purpose_clauses(question: str, clause: str) -> None:
    toks = tokens(question)
    found = [" ".join(toks[i] for i in sorted(c)) for _, c in purpose_clauses(question)]
    assert found == ([clause] if clause else [])


def test_a_purpose_clause_alone_is_the_condition(purpose_assistant: Assistant) -> None:
    """With nothing else to go on, a clause's words are the question's condition."""
    answer = purpose_assistant.ask("Which models are used to route tokens to experts?")
    assert labels(answer) == ["Puffin"]


def test_every_with_a_singular_class_noun_asks_for_the_class(
    purpose_assistant: Assistant,
) -> None:
    intent = understand("every architecture that uses SigLIP", purpose_assistant.lexicon)
    assert intent.target_class == "Model"
    assert intent.kind == "list"
    answer = purpose_assistant.ask("Name every architecture that uses a SigLIP encoder.")
    assert labels(answer) == ["Gull and Gull-Pro", "Orca-VL", "Tern-V"]


def test_possessive_after_a_version_number() -> None:
    assert tokens("Which encoders are combined in Eagle 2's mixture?")[-3:] == [
        "Eagle",
        "2",
        "mixture",
    ]


@pytest.mark.parametrize(
    ("question", "span", "line"),
    [
        # a member's facts in its series' write-up
        ("how many synthetic chart examples went into Gull-Pro's expanded data?", "12M", "L128"),
        ("How many understanding examples does Gull-Pro's data include?", "40M", "L128"),
        # a count, not the timeline row's Architecture cell (the name)
        ("How many core components make up Orca-VL's architecture?", "three (3)", "L28"),
    ],
)
def test_values_inside_a_write_ups_prose(
    purpose_assistant: Assistant, question: str, span: str, line: str
) -> None:
    answer = purpose_assistant.ask(question)
    assert answer.markdown.startswith(f"**{span}"), answer.markdown[:200]
    assert any(c.source.endswith(f"{line}-{line}") for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "Which architecture powers Kestrel's vision encoder?",
        "what architecture is kestrel's vision encoder built on",
        "What architecture is Kestrel’s vision encoder based on?",
        "what architecture is Kestrel's vison encoder built on?",
        "What vision encoder does the Kestrel architecture use?",
    ],
)
def test_a_kind_of_a_possessed_part_asks_for_the_part(
    purpose_assistant: Assistant, question: str
) -> None:
    # the wh-word's noun says what kind of answer is wanted (an architecture); the part
    # after the possessive is what is asked: not the timeline row's Architecture cell
    first = purpose_assistant.ask(question).markdown.split("\n")[0]
    assert "ConvNeXt**" in first and "Architecture:" not in first, first


@pytest.mark.parametrize(
    "question",
    [
        "Which month saw the most releases?",
        "which month had the most model releases in 2025?",
        "In 2025, what was the busiest month for releases in the timeline?",
    ],
)
def test_the_month_with_the_most_releases(purpose_assistant: Assistant, question: str) -> None:
    answer = purpose_assistant.ask(question)
    assert "**April 2025**" in answer.markdown.split("\n")[0], answer.markdown[:300]
    lines = answer.markdown.splitlines()
    counted = next(line for line in lines if line.startswith("- **April 2025** (2)"))
    assert "Orca-VL" in counted and "Wren" in counted
