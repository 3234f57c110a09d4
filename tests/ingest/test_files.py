from __future__ import annotations

from pathlib import Path

import pytest

from ingest import read_hubs
from ingest.records import DatasetRecord, ModelRecord
from tests.ingest.conftest import DATA, HUB
from vlmkg.errors import InputFileError, NoSectionsError


def test_reads_several_files_in_order(tmp_path: Path) -> None:
    records = read_hubs([HUB, DATA / "hub_freeform.md"])
    files = list(dict.fromkeys(r.source.file for r in records))
    assert files == ["vlm-research-hub.md", "hub_freeform.md"]


def test_freeform_hub() -> None:
    records = read_hubs([DATA / "hub_freeform.md"])
    found = {r.name: r for r in records if isinstance(r, ModelRecord)}
    assert list(found) == [
        "GLM-4.1V-Thinking",
        "MiniCPM-V 2.6",
        "Foo-VL",
        "LLaMA 3.2 Vision",
        "InternVL2.5",
    ]
    foo = found["Foo-VL"]
    assert (foo.year, foo.architectures, [p.value for p in foo.parameters]) == (
        2025,
        ("decoder-only",),
        [8e9],
    )
    assert [(c.name, c.broader) for c in foo.vision_encoders] == [("CLIP ViT-L/14", ("CLIP",))]
    assert [(c.name, c.broader) for c in foo.language_backbones] == [
        ("Qwen-3-8B", ("Qwen3", "Qwen"))
    ]
    assert foo.based_on == ("CogVLM2",)
    glm = found["GLM-4.1V-Thinking"]
    assert [c.name for c in glm.vision_encoders] == ["AIMv2-Huge"]
    assert [(c.name, c.broader) for c in glm.language_backbones] == [("GLM-4-9B", ("GLM-4", "GLM"))]
    assert glm.links[0].arxiv_id == "2507.01006v2"
    assert [c.name for c in found["LLaMA 3.2 Vision"].language_backbones] == ["LLaMA-3.1"]
    assert [p.value for p in found["LLaMA 3.2 Vision"].parameters] == [11e9, 90e9]
    intern = found["InternVL2.5"]
    assert (intern.year, [c.name for c in intern.vision_encoders]) == (2024, ["InternViT-6B"])
    [dataset] = [r for r in records if isinstance(r, DatasetRecord)]
    assert (dataset.name, dataset.year, dataset.sizes[0].value, dataset.languages) == (
        "ShareGPT4V",
        2023,
        1.2e6,
        ("English", "Chinese"),
    )


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, InputFileError, "no such file"),
        ("DIR", InputFileError, "is a directory"),
        (b"", InputFileError, "is empty"),
        (b"  \n\n", InputFileError, "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", InputFileError, "is a binary file"),
        ("caf\xe9 latin-1".encode("latin-1"), InputFileError, "is not UTF-8 text"),
        (
            b"# Notes\n\nJust some text.\n\n## Shopping\n- milk\n",
            NoSectionsError,
            "has no model, dataset or benchmark sections; nothing was built",
        ),
    ],
)
def test_bad_inputs(tmp_path: Path, content, error, message: str) -> None:
    path = tmp_path / "hub.md"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_hubs([path])
    assert str(path) in str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff## Models\n### 2025\n- **X** - [Decoder-only, 7B params](u)\n".encode())
    [model] = [r for r in read_hubs([path]) if isinstance(r, ModelRecord)]
    assert (model.name, model.year, model.source.file) == ("X", 2025, "bom.md")


def test_crlf_line_endings_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / HUB.name
    path.write_bytes(HUB.read_bytes().replace(b"\n", b"\r\n"))
    assert read_hubs([path]) == read_hubs([HUB])
