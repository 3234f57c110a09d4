# ruff: noqa: E501
"""Heading classification and table column rules."""

from __future__ import annotations

import pytest

from ingest._tables import meanings, scale_suffix, table_kind
from ingest.records import ModelRecord, SectionRecord, TableRowRecord
from tests.ingest.conftest import records_of


def kinds(markdown: str) -> list[tuple[str, str, int | None]]:
    return [(r.title, r.kind, r.year) for r in records_of(markdown) if isinstance(r, SectionRecord)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "## 📚 Seminal Models (Post-2021)\n### **2024 Models**",
            [("Seminal Models (Post-2021)", "models", None), ("2024 Models", "model_year", 2024)],
        ),
        (
            "## Models\n### 2022 & Prior",
            [("Models", "models", None), ("2022 & Prior", "model_year", 2022)],
        ),
        (
            "## Models\n### Models released in 2025",
            [("Models", "models", None), ("Models released in 2025", "model_year", 2025)],
        ),
        (
            "## Models\n### Open-source",
            [("Models", "models", None), ("Open-source", "model_group", None)],
        ),
        (
            "## Datasets & Benchmarks\n#### **Bias**",
            [("Datasets & Benchmarks", "datasets", None), ("Bias", "dataset_category", None)],
        ),
        (
            "## Datasets & Benchmarks\n### Benchmarks",
            [("Datasets & Benchmarks", "datasets", None), ("Benchmarks", "benchmarks", None)],
        ),
        (
            "## 🏆 Benchmarks\n#### Dynamic Evaluation",
            [("Benchmarks", "benchmarks", None), ("Dynamic Evaluation", "benchmark_group", None)],
        ),
        (
            "## Research Directions\n### 🔸 Medical VLMs",
            [
                ("Research Directions", "research_directions", None),
                ("Medical VLMs", "research_direction", None),
            ],
        ),
        (
            "## Research Frontiers\n### 1. Fusion\n### Open Problems:",
            [
                ("Research Frontiers", "research_directions", None),
                ("Fusion", "research_direction", None),
                ("Open Problems", "research_facet", None),
            ],
        ),
        (
            "## ⚠️ Ethical Challenges\n### 🔒Privacy Protection Framework",
            [
                ("Ethical Challenges", "ethics", None),
                ("Privacy Protection Framework", "privacy", None),
            ],
        ),
        (
            "## 🛠️ Research Toolkit\n### Optimization Toolkit",
            [("Research Toolkit", "tools", None), ("Optimization Toolkit", "tool_group", None)],
        ),
        (
            "## 📌Emerging Applications\n#### **‚Üí Automotive**",
            [("Emerging Applications", "applications", None), ("Automotive", "application", None)],
        ),
        ("## 🤝Contributing Guidelines", [("Contributing Guidelines", "other", None)]),
    ],
)
def test_section_kinds(markdown: str, expected: list[tuple[str, str, int | None]]) -> None:
    assert kinds(markdown) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            (
                "Model",
                "Parameters",
                "Architecture",
                "Vision Encoder",
                "LLM Backbone",
                "Key Features",
                "Paper/Repo",
            ),
            [
                "name",
                "parameters",
                "architecture",
                "vision_encoder",
                "language_backbone",
                "description",
                "link",
            ],
        ),
        (
            ("VLM", "Params (B)", "Vision Encoder(s)", "LLM", "Year"),
            ["name", "parameters", "vision_encoder", "language_backbone", "year"],
        ),
        (
            ("Dataset", "Year", "Size", "Modalities", "License", "Key Features"),
            ["name", "year", "size", "modalities", "license", "description"],
        ),
        (
            ("Tool", "Purpose", "License", "Key Features"),
            ["name", "description", "license", "description"],
        ),
        (("Technique", "Implementation", "Speedup"), ["name", "implementation", "speedup"]),
        (("Model", "Mystery column"), ["name", None]),
    ],
)
def test_column_meanings(header: tuple[str, ...], expected: list[str | None]) -> None:
    assert meanings(header, 0) == expected


@pytest.mark.parametrize(
    ("header", "suffix"), [("Params (B)", "B"), ("Size (millions)", "M"), ("Parameters", "")]
)
def test_scale_suffix(header: str, suffix: str) -> None:
    assert scale_suffix(header) == suffix


@pytest.mark.parametrize(
    ("header", "title", "family", "kind"),
    [
        (
            ("Bias Type", "Prevalence", "High-Risk Domains", "Mitigation Effectiveness"),
            "Ethical Challenges",
            "ethics",
            "ethical_challenge",
        ),
        (
            ("Technique", "Parameters", "VRAM", "Latency", "Accuracy"),
            "SOTA Compression",
            "research_directions",
            "compression_technique",
        ),
        (
            ("Task", "Dataset", "SOTA Accuracy", "Human Level"),
            "Embodied AI Integration",
            "research_directions",
            "embodied_task",
        ),
        (
            ("Scenario", "Without Framework", "With Framework"),
            "Real-World Impact",
            "privacy",
            "privacy_impact",
        ),
        (
            ("Benchmark", "Top Model", "Metric Score"),
            "Current SOTA Performance",
            "benchmarks",
            "table",
        ),
        (("A", "B"), "Anything", "other", "table"),
    ],
)
def test_table_kinds(header: tuple[str, ...], title: str, family: str, kind: str) -> None:
    assert table_kind(header, title, family) == kind


def test_model_table_with_scaled_parameters_and_lists() -> None:
    records = records_of(
        "## Models\n### Models released in 2025\n\n**Qwen2.5-VL** - Decoder-only, 3B/7B/72B params\n\n"
        "| VLM | Params (B) | Vision Encoder(s) | LLM | Year |\n|---|---|---|---|---|\n"
        "| LLaVA-1.6 | 7 / 13 / 34 | CLIP ViT-L/14 | Vicuna-7B, Vicuna-13B | 2024 |\n"
    )
    found = {r.name: r for r in records if isinstance(r, ModelRecord)}
    assert [p.value for p in found["Qwen2.5-VL"].parameters] == [
        3e9,
        7e9,
        72e9,
    ]  # a paragraph entry
    llava = found["LLaVA-1.6"]
    assert (llava.year, [p.value for p in llava.parameters]) == (2024, [7e9, 13e9, 34e9])
    assert [c.name for c in llava.language_backbones] == ["Vicuna-7B", "Vicuna-13B"]
    assert [r for r in records if isinstance(r, TableRowRecord)] == []


TASK_TABLE = """# Hub

## Corpora

### Task datasets

| Used for | Contents | Corpus |
|---|---|---|
| image classification | 1.28M training images, 1,000 classes | ImageNet-1k |
| image classification | 60K low-resolution images, small-scale testing | CIFAR-10/100 |
| object detection | detection "in the wild" | ODinW |
"""


def test_corpus_column_names_datasets_and_contents_are_their_size() -> None:
    """The name column may come last ("Corpus"); "Used for" is the category; "Contents"
    gives the sizes, and what it says beyond them stays in the description."""
    from ingest.records import DatasetRecord

    found = [r for r in records_of(TASK_TABLE) if isinstance(r, DatasetRecord)]
    assert [(r.name, r.category, [q.text for q in r.sizes], r.description) for r in found] == [
        ("ImageNet-1k", "image classification", ["1.28M training images", "1,000 classes"], ""),
        (
            "CIFAR-10/100",
            "image classification",
            ["60K low-resolution images"],
            "Contents: 60K low-resolution images, small-scale testing",
        ),
        ("ODinW", "object detection", [], 'Contents: detection "in the wild"'),
    ]
