"""The answer the assistant gives: markdown for people, a dict for scripts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class EntityRef:
    """An entity of the graph: its IRI, label and class name (Model, Dataset...)."""

    iri: str
    label: str
    type: str


@dataclass(frozen=True)
class Fact:
    """One supporting fact with the citation of the line it comes from."""

    subject: str
    predicate: str
    object: str
    source: str


@dataclass(frozen=True)
class Citation:
    """`source` is `<file>#L<start>-L<end>`; `url` the entry's own link when it has one."""

    source: str
    section: str
    url: str | None = None


@dataclass(frozen=True)
class Answer:
    """What the assistant says about one question.

    `entities` are exactly the answer set; `grounded` is False when the hub does not hold
    the answer (then `entities` is empty). `llm_note` says whether an LLM phrased the
    text, or why its text was rejected.
    """

    question: str
    markdown: str
    entities: tuple[EntityRef, ...] = ()
    facts: tuple[Fact, ...] = ()
    citations: tuple[Citation, ...] = ()
    sparql: str | None = None
    grounded: bool = True
    llm_note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `vlmkg ask --json` (answer, entities, facts, citations...)."""
        return {
            "question": self.question,
            "answer": self.markdown,
            "entities": [asdict(e) for e in self.entities],
            "facts": [asdict(f) for f in self.facts],
            "citations": [asdict(c) for c in self.citations],
            "sparql": self.sparql,
            "grounded": self.grounded,
            "llm_note": self.llm_note,
        }
