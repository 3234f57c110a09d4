"""A list's own field labels: its legend, labelled sub-bullets, organisation headings, and
values qualified by the model they belong to."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest._labels import legend
from ingest._models import by_member
from ingest._sections import organization_heading
from ingest.files import read_hubs
from ingest.markdown import parse
from ingest.records import ModelRecord

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "**sees with** is the vision encoder, **thinks with** is the language model"
            " (pretrained backbone), **size** is the parameter count, **design** is the"
            " overall architecture.",
            {
                "sees with": "vision_encoder",
                "thinks with": "language_backbone",
                "size": "parameters",
                "design": "architecture",
            },
        ),
        (
            "`LM` = the language model; *scale*: the parameter count.",
            {
                "lm": "language_backbone",
                "scale": "parameters",
            },
        ),
        ("size = parameter count", {"size": "parameters"}),
        ('"Design" is the overall layout (decoder-only, ...).', {"design": "architecture"}),
        # a label defined by a clause, not a field, defines nothing
        ("`N/A` means the component does not exist for that design.", {}),
        ("**SigLIP** is the most popular encoder today, we think.", {}),
        ("Models are grouped by lab.", {}),
    ],
)
def test_legend(markdown: str, expected: dict[str, str]) -> None:
    assert legend(parse(f"# Hub\n\n{markdown}\n\n- **A** - b\n", "hub.md")) == expected


def test_legend_stands_before_the_entries() -> None:
    text = "# Hub\n\n- **A** - b\n\n**sees with** is the vision encoder.\n"
    assert legend(parse(text, "hub.md")) == {}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Google", "Google"),
        ("NVIDIA (NVlabs)", "NVIDIA"),
        ("Cohere For AI", "Cohere For AI"),
        ("Northwind Labs", "Northwind Labs"),
        ("Other labs", None),
        ("Gemma3", None),
        ("2025", None),
    ],
)
def test_organization_heading(title: str, expected: str | None) -> None:
    assert organization_heading(title) == expected


@pytest.mark.parametrize(
    ("value", "names", "expected"),
    [
        (
            "OLMo-7B (Molmo-7B-O), Qwen2 7B (Molmo-7B-D)",
            ("Molmo", "Molmo-7B-O", "Molmo-7B-D"),
            {"Molmo-7B-O": "OLMo-7B", "Molmo-7B-D": "Qwen2 7B"},
        ),
        (
            "a 400M encoder (Pixtral 12B); a 1B encoder (Pixtral Large)",
            ("Pixtral 12B", "Pixtral Large"),
            {"Pixtral 12B": "a 400M encoder", "Pixtral Large": "a 1B encoder"},
        ),
        (
            "Janus-Pro (7B and 1B), JanusFlow (1.3B)",
            ("Janus", "Janus-Pro", "JanusFlow"),
            {"Janus-Pro": "7B and 1B", "JanusFlow": "1.3B"},
        ),
        ("ViT-H (~632M parameters)", ("ImageBind",), None),  # a note, not a model
        ("OLMo-7B (Molmo-7B-O), Qwen2 7B", ("Molmo-7B-O",), None),  # not every item
    ],
)
def test_by_member(value: str, names: tuple[str, ...], expected: dict | None) -> None:
    assert by_member(value, names) == expected


def _facts(record: ModelRecord) -> tuple:
    return (
        record.name,
        record.year,
        record.organization,
        tuple(c.name for c in record.vision_encoders),
        tuple(c.name for c in record.language_backbones),
        tuple(p.text for p in record.parameters),
        record.architectures,
        record.language_count,
        record.context_window,
        record.series,
        record.source.start_line,
    )


def test_label_bullets_fixture() -> None:
    records = read_hubs([DATA / "hub_label_bullets.md"])
    models = [_facts(r) for r in records if isinstance(r, ModelRecord)]
    assert models == [
        # the legend's labels, a free-form "languages:" field, the notes read as prose
        (
            "Tern 5",
            2026,
            "Google",
            ("SigLIP",),
            ("Gemma 3",),
            ("4B", "12B"),
            ("decoder-only",),
            12,
            64000,
            None,
            11,
        ),
        # a prose entry with an apposition under the organisation's heading
        (
            "Tern 5 Lite",
            2025,
            "Google",
            ("SigLIP",),
            ("Gemma-2B",),
            ("1B",),
            ("decoder-only",),
            None,
            None,
            None,
            19,
        ),
        # values qualified by member: the family has them all, each member its own
        (
            "Heron family",
            2025,
            "NVIDIA",
            (),
            ("Qwen2 7B", "Vicuna"),
            ("7B", "13B"),
            (),
            None,
            None,
            None,
            23,
        ),
        ("Heron-S", 2025, "NVIDIA", (), ("Qwen2 7B",), ("7B",), (), None, None, "Heron family", 23),
        ("Heron-L", 2025, "NVIDIA", (), ("Vicuna",), ("13B",), (), None, None, "Heron family", 23),
        # "Other labs" names no organisation
        (
            "Plover",
            2024,
            None,
            ("EVA-CLIP",),
            ("Vicuna",),
            (),
            ("encoder-decoder",),
            None,
            None,
            None,
            30,
        ),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "| Model | looks with | speaks with |\n|---|---|---|\n| Auk-7B | SigLIP | Vicuna-7B |",
        "#### Auk-7B\n\n**looks with:** SigLIP · **speaks with:** Vicuna-7B\n\nA small model.",
    ],
    ids=["table-header", "card-label"],
)
def test_legend_reads_headers_and_card_labels(body: str, tmp_path: Path) -> None:
    hub = tmp_path / "hub.md"
    hub.write_text(
        "# Hub\n\n**looks with** is the vision encoder, **speaks with** is the language"
        f" model.\n\n## Models\n\n{body}\n",
        encoding="utf-8",
    )
    models = [r for r in read_hubs([hub]) if isinstance(r, ModelRecord)]
    assert [
        (m.name, [c.name for c in m.vision_encoders], [c.name for c in m.language_backbones])
        for m in models
    ] == [("Auk-7B", ["SigLIP"], ["Vicuna-7B"])]
