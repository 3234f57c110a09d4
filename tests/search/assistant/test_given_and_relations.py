"""Lookups over write-ups (tests/data/hub_writeups_given.md) where the question names one
value as known ("pairs SigLIP with what video encoder", "besides SigLIP"), asks which
entries a named entry outperforms (the entry is the relation's subject, in either word
order), or describes the entry in passing ("the Robin mixture-of-encoders
model", "Robin (Acme Research)"). Each row: variants that must give the same answer.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant._text import tokens
from search.assistant.understand import understand

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def given_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("given") / "home", [DATA / "hub_writeups_given.md"])
    return Assistant.open(home)


def _first_line(assistant: Assistant, question: str) -> str:
    return assistant.ask(question).markdown.split("\n")[0]


@pytest.mark.parametrize(
    "question",
    [
        "Finch pairs a SigLIP image encoder with what video encoder?",
        "finch pairs siglip with which other encoder",
        "Besides SigLIP, which vision encoder does Finch use?",
        "Apart from SigLIP, what visual encoder does Finch rely on?",
        "finch combines a siglip image encoder and what video encoder?",
    ],
)
def test_a_value_the_question_names_is_not_the_answer(
    given_assistant: Assistant, question: str
) -> None:
    first = _first_line(given_assistant, question)
    assert first.startswith("**VidTok-2"), first


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("Which models does Robin outperform?", "Finch", "Wagtail"),
        ("Robin is said to outperform which models?", "Finch", "Wagtail"),
        ("which models does robin beat", "Finch", "Wagtail"),
        ("Which models outperform Robin?", "Wagtail", "Finch"),
        ("which models surpass robin", "Wagtail", "Finch"),
        # the models Finch outperforms are not listed entries: its sentence answers
        ("Finch is said to outperform which models?", "Gemini 1.5 Pro", "Robin"),
        ("Which models does Finch outperform?", "Gemini 1.5 Pro", "Robin"),
    ],
)
def test_the_named_entry_is_the_relations_subject_in_either_order(
    given_assistant: Assistant, question: str, expected: str, absent: str
) -> None:
    markdown = given_assistant.ask(question).markdown
    answer = markdown.split("**Sources**")[0]
    assert expected in answer and absent not in answer, markdown[:300]


@pytest.mark.parametrize(
    "question",
    [
        "Which LLM backbone does the Robin mixture-of-encoders model use?",
        "which llm backbone does robin use",
        "What language model does the Robin two-encoder model build on?",
        # a parenthetical naming nothing the list knows: who made it, said in passing
        "I'm reading about Robin (DeepSense Labs) - which language model was it built on?",
        "which language model does robin (by OpenMind) use",
    ],
)
def test_a_description_beside_the_name_asks_nothing(
    given_assistant: Assistant, question: str
) -> None:
    first = _first_line(given_assistant, question)
    assert "**Vicuna-13B**" in first and "**Robin**" in first, first


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which write-ups mention a Perceiver resampler?", ["Finch"]),
        ("which writeups describe a perceiver resampler", ["Finch"]),
        ("Which entries talk about preference tuning?", ["Finch"]),
        ("which write-ups mention chart reading?", ["Wagtail"]),
        # a name the graph lacks is looked up in the entries' words as before
        ("Which writeups project features with an MLP?", ["Robin", "Wagtail"]),
    ],
)
def test_entries_of_any_class_by_their_words(
    given_assistant: Assistant, question: str, expected: list[str]
) -> None:
    answer = given_assistant.ask(question)
    assert sorted(e.label for e in answer.entities) == expected, answer.markdown[:300]


@pytest.mark.parametrize(
    "question",
    [
        "How are Finch's image and video features combined, given that it has two vision encoders?",
        "given that it has two vision encoders, how are Finch's image and video features combined?",
        "how are finch's image and video features combined, considering that it has 2 encoders",
        "How are Finch's image and video features combined?",
    ],
)
def test_a_background_clause_asks_nothing(given_assistant: Assistant, question: str) -> None:
    # the clause's "vision encoders" is the asker's background, not the attribute asked
    first = _first_line(given_assistant, question)
    assert "concatenated" in first and not first.startswith("The vision encoder"), first


@pytest.mark.parametrize(
    "question",
    [
        "Compare Heron 2 Lite and Max in parameters.",
        "How do Heron 2 Lite and Max differ in parameter count?",
        "compare the sizes of Heron 2 Lite and Heron 2 Max",
    ],
)
def test_an_entry_named_for_two_models_compares_them(
    given_assistant: Assistant, question: str
) -> None:
    # the heading "Heron 2 Lite and Max" is one entry; set side by side, its two models
    markdown = given_assistant.ask(question).markdown
    assert "| Heron 2 Lite | Heron 2 Max |" in markdown, markdown[:300]
    assert "| 3B | 40B |" in markdown, markdown[:400]


@pytest.mark.parametrize(
    "question",
    [
        "How does Robin-S's connection of image tokens to the LLM differ from Robin-L's?",
        "how does robin-s's connection of image tokens to the llm differ from robin-l's",
        "How does Robin-L's connection of image tokens to the LLM differ from Robin-S's?",
    ],
)
def test_two_names_without_entries_are_quoted_each(
    given_assistant: Assistant, question: str
) -> None:
    # variants the list names only in a write-up's prose: the sentence of each is quoted,
    # not one sentence naming them all
    first = _first_line(given_assistant, question)
    assert "single linear layer" in first and "gated cross-attention" in first, first


@pytest.fixture(scope="module")
def papers_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("abbrev") / "home", [DATA / "hub_papers_abbreviations.md"]
    )
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which recent papers use RL?", ["GRPO Without Tears", "ToolPicker"]),
        ("which recent papers use reinforcement learning", ["GRPO Without Tears", "ToolPicker"]),
        ("Which recent papers are about RL?", ["GRPO Without Tears", "ToolPicker"]),
        ("Which recent papers are about RAG?", ["Retrieval"]),
        ("Which recent papers are about SFT?", ["Instruction"]),
    ],
)
def test_an_abbreviation_is_its_words(
    papers_assistant: Assistant, question: str, expected: list[str]
) -> None:
    # "RL" is no name the list lacks: the list writes it out
    answer = papers_assistant.ask(question)
    found = sorted(e.label for e in answer.entities)
    assert len(found) == len(expected), answer.markdown[:300]
    assert all(label.startswith(start) for label, start in zip(found, expected, strict=True)), found


@pytest.mark.parametrize(
    "question",
    [
        "How does Heron 2 Max's DeepMerge feed visual features into the language model?",
        "How does the DeepMerge mechanism of Heron 2 Max feed visual features into the LLM?",
        "how does heron 2 max's deepmerge feed visual features into the language model",
    ],
)
def test_a_how_question_without_a_stated_value_quotes_the_mechanism(
    given_assistant: Assistant, question: str
) -> None:
    # no connector is named, but the sentence says how: an explanation, not an abstention
    first = _first_line(given_assistant, question)
    assert "injects features from several encoder depths" in first, first


@pytest.fixture(scope="module")
def topic_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("topic") / "home", [DATA / "hub_topic_and_code.md"])
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("What noise multiplier is used in the DP-SGD example for medical VLMs?", "1.3"),
        ("for medical VLMs, which noise multiplier does the DP-SGD code set?", "1.3"),
        ("What l2 norm clip does the DP-SGD example for medical VLMs use?", "0.7"),
        # the topic's own words still answer what they say
        ("What are the challenges of medical VLMs?", "HIPAA"),
    ],
)
def test_the_passage_with_the_questions_words_over_the_topics(
    topic_assistant: Assistant, question: str, span: str
) -> None:
    answer = topic_assistant.ask(question).markdown.split("**Sources**")[0]
    assert span in answer, answer[:400]


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How does Robin fuse vision and language features?", False),
        ("Which models use Vicuna as their language backbone(s)?", False),
        ("What are the main trends in vision-language architectures?", False),
        ("Which languages does Robin support?", True),
        ("what language does robin support", True),
        ("Is Robin multilingual?", True),
    ],
)
def test_a_plural_phrase_written_singular_before_a_noun_is_a_modifier(
    given_assistant: Assistant, question: str, asked: bool
) -> None:
    names = [a.name for a in understand(question, given_assistant.lexicon).attributes]
    assert ("languages" in names) is asked, names


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("its language backbone(s)?", ["its", "language", "backbones"]),
        ("which box(es) and model(s)", ["which", "boxes", "and", "models"]),
        ("Vicuna (or LLaMA)", ["Vicuna", "or", "LLaMA"]),
    ],
)
def test_a_plural_in_parentheses_is_one_word(question: str, expected: list[str]) -> None:
    assert tokens(question) == expected


def test_a_parenthesised_plural_still_names_the_attribute(given_assistant: Assistant) -> None:
    names = [
        a.name
        for a in understand(
            "list every model that uses Vicuna as (one of) its language backbone(s)",
            given_assistant.lexicon,
        ).attributes
    ]
    assert names[:1] == ["language_backbone"], names
