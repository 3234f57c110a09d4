"""The search index of a build: units, their vectors in FAISS, and BM25, under `index/`.

`build_dir/index/` holds `meta.json` (model, content hash of the units, dimension, index
kind, graph signature), `units.jsonl`, `vectors.faiss` and `bm25/`. `build_index` is the
hook `vlmkg build` calls once the store is loaded; it re-embeds only when the model or the
units changed, and then only the texts the previous build's index has no vector for.
`load_index` refuses a missing or stale index with the command to run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from search.embed import embed, encoder_name, load_encoder, model_name
from search.lexical import LexicalIndex
from search.units import Unit, content_hash, units_from_store
from vlmkg.errors import SearchIndexError

if TYPE_CHECKING:
    import faiss

FORMAT_VERSION = 1
INDEX_DIR = "index"
# Above this many vectors an HNSW graph replaces exact search. Measured on 2 CPU cores
# (python -m bench.search_recall, "Exact vs HNSW"; 384-d, one query, top 50), at load ~13:
# exact (one matrix-vector product, retrieve.exact_scores) 1.7 ms at 10k, 27 ms at 50k,
# 61 ms at 100k vectors; HNSW (M=32, efSearch=128) 0.4-0.5 ms with recall@10 1.0, for a
# build cost of ~0.5-0.7 ms per vector (small next to embedding a text, ~10-100 ms).
# Up to 20k the exact scan stays within a few ms, so the query stays dominated by the
# ~10 ms query encoding; above it HNSW keeps search flat.
HNSW_THRESHOLD = 20_000
HNSW_M = 32
HNSW_EF_SEARCH = 128

REBUILD_HINT = "run `vlmkg build` to rebuild the graph and its search index"


@dataclass(frozen=True)
class IndexMeta:
    """What `meta.json` records about an index."""

    model: str
    content_hash: str
    dimension: int
    index_kind: str
    count: int
    graph_signature: str
    format: int = FORMAT_VERSION
    build_seconds: float = 0.0


@dataclass(frozen=True)
class SearchIndex:
    """A loaded index: units in row order, their vectors, the FAISS and BM25 indexes."""

    meta: IndexMeta
    units: tuple[Unit, ...]
    vectors: faiss.Index
    lexical: LexicalIndex


def index_dir(build_dir: Path) -> Path:
    """`build_dir/index`."""
    return Path(build_dir) / INDEX_DIR


def graph_signature(build_dir: Path) -> str:
    """A hash of the build's manifest.json ("" when there is none): changes with the graph."""
    manifest = Path(build_dir) / "manifest.json"
    if not manifest.is_file():
        return ""
    return hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]


def read_meta(build_dir: Path) -> IndexMeta | None:
    """The index metadata, or None when there is no (readable) index."""
    path = index_dir(build_dir) / "meta.json"
    try:
        return IndexMeta(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def build_index(
    build_dir: Path,
    progress: bool = False,
    *,
    store: Any = None,
    encoder: Any = None,
    force: bool = False,
) -> IndexMeta:
    """Make units from the build's graph and index them, unless an up-to-date index exists.

    `store` is an open Store (the build's Oxigraph store is opened read-only otherwise);
    `encoder` a sentence-transformers model (loaded from $VLMKG_EMBED_MODEL otherwise).
    Returns the metadata of the index now on disk.
    """
    build_dir = Path(build_dir)
    if store is None:
        store = open_store(build_dir)
        try:
            units = units_from_store(store)
        finally:
            store.close()
    else:
        units = units_from_store(store)
    name = encoder_name(encoder) if encoder is not None else model_name()
    meta = read_meta(build_dir)
    if (
        not force
        and meta is not None
        and meta.model == name
        and meta.content_hash == content_hash(units)
        and meta.format == FORMAT_VERSION
        and _complete(index_dir(build_dir))
    ):
        if meta.graph_signature != graph_signature(build_dir):
            meta = _write_meta(index_dir(build_dir), meta, graph_signature(build_dir))
        return meta
    return write_index(
        index_dir(build_dir),
        units,
        encoder if encoder is not None else load_encoder(),
        progress=progress,
        graph_signature=graph_signature(build_dir),
    )


def write_index(
    directory: Path,
    units: Sequence[Unit],
    encoder: Any,
    *,
    progress: bool = False,
    graph_signature: str = "",
    index_kind: str | None = None,
) -> IndexMeta:
    """Embed and index `units` into `directory` (replaced atomically); returns its meta."""
    import faiss

    started = time.perf_counter()
    vectors = _vectors(directory, units, encoder, progress)
    kind = index_kind or choose_index_kind(len(units))
    faiss_index = make_faiss_index(vectors, kind)
    lexical = LexicalIndex.build([lexical_text(u) for u in units])
    meta = IndexMeta(
        model=encoder_name(encoder),
        content_hash=content_hash(units),
        dimension=int(vectors.shape[1]),
        index_kind=kind,
        count=len(units),
        graph_signature=graph_signature,
        build_seconds=round(time.perf_counter() - started, 3),
    )
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".index-", dir=directory.parent))
    with (staging / "units.jsonl").open("w", encoding="utf-8") as out:
        for unit in units:
            out.write(json.dumps(unit.to_dict(), ensure_ascii=False) + "\n")
    faiss.write_index(faiss_index, str(staging / "vectors.faiss"))
    lexical.save(staging / "bm25")
    _write_meta(staging, meta, graph_signature)
    if directory.exists():
        shutil.rmtree(directory)
    staging.rename(directory)
    return meta


def _vectors(directory: Path, units: Sequence[Unit], encoder: Any, progress: bool) -> np.ndarray:
    """The units' vectors: those of texts the index in `directory` (the previous build's,
    copied in) already holds with this model are reused, the others are embedded.

    An edit to the hub changes a few units; their neighbours' texts, and vectors, stay.
    """
    known = previous_vectors(directory, encoder_name(encoder))
    texts = [u.text for u in units]
    missing = sorted({t for t in texts if t not in known})
    fresh = embed(encoder, missing, progress=progress)
    if not texts:
        return fresh  # (0, dimension)
    known.update(zip(missing, fresh, strict=True))
    return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)


def previous_vectors(directory: Path, model: str) -> dict[str, np.ndarray]:
    """{unit text: vector} of the index in `directory` if it was made with `model`, else {}."""
    import faiss

    directory = Path(directory)
    try:
        meta = IndexMeta(**json.loads((directory / "meta.json").read_text(encoding="utf-8")))
        if meta.model != model or meta.format != FORMAT_VERSION:
            return {}
        units = read_units(directory / "units.jsonl")
        index = faiss.read_index(str(directory / "vectors.faiss"))
    except (OSError, ValueError, TypeError, RuntimeError):
        return {}  # no previous index, or a damaged one: embed everything
    if index.ntotal != len(units) or index.d != meta.dimension:
        return {}
    vectors = index.reconstruct_n(0, index.ntotal)
    return {unit.text: vectors[row] for row, unit in enumerate(units)}


def lexical_text(unit: Unit) -> str:
    """What BM25 indexes: the label and aliases twice (names weigh more), then the text."""
    names = " ".join([unit.label, *unit.aliases])
    return f"{names} {names} {unit.text}"


def choose_index_kind(count: int) -> str:
    """ "flat" (exact inner product) up to HNSW_THRESHOLD vectors, "hnsw" above."""
    return "hnsw" if count > HNSW_THRESHOLD else "flat"


def make_faiss_index(vectors: np.ndarray, kind: str) -> faiss.Index:
    """A FAISS inner-product index of `kind` ("flat" or "hnsw") holding `vectors`."""
    import faiss

    dimension = vectors.shape[1]
    index: faiss.Index
    if kind == "flat":
        index = faiss.IndexFlatIP(dimension)
    elif kind == "hnsw":
        hnsw = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index = hnsw
    else:
        raise SearchIndexError(f"unknown index kind {kind!r}: use flat or hnsw")
    if len(vectors):
        index.add(vectors)
    return index


def load_index(build_dir: Path, model: str | None = None) -> SearchIndex:
    """The index of `build_dir`; SearchIndexError when missing, damaged or stale.

    Stale means: built with another model than `model` (default: the configured one), an
    older format, or for another graph than the build's manifest describes.
    """
    import faiss

    directory = index_dir(build_dir)
    meta = read_meta(build_dir)
    if meta is None or not _complete(directory):
        raise SearchIndexError(f"no search index in {directory}: {REBUILD_HINT}")
    problem = stale_reason(build_dir, meta, model)
    if problem:
        raise SearchIndexError(
            f"the search index in {directory} is stale ({problem}): {REBUILD_HINT}"
        )
    units = tuple(read_units(directory / "units.jsonl"))
    if content_hash(units) != meta.content_hash or len(units) != meta.count:
        raise SearchIndexError(
            f"the search index in {directory} is damaged (units do not match meta.json): "
            f"{REBUILD_HINT}"
        )
    try:
        vectors = faiss.read_index(str(directory / "vectors.faiss"))
        lexical = LexicalIndex.load(directory / "bm25", len(units))
    except (RuntimeError, OSError, ValueError) as exc:
        raise SearchIndexError(
            f"cannot read the search index in {directory}: {REBUILD_HINT}"
        ) from exc
    if vectors.ntotal != len(units):
        raise SearchIndexError(f"the search index in {directory} is damaged: {REBUILD_HINT}")
    if meta.index_kind == "hnsw":
        faiss.downcast_index(vectors).hnsw.efSearch = HNSW_EF_SEARCH  # type: ignore[attr-defined]
    return SearchIndex(meta=meta, units=units, vectors=vectors, lexical=lexical)


def stale_reason(build_dir: Path, meta: IndexMeta, model: str | None = None) -> str | None:
    """Why the index is stale ("built with model X, configured Y"), or None if it is current."""
    wanted = model_name(model)
    if meta.format != FORMAT_VERSION:
        return f"format {meta.format}, this vlmkg writes {FORMAT_VERSION}"
    if meta.model != wanted:
        return f"built with model {meta.model!r}, configured model is {wanted!r}"
    if meta.graph_signature != graph_signature(build_dir):
        return "the graph changed since it was indexed"
    return None


def read_units(path: Path) -> list[Unit]:
    """Units from a units.jsonl file, in row order."""
    with Path(path).open(encoding="utf-8") as lines:
        return [Unit.from_dict(json.loads(line)) for line in lines if line.strip()]


def _complete(directory: Path) -> bool:
    return all(
        (directory / name).exists()
        for name in ("meta.json", "units.jsonl", "vectors.faiss", "bm25")
    )


def _write_meta(directory: Path, meta: IndexMeta, signature: str) -> IndexMeta:
    from dataclasses import replace

    meta = replace(meta, graph_signature=signature)
    text = json.dumps(meta.__dict__, indent=2, sort_keys=True) + "\n"
    (directory / "meta.json").write_text(text, encoding="utf-8")
    return meta


def open_store(build_dir: Path) -> Any:
    """The build's graph store (`build_dir/store`), opened read-only."""
    from kg.oxigraph_store import OxigraphStore

    path = Path(build_dir) / "store"
    if not path.exists():
        raise SearchIndexError(f"no graph store in {path}: {REBUILD_HINT}")
    return OxigraphStore(path, read_only=True)
