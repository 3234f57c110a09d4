"""Hybrid retrieval with the real model over the sample graph's index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search.index import index_dir, load_index
from search.retrieve import MAX_QUERY_CHARS, Retriever, clean_query, normalise_name
from vlmkg.errors import SearchIndexError, UsageError

RES = "https://w3id.org/vlmkg/resource/"


@pytest.fixture(scope="module")
def retriever(sample_build: Path, encoder) -> Retriever:
    return Retriever.open(sample_build, encoder)


def labels(hits) -> list[str]:
    return [h.label for h in hits]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("satellite pictures for classifying how land is used", "EuroSAT"),
        ("lecture understanding across many disciplines for videos", "Video-MMLU"),
        ("a model that aligns six modalities such as audio and depth", "ImageBind"),
        ("make attention faster while using less memory", "Flash Attention"),
        ("photos that each come with five captions", "COCO"),
    ],
)
@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_paraphrase_finds_the_entity(
    retriever: Retriever, query: str, label: str, mode: str
) -> None:
    assert labels(retriever.search(query, k=1, mode=mode)) == [label]


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_passages_are_found_with_their_topic(retriever: Retriever, mode: str) -> None:
    hits = retriever.search("medical models that hallucinate when diagnosing", k=2, mode=mode)
    assert sorted(labels(hits)) == ["Hallucination in diagnosis (12% error rate)", "Medical VLMs"]


def test_hit_fields(retriever: Retriever) -> None:
    [hit] = retriever.search("satellite images for land use", k=1)
    assert (hit.iri, hit.label, hit.type, hit.source) == (
        RES + "dataset/eurosat",
        "EuroSAT",
        "Dataset",
        "hub.md#L120-L120",
    )
    assert hit.text == "EuroSAT is a dataset. 27K satellite images for land use classification."
    assert 0 < hit.score < 1


def test_alias_hits_rank_first(retriever: Retriever) -> None:
    hits = retriever.search("which vision encoder does cogvlm use", k=3)
    assert labels(hits)[0] == "CogVLM"
    assert hits[0].score > 1
    assert labels(retriever.search("MS-COCO", k=1)) == ["COCO"]
    assert retriever.alias_hits("tell me about CLIP ViT-L/14 and vicuna") == [
        (retriever._row_of[RES + "encoder/clip-vit-l-14"], 2),
        (retriever._row_of[RES + "llm/vicuna"], 1),
    ]


def test_neighbours_of_named_units_come_next(retriever: Retriever) -> None:
    hits = retriever.search("models built on CLIP ViT-L/14", k=3)
    assert labels(hits)[:2] == ["CLIP ViT-L/14", "CogVLM"]
    assert hits[0].score > 1 > hits[1].score > 0.5 > hits[2].score
    plain = retriever.search("models built on CLIP ViT-L/14", k=3, alias_first=False)
    assert all(h.score < 0.5 for h in plain)


def test_graph_expansion_brings_the_components(retriever: Retriever) -> None:
    top = labels(retriever.search("CogVLM", k=4))
    assert top[0] == "CogVLM"
    assert {"CLIP ViT-L/14", "Vicuna"} <= set(top)


def test_type_filter(retriever: Retriever) -> None:
    hits = retriever.search("benchmark for multimodal understanding", k=10, types="Benchmark")
    assert labels(hits) == ["MMMU", "Video-MMLU"]
    components = retriever.search("encoder", k=10, types=["pretrainedcomponent"])
    assert sorted(labels(components)) == ["CLIP ViT-L/14", "SigLIP", "Vicuna"]
    rows = retriever.search("bias", k=10, types="EthicalChallenge")
    assert labels(rows) == ["Gender"]


def test_year_filter(retriever: Retriever) -> None:
    assert sorted(
        labels(retriever.search("vision-language model", k=10, year=2023, types="Model"))
    ) == ["CogVLM", "ImageBind"]
    assert labels(retriever.search("benchmark", k=10, year=2025)) == ["Video-MMLU", "SmolVLM"]
    assert retriever.search("benchmark", k=10, year=1999) == []


def test_unknown_type_lists_the_valid_ones(retriever: Retriever) -> None:
    with pytest.raises(UsageError) as caught:
        retriever.search("x", types="Gadget")
    assert str(caught.value) == (
        "unknown type 'Gadget': valid types are Architecture, Benchmark, Dataset, "
        "EthicalChallenge, LanguageModel, Model, Passage, PretrainedComponent, "
        "ResearchDirection, Table, TableRow, Tool, VisionEncoder"
    )


def test_same_results_after_reload(
    sample_build: Path, retriever: Retriever, encoder, tmp_path: Path
) -> None:
    copy = tmp_path / "build"
    shutil.copytree(sample_build, copy)
    reloaded = Retriever(load_index(copy), encoder)
    for query in ("satellite images", "medical hallucination", "CogVLM", "five captions"):
        assert reloaded.search(query, k=5) == retriever.search(query, k=5)


def test_stale_index_is_reported_or_rebuilt(sample_build: Path, encoder, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(sample_build, copy)
    (copy / "manifest.json").write_text('{"id": "new graph"}')
    with pytest.raises(SearchIndexError, match="run `vlmkg build`"):
        Retriever.open(copy, encoder)
    rebuilt = Retriever.open(copy, encoder, rebuild_stale=True)
    assert labels(rebuilt.search("satellite images", k=1)) == ["EuroSAT"]
    shutil.rmtree(index_dir(copy))
    assert labels(Retriever.open(copy, encoder, rebuild_stale=True).search("COCO", k=1)) == ["COCO"]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  video\tbenchmarks \n", "video benchmarks"),
        ("llava\x00\x07 1.5\x1b[0m", "llava 1.5 [0m"),
        ("zero\u200bwidth", "zero width"),
    ],
)
def test_clean_query(raw: str, cleaned: str) -> None:
    assert clean_query(raw) == cleaned


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "the query is empty: give some words to search for"),
        (" \x00\n ", "the query is empty: give some words to search for"),
        (
            "a" * 100_000,
            f"the query is 100000 characters long; the limit is {MAX_QUERY_CHARS} "
            "(search with a few words or a sentence)",
        ),
    ],
)
def test_bad_queries(retriever: Retriever, raw: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        retriever.search(raw)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("name", "normalised"),
    [("Qwen2.5-VL", "qwen25vl"), ("CLIP ViT-L/14", "clipvitl14"), ("LLaVA 1.5", "llava15")],
)
def test_normalise_name(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


def test_lexical_mode_matches_words(retriever: Retriever) -> None:
    assert labels(retriever.search("xFormers", k=3, mode="lexical")) == ["Flash Attention"]
    assert retriever.search("qqqzzz", k=3, mode="lexical") == []


def test_llama_index_retriever(retriever: Retriever) -> None:
    from search.llama import HybridRetriever, vector_store_index

    nodes = HybridRetriever(retriever, k=2, types="Dataset").retrieve("satellite pictures")
    assert [n.node.node_id for n in nodes] == [RES + "dataset/eurosat", RES + "dataset/coco"]
    assert nodes[0].node.metadata == {
        "iri": RES + "dataset/eurosat",
        "label": "EuroSAT",
        "type": "Dataset",
        "year": None,
        "source": "hub.md#L120-L120",
    }
    index = vector_store_index(retriever)
    found = index.as_retriever(similarity_top_k=1).retrieve("satellite pictures of land use")
    assert [n.node.node_id for n in found] == [RES + "dataset/eurosat"]


def test_import_search_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = (
        "import sys, search, search.retrieve, search.index, search.units; "
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'llama_index') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def hub(hub_build: Path, encoder) -> Retriever:
    return Retriever.open(hub_build, encoder)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("contrastively trained model aligning images and text, about 400M parameters", "CLIP"),
        ("satellite pictures for classifying land use", "EuroSAT"),
        ("benchmark that changes every month so models cannot overfit", "LiveXiv"),
        ("pictures of faces of several races and genders to study bias", "Chicago Face Dataset"),
        ("memory efficient attention kernels", "Flash Attention"),
    ],
)
def test_bundled_hub_paraphrases(hub: Retriever, query: str, label: str) -> None:
    assert label in labels(hub.search(query, k=3))


@pytest.mark.slow
def test_bundled_hub_filters_and_expansion(hub: Retriever) -> None:
    benchmarks = hub.search("video understanding", k=50, types="Benchmark", year=2025)
    assert benchmarks and {h.type for h in benchmarks} == {"Benchmark"}
    assert all(2025 in hub.unit(h.iri).years for h in benchmarks)  # type: ignore[union-attr]
    top = labels(hub.search("which vision encoder does CogVLM use", k=5))
    assert top[0] == "CogVLM"
    assert {"CLIP ViT-L/14", "Vicuna"} <= set(top)
    assert all(h.source.startswith("vlm-research-hub.md#L") for h in hub.search("COCO", k=10))
