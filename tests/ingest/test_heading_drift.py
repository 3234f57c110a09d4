"""A renamed section keeps its kind: from its heading's words, else from its entries' shape."""

from __future__ import annotations

import pytest

from bench.heading_drift import rewrite, top_sections
from ingest import extract, parse
from ingest._headings import heading_kind
from ingest._sections import classify, family
from ingest.records import BenchmarkRecord, DatasetRecord, ModelRecord, PassageRecord

from .conftest import HUB


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Notable releases", "models"),
        ("2025 releases", "models"),
        ("Landmark Releases", "models"),
        ("Release timeline", None),  # a release is a model only as the head word
        ("Model zoo", "models"),
        ("Key architectures", "models"),
        ("Systems", "models"),
        ("Corpora", "datasets"),
        ("Data sources", "datasets"),
        ("Measuring progress", "benchmarks"),  # "measuring" is "measure"
        ("Evaluation suites", "benchmarks"),
        ("How we measure", "benchmarks"),
        ("Open problems", "research_directions"),
        ("Frontiers", "research_directions"),
        ("Toolbox", "tools"),
        ("Useful code", "tools"),
        ("Part II", None),
        ("More", None),
        ("Highlights", None),
    ],
)
def test_heading_words_name_a_kind(title: str, kind: str | None) -> None:
    assert heading_kind(title, None) == kind


_MODEL_BULLETS = (
    "- **Heron-VL** - Decoder-only, 4B & 8B variants with a SigLIP vision encoder\n"
    "- **Wren 2** - Built on a Qwen2 LLM backbone, 7B parameters\n"
    "- **Plover** - MoE with 2.8B active parameters and a 128K context window\n"
)
_DATASET_BULLETS = (
    "- **PairSet-5M** - 5M web-mined image-text pairs\n"
    "- **CapBank** - 120K images, each with 5 captions\n"
    "- **ClipHours** - 3,000 hours of narrated videos\n"
)
_BENCHMARK_BULLETS = (
    "- **SpaceQA** - A benchmark of 7,300 MCQs across 11 subtasks\n"
    "- **EgoEval** - Designed to evaluate egocentric video understanding\n"
    "- **CountBench-2** - Benchmarking counting with 500 questions\n"
)
_MODEL_TABLE = (
    "| Model | Parameters | Vision Encoder | LLM Backbone |\n"
    "|---|---|---|---|\n"
    "| Heron-VL | 8B | SigLIP | Qwen2 |\n"
    "| Wren 2 | 7B | CLIP ViT-L/14 | Vicuna |\n"
    "| Plover | 13B | EVA-CLIP | LLaMA 2 |\n"
)
_ENCODER_TABLE = (
    "| Encoder | Params | Family |\n"
    "|---|---|---|\n"
    "| CLIP ViT-L/14 | 428M | CLIP |\n"
    "| SigLIP-SO400M | 400M | SigLIP |\n"
    "| EVA-CLIP | 1B | CLIP |\n"
)
_DIRECTIONS = (
    "### Regression tasks\n→ **Key Challenges**\n- Capturing numerical relationships\n\n"
    "### Diverse visual data\n→ **Open Problems**\n- Multispectral inputs\n\n"
    "### Edge deployment\n- **Challenges**: memory, latency.\n"
)
_WRITE_UPS = "".join(
    f"### **{name}: {subtitle}**\n\n{name} pairs a ViT encoder with a 7B language model.\n\n"
    for name, subtitle in [("Kestrel", "Seeing far"), ("Heron", "Wading in"), ("Wren", "Small")]
)
_TWO = "- **Heron-VL** - Decoder-only, 8B parameters\n- **Wren 2** - 7B parameters\n"


@pytest.mark.parametrize(
    ("heading", "body", "kind"),
    [
        ("Part II", _MODEL_BULLETS, "models"),
        ("More", "### 2025\n" + _MODEL_BULLETS, "models"),
        ("Highlights", _MODEL_TABLE, "models"),
        ("Part II", _DATASET_BULLETS, "datasets"),
        ("Part II", _BENCHMARK_BULLETS, "benchmarks"),
        ("Part II", _DIRECTIONS, "research_directions"),
        ("Part II", _DIRECTIONS.split("### Edge")[0].split("### Diverse")[0], "other"),
        ("Part II", _WRITE_UPS, "models"),
        ("Part II", _ENCODER_TABLE, "other"),  # the rows are encoders, not models
        ("Part II", _TWO, "other"),  # too few entries to tell
        ("Release timeline", _MODEL_BULLETS, "models"),
        ("Contributing", _MODEL_BULLETS, "other"),  # a heading that names "other" keeps it
        ("Corpora", _MODEL_BULLETS, "datasets"),  # the heading's words come first
    ],
)
def test_a_heading_that_says_nothing_takes_its_entries_kind(
    heading: str, body: str, kind: str
) -> None:
    document = parse(f"# A list\n\n## {heading}\n\n{body}", "t.md")
    top = next(c for c in classify(document) if c.section.level == 2)
    assert top.kind == kind


def _names(text: str) -> dict[str, set[str]]:
    records = extract(parse(text, "README.md"))
    return {
        "models": {r.name for r in records if isinstance(r, ModelRecord) and not r.continued},
        "datasets": {r.name for r in records if isinstance(r, DatasetRecord)},
        "benchmarks": {r.name for r in records if isinstance(r, BenchmarkRecord)},
    }


@pytest.mark.parametrize("title", ["Notable releases", "Part II", "🚀 Highlights", "3. Models"])
def test_the_bundled_hub_with_its_models_heading_renamed_keeps_every_model(title: str) -> None:
    text = HUB.read_text("utf-8")
    models = [
        (line, level)
        for kind, line, _, level in top_sections(text, "README.md")
        if kind == "models"
    ]
    assert models == [(10, 2)]
    before, after = _names(text), _names(rewrite(text, models, title))
    assert len(before["models"]) == 51
    assert after == before
    renamed = next(
        c
        for c in classify(parse(rewrite(text, models, title), "README.md"))
        if c.section.start_line == 10
    )
    assert family(renamed.kind) == "models"


def test_a_bold_lead_in_under_a_directions_heading_is_its_direction() -> None:
    text = (
        "# A list\n\n## Open problems\n\n"
        "**Medicine.** Diagnosis still suffers from hallucination.\n\n"
        "## Open problems\n\n### Robotics\n\n**Latency.** Control loops need 10 ms.\n"
    )
    passages = [
        (r.topic, r.facet, r.text)
        for r in extract(parse(text, "t.md"))
        if isinstance(r, PassageRecord)
    ]
    assert passages == [
        ("Medicine", None, "Medicine. Diagnosis still suffers from hallucination."),
        ("Robotics", "Latency", "Latency. Control loops need 10 ms."),
    ]
