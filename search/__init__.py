"""Semantic search over the graph: text units, embeddings in FAISS, BM25, hybrid retrieval.

Importing this package never imports torch or llama-index; the encoder loads on first use
and `search.llama` holds the llama-index integration.
"""

from search.index import build_index, load_index
from search.retrieve import Hit, Retriever, open_retriever
from search.units import Unit, units_from_store

__all__ = [
    "Hit",
    "Retriever",
    "Unit",
    "build_index",
    "load_index",
    "open_retriever",
    "units_from_store",
]
