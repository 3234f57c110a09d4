"""Names a list does not hold: a question about one is abstained on even when a listed name
is part of it ("Video-Kite", "Kite 2.5"), unless the list's own text writes it (an entry's
versioned name, a name in an application bullet); listed names are still answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.assistant import Assistant
from search.assistant._base import _model_like, name_pattern
from search.assistant.lookups import _day_of_date
from tests.search.assistant.conftest import DATA, build_home, labels


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home: Path = build_home(
        tmp_path_factory.mktemp("names") / "home", [DATA / "hub_names_absent.md"]
    )
    return Assistant.open(home)


def body(markdown: str) -> str:
    return markdown.split("\n\n**Sources**")[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (  # a listed name inside an unlisted one is not read as the listed row
            "Describe the architecture of Video-Kite.",
            "The hub does not mention **Video-Kite**, so it cannot answer this. "
            "Nearest names it knows: Kite.",
        ),
        (  # a version after a listed name that the text never writes
            "What vision encoder does Kite 2.5 use?",
            "The hub does not mention **Kite 2.5**, so it cannot answer this. "
            "Nearest names it knows: Kite.",
        ),
        (
            "How many parameters does Idefics3-8B have?",
            "The hub does not mention **Idefics3-8B**, so it cannot answer this.",
        ),
    ],
)
def test_absent_name_abstains(names: Assistant, question: str, expected: str) -> None:
    answer = names.ask(question)
    assert (body(answer.markdown), answer.grounded, labels(answer)) == (expected, False, [])


@pytest.mark.parametrize(
    ("question", "expected", "entities"),
    [
        (
            "What vision encoder does Kite use?",
            "The vision encoder of **Kite** is **CLIP**.",
            ["CLIP"],
        ),
        (  # the entry's own text writes "Lumen-1.0": the entry Lumen is meant
            "What vision encoder does Lumen-1.0 use?",
            "The vision encoder of **Lumen** is **SigLIP**.",
            ["SigLIP"],
        ),
        (  # no entry, but an application bullet writes the name: quoted, not abstained
            "How fast is RoadSense's lane detection?",
            "**40ms** — The hub lists no entry for **RoadSense**; its text says: "
            "“RoadSense: 40ms lane detection”",
            [],
        ),
    ],
)
def test_named_in_the_list_is_answered(
    names: Assistant, question: str, expected: str, entities: list[str]
) -> None:
    answer = names.ask(question)
    assert body(answer.markdown).split(" [L")[0] == expected
    assert (answer.grounded, labels(answer)) == (True, entities)


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Video-LLaVA", "we compare with llava and llava-1.5.", False),
        ("LLaVA", "built on video-llava.", False),
        ("LLaVA", "unlike llava-med, llava uses clip.", True),
        ("Eagle 2.5", "eagle-2.5 scales context.", True),
        ("Eagle 2.5", "eagle 2.5x scales context.", False),
        ("Hy-Embodied-VLM-1.0", "**hy-embodied-vlm-1.0** connects hy-vit2", True),
    ],
)
def test_name_pattern(name: str, text: str, found: bool) -> None:
    assert (name_pattern(name).search(text) is not None) == found


@pytest.mark.parametrize(
    ("token", "model_like"),
    [
        ("CogAgent", True),
        ("Hy-Embodied-VLM", True),
        ("Idefics3-8B", True),
        ("VRAM", False),
        ("Google", False),
        ("GPT-4V", True),
    ],
)
def test_model_like(token: str, model_like: bool) -> None:
    assert _model_like(token) == model_like


def test_normalised_value_keeps_the_lists_words(names: Assistant) -> None:
    # the connector is normalised ("ldp projector"); the answer also says how the list writes it
    answer = names.ask("What connector does Lumen use?")
    assert body(answer.markdown) == (
        "The connector of **Lumen** is **ldp projector** "
        "(the list writes “Lightweight Downsample Projector (LDP)”). [L24]"
    )
    assert answer.grounded


def test_a_fact_the_list_does_not_give(names: Assistant) -> None:
    answer = names.ask("What connector does Kite use?")
    assert (
        body(answer.markdown).split("\n\n")[0] == "The hub does not give the connector of **Kite**."
    )
    assert (answer.grounded, labels(answer)) == (False, [])


@pytest.mark.parametrize(
    ("question", "span"),
    [
        # the size of the corpus the question names, not the model's 2B parameters, and
        # not the "12" of "announced on May 12"
        ("How large is the PageSet corpus that Kite is trained on?", "40M"),
        ("How big is the PageSet corpus Kite was trained on?", "40M"),
        # a count is said with the words up to the noun it counts
        ("How many pages does Kite's training corpus hold?", "40M scanned pages"),
    ],
)
def test_size_of_a_corpus_in_a_models_entry(names: Assistant, question: str, span: str) -> None:
    answer = names.ask(question)
    assert body(answer.markdown) == (
        f"**{span}** — The hub's entry on **Kite** says: "
        "“The PageSet corpus holds 40M scanned pages in 9 languages.” [L38]"
    )


def test_model_size_is_still_its_parameters(names: Assistant) -> None:
    answer = names.ask("How large is Kite?")
    assert body(answer.markdown) == "The parameter count of **Kite** is **2B**. [L28-33]"


@pytest.mark.parametrize(
    ("sentence", "span", "day"),
    [
        ("Public weights were announced July 11, two days before the report.", "11", True),
        ("Released on 3rd March 2025.", "3", True),
        ("The corpus holds 11 languages.", "11", False),
        ("Announced July 11 with 113M images.", "113M", False),
    ],
)
def test_day_of_date(sentence: str, span: str, day: bool) -> None:
    assert _day_of_date(sentence, span) == day


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        # a sentence with "developed" that names no one is no organisation
        ("Which lab developed Pika?", "The hub does not give the organisation of **Pika**."),
        # "75%" near "spatiotemporal context" is no context window, "(1)" no count
        (
            "What is the context window of Pika?",
            "The hub does not give the context window of **Pika**.",
        ),
        # "feeds a vision encoder into a small decoder" names no encoder
        (
            "What vision encoder does Pika use?",
            "The hub does not give the vision encoder of **Pika**.",
        ),
    ],
)
def test_a_sentence_that_names_no_value_is_no_answer(
    names: Assistant, question: str, first_line: str
) -> None:
    answer = names.ask(question)
    assert body(answer.markdown).split("\n\n")[0] == first_line
    assert (answer.grounded, labels(answer)) == (False, [])


def test_a_sentence_that_names_the_value_is_quoted(names: Assistant) -> None:
    answer = names.ask("What vision encoder does Wisp use?")
    assert body(answer.markdown) == (
        "**DaViT-L** — The hub's entry on the vision encoder of **Wisp** says: “The image"
        " encoder, powered by DaViT-L weights, feeds its decoder through a token merger.” [L46-48]"
    )
    assert answer.grounded


def test_outperforming_asks_what_it_outperforms(names: Assistant) -> None:
    answer = names.ask("Which agent is Wisp reported outperforming?")
    assert body(answer.markdown) == (
        "The hub's entry on the models it outperforms of **Wisp** says: “On desktop tasks it "
        "beats the earlier Moth-3B agent by nine points.” [L46-48]"
    )


def test_the_naming_sentence_need_not_say_encoder(names: Assistant) -> None:
    # "Pika routes Glint-2 features to ..." answers the question in the words it uses
    answer = names.ask("What vision encoder does Pika route to its small decoder?")
    assert body(answer.markdown).startswith(
        "**Glint-2** — The hub's entry on the vision encoder of **Pika** says: “Pika routes"
        " Glint-2 features to its small decoder.”"
    )


@pytest.mark.parametrize(
    "question", ["Kimi-VL total vs active parameter count?", "total and active params of Kimi-VL?"]
)
def test_total_and_active_asked_together(assistant: Assistant, question: str) -> None:
    # both counts asked: the parameter count with its active part, the total said missing
    answer = assistant.ask(question)
    assert body(answer.markdown) == (
        "The parameter count of **Kimi-VL** is **2.8B** active (no total given). [L19]"
    )


def test_yes_no_comparative_of_two_entries(assistant: Assistant) -> None:
    # "DeepSeek" inside the second name is no backbone to verify: the two entries are compared
    answer = assistant.ask("Is Janus newer than DeepSeek Janus Series?")
    assert body(answer.markdown) == (
        "No. **Janus** and **DeepSeek Janus Series** are level by the list's date — "
        "**Janus**: **2025** [L22]; **DeepSeek Janus Series**: **2025** [L22]."
    )


@pytest.mark.parametrize(
    ("question", "first_line", "second_line"),
    [
        (
            "What vision encoder does CoVLM use?",
            "“CoVLM” is not in the hub; the nearest name is **CogVLM**.",
            "The vision encoder of **CogVLM** is **CLIP ViT-L/14**. [L53]",
        ),
        (
            "Which models use vicunna?",
            "“vicunna” is not in the hub; the nearest name is **Vicuna**.",
            "The hub lists 3 models using Vicuna (or a model of that family) as language backbone:",
        ),
    ],
)
def test_a_name_read_with_a_typo_is_said(
    assistant: Assistant, question: str, first_line: str, second_line: str
) -> None:
    lines = assistant.ask(question).markdown.splitlines()
    assert lines[:3] == [first_line, "", second_line]


@pytest.mark.parametrize(
    "question", ["What vision encoder does CogVLM use?", "What is the language backbone of cogvlm?"]
)
def test_a_name_written_as_listed_is_not_remarked_on(assistant: Assistant, question: str) -> None:
    assert "is not in the hub" not in assistant.ask(question).markdown
