"""The words of a question that nothing else consumed, as a condition on the candidates.

Every content word of a question is accounted for: an entity mention, a class noun, an
attribute phrase, a scope, a number, a superlative, a cue or a stop word consumes it. The
rest ("audio" in "which benchmarks involve audio?") must be matched in each candidate's
own text (description, row, heading), stemmed and with the vocabulary's synonyms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from search.assistant._text import tokens, words
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant.understand import (
    Attribute,
    Intent,
    attributes,
    class_nouns,
    phrase_positions,
)

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")


@cache
def stem(word: str) -> str:
    """A light suffix-stripping stem: "surgical"/"surgery" stay apart, "videos" -> "video",
    "recognition" -> "recognit" matches "recognition"; enough for matching within one hub."""
    w = word.lower()
    if len(w) <= 4 or w.isdigit():
        return w
    for suffix in _SUFFIXES:
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue  # "cross", "corpus", "analysis"
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            if suffix in ("ies", "ied"):
                w += "y"
            break
    return w.rstrip("e") if len(w) > 4 else w


@cache
def _synonyms() -> dict[str, frozenset[str]]:
    """stem -> the stems of its synonym group (vocabulary.yaml `synonyms`)."""
    out: dict[str, set[str]] = {}
    for group in vocabulary().get("synonyms", []):
        stems = {stem(words(w)) for w in group if " " not in words(w)}
        for s in stems:
            out.setdefault(s, set()).update(stems)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _consumed_words() -> frozenset[str]:
    """Words that carry no condition: stop words, question words, scope and cue words."""
    out = set(stopwords("content")) | set(stopwords("condition"))
    for name in ("compare", "count", "list"):
        out.update(w for phrase in vocabulary()["cues"][name] for w in words(phrase).split())
    for phrases in vocabulary()["comparisons"].values():
        out.update(w for p in phrases for w in words(p).split())
    return frozenset(out)


@dataclass(frozen=True)
class TextCondition:
    """Content words a candidate's text must contain (each as a set of acceptable stems)."""

    words: tuple[str, ...]
    stems: tuple[frozenset[str], ...]
    alternatives: tuple[tuple[int, ...], ...] = ()  # groups of word indices, any one will do

    def groups(self) -> tuple[tuple[int, ...], ...]:
        return self.alternatives or (tuple(range(len(self.stems))),)

    def score(self, text: str) -> float:
        """Share of the condition's words found in `text` (0..1)."""
        have = text_stems(text)
        return sum(1 for alts in self.stems if alts & have) / len(self.stems)

    def phrase(self) -> str:
        return " ".join(self.words)


def text_stems(text: str) -> frozenset[str]:
    return _text_stems(words(text))


@cache
def _text_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", text))


def leftover_words(intent: Intent, extra_consumed: tuple[str, ...] = ()) -> list[str]:
    """The question's content words that no part of the parse consumed, in order."""
    return list(dict.fromkeys(w for w, _ in _leftover(intent, extra_consumed)))


def _leftover(intent: Intent, extra_consumed: tuple[str, ...]) -> list[tuple[str, int]]:
    toks = tokens(intent.question)
    covered = {i for m in intent.mentions for i in range(m.start, m.end)}
    covered |= set(intent.extra.get("excluded_tokens", ()))
    low = [words(t) for t in toks]
    consumed_phrases = [p for a in intent.attributes for p in a.phrases]
    consumed_phrases += list(extra_consumed) + list(intent.extra.get("scope_words", ()))
    consumed_phrases += list(intent.extra.get("consumed_names", ()))
    phrases = {words(p) for p in consumed_phrases} | _always_consumed()
    text = " " + " ".join(low) + " "
    taken = set(covered)
    for phrase in sorted(phrases, key=len, reverse=True):
        if f" {phrase} " not in text:
            continue
        parts = phrase.split()
        for start in range(0, len(low) - len(parts) + 1):
            if " ".join(low[start : start + len(parts)]) == phrase:
                taken.update(range(start, start + len(parts)))
    stop = _consumed_words()
    out = []
    for i, w in enumerate(low):
        if i in taken or _QUANTITY.fullmatch(w):
            continue  # a number (with its unit glued on) is a constraint of its own
        if (
            i > 0
            and _UNIT_WORD.fullmatch(w)
            and (any(c.isdigit() for c in low[i - 1]) or low[i - 1] in _number_words())
        ):
            continue
        for part in re.findall(r"[a-z][a-z0-9]*", w):
            if len(part) < 3 or part in stop or stem(part) in _stop_stems():
                continue
            out.append((part, i))
    return out


@cache
def _always_consumed() -> frozenset[str]:
    """Class nouns, superlatives and exclusion cues, in `words` form."""
    phrases = list(class_nouns())
    phrases += [p for spec in vocabulary()["superlatives"] for p in spec["phrases"]]
    phrases += list(vocabulary()["exclusions"])
    return frozenset(words(p) for p in phrases)


def _alternatives(intent: Intent, left: list[tuple[str, int]]) -> tuple[tuple[int, ...], ...]:
    """Groups of leftover word indices, any one of which meets the condition: "surgery or
    surgical data" is [surgery] or [surgical, data]; words away from the "or" are in every
    group."""
    low = [words(t) for t in tokens(intent.question)]
    ors = [i for i, w in enumerate(low) if w == "or"]
    everything = tuple(range(len(left)))
    if not ors or not left:
        return (everything,)
    at = ors[0]
    positions = [pos for _, pos in left]

    def run(start: int, step: int) -> list[int]:
        found, pos = [], start
        while pos in positions:
            found.append(positions.index(pos))
            pos += step
        return found

    before, after = run(at - 1, -1), run(at + 1, 1)
    if not before or not after:
        return (everything,)
    shared = [n for n in everything if n not in before and n not in after]
    return (tuple(sorted(shared + before)), tuple(sorted(shared + after)))


@cache
def _number_words() -> frozenset[str]:
    return frozenset(vocabulary()["number_words"])


_QUANTITY = re.compile(r"[~≈]?\d[\d.,]*(?:[kmbt]|%|x|×|gb|ms|s)?(?: [a-z]+)?")
_UNIT_WORD = re.compile(
    r"(?:tokens?|params?|parameters|million|billion|trillion|thousand|pairs|images|"
    r"languages|hours|clips|videos|samples|gb|ms|percent)"
)


@cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _consumed_words() if len(w) > 4)


def synonyms_of(word: str) -> frozenset[str]:
    """The stem of `word` and the stems of its synonyms."""
    return frozenset({stem(word)}) | _synonyms().get(stem(word), frozenset())


def text_condition(intent: Intent, extra_consumed: tuple[str, ...] = ()) -> TextCondition | None:
    """The text condition of a question, or None when every word is accounted for."""
    left = _leftover(intent, extra_consumed)
    unique: list[tuple[str, int]] = []
    for w, pos in left:
        if all(w != u for u, _ in unique):
            unique.append((w, pos))
    if not unique:
        return None
    stems = tuple(synonyms_of(w) for w, _ in unique)
    return TextCondition(tuple(w for w, _ in unique), stems, _alternatives(intent, unique))


def _shared_heads(attr: Attribute) -> frozenset[str]:
    """Head words that other attributes' phrases end in too ("backbone" is a vision and a
    language backbone): they do not say which attribute a sentence is about."""
    return frozenset(
        stem(words(p).split()[-1])
        for other in attributes()
        if other.name != attr.name
        for p in other.phrases
    )


@cache
def attribute_words() -> frozenset[str]:
    """Every word of every attribute phrase (to tell an attribute question apart)."""
    return frozenset(w for a in attributes() for p in a.phrases for w in words(p).split())


_HOW_MANY = re.compile(r"\bhow many ((?:[a-z0-9]+ ){0,2}[a-z0-9]+)")
_ANY_NUMBER = re.compile(
    r"\b(how much|how big|how large|how fast|how long|what score|which score|"
    r"what accuracy|what percentage|what share|what fraction|what latency|what speedup|"
    r"by how much|what size|what number|what reduction|how high|how low)\b"
)


def extraction_terms(
    intent: Intent, attr: Attribute | None
) -> tuple[list[frozenset[str]], list[frozenset[str]], frozenset[str] | None]:
    """What to look for in an entity's sentences: (query words as stem sets, words that
    must occur, the stems of the asked-for quantity or None when no number is asked)."""
    condition = text_condition(intent)
    query = list(condition.stems) if condition else []
    required: list[frozenset[str]] = []
    if attr is not None:
        stops = _stop_stems() | {stem(w) for w in _consumed_words()}
        heads = {stem(words(p).split()[-1]) for p in attr.phrases}
        heads -= stops | _shared_heads(attr)
        # the head of the phrase the question itself uses ("visual encoder" -> encoder)
        asked = words(intent.question)
        heads |= {
            stem(words(p).split()[-1]) for p in attr.phrases if phrase_positions(asked, p)
        } - stops
        heads = {h for h in heads if len(h) >= 3}
        if heads:
            required.append(frozenset(heads))
            query.append(frozenset(heads))
        query += [
            frozenset({stem(w)})
            for p in attr.phrases
            for w in words(p).split()
            if len(w) >= 4 and w not in _consumed_words()
        ]
    question = words(intent.question)
    quantity: frozenset[str] | None = None
    counted = _HOW_MANY.search(question)
    if counted:
        quantity = frozenset(
            stem(w) for w in counted.group(1).split() if w not in _consumed_words()
        )
    elif _ANY_NUMBER.search(question) or (
        attr is not None and attr.value in ("number", "quantity")
    ):
        quantity = frozenset()
    return list(dict.fromkeys(query)), required, quantity


def match_condition(
    condition: TextCondition, texts: dict[str, str], population: list[str], share: float = 0.5
) -> list[str] | None:
    """Keys of `texts` whose text holds the telling words of the condition (a word found
    in more than `share` of `population` tells nothing), weighted by rarity; the best
    matches when they hold at least half the weight, else []. None when no word of the
    condition is telling."""
    have = {k: text_stems(t) for k, t in texts.items()}
    pop = [text_stems(t) for t in population] or list(have.values())
    weights: dict[int, float] = {}
    for n, alts in enumerate(condition.stems):
        df = sum(1 for p in pop if alts & p)
        if df <= share * len(pop):
            weights[n] = math.log((len(pop) + 1) / (df + 0.5))
    groups = [[n for n in g if n in weights] for g in condition.groups()]
    groups = [g for g in groups if g]
    if not groups:
        return None

    def score(h: frozenset[str]) -> float:
        return max(
            sum(weights[n] for n in g if condition.stems[n] & h) / sum(weights[n] for n in g)
            for g in groups
        )

    scores = {k: score(h) for k, h in have.items()}
    best = max(scores.values())
    if best < 0.5:
        return []
    return [k for k, s in scores.items() if s >= best - 1e-9]
