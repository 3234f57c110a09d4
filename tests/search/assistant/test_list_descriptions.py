"""List questions whose condition is a description, on a real build of the bundled hub.

The verb that says what a class does ("benchmarks evaluate", "datasets contain") and
generic nouns ("understanding", "tasks") are no words an entry must hold; the heading an
entry sits under is part of its text. Each row: a question, variants of it, and the exact
entity set every variant must give.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.conditions import text_condition
from search.assistant.understand import understand

from .conftest import DATA, build_home, labels


def test_a_how_question_about_a_class_is_no_list(assistant: Assistant) -> None:
    answer = assistant.ask("How can VLMs run efficiently on edge devices, per the hub?")
    assert not answer.markdown.startswith("The hub lists")


def test_one_described_entry_is_still_the_one(assistant: Assistant) -> None:
    answer = assistant.ask("Which benchmark evaluates cross-view video understanding?")
    assert labels(answer) == ["EgoExoBench"]
    assert answer.markdown.startswith("The hub describes this benchmark:")


VIDEO_BENCHMARKS = ["EgoExoBench", "SVLTA", "ViLCo-Bench", "VLM²-Bench", "Video-MMLU"]

DESCRIBED = [
    (
        # three say "video" in their text, two sit under "Video-Language Benchmarks"
        "Which benchmarks evaluate video understanding?",
        [
            "which benchmarks are about video?",
            "Which benchmarks test video understanding?",
            "List the benchmarks designed to assess video understanding.",
            "video benchmarks?",  # the plural asks for every fitting entry
            "List every benchmark that measures video understanding capabilities.",
        ],
        VIDEO_BENCHMARKS,
    ),
    (
        "Which benchmarks assess robustness?",
        ["which benchmarks measure robustness?", "Benchmarks that evaluate robustness?"],
        ["V2R-Bench"],
    ),
    (
        "Which datasets contain video clips?",
        ["which datasets have video clips?"],
        ["Kinetics700", "UCF101"],
    ),
    (
        "Which datasets are for object detection?",
        [
            "Which datasets are used for object detection tasks?",
            "Which datasets are suitable for object detection?",
        ],
        ["COCO Detection", "LVIS", "ODinW"],
    ),
    (
        # an attribute with no value asked is the condition: a stated speedup
        "Which tools give a speedup?",
        ["which tools have a speedup?"],
        ["4-bit QAT", "Flash Attention", "Layer Dropping"],
    ),
]


@pytest.mark.parametrize(("question", "variants", "expected"), DESCRIBED)
def test_described_lists_give_the_same_entity_set(
    assistant: Assistant, question: str, variants: list[str], expected: list[str]
) -> None:
    assert labels(assistant.ask(question)) == sorted(expected)
    for variant in variants:
        assert labels(assistant.ask(variant)) == sorted(expected), variant


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Which benchmarks evaluate video understanding?", ("video",)),
        ("Which benchmarks test understanding?", ("understanding",)),  # alone it is the topic
        ("Which papers are about test-time adaptation?", ("test", "time", "adaptation")),
        ("Which benchmarks are designed to measure OCR capabilities?", ("ocr",)),
    ],
)
def test_role_verbs_and_generic_nouns_are_not_required(
    assistant: Assistant, question: str, words: tuple[str, ...]
) -> None:
    condition = text_condition(understand(question, assistant.lexicon))
    assert condition is not None
    assert condition.words == words


BIAS = ["Chicago Face Dataset", "MM-RLHF", "SocialCounterfactuals", "StereoSet"]

SCOPED = [
    ("Which datasets are listed under the Bias heading?", BIAS),
    # nested headings: the inner one; a heading read from "datasets section" that shares
    # no entry with the one named ("Additional Datasets") is not a second condition
    ("What datasets are listed in the Bias subsection of the datasets section?", BIAS),
    # headings side by side: either
    ("Which datasets are in the Bias or Instruction Tuning sections?", [*BIAS, "LLaVA Instruct"]),
    ("Which datasets are under Bias and Instruction Tuning?", [*BIAS, "LLaVA Instruct"]),
    (
        "Which benchmarks in the Video-Language Benchmarks section are from 2024?",
        ["VLM²-Bench", "ViLCo-Bench"],
    ),
]


@pytest.mark.parametrize(("question", "expected"), SCOPED)
def test_scoped_lists(assistant: Assistant, question: str, expected: list[str]) -> None:
    assert labels(assistant.ask(question)) == sorted(expected)


@pytest.mark.parametrize(
    ("question", "count"),
    [
        # a heading named right before "table"/"section", no preposition before it
        ("How many rows does the ethics table have?", 8),
        ("How many bias types does the ethics table list?", 8),
        ("how many datasets does the bias section list?", 4),
    ],
)
def test_a_count_over_a_heading_named_before_its_cue(
    assistant: Assistant, question: str, count: int
) -> None:
    assert len(assistant.ask(question).entities) == count


def test_a_count_over_a_sub_heading(assistant: Assistant) -> None:
    answer = assistant.ask("How many datasets are in the Image Classification section?")
    assert answer.markdown.startswith(
        "The hub lists **5** datasets listed under “Image Classification”:"
    )


@pytest.fixture(scope="module")
def headings_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("headings") / "home", [DATA / "hub_scoped_headings.md"]
    )
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a heading named in full, commas and all, at any depth
        (
            "Which models are in the Small, efficient and OCR-focused section?",
            ["Scan-OCR", "Tiny-VL"],
        ),
        ("list the models under small, efficient and OCR-focused", ["Scan-OCR", "Tiny-VL"]),
        # "Reasoning" and "long context" inside the heading are part of it: no benchmark
        # heading, no context-window condition
        (
            "Which models does the Reasoning, agents and long context group have?",
            ["Agent-VL", "Plan-VL", "Think-VL"],
        ),
        ("Which benchmarks are listed under Reasoning?", ["ChartMind", "LogicBench"]),
        # the heading an entry sits under is its text ("clips" under "Video and time");
        # "Video", a heading of papers, is a word here, not the scope of benchmarks
        ("Which benchmarks evaluate video understanding?", ["ClipQA", "EgoPair"]),
        # a heading beside one that holds benchmarks and holding none is a word
        ("Which benchmarks under Space and egocentric involve video?", ["EgoPair"]),
        (
            "Which papers are listed under Video?",
            ["Long Clip Reasoning for Vision-Language Models"],
        ),
        ("Which models are OCR-focused?", ["Scan-OCR", "Tiny-VL"]),
        # a heading above the entry's own (a card's "#### Folio-VL") is its text too
        ("Which models handle long documents?", ["Folio-VL", "Quire-VL"]),
        ("How many models are listed in the Model cards section?", ["Folio-VL", "Quire-VL"]),
    ],
)
def test_headings_of_several_words_scope_a_list(
    headings_assistant: Assistant, question: str, expected: list[str]
) -> None:
    assert labels(headings_assistant.ask(question)) == sorted(expected)


def test_a_count_over_a_heading_named_in_full(headings_assistant: Assistant) -> None:
    answer = headings_assistant.ask(
        "How many models does the Reasoning, agents and long context group have?"
    )
    assert answer.markdown.startswith(
        "The hub lists **3** models listed under “Reasoning, agents and long context”:"
    )


@pytest.mark.parametrize(
    ("question", "start"),
    [
        # a table's rows give their year in a Date cell
        ("Count the timeline rows released in 2025.", "The hub lists **2** entries"),
        ("How many timeline rows are from before 2025?", "The hub lists **1** entry"),
    ],
)
def test_a_count_of_table_rows_by_the_year_of_their_date_cell(
    headings_assistant: Assistant, question: str, start: str
) -> None:
    assert headings_assistant.ask(question).markdown.startswith(
        start + " listed under “Release timeline” and dated"
    )
