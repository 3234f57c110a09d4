"""Benchmarks named in write-up prose (evaluated_on mentions, vlm:Benchmark entities with
vlm:evaluatedOn), the data a sentence lists in the shapes write-ups use, and sizes the prose
states without a "parameters" noun. Fixture: hub_writeups_benchmarks.md."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest._benchmarks import evaluated_on, stated_as_data
from ingest._enumerations import enumerated
from ingest.records import ModelRecord
from kg.build import build
from kg.shacl import validate
from kg.vocab import PREFIXES

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("sentence", "benchmarks"),
    [
        # listed after a benchmark cue, in the vocabulary or not
        (
            "It is evaluated on image benchmarks (MMMU, Quill-Eval) and text benchmarks (MMLU).",
            [("MMMU", None), ("Quill-Eval", None), ("MMLU", None)],
        ),
        (
            "The family achieves state-of-the-art results on various benchmarks, including"
            " MMBench, TextVQA and Demo-Bench, showing its range.",
            [("MMBench", None), ("TextVQA", None), ("Demo-Bench", None)],
        ),
        # a vocabulary name in a clause about evaluation, with the score before it
        (
            "It reaches 72.4% on Video-MME and 61.0 on MathVista.",
            [("Video-MME", "72.4%"), ("MathVista", "61.0")],
        ),
        ("The model outperforms Demo-VL on ChartQA.", [("ChartQA", None)]),
        (
            "The ScienceQA dataset plays a key role in assessing its reasoning.",
            [("ScienceQA", None)],
        ),
        # training, not evaluation
        ("It is trained on ChartQA, DocVQA and Demo-Set.", []),
        ("It achieves strong results after being fine-tuned on DocVQA.", []),
        # a benchmark in another sense, and a capability named after one
        ("It sets a new benchmark for models with OCR, charts and DocVQA-style layouts.", []),
        ("Its OCR abilities improve.", []),
    ],
)
def test_evaluated_on(sentence: str, benchmarks: list[tuple[str, str | None]]) -> None:
    found = evaluated_on(sentence)
    assert [(m.name, m.score) for m in found] == benchmarks
    assert {m.relation for m in found} <= {"evaluated_on"}


@pytest.mark.parametrize(
    ("sentence", "datasets"),
    [
        (
            "The datasets employed in training Demo-VL, including ChartBank-2M, PlotText and"
            " DocVQA, were filtered.",
            ("ChartBank-2M", "PlotText", "DocVQA"),
        ),
        (
            "The training datasets—VidCap-10M, FrameQA and Ego-Talk—were mixed.",
            ("VidCap-10M", "FrameQA", "Ego-Talk"),
        ),
        (
            "Datasets used for co-training are: ClipSet, MotionRef, GazeQA.",
            ("ClipSet", "MotionRef", "GazeQA"),
        ),
        (
            "Pretraining data comes from sources like Common Crawl and WikiHow.",
            ("Common Crawl", "WikiHow"),
        ),
        (
            "Curated from open-source datasets, including captioning (COCO, CC3M), VQA"
            " (VQAv2, Visual Genome) and math (CLEVR-Math).",
            ("COCO", "CC3M", "VQAv2", "Visual Genome", "CLEVR-Math"),
        ),
        (
            "A diverse dataset encompassing OBELICS, LAION Coco, and PMD is used.",
            ("OBELICS", "LAION Coco", "PMD"),
        ),
    ],
)
def test_data_a_sentence_lists(sentence: str, datasets: tuple[str, ...]) -> None:
    assert sorted(enumerated(sentence)[0]) == sorted(datasets)


def test_a_benchmark_is_data_only_where_a_sentence_lists_it_as_data() -> None:
    text = (
        "It is trained on PlotText and DocVQA. The ScienceQA dataset plays a key role in"
        " assessing it."
    )
    assert stated_as_data(text, ["PlotText", "DocVQA", "ScienceQA"]) == {"plottext", "docvqa"}


@pytest.fixture(scope="module")
def records() -> list:
    return ingest.read_hubs([DATA / "hub_writeups_benchmarks.md"])


def _model(records: list, name: str) -> list[ModelRecord]:
    return [r for r in records if isinstance(r, ModelRecord) and r.name == name]


def test_write_up_facts(records: list) -> None:
    quillon = _model(records, "Quillon-VL")
    mentions = sorted(
        (m.name, m.score) for r in quillon for m in r.mentions if m.relation == "evaluated_on"
    )
    assert mentions == [
        ("ChartQA", None),
        ("DocVQA", None),
        ("MMMU", "81.5%"),
        ("Quill-Eval", None),
        ("ScienceQA", None),
        ("TextVQA", None),
    ]
    # DocVQA is also listed as training data; ScienceQA is only used to assess
    assert [r.training_data for r in quillon] == [
        (),
        (),
        (),
        ("ChartBank-2M", "PlotText", "DocVQA"),
    ]
    assert [(p.text, p.value) for r in quillon for p in r.parameters] == [("9B", 9e9)]
    stratus = _model(records, "Stratus-MoE")
    assert [(p.text, p.value, p.active) for r in stratus for p in r.parameters] == [
        ("120 billion", 120e9, False),
        ("12 billion are activated", 12e9, True),
    ]
    assert [r.training_data for r in stratus][-1] == (
        "VidCap-10M",
        "FrameQA",
        "Ego-Talk",
        "ClipSet",
        "MotionRef",
        "GazeQA",
        "Common Crawl",
        "WikiHow",
    )


def test_benchmarks_in_the_graph(records: list) -> None:
    graph = build(records)
    validate(graph)
    rows = graph.query(
        """SELECT ?b WHERE { ?m rdfs:label "Quillon-VL" ; vlm:evaluatedOn ?x .
           ?x a vlm:Benchmark ; rdfs:label ?b }""",
        initNs=PREFIXES,
    )
    assert sorted(str(r.b) for r in rows) == [
        "ChartQA",
        "DocVQA",
        "MMMU",
        "Quill-Eval",
        "ScienceQA",
        "TextVQA",
    ]
    scores = graph.query(
        """SELECT ?s ?b WHERE { ?m rdfs:label "Quillon-VL" ; vlm:result ?r .
           ?r vlm:score ?s ; vlm:benchmark/rdfs:label ?b }""",
        initNs=PREFIXES,
    )
    assert [(str(r.s), str(r.b)) for r in scores] == [("81.5%", "MMMU")]


@pytest.mark.parametrize(
    ("sentence", "vision", "language"),
    [
        (
            "Demo-VL connects Zen-ViT3 to a roughly 30B-total, 3B-active language model.",
            ["Zen-ViT3"],
            [],
        ),
        (
            "It couples the native-resolution ZenViT encoder to a sparse language decoder.",
            ["ZenViT"],
            [],
        ),
        (
            "It combines a frozen SigLIP vision encoder with the Orca-2B language model.",
            ["SigLIP"],
            ["Orca-2B"],
        ),
        # not parts: tokens joined to an LLM, a descriptive encoder
        ("It connects Demo-Seg visual tokens and prompts to an LLM.", [], []),
        ("It connects a NaViT-style dynamic-resolution encoder to the language model.", [], []),
    ],
)
def test_parts_a_joining_sentence_names(
    sentence: str, vision: list[str], language: list[str]
) -> None:
    from ingest._writeups import _joined_parts
    from ingest.records import Source

    record = _joined_parts(ModelRecord("Demo-VL", Source("arch.md", 3, 3)), sentence)
    assert [c.name for c in record.vision_encoders] == vision
    assert [c.name for c in record.language_backbones] == language


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("**Demo-VL-9B** joins the encoder to a decoder.", [("9B", 9e9, False)]),
        ("The family includes Demo-VL-34B.", [("34B", 34e9, False)]),
        # another model's size is not this one's; a version number is no size
        ("It builds on Fuyu-8B and Demo-VL 1.5.", []),
        (
            "It has 120 billion total parameters, but only 12 billion are activated.",
            [("12 billion are activated", 12e9, True)],
        ),
    ],
)
def test_sizes_stated_without_a_parameters_noun(
    text: str, sizes: list[tuple[str, float, bool]]
) -> None:
    from ingest._writeups import _stated_sizes
    from ingest.records import Source

    record = ModelRecord("Demo-VL", Source("arch.md", 3, 3))
    assert [(c.text, c.value, c.active) for c in _stated_sizes(record, text)] == sizes
