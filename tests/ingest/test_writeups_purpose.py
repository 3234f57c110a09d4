"""Write-up facts of hub_writeups_purpose.md: a team of a known organisation is that
organisation's work, a connector after "no" is not the model's, a CLIP model built as a
ConvNeXt is of both families, Mixtral is no Mistral model, and a figure caption's
character references are read as characters."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest._components import components
from ingest._facts import connectors
from ingest._writeups import _creator, _organization
from ingest.gazetteer import resolve_component
from ingest.records import Component, Link, ModelRecord

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURE = DATA / "hub_writeups_purpose.md"
V, L = "vision_encoder", "language_model"


def _models() -> dict[str, list[ModelRecord]]:
    out: dict[str, list[ModelRecord]] = {}
    for record in ingest.read_hubs([FIXTURE]):
        if isinstance(record, ModelRecord):
            out.setdefault(record.name, []).append(record)
    return out


def test_organisations_of_the_authors_lines() -> None:
    models = _models()
    found = {name: {r.organization for r in rs} - {None} for name, rs in models.items()}
    assert found["Kestrel"] == {"Baidu"}  # "Baidu Kestrel Team"
    assert found["Heron-M"] == {"Baidu"}  # "Heron Team, Baidu"
    assert found["Orca-VL"] == {"Demo Lab"}
    assert found["Lumen"] == set()  # two people name no organisation


@pytest.mark.parametrize(
    ("authors", "organisation"),
    [
        ("Baidu ERNIE Team", "Baidu"),
        ("Google Gemma Team", "Google"),
        ("Qwen Team", "Qwen Team"),  # no known organisation before the team's name
        ("Kimi Team, Moonshot AI", "Moonshot AI"),
        ("Alibaba Group", "Alibaba Group"),
    ],
)
def test_a_team_of_a_known_organisation(authors: str, organisation: str) -> None:
    assert _organization(authors) == organisation


def _github(owner: str) -> Link:
    return Link(f"https://github.com/{owner}/Some-Repo", "github")


@pytest.mark.parametrize(
    ("name", "authors", "links", "organisation"),
    [
        # a team named for the model gives way to the known owner of its code
        ("Kimi-VL", "Kimi Team", [_github("MoonshotAI")], "Moonshot AI"),
        (
            "kimi-vl",
            "Kimi Team",
            [Link("https://huggingface.co/moonshotai/Kimi", "huggingface")],
            "Moonshot AI",
        ),
        ("Kimi-VL", "Kimi Team", [_github("some-person")], "Kimi Team"),  # no known owner
        ("Kimi-VL", "Kimi Team", [], "Kimi Team"),
        # the authors line's organisation stands, whoever holds the code
        ("Orca-VL", "Ana Ruiz, Demo Lab", [_github("MoonshotAI")], "Demo Lab"),
        ("Qwen2.5-VL", "Baidu ERNIE Team", [_github("MoonshotAI")], "Baidu"),
        # no organisation written: the owner's account, spaces left out ("RhymesAI")
        ("Aria", "Ana Ruiz, Bo Chen", [_github("rhymes-ai")], "Rhymes AI"),
        ("Aria", "Ana Ruiz, Bo Chen", [_github("RhymesAI")], "Rhymes AI"),
        ("Aria", "Ana Ruiz, Bo Chen", [_github("ana-ruiz")], None),
    ],
)
def test_the_creator_of_a_write_up(
    name: str, authors: str, links: list[Link], organisation: str | None
) -> None:
    assert _creator(name, authors, None, links) == organisation


def test_connectors_of_each_write_up() -> None:
    models = _models()
    found = {name: {c for r in rs for c in r.connectors} for name, rs in models.items()}
    assert found["Orca-VL"] == {"perceiver resampler"}
    assert found["Heron-M"] == {"perceiver resampler"}  # "Perceiver pooling"
    assert found["Lumen"] == {"q-former"}  # "no resampler is used"
    assert found["Tern-V"] == {"mlp projector"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It trains the Q-Former first; no resampler is used.", ("q-former",)),
        ("There is no learned resampler here.", ()),
        ("It does not use a Q-Former but an MLP projector.", ("mlp projector",)),
        ("It does not use a Q-Former.", ()),
        ("A model with no extra parameters and a Q-Former.", ("q-former",)),
    ],
)
def test_a_connector_after_no_is_not_the_models(sentence: str, expected: tuple) -> None:
    assert connectors(sentence) == expected


def test_a_clip_model_built_as_a_convnext_is_of_both_families() -> None:
    assert resolve_component("CLIP-ConvNeXt", V) == Component(
        "CLIP-ConvNeXt", V, ("CLIP",), (), (("ConvNeXt",),)
    )
    assert resolve_component("OpenCLIP ConvNeXt-XXL", V).designs == (("ConvNeXt",),)
    # a design named by itself is its own family; a ViT is no design of CLIP's
    assert resolve_component("ConvNeXt-L", V) == Component("ConvNeXt-L", V, ("ConvNeXt",))
    assert resolve_component("CLIP ViT-L/14", V).designs == ()


def test_mixtral_is_no_mistral_model() -> None:
    assert resolve_component("Mixtral 8x7B", L).broader == ("Mixtral",)
    assert resolve_component("Mistral-7B", L).broader == ("Mistral",)


def test_a_captions_character_references_are_characters(tmp_path: Path) -> None:
    path = tmp_path / "hub.md"
    path.write_text(
        "# H\n\n## Architectures\n\n### **Foo: Bar**\n\n"
        "Foo uses a SigLIP encoder with the Qwen2-7B language model.\n\n"
        '<p align="center"><sub><b>Figure 1.</b> Foo&#x27;s tiled encoders, combining '
        'SigLIP &amp; ConvNeXt features here. <a href="x">Source</a></sub></p>\n',
        encoding="utf-8",
    )
    texts = repr(ingest.read_hubs([path]))
    assert "Foo's tiled encoders, combining SigLIP & ConvNeXt features here." in texts
    assert "&#x27;" not in texts and "&amp;" not in texts


@pytest.mark.parametrize(
    ("sentence", "vision", "language"),
    [
        (
            "Ocean-Mini (2024) is a 7B model that combines CLIP ViT-L/14 with Baichuan as its "
            "pretrained backbone.",
            ["CLIP ViT-L/14"],
            ["Baichuan"],
        ),
        ("Foo uses SigLIP with a Qwen2-7B language model.", ["SigLIP"], ["Qwen2-7B"]),
    ],
)
def test_a_known_name_ends_where_its_clause_does(
    sentence: str, vision: list[str], language: list[str]
) -> None:
    found = components(sentence)
    assert [c.name for c in found.vision_encoders] == vision
    assert [c.name for c in found.language_backbones] == language


def test_a_code_examples_comments_are_its_prose(tmp_path: Path) -> None:
    path = tmp_path / "hub.md"
    path.write_text(
        "# H\n\n## Models\n\n- **Demo-VL** (2025): SigLIP and Qwen2-7B\n\n"
        "## Research Directions\n\n### Alignment & Fusion\n\n"
        "- Modality gap between visual features and text tokens\n\n"
        "```python\n# Multimodal fusion with gated attention\nclass Gate(nn.Module):\n"
        "    x = 1  # [B,N,D]\n    # TODO\n```\n\n```bash\npip install demo\n```\n",
        encoding="utf-8",
    )
    passages = [r for r in ingest.read_hubs([path]) if type(r).__name__ == "PassageRecord"]
    code = [p for p in passages if p.source.start_line == 13]
    assert [p.text for p in code] == ["Multimodal fusion with gated attention. Defines Gate."]
    assert code[0].topic == "Alignment & Fusion"
    assert not [p for p in passages if "pip" in p.text]  # code with no comment says nothing


def test_a_code_examples_parts_are_said_in_words() -> None:
    from ingest.extract import _code_comments

    code = (
        "class GatedCrossAttention(nn.Module):\n"
        "    def __init__(self, dim):\n"
        "        self.proj = nn.Linear(dim, dim)\n"
        "        self.gate = nn.Sequential(nn.Linear(2*dim, 1), nn.Sigmoid())\n"
        "    def forward(self, v, t):\n"
        "        gates = self.gate(torch.cat([v, t], dim=-1))\n"
        "        return v * gates + t * (1-gates)\n"
    )
    # what it defines, the layers it calls (each once, in order), what it returns
    assert _code_comments(code) == (
        "Defines GatedCrossAttention. Uses Linear, Sequential, Sigmoid and cat."
        " Returns v * gates + t * (1-gates)."
    )
    assert _code_comments("pip install demo\n") is None


def test_a_code_examples_literal_settings_are_its_facts(tmp_path: Path) -> None:
    path = tmp_path / "hub.md"
    path.write_text(
        "# H\n\n## Models\n\n- **Demo-VL** (2025): SigLIP and Qwen2-7B\n\n"
        "## Privacy\n\n"
        "```python\n# DP-SGD training for medical VLMs\noptimizer = DPAdam(\n"
        "    noise_multiplier=1.3,\n    l2_norm_clip=0.7,  # per example\n"
        "    mode='strict',\n    lr=lr_schedule(3),\n)\n```\n",
        encoding="utf-8",
    )
    passages = [r for r in ingest.read_hubs([path]) if type(r).__name__ == "PassageRecord"]
    code = [p.text for p in passages if "DP-SGD" in p.text]
    # literals only: "lr=lr_schedule(3)" is an expression, not a stated value
    assert code == [
        "DP-SGD training for medical VLMs. noise multiplier = 1.3; l2 norm clip = 0.7;"
        " mode = strict."
    ]
