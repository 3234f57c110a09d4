"""The verifier that guards LLM phrasing: every name and number must be in the facts."""

from __future__ import annotations

import pytest

from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.llm import prompt_for, unsupported_claims

GRAPH_ANSWER = Answer(
    question="Which models use Vicuna as a pretrained language backbone?",
    markdown="The hub lists 3 models using **Vicuna** as language backbone: **InstructBLIP**, "
    "**CogVLM**, **LLaVA-1.5**.",
    entities=(
        EntityRef("res:model/instructblip", "InstructBLIP", "Model"),
        EntityRef("res:model/cogvlm", "CogVLM", "Model"),
        EntityRef("res:model/llava-1.5", "LLaVA-1.5", "Model"),
    ),
    facts=(
        Fact("InstructBLIP", "language backbone", "Vicuna", "hub.md#L51-L51"),
        Fact("CogVLM", "language backbone", "Vicuna", "hub.md#L53-L53"),
        Fact("LLaVA-1.5", "language backbone", "Vicuna", "hub.md#L57-L57"),
        Fact("CogVLM", "parameter count", "18B", "hub.md#L53-L53"),
    ),
    citations=(Citation("hub.md#L51-L51", "2023"),),
)


@pytest.mark.parametrize(
    ("text", "unsupported"),
    [
        ("Three models use Vicuna: InstructBLIP, CogVLM and LLaVA-1.5.", []),
        ("InstructBLIP, CogVLM and LLaVA-1.5 build on Vicuna; CogVLM has 18B parameters.", []),
        ("InstructBLIP, CogVLM and MiniGPT-4 use Vicuna.", ["MiniGPT-4"]),
        ("CogVLM has 17B parameters.", ["17B"]),
        ("LLaVA-1.5 uses Vicuna, developed by Google.", ["Google"]),
        ("The 3 models are InstructBLIP, CogVLM and LLaVA-1.5.", []),
    ],
)
def test_unsupported_claims(text: str, unsupported: list[str]) -> None:
    assert unsupported_claims(text, GRAPH_ANSWER) == unsupported


def test_prompt_quotes_the_facts_as_data() -> None:
    prompt = prompt_for(GRAPH_ANSWER)
    assert (
        prompt.splitlines()[0]
        == "QUESTION: Which models use Vicuna as a pretrained language backbone?"
    )
    assert '1. "InstructBLIP" | language backbone | "Vicuna"' in prompt
    assert prompt.endswith("ANSWER:")
