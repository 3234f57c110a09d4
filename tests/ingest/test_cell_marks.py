"""A list's legend that defines its own marks for cells with no value ("`?` — unknown"):
such a cell is kept as the list writes it, a mark the legend does not define states
nothing, and a list without such a legend reads as before."""

from __future__ import annotations

from pathlib import Path

import ingest
from ingest._labels import cell_marks
from ingest.markdown import parse
from ingest.records import ModelRecord

LEGEND = """# Zoo

**How to read the cells**

- `?` — unknown: we could not find it.
- `n/a` — not applicable (a segmentation model has no text side).
- `TBA` — the authors say it exists but have not given a number.

## Models

| Model | Lab | Vision encoder | LLM | Params | Notes |
|---|---|---|---|---|---|
| Alder-VL | ? | SigLIP | Qwen2-7B | 7B | a chat model |
| Birch-Seg | Demo Lab | ViT-H | n/a | TBA | — |
| Cedar | Demo Lab | — | Phi-3 | ? | - |
"""


def _models(tmp_path: Path, text: str) -> dict[str, ModelRecord]:
    path = tmp_path / "zoo.md"
    path.write_text(text, encoding="utf-8")
    return {r.name: r for r in ingest.read_hubs([path]) if isinstance(r, ModelRecord)}


def test_the_legend_defines_its_marks(tmp_path: Path) -> None:
    marks = cell_marks(parse(LEGEND, "zoo.md"))
    assert sorted(marks) == ["?", "n/a", "tba"]
    assert marks["?"] == "unknown: we could not find it."


def test_a_marked_cell_is_kept_as_written(tmp_path: Path) -> None:
    models = _models(tmp_path, LEGEND)
    assert models["Alder-VL"].organization is None
    assert models["Alder-VL"].organization_text == "?"
    assert models["Birch-Seg"].language_backbone_text == ("n/a",)
    assert models["Birch-Seg"].parameters_text == "TBA"
    assert models["Birch-Seg"].organization == "Demo Lab"
    assert models["Cedar"].parameters_text == "?"
    # "—" is no mark of this legend: the cell states nothing, as before
    assert models["Cedar"].vision_encoder_text == ()
    assert models["Birch-Seg"].description == ""


def test_without_a_legend_the_same_cells_state_nothing(tmp_path: Path) -> None:
    plain = LEGEND.replace("**How to read the cells**", "").split("## Models")[1]
    models = _models(tmp_path, "# Zoo\n\n## Models" + plain)
    assert models["Alder-VL"].organization_text is None
    assert models["Birch-Seg"].parameters_text is None
    assert models["Cedar"].parameters_text is None
