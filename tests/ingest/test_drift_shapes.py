"""Shapes a hub drifts to when its author rewrites it (tests/data/hub_drift_2026.md): models
in prose paragraphs, fields between dashes, labelled sub-bullets, a table with renamed and
reordered columns, an entry naming two models; each shape -> the exact facts it becomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._entries import prose_entry
from ingest._facts import organization, release_date
from ingest._model_cells import cell_names
from ingest._models import entry_fields, split_model_names
from ingest.markdown import Paragraph
from ingest.records import ModelRecord
from kg.build import build
from kg.vocab import RES
from tests.kg._triples import triples_of

DRIFT = Path(__file__).resolve().parents[1] / "data" / "hub_drift_2026.md"
# provenance, order and links are tested elsewhere; these are the facts of each model
_NOT_FACTS = (
    "prov:",
    "vlm:position",
    "vlm:listedIn",
    "rdf:type",
    "dcterms:description",
    "vlm:link",
    "vlm:mentions",
)


def facts_of(markdown: str, key: str) -> list[str]:
    graph = build(extract(parse(markdown, "t.md")))
    return [t for t in triples_of(graph, RES[f"model/{key}"]) if not t.startswith(_NOT_FACTS)]


@pytest.mark.parametrize(
    ("markdown", "key", "expected"),
    [
        pytest.param(
            "### 2026\n\n**Kestrel Omni** is a decoder-only mixture-of-experts model from Moonshot"
            " AI, released in July 2026. It has 1.2T total parameters with 48B active, uses"
            " MoonViT-2 as its vision encoder and Kestrel Base as its language backbone.",
            "kestrel-omni",
            [
                'dcterms:date "2026-07"^^xsd:gYearMonth',
                'rdfs:label "Kestrel Omni"',
                "schema:creator res:organization/moonshot-ai",
                'vlm:activeParameterCount "48000000000"^^xsd:decimal',
                "vlm:architecture res:architecture/decoder-only",
                "vlm:architecture res:architecture/moe",
                "vlm:languageBackbone res:llm/kestrel-base",
                'vlm:organization "Moonshot AI"',
                'vlm:parameterCount "1200000000000"^^xsd:decimal',
                'vlm:parameterText "1.2T"',
                'vlm:parameterText "48B"',
                'vlm:releaseYear "2026"^^xsd:integer',
                "vlm:visionEncoder res:encoder/moonvit-2",
            ],
            id="bold-prose-paragraph",
        ),
        pytest.param(
            "### 2026\n\nHeron-VL 4 (Northwind Labs, March 2026) pairs an InternViT-6B vision"
            " encoder with Qwen3-72B; 78B parameters in total.\n\nIt was trained on LAION-5B and"
            " COYO-700M and supports a 32K-token context.\n\nThe list below is updated weekly.",
            "heron-vl-4",
            [
                'dcterms:date "2026-03"^^xsd:gYearMonth',
                'rdfs:label "Heron-VL 4"',
                "schema:creator res:organization/northwind-labs",
                'vlm:contextWindow "32000"^^xsd:integer',
                "vlm:languageBackbone res:llm/qwen3-72b",
                'vlm:organization "Northwind Labs"',
                'vlm:parameterCount "78000000000"^^xsd:decimal',
                'vlm:parameterText "78B"',
                'vlm:releaseYear "2026"^^xsd:integer',
                'vlm:trainingData "COYO-700M"',
                'vlm:trainingData "LAION-5B"',
                "vlm:visionEncoder res:encoder/internvit-6b",
            ],
            id="plain-prose-paragraph-and-its-follow-up",
        ),
        pytest.param(
            "### 2026\n\nWren 2 is Ai2's open model family, released in 2025, with 4B and 8B"
            " variants built on OLMo-2.",
            "wren-2",
            [
                'rdfs:label "Wren 2"',
                "schema:creator res:organization/ai2",
                "vlm:basedOn res:llm/olmo-2",
                "vlm:languageBackbone res:llm/olmo-2",
                'vlm:organization "Ai2"',
                'vlm:parameterCount "4000000000"^^xsd:decimal',
                'vlm:parameterCount "8000000000"^^xsd:decimal',
                'vlm:parameterText "4B"',
                'vlm:parameterText "8B"',
                'vlm:releaseYear "2025"^^xsd:integer',  # the paragraph's year, not the heading's
            ],
            id="possessive-organisation",
        ),
        pytest.param(
            "### 2026\n- **Tern 3n** — Google — March 2025 — Decoder-only — MobileNet-V5 encoder"
            " — 4B parameters",
            "tern-3n",
            [
                'dcterms:date "2025-03"^^xsd:gYearMonth',
                'rdfs:label "Tern 3n"',
                "schema:creator res:organization/google",
                "vlm:architecture res:architecture/decoder-only",
                'vlm:organization "Google"',
                'vlm:parameterCount "4000000000"^^xsd:decimal',
                'vlm:parameterText "4B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/mobilenet-v5",
            ],
            id="fields-between-dashes",
        ),
        pytest.param(
            "### 2026\n- **Gannet-Think**\n  - Organisation: Zhipu AI\n  - Vision encoder:"
            " AIMv2-Huge\n  - LLM: GLM-4.5-Air\n  - Parameters: 106B total, 12B active\n"
            "  - Released: 2025-08-11",
            "gannet-think",
            [
                'dcterms:date "2025-08-11"^^xsd:date',
                'rdfs:label "Gannet-Think"',
                "schema:creator res:organization/zhipu-ai",
                'vlm:activeParameterCount "12000000000"^^xsd:decimal',
                "vlm:languageBackbone res:llm/glm-4.5-air",
                'vlm:languageBackboneText "GLM-4.5-Air"',  # a labelled field is a cell
                'vlm:organization "Zhipu AI"',
                'vlm:parameterCount "106000000000"^^xsd:decimal',
                'vlm:parameterText "106B"',
                'vlm:parameterText "12B"',
                'vlm:parametersText "106B total, 12B active"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/aimv2-huge",
                'vlm:visionEncoderText "AIMv2-Huge"',
            ],
            id="labelled-sub-bullets",
        ),
        pytest.param(
            "### Notes\n- **Skua Edge**\n  - Developer: Acme Research\n  - Parameters:"
            " Undisclosed\n  - Vision encoder: SigLIP",
            "skua-edge",
            [
                'rdfs:label "Skua Edge"',
                "schema:creator res:organization/acme-research",
                'vlm:organization "Acme Research"',
                'vlm:undisclosed "parameters"',
                "vlm:visionEncoder res:encoder/siglip",
                'vlm:visionEncoderText "SigLIP"',
            ],
            id="labelled-undisclosed",
        ),
        pytest.param(
            "### Table\n\n| Released | Name | Developer | Base LLM | Vision Tower | Params (B) |"
            " License |\n|---|---|---|---|---|---|---|\n| Mar 2025 | Murre Vision | Cohere |"
            " Command R7B | SigLIP2 | 8 / 32 | CC-BY-NC |",
            "murre-vision",
            [
                'dcterms:date "2025-03"^^xsd:gYearMonth',
                'dcterms:license "CC-BY-NC"',
                'rdfs:label "Murre Vision"',
                "schema:creator res:organization/cohere",
                "vlm:languageBackbone res:llm/command-r7b",
                'vlm:languageBackboneText "Command R7B"',
                'vlm:organization "Cohere"',
                'vlm:parameterCount "32000000000"^^xsd:decimal',
                'vlm:parameterCount "8000000000"^^xsd:decimal',
                'vlm:parameterText "32B"',
                'vlm:parameterText "8B"',
                'vlm:parametersText "8B / 32B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/siglip-2",
                'vlm:visionEncoderText "SigLIP2"',
            ],
            id="reordered-renamed-columns",
        ),
        pytest.param(
            "### Table\n\n| Released | Name | Developer | Base LLM | Vision Tower | Params (B) |"
            "\n|---|---|---|---|---|---|\n| 2024 | Frigate | Undisclosed | N/A | Undisclosed | - |",
            "frigate",
            [
                'rdfs:label "Frigate"',
                'vlm:releaseYear "2024"^^xsd:integer',
                'vlm:undisclosed "language_backbone"',
                'vlm:undisclosed "organization"',
                'vlm:undisclosed "vision_encoder"',
            ],
            id="undisclosed-and-na-cells",
        ),
        pytest.param(
            "### Families\n- **Petrel 4 Scout & Maverick** (2025): Meta's MoE models, 17B active"
            " parameters, MetaCLIP vision encoder.",
            "petrel-4-maverick",
            [
                'rdfs:label "Petrel 4 Maverick"',
                "schema:creator res:organization/meta",
                'vlm:activeParameterCount "17000000000"^^xsd:decimal',
                "vlm:architecture res:architecture/moe",
                'vlm:organization "Meta"',
                'vlm:parameterText "17B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/metaclip",
            ],
            id="two-models-one-family",
        ),
        pytest.param(
            "### Earlier\n\n**Wren-VL 3** (2025) — An 8B decoder-only model from Northwind Labs"
            " using SigLIP-2 and Qwen3-8B.",
            "wren-vl-3",
            [
                'rdfs:label "Wren-VL 3"',
                "schema:creator res:organization/northwind-labs",
                "vlm:architecture res:architecture/decoder-only",
                "vlm:languageBackbone res:llm/qwen3-8b",
                'vlm:organization "Northwind Labs"',
                'vlm:parameterCount "8000000000"^^xsd:decimal',
                'vlm:parameterText "8B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/siglip-2",
                'vlm:visionEncoderText "SigLIP-2"',
            ],
            id="known-parts-without-role-words",
        ),
        pytest.param(
            "### Earlier\n\n1. **Auk 3** (2025): 7B parameters, CLIP ViT-L/14, Vicuna-7B.",
            "auk-3",
            [
                'rdfs:label "Auk 3"',
                "vlm:languageBackbone res:llm/vicuna-7b",
                'vlm:parameterCount "7000000000"^^xsd:decimal',
                'vlm:parameterText "7B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/clip-vit-l-14",
            ],
            id="numbered-entry-of-bare-parts",
        ),
        pytest.param(
            "### 2026\n\n**Heron 5**: A 106B MoE (12B active) built on GLM-5-Air, with an"
            " AIMv2-Huge vision encoder. Released 2026-01-20 under the MIT license.",
            "heron-5",
            [
                'dcterms:date "2026-01-20"^^xsd:date',
                'dcterms:license "MIT"',
                'rdfs:label "Heron 5"',
                'vlm:activeParameterCount "12000000000"^^xsd:decimal',
                "vlm:architecture res:architecture/moe",
                "vlm:basedOn res:llm/glm-5-air",
                "vlm:languageBackbone res:llm/glm-5-air",
                'vlm:parameterCount "106000000000"^^xsd:decimal',
                'vlm:parameterText "106B"',
                'vlm:parameterText "12B"',
                'vlm:releaseYear "2026"^^xsd:integer',
                "vlm:visionEncoder res:encoder/aimv2-huge",
            ],
            id="size-before-a-model-noun",
        ),
        pytest.param(
            "### Table\n\n| # | Model | Org | Date | Size | Vision | LLM | Context |\n"
            "|---|---|---|---|---|---|---|---|\n| 2 | **Plover-2** | Alibaba | 11/2025 |"
            " 72B (MoE, 8B active) | ViT-600M | Qwen3-72B | 32k tokens |",
            "plover-2",
            [
                'dcterms:date "2025-11"^^xsd:gYearMonth',
                'rdfs:label "Plover-2"',
                "schema:creator res:organization/alibaba",
                'vlm:activeParameterCount "8000000000"^^xsd:decimal',
                'vlm:contextWindow "32000"^^xsd:integer',
                "vlm:languageBackbone res:llm/qwen3-72b",
                'vlm:languageBackboneText "Qwen3-72B"',
                'vlm:organization "Alibaba"',
                'vlm:parameterCount "72000000000"^^xsd:decimal',
                'vlm:parameterText "72B"',
                'vlm:parameterText "8B"',
                'vlm:parametersText "72B (MoE, 8B active)"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/vit-600m",
                'vlm:visionEncoderText "ViT-600M"',
            ],
            id="size-vision-llm-columns",
        ),
        pytest.param(
            "### Table\n\n| Model | Year | Parameters | Vision Encoder/Tokenizer |\n"
            "|---|---|---|---|\n| [Emu3 (BAAI)](https://example.org/emu3) | 09/27/2024 |"
            " 8B<br>34B | ViT-H/14 |",
            "emu3",
            [
                'dcterms:date "2024-09-27"^^xsd:date',
                'rdfs:label "Emu3"',
                "schema:creator res:organization/baai",
                'vlm:organization "BAAI"',
                'vlm:parameterCount "34000000000"^^xsd:decimal',
                'vlm:parameterCount "8000000000"^^xsd:decimal',
                'vlm:parameterText "34B"',
                'vlm:parameterText "8B"',
                'vlm:parametersText "8B / 34B"',  # a line break in a cell separates values
                'vlm:releaseYear "2024"^^xsd:integer',
                "vlm:visionEncoder res:encoder/vit-h-14",
                'vlm:visionEncoderText "ViT-H/14"',
            ],
            id="line-break-in-a-cell-and-an-acronym-organisation",
        ),
        pytest.param(
            "### Zoo\n\n| | Params | Vision Encoder | LLM |\n|---|---|---|---|\n"
            "| Auk-7B | 7B | SigLIP | Vicuna-7B |",
            "auk-7b",
            [
                'rdfs:label "Auk-7B"',
                "vlm:languageBackbone res:llm/vicuna-7b",
                'vlm:languageBackboneText "Vicuna-7B"',
                'vlm:parameterCount "7000000000"^^xsd:decimal',
                'vlm:parameterText "7B"',
                'vlm:parametersText "7B"',
                "vlm:visionEncoder res:encoder/siglip",
                'vlm:visionEncoderText "SigLIP"',
            ],
            id="blank-name-header",
        ),
    ],
)
def test_shape_to_facts(markdown: str, key: str, expected: list[str]) -> None:
    assert facts_of(f"## Models\n\n{markdown}\n", key) == expected


def test_the_drift_fixture_models() -> None:
    records = extract(parse(DRIFT.read_text("utf-8"), DRIFT.name))
    models = [r for r in records if isinstance(r, ModelRecord)]
    assert [(m.name, m.source.start_line, m.continued) for m in models] == [
        ("Kestrel Omni", 11, False),
        ("Heron-VL 4", 13, False),
        ("Heron-VL 4", 15, True),  # "It was trained on ...": more facts of the model above
        ("Wren 2", 19, False),  # "The list below is updated every week." is no model
        ("Plover-VL", 23, False),
        ("Tern 3n", 24, False),
        ("Gannet-Think", 25, False),
        ("Skua Edge", 31, False),
        ("Auk 2.5", 40, False),
        ("Murre Vision", 41, False),
        ("Frigate", 42, False),
        ("Petrel 4 Scout", 46, False),
        ("Petrel 4 Maverick", 46, False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alibaba — 2025 — 2B/8B — SigLIP-2 vision encoder", ("Alibaba", None, 2025, ())),
        ("Google — March 2025 — Decoder-only", ("Google", "2025-03", 2025, ())),
        ("Northwind Labs | 7B | 2024-11-02", ("Northwind Labs", "2024-11-02", 2024, ())),
        ("(Acme Research, 2026) pairs a ViT with X", ("Acme Research", None, 2026, ())),
        ("Developer: Zhipu AI. Released: 05/02/2026", ("Zhipu AI", "2026-05-02", 2026, ())),
        (
            "Parameters: Undisclosed. Training data: N/A",
            (None, None, None, ("parameters", "training_data")),
        ),
        ("Decoder-only with 7B parameters, using SigLIP", (None, None, None, ())),
        ("Vision Language Model — Decoder Only", (None, None, None, ())),  # no organisation word
    ],
)
def test_entry_fields(text: str, expected: tuple) -> None:
    fields = entry_fields(text)
    assert (fields.organization, fields.date, fields.year, fields.undisclosed) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was released in July 2026.", ("2026-07", 2026)),
        ("Launched on 2025-08-11 by the team.", ("2025-08-11", 2025)),
        ("released on March 3, 2025", ("2025-03-03", 2025)),
        ("released in early 2025", (None, 2025)),
        ("Trained in 2025 on web data.", (None, None)),  # a year, but not a release
    ],
)
def test_release_date(text: str, expected: tuple) -> None:
    assert release_date(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Llama 4 Scout & Maverick", ("Llama 4 Scout", "Llama 4 Maverick")),
        ("Pixtral 12B & Pixtral Large", ("Pixtral 12B", "Pixtral Large")),
        ("Pixtral 12B & Large", ("Pixtral 12B & Large",)),
        ("Search & Rescue", ("Search & Rescue",)),
    ],
)
def test_split_model_names(name: str, expected: tuple) -> None:
    assert split_model_names(name) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("InternVL 4 (Shanghai AI Lab, March 2026) pairs a ViT with an LLM.", "InternVL 4"),
        ("Molmo-2 is an open model family.", "Molmo-2"),
        ("GLM-4.5V, from Zhipu AI, uses a 106B MoE.", "GLM-4.5V"),  # an apposition
        ("Emu3, released in 2024, pairs a MoVQGAN encoder with LLaMA-2.", "Emu3"),
        ("BLIP-2, Flamingo, and Emu3 use frozen encoders.", None),  # a list is no subject
        ("GLM-4.5V, Qwen2-VL, uses a 106B MoE.", None),  # names, not an apposition
        ("The model is trained on web data.", None),
        ("Recent models use larger encoders.", None),
    ],
)
def test_prose_entry(text: str, name: str | None) -> None:
    entry = prose_entry(Paragraph(text, text, (), (), 1, 1))
    assert (entry.name if entry else None) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("was released in 2023 by Acme Labs. It uses CLIP.", "Acme Labs"),
        ("An 8B model from Northwind Research, using SigLIP.", "Northwind Research"),
        ("is Ai2's open model family", "Ai2"),
        ("Trained by the team on 01.AI data.", None),  # no organisation word, no known name
        ("Distilled from Qwen2.5-VL Large outputs.", None),  # a model, not an organisation
    ],
)
def test_organization_in_prose(text: str, expected: str | None) -> None:
    assert organization(text, []) == expected


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Vicuna-7B/13B", ["Vicuna-7B", "Vicuna-13B"]),
        ("Llama 3.1 8B / 70B", ["Llama 3.1 8B", "Llama 3.1 70B"]),
        ("Qwen2-1.5B, Qwen2-7B", ["Qwen2-1.5B", "Qwen2-7B"]),
        ("CLIP ViT-L/14", ["CLIP ViT-L/14"]),
        ("7B / 13B", ["7B", "13B"]),  # no name to take the sizes from
        ("Qwen-2.5-7B (listed: Qwen-2.5-7B, BEATs-AS2M(cpt2))", ["Qwen-2.5-7B"]),  # nested note
    ],
)
def test_sizes_after_a_sized_name(cell: str, names: list[str]) -> None:
    assert [n.name for n in cell_names(cell)] == names


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "1. LISA: A Layer-wise Integration Approach for Hallucination Mitigation — "
            "https://arxiv.org/pdf/2507.19110",
            (
                "LISA: A Layer-wise Integration Approach for Hallucination Mitigation",
                "LISA",
                "2507.19110",
                2025,
            ),
        ),
        (
            "- Time Blindness: Why Video-Language Models Can't See What Humans Can? - "
            "https://arxiv.org/abs/2505.24867",
            (
                "Time Blindness: Why Video-Language Models Can't See What Humans Can?",
                "Time Blindness",
                "2505.24867",
                2025,
            ),
        ),
    ],
)
def test_reading_list_title_then_bare_url_is_a_paper(line, expected):
    """A reading list's 'Title — URL' line (a bare URL, no markdown link) is a paper, its
    arXiv id and year from the URL, under a theme heading whose words name models."""
    from ingest.records import PaperRecord

    text = f"# t\n\n## Reading list\n\n### Making models cheaper\n\n{line}\n"
    papers = [r for r in extract(parse(text, "t.md")) if isinstance(r, PaperRecord)]
    assert [(p.title, p.short_name, p.arxiv_id, p.year) for p in papers] == [expected]


def test_a_bare_url_inside_a_sentence_is_no_link():
    block = parse("# t\n\nSee https://example.org for more.\n", "t.md").sections[0].blocks[0]
    assert isinstance(block, Paragraph) and block.links == ()
