"""Questions over a reading list whose model headings state their lab and year
(tests/data/notes_headings.md). Each group: variants (paraphrase, reordered, lower case, a
typo) that must give the same answer set."""

from __future__ import annotations

import pytest

from search.assistant import Assistant

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("notes") / "home", [DATA / "notes_headings.md"])
    return Assistant.open(home)


def _labels(assistant: Assistant, question: str) -> list[str]:
    return sorted(e.label for e in assistant.ask(question).entities)


def _body(assistant: Assistant, question: str) -> str:
    return assistant.ask(question).markdown.split("**Sources**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "which models are from 2025?",
        "Which of the models are 2025 releases",
        "models released in 2025",
    ],
)
def test_the_year_a_heading_states_dates_its_model(notes: Assistant, question: str) -> None:
    assert _labels(notes, question) == ["Bramble", "Sedge", "Thistle and Thistle-Omni"]


@pytest.mark.parametrize(
    "question",
    [
        "which models come from Demo Lab?",
        "demo lab models",
        "Which models are by Demo Lab",
        "What did Demo Lab release?",  # no class noun: what an organisation made
        "what did demo lab put out",
    ],
)
def test_the_organisation_a_heading_states(notes: Assistant, question: str) -> None:
    assert _labels(notes, question) == ["Quill", "Reed", "Sedge"]


@pytest.mark.parametrize(
    "question",
    [
        "what special token does Bramble use?",
        "In Bramble, what is the special token whose hidden state prompts the decoder?",
        "which special token does bramble rely on",
    ],
)
def test_a_special_token_is_no_context_window(notes: Assistant, question: str) -> None:
    body = _body(notes, question)
    assert "[MASK]" in body.replace("\\", ""), body
    assert "context window" not in body, body


@pytest.mark.parametrize(
    "question",
    [
        "Leaving Larkspur's own entry aside, which models use a Qwen language model?",
        "setting aside Larkspur, which models use a Qwen LLM?",
        "which models use a Qwen language model, apart from Larkspur",
    ],
)
def test_a_name_set_aside_leaves_the_answer(notes: Assistant, question: str) -> None:
    assert _labels(notes, question) == ["Thistle and Thistle-Omni"]


@pytest.mark.parametrize(
    "question",
    [
        "which language-model family turns up most often as the backbone?",
        "Which LLM family crops up most often as a backbone?",
        "which language model family is most common",
    ],
)
def test_the_most_common_backbone_family(notes: Assistant, question: str) -> None:
    answer = notes.ask(question)
    assert [e.label for e in answer.entities] == ["Qwen"], answer.markdown


@pytest.mark.parametrize(
    "question",
    [
        "Across the whole list, which models use Mistral-7B? Please be exhaustive.",
        "which models use mistral-7b",
    ],
)
def test_scaffolding_words_are_no_condition(notes: Assistant, question: str) -> None:
    assert _labels(notes, question) == ["Bramble"]


@pytest.mark.parametrize(
    "question",
    [
        "from what minimum to what maximum resolution does Larkspur go?",
        "From what minimum to what maximum resolution does larkspur go",
    ],
)
def test_a_range_asked_is_the_sentence_stating_one(notes: Assistant, question: str) -> None:
    body = _body(notes, question)
    assert "from 336 pixels up to 4K" in body, body
