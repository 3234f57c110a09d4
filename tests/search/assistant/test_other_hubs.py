"""The same engine on other hub layouts: one table per year, and free-form bullets."""

from __future__ import annotations

import pytest

from search.assistant import Assistant


def labels(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.label for e in answer.entities)


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
