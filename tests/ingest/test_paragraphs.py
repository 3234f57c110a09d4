"""A hub rewritten as a notebook (tests/data/hub_notebook_prose.md): headings read by the
meaning of their words, models as prose paragraphs (several to a paragraph, a joined subject
split per model, a series of members), a dataset table with new column names, benchmarks
and tools as fields between dashes; each shape -> the exact records and triples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._facts import training_data
from ingest._fieldbullets import dash_fields, field_license, field_row
from ingest._headings import heading_kind
from ingest._measurements import measured_rows
from ingest._numbers import context_window, parameter_counts
from ingest._paragraphs import paragraph_entries
from ingest._sections import classify
from ingest.markdown import Paragraph
from ingest.records import DatasetRecord, ModelRecord, TableRowRecord
from kg.build import build
from kg.vocab import RES
from tests.kg._triples import triples_of

NOTEBOOK = Path(__file__).resolve().parents[1] / "data" / "hub_notebook_prose.md"
_NOT_FACTS = ("prov:", "vlm:position", "vlm:listedIn", "rdf:type", "vlm:mentions", "vlm:size")


@pytest.fixture(scope="module")
def graph():
    return build(extract(parse(NOTEBOOK.read_text("utf-8"), "t.md")))


def facts(graph, key: str) -> list[str]:
    return [t for t in triples_of(graph, RES[key]) if not t.startswith(_NOT_FACTS)]


@pytest.mark.parametrize(
    ("title", "pattern_kind", "expected"),
    [
        ("Data", None, "datasets"),
        ("Toolbox", None, "tools"),
        ("Risks", None, "ethics"),
        ("Open-source toolboxes", None, "tools"),
        ("Risks of deployment", None, "ethics"),
        ("How we measure", None, "benchmarks"),
        ("How we measured it", None, "benchmarks"),
        ("Where the field is going", None, "research_directions"),
        ("Where VLMs are used", "models", "applications"),  # the predicate, not the subject
        ("Foundation models", "models", "models"),
        ("Release timeline", None, None),  # "release" is no head word here
        ("What are VLMs?", None, None),  # a question is an introduction
        ("Moving targets", None, None),
        ("Open problems", None, "research_directions"),
        ("Known failure modes", None, "ethics"),  # the modifier nearest a head word of none
        ("Current challenges", None, "research_directions"),
        ("Surveys", None, "papers"),
        ("Must-read surveys of the field", None, "papers"),  # the head before a preposition
    ],
)
def test_heading_kind(title, pattern_kind, expected):
    assert heading_kind(title, pattern_kind) == expected


def test_section_kinds():
    document = parse(NOTEBOOK.read_text("utf-8"), "t.md")
    kinds = [(c.section.title, c.kind) for c in classify(document)][1:]
    assert kinds == [
        ("Foundation models", "models"),
        ("The Larch line", "model_group"),
        ("Cedar Labs", "model_group"),  # an organisation's heading over prose entries
        ("The Alder lineage", "model_group"),
        ("Other notable models", "model_group"),  # no model of that name
        ("Data", "datasets"),
        ("How we measure", "benchmarks"),
        ("Video", "benchmark_group"),
        ("Toolbox", "tools"),
        ("Risks", "ethics"),
        ("Where the field is going", "research_directions"),
        ("Where VLMs are used", "applications"),
    ]


def _paragraph(markdown: str) -> Paragraph:
    block = parse(f"# t\n\n## Models\n\n{markdown}\n", "t.md").sections[0].children[0].blocks[0]
    assert isinstance(block, Paragraph)
    return block


@pytest.mark.parametrize(
    ("markdown", "names"),
    [
        (
            "[A-1](u) (2022) is X. [A-2](u) (2023) kept Y. [A-3](u) (2023), small, uses Z.",
            ["A-1", "A-2", "A-3"],
        ),
        ("The original [Larch](u) (2024) was an encoder-decoder model.", ["Larch"]),
        ("Rowan (Example Institute, 2025) is a series of models.", ["Rowan"]),
        (
            "B Small & B Grand (Lab, 2025) are two models. [B Small](u) combines X.",
            ["B Small", "B Grand"],
        ),
        ("**Design note:** the encoder is frozen.", []),  # a label, not a model
        ("[![Model](badge.svg)](u) [Paper](u)", []),  # badges
        ("Evaluated on [Video-MME](u) it reaches 72%.", []),  # a link inside the sentence
        # a first sentence's name-like word before a predicate verb
        ("Molmo 2 is a family of open models. It uses SigLIP.", ["Molmo 2"]),
        ("InternVL 4 (Some Lab, March 2026) pairs an InternViT-6B encoder with X.", ["InternVL 4"]),
        ("Lumen-2 is a 7B model. [Lumen-3](u) (2026) adds video.", ["Lumen-2", "Lumen-3"]),
        ("Lumen-2 is a 7B model. GPT-4o is its rival.", ["Lumen-2"]),  # first sentence only
        ("Vision is hard. Lumen-2 is a 7B model.", []),  # no name-like word
    ],
)
def test_paragraph_subjects(markdown, names):
    assert [e.name for e in paragraph_entries(_paragraph(markdown))] == names


def test_write_up_with_bold_paragraphs_stays_one_model():
    markdown = (
        "# t\n\n## Architectures\n\n### Kite-VL: Small and Fast\n\n"
        "Kite-VL is a small model.\n\n**Token Merger** reduces tokens. **Kite-VL** uses it.\n"
    )
    kinds = [c.kind for c in classify(parse(markdown, "t.md"))]
    assert kinds == ["other", "models", "model_entry"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param(
            "model/larch-vl-3",
            [
                'dcterms:description "(2026) pairs a redesigned ViT with Larch-LM language models'
                ' at two sizes: 4B and 40B parameters. It is a decoder-only model."',
                'rdfs:label "Larch-VL 3"',
                "vlm:architecture res:architecture/decoder-only",
                "vlm:languageBackbone res:llm/larch-lm",
                "vlm:paper res:paper/arxiv-2601.00001",
                'vlm:parameterCount "4000000000"^^xsd:decimal',
                'vlm:parameterCount "40000000000"^^xsd:decimal',
                'vlm:parameterText "40B"',
                'vlm:parameterText "4B"',
                'vlm:releaseYear "2026"^^xsd:integer',
                "vlm:visionEncoder res:encoder/vit",
                'vlm:visionEncoderText "redesigned ViT"',
            ],
            id="link-subject-pairs-X-with-Y",
        ),
        pytest.param(
            "model/larch-vl",
            [
                'dcterms:description "(2024) was an encoder-decoder model at 6B parameters, with'
                ' Quartz-ViT-g as its vision encoder and Pine-LM as its language side."',
                'rdfs:label "Larch-VL"',
                "vlm:architecture res:architecture/encoder-decoder",
                "vlm:languageBackbone res:llm/pine-lm",
                "vlm:paper res:paper/arxiv-2401.00003",
                'vlm:parameterCount "6000000000"^^xsd:decimal',
                'vlm:parameterText "6B"',
                'vlm:releaseYear "2024"^^xsd:integer',
                "vlm:visionEncoder res:encoder/quartz-vit-g",
            ],
            id="determiner-before-the-link",
        ),
        pytest.param(
            "model/cedar-grand",
            [
                'dcterms:description "(Cedar Labs, 2025) are two decoder-only models with 90B'
                " parameters. Cedar Grand integrates a 2B visual encoder with Birch Large 3. Both"
                ' offer a 64k-token context window"',
                'rdfs:label "Cedar Grand"',
                "schema:creator res:organization/cedar-labs",
                "vlm:architecture res:architecture/decoder-only",
                'vlm:contextWindow "64000"^^xsd:integer',
                "vlm:languageBackbone res:llm/birch-large-3",
                'vlm:organization "Cedar Labs"',
                'vlm:parameterCount "90000000000"^^xsd:decimal',
                'vlm:parameterText "90B"',
                'vlm:releaseYear "2025"^^xsd:integer',
            ],
            id="joined-subject-respectively-and-both",
        ),
        pytest.param(
            "model/alder-2",
            [
                'dcterms:description "(2023) kept the encoder-decoder design at 11B parameters,'
                ' with Quartz-ViT-g for vision and Pine-LM-7B as backbone."',
                'rdfs:label "Alder-2"',
                "vlm:architecture res:architecture/encoder-decoder",
                "vlm:languageBackbone res:llm/pine-lm-7b",
                "vlm:paper res:paper/arxiv-2301.00005",
                'vlm:parameterCount "11000000000"^^xsd:decimal',
                'vlm:parameterText "11B"',
                'vlm:releaseYear "2023"^^xsd:integer',
                "vlm:visionEncoder res:encoder/quartz-vit-g",
            ],
            id="second-model-of-a-paragraph",
        ),
        pytest.param(
            "model/rowan-7b",
            [
                'dcterms:description "Rowan-7B, built on Birch-7B"',
                'rdfs:label "Rowan-7B"',
                "schema:creator res:organization/example-institute",
                "vlm:basedOn res:llm/birch-7b",
                "vlm:memberOf res:model/rowan",
                'vlm:organization "Example Institute"',
                'vlm:releaseYear "2025"^^xsd:integer',
            ],
            id="member-of-a-series-in-clauses",
        ),
        pytest.param(
            "model/hazel-omni",
            [
                'dcterms:description "(2025) has a native-resolution vision encoder. Its'
                " native-resolution vision encoder, OnyxViT, reads documents, and it has 3B"
                ' parameters."',
                'rdfs:label "Hazel-Omni"',
                "vlm:link res:link/github-com-example-hazel-omni",
                'vlm:parameterCount "3000000000"^^xsd:decimal',
                'vlm:parameterText "3B"',
                'vlm:releaseYear "2025"^^xsd:integer',
                "vlm:visionEncoder res:encoder/onyxvit",
            ],
            id="encoder-in-apposition",
        ),
        pytest.param(
            "dataset/tideqa",
            [
                'dcterms:description "questions about coastlines"',
                'rdfs:label "TideQA"',
                "vlm:category res:category/vqa",  # the "Use" column
                "vlm:link res:link/example-org-tideqa",
                'vlm:releaseYear "2019"^^xsd:integer',  # "[TideQA](url) (2019)"
            ],
            id="dataset-row-use-column-year-after-link",
        ),
        pytest.param(
            "benchmark/reelbench",
            [
                'dcterms:description "temporal grounding in long videos — 3,000 clips across 8'
                ' tasks"',
                'rdfs:label "ReelBench"',
                "vlm:category res:category/video",
                'vlm:releaseYear "2025"^^xsd:integer',
            ],
            id="benchmark-fields-between-dashes",
        ),
        pytest.param(
            "tool/graphkit",
            [
                'dcterms:description "evaluation — a harness for 12 benchmarks — MIT"',
                'dcterms:license "MIT"',
                'rdfs:label "GraphKit"',
                "vlm:link res:link/github-com-example-graphkit",
            ],
            id="tool-license-field",
        ),
    ],
)
def test_notebook_facts(graph, key, expected):
    assert facts(graph, key) == expected


def test_notebook_records():
    records = extract(parse(NOTEBOOK.read_text("utf-8"), "t.md"))
    models = [(r.name, r.series) for r in records if isinstance(r, ModelRecord)]
    assert models == [
        ("Larch-VL 3", None),
        ("Larch-VL 2", None),
        ("Larch-VL", None),
        ("Cedar Small", None),
        ("Cedar Grand", None),
        ("Alder", None),
        ("Alder-2", None),
        ("AlderInstruct", None),
        ("Rowan", None),
        ("Rowan-1B", "Rowan"),
        ("Rowan-7B", "Rowan"),
        ("Rowan-70B", "Rowan"),
        ("Hazel-Omni", None),
    ]
    cedar_small = next(r for r in records if isinstance(r, ModelRecord) and r.name == "Cedar Small")
    assert [link.url for link in cedar_small.links] == ["https://huggingface.co/cedar/cedar-small"]
    datasets = [
        (r.name, r.category, [s.text for s in r.sizes])
        for r in records
        if isinstance(r, DatasetRecord)
    ]
    assert datasets == [
        ("PebbleCaps", "pretraining", ["40M pairs"]),
        ("TideQA", "VQA", ["12K questions"]),
        ("DuneSeg", "segmentation", []),  # "—": no size
    ]


def test_dash_fields_and_license():
    from ingest._entries import Entry

    entry = Entry("X", (), None, "2025 — what it tests — details", ())
    assert dash_fields(entry) == Entry("X", (), 2025, "what it tests — details", ())
    prose = Entry("X", (), None, "released in 2025 as a small model", ())
    assert dash_fields(prose) == prose
    assert field_license("evaluation — a harness — Apache 2.0") == "Apache-2.0"
    assert field_license("a harness licensed like MIT's") is None


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Its context window is 128k tokens and it is tuned for reasoning.", 128_000),
        ("The context length was 32,768 tokens.", 32_768),
        ("Each image input is 576 tokens.", None),  # visual tokens, not a context
    ],
)
def test_context_window_stated_with_is(text, tokens):
    assert context_window(text) == tokens


def test_measured_items_in_a_sentence_are_table_rows():
    records = extract(parse(NOTEBOOK.read_text("utf-8"), "t.md"))
    rows = [
        (r.key, r.table, r.kind, r.cells)
        for r in records
        if isinstance(r, TableRowRecord) and r.table != "Risks"
    ]
    header = ("Pruning method", "shrink a 4B model to", "VRAM", "Accuracy")
    assert rows == [
        (
            "SnipA",
            "Pruning methods",
            "compression_technique",  # a VRAM column (tables.yaml)
            tuple(zip(header, ("SnipA", "2.1B", "3GB", "90.1%"), strict=True)),
        ),
        (
            "SnipB",
            "Pruning methods",
            "compression_technique",  # a VRAM column (tables.yaml)
            tuple(zip(header, ("SnipB", "2.9B", "4GB", "93.4%"), strict=True)),
        ),
    ]
    # a measurement the first item leaves unnamed makes no table
    source = records[0].source
    assert measured_rows("Two runs: A to 1B (3GB, 9%) and B to 2B (4GB, 8%).", source, "x") == []


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("It is decoder-only and comes in 1B, 4B, 12B and 27B sizes.", ["4B", "1B", "12B", "27B"]),
        ("The corpus comes in 5B and 12B sizes of tokens.", []),  # sizes of the data
    ],
)
def test_a_list_of_sizes(text, sizes):
    assert [c.text for c in parameter_counts(text)] == sizes


def test_member_sizes_in_a_parenthesis_and_an_encoder_for_vision():
    markdown = (
        "# t\n\n## Models\n\n[Fir Series](https://example.org/fir) (Example Lab, 2025) uses one"
        " decoder. It comes as Fir-Pro (7B and 1B), Fir (1.3B) and FirFlow (1.3B), understands"
        " English.\n\n[Yew](https://example.org/yew) (2023) uses one encoder per modality"
        " (Onyx-H with about 600M parameters for vision).\n"
    )
    records = [r for r in extract(parse(markdown, "t.md")) if isinstance(r, ModelRecord)]
    assert [(r.name, r.series, [c.text for c in r.parameters]) for r in records] == [
        ("Fir Series", None, []),
        ("Fir-Pro", "Fir Series", ["7B", "1B"]),
        ("Fir", "Fir Series", ["1.3B"]),
        ("FirFlow", "Fir Series", ["1.3B"]),
        ("Yew", None, ["about 600M"]),
    ]
    assert [c.name for c in records[-1].vision_encoders] == ["Onyx-H"]


def test_field_bullets_under_a_sentence_naming_their_columns_are_rows():
    records = extract(parse(NOTEBOOK.read_text("utf-8"), "t.md"))
    rows = [r for r in records if isinstance(r, TableRowRecord) and r.table == "Risks"]
    header = (
        "Risk",
        "How often each one shows up",
        "Where it hurts most",
        "How well mitigation works",
    )
    assert [(r.key, r.kind, r.cells) for r in rows] == [
        (
            "Counting",
            "ethical_challenge",
            tuple(
                zip(
                    header,
                    ("Counting", "moderate", "object detection", "needs specialised techniques"),
                    strict=True,
                )
            ),
        ),
        (
            "Glare",
            "ethical_challenge",
            tuple(
                zip(header, ("Glare", "12%", "night scenes", "40% with augmentation"), strict=True)
            ),
        ),
    ]
    # an intro naming another number of columns makes no row
    source = rows[0].source
    assert (
        field_row("A — 1% — x — y", "Two things: size and use:", "Risks", "ethics", source) is None
    )


def test_training_data_list_ends_at_its_tail():
    text = (
        "Its training data covers tool use, GUI operations and diagrams, among others, and it"
        " can be served as an API."
    )
    assert training_data(text) == ("tool use", "GUI operations", "diagrams")


def test_a_reading_list_theme_holds_papers():
    """A sub-heading of a papers section is a theme of papers, whatever its words name."""
    text = "# t\n\n## Reading list\n\n### Making models cheaper\n\n- [A](u)\n\n## Models\n"
    kinds = [(c.section.title, c.kind) for c in classify(parse(text, "t.md"))][1:]
    assert kinds == [
        ("Reading list", "papers"),
        ("Making models cheaper", "papers"),
        ("Models", "models"),
    ]
