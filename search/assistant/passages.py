"""Prose passages of the hub: by topic or heading, and search by words or embeddings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from search.assistant import queries
from search.assistant._rules import (
    _content_words,
)
from search.assistant.graph import GraphReader
from vlmkg.errors import VlmkgError


@dataclass(frozen=True)
class Passage:
    """A prose passage with its topic, facet, section and citation."""

    iri: str
    text: str
    topic: str
    facet: str | None
    section: str
    citation: str
    position: int


class PassageFinder:
    """Passages by topic or section, and a lexical fallback search over all of them."""

    _ALL = """
    SELECT ?p ?text ?topic ?topicLabel ?facet ?section ?cite ?start WHERE {
      ?p a vlm:Passage ; rdf:value ?text .
      OPTIONAL { ?p vlm:topic ?topic . ?topic rdfs:label ?topicLabel }
      OPTIONAL { ?p vlm:facet ?facet }
      OPTIONAL { ?p vlm:listedIn ?sec . ?sec rdfs:label ?section }
      OPTIONAL { ?p prov:wasDerivedFrom ?span . ?span vlm:citation ?cite ; vlm:startLine ?start }
    }
    """

    # Cosine similarity (all-MiniLM-L6-v2) a passage needs to count as an answer: measured
    # on the bundled hub, related questions score 0.45-0.75 and unrelated ones under 0.2.
    DENSE_MIN = 0.5

    def __init__(self, reader: GraphReader, retriever: Callable[[], Any] | None = None) -> None:
        self.reader = reader
        self._retriever_factory = retriever
        self._retriever: Any | None = None
        self._passages: list[Passage] | None = None
        self._by_topic: dict[str, list[Passage]] = {}
        self._sections: dict[str, list[str]] = {}

    def all(self) -> list[Passage]:
        if self._passages is None:
            out: dict[str, Passage] = {}
            topics: dict[str, list[Passage]] = {}
            for r in self.reader.select(self._ALL):
                iri = str(r["p"])
                if iri in out:
                    continue
                p = Passage(
                    iri,
                    str(r["text"]),
                    str(r.get("topicLabel", r.get("section", ""))),
                    str(r["facet"]) if r.get("facet") is not None else None,
                    str(r.get("section", "")),
                    str(r.get("cite", "")),
                    int(r.get("start", 0) or 0),
                )
                out[iri] = p
                if r.get("topic") is not None:
                    topics.setdefault(str(r["topic"]), []).append(p)
            self._passages = sorted(out.values(), key=lambda p: p.position)
            self._by_topic = {t: sorted(ps, key=lambda p: p.position) for t, ps in topics.items()}
        return self._passages

    def of_topics(self, iris: list[str]) -> list[Passage]:
        self.all()
        return [p for iri in iris for p in self._by_topic.get(iri, [])]

    def of_sections(self, iris: list[str]) -> list[Passage]:
        rows = self.reader.select(queries.SECTION_PASSAGES, {"sec": URIRef(iris[0])})
        wanted = {str(r["p"]) for r in rows}
        return [p for p in self.all() if p.iri in wanted]

    def search(self, question: str, limit: int = 6) -> list[Passage]:
        """Passages that answer a prose question: by shared content words, else (with a
        search index) by embedding similarity above DENSE_MIN."""
        return self._lexical(question, limit) or self._dense(question, limit)

    def _dense(self, question: str, limit: int) -> list[Passage]:
        retriever = self._load_retriever()
        if retriever is None:
            return []
        hits = _dense_hits(retriever, question, limit, "Passage")
        if not hits or hits[0].score < self.DENSE_MIN:
            return []
        by_iri = {p.iri: p for p in self.all()}
        floor = max(self.DENSE_MIN - 0.05, hits[0].score - 0.12)
        return [by_iri[h.iri] for h in hits if h.score >= floor and h.iri in by_iri]

    def similarity(self, question: str, texts: list[str]) -> list[float] | None:
        """The cosine similarity of each text to the question by the search index's
        encoder (all-MiniLM-L6-v2), in order; None without a search index."""
        retriever = self._load_retriever()
        if retriever is None or not texts:
            return None
        from search.retrieve import MAX_QUERY_CHARS  # loaded with the retriever

        vectors = retriever.encoder.encode(
            [question[:MAX_QUERY_CHARS], *texts], normalize_embeddings=True
        )
        return [float(x) for x in vectors[1:] @ vectors[0]]

    def _load_retriever(self) -> Any | None:
        if self._retriever is None and self._retriever_factory is not None:
            try:
                self._retriever = self._retriever_factory()
            except VlmkgError:
                self._retriever_factory = None  # no index: lexical answers only
        return self._retriever

    def similar(self, question: str, target: str, limit: int = 3) -> list[str]:
        """IRIs of `target` entities whose card is close to the question in embedding
        space (needs the search index); [] when none is close enough."""
        retriever = self._load_retriever()
        if retriever is None:
            return []
        hits = _dense_hits(retriever, question, limit, target)
        if not hits or hits[0].score < self.DENSE_MIN:
            return []
        return [h.iri for h in hits if h.score >= hits[0].score - 0.03]

    def _lexical(self, question: str, limit: int) -> list[Passage]:
        content = _content_words(question)
        if not content:
            return []
        scored = []
        for p in self.all():
            have = _content_words(p.text + " " + p.topic + " " + (p.facet or ""))
            overlap = len(content & have)
            if overlap >= 2 or (overlap >= 1 and len(content) == 1):
                scored.append((overlap / len(content), -p.position, p))
        scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
        if not scored or scored[0][0] < 0.4:
            return []
        best = scored[0][0]
        return [p for s, _, p in scored if s >= best * 0.75][:limit]


def _dense_hits(retriever: Any, question: str, limit: int, target: str) -> list[Any]:
    """The retriever's dense hits of `target` entities for a question cut to search's own
    query limit (a question may be longer; the encoder reads its first 256 tokens anyway)."""
    from search.retrieve import MAX_QUERY_CHARS  # loaded with the retriever

    return retriever.search(question[:MAX_QUERY_CHARS], k=limit, types=[target], mode="dense")
