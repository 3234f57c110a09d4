"""Model headings that state their fields, "### Larkspur (Finch Labs, 2024)", in a reading
list (tests/data/notes_headings.md): the name without the parenthesis, the organisation and
year from it; two names with a parenthesis each; a section heading whose subtitle lists
topics ("resolution, encoders and data recipes") is no datasets section."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest._headings import heading_kind
from ingest._writeups import heading_fields
from ingest.records import ModelRecord, SectionRecord

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "notes_headings.md"


@pytest.fixture(scope="module")
def records():
    return ingest.read_hubs([FIXTURE])


def _models(records) -> dict[str, ModelRecord]:
    out: dict[str, ModelRecord] = {}
    for r in records:
        if isinstance(r, ModelRecord) and not r.continued:
            out.setdefault(r.name, r)
    return out


def test_each_heading_is_its_model_with_the_fields_it_states(records) -> None:
    models = _models(records)
    assert sorted(models) == [
        "Bramble", "Heron-Z", "Heron-Z and Heron-Z2", "Heron-Z2", "Larkspur", "Quill", "Reed",
        "Sedge", "Thistle", "Thistle and Thistle-Omni", "Thistle-Omni",
    ]  # fmt: skip
    found = {n: (m.organization, m.year) for n, m in models.items()}
    assert found["Larkspur"] == ("Finch Labs", 2024)
    assert found["Bramble"] == ("Pond Group", 2025)
    assert found["Quill"] == ("Demo Lab", 2026)
    # a lower-case organisation is one still
    assert found["Thistle and Thistle-Omni"] == ("moss-lab Team", 2025)
    # one parenthesis closing the heading is of every name before it
    assert found["Thistle"] == ("moss-lab Team", 2025)
    assert found["Thistle-Omni"] == ("moss-lab Team", 2025)
    # a parenthesis after each name: each its own; authors name no organisation
    assert found["Heron-Z"] == ("Nest AI", 2024)
    assert found["Heron-Z2"] == (None, 2026)


def test_a_subtitle_of_topics_names_no_kind_and_the_write_ups_make_it_models(records) -> None:
    kinds = {r.title: r.kind for r in records if isinstance(r, SectionRecord)}
    assert kinds["Projector + LLM: resolution, encoders and data recipes"] == "models"
    assert kinds["Encoder-free designs"] == "models"
    assert kinds["Larkspur (Finch Labs, 2024)"] == "model_entry"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Projector + LLM: resolution, encoders and data recipes", None),
        ("Data: what we train on", "datasets"),
        ("Benchmarks: video and documents", "benchmarks"),
        ("Known failure modes", "ethics"),  # no colon: the modifier nearest the head
    ],
)
def test_the_kind_of_a_heading_with_a_subtitle(title: str, kind: str | None) -> None:
    assert heading_kind(title, None) == kind


@pytest.mark.parametrize(
    ("heading", "name", "fields"),
    [
        ("ImageBind (Meta, 2023)", "ImageBind", {"ImageBind": ("Meta", None, 2023)}),
        (
            "Ovis (Alibaba International, March 2024)",
            "Ovis",
            {"Ovis": ("Alibaba International", "2024-03", 2024)},
        ),
        ("Alpha-CLIP (Zeyi Sun et al., 2023)", "Alpha-CLIP", {"Alpha-CLIP": (None, None, 2023)}),
        # no year, or no fields at all: the parenthesis stays the name's
        ("Chicago Face Dataset (CFD)", "Chicago Face Dataset (CFD)", {}),
        ("Qwen 2.5 (7B)", "Qwen 2.5 (7B)", {}),
        ("Moondream (a tiny model)", "Moondream (a tiny model)", {}),
    ],
)
def test_heading_fields(heading: str, name: str, fields: dict) -> None:
    found_name, found = heading_fields(heading)
    assert found_name == name
    assert {k: v for k, v in found.items() if k} == fields
