"""The same engine on other hub layouts: one table per year, and free-form bullets."""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from search.assistant.compose import tokens_text
from search.assistant.conditions import stem
from search.assistant.extract import number_span
from tests.search.assistant.conftest import labels


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What vision encoder does Emu3 use?", "**MoVQGAN**"),
        ("Which language backbone does NVLM use?", "**Qwen-2-Instruct**"),
        ("How many parameters does PaLM-E have?", "**562B**"),
        ("What license does ALIGN have?", "**Proprietary**"),
        ("Which model tops ScienceQA?", "Top Model: **Emu3**"),
        ("How much VRAM does LayerDrop need?", "VRAM: **9GB**"),
    ],
)
def test_table_hub_lookups(tables_assistant: Assistant, question: str, expected: str) -> None:
    answer = tables_assistant.ask(question)
    assert expected in answer.markdown
    assert answer.citations[0].source.startswith("hub_2025-03-16_tables.md#L")


def test_table_hub_lists(tables_assistant: Assistant) -> None:
    assert labels(tables_assistant.ask("Which models use Vicuna as language backbone?")) == [
        "CogVLM",
        "InstructBLIP",
        "LLaVA-1.5",
    ]
    assert labels(tables_assistant.ask("Which 2024 models are decoder-only?")) == [
        "Baichuan Ocean Mini",
        "DeepSeek-VL2",
        "Emu3",
        "LLaMA 3.2-vision",
        "Pixtral",
        "Qwen2-VL",
    ]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What language backbone does MiniCPM-V 4 use?", "**Qwen-3-8B**"),
        ("Which vision encoder does GLM-4.1V-Thinking use?", "**AIMv2-Huge**"),
        ("What is GLM-4.1V-Thinking based on?", "**CogVLM2**"),
        ("How many parameters does LLaVA-OneVision have?", "**0.5B/7B/72B**"),
        ("How many active parameters does Aria have?", "**3.9B**"),
        ("Who developed Phi-3.5-Vision?", "**Microsoft**"),
    ],
)
def test_freeform_hub_lookups(freeform_assistant: Assistant, question: str, expected: str) -> None:
    assert expected in freeform_assistant.ask(question).markdown


def test_freeform_hub_lists_and_abstains(freeform_assistant: Assistant) -> None:
    assert labels(freeform_assistant.ask("Which models use a Qwen-family backbone?")) == [
        "LLaVA-OneVision",
        "MiniCPM-V 4",
    ]
    assert labels(freeform_assistant.ask("Which models use a SigLIP vision encoder?")) == [
        "Idefics3",
        "MiniCPM-V 4",
    ]
    silent = freeform_assistant.ask("What vision encoder does Aria use?")
    assert silent.grounded is False and silent.entities == ()


def test_writeup_facts_the_graph_holds(writeups_assistant: Assistant) -> None:
    ask = writeups_assistant.ask
    # spelled-out numbers read as quantities; "context" names the context window
    assert labels(ask("which models can handle a context of two million tokens or more?")) == [
        "Orca-VL"
    ]
    assert labels(ask("Which models support a context of at least fifty thousand tokens?")) == [
        "Orca-VL"
    ]
    assert labels(ask("which models take a context of 32k tokens or more?")) == [
        "Finch-VL",
        "Orca-VL",
    ]
    # "built on top of" asks for vlm:basedOn, from the models to the named one
    assert labels(ask("Which models are built on top of Orca-VL?")) == ["Finch-VL", "Wren-VL"]
    # every stated size, asked as "model sizes"
    sizes = ask("What model sizes does Falconet come in?").markdown
    assert "300M" in sizes and "600M" in sizes
    # the datasets of the subject (subject -> values), a member reading its entry's facts
    for question in (
        "Which datasets was Heron trained on?",
        "What are the fine-tuning sources of Heron?",
    ):
        answer = ask(question).markdown
        expected = ["HeronData-Alpha", "HeronData-Beta", "HeronData-Gamma"]
        assert [d for d in expected if d in answer] == expected, question
    # the member's values are its entry's, said as the entry's; a count question counts them
    counted = ask("How many datasets was Heron fine-tuned on?").markdown
    assert counted.startswith("**3** — The training data of **Heron and HeronData** are ")


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (32_768, "32,768 tokens"),
        (128_000, "128,000 tokens (128k)"),
        (1_000_000, "1,000,000 tokens (1M)"),
        (10_000_000, "10,000,000 tokens (10M)"),
        (512, "512 tokens"),
    ],
)
def test_tokens_text(count: int, text: str) -> None:
    assert tokens_text(count) == text


def test_compare_states_context_windows_as_tokens(writeups_assistant: Assistant) -> None:
    answer = writeups_assistant.ask("How do Orca-VL and Finch-VL differ in context length?")
    rows = [line for line in answer.markdown.splitlines() if line.startswith("| context window")]
    assert rows == ["| context window | 2,097,152 tokens | 32,768 tokens |"]


@pytest.mark.parametrize(
    ("sentence", "asked", "span"),
    [
        ("GLaMM comprises five essential components: an encoder, ...", "components", "five"),
        ("It has 93 layers and one of the best scores.", "layers", "93 layers"),
        ("One encoder feeds a decoder.", "layers", None),
        ("A 401M-parameter encoder and 93 layers.", "", "401M"),
    ],
)
def test_number_span_counts_in_words(sentence: str, asked: str, span: str | None) -> None:
    unit = frozenset({stem(asked)}) if asked else frozenset()
    assert number_span(sentence, unit) == span


def test_members_of_an_entry_both_directions(writeups_assistant: Assistant) -> None:
    ask = writeups_assistant.ask
    # the entry -> its members (vlm:member), and the models that are vlm:memberOf it
    assert labels(ask("What are the members of Heron and HeronData?")) == ["Heron", "HeronData"]
    assert labels(ask("Which models are in the Heron and HeronData series?")) == [
        "Heron",
        "HeronData",
    ]
