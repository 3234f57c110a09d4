"""A short name links to the one label it extends by a size or variant, never to two."""

from __future__ import annotations

import pytest

from search.assistant._short_names import one_longer_name
from search.assistant.lexicon import LexEntity, Lexicon

ENTITIES = [
    LexEntity("m:kimi-vl-a3b", "Kimi-VL-A3B", frozenset({"Model"})),
    LexEntity("m:llama-4-scout", "Llama 4 Scout", frozenset({"Model"})),
    LexEntity("m:llama-4-maverick", "Llama 4 Maverick", frozenset({"Model"})),
    LexEntity("m:glm", "GLM-4.1V-Thinking", frozenset({"Model"})),
    LexEntity("m:qwen-7b", "Qwen2-VL-7B", frozenset({"Model"})),
    LexEntity("m:qwen-72b", "Qwen2-VL-72B", frozenset({"Model"})),
    LexEntity("e:siglip-so400m", "SigLIP-SO400M", frozenset({"VisionEncoder"})),
    LexEntity("m:pixtral", "Pixtral-ViT-400M", frozenset({"Model"})),
]


@pytest.mark.parametrize(
    ("short", "expected"),
    [
        ("Kimi-VL", "m:kimi-vl-a3b"),  # a size after the name
        ("kimi-vl", "m:kimi-vl-a3b"),
        ("GLM-4.1V", "m:glm"),  # a variant word
        ("Llama 4", None),  # Scout and Maverick: neither
        ("Qwen2-VL", None),  # two sizes: neither
        ("SigLIP", None),  # an encoder, and "SO400M" is no size of a model
        ("Pixtral", None),  # "ViT-400M" is more than a size
        ("Kimi", None),  # too short to stand for a name
    ],
)
def test_one_longer_name(short: str, expected: str | None) -> None:
    found = one_longer_name(short, ENTITIES)
    assert (found.iri if found else None) == expected


def test_a_name_the_question_goes_on_with_is_not_shortened() -> None:
    assert one_longer_name("Kimi-VL", ENTITIES, "Thinking") is None
    assert one_longer_name("Kimi-VL", ENTITIES, "released").iri == "m:kimi-vl-a3b"


def test_lexicon_links_the_short_name() -> None:
    mentions = Lexicon(ENTITIES).link("When was Kimi-VL released?")
    assert [(m.text, [e.iri for e in m.entities]) for m in mentions] == [
        ("Kimi-VL", ["m:kimi-vl-a3b"])
    ]
