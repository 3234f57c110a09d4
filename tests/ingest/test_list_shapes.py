"""Shapes a list may take that earlier lists did not (tests/data/hub_shapes_inline.md):
numbered model items with "; label: value" fields under year headings, a table written
sideways, bold group labels over dataset and benchmark bullets, plain capitalised names,
"Name (2025) verbs ..." bullets, a model table keyed after a "#" column with several
models in one cell, footnote markers and shared units, and an encoder table's "Used by"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest._cells import with_units, without_footnotes
from ingest._labels import inline_fields, legend
from ingest._model_cells import row_members
from ingest._tables import transposed
from ingest.extract import extract
from ingest.markdown import Table, parse
from ingest.records import BenchmarkRecord, DatasetRecord, ModelRecord, SectionRecord

DATA = Path(__file__).resolve().parent.parent / "data"
TEMPLATE = {"vision": "vision_encoder", "language": "language_backbone", "by": "organization"}


@pytest.fixture(scope="module")
def records() -> list:
    path = DATA / "hub_shapes_inline.md"
    return extract(parse(path.read_text(encoding="utf-8"), path.name))


def _models(records: list, line: int) -> list[ModelRecord]:
    return [r for r in records if isinstance(r, ModelRecord) and r.source.start_line == line]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024²", "2024"),
        ("CLIP ViT-L/14³", "CLIP ViT-L/14"),
        ("MoE architecture¹; SOTA", "MoE architecture; SOTA"),
        ("7B[^2]", "7B"),
        ("VLM²-Bench", "VLM²-Bench"),  # a name goes on after the mark
        ("10 km²", "10 km²"),  # a unit
    ],
)
def test_without_footnotes(cell: str, expected: str) -> None:
    assert without_footnotes(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7/20B", "7B/20B"),
        ("1/4/12/27B", "1B/4B/12B/27B"),
        ("7–14B", "7B–14B"),
        ("12.4B (12B + 0.4B)", "12.4B (12B + 0.4B)"),
        ("MoE 74x4.5B (333B)", "MoE 74x4.5B (333B)"),
        ("2024-09", "2024-09"),
    ],
)
def test_with_units(cell: str, expected: str) -> None:
    assert with_units(cell) == expected


def test_row_members_share_and_split_cells() -> None:
    cells = {"name": "Janus-Pro / Janus", "parameters": "7B, 1B / 1.3B", "organization": "X"}
    assert row_members(cells) == [
        {"name": "Janus-Pro", "parameters": "7B, 1B", "organization": "X"},
        {"name": "Janus", "parameters": "1.3B", "organization": "X"},
    ]
    # "/" inside parentheses or a name cell of one model: one row as it is
    one = {"name": "Pixtral encoder (400M / 1B)", "parameters": "1B"}
    assert row_members(one) == [one]


def test_legend_template_defines_clause_labels() -> None:
    document = parse((DATA / "hub_shapes_inline.md").read_text(encoding="utf-8"), "hub.md")
    assert legend(document) == TEMPLATE


@pytest.mark.parametrize(
    "text",
    [
        "decoder-only, 7B; vision: SigLIP; language: Qwen2.5; by Kestrel Labs. It reads charts.",
        # the same clauses in another order, and a label in capitals
        "decoder-only, 7B; by Kestrel Labs; Language: Qwen2.5; vision: SigLIP. It reads charts.",
    ],
)
def test_inline_fields(text: str) -> None:
    found = inline_fields(text, TEMPLATE)
    assert found is not None
    fields, rest = found
    assert sorted((f.meaning, f.value) for f in fields) == [
        ("language_backbone", "Qwen2.5"),
        ("organization", "Kestrel Labs"),
        ("vision_encoder", "SigLIP"),
    ]
    assert rest == "decoder-only, 7B. It reads charts."


def test_inline_fields_need_a_label() -> None:
    assert inline_fields("decoder-only, 7B; strong at OCR. It reads charts.", TEMPLATE) is None
    # "by" is a label only where the legend defines it
    assert inline_fields("fast; by contrast slower at OCR.", {}) is None


def test_numbered_items_are_one_row_tables(records: list) -> None:
    (heron,) = _models(records, 7)
    assert (heron.year, heron.organization, heron.architectures) == (
        2025,
        "Kestrel Labs",
        ("decoder-only",),
    )
    assert [c.name for c in heron.vision_encoders] == ["SigLIP"]
    assert [c.name for c in heron.language_backbones] == ["Qwen2.5"]
    assert [p.text for p in heron.parameters] == ["7B"]
    (wren,) = _models(records, 8)
    assert [c.name for c in wren.language_backbones] == ["Vicuna", "Flan-T5"]
    (gull,) = _models(records, 14)
    assert (gull.year, gull.organization) == (2024, "Meta")


def test_year_headings_over_model_items(records: list) -> None:
    kinds = {r.title: (r.kind, r.year) for r in records if isinstance(r, SectionRecord)}
    assert kinds["2025"] == ("model_year", 2025)
    assert kinds["2024"] == ("model_year", 2024)
    assert kinds["The menagerie"] == ("models", None)


def test_sideways_table_is_turned() -> None:
    table = Table(
        header=("", "Heron-VL", "Osprey"),
        rows=(
            ("Design", "decoder-only", "decoder-only"),
            ("Vision encoder", "SigLIP", "CLIP ViT-L/14"),
            ("Context", "32k", "128k"),
        ),
        row_lines=(3, 4, 5),
        start_line=1,
        end_line=5,
    )
    turned = transposed(table)
    assert turned is not None
    assert turned.header == ("Name", "Design", "Vision encoder", "Context")
    assert turned.rows == (
        ("Heron-VL", "decoder-only", "SigLIP", "32k"),
        ("Osprey", "decoder-only", "CLIP ViT-L/14", "128k"),
    )
    # a table whose header names attributes is read as it stands
    upright = Table(("Model", "Design", "Context"), (("A", "b", "c"),) * 3, (2, 3, 4), 1, 4)
    assert transposed(upright) is None


def test_sideways_table_rows_are_keyed_by_model(records: list) -> None:
    rows = [r for r in records if getattr(r, "table", None) == "Comparisons"]
    assert [(r.key, dict(r.cells)["Context"]) for r in rows] == [
        ("Heron-VL", "32k"),
        ("Osprey", "128k"),
    ]


def test_group_labels_and_plain_names(records: list) -> None:
    datasets = [(r.name, r.aliases, r.category) for r in records if isinstance(r, DatasetRecord)]
    assert datasets == [
        ("Visual Genome", (), "Pretraining pairs"),
        ("Wikipedia-based Image Text", ("WIT",), "Pretraining pairs"),
        ("Hateful Memes", (), "Safety"),
    ]  # "Note: sizes are rounded." is no dataset
    benchmarks = [(r.name, r.year, r.group) for r in records if isinstance(r, BenchmarkRecord)]
    assert benchmarks == [
        ("PuzzleBench", 2025, "Reasoning"),
        ("Owl", 2024, "Reasoning"),
        ("Owl v2", 2024, "Reasoning"),
    ]


def test_zoo_table_after_a_row_number(records: list) -> None:
    finch_pro, finch = _models(records, 46)
    assert (finch_pro.name, finch.name) == ("Finch-Pro", "Finch")
    assert (finch_pro.year, finch.year) == (2025, 2025)  # "2025²"
    assert [p.text for p in finch_pro.parameters] == ["7B", "20B"]  # "7/20B"
    assert [p.text for p in finch.parameters] == ["1.3B"]
    assert [c.name for c in finch_pro.language_backbones] == ["Qwen2.5"]
    assert [c.name for c in finch.language_backbones] == ["Qwen2"]
    assert [c.name for c in finch.vision_encoders] == ["SigLIP"]  # "SigLIP³", shared
    (lark,) = _models(records, 47)
    assert [p.text for p in lark.parameters] == ["7B", "14B"]  # "7–14B"
    assert (lark.year, lark.organization, lark.undisclosed) == (2024, None, ("language_backbone",))


def test_used_by_names_the_models_of_a_part(records: list) -> None:
    users = [
        (r.name, [c.name for c in r.vision_encoders], r.source.start_line)
        for r in records
        if isinstance(r, ModelRecord) and r.source.start_line >= 57
    ]
    assert users == [
        ("Finch-Pro", ["SigLIP"], 57),
        ("Heron-VL", ["SigLIP"], 57),
        ("Lark", ["ViT-H"], 58),
    ]
