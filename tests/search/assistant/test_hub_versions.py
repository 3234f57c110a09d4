"""Understanding questions about other versions of a hub (tests/data/hub_versions_understanding.md):
a label's lab prefix left out, a quoted piece of a title, "or" with a repeated word, a
framework's lead for a how-question, a timeline's dates as a scope and a month."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from search.assistant.answer import Answer
from search.assistant.understand import understand
from tests.search.assistant.conftest import DATA, build_home, labels


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = tmp_path_factory.mktemp("versions") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_versions_understanding.md"]))


def first_line(answer: Answer) -> str:
    return answer.markdown.splitlines()[0]


R1_PAPERS = [
    "Drive-R1: Reasoning for Autonomous Driving with Reinforcement Learning",
    "Ground-R1: Grounded Visual Reasoning via Reinforcement Learning",
    "Map-R1: Spatial Reasoning over Street Maps",
]


@pytest.mark.parametrize(
    "question",
    [
        "How many languages does the Orca Vision 9B model support?",
        "how many languages does orca vision 9b support?",
        "How many languages does Orca Vison 9B support?",  # one typo
    ],
)
def test_a_label_without_its_lab_prefix_names_the_model(versions: Assistant, question: str) -> None:
    answer = versions.ask(question)
    assert "The number of languages of **ACME Orca Vision 9B** is **17 languages**." in (
        answer.markdown
    )


@pytest.mark.parametrize(
    "question",
    [
        "how many recent papers have an '-R1' style name (like Ground-R1)?",
        "How many recent papers have 'R1' in their titles?",
        'Which recent papers are named like "-R1"?',
    ],
)
def test_a_quoted_piece_of_a_name_is_a_title_condition(versions: Assistant, question: str) -> None:
    answer = versions.ask(question)
    assert "and with “r1” in the title:" in first_line(answer)
    assert labels(answer) == R1_PAPERS


def test_or_keeps_a_word_repeated_on_both_sides(versions: Assistant) -> None:
    answer = versions.ask(
        "Which of the recent 2025 papers deal with autonomous driving or driving VLA models?"
    )
    # GameVLA is a VLA paper, not a driving one
    assert labels(answer) == [
        "Drive-R1: Reasoning for Autonomous Driving with Reinforcement Learning",
        "PilotVLA: Open Weights for Driving VLA Models",
    ]


def test_a_how_question_on_a_framework_quotes_its_lead(versions: Assistant) -> None:
    text = versions.ask(
        "How does the privacy protection framework keep sensitive training data from leaking?"
    ).markdown
    assert "Raw Data → Federated Learning?" in text
    # "privacy" is the section's own name: it chooses no facet of the same word
    assert "Differential Privacy (DP)" not in text
    everything = versions.ask("How does the privacy protection framework work?").markdown
    for facet in ("Federated Learning Check", "Differential Privacy (DP)", "Secure Training"):
        assert f"— {facet}" in everything


@pytest.mark.parametrize(
    "question",
    [
        "what architectures were released in January 2024 according to the timeline",
        "which architectures in the timeline were released in January 2024?",
        "According to the timeline, which architectures were released in January 2024?",
    ],
)
def test_a_month_dates_timeline_rows(versions: Assistant, question: str) -> None:
    answer = versions.ask(question)
    assert first_line(answer) == (
        "The hub lists 2 entries listed under “Release Timeline” and dated January 2024:"
    )
    assert labels(answer) == ["Heron-VL", "Kestrel-VL"]


def test_a_possessive_apostrophe_quotes_nothing(versions: Assistant) -> None:
    intent = understand("How does Heron-VL's decoder differ from Kestrel-VL's?", versions.lexicon)
    assert intent.quoted == ()
    assert [m.text for m in intent.mentions] == ["Heron-VL", "Kestrel-VL"]


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = tmp_path_factory.mktemp("timeline") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_writeups_timeline.md"]))


def test_an_encoder_shows_the_name_as_the_entry_writes_it(timeline: Assistant) -> None:
    answer = timeline.ask("What vision encoder does Plover-VL use?")
    assert first_line(answer) == (
        "The vision encoder of **Plover-VL** is **ViT-L** (the list writes “ViT-L/14”). [L24]"
    )


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("How many training examples does the Plover-VL recipe use?", "**12.5 million examples**"),
        ("how many examples does Plover-VL use?", "**12.5 million examples**"),
        ("How many image-text pairs did Avocet-VL pretrain on?", "**800 million image-text**"),
    ],
)
def test_a_count_of_a_model_is_read_in_its_write_up_not_its_timeline_row(
    timeline: Assistant, question: str, lead: str
) -> None:
    # the timeline row has no column for it; the write-up's sentence states it
    assert first_line(timeline.ask(question)).startswith(lead)
