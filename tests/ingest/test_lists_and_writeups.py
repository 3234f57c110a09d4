"""Paper lists, model write-ups, member entities and typed mentions."""

from __future__ import annotations

import pytest

from ingest.records import Mention, ModelRecord, PaperRecord, PassageRecord
from kg.build import build
from kg.vocab import RDF, RES, VLM
from tests.ingest.conftest import records_of
from tests.kg._triples import triples_of

PAPERS = """# Hub

## Seminal Papers/Models

### 2025
- **Kimi-VL** - [An efficient MoE VLM. Activates only 2.8B parameters](https://github.com/x/kimi)

### Recent papers (2025)
- [METEOR: Multi-Encoder Collaborative Token Pruning for Efficient Vision Language Models](https://arxiv.org/pdf/2507.20842)
- [FuseLIP: Multimodal Embeddings via Early Fusion of Discrete Tokens](https://arxiv.org/pdf/2506.03096)
- [FuseLIP: Multimodal Embeddings via Early Fusion of Discrete Tokens](https://arxiv.org/pdf/2506.03096)
- [A Paper Without An arXiv Link At All](https://example.org/paper.pdf)
"""


def test_linked_titles_are_papers_not_models() -> None:
    records = records_of(PAPERS, "hub.md")
    assert [r.name for r in records if isinstance(r, ModelRecord)] == ["Kimi-VL"]
    papers = [r for r in records if isinstance(r, PaperRecord)]
    assert [(p.short_name, p.arxiv_id, p.year, p.source.start_line) for p in papers] == [
        ("METEOR", "2507.20842", 2025, 9),
        ("FuseLIP", "2506.03096", 2025, 10),
        ("FuseLIP", "2506.03096", 2025, 11),
        (None, None, 2025, 12),  # the heading's year
    ]


def test_paper_triples_listed_twice_is_one_paper() -> None:
    graph = build(records_of(PAPERS, "hub.md"))
    assert triples_of(graph, RES["paper/arxiv-2506.03096"]) == [
        'bibo:doi "10.48550/arXiv.2506.03096"',
        'dcterms:date "2025-06"^^xsd:gYearMonth',  # the month of its arXiv id
        'dcterms:title "FuseLIP: Multimodal Embeddings via Early Fusion of Discrete Tokens"',
        "prov:wasDerivedFrom res:source/hub/L10-L10",
        "prov:wasDerivedFrom res:source/hub/L11-L11",
        "rdf:type fabio:ResearchPaper",
        "rdf:type vlm:Paper",
        'rdfs:label "FuseLIP: Multimodal Embeddings via Early Fusion of Discrete Tokens"',
        'schema:url "https://arxiv.org/abs/2506.03096"^^xsd:anyURI',
        'skos:altLabel "FuseLIP"',
        'vlm:arxivId "2506.03096"',
        "vlm:listedIn res:section/hub/recent-papers-2025",
        'vlm:position "2"^^xsd:integer',
        'vlm:position "3"^^xsd:integer',
        'vlm:releaseYear "2025"^^xsd:integer',
    ]
    models = set(graph.subjects(RDF.type, VLM.Model))
    assert sorted(str(m).rsplit("/", 1)[-1] for m in models) == ["kimi-vl"]


WRITE_UP = """# Awesome Architectures

## Architectures

### **Kestrel K3: Delta Attention at Scale**

Kestrel K3 is a sparse MoE for million-token reasoning.

[![arXiv](https://img.shields.io/badge/arXiv-2607.24653-b31b1b.svg)](https://arxiv.org/abs/2607.24653) [![GitHub](https://badges.aleen42.com/src/github.svg)](https://github.com/example/kestrel)

Kestrel Team, Moonshot AI<br>
**Released:** 2026-07-27

**Kestrel K3** has 2.8T total and 104B active parameters across 93 layers.

A 401M-parameter MoonViT-V2 encoder supplies native image and video input. The model leverages the Qwen2.5-72B model for language understanding. Unlike the Q-Former design of BLIP-2, it uses an MLP projector.

### **Plover Scout and Maverick: Two Sizes**

Plover Scout and Plover Maverick are MoE models.

Meta<br>
**Released:** 2025-04-05

Scout has 109B total parameters across 16 experts and Maverick approximately 400B across 128 experts; both activate about 17B parameters per token. Scout supports a 10M-token context, whereas Maverick supports 1M tokens.
"""  # noqa: E501


@pytest.fixture(scope="module")
def write_up() -> list:
    return records_of(WRITE_UP, "arch.md")


def test_one_model_per_heading_with_subtitle_links_and_release(write_up) -> None:
    main = [r for r in write_up if isinstance(r, ModelRecord) and not r.continued]
    assert [(m.name, m.series) for m in main] == [
        ("Kestrel K3", None),
        ("Plover Scout and Maverick", None),
        ("Plover Scout", "Plover Scout and Maverick"),
        ("Plover Maverick", "Plover Scout and Maverick"),
    ]
    kestrel = main[0]
    assert (kestrel.subtitle, kestrel.authors, kestrel.date, kestrel.year) == (
        "Delta Attention at Scale",
        "Kestrel Team, Moonshot AI",
        "2026-07-27",
        2026,
    )
    assert kestrel.organization == "Moonshot AI"
    assert [link.kind for link in kestrel.links] == ["arxiv", "github"]
    assert kestrel.description == "Kestrel K3 is a sparse MoE for million-token reasoning."
    assert (kestrel.source.start_line, kestrel.source.end_line) == (5, 12)


def test_prose_facts_cited_to_their_paragraph(write_up) -> None:
    later = [r for r in write_up if isinstance(r, ModelRecord) and r.continued]
    by_line = {r.source.start_line: r for r in later if r.name == "Kestrel K3"}
    assert sorted(by_line) == [14, 16]
    assert [(p.value, p.active) for p in by_line[14].parameters] == [(2.8e12, False), (104e9, True)]
    assert by_line[16].parameters == ()  # 401M is the encoder's size, not the model's
    assert [c.name for c in by_line[16].vision_encoders] == ["MoonViT-V2"]
    assert [c.name for c in by_line[16].language_backbones] == ["Qwen2.5-72B"]
    passages = [r for r in write_up if isinstance(r, PassageRecord) and r.subject == "Kestrel K3"]
    assert [p.source.start_line for p in passages] == [14, 16]


def test_members_get_their_own_facts(write_up) -> None:
    members = {r.name: r for r in write_up if isinstance(r, ModelRecord) and r.series}
    scout, maverick = members["Plover Scout"], members["Plover Maverick"]
    assert [(p.value, p.active) for p in scout.parameters] == [(109e9, False), (17e9, True)]
    assert [(p.value, p.active) for p in maverick.parameters] == [(400e9, False), (17e9, True)]
    assert (scout.context_window, maverick.context_window) == (10_000_000, 1_000_000)


def test_members_and_passages_in_the_graph(write_up) -> None:
    graph = build(write_up)
    series = triples_of(graph, RES["model/plover-scout-and-maverick"])
    assert [t for t in series if t.startswith("vlm:member")] == [
        "vlm:member res:model/plover-maverick",
        "vlm:member res:model/plover-scout",
    ]
    scout = triples_of(graph, RES["model/plover-scout"])
    assert "vlm:memberOf res:model/plover-scout-and-maverick" in scout
    assert not [t for t in scout if t.startswith("vlm:listedIn")]  # not an entry of its own
    about = sorted(str(s) for s in graph.subjects(VLM.about, RES["model/kestrel-k3"]))
    assert len(about) == 2


ENTRY = """# Hub

## Models

### 2025
- **Molmo Series** - [Four models by Ai2: MolmoE-1B, Molmo-7B-O, Molmo-7B-D, and Molmo-72B. MolmoE-1B based on OLMoE-1B-7B, Molmo-7B-O on OLMo-7B-1024, Molmo-7B-D on Qwen2 7B, and Molmo-72B on Qwen2 72B. Molmo-72B outperforms Kimi-VL.]()
- **Kimi-VL** - [An efficient MoE VLM. Trained on COCO. Scores 72.4% on MMMU.]()

## Datasets
- **COCO** - [Common objects in context](https://cocodataset.org)

## Benchmarks
- **MMMU** - [Multi-discipline reasoning](https://mmmu-benchmark.github.io)
"""  # noqa: E501


def test_entry_members_with_what_each_is_based_on() -> None:
    records = records_of(ENTRY, "hub.md")
    members = {r.name: r for r in records if isinstance(r, ModelRecord) and r.series}
    assert sorted(members) == ["Molmo-72B", "Molmo-7B-D", "Molmo-7B-O", "MolmoE-1B"]
    backbones = {n: [c.name for c in m.language_backbones] for n, m in members.items()}
    assert backbones == {
        "MolmoE-1B": ["OLMoE-1B-7B"],
        "Molmo-7B-O": ["OLMo-7B-1024"],
        "Molmo-7B-D": ["Qwen2 7B"],
        "Molmo-72B": ["Qwen2 72B"],
    }
    assert all(m.organization == "Ai2" for m in members.values())


def test_mentions_are_typed_by_the_sentence() -> None:
    records = records_of(ENTRY, "hub.md")
    kimi = next(r for r in records if isinstance(r, ModelRecord) and r.name == "Kimi-VL")
    assert kimi.mentions == (
        Mention("COCO", "trained_on", None, "Trained on COCO."),
        Mention("MMMU", "evaluated_on", "72.4%", "Scores 72.4% on MMMU."),
    )
    graph = build(records)
    kimi_triples = triples_of(graph, RES["model/kimi-vl"])
    assert [t for t in kimi_triples if t.split()[0] in ("vlm:trainedOn", "vlm:evaluatedOn")] == [
        "vlm:evaluatedOn res:benchmark/mmmu",
        "vlm:trainedOn res:dataset/coco",
    ]
    molmo_72b = triples_of(graph, RES["model/molmo-72b"])
    assert "vlm:outperforms res:model/kimi-vl" in molmo_72b


def test_a_dated_table_is_keyed_by_its_name_column() -> None:
    text = (
        "# Hub\n\n## Release Timeline\n\n"
        "| Date | Architecture | Contribution |\n| --- | --- | --- |\n"
        "| 2024-01-30 | LLaVA 1.6 | Dynamic resolution |\n"
        "| 2024-01-30 | MouSi | Poly-visual experts |\n"
    )
    rows = [r for r in records_of(text, "hub.md") if r.__class__.__name__ == "TableRowRecord"]
    assert [(r.key, r.cells[0]) for r in rows] == [
        ("LLaVA 1.6", ("Date", "2024-01-30")),
        ("MouSi", ("Date", "2024-01-30")),
    ]


def test_the_model_name_with_a_size_is_an_alias() -> None:
    text = (
        "# Hub\n\n## Architectures\n\n### **PaddleOCR-VL: Compact Parsing**\n\n"
        "PaddleOCR-VL parses documents.\n\n**PaddleOCR-VL-0.9B** connects a NaViT-style "
        "visual encoder to the compact ERNIE-4.5-0.3B language model.\n"
    )
    models = [r for r in records_of(text, "hub.md") if isinstance(r, ModelRecord)]
    assert [(m.aliases, m.continued) for m in models] == [
        ((), False),
        (("PaddleOCR-VL-0.9B",), True),  # named in the later paragraph: the same IRI
    ]
    graph = build(records_of(text, "hub.md"))
    assert 'skos:altLabel "PaddleOCR-VL-0.9B"' in triples_of(graph, RES["model/paddleocr-vl"])
    assert [c.name for c in models[1].language_backbones] == ["ERNIE-4.5-0.3B"]


@pytest.mark.parametrize(
    ("text", "connectors", "stages"),
    [
        ("A Q-Former bridges the frozen image encoder and the LLM.", ("q-former",), None),
        ("Unlike BLIP-2, it avoids the Q-Former entirely.", (), None),
        (
            "A two-layer MLP projector maps features; trained in three stages.",
            ("mlp projector",),
            3,
        ),
        ("It inserts cross-attention modules into every fourth block.", ("cross-attention",), None),
        ("A meticulous two-stage training process.", (), 2),
    ],
)
def test_connectors_and_training_stages(text: str, connectors: tuple, stages: int | None) -> None:
    from ingest._facts import connectors as read_connectors
    from ingest._facts import training_stages

    assert (read_connectors(text), training_stages(text)) == (connectors, stages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("104B active parameters across 93 layers", [(93.0, "layers", "93 layers")]),
        (
            "activates 16 of 896 routed experts plus two shared experts",
            [
                (16.0, "routed experts", "16 of 896 routed experts"),
                (2.0, "shared experts", "two shared experts"),
            ],
        ),
        ("uses no more than 128 A100 GPUs", [(128.0, "GPUs", "128 A100 GPUs")]),
        ("produces up to 3,600 visual tokens", [(3600.0, "visual tokens", "3,600 visual tokens")]),
        ("six different modalities", [(6.0, "modalities", "six different modalities")]),
        ("a 400M vision encoder", []),
    ],
)
def test_model_quantities(text: str, expected: list) -> None:
    from ingest._numbers import model_quantities

    assert [(q.value, q.unit, q.text) for q in model_quantities(text)] == expected


def test_the_hubs_own_words_stay_beside_the_normalised_part(hub_records) -> None:
    written = {
        r.name: (r.vision_encoder_text, [c.name for c in r.vision_encoders])
        for r in hub_records
        if isinstance(r, ModelRecord) and r.name in ("Qwen2.5-VL", "NVLM")
    }
    assert written == {
        "Qwen2.5-VL": (("redesigned ViT",), ["ViT"]),
        "NVLM": (("custom ViT",), ["ViT"]),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Context windows reach 128K or 256K depending on the variant.", 256_000),
        ("while extending context to 256K and strengthening coding", 256_000),
        ("The released weights support contexts up to one million tokens.", 1_000_000),
        ("The model supports a 1,048,576-token context.", 1_048_576),
        ("targeting lossless 256K contexts", 256_000),
    ],
)
def test_context_windows_in_prose(text: str, expected: int) -> None:
    from ingest._numbers import context_window

    assert context_window(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Training uses WebLI, comprising 10 billion images.", ("WebLI",)),
        ("The use of the WebLI dataset is integral to the model's training.", ("WebLI",)),
        (
            "Trained in stages supported by datasets such as RefCOCO, WebLI and CC3M-35L.",
            ("RefCOCO", "WebLI", "CC3M-35L"),
        ),
        (
            "Fine-tuning sources include PixMo-Docs, PixMo-Clocks, and PixMo-Count.",
            ("PixMo-Docs", "PixMo-Clocks", "PixMo-Count"),
        ),
    ],
)
def test_training_data_in_prose(text: str, expected: tuple) -> None:
    from ingest._facts import training_data

    assert training_data(text) == expected


def test_a_listed_name_spelled_otherwise_is_still_mentioned() -> None:
    text = (
        "# Hub\n\n## Models\n\n### 2024\n"
        "- **Qwen2-VL** - [Decoder-only, 7B parameters]()\n"
        "- **UI-TARS** - [A GUI agent built on Qwen-2-VL 7B and 72B]()\n"
    )
    ui_tars = next(
        r for r in records_of(text, "hub.md") if isinstance(r, ModelRecord) and r.name == "UI-TARS"
    )
    assert [(m.name, m.relation) for m in ui_tars.mentions] == [("Qwen2-VL", "based_on")]


def test_a_reference_list_lists_works_by_title() -> None:
    text = (
        "# Hub\n\n## Important References\n\n- [VLM Primer by A. Writer](https://example.org/p)\n"
    )
    papers = [r for r in records_of(text, "hub.md") if isinstance(r, PaperRecord)]
    assert [(p.title, p.source.start_line) for p in papers] == [("VLM Primer by A. Writer", 5)]
