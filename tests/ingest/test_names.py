from __future__ import annotations

import pytest

from ingest.names import entity_key, slug


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Llama 3.2 Vision", "LLaMA 3.2-vision", True),
        ("Qwen2.5-VL", "qwen2.5 vl", True),
        ("Qwen2.5", "Qwen25", False),
        ("Qwen2.5", "Qwen 2.5", True),
        ("BLIP-2", "BLIP 2", True),
        ("BLIP-2", "BLIP", False),
        ("Eagle 2.5", "Eagle-2.5", True),
        ("OK-VQA", "OK VQA", True),
        ("InternVL", "InternVL3", False),
    ],
)
def test_entity_key(first: str, second: str, same: bool) -> None:
    assert (entity_key(first) == entity_key(second)) is same


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CLIP ViT-L/14", "clip-vit-l-14"),
        ("Qwen2.5-VL", "qwen2.5-vl"),
        ("VLM²-Bench", "vlm2-bench"),
        ("Chicago Face Dataset (CFD)", "chicago-face-dataset-cfd"),
        ('O\'Reilly "quoted"', "o-reilly-quoted"),
        ("Pixtral 12B & Pixtral Large", "pixtral-12b-pixtral-large"),
        (
            "On Path to Multimodal Generalist: General-Level",
            "on-path-to-multimodal-generalist-general-level",
        ),
        ("日本語モデル", "日本語モデル"),
        ("🌐", "x1f310"),
        ("Ünïcödé", "unicode"),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_duplicates_share_a_slug() -> None:
    assert slug("Llama 3.2 Vision") == slug("LLaMA 3.2 vision")
