"""One-entity answers on a model table: the value with its line, the list's own words,
"undisclosed" where the list says so, dates, and comparisons that name the winner."""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.comparing import comparative
from search.assistant.lookups import spelled_date
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("survey") / "home", [DATA / "model_table_survey.md"])
    return Assistant.open(home)


def body(markdown: str) -> str:
    return markdown.split("\n\n**Sources**")[0]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "How many parameters does Wren-Omni have?",
            "The list says the parameter count of **Wren-Omni** is **undisclosed**. [L11]",
        ),
        (
            "What training data does Tern-Mini use?",  # an "N/A" cell
            "The list says the training data of **Tern-Mini** is **undisclosed**. [L13]",
        ),
        (
            "What vision encoder does Kestrel K3 use?",
            "The list gives the vision encoder of **Kestrel K3** as "
            "**Native (encoder-integrated)**. [L9]",
        ),
        (
            "What vision encoder does Gannet-VL use?",
            "The vision encoder of **Gannet-VL** is **ViT** (the list writes “redesigned ViT”). "
            "[L14]",
        ),
        (
            "What vision encoder does Skua-R1 use?",
            "The vision encoders of **Skua-R1** are **SAMB** and **SigLIP**. [L16]",
        ),
        (
            "How many parameters does Skua-R1 have?",  # a factor, never multiplied out
            "The list gives the parameter count of **Skua-R1** as **4.5B x 74**, a size times "
            "a count; it states no total. [L16]",
        ),
        (
            "How big is Petrel?",
            "The parameter count of **Petrel** is **109B total, 17B active**. [L15]",
        ),
        (
            "When was Kestrel K3 released?",
            "The date of **Kestrel K3** is **July 17, 2026** (2026-07-17). [L9]",
        ),
        ("What year was Kestrel K3 released?", "The year of **Kestrel K3** is **2026**. [L9]"),
        ("Who made Gannet-VL?", "The organisation of **Gannet-VL** is **Alibaba**. [L14]"),
    ],
)
def test_value_with_its_line(survey: Assistant, question: str, expected: str) -> None:
    answer = survey.ask(question)
    assert body(answer.markdown) == expected
    assert len(body(answer.markdown).split()) <= 120


def test_a_cell_of_dashes_states_nothing(survey: Assistant) -> None:
    answer = survey.ask("What training data does Skua-R1 use?")
    assert answer.grounded is False
    assert answer.markdown.startswith("The hub does not give the training data of **Skua-R1**.")


@pytest.mark.parametrize(
    ("question", "expected", "winner"),
    [
        (
            "Petrel vs Booby-2: which is bigger?",
            "**Booby-2** is bigger — **Petrel**: **109B total, 17B active** [L15]; "
            "**Booby-2**: **424B total, 47B active** [L24].",
            ["Booby-2"],
        ),
        (
            "Which is larger, Murre or Gull-Tiny?",
            "**Murre** is bigger — **Murre**: **3B** [L18]; **Gull-Tiny**: **500M** [L22].",
            ["Murre"],
        ),
        (
            "Is Petrel newer than Booby-2?",
            "Yes. **Petrel** is newer — **Petrel**: **2025-07-04** [L15]; "
            "**Booby-2**: **2023-12-01** [L24].",
            ["Petrel"],
        ),
        (
            "Is Booby-2 newer than Petrel?",
            "No. **Petrel** is newer — **Booby-2**: **2023-12-01** [L24]; "
            "**Petrel**: **2025-07-04** [L15].",
            ["Petrel"],
        ),
        (
            "Which has more parameters, Tern-Mini or Murre?",
            "**Tern-Mini** is bigger — **Tern-Mini**: **1B/4B (largest 4B)** [L13]; "
            "**Murre**: **3B** [L18].",
            ["Tern-Mini"],
        ),
        (
            "Which of Petrel, Murre and Gull-Tiny is the largest?",
            "**Petrel** is the biggest — **Petrel**: **109B total, 17B active** [L15]; "
            "**Murre**: **3B** [L18]; **Gull-Tiny**: **500M** [L22].",
            ["Petrel"],
        ),
        (
            "Wren-Omni or Murre: which is smaller?",
            "The list does not state a parameter count for each of them, so it cannot say "
            "which is smaller. **Wren-Omni**: **undisclosed** [L11]; **Murre**: **3B** [L18].",
            [],
        ),
        (
            "Skua-R1 vs Murre, which is bigger?",  # "4.5B x 74" is no total: never multiplied
            "The list does not state a parameter count for each of them, so it cannot say "
            "which is bigger. **Skua-R1**: **only “4.5B x 74”, no total** [L16]; "
            "**Murre**: **3B** [L18].",
            [],
        ),
    ],
)
def test_comparatives_name_the_winner(
    survey: Assistant, question: str, expected: str, winner: list[str]
) -> None:
    answer = survey.ask(question)
    assert body(answer.markdown) == expected
    assert [e.label for e in answer.entities] == winner


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("X vs Y: which is bigger?", ("parameters", "more")),
        ("which one came out earlier, X or Y", ("date", "less")),
        ("which has the longer context window", ("context_window", "more")),
        ("which has fewer parameters", ("parameters", "less")),
        ("compare X and Y", None),
        ("which has the larger vision encoder, X or Y?", None),  # not the model's size
        ("which scores higher, X or Y", None),
    ],
)
def test_comparative_words(question: str, expected: tuple[str, str] | None) -> None:
    found = comparative(question)
    assert ((found.measure, found.order) if found else None) == expected


@pytest.mark.parametrize(
    ("iso", "spelled"),
    [("2026-07-17", "July 17, 2026"), ("2025-03", "March 2025"), ("2025", "2025")],
)
def test_spelled_date(iso: str, spelled: str) -> None:
    assert spelled_date(iso) == spelled


@pytest.fixture(scope="module")
def drift(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("drift") / "home", [DATA / "hub_drift_2026.md"])
    return Assistant.open(home)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "how many parameters does Kestrel Omni have?",  # the prose runs into "48B active"
            "The parameter count of **Kestrel Omni** is **1.2T** with **48B** active. [L11]",
        ),
        (
            "what data was Heron-VL 4 trained on?",  # said in the paragraph after its own
            "The training data of **Heron-VL 4** are **COYO-700M** and **LAION-5B**. [L15]",
        ),
        (
            "when was Gannet-Think released?",
            "The date of **Gannet-Think** is **August 11, 2025** (2025-08-11). [L25-30]",
        ),
        (
            "who made Frigate?",
            "The list says the organisation of **Frigate** is **undisclosed**. [L42]",
        ),
        (
            "who developed Skua Edge?",
            "The organisation of **Skua Edge** is **Acme Research**. [L31-34]",
        ),
        (
            "Kestrel Omni vs Heron-VL 4: which is bigger?",
            "**Kestrel Omni** is bigger — **Kestrel Omni**: **1.2T (48B active)** [L11]; "
            "**Heron-VL 4**: **78B** [L13].",
        ),
    ],
)
def test_drifted_hub_lookups(drift: Assistant, question: str, expected: str) -> None:
    assert body(drift.ask(question).markdown) == expected


@pytest.mark.parametrize(
    ("phrasings", "expected"),
    [
        (
            [
                "How many parameters does Petrel have?",
                "params of Petrel?",
                "how large is petrel",
                "what is the size of Petrel?",
                "could you tell me how many parameters Petrel has?",
            ],
            "The parameter count of **Petrel** is **109B total, 17B active**. [L15]",
        ),
        (
            [
                "What vision encoder does Murre use?",
                "what vision encoder is used by murre",
                "Which encoder does Murre rely on?",
                "murre: vision encoder?",
            ],
            "The vision encoder of **Murre** is **AIMv2**. [L18]",
        ),
        (
            [
                "When was Kestrel K3 released?",
                "when did Kestrel K3 come out?",
                "release date of kestrel k3",
            ],
            "The date of **Kestrel K3** is **July 17, 2026** (2026-07-17). [L9]",
        ),
        (
            ["which LLM does Wren-Omni use?", "What language backbone does Wren-Omni use?"],
            "The list says the language backbone of **Wren-Omni** is **undisclosed**. [L11]",
        ),
    ],
)
def test_paraphrases_give_the_same_answer(
    survey: Assistant, phrasings: list[str], expected: str
) -> None:
    assert [body(survey.ask(q).markdown) for q in phrasings] == [expected] * len(phrasings)


def test_an_active_count_alone_is_no_total(assistant: Assistant) -> None:
    answer = assistant.ask("How many parameters does Kimi-VL have?")
    assert body(answer.markdown) == (
        "The parameter count of **Kimi-VL** is **2.8B** active (no total given). [L19]"
    )


def test_a_written_stretch_across_brackets_is_not_the_wording(assistant: Assistant) -> None:
    # the entry reads "available in Janus-Pro (7B and 1B), Janus (1.3B), and JanusFlow (1.3B)"
    answer = assistant.ask("How many parameters does DeepSeek Janus Series have?")
    assert (
        body(answer.markdown)
        == "The parameter count of **DeepSeek Janus Series** is **1B, 1.3B, 7B**. [L22]"
    )
