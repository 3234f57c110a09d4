"""The index on disk: metadata, persistence, rebuild only on change, stale detection."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import pytest

from search.index import (
    HNSW_THRESHOLD,
    build_index,
    choose_index_kind,
    index_dir,
    load_index,
    make_faiss_index,
    previous_vectors,
    read_meta,
    read_units,
    write_index,
)
from search.units import content_hash
from vlmkg.errors import SearchIndexError


@pytest.fixture
def build_copy(sample_build: Path, tmp_path: Path) -> Path:
    """A private copy of the sample build, free to damage."""
    copy = tmp_path / "build"
    shutil.copytree(sample_build, copy)
    return copy


def test_meta_describes_the_index(sample_build: Path) -> None:
    meta = read_meta(sample_build)
    index = load_index(sample_build)
    assert meta is not None
    assert (meta.model, meta.dimension, meta.index_kind, meta.count, meta.format) == (
        "all-MiniLM-L6-v2",
        384,
        "flat",
        17,
        1,
    )
    assert meta.content_hash == content_hash(index.units)
    assert sorted(p.name for p in index_dir(sample_build).iterdir()) == [
        "bm25",
        "meta.json",
        "units.jsonl",
        "vectors.faiss",
    ]
    assert index.vectors.ntotal == 17
    norms = np.linalg.norm(index.vectors.reconstruct_n(0, 17), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_unchanged_graph_is_not_reembedded(build_copy: Path, encoder) -> None:
    vectors = index_dir(build_copy) / "vectors.faiss"
    before = vectors.stat().st_mtime_ns
    meta = build_index(build_copy, encoder=encoder)
    assert vectors.stat().st_mtime_ns == before
    assert meta == read_meta(build_copy)


def test_missing_index_names_the_command(build_copy: Path) -> None:
    shutil.rmtree(index_dir(build_copy))
    with pytest.raises(SearchIndexError, match=r"no search index in .*: run `vlmkg build`"):
        load_index(build_copy)


def test_other_model_is_stale(build_copy: Path, encoder) -> None:
    with pytest.raises(SearchIndexError) as caught:
        load_index(build_copy, model="some-other-model")
    assert (
        "is stale (built with model 'all-MiniLM-L6-v2', configured model is "
        "'some-other-model'): run `vlmkg build`" in str(caught.value)
    )


def test_changed_graph_is_stale_until_rebuilt(build_copy: Path, encoder) -> None:
    (build_copy / "manifest.json").write_text(json.dumps({"id": "changed"}))
    with pytest.raises(
        SearchIndexError,
        match=r"stale \(the graph changed since it was "
        r"indexed\): run `vlmkg build`",
    ):
        load_index(build_copy)
    build_index(build_copy, encoder=encoder)
    assert load_index(build_copy).meta.count == 17


def test_damaged_units_are_detected(build_copy: Path) -> None:
    units = index_dir(build_copy) / "units.jsonl"
    units.write_text(units.read_text().replace("CogVLM", "CogXLM"))
    with pytest.raises(SearchIndexError, match="is damaged"):
        load_index(build_copy)


def test_other_content_hash_triggers_rebuild(build_copy: Path, encoder) -> None:
    meta = read_meta(build_copy)
    assert meta is not None
    path = index_dir(build_copy) / "meta.json"
    path.write_text(json.dumps(replace(meta, content_hash="0" * 64).__dict__))
    rebuilt = build_index(build_copy, encoder=encoder)
    assert rebuilt.content_hash == meta.content_hash


class _Recording:
    """The real encoder, noting which texts it was asked to encode."""

    def __init__(self, encoder: Any) -> None:
        self.encoder, self.texts = encoder, []  # type: ignore[var-annotated]

    def encode(self, texts: list[str], **options: Any) -> np.ndarray:
        self.texts.extend(texts)
        return self.encoder.encode(texts, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.encoder, name)


def test_a_changed_graph_embeds_only_the_new_texts(build_copy: Path, encoder) -> None:
    directory = index_dir(build_copy)
    units = read_units(directory / "units.jsonl")
    before = load_index(build_copy).vectors.reconstruct_n(0, len(units))
    edited = replace(units[3], text=units[3].text + " It has a new sentence.")
    recording = _Recording(encoder)
    write_index(directory, [*units[:3], edited, *units[4:]], recording)
    assert recording.texts == [edited.text]
    after = faiss.read_index(str(directory / "vectors.faiss")).reconstruct_n(0, len(units))
    unchanged = [row for row in range(len(units)) if row != 3]
    assert np.array_equal(after[unchanged], before[unchanged])
    fresh = encoder.encode([edited.text], normalize_embeddings=True)[0]
    assert np.abs(after[3] - fresh).max() < 1e-6
    assert not np.allclose(after[3], before[3], atol=1e-3)


def test_another_model_reuses_no_vectors(build_copy: Path) -> None:
    assert previous_vectors(index_dir(build_copy), "all-MiniLM-L6-v2") != {}
    assert previous_vectors(index_dir(build_copy), "some-other-model") == {}
    assert previous_vectors(build_copy / "no-such-index", "all-MiniLM-L6-v2") == {}


@pytest.mark.parametrize(
    ("count", "kind"),
    [(0, "flat"), (17, "flat"), (HNSW_THRESHOLD, "flat"), (HNSW_THRESHOLD + 1, "hnsw")],
)
def test_index_kind_by_size(count: int, kind: str) -> None:
    assert choose_index_kind(count) == kind


def test_hnsw_finds_what_flat_finds(sample_build: Path) -> None:
    stored = load_index(sample_build).vectors
    vectors = stored.reconstruct_n(0, stored.ntotal)
    flat, hnsw = make_faiss_index(vectors, "flat"), make_faiss_index(vectors, "hnsw")
    _, flat_rows = flat.search(vectors, 1)
    _, hnsw_rows = hnsw.search(vectors, 1)
    assert hnsw_rows[:, 0].tolist() == flat_rows[:, 0].tolist() == list(range(17))


# -- the encoder: numpy BERT, the same vectors as sentence-transformers on torch ----------

ENCODER_TEXTS = [
    "Qwen2-VL pairs a ViT vision encoder with the Qwen2 language model",
    "a benchmark of chart and document question answering",
    "",
    "CLIP ViT-L/14 " * 120,  # longer than the model's 256 tokens: truncated alike
    "LLaVA-1.5",
]


def test_the_default_encoder_runs_without_torch() -> None:
    from search._bert import BertEncoder
    from search.embed import encoder_name, load_encoder

    encoder = load_encoder()
    assert isinstance(encoder, BertEncoder)
    assert (encoder_name(encoder), encoder.get_sentence_embedding_dimension()) == (
        "all-MiniLM-L6-v2",
        384,
    )


@pytest.mark.slow
def test_numpy_and_torch_encoders_give_the_same_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    from search.embed import ENGINE_ENV, embed, load_encoder

    numpy_vectors = embed(load_encoder(), ENCODER_TEXTS, batch_size=2)
    monkeypatch.setenv(ENGINE_ENV, "torch")
    torch_encoder = load_encoder()
    assert type(torch_encoder).__name__ == "SentenceTransformer"
    torch_vectors = embed(torch_encoder, ENCODER_TEXTS)
    assert numpy_vectors.shape == torch_vectors.shape == (5, 384)
    assert np.abs(numpy_vectors - torch_vectors).max() < 1e-5
    assert np.allclose(np.linalg.norm(numpy_vectors, axis=1), 1.0, atol=1e-6)


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from search.embed import ENGINE_ENV, load_encoder

    monkeypatch.setenv(ENGINE_ENV, "tensorflow")
    with pytest.raises(SearchIndexError, match="VLMKG_EMBED_ENGINE='tensorflow' is not an engine"):
        load_encoder()


def test_a_query_is_encoded_without_importing_torch(sample_build: Path) -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from search.retrieve import Retriever\n"
        f"hits = Retriever.open(Path({str(sample_build)!r})).search('vision encoder', k=3)\n"
        "heavy = ('torch', 'sentence_transformers')\n"
        "print(len(hits), sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.splitlines() == ["3 []"]


def test_batches_on_threads_give_the_vectors_of_one_thread(hub_build: Path, encoder) -> None:
    """The numpy encoder's batches on two threads: the same vectors, bit for bit, and the
    same top-5 for every bench query as on one thread."""
    import yaml

    from search.embed import embed

    units = load_index(hub_build).units
    texts = [u.text for u in units]
    one = embed(encoder, texts, batch_size=16, workers=1)
    two = embed(encoder, texts, batch_size=16, workers=2)
    assert one.shape == (len(units), 384)
    assert np.array_equal(one, two)
    bench = Path(__file__).parents[2] / "bench" / "search_queries.yaml"
    queries = [q["query"] for q in yaml.safe_load(bench.read_text(encoding="utf-8"))]
    query_one = embed(encoder, queries, batch_size=8, workers=1)
    query_two = embed(encoder, queries, batch_size=8, workers=2)
    assert np.array_equal(query_one, query_two)
    stored = load_index(hub_build).vectors
    top_stored = stored.search(query_one, 5)[1]
    rebuilt = make_faiss_index(two, "flat")
    assert len(queries) == 75
    assert (rebuilt.search(query_two, 5)[1] == top_stored).all()
