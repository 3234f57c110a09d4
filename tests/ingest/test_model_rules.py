# ruff: noqa: E501  (rule tables read best one case per line)
"""Extraction rules: one markdown line -> the model fields it yields."""

from __future__ import annotations

import pytest

from ingest.records import BenchmarkResult, Link, ModelRecord, ParameterCount
from tests.ingest.conftest import model_from_line, records_of


def values(line: str) -> list[float]:
    return [p.value for p in model_from_line(line).parameters]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Decoder-only architecture with 3B/7B/72B parameters", [3e9, 7e9, 72e9]),
        ("Decoder-only architecture with 250M & 500M parameters", [250e6, 500e6]),
        ("Decoder-only architecture with 7B-14B parameters", [7e9, 14e9]),
        ("Comprises seven models ranging from 1B to 78B parameters", [1e9, 78e9]),
        ("Dual-encoder architecture with ~400M parameters", [400e6]),
        ("Decoder-only architecture with 4.5B x 74 parameters", [4.5e9]),  # never 333B
        ("Decoder-only architecture with 11B and 90B parameters", [11e9, 90e9]),
        ("An efficient MoE. Activates only 2.8B parameters in its decoder", [2.8e9]),
        ("Decoder-only, 8B params, Qwen-3-8B backbone", [8e9]),
        ("Decoder-only, 4B & 8B variants", [4e9, 8e9]),
        ("Decoder-only architecture with specialized parameters", []),
        ("Combines a 12B multimodal decoder with a 400M vision encoder", []),
        ("Trained contrastively on 400M image-text pairs", []),
        ("Outperforms Qwen2.5-VL-72B and Molmo-72B", []),
        ("Encoder-decoder architecture with 1.5 billion parameters", [1.5e9]),
        ("Decoder-only; 3B/7B/72B; redesigned ViT encoder; Qwen2.5 backbone", [3e9, 7e9, 72e9]),
        ("Params: 19B | Vision encoder: EVA-CLIP ViT-E | LLM: LLaMA-3-8B", [19e9]),
        ("MoE with 3.9B activated parameters out of 25.3B total", [3.9e9, 25.3e9]),
        ("0.5B, 7B and 72B parameter models built on Qwen2", [0.5e9, 7e9, 72e9]),
    ],
)
def test_parameter_counts(description: str, expected: list[float]) -> None:
    assert values(f"- **M** - [{description}](https://example.org)") == expected


def test_parameter_variants_and_active_flag() -> None:
    janus = model_from_line(
        "- **Janus Series** - [Unified transformer architecture, available in Janus-Pro (7B and 1B), "
        "Janus (1.3B), and JanusFlow (1.3B) parameter sizes]()"
    )
    assert janus.parameters == (
        ParameterCount(7e9, "7B", "Janus-Pro"),
        ParameterCount(1e9, "1B", "Janus-Pro"),
        ParameterCount(1.3e9, "1.3B", "Janus"),
        ParameterCount(1.3e9, "1.3B", "JanusFlow"),
    )
    assert janus.variants == ("Janus-Pro", "Janus", "JanusFlow")
    kimi = model_from_line("- **Kimi-VL** - [MoE based VLM. Activates only 2.8B parameters](u)")
    assert kimi.parameters == (ParameterCount(2.8e9, "2.8B", None, True),)
    assert kimi.architectures == ("moe",)


def test_total_and_active_counts() -> None:
    model = model_from_line("- **G** (2025) - MoE, 106B total / 12B active parameters")
    assert model.parameters == (
        ParameterCount(106e9, "106B", None, False),
        ParameterCount(12e9, "12B", None, True),
    )


def test_shared_entry_is_split_into_two_models() -> None:
    records = records_of(
        "## Models\n### 2025\n- **Pixtral 12B & Pixtral Large** - [Decoder-only architecture with "
        "12B (Pixtral 12B) and 124B (Pixtral Large) parameters. Pixtral Large integrates a 1B visual "
        "encoder with Mistral Large 2. Developed by Mistral AI](https://huggingface.co/m/p)\n"
    )
    models = [r for r in records if type(r).__name__ == "ModelRecord"]
    assert [(m.name, m.year, [p.value for p in m.parameters]) for m in models] == [
        ("Pixtral 12B", 2025, [12e9]),
        ("Pixtral Large", 2025, [124e9]),
    ]
    assert [[c.name for c in m.language_backbones] for m in models] == [[], ["Mistral Large 2"]]
    assert [m.organization for m in models] == ["Mistral AI", "Mistral AI"]
    assert models[0].parameters[0].variant == "Pixtral 12B"


@pytest.mark.parametrize(
    ("description", "vision", "language", "other"),
    [
        (
            "using OryxViT for vision encoder and Qwen-2.5-7B, SigLIP-400M, Whisper-V3-Large, "
            "BEATs-AS2M(cpt2) as pretrained backbone",
            ["OryxViT"],
            ["Qwen-2.5-7B"],
            ["SigLIP-400M", "Whisper-V3-Large", "BEATs-AS2M(cpt2)"],
        ),
        (
            "using MoVQGAN for vision encoder and LLaMA-2 as pretrained backbone",
            ["MoVQGAN"],
            ["LLaMA-2"],
            [],
        ),
        ("using NaViT for vision encoder and pretrained from scratch", ["NaViT"], [], []),
        (
            "using ViT-B/L/g for vision encoder and pretrained from scratch for language encoder",
            ["ViT-B/L/g"],
            [],
            [],
        ),
        (
            "using ViT for vision encoder and Flan-T5, Vicuna as pretrained backbone",
            ["ViT"],
            ["Flan-T5", "Vicuna"],
            [],
        ),
        (
            "using SigLIP/SAMB for vision encoder and DeepSeekMoE as pretrained backbone",
            ["SigLIP", "SAMB"],
            ["DeepSeekMoE"],
            [],
        ),
        (
            "using a Vision Transformer (ViT) for vision encoding and Qwen (a Transformer-based LLM) "
            "as the pretrained text backbone",
            ["ViT"],
            ["Qwen"],
            [],
        ),
        (
            "using ViT-g for vision encoder and Open Pretrained Transformer (OPT) as pretrained backbone",
            ["ViT-g"],
            ["OPT"],
            [],
        ),
        (
            "using custom vision encoder and Chinchilla as pretrained backbone",
            [],
            ["Chinchilla"],
            [],
        ),
        (
            "using optimized transformer layers and Microsoft's Phi-4 framework as pretrained backbone",
            [],
            ["Phi-4"],
            [],
        ),
        ("Utilizes native-resolution vision encoder (MoonViT) for inputs", ["MoonViT"], [], []),
        ("integrating InternViT with various pre-trained LLMs", ["InternViT"], [], []),
        (
            "Multi-encoder architecture with modality-specific encoders (ViT-H for vision, ~632M parameters)",
            ["ViT-H"],
            [],
            [],
        ),
        (
            "Decoder-only, 8B params, Qwen-3-8B backbone, CLIP ViT-L/14 dynamic encoder",
            ["CLIP ViT-L/14"],
            ["Qwen-3-8B"],
            [],
        ),
        (
            "using a Vision Transformer (ViT, e.g., ViT-L/14) for vision encoding and a Transformer for text encoding",
            ["ViT"],
            [],  # a bare "Transformer" is the network kind, not a named text side (mentions.yaml)
            [],
        ),
        (
            "Built on Vicuna-13B with a CLIP ViT-L/336px encoder",
            ["CLIP ViT-L/336px"],
            ["Vicuna-13B"],
            [],
        ),
        (
            "Decoder-only; 3B/7B/72B; redesigned ViT encoder; Qwen2.5 backbone",
            ["ViT"],
            ["Qwen2.5"],
            [],
        ),
        (
            "Params: 19B | Vision encoder: EVA-CLIP ViT-E | LLM: LLaMA-3-8B",
            ["EVA-CLIP ViT-E"],
            ["LLaMA-3-8B"],
            [],
        ),
        (
            "4.2B parameters, combines CLIP ViT-L/14 image encoder with Phi-3.5-mini language model",
            ["CLIP ViT-L/14"],
            ["Phi-3.5-mini"],
            [],
        ),
        (
            "Uses InternViT-6B as vision encoder and InternLM2-20B as the language model",
            ["InternViT-6B"],
            ["InternLM2-20B"],
            [],
        ),
        (
            "Frozen EVA-CLIP ViT-g/14 + Q-Former + Vicuna-13B LLM",
            ["EVA-CLIP ViT-g/14"],
            ["Vicuna-13B"],
            [],
        ),
        ("Hybrid decoder + VAE, SigLIP-400M + Whisper-V3 integration", [], [], []),
        # a pronoun is no part: the encoder is what "encodes images with" names
        (
            "A decoder-only model. It encodes images with SigLIP/SAMB and is built on DeepSeekMoE",
            ["SigLIP", "SAMB"],
            ["DeepSeekMoE"],
            [],
        ),
        (
            "A 7B decoder-only model whose vision encoder is OryxViT",
            ["OryxViT"],
            [],
            [],
        ),
    ],
)
def test_components(
    description: str, vision: list[str], language: list[str], other: list[str]
) -> None:
    model = model_from_line(f"- **M** - [{description}](u)")
    assert [c.name for c in model.vision_encoders] == vision
    assert [c.name for c in model.language_backbones] == language
    assert [c.name for c in model.components] == other


@pytest.mark.parametrize(
    ("description", "based_on", "language"),
    [
        (
            "Based on DeepSeek's R1 method, combined with Qwen2.5-VL, excels at REC",
            ["DeepSeek R1", "Qwen2.5-VL"],
            [],
        ),
        ("Video understanding model based on LLaVA architecture", ["LLaVA"], []),
        ("Decoder-only, based on CogVLM2", ["CogVLM2"], []),
        (
            "featuring function calling, based on Google's Gemini 2.0 architecture",
            ["Gemini 2.0"],
            ["Gemini 2.0"],
        ),
        (
            "MolmoE-1B based on OLMoE-1B-7B, Molmo-7B-O on OLMo-7B-1024, Molmo-7B-D on Qwen2 7B, "
            "and Molmo-72B on Qwen2 72B. Known for high performance",
            ["OLMoE-1B-7B", "OLMo-7B-1024", "Qwen2 7B", "Qwen2 72B"],
            ["OLMoE-1B-7B", "OLMo-7B-1024", "Qwen2 7B", "Qwen2 72B"],
        ),
    ],
)
def test_based_on(description: str, based_on: list[str], language: list[str]) -> None:
    model = model_from_line(f"- **M** - [{description}](u)")
    assert list(model.based_on) == based_on
    assert [c.name for c in model.language_backbones] == language


@pytest.mark.parametrize(
    ("description", "field", "expected"),
    [
        ("Features a 128k-token context window", "context_window", 128000),
        ("Features a 128K extended context window for long inputs", "context_window", 128000),
        ("designed to handle sequence lengths of up to 4,096 tokens", "context_window", 4096),
        (
            "supports 8 languages - English, German, Italian. NOTE: only English",
            "language_count",
            8,
        ),
        (
            "supports 8 languages - English, German, Italian. NOTE: only English",
            "languages",
            ("English", "German", "Italian"),
        ),
        ("supporting multimodality and 140+ languages", "language_count", 140),
        ("supports English and Chinese languages, designed", "languages", ("English", "Chinese")),
        ("Supports dozens of languages", "language_count", None),
        ("Four models by Ai2: MolmoE-1B, Molmo-7B-O, and Molmo-72B.", "organization", "Ai2"),
        ("Developed by Mistral AI, known for efficiency", "organization", "Mistral AI"),
        ("using Microsoft's Phi-4 framework as pretrained backbone", "organization", "Microsoft"),
        ("based on Google's Gemini 2.0 architecture", "organization", "Google"),
        (
            "Four models by Ai2: MolmoE-1B, Molmo-7B-O, and Molmo-72B.",
            "variants",
            ("MolmoE-1B", "Molmo-7B-O", "Molmo-72B"),
        ),
        ("Introduces Kimi-VL-Thinking variant for reasoning", "variants", ("Kimi-VL-Thinking",)),
        (
            "Trained on LLaVA-OneVision & SAM-LLaVA mixes, supports any-to-any",
            "training_data",
            ("LLaVA-OneVision", "SAM-LLaVA mixes"),
        ),
        (
            "Training data includes tool usage, GUI operations, scientific diagrams, etc.",
            "training_data",
            ("tool usage", "GUI operations", "scientific diagrams"),
        ),
        ("Hybrid decoder + VAE", "architectures", ("hybrid",)),
        ("Unified transformer architecture with separate encoders", "architectures", ("unified",)),
        ("Encoder-decoder architecture", "architectures", ("encoder-decoder",)),
        ("Dual-encoder architecture", "architectures", ("dual-encoder",)),
        (
            "Released under the Apache 2.0 license. Licensed under Apache-2.0",
            "license",
            "Apache-2.0",
        ),
        ("released by NVIDIA under CC-BY-NC-4.0 license", "license", "CC-BY-NC-4.0"),
        ("released by NVIDIA under CC-BY-NC-4.0 license", "organization", "NVIDIA"),
        (
            "7B params, OLMo-7B backbone, by Allen Institute for AI",
            "organization",
            "Allen Institute for AI",
        ),
        ("Based on the R1 method, by popular demand", "organization", None),
    ],
)
def test_text_facts(description: str, field: str, expected: object) -> None:
    assert getattr(model_from_line(f"- **M** - [{description}](u)"), field) == expected


def test_benchmark_result() -> None:
    model = model_from_line(
        "- **Eagle 2.5** - [Achieves 72.4% on Video-MME with 512 input frames, matching GPT-4o](u)"
    )
    assert model.benchmark_results == (
        BenchmarkResult("Video-MME", "72.4%", 72.4, "512 input frames"),
    )


@pytest.mark.parametrize(
    ("url", "kind", "arxiv_id"),
    [
        ("https://arxiv.org/pdf/2409.11402", "arxiv", "2409.11402"),
        ("https://arxiv.org/abs/2410.10783", "arxiv", "2410.10783"),
        ("https://arxiv.org/html/2410.08565v1", "arxiv", "2410.08565v1"),
        ("https://github.com/NVlabs/EAGLE?tab=readme-ov-file", "github", None),
        ("https://huggingface.co/OpenGVLab/InternVL3-78B", "huggingface", None),
        ("https://storage.googleapis.com/deepmind-media/gemma/Gemma3Report.pdf", "pdf", None),
        ("https://laion.ai/blog/laion-5b/", "web", None),
    ],
)
def test_links(url: str, kind: str, arxiv_id: str | None) -> None:
    model = model_from_line(f"- **M** - [text]({url})")
    assert model.links == (Link(url, kind, "text", arxiv_id),)


def test_empty_and_placeholder_links_are_dropped() -> None:
    assert model_from_line("- **M** - [Four models]()").links == ()
    assert model_from_line("- **M** - [Four models](link)").links == ()


@pytest.mark.parametrize(
    ("line", "heading", "name", "year"),
    [
        ("- **OmniGen2** - [Hybrid](https://g.com)", "### 2025", "OmniGen2", 2025),
        ("- **GLM-4.1V** (2025) - Decoder-only, 9B params", "### Open models", "GLM-4.1V", 2025),
        ("- GLM-4.1V (2024) - Decoder-only, 9B params", "### Open models", "GLM-4.1V", 2024),
        ("- **Flamingo** - [Decoder-only](u)", "### 2022 & Prior", "Flamingo", 2022),
        ("- **Emu3** - [Decoder-only](u)", "### **2024 Models**", "Emu3", 2024),
        (
            "- [LLaVA](https://llava-vl.github.io) - Decoder-only, 13B params",
            "### 2023",
            "LLaVA",
            2023,
        ),
    ],
)
def test_entry_names_and_years(line: str, heading: str, name: str, year: int) -> None:
    model = model_from_line(line, heading)
    assert (model.name, model.year) == (name, year)


def test_plain_bullets_need_a_name_like_word() -> None:
    records = records_of(
        "## Models\n- See also: the list below\n- Note - nothing\n"
        "- InternVL2.5 (2024) - Encoder-decoder, 1B params\n"
    )
    assert [r.name for r in records if isinstance(r, ModelRecord)] == ["InternVL2.5"]


def test_year_groups_sub_bullets_and_years_in_odd_places() -> None:
    records = records_of(
        "## Models\n"
        "- **2025**\n"
        "  - **Qwen2.5-VL** - Decoder-only, 3B/7B/72B params, Qwen2.5 backbone\n"
        "- **Emu3 (2024)** - Decoder-only, 7B params, MoVQGAN vision encoder\n"
        "- **BLIP-2** - Encoder-decoder, 7B-13B params (2023)\n"
        "- **CogVLM2** (2024)\n"
        "  - Decoder-only, 19B params\n"
        "  - Vision encoder: EVA-CLIP ViT-E\n"
        "  - LLaMA-3-8B backbone\n"
    )
    found = [
        (r.name, r.year, r.source.start_line, r.source.end_line)
        for r in records
        if isinstance(r, ModelRecord)
    ]
    assert found == [
        ("Qwen2.5-VL", 2025, 3, 3),
        ("Emu3", 2024, 4, 4),
        ("BLIP-2", 2023, 5, 5),
        ("CogVLM2", 2024, 6, 9),
    ]
    cogvlm2 = next(r for r in records if isinstance(r, ModelRecord) and r.name == "CogVLM2")
    assert (
        cogvlm2.description
        == "Decoder-only, 19B params. Vision encoder: EVA-CLIP ViT-E. LLaMA-3-8B backbone"
    )
    assert [c.name for c in cogvlm2.vision_encoders] == ["EVA-CLIP ViT-E"]
    assert [(c.name, c.broader) for c in cogvlm2.language_backbones] == [
        ("LLaMA-3-8B", ("LLaMA-3", "LLaMA"))
    ]


@pytest.mark.parametrize(
    "line",
    [
        "- **CoPali** - [Code generation model that focuses on programming assistance](https://arxiv.org/pdf/2407.01449)",
        "- **M** - [Paper-reading assistant for long PDFs](https://example.org)",
    ],
)
def test_descriptions_that_start_like_link_labels_are_kept(line: str) -> None:
    text = line.split("[", 1)[1].split("]", 1)[0]
    assert model_from_line(line).description == text
