"""Whole-hub tests: the bundled hub and the older table-per-year hub."""

from __future__ import annotations

from collections import Counter

from ingest import entity_key, extract, parse
from ingest.records import (
    BenchmarkRecord,
    DatasetRecord,
    ModelRecord,
    ParameterCount,
    PassageRecord,
    Quantity,
    SectionRecord,
    Source,
    TableRowRecord,
    ToolRecord,
)
from tests.ingest.conftest import HUB, TABLE_HUB


def listed(records) -> list[ModelRecord]:
    """The model entries themselves, without the members an entry names."""
    return [r for r in records if isinstance(r, ModelRecord) and not r.series]


def models(records) -> dict[str, ModelRecord]:
    found = {r.name: r for r in listed(records)}
    assert len(found) == len(listed(records))  # names unique per hub
    return found


def test_record_counts(hub_records, table_hub_records) -> None:
    def count(records):
        def kind(r) -> str:
            return ("member " if getattr(r, "series", None) else "") + type(r).__name__

        return dict(sorted(Counter(kind(r) for r in records).items()))

    assert count(hub_records) == {
        "BenchmarkRecord": 26,
        "DatasetRecord": 52,
        "ModelRecord": 44,
        "member ModelRecord": 7,  # Molmo Series (4) and DeepSeek Janus Series (3)
        "PassageRecord": 67,  # 64 bullets and paragraphs, the privacy flow diagram, 2 code comments
        "SectionRecord": 44,
        "TableRowRecord": 16,
        "ToolRecord": 5,
    }
    assert count(table_hub_records) == {
        "BenchmarkRecord": 3,
        "DatasetRecord": 8,
        "ModelRecord": 25,
        "PassageRecord": 77,  # with the privacy flow diagram and 2 code comments
        "SectionRecord": 51,
        "TableRowRecord": 24,
        "ToolRecord": 6,
    }


def test_models_per_year_section(hub_records) -> None:
    years = {
        r.title: (r.year, len(r.items))
        for r in hub_records
        if isinstance(r, SectionRecord) and r.kind == "model_year"
    }
    # 18 entries in 2025; "Pixtral 12B & Pixtral Large" is two models.
    assert years == {
        "2025": (2025, 19),
        "2024": (2024, 13),
        "2023": (2023, 8),
        "2022 & Prior": (2022, 4),
    }
    per_year = Counter(m.year for m in models(hub_records).values())
    assert per_year == {2025: 19, 2024: 13, 2023: 8, 2022: 4}


def test_specific_models(hub_records) -> None:
    found = models(hub_records)
    emu3 = found["Emu3"]
    assert [(c.name, c.kind, c.broader) for c in emu3.vision_encoders] == [
        ("MoVQGAN", "vision_encoder", ())
    ]
    assert [(c.name, c.broader) for c in emu3.language_backbones] == [("LLaMA-2", ("LLaMA",))]
    assert emu3.source == Source(
        "vlm-research-hub.md",
        35,
        35,
        ("Multimodal/VLMs Research Hub", "Seminal models (Post-2021)", "2024"),
    )
    assert [p.value for p in found["Qwen2.5-VL"].parameters] == [3e9, 7e9, 72e9]
    assert [(c.name, c.broader) for c in found["Qwen2.5-VL"].language_backbones] == [
        ("Qwen2.5", ("Qwen",))
    ]
    nvlm = found["NVLM"]
    assert [p.value for p in nvlm.parameters] == [8e9, 24e9]
    assert nvlm.links[0].url == "https://arxiv.org/pdf/2409.11402"  # URL broken over two lines
    assert nvlm.links[0].arxiv_id == "2409.11402"
    assert (nvlm.source.start_line, nvlm.source.end_line) == (36, 37)
    assert [(c.name, c.broader) for c in found["Qwen2-VL"].vision_encoders] == [
        ("EVA-CLIP ViT-L", ("EVA-CLIP", "CLIP"))
    ]
    assert [(c.name, c.broader) for c in found["Pixtral"].vision_encoders] == [
        ("CLIP ViT-L/14", ("CLIP",))
    ]
    # "4.5B x 74": the factor as written, never multiplied out into a total
    assert found["DeepSeek-VL2"].parameters == (ParameterCount(4.5e9, "4.5B x 74", total=False),)
    assert found["VLM-R1"].based_on == ("DeepSeek R1", "Qwen2.5-VL")
    assert found["VLM-R1"].language_backbones == ()
    assert [c.name for c in found["Molmo Series"].language_backbones] == [
        "OLMoE-1B-7B",
        "OLMo-7B-1024",
        "Qwen2 7B",
        "Qwen2 72B",
    ]
    assert found["Molmo Series"].links == ()  # "]()"
    assert found["Llama 3.2 Vision"].language_count == 8
    assert found["Llama 3.2 Vision"].context_window == 128000
    assert found["Kimi-VL"].parameters == (ParameterCount(2.8e9, "2.8B", None, True),)
    assert found["Kimi-VL"].variants == ("Kimi-VL-Thinking", "Kimi-VL-A3B")
    assert found["LLaMA 3.2-vision"].variants == ()  # "LLaMA-3.1" is its backbone
    assert found["Gemma3"].organization == "Google"
    assert [c.name for c in found["Ola"].components] == [
        "SigLIP-400M",
        "Whisper-V3-Large",
        "BEATs-AS2M(cpt2)",
    ]
    assert [c.kind for c in found["Ola"].components] == [
        "vision_encoder",
        "audio_encoder",
        "audio_encoder",
    ]


def test_duplicate_model_listed_in_two_years(hub_records) -> None:
    listed = [
        m
        for m in models(hub_records).values()
        if entity_key(m.name) == entity_key("llama 3.2 vision")
    ]
    assert [(m.name, m.year, m.source.ref) for m in listed] == [
        ("Llama 3.2 Vision", 2025, "vlm-research-hub.md#L17-L17"),
        ("LLaMA 3.2-vision", 2024, "vlm-research-hub.md#L42-L42"),
    ]


def test_datasets_benchmarks_tools(hub_records) -> None:
    datasets = {r.name: r for r in hub_records if isinstance(r, DatasetRecord)}
    assert datasets["COCO"].sizes == (Quantity(328000, "images", "328K images"),)
    assert datasets["COCO"].category == "Core Training Datasets"
    assert datasets["Localized Narratives"].sizes == (
        Quantity(870000, "image-text pairs", "0.87 million image-text pairs"),
    )
    assert datasets["WebLI"].sizes[0].value == 12e9
    assert datasets["LVIS"].sizes == (
        Quantity(1203, "categories", "1,203 long-tail object categories"),
    )
    assert datasets["UCF101"].sizes[0] == Quantity(13000, "video clips", "13K video clips")
    assert datasets["Wikipedia-based Image Text"].language_count == 108
    assert (
        datasets["Chicago Face Dataset"].aliases,
        datasets["Chicago Face Dataset"].category,
    ) == (("CFD",), "Bias")
    assert datasets["Flickr30k"].year == 2014
    benchmarks = {(r.name, r.group) for r in hub_records if isinstance(r, BenchmarkRecord)}
    assert ("Video-MMLU", "Video-Language Benchmarks") in benchmarks
    assert ("OCRBench", None) in benchmarks and ("OCRBench v2", None) in benchmarks
    leaderboard = next(
        r
        for r in hub_records
        if isinstance(r, BenchmarkRecord) and r.name == "Open VLM Leaderboard"
    )
    assert (leaderboard.year, leaderboard.links[0].kind) == (2025, "huggingface")
    tools = {
        r.name: (r.group, r.license, r.speedup) for r in hub_records if isinstance(r, ToolRecord)
    }
    assert tools == {
        "VLMEvalKit": ("Core Tools", "Apache-2.0", None),
        "VLM-BiasCheck": ("Core Tools", "MIT", None),
        "4-bit QAT": ("Optimization Toolkit", None, "3.2×"),
        "Flash Attention": ("Optimization Toolkit", None, "2.8×"),
        "Layer Dropping": ("Optimization Toolkit", None, "1.9×"),
    }


def test_tables_and_passages(hub_records) -> None:
    rows = Counter((r.kind, r.table) for r in hub_records if isinstance(r, TableRowRecord))
    assert rows == {
        ("compression_technique", "SOTA Compression"): 3,
        ("embodied_task", "Embodied AI Integration"): 2,
        ("ethical_challenge", "Ethical Challenges"): 8,
        ("privacy_impact", "Real-World Impact"): 3,
    }
    gender = next(r for r in hub_records if isinstance(r, TableRowRecord) and r.key == "Gender")
    assert gender.cells == (
        ("Bias Type", "Gender"),
        ("Prevalence", "23%"),
        ("High-Risk Domains", "Career images"),
        ("Mitigation Effectiveness", "63% reduction (Counterfactual)"),
    )
    facets = Counter(
        (p.topic, p.facet)
        for p in hub_records
        if isinstance(p, PassageRecord) and p.kind == "research_direction"
    )
    assert facets[("Regression Tasks", "Key Challenges")] == 2
    assert facets[("Medical VLMs", "Emerging Solutions")] == 3
    assert facets[("Efficient Edge Deployment", "Hardware-Software Codesign")] == 3
    automotive = [
        p.text for p in hub_records if isinstance(p, PassageRecord) and p.topic == "Automotive"
    ]
    assert automotive == [
        "ADAS (Advanced Driver-Assistance Systems)",
        "Autonomous Driving",
        "Driver Warning Systems",
    ]


def test_section_kinds(hub_records, table_hub_records) -> None:
    def kinds(records):
        return {r.title: r.kind for r in records if isinstance(r, SectionRecord)}

    hub = kinds(hub_records)
    assert hub["Seminal models (Post-2021)"] == "models"
    assert hub["2022 & Prior"] == "model_year"
    assert hub["Datasets & Benchmarks"] == "datasets"
    assert hub["Bias"] == "dataset_category"
    assert hub["Video-Language Benchmarks"] == "benchmark_group"
    assert hub["Medical VLMs"] == "research_direction"
    assert hub["Ethical Challenges"] == "ethics"
    assert hub["Privacy Protection Framework"] == "privacy"
    assert hub["Optimization Toolkit"] == "tool_group"
    assert hub["Automotive"] == "application"
    assert hub["Contributing Guidelines"] == "other"
    tables = kinds(table_hub_records)
    assert tables["2022 & Earlier Models"] == "model_year"
    assert tables["Current SOTA Performance (2024)"] == "benchmarks"
    assert tables["Embodied AI Integration"] == "research_direction"  # "## 3." at the wrong level
    assert tables["Key Components"] == "research_facet"
    assert tables["Research Toolkit"] == "tools"
    assert tables["Table of Contents"] == "other"


def test_table_hub_models_from_columns(hub_records, table_hub_records) -> None:
    tables = models(table_hub_records)
    assert len(tables) == 25
    row = tables["Emu3"]
    assert (row.year, row.architectures, row.source.ref) == (
        2024,
        ("decoder-only",),
        "hub_2025-03-16_tables.md#L33-L33",
    )
    assert [(c.name, c.broader) for c in row.language_backbones] == [("LLaMA-2", ("LLaMA",))]
    assert [c.name for c in row.vision_encoders] == ["MoVQGAN"]
    assert tables["DeepSeek-VL2"].parameters == (
        ParameterCount(333e9, "333B"),
        ParameterCount(4.5e9, "4.5B×74", total=False),
    )
    assert (
        tables["BLIP"].parameters == () and tables["BLIP"].language_backbones == ()
    )  # "Varies", "From Scratch"
    assert tables["ImageBind"].language_backbones == ()  # "-"
    assert [c.name for c in tables["InstructBLIP"].language_backbones] == ["Flan-T5", "Vicuna"]
    assert tables["Gemma3"].context_window == 128000 and tables["Gemma3"].language_count == 140
    # Every model of the table hub that the bullet hub lists has the same encoders and backbones.
    bullets = models(hub_records)
    for name, model in tables.items():
        if name in bullets and name not in (
            "CLIP",
            "Gemma3",
            "PH4 Mini",
            "C4AI Aya Vision 32B",
            "Flamingo",
        ):
            assert [c.name for c in model.language_backbones] == [
                c.name for c in bullets[name].language_backbones
            ], name
    datasets = {r.name: r for r in table_hub_records if isinstance(r, DatasetRecord)}
    assert (datasets["CC3M"].sizes[0].value, datasets["CC12M"].sizes[0].value) == (3e6, 12e6)
    assert (datasets["LAION-5B"].year, datasets["LAION-5B"].license) == (2022, "CC-BY")
    assert datasets["LAION-5B"].sizes == (Quantity(5.8e9, "image-text pairs", "5.8B"),)
    assert datasets["MSCOCO"].sizes == (Quantity(328000, "items", "328K"),)
    tools = {r.name: (r.license, r.speedup) for r in table_hub_records if isinstance(r, ToolRecord)}
    assert tools["OpenVLM"] == ("CC-BY-NC", None)
    assert tools["Flash Attention"] == (None, "2.8×")


def test_extraction_is_deterministic() -> None:
    text = HUB.read_text("utf-8")
    assert extract(parse(text, HUB.name)) == extract(parse(text, HUB.name))
    text = TABLE_HUB.read_text("utf-8")
    assert extract(parse(text, "a.md")) == extract(parse(text, "a.md"))


def test_application_metrics(hub_records) -> None:
    metrics = [
        (p.topic, p.metric)
        for p in hub_records
        if isinstance(p, PassageRecord) and p.kind == "application" and p.metric
    ]
    assert metrics == [
        ("Healthcare", "91% instrument tracking"),
        ("Healthcare", "0.92 AUC diagnosis"),
        ("Industrial", "99.3% defect detection"),
        ("Industrial", "0.89 crop health correlation"),
    ]
