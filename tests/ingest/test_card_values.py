"""Card fields that describe a part instead of naming it (tests/data/hub_cards_described.md):
"a custom vision encoder", "a 2B visual encoder", "depending on the member" are kept as
written and make no component; "A, B or C" names three."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest._model_cells import cell_names
from ingest.records import ModelRecord

CARDS = Path(__file__).resolve().parents[1] / "data" / "hub_cards_described.md"


@pytest.fixture(scope="module")
def models() -> dict[str, ModelRecord]:
    records = extract(parse(CARDS.read_text("utf-8"), CARDS.name))
    return {r.name: r for r in records if isinstance(r, ModelRecord)}


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("a custom vision encoder", []),
        ("a 2B visual encoder", []),
        ("a sparse mixture-of-experts (MoE) language decoder", []),
        ("a language encoder pretrained from scratch", []),
        ("Granite, Falcon or Phi-3, depending on the member", ["Granite", "Falcon", "Phi-3"]),
        ("a custom ViT", ["a custom ViT"]),
        ("Llama 3.1 8B / 70B", ["Llama 3.1 8B", "Llama 3.1 70B"]),
        ("Vicuna-7B/13B", ["Vicuna-7B", "Vicuna-13B"]),
        ("SigLIP (400M, frozen)", ["SigLIP"]),
    ],
)
def test_cell_names_of_described_parts(cell: str, names: list[str]) -> None:
    assert [n.name for n in cell_names(cell)] == names


def test_described_parts_make_no_component(models: dict[str, ModelRecord]) -> None:
    parts = {
        name: (
            [c.name for c in m.vision_encoders],
            m.vision_encoder_text,
            [c.name for c in m.language_backbones],
            m.language_backbone_text,
        )
        for name, m in models.items()
    }
    assert parts == {
        "Heron-VL": ([], ("a custom vision encoder",), ["Granite"], ("Granite",)),
        "Kestrel Large": ([], ("a 2B visual encoder",), ["Falcon 2"], ("Falcon 2",)),
        "Plover": (
            ["PloverViT"],
            ("PloverViT (native resolution)",),
            [],
            ("a sparse mixture-of-experts (MoE) language decoder",),
        ),
        "Wren family": (
            [],
            (),
            ["Granite", "Falcon", "Phi-3"],
            ("Granite, Falcon or Phi-3, depending on the member",),
        ),
        "Sparrow2": (["SparrowViT"], ("SparrowViT",), [], ("various pre-trained LLMs",)),
    }
