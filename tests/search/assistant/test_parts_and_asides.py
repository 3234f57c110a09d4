"""Questions whose wording once sent the parser the wrong way, over two small fixtures:
write-ups (tests/data/hub_writeups_parts.md) and a hub with datasets, a research direction
and recent papers (tests/data/hub_asides_facets.md). Each row: variants that must give the
same answer.
"""

from __future__ import annotations

import pytest

from search.assistant import Assistant

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("parts") / "home", [DATA / "hub_writeups_parts.md"])
    return Assistant.open(home)


@pytest.fixture(scope="module")
def asides(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("asides") / "home", [DATA / "hub_asides_facets.md"])
    return Assistant.open(home)


def _body(assistant: Assistant, question: str) -> str:
    return assistant.ask(question).markdown.split("**Sources**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "what datasets was Plover trained on?",
        "Which datasets was plover trained on",
        "what datasets was Plovr trained on?",
    ],
)
def test_a_list_answered_by_an_entrys_values_names_them_as_its_answer_set(
    parts: Assistant, question: str
) -> None:
    # the values are names the list writes, no entities of their own
    answer = parts.ask(question)
    assert sorted(e.label for e in answer.entities) == ["CC3M", "SBU", "WebVid"]
    assert {e.type for e in answer.entities} == {"Value"}


@pytest.mark.parametrize(
    "question",
    [
        "what hardware was Plover trained on?",
        "what hardware was Plovr trained on?",
        "which hardware was plover trained on",
        "what hardware / how many GPUs was Plover trained on?",
        "how many GPUs or what hardware was plover trained on",
    ],
)
def test_a_wh_noun_the_vocabulary_does_not_know_is_asked_over_the_verbs_phrase(
    parts: Assistant, question: str
) -> None:
    # "trained on" is the verb here, not a question for the training data
    body = _body(parts, question)
    first_quote = body.split("says:", 1)[-1].split("”")[0]
    assert "256 NVIDIA H100 GPUs" in first_quote, body
    assert "The training data" not in body, body


@pytest.mark.parametrize(
    "question",
    [
        "which detection network does Plover plug in alongside its CLIP image encoder?",
        "Which detection network does plover use together with its CLIP image encoder?",
        "what detection network does Plover add, in addition to its CLIP image encoder?",
    ],
)
def test_a_part_named_as_known_after_its_possessive_asks_nothing(
    parts: Assistant, question: str
) -> None:
    body = _body(parts, question)
    assert "YOLOX detection network" in body, body
    assert "vision encoder of **CLIP**" not in body, body


@pytest.mark.parametrize(
    "question",
    [
        "how many visual tokens does a 448x448 tile end up with in Plover?",
        "In Plover, how many image tokens per 448x448 tile are left after pixel unshuffle?",
        "how many vision tokens does plover keep per tile",
    ],
)
def test_visual_tokens_are_no_context_window(parts: Assistant, question: str) -> None:
    body = _body(parts, question)
    assert "1024 to 256" in body, body
    assert "context window" not in body, body


@pytest.mark.parametrize(
    "question",
    [
        "Which specialist backbones are combined to build Sandpiper-Omni?",
        "which specialist backbones does sandpiper-omni combine",
    ],
)
def test_a_list_answered_by_a_quote_names_the_asked_class_in_it(
    parts: Assistant, question: str
) -> None:
    answer = parts.ask(question)
    labels = {e.label for e in answer.entities}
    assert "Qwen3-ASR" in labels, answer.markdown
    assert "Sandpiper-Omni" not in labels
    # the summary and the body write the sentence twice: it is quoted once
    assert answer.markdown.count("aligning all three modalities") == 1, answer.markdown


@pytest.mark.parametrize(
    "question",
    [
        "I'm working on fairness - which datasets does the hub list for studying bias?",
        "which datasets does the hub list for studying bias?",
        "we're auditing models — which datasets are listed for studying bias?",
    ],
)
def test_an_aside_before_a_dash_asks_nothing(asides: Assistant, question: str) -> None:
    answer = asides.ask(question)
    assert sorted(e.label for e in answer.entities) == ["FairFaces-Demo", "StereoSet-Demo"]


@pytest.mark.parametrize(
    ("question", "facets"),
    [
        (
            "I'd like an overview of what makes multimodal alignment and fusion hard",
            ["Key Challenges"],
        ),
        ("what makes multimodal alignment and fusion difficult?", ["Key Challenges"]),
        (
            "what makes multimodal alignment and fusion hard, and what remains open there?",
            ["Key Challenges", "Open Problems"],
        ),
        ("what are the open problems of multimodal alignment and fusion?", ["Open Problems"]),
    ],
)
def test_a_facet_is_asked_in_its_own_words_or_its_synonyms(
    asides: Assistant, question: str, facets: list[str]
) -> None:
    body = _body(asides, question)
    shown = [f for f in ("Key Challenges", "Open Problems") if f"— {f}" in body]
    assert shown == facets, body


@pytest.mark.parametrize(
    "question",
    [
        'how many titles carry an "-R1" style name?',
        'How many recent papers have "-R1" in the title?',
        'how many titles carry an "-R1" style name (like Surgery-R1 or VLN-R1)?',
    ],
)
def test_titles_are_papers(asides: Assistant, question: str) -> None:
    assert _body(asides, question).startswith("The hub lists **3** papers"), question


@pytest.mark.parametrize(
    "question",
    [
        "I'm reading about Plover - which detection network does it plug in?",
        "I'm reading about Plover. Which detection network does it plug in?",
    ],
)
def test_an_aside_naming_what_the_question_refers_back_to_stays(
    parts: Assistant, question: str
) -> None:
    assert "YOLOX detection network" in _body(parts, question), question


@pytest.mark.parametrize(
    "question",
    [
        "How does the hub suggest fusing vision and language features - what's the mechanism"
        " in the alignment & fusion code example?",
        "what does the code example in the alignment and fusion section do?",
        "what's the mechanism in the alignment & fusion code example?",
    ],
)
def test_a_heading_the_question_scopes_to_answers_an_open_question(
    asides: Assistant, question: str
) -> None:
    body = _body(asides, question)
    assert "gated attention" in body, body
    assert "Contributing" not in body, body


@pytest.mark.parametrize(
    "question",
    [
        "In Plover, what is added to mark rows of patch tokens when the tile layout varies?",
        "what does plover add to mark rows of patch tokens?",
    ],
)
def test_rows_of_something_ask_for_no_table_row(parts: Assistant, question: str) -> None:
    # Plover has a timeline row too; no column of it is asked
    body = _body(parts, question)
    assert "newline token" in body, body


@pytest.mark.parametrize(
    "question",
    [
        "what's the name of the RL framework for picking visual tools that appears among the"
        " recent papers?",
        "which recent paper proposes an RL framework for selecting visual tools?",
    ],
)
def test_a_class_noun_in_a_purpose_phrase_is_not_the_class_asked(
    asides: Assistant, question: str
) -> None:
    answer = asides.ask(question)
    assert [e.label for e in answer.entities] == [
        "PickerAgent (PiA): A Reinforcement Learning Framework for Visual Tool Selection"
    ], answer.markdown
    assert "is not in the hub" not in answer.markdown  # "recent paper" is no misspelling


@pytest.mark.parametrize(
    "question",
    [
        "How many of the recent 2025 papers are about driving?",
        "how many recent papers are about autonomous driving?",
        "How many papers in the recent papers list are about driving / autonomous driving?",
    ],
)
def test_driving_is_no_vehicle(asides: Assistant, question: str) -> None:
    # "Point Cloud Vehicle Classification" is not about driving
    assert _body(asides, question).startswith("The hub lists **2** papers"), question


@pytest.mark.parametrize(
    "question",
    [
        "In Wren, how many frames do the slow and the fast pathways process?",
        "how many frames do wren's slow and fast pathways each process",
        "How many frames does the Fast pathway of Wren process, and the Slow one?",
    ],
)
def test_a_count_is_quoted_from_the_sentences_that_state_one(
    parts: Assistant, question: str
) -> None:
    body = _body(parts, question)
    assert "64 frames" in body and "8 frames" in body, body
    assert "separate pathways" not in body, body  # names both, states no count


@pytest.mark.parametrize(
    "question",
    ["how many GPUs was Plover trained on?", "How many GPUs was plover trained on"],
)
def test_a_count_of_an_unknown_noun_is_no_training_data(parts: Assistant, question: str) -> None:
    body = _body(parts, question)
    assert body.startswith("**256 NVIDIA H100 GPUs**"), body


@pytest.mark.parametrize(
    "question",
    [
        "How many GPU hours did Kite's training take?",
        "how many gpu hours was kite trained for",
        # two wh-phrases of one verb: neither is the training data "trained on" asks
        "what hardware / how many GPUs was Kite trained on?",
        "how many GPUs or what hardware was kite trained on",
    ],
)
def test_a_count_no_sentence_states_is_not_given(parts: Assistant, question: str) -> None:
    answer = parts.ask(question)
    assert not answer.grounded and not answer.entities, answer.markdown
