"""llama-index integration: units as `TextNode`s, a FAISS-backed index, a hybrid retriever.

- `to_nodes(units, vectors)`: TextNodes whose id is the unit IRI, with metadata (iri, label,
  type, year, source) and, when given, the unit's vector as the node embedding;
- `vector_store_index(retriever)`: a `VectorStoreIndex` stored through llama-index's
  `FaissVectorStore`, filled with the vectors already computed at build time (nothing is
  re-embedded; queries are embedded by the same local SentenceTransformer);
- `HybridRetriever`: a llama-index `BaseRetriever` over `search.retrieve.Retriever`
  (BM25 + dense + graph expansion + alias hits), usable in any llama-index pipeline.

llama-index is imported only when this module is, never by `search/__init__.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from llama_index.vector_stores.faiss import FaissVectorStore
from pydantic import PrivateAttr

from search.retrieve import Hit, Retriever
from search.units import Unit

METADATA_KEYS = ("iri", "label", "type", "year", "source")


class SentenceTransformerEmbedding(BaseEmbedding):
    """A llama-index embedding over a local sentence-transformers model (no downloads)."""

    _encoder: Any = PrivateAttr()

    def __init__(self, encoder: Any, model_name: str = "sentence-transformers", **kwargs: Any):
        super().__init__(model_name=model_name, **kwargs)
        self._encoder = encoder

    @classmethod
    def class_name(cls) -> str:
        return "VlmkgSentenceTransformerEmbedding"

    def _vectors(self, texts: list[str]) -> list[list[float]]:
        vectors = self._encoder.encode(
            texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vectors([query])[0]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vectors([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._vectors(texts)


def unit_metadata(unit: Unit) -> dict[str, Any]:
    """A node's metadata: iri, label, type, year (or None) and source."""
    return {
        "iri": unit.iri,
        "label": unit.label,
        "type": unit.type,
        "year": unit.year,
        "source": unit.source,
    }


def to_node(unit: Unit, embedding: Sequence[float] | None = None) -> TextNode:
    """A TextNode for `unit`: id = IRI, text = unit text, metadata not embedded again."""
    return TextNode(
        id_=unit.iri,
        text=unit.text,
        metadata=unit_metadata(unit),
        excluded_embed_metadata_keys=list(METADATA_KEYS),
        excluded_llm_metadata_keys=["iri", "year"],
        embedding=list(map(float, embedding)) if embedding is not None else None,
    )


def to_nodes(units: Sequence[Unit], vectors: np.ndarray | None = None) -> list[TextNode]:
    """TextNodes for `units`, row i carrying `vectors[i]` as its embedding when given."""
    if vectors is None:
        return [to_node(u) for u in units]
    return [to_node(u, v) for u, v in zip(units, vectors, strict=True)]


def vector_store_index(retriever: Retriever) -> VectorStoreIndex:
    """The retriever's units and vectors as a llama-index index over a FaissVectorStore."""
    import faiss

    stored = retriever.index.vectors
    vectors = stored.reconstruct_n(0, stored.ntotal)
    vector_store = FaissVectorStore(faiss_index=faiss.IndexFlatIP(retriever.index.meta.dimension))
    storage = StorageContext.from_defaults(vector_store=vector_store)
    return VectorStoreIndex(
        to_nodes(retriever.units, vectors),
        storage_context=storage,
        embed_model=SentenceTransformerEmbedding(
            retriever.encoder, model_name=retriever.index.meta.model
        ),
        show_progress=False,
    )


class HybridRetriever(BaseRetriever):
    """llama-index retriever over vlmkg's hybrid search (BM25 + dense + graph expansion)."""

    def __init__(
        self,
        retriever: Retriever,
        k: int = 10,
        types: str | Iterable[str] | None = None,
        year: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.retriever = retriever
        self.k = k
        self.types = retriever.resolve_types(types)
        self.year = year

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self.retriever.search(
            query_bundle.query_str, k=self.k, types=self.types, year=self.year
        )
        return [self._node(hit) for hit in hits]

    def _node(self, hit: Hit) -> NodeWithScore:
        unit = self.retriever.unit(hit.iri)
        node = to_node(unit) if unit is not None else TextNode(id_=hit.iri, text=hit.text)
        return NodeWithScore(node=node, score=hit.score)


__all__ = [
    "HybridRetriever",
    "SentenceTransformerEmbedding",
    "to_node",
    "to_nodes",
    "unit_metadata",
    "vector_store_index",
]
