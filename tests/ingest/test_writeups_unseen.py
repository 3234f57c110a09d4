"""Facts of write-ups in the style of the architectures list that no rule was written
against: a release timeline dates write-ups, a fine-tune named after its base LLM is the
language model, "X-based" language sides, generic network words are no part, a name's
bounds inside adjectives and role words, own sizes in any case, active counts as written,
phased training, connectors named by their kind, data listed in brackets and later
releases as family members. Fixture: hub_writeups_unseen.md."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest._components import components
from ingest._facts import connectors, training_stages
from ingest.gazetteer import split_name
from ingest.records import ModelRecord

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "hub_writeups_unseen.md"


def _models(text: str | None = None, tmp_path: Path | None = None) -> list[ModelRecord]:
    path = FIXTURE
    if text is not None and tmp_path is not None:
        path = tmp_path / FIXTURE.name
        path.write_text(text, encoding="utf-8")
    return [r for r in ingest.read_hubs([path]) if isinstance(r, ModelRecord)]


def _facts(models: list[ModelRecord], name: str) -> dict[str, tuple[str, ...]]:
    """Every fact kind of one model, over its header record and its paragraphs' records."""
    own = [m for m in models if m.name == name]
    return {
        "vision": tuple(sorted({c.name for m in own for c in m.vision_encoders})),
        "language": tuple(sorted({c.name for m in own for c in m.language_backbones})),
        "parameters": tuple(sorted({c.text for m in own for c in m.parameters})),
        "connectors": tuple(sorted({c for m in own for c in m.connectors})),
        "data": tuple(sorted({d for m in own for d in m.training_data})),
        "stages": tuple(sorted({m.training_stages for m in own if m.training_stages})),
        "dates": tuple(sorted({f"{m.date} {m.year}" for m in own if m.year})),
    }


def test_timeline_rows_date_the_write_ups() -> None:
    dates = {m.name: (m.date, m.year) for m in _models() if not m.continued}
    assert dates == {
        "Larkspur-VL": ("2026-02-03", 2026),  # no release line, no arXiv id
        "PaWE": ("2022-05-17", 2022),
        "Tern": ("2024-12-30", 2024),  # the list's date, not its arXiv id's 2025
        "Heron-2": ("2025-06-01", 2025),
        "Heron-2.5": ("2026-03", 2026),  # a later release: its own sentence dates it
        "Quill": ("2025-03-11", 2025),  # the header's release line, not the row's 03-09
    }


def test_timeline_with_columns_reordered_dates_the_same(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) == 3:
            date, name, rest = cells
            line = " | ".join([f"| {name}", date[2:], rest])
        lines.append(line)
    moved = {m.name: m.year for m in _models("\n".join(lines) + "\n", tmp_path)}
    assert moved == {m.name: m.year for m in _models()}


def test_facts_of_each_write_up() -> None:
    models = _models()
    assert _facts(models, "Larkspur-VL") == {
        "vision": (),
        "language": ("Brightwing-2.5-Mistral-7B",),
        "parameters": (),
        "connectors": ("projector",),
        "data": ("DocWeave", "WikiStitch"),
        "stages": (2,),
        "dates": ("2026-02-03 2026",),
    }
    assert _facts(models, "PaWE") == {
        "vision": ("ViT-w",),
        "language": ("mT7",),  # not "Transformer"
        "parameters": ("17B",),
        "connectors": ("linear projection",),
        "data": (),
        "stages": (),
        "dates": ("2022-05-17 2022",),
    }
    assert _facts(models, "Tern")["parameters"] == ("16B", "2.8B activated")
    assert _facts(models, "Heron-2.5") == {
        "vision": ("SigLIP2-400M",),
        "language": ("Qwen3.5-0.8B",),
        "parameters": (),
        "connectors": (),
        "data": (),
        "stages": (),
        "dates": ("2026-03 2026",),
    }


def test_a_later_release_is_a_member_and_leaves_the_family_its_parts() -> None:
    models = _models()
    later = next(m for m in models if m.name == "Heron-2.5")
    assert later.series == "Heron-2"
    assert "SigLIP2-400M" not in _facts(models, "Heron-2")["vision"]


def test_a_fine_tune_named_after_its_base_llm_has_that_llm_broader() -> None:
    found = components("It is an evolution from its predecessor, Brightwing-2.5-Mistral-7B.")
    assert [(c.name, c.broader) for c in found.language_backbones] == [
        ("Brightwing-2.5-Mistral-7B", ("Mistral-7B", "Mistral"))
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "This model is an evolution from its predecessor, Brightwing-2.5-Mistral-7B, and more.",
        "This model builds upon Brightwing-2.5-Mistral-7B by adding function calling.",
        "This model is built on Brightwing-2.5-Mistral-7B with function calling.",
        "this model is based on Brightwing-2.5-Mistral-7B, adding function calling.",
    ],
)
def test_based_on_paraphrases_name_the_same_language_model(sentence: str) -> None:
    assert [c.name for c in components(sentence).language_backbones] == [
        "Brightwing-2.5-Mistral-7B"
    ]


@pytest.mark.parametrize(
    ("sentence", "vision", "language"),
    [
        (
            "It integrates a powerful ViT-w visual encoder with an mT7-based decoder.",
            ["ViT-w"],
            ["mT7"],
        ),
        ("It has a language model based on the Transformer architecture, enabling it.", [], []),
        ("The core of it is a standard Transformer encoder with MLP blocks.", [], []),
        ("It builds on the architecture of Demo's Qwen2-7B for text.", [], ["Qwen2-7B"]),
        (
            "Instead of relying on a pre-trained vision encoder (like CLIP), it learns patches.",
            [],
            [],
        ),
    ],
)
def test_name_bounds_and_generic_words(
    sentence: str, vision: list[str], language: list[str]
) -> None:
    # "like CLIP" is read here and dropped by the write-up reader: no part name is lowercase
    found = components(sentence)
    assert [c.name for c in found.vision_encoders if c.name != "like CLIP"] == vision
    assert [c.name for c in found.language_backbones] == language


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A projector with two stride-2 stages shortens the sequence.", ("projector",)),
        ("It uses an MLP projector between the parts.", ("mlp projector",)),
        ("It combines encoders, two linear projection layers, and an LLM.", ("linear projection",)),
        # a bare "projection layer" is no connector label: readers name the layer's kind
        ("A projection layer bridges the visual and linguistic domains.", ()),
    ],
)
def test_a_connector_named_by_its_kind_only_where_no_wider_name_covers_it(
    sentence: str, expected: tuple[str, ...]
) -> None:
    assert connectors(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "stages"),
    [
        ("It undergoes a comprehensive two-phase training regime.", 2),
        ("The training process consists of three phases: pre-training, SFT and RL.", 3),
        ("Training proceeds in four stages.", 4),
        ("The reasoning has no stages at all.", None),
        # words between the number and the noun, other prepositions
        ("The training of Kestrel unfolds across four stages: warm-up, pre-training ...", 4),
        ("Its training is structured into three distinct phases, starting with ...", 3),
        ("The training process consists of three progressive stages: alignment, ...", 3),
        # a network's stages are no training's
        ("It employs a five-stage ConvNeXt architecture as its visual encoder.", None),
    ],
)
def test_training_stages_and_phases(sentence: str, stages: int | None) -> None:
    assert training_stages(sentence) == stages


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a fine-tune named after its base LLM, listed without a role word of its own
        (
            "Released variants pair the connector with Phi-3, Vicuna 1.5, or Hermes-2-Yi.",
            [("Phi-3", "Phi"), ("Vicuna 1.5", "Vicuna"), ("Hermes-2-Yi", "Yi")],
        ),
        # the enumeration's shared role noun and its describing words are no part of a name
        (
            "It combines Qwen3-ASR specialist backbones with frozen projectors.",
            [("Qwen3-ASR", "Qwen3")],
        ),
        # ... and that noun is every item's: "text" of "Qwen3 text" is its role word
        (
            "It combines Qwen3 text, Qwen3-VL, and Qwen3-ASR specialist backbones with frozen"
            " projectors.",
            [("Qwen3", "Qwen"), ("Qwen3-ASR", "Qwen3")],
        ),
    ],
)
def test_listed_language_models_keep_their_names_and_families(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    found = components(sentence)
    assert [(c.name, c.broader[0]) for c in found.language_backbones] == expected


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Qwen3-ASR specialist backbones", "Qwen3-ASR"),
        ("Gemma 2 language models", "Gemma 2"),
        ("Pixtral vision encoder", "Pixtral vision"),  # a modality word before one noun stays
        ("Phi-4 framework", "Phi-4"),
        ("moondream1's SigLIP", "SigLIP"),
    ],
)
def test_a_part_name_loses_the_role_words_after_it(phrase: str, name: str) -> None:
    assert split_name(phrase)[0] == name
