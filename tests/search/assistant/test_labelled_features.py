"""An explanation of a feature the entry writes as a label ("Split Weights: This is the
central idea. Rather than ...") starts at the label and goes on with the sentences after
it (tests/data/hub_writeups_labels.md). Each row: variants that must give the same answer.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def labels(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("labels") / "home", [DATA / "hub_writeups_labels.md"])
    return Assistant.open(home)


def _quoted(assistant: Assistant, question: str) -> str:
    body = assistant.ask(question).markdown.split("**Sources**")[0]
    return body.split("says:", 1)[-1]


@pytest.mark.parametrize(
    "question",
    [
        "explain Heron-X's split-weights design",
        "Explain the Split Weights idea of Heron X",
        "how does heron-x's split weights design work?",
        "explain heronx's split weights design",  # a typo in the name
        "Heron-X: explain its split weights",
    ],
)
def test_an_asked_label_starts_the_explanation(labels: Assistant, question: str) -> None:
    quoted = _quoted(labels, question)
    assert quoted.lstrip().startswith("“Split Weights: This is the central idea.”"), quoted
    # the sentences after the label explain it, within the answer's words
    assert "modality-specific projections" in quoted, quoted
    assert "RMSNorm" in quoted, quoted
    # not the lead-in to the labels, nor the next label's explanation
    assert "Its main features are" not in quoted, quoted
    assert "Patch Stem" not in quoted, quoted


@pytest.mark.parametrize(
    "question",
    [
        "how is the patch stem of Heron-X trained?",
        "explain Heron-X's patch stem",
    ],
)
def test_another_label_starts_its_own_explanation(labels: Assistant, question: str) -> None:
    quoted = _quoted(labels, question)
    assert quoted.lstrip().startswith("“Patch Stem: A two-layer convolution"), quoted
    assert "trained from scratch" in quoted, quoted


@pytest.mark.parametrize(
    "question",
    [
        "what hardware / how many GPUs was Egret trained on?",
        "How many GPUs or what hardware was egret trained on",
    ],
)
def test_two_wh_phrases_of_one_verb_are_no_training_data(labels: Assistant, question: str) -> None:
    # Egret's entry names its training pairs, not its hardware
    answer = labels.ask(question)
    assert not answer.entities, answer.markdown
    assert "12M image-text pairs" not in answer.markdown, answer.markdown


@pytest.mark.parametrize(
    "question",
    [
        "How does Ibis condition its language model on visual inputs?",
        "how does ibis condition the LLM on images",
    ],
)
def test_the_entrys_own_name_is_no_label_asked(labels: Assistant, question: str) -> None:
    # "Ibis: Represents a new approach ..." opens the entry; the question's name is no label
    quoted = _quoted(labels, question)
    assert "gated cross-attention layers" in quoted, quoted
    assert not quoted.lstrip().startswith("“Ibis: Represents"), quoted


@pytest.mark.parametrize(
    "question",
    [
        "what size are Stork's Mini configurations?",
        "stork mini vs max: what size class of components does each configuration combine?",
        "Which size class do Stork's Max configurations combine",
    ],
)
def test_a_size_no_sentence_calls_parameters_is_quoted(labels: Assistant, question: str) -> None:
    # "2B-class components" states a size without the word "parameters"
    answer = labels.ask(question)
    body = answer.markdown.split("**Sources**")[0]
    assert "Mini configurations combine 2B-class components" in body, body
    assert "does not give" not in body, body
