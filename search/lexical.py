"""Lexical retrieval: BM25 (bm25s) over unit texts, with a small tokenizer of our own.

The same tokenizer is used for the corpus and the query, so names such as "Qwen2.5-VL"
split the same way on both sides ("qwen2", "5", "vl").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")

# Function words that carry no topic (kept short: most words are worth matching).
STOPWORDS = frozenset(
    """
    a an and are as at be by can do does for from has have how i in is it its of on or
    that the their them these this those to uses using was what which who with
    """.split()  # noqa: SIM905
)


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens without stopwords, plural "s" stripped from longer words."""
    tokens = []
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        tokens.append(word)
    return tokens


class LexicalIndex:
    """A BM25 index over a fixed list of texts; rows are the texts' positions."""

    def __init__(self, bm25: object, size: int) -> None:
        self._bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """Index `texts` (tokenized with `tokenize`)."""
        import bm25s

        bm25 = bm25s.BM25()
        corpus = [tokenize(t) or ["_"] for t in texts]
        bm25.index(corpus, show_progress=False)
        return cls(bm25, len(texts))

    def save(self, directory: Path) -> None:
        """Write the index files into `directory`."""
        self._bm25.save(str(directory), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path, size: int) -> LexicalIndex:
        """Read an index written by `save` for `size` texts."""
        import bm25s

        bm25 = bm25s.BM25.load(str(directory), show_progress=False)
        return cls(bm25, size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every text for `query`, shape (size,); zeros when no word matches."""
        vocab = self._bm25.vocab_dict  # type: ignore[attr-defined]
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        scores = self._bm25.get_scores(tokens)  # type: ignore[attr-defined]
        return np.asarray(scores, dtype=np.float32)
