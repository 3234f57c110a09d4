"""A synthetic hub N times the size of the bundled one, in the bundled hub's markdown style.

Models by year, dataset categories, benchmarks (plain and grouped), research directions
and an ethics table, with the kinds of sentences real hubs use ("Decoder-only
architecture with 3B/7B/72B parameters, using SigLIP for vision encoder and Qwen2.5 as
pretrained backbone", "Based on ...", "Achieves 72.4% on ..."). Deterministic for a
given scale and seed; names are unique so entries do not merge.

    python -m bench.synthetic 100 /tmp/hub-100x.md
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

# per 1x: about what the bundled hub lists
MODELS_PER_YEAR = {2025: 16, 2024: 13, 2023: 8, 2022: 4}
DATASET_CATEGORIES = {
    "Core Training Datasets": 14,
    "Image Classification": 5,
    "Object Detection": 3,
    "Visual Question Answering (VQA)": 8,
    "Additional Datasets": 22,
}
BENCHMARKS = 18
BENCHMARK_GROUPS = {"Video-Language Benchmarks": 3, "Dynamic Evaluation": 2, "Specialized Tasks": 3}
DIRECTIONS = 9

PREFIXES = ["Nova", "Astra", "Lumen", "Orion", "Vega", "Kite", "Helix", "Quill", "Atlas", "Sable"]
SUFFIXES = ["VL", "Vision", "MM", "Omni", "V", "Chat-V", "Eye", "Sight"]
ARCHITECTURES = [
    "Decoder-only",
    "Encoder-decoder",
    "Dual-encoder",
    "Unified transformer",
    "Hybrid decoder + VAE",
    "MoE",
]
ENCODERS = [
    "CLIP ViT-L/14",
    "SigLIP",
    "SigLIP-400M",
    "EVA-CLIP ViT-L",
    "InternViT",
    "NaViT",
    "ViT-g",
]
BACKBONES = ["Qwen2.5", "Qwen-2-7B", "LLaMA-3.1", "Vicuna", "Mistral Large 2", "Phi-4", "Gemma 2"]
BENCHMARK_NAMES = ["MMMU", "Video-MME", "MMBench", "MathVista", "OCRBench", "ScienceQA"]
UNITS = ["images", "image-text pairs", "video clips", "questions", "classes"]
SIZES = ["250M & 500M", "3B/7B/72B", "7B-14B", "1B to 78B", "~400M", "8B", "13B", "4.5B x 74"]
TOPICS = ["retrieval", "grounding", "OCR", "video understanding", "robotics", "medical imaging"]


def generate(scale: int, seed: int = 0) -> str:
    """The markdown of a hub with `scale` times the bundled hub's entries."""
    rng = random.Random(seed)
    lines = [
        "# Synthetic Multimodal/VLMs Research Hub",
        "",
        f"A generated hub, {scale}x the size of the bundled one, for benchmarks.",
        "",
        "## Seminal models (Post-2021)",
    ]
    serial = 0
    for year, per_scale in MODELS_PER_YEAR.items():
        lines += ["", f"### {year}"]
        for _ in range(per_scale * scale):
            serial += 1
            lines.append(_model_bullet(rng, serial, year))
    lines += ["", "---", "", "## Datasets & Benchmarks"]
    for category, per_scale in DATASET_CATEGORIES.items():
        lines += ["", f"#### **{category}**"]
        for _ in range(per_scale * scale):
            serial += 1
            lines.append(_dataset_bullet(rng, serial))
    lines += ["", "---", "", "## Benchmarks", ""]
    for _ in range(BENCHMARKS * scale):
        serial += 1
        lines.append(_benchmark_bullet(rng, serial))
    for group, per_scale in BENCHMARK_GROUPS.items():
        lines += ["", f"#### **{group}**"]
        for _ in range(per_scale * scale):
            serial += 1
            lines.append(_benchmark_bullet(rng, serial))
    lines += ["", "---", "", "## Research Directions"]
    for n in range(DIRECTIONS * scale):
        lines += _direction(rng, n + 1)
    lines += _ethics_table(rng, scale)
    return "\n".join(lines) + "\n"


def _name(rng: random.Random, serial: int) -> str:
    return f"{rng.choice(PREFIXES)}-{rng.choice(SUFFIXES)}-{serial}"


def _model_bullet(rng: random.Random, serial: int, year: int) -> str:
    name = _name(rng, serial)
    architecture = rng.choice(ARCHITECTURES)
    sentences = [
        f"{architecture} architecture with {rng.choice(SIZES)} parameters, using "
        f"{rng.choice(ENCODERS)} for vision encoder and {rng.choice(BACKBONES)} as "
        "pretrained backbone"
    ]
    if rng.random() < 0.3:
        sentences.append(
            f"Achieves {rng.uniform(40, 90):.1f}% on {rng.choice(BENCHMARK_NAMES)} "
            f"with {rng.choice([8, 16, 64, 512])} input frames"
        )
    if rng.random() < 0.3:
        sentences.append(f"Features a {rng.choice([8, 32, 128])}k-token context window")
    if rng.random() < 0.2:
        sentences.append(f"Supports {rng.choice([2, 8, 23, 140])} languages")
    if rng.random() < 0.2:
        sentences.append(f"Designed for {rng.choice(TOPICS)} and long-context reasoning")
    link = (
        f"https://arxiv.org/pdf/{year % 100:02d}{rng.randint(1, 12):02d}.{serial % 100000:05d}"
        if rng.random() < 0.6
        else f"https://github.com/synthetic-lab/{name.lower()}"
    )
    return f"- **{name}** - [{'. '.join(sentences)}]({link})"


def _dataset_bullet(rng: random.Random, serial: int) -> str:
    name = f"{rng.choice(PREFIXES)}Set-{serial}"
    size = f"{rng.choice([5, 12, 60, 120, 328, 400])}{rng.choice(['K', 'M'])}"
    text = f"{size} {rng.choice(UNITS)} for {rng.choice(TOPICS)}" + (
        f", {rng.choice([3, 11, 108])} languages" if rng.random() < 0.2 else ""
    )
    return f"- **{name}** - [{text}](https://huggingface.co/datasets/synthetic/{serial})"


def _benchmark_bullet(rng: random.Random, serial: int) -> str:
    name = f"{rng.choice(PREFIXES)}-Bench-{serial}"
    year = rng.choice([2021, 2022, 2023, 2024, 2025])
    text = f"Evaluates {rng.choice(TOPICS)} in multimodal models across {rng.randint(3, 20)} tasks"
    return f"- **{name}** ({year}) - [{text}](https://example.org/bench/{serial})"


def _direction(rng: random.Random, n: int) -> list[str]:
    topic = rng.choice(TOPICS)
    return [
        "",
        f"### 🔸 Direction {n}: {topic.title()}",
        "→ **Key Challenges**",
        f"- Scaling {topic} to long inputs",
        f"- Lack of benchmarks for {topic} in low-resource languages",
        "",
        "→ **Open Problems**",
        f"- Theoretical analysis of {topic} under distribution shift",
        "",
        "---",
    ]


def _ethics_table(rng: random.Random, scale: int) -> list[str]:
    lines = [
        "",
        "## ⚠️ Ethical Challenges",
        "",
        "| Bias Type | Prevalence | High-Risk Domains | Mitigation Effectiveness |",
        "|-----------|------------|-------------------|--------------------------|",
    ]
    for n in range(8 * scale):
        lines.append(
            f"| Bias {n + 1} | {rng.randint(5, 40)}% | {rng.choice(TOPICS)} | "
            f"{rng.randint(30, 80)}% reduction |"
        )
    return lines


def write(scale: int, path: Path, seed: int = 0) -> Path:
    """Write the synthetic hub of `scale` to `path`; returns the path."""
    path.write_text(generate(scale, seed), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.synthetic SCALE OUT.md")
    out = write(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{out}: {out.stat().st_size} bytes")
