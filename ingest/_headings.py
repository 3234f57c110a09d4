"""What a top-level heading means by its words (vocabulary in `headings.yaml`): "Data" is
datasets, "Toolbox" tools, "Risks" ethics, and a clause heading ("How we measure", "Where
VLMs are used") means what its predicate says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._data import load_yaml

_WORD = re.compile(r"[a-z][a-z'-]*")
_ENDINGS = ("es", "s", "ing", "ed", "d")


@dataclass(frozen=True)
class _Vocabulary:
    meanings: dict[str, str]  # word -> kind
    clause_openers: frozenset[str]
    prepositions: frozenset[str]
    head_only: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = load_yaml("headings.yaml")
    meanings = {word: kind for kind, words in data["words"].items() for word in words}
    return _Vocabulary(
        meanings,
        frozenset(data["clause_openers"]),
        frozenset(data["prepositions"]),
        frozenset(data["head_only"]),
    )


def word_kind(word: str) -> str | None:
    """The kind a heading word names ("measuring" -> "benchmarks"), or None."""
    meanings = _vocabulary().meanings
    word = word.lower().strip("'")
    if word in meanings:
        return meanings[word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if stem in meanings:
                return meanings[stem]
            if ending in ("ing", "ed") and stem + "e" in meanings:
                return meanings[stem + "e"]  # "measuring" -> "measure"
    return None


def is_clause(title: str) -> bool:
    """True for a heading written as a clause ("Where the field is going"), not a question."""
    words = _WORD.findall(title.lower())
    return (
        bool(words)
        and words[0] in _vocabulary().clause_openers
        and not title.rstrip().endswith("?")
    )


def heading_kind(title: str, pattern_kind: str | None) -> str | None:
    """The kind a top-level heading names: a clause's predicate ("How we measure" ->
    "benchmarks"), else `pattern_kind` (what the heading patterns found), else the meaning
    of its head word, the last before a preposition ("Data", "Open-source toolbox", "Risks
    of deployment"; "Release timeline" has none), or None."""
    words = _WORD.findall(title.lower())
    if is_clause(title):
        spoken = [kind for kind in map(word_kind, words[1:]) if kind]
        return spoken[-1] if spoken else pattern_kind
    if pattern_kind is not None or title.rstrip().endswith("?"):
        return pattern_kind  # a question ("What are VLMs?") is an introduction
    head, colon, subtitle = title.partition(": ")
    if colon:
        # "Data: what we train on" is data; "Projector + LLM: resolution, encoders and data
        # recipes" names a design, its subtitle's topics no kind by a modifier ("data")
        return _phrase_kind(_WORD.findall(head.lower())) or _phrase_kind(
            _WORD.findall(subtitle.lower()), modifiers=False
        )
    return _phrase_kind(words)


def _phrase_kind(words: list[str], modifiers: bool = True) -> str | None:
    """The meaning of a noun phrase's head word, the last before a preposition, else (with
    `modifiers`) of the modifier nearest it ("Known failure modes": "failure")."""
    vocabulary = _vocabulary()
    end = next((i for i, w in enumerate(words) if w in vocabulary.prepositions), len(words))
    phrase = words[:end]
    before = [w for w in phrase[:-1] if _stem(w) not in vocabulary.head_only] if modifiers else []
    return next((kind for kind in map(word_kind, reversed([*before, *phrase[-1:]])) if kind), None)


def _stem(word: str) -> str:
    """`word` without a plural "s" ("releases" -> "release")."""
    return word[:-1] if word.endswith("s") and len(word) > 4 else word
