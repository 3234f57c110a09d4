from __future__ import annotations

import pytest

from ingest.gazetteer import is_vlm_name, resolve_component
from ingest.records import Component

V, L, A = "vision_encoder", "language_model", "audio_encoder"


@pytest.mark.parametrize(
    ("name", "role", "expected"),
    [
        ("CLIP ViT-L/14", V, Component("CLIP ViT-L/14", V, ("CLIP",))),
        ("CLIP", V, Component("CLIP", V)),
        ("EVA-CLIP ViT-L", V, Component("EVA-CLIP ViT-L", V, ("EVA-CLIP", "CLIP"))),
        ("Eva CLIP ViT-g", V, Component("Eva CLIP ViT-g", V, ("EVA-CLIP", "CLIP"))),
        ("SigLIP-400M", L, Component("SigLIP-400M", V, ("SigLIP",))),
        ("SigLIP", V, Component("SigLIP", V)),
        ("SAMB", V, Component("SAMB", V, ("SAM",))),
        ("InternViT", V, Component("InternViT", V, ("ViT",))),
        ("InternViT-6B", V, Component("InternViT-6B", V, ("InternViT", "ViT"))),
        ("NaViT", V, Component("NaViT", V, ("ViT",))),
        ("MoonViT", V, Component("MoonViT", V, ("ViT",))),
        ("OryxViT", V, Component("OryxViT", V, ("ViT",))),
        ("MoVQGAN", V, Component("MoVQGAN", V)),
        ("ViT-g", V, Component("ViT-g", V, ("ViT",))),
        ("ViT-H", V, Component("ViT-H", V, ("ViT",))),
        ("ViT", V, Component("ViT", V)),
        ("custom ViT", V, Component("ViT", V)),
        ("Redesigned ViT", V, Component("ViT", V)),
        ("a Vision Transformer (ViT)", V, Component("ViT", V, (), ("Vision Transformer",))),
        ("Qwen-2.5-7B", L, Component("Qwen-2.5-7B", L, ("Qwen2.5", "Qwen"))),
        ("Qwen2.5", L, Component("Qwen2.5", L, ("Qwen",))),
        ("Qwen2 7B", L, Component("Qwen2 7B", L, ("Qwen2", "Qwen"))),
        ("Qwen-2", L, Component("Qwen2", L, ("Qwen",), ("Qwen-2",))),
        ("Qwen-2-Instruct", L, Component("Qwen-2-Instruct", L, ("Qwen2", "Qwen"))),
        ("Qwen-3-8B", L, Component("Qwen-3-8B", L, ("Qwen3", "Qwen"))),
        ("Qwen (a Transformer-based LLM)", L, Component("Qwen", L)),
        ("LLaMA-3.1", L, Component("LLaMA-3.1", L, ("LLaMA",))),
        ("LLaMA-2", L, Component("LLaMA-2", L, ("LLaMA",))),
        ("Llama 3.1", L, Component("LLaMA-3.1", L, ("LLaMA",), ("Llama 3.1",))),
        ("Vicuna", L, Component("Vicuna", L)),
        ("Vicunna", L, Component("Vicuna", L, (), ("Vicunna",))),  # fuzzy spelling variant
        ("Flan-T5", L, Component("Flan-T5", L, ("T5",))),
        (
            "Open Pretrained Transformer (OPT)",
            L,
            Component("OPT", L, (), ("Open Pretrained Transformer",)),
        ),
        ("Chinchilla", L, Component("Chinchilla", L)),
        ("PaLM", L, Component("PaLM", L)),
        ("Mistral Large 2", L, Component("Mistral Large 2", L, ("Mistral Large", "Mistral"))),
        ("Microsoft's Phi-4 framework", L, Component("Phi-4", L, ("Phi",))),
        ("SmolLM", L, Component("SmolLM", L)),
        ("Baichuan", L, Component("Baichuan", L)),
        ("DeepSeekMoE", L, Component("DeepSeekMoE", L, ("DeepSeek",))),
        ("QLLaMA", L, Component("QLLaMA", L)),
        ("OLMoE-1B-7B", L, Component("OLMoE-1B-7B", L, ("OLMoE", "OLMo"))),
        ("OLMo-7B-1024", L, Component("OLMo-7B-1024", L, ("OLMo",))),
        ("Whisper-V3-Large", L, Component("Whisper-V3-Large", A, ("Whisper",))),
        ("BEATs-AS2M(cpt2)", L, Component("BEATs-AS2M(cpt2)", A, ("BEATs",))),
        ("Gemini 2.0", L, Component("Gemini 2.0", L, ("Gemini",))),
        ("Brand-New Encoder 9", V, Component("Brand-New Encoder 9", V)),  # unknown: kind from role
        ("Brand-New LM", L, Component("Brand-New LM", L)),
    ],
)
def test_resolve_component(name: str, role: str, expected: Component) -> None:
    assert resolve_component(name, role) == expected


@pytest.mark.parametrize(
    ("name", "vlm"),
    [
        ("Qwen2.5-VL", True),
        ("LLaVA", True),
        ("CogVLM2", True),
        ("Qwen2 7B", False),
        ("OLMo-7B", False),
    ],
)
def test_is_vlm_name(name: str, vlm: bool) -> None:
    assert is_vlm_name(name) is vlm
