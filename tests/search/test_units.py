"""Units from a real Oxigraph store holding the sample graph (conftest.SAMPLE_TTL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.oxigraph_store import OxigraphStore
from search.units import Unit, content_hash, units_from_store

from .conftest import make_build, sample_graph

RES = "https://w3id.org/vlmkg/resource/"


@pytest.fixture(scope="module")
def units(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Unit]:
    build = make_build(tmp_path_factory.mktemp("units") / "b", sample_graph(), {"id": "u"})
    with OxigraphStore(build / "store") as store:
        return {u.iri.removeprefix(RES): u for u in units_from_store(store)}


def test_every_entity_passage_and_row_is_a_unit(units: dict[str, Unit]) -> None:
    assert sorted((iri, u.type) for iri, u in units.items()) == [
        ("architecture/decoder-only", "Architecture"),
        ("architecture/encoder-decoder", "Architecture"),
        ("benchmark/mmmu", "Benchmark"),
        ("benchmark/video-mmlu", "Benchmark"),
        ("dataset/coco", "Dataset"),
        ("dataset/eurosat", "Dataset"),
        ("direction/medical-vlms", "ResearchDirection"),
        ("encoder/clip-vit-l-14", "VisionEncoder"),
        ("encoder/siglip", "VisionEncoder"),
        ("llm/vicuna", "LanguageModel"),
        ("model/cogvlm", "Model"),
        ("model/imagebind", "Model"),
        ("model/smolvlm", "Model"),
        ("passage/p1", "Passage"),
        ("row/ethical-challenges/gender", "TableRow"),
        ("table/ethical-challenges", "Table"),
        ("tool/flash-attention", "Tool"),
    ]


@pytest.mark.parametrize(
    ("iri", "text"),
    [
        (
            "model/cogvlm",
            "CogVLM is a vision-language model. Encoder-decoder architecture with 18B "
            "parameters, using CLIP ViT-L/14 for vision encoder and Vicuna as pretrained "
            "backbone. CogVLM uses CLIP ViT-L/14 as vision encoder and Vicuna as language "
            "backbone; 18B parameters; encoder-decoder architecture; released in 2023.",
        ),
        (
            "dataset/coco",
            "COCO is a dataset. Also called MS COCO. Contains 328K images, each paired with "
            "5 captions for image captioning and VQA.",
        ),
        ("encoder/clip-vit-l-14", "CLIP ViT-L/14 is a vision encoder. Vision encoder of CogVLM."),
        ("llm/vicuna", "Vicuna is a language model. Language backbone of CogVLM."),
        (
            "direction/medical-vlms",
            "Medical VLMs is a research direction. Challenges: Hallucination in diagnosis "
            "(12% error rate).",
        ),
        ("passage/p1", "Medical VLMs — Challenges: Hallucination in diagnosis (12% error rate)."),
        (
            "row/ethical-challenges/gender",
            "Gender is a table row. Row of the table Ethical Challenges. Bias Type: Gender; "
            "Prevalence: 23%.",
        ),
        (
            "tool/flash-attention",
            "Flash Attention is a tool. Memory-efficient attention with xFormers (2.8× "
            "speedup). Speedup: 2.8×.",
        ),
    ],
)
def test_card_text(units: dict[str, Unit], iri: str, text: str) -> None:
    assert units[iri].text == text


def test_unit_fields(units: dict[str, Unit]) -> None:
    cogvlm = units["model/cogvlm"]
    assert (cogvlm.label, cogvlm.years, cogvlm.year, cogvlm.source) == (
        "CogVLM",
        (2023,),
        2023,
        "hub.md#L50-L50",
    )
    assert cogvlm.neighbours == (RES + "encoder/clip-vit-l-14", RES + "llm/vicuna")
    assert units["encoder/clip-vit-l-14"].neighbours == (RES + "model/cogvlm",)
    assert units["encoder/clip-vit-l-14"].types == ("VisionEncoder", "PretrainedComponent")
    assert units["row/ethical-challenges/gender"].types == ("TableRow", "EthicalChallenge")
    assert units["dataset/coco"].aliases == ("MS COCO",)
    assert units["passage/p1"].label == "Hallucination in diagnosis (12% error rate)"
    assert units["passage/p1"].neighbours == (RES + "direction/medical-vlms",)


def test_dict_round_trip_and_content_hash(units: dict[str, Unit]) -> None:
    listed = list(units.values())
    assert [Unit.from_dict(u.to_dict()) for u in listed] == listed
    assert content_hash(listed) == content_hash([Unit.from_dict(u.to_dict()) for u in listed])
    changed = [*listed[:-1], Unit(**{**listed[-1].__dict__, "text": "other"})]
    assert content_hash(changed) != content_hash(listed)
    assert len(content_hash(listed)) == 64


def test_empty_store_has_no_units(tmp_path: Path) -> None:
    import rdflib

    build = make_build(tmp_path / "b", rdflib.Graph(), {"id": "empty"})
    with OxigraphStore(build / "store") as store:
        assert units_from_store(store) == []


@pytest.mark.parametrize(
    ("citations", "compact"),
    [
        ([], []),
        (["h.md#L5-L5"], ["h.md#L5-L5"]),
        (
            ["h.md#L106-L106", "h.md#L104-L104", "h.md#L105-L105", "h.md#L108-L109"],
            ["h.md#L104-L106", "h.md#L108-L109"],
        ),
        (["b.md#L1-L3", "a.md#L2-L2", "b.md#L2-L8"], ["a.md#L2-L2", "b.md#L1-L8"]),
    ],
)
def test_compact_citations(citations: list[str], compact: list[str]) -> None:
    from search.units import compact_citations

    assert compact_citations(citations) == compact


def test_natural_order_of_sizes() -> None:
    from search.units import natural_key

    assert sorted(["12B", "1B", "27B", "4B", "250M & 500M", "custom"], key=natural_key) == [
        "250M & 500M",
        "1B",
        "4B",
        "12B",
        "27B",
        "custom",
    ]
