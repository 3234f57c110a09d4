"""The words of a question that nothing else consumed, as a condition on the candidates.

Every content word of a question is accounted for: an entity mention, a class noun, an
attribute phrase, a scope, a number, a superlative, a cue or a stop word consumes it. The
rest ("audio" in "which benchmarks involve audio?") must be matched in each candidate's
own text (description, row, heading), stemmed and with the vocabulary's synonyms.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from rapidfuzz.distance import OSA

from ingest._data import with_cues
from search.assistant._text import token_offsets, tokens, words
from search.assistant._vocabulary import curated, stopwords, vocabulary
from search.assistant.understand import (
    Attribute,
    Intent,
    NumberConstraint,
    asked_noun,
    attributes,
    class_nouns,
    phrase_positions,
)

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")
# "dermatology", "dermatological", "pathologies": one stem for the field and its adjective
_FIELD = re.compile(r"(olog)(?:y|ies|ical|ic|ist|ists)$")


@cache
def condition_data() -> dict[str, Any]:
    """The parsed conditions.yaml (more synonyms, topic cues, repeated-entry cues)."""
    return curated("conditions.yaml")


@cache
def stem(word: str) -> str:
    """A light suffix-stripping stem: "surgical"/"surgery" stay apart, "videos" -> "video",
    "recognition" -> "recognit" matches "recognition"; enough for matching within one hub."""
    w = word.lower()
    if len(w) <= 4 or w.isdigit():
        return w
    field = _FIELD.search(w)
    if field and field.start() >= 3:
        return w[: field.end(1)]
    for suffix in _SUFFIXES:
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue  # "cross", "corpus", "analysis"
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            if suffix in ("ies", "ied"):
                w += "y"
            break
    return w.rstrip("e") if len(w) > 4 else w


def _member_stem(member: str) -> str | None:
    """A synonym as one stem: a word's stem, two words as "stem_stem" (the pair side by
    side, see `text_stems`); None for longer phrases."""
    parts = re.findall(r"[a-z0-9]+", words(member))
    if len(parts) == 1:
        return stem(parts[0])
    if len(parts) == 2:
        return f"{stem(parts[0])}_{stem(parts[1])}"
    return None


@cache
def _synonyms() -> dict[str, frozenset[str]]:
    """stem -> the stems of its synonym groups (vocabulary.yaml and conditions.yaml
    `synonyms`; a stem in two groups has both)."""
    out: dict[str, set[str]] = {}
    groups = list(vocabulary().get("synonyms", [])) + list(condition_data()["synonyms"])
    for group in groups:
        stems = {s for s in map(_member_stem, group) if s}
        for s in stems:
            out.setdefault(s, set()).update(stems)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def abbreviations() -> frozenset[str]:
    """One-word members of a synonym group that also holds words side by side ("rl" of
    "reinforcement learning"), lower case: a question's word, not an unknown name."""
    groups = list(vocabulary().get("synonyms", [])) + list(condition_data()["synonyms"])
    return frozenset(
        words(m)
        for group in groups
        if any(len(words(g).split()) > 1 for g in group)
        for m in group
        if len(words(m).split()) == 1 and len(m) <= 5
    )


@cache
def _consumed_words() -> frozenset[str]:
    """Words that carry no condition: stop words, question words, scope and cue words."""
    out = set(stopwords("content")) | set(stopwords("condition"))
    out.update(words(str(w)) for w in condition_data()["stopwords"])
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
    phrases: tuple[tuple[int, int], ...] = ()  # word indices side by side in the question

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
    """The stems of a text's words and of each pair of neighbours ("remot_sens")."""
    stems = [stem(w) for w in re.findall(r"[a-z0-9]+", text)]
    return frozenset(stems) | frozenset(f"{a}_{b}" for a, b in itertools.pairwise(stems))


def leftover_words(intent: Intent, extra_consumed: tuple[str, ...] = ()) -> list[str]:
    """The question's content words that no part of the parse consumed, in order."""
    return list(dict.fromkeys(w for w, _ in _leftover(intent, extra_consumed)))


def _leftover(intent: Intent, extra_consumed: tuple[str, ...]) -> list[tuple[str, int]]:
    toks = tokens(intent.question)
    covered = {i for m in intent.mentions for i in range(m.start, m.end)}
    covered |= set(intent.extra.get("excluded_tokens", ()))
    covered |= qualifier_tokens(intent.question)
    low = [words(t) for t in toks]
    consumed_phrases = [p for a in intent.attributes for p in a.phrases]
    consumed_phrases += list(extra_consumed) + list(intent.extra.get("scope_words", ()))
    consumed_phrases += list(intent.extra.get("consumed_names", ()))
    phrases = {words(p) for p in consumed_phrases} | _always_consumed()
    taken = set(covered)
    # phrases match word by word: "vision-language model" is one token of two words, and
    # so is "docs/charts" (the scope "the docs/charts/OCR board")
    flat = [(w, i) for i, t in enumerate(low) for w in re.sub(r"(?<=\w)/(?=\w)", " ", t).split()]
    text = " " + " ".join(w for w, _ in flat) + " "
    for phrase in sorted(phrases, key=len, reverse=True):
        if f" {phrase} " not in text:
            continue
        parts = phrase.split()
        for start in range(0, len(flat) - len(parts) + 1):
            if [w for w, _ in flat[start : start + len(parts)]] == parts:
                taken.update(i for _, i in flat[start : start + len(parts)])
    stop = _consumed_words()
    paired = _paired_parts(flat, taken)
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
            if (part, i) not in paired and (
                (len(part) < 3 and part not in abbreviations())
                or part in stop
                or stem(part) in _stop_stems()
            ):
                continue
            out.append((part, i))
    # a clause whose "verb" is a name ("from CLIP to SigLIP") is none
    clauses = [c for v, c in purpose_clauses(intent.question) if v not in covered]
    purpose = frozenset().union(*clauses)
    if purpose:
        outside = [(w, i) for w, i in out if i not in purpose]
        if outside or any(m.start not in purpose for m in intent.mentions):
            return outside
    return out


def _paired_parts(flat: list[tuple[str, int]], taken: set[int]) -> set[tuple[str, int]]:
    """Words that are a two-word synonym with their neighbour ("state space"): kept even
    when one of them alone is a stop word."""
    out: set[tuple[str, int]] = set()
    for (a, i), (b, j) in itertools.pairwise(flat):
        if i not in taken and j not in taken and f"{stem(a)}_{stem(b)}" in _synonyms():
            out |= {(a, i), (b, j)}
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
    # "pixel shuffle / pixel unshuffle": a slash between words is an "or"
    aside = qualifier_tokens(intent.question)
    ors = [i for i, w in enumerate(low) if w in ("or", "/") and i not in aside]
    everything = tuple(range(len(left)))
    if not ors or not left:
        return (everything,)
    at = ors[0]
    positions = [pos for _, pos in left]

    def run(start: int, step: int) -> list[int]:
        found, pos = [], start
        while pos in positions or (0 <= pos < len(low) and low[pos] in _NAME_SUFFIXES):
            if pos in positions:  # "Perceiver-style pooling": the suffix joins the run
                found.append(positions.index(pos))
            pos += step
        return found

    # the nearest leftover words either side: "state space models or mamba" (the class
    # noun between them and the "or" is consumed)
    earlier = [p for p in positions if p < at]
    later = [p for p in positions if p > at]
    before = run(max(earlier), -1) if earlier else []
    after = run(min(later), 1) if later else []
    if not before or not after:
        return (everything,)
    shared = [n for n in everything if n not in before and n not in after]
    return (tuple(sorted(shared + before)), tuple(sorted(shared + after)))


# the words `tokens` splits off a name ("Perceiver-style", "CLIP-based")
_NAME_SUFFIXES = frozenset({"family", "based", "style", "like", "series", "type", "sized"})


@cache
def _qualifier_opening() -> re.Pattern[str]:
    cues = sorted((words(str(c)) for c in condition_data()["qualifier_openings"]), key=len)
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"[\s.]+") for c in reversed(cues))
    return re.compile(r"\(\s*(?:" + alternatives + r")\b[^()]*\)?", re.I)


@cache
def qualifier_tokens(question: str) -> frozenset[int]:
    """Token indices of a parenthetical that qualifies the question rather than adding a
    condition ("(any size)", "(going by title)", "(including later versions folded into an
    entry)", "(as the bridge or as one fusion option)"; conditions.yaml
    `qualifier_openings`): its words are no text condition, its "or" joins nothing."""
    spans = [(m.start(), m.end()) for m in _qualifier_opening().finditer(question)]
    if not spans:
        return frozenset()
    offsets = token_offsets(question)
    return frozenset(i for i, (_, at) in enumerate(offsets) if any(s <= at < e for s, e in spans))


@cache
def _purpose_clauses() -> tuple[re.Pattern[str], frozenset[str]]:
    """(an opening, its verb and the clause's rest; the words that, right before the
    opening, make it no purpose)."""
    data = condition_data()["purpose_clauses"]
    openings = sorted((words(str(o)) for o in data["openings"]), key=len, reverse=True)
    not_before = "|".join(re.escape(words(str(w))) for w in data["not_before"])
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in openings) + r")"
        r"\s+(?!(?:" + not_before + r")\b)(?P<verb>[a-z]+)\b[^,;?()]*",
        re.I,
    )
    return pattern, frozenset(words(str(w)) for w in data["not_after"]) | _soft_words()[0]


@cache
def _purpose_words(intent: Intent) -> list[str]:
    """The content words of the question's purpose clauses, its names' words aside."""
    named = {i for m in intent.mentions for i in range(m.start, m.end)}
    low = [words(t) for t in tokens(intent.question)]
    stop = _consumed_words()
    return [
        w
        for _, inside in purpose_clauses(intent.question)
        for i in sorted(inside - named)
        for w in low[i].split()
        if len(w) >= 3 and w not in stop and stem(w) not in _stop_stems()
    ]


def purpose_clauses(question: str) -> tuple[tuple[int, frozenset[int]], ...]:
    """The purpose clauses of a question ("... to turn visual features into tokens";
    conditions.yaml `purpose_clauses`), each as (its verb's token index, its token
    indices): what a named part is for, not which entries qualify. "designed to test
    OCR", "compared to", "up to 7B" open none."""
    pattern, not_after = _purpose_clauses()
    offsets = token_offsets(question)
    out = []
    for found in pattern.finditer(question):
        before = re.findall(r"[\w-]+", question[: found.start()].lower())
        if before and before[-1] in not_after:
            continue
        inside = [i for i, (_, at) in enumerate(offsets) if found.start() <= at < found.end()]
        verb = [i for i in inside if offsets[i][1] >= found.start("verb")]
        if verb:
            out.append((verb[0], frozenset(inside)))
    instrument = _instrument_clause(question)
    if instrument is not None:
        out.append(instrument)
    return tuple(out)


def _instrument_clause(question: str) -> tuple[int, frozenset[int]] | None:
    """ "which VLMs compress visual tokens with a pixel shuffle": the words from the verb
    after the class noun to the instrument's preposition, as (the verb's index, them)."""
    offsets = token_offsets(question)
    # the clause ends at a comma, semicolon, question mark or parenthesis
    cut = min((question.find(c) for c in ",;?(" if c in question), default=len(question))
    low = [words(t) for t, at in offsets if at < cut]
    data = condition_data()["purpose_clauses"]
    instruments = [words(str(w)).split() for w in data["instruments"]]
    # "which models use X with Y": a part verb's object is the condition itself
    not_verbs = {words(str(w)) for w in data["not_before"]} | {"that", "which", "who"}
    not_verbs |= _soft_words()[0] | _consumed_words()
    nouns = {n for n in class_nouns() if " " not in n}
    at = next((i for i, w in enumerate(low[:4]) if w in nouns), None)
    if at is None:
        return None
    verb = at + 1 + (at + 1 < len(low) and low[at + 1] in ("that", "which", "who"))
    if verb >= len(low) or not low[verb].isalpha() or low[verb] in not_verbs:
        return None
    for end in range(verb + 1, len(low)):
        if any(low[end : end + len(p)] == p for p in instruments):
            return verb, frozenset(range(verb, end))
    return None


@cache
def parenthetical_tokens(question: str) -> frozenset[int]:
    """Token indices inside parentheses ("(SAM-B, SAM-2, or a SAM-derived pathway)")."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)?", question)]
    offsets = token_offsets(question)
    return frozenset(i for i, (_, at) in enumerate(offsets) if any(s <= at < e for s, e in spans))


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
    """The stem of `word` (two words: "stem_stem") and the stems of its synonyms."""
    own = _member_stem(word) or stem(word)
    return frozenset({own}) | _synonyms().get(own, frozenset())


def text_condition(intent: Intent, extra_consumed: tuple[str, ...] = ()) -> TextCondition | None:
    """The text condition of a question, or None when every word is accounted for."""
    left = _without_soft_words(_leftover(intent, extra_consumed), tokens(intent.question))
    unique: list[tuple[str, int]] = []
    for w, pos in left:
        if all(w != u for u, _ in unique):
            unique.append((w, pos))
    if not unique:
        return None
    # the alternatives are read before repeated words are merged: "autonomous driving or
    # driving VLA models" is [autonomous, driving] or [driving, vla], not [vla] alone
    first = {w: n for n, (w, _) in reversed(list(enumerate(unique)))}
    groups = tuple(
        tuple(sorted({first[left[n][0]] for n in g})) for g in _alternatives(intent, left)
    )
    merged, index_of = _pairs(unique, [words(t) for t in tokens(intent.question)])
    literal = set(intent.extra.get("literal_tokens", ()))
    literal_words = {index_of[n] for n, (_, pos) in enumerate(unique) if pos in literal}
    stems = tuple(
        frozenset({stem(w)}) if n in literal_words else synonyms_of(w) for n, w in enumerate(merged)
    )
    groups = tuple(tuple(sorted({index_of[n] for n in g})) for g in groups)
    # words side by side in the question ("linear attention"): the texts that write them
    # side by side meet the condition better than those with the words apart
    phrases = tuple(
        dict.fromkeys(
            (index_of[n], index_of[n + 1])
            for n in range(len(unique) - 1)
            if unique[n + 1][1] - unique[n][1] == 1 and index_of[n] != index_of[n + 1]
        )
    )
    return TextCondition(tuple(merged), stems, groups, phrases)


def _without_soft_words(left: list[tuple[str, int]], toks: list[str]) -> list[tuple[str, int]]:
    """`left` without the words that say what a class does ("evaluate" in "benchmarks that
    evaluate video"; kept inside a hyphenated word: "test-time") and, when another word
    is left, without generic nouns ("understanding" in "video understanding")."""
    roles, generic = _soft_words()
    low = [words(t) for t in toks]
    kept = [(w, pos) for w, pos in left if not (w in roles and len(low[pos].split()) == 1)]
    specific = [(w, pos) for w, pos in kept if w not in generic]
    return specific or kept


def is_generic(condition: TextCondition) -> bool:
    """True when every word of `condition` is a generic noun ("understanding"): with a
    graph condition already, such words narrow nothing."""
    return all(w in _soft_words()[1] for w in condition.words)


@cache
def _part_verbs() -> frozenset[str]:
    return frozenset(words(str(w)) for w in condition_data()["part_verbs"])


@cache
def _soft_words() -> tuple[frozenset[str], frozenset[str]]:
    """(class-role verbs, generic nouns) of conditions.yaml."""
    data = condition_data()
    cues = {w for cue in data["topic_cues"] for w in words(str(cue)).split()}
    return (
        frozenset(words(str(w)) for w in (*data["role_verbs"], *data["part_verbs"]))
        | frozenset(cues),
        frozenset(words(str(w)) for w in data["generic_nouns"]),
    )


def _pairs(left: list[tuple[str, int]], low: list[str]) -> tuple[list[str], dict[int, int]]:
    """Neighbouring words that are one synonym together ("remote sensing", "mixture of
    experts" with its "of") as one word; (the words, leftover index -> word index)."""
    merged: list[str] = []
    index_of: dict[int, int] = {}
    n = 0
    while n < len(left):
        (w, pos), nxt = left[n], left[n + 1] if n + 1 < len(left) else None
        near = nxt is not None and (
            nxt[1] - pos in (0, 1) or (nxt[1] - pos == 2 and low[pos + 1] == "of")
        )
        if nxt and near and f"{stem(w)}_{stem(nxt[0])}" in _synonyms():
            index_of[n] = index_of[n + 1] = len(merged)
            merged.append(f"{w} {nxt[0]}")
            n += 2
            continue
        index_of[n] = len(merged)
        merged.append(w)
        n += 1
    return merged, index_of


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


# The share of a condition's weight a candidate must hold when the best one holds more
# (calibrated on tests/data/qa_lists_2025-08.jsonl; the numbers are in docs/assistant.md).
PARTIAL = 0.65
# A partial match may miss only words this much less telling than its rarest word:
# "pathology images" without "images", not "test-time adaptation" without "adaptation".
MISSABLE = 0.5

# the words that end what "how many ..." counts ("how many models does X include")
_COUNT_VERBS = frozenset(
    [
        "do",
        "does",
        "did",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "in",
        "of",
        "on",
        "for",
        "from",
        "there",
        "that",
        "which",
    ]
)
_HOW_MANY = re.compile(r"\bhow many ((?:[a-z0-9]+ ){0,2}[a-z0-9]+)")
_ANY_NUMBER = re.compile(
    r"\b(how much|how big|how large|how fast|how long|what score|which score|"
    r"what accuracy|what percentage|what share|what fraction|what latency|what speedup|"
    r"by how much|what size|what number|what reduction|how high|how low|"
    r"what (?:minimum|maximum|min|max|range|resolution))\b"
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
    if attr is None:
        # "what does X add to mark rows of patch tokens": the purpose is what is asked of
        # X's sentences, not a condition set aside
        query += [
            frozenset({stem(w)})
            for w in _purpose_words(intent)
            if all(stem(w) not in q for q in query)
        ]
    noun = asked_noun(intent.masked or words(intent.question)) if attr is None else None
    if noun is not None:
        from search.assistant.extract import related

        # "what hardware was X trained on": a sentence naming hardware (or GPUs) answers
        required.append(frozenset({stem(noun)}) | related(frozenset({stem(noun)})))
    question = words(intent.question)
    quantity: frozenset[str] | None = None
    counted = _HOW_MANY.search(question)
    if counted:
        # the counted noun is the words before the clause's verb, a class noun too ("how
        # many models make up X": "seven models"), never the subject's name after the verb
        counted_words = itertools.takewhile(
            lambda w: w not in _COUNT_VERBS, counted.group(1).split()
        )
        quantity = _counted_synonyms(
            frozenset(stem(w) for w in counted_words if w not in _stop_stems())
        )
        # what is counted is what a sentence answering the count talks about ("how many
        # models does X include": "comprises seven models"), whatever the verb
        for w in counted.group(1).split():
            if w in _COUNT_VERBS:
                break
            if len(w) >= 3:
                query.append(_counted_synonyms(frozenset({stem(w)})))
    elif attr is not None and attr.counts:
        # "compare X and Y on pretraining tokens": a number of tokens answers
        quantity = _counted_synonyms(frozenset({stem(attr.counts)}))
    elif _ANY_NUMBER.search(question) or (
        attr is not None and attr.value in ("number", "quantity")
    ):
        quantity = frozenset()
    return list(dict.fromkeys(query)), required, quantity


@cache
def _class_noun_stems() -> tuple[frozenset[str], ...]:
    """The stems of each class's one-word nouns (vocabulary.yaml `classes`; not the table
    rows', whose nouns name different things: "tasks", "techniques")."""
    nouns = [group for name, group in vocabulary()["classes"].items() if name != "TableRow"]
    return tuple(frozenset(stem(n) for n in group if " " not in n) for group in nouns)


def _counted_synonyms(counted: frozenset[str]) -> frozenset[str]:
    """`counted` (stems) with the stems of its synonyms and of the other one-word nouns of
    the class a stem names ("how many VLMs does X comprise": "seven models"; "how many
    params": "2.8B parameters")."""
    same = [_synonyms().get(s, frozenset()) for s in counted]
    return counted.union(*same, *(g for g in _class_noun_stems() if g & counted))


def _spelled_as_found(condition: TextCondition, texts: list[frozenset[str]]) -> TextCondition:
    """`condition` with a word no text has replaced by the texts' words one edit away (two
    for stems of eight letters or more; "prunning" -> "pruning", "patholgy" -> "pathology");
    words under six letters are kept as they are."""
    vocabulary_ = frozenset().union(*texts) if texts else frozenset()
    stems = list(condition.stems)
    for n, (word, alts) in enumerate(zip(condition.words, condition.stems, strict=True)):
        if alts & vocabulary_ or len(word) < 6 or " " in word:
            continue
        own = stem(word)
        slips = 1 if len(own) < 8 else 2
        close = {
            v
            for v in vocabulary_
            if "_" not in v and abs(len(v) - len(own)) <= slips and OSA.distance(v, own) <= slips
        }
        if close:
            stems[n] = alts | frozenset(close)
    return replace(condition, stems=tuple(stems))


def match_condition(
    condition: TextCondition,
    texts: dict[str, str],
    population: list[str],
    share: float = 0.5,
    known: frozenset[str] = frozenset(),
) -> list[str] | None:
    """Keys of `texts` whose text holds the telling words of the condition (a word found
    in more than `share` of `population` tells nothing), weighted by rarity: those holding
    at least PARTIAL of the weight and the rarest word, else the best matches when they
    hold at least half of it, else []. None when no word of the condition is telling.

    A word that no candidate's text holds but the hub uses elsewhere (`known` stems) tells
    no candidate from another: with other words it is left out (`absent_words` names it).
    A word the hub never uses ("seismic") stays, and nothing matches it.
    """
    have = {k: text_stems(t) for k, t in texts.items()}
    pop = [text_stems(t) for t in population] or list(have.values())
    condition = _spelled_as_found(condition, pop + list(have.values()))
    condition = _with_phrases(condition, pop + list(have.values()))
    weights: dict[int, float] = {}
    every: dict[int, float] = {}
    for n, alts in enumerate(condition.stems):
        df = sum(1 for p in pop if alts & p)
        every[n] = math.log((len(pop) + 1) / (df + 0.5))
        if df <= share * len(pop):
            weights[n] = every[n]
    if len(condition.groups()) > 1 and weights:
        # of alternatives ("a resampler or pooling"), one whose words are all common is
        # still one way to meet the condition, not none
        for g in condition.groups():
            if not any(n in weights for n in g):
                weights.update((n, every[n]) for n in g)
    groups = [[n for n in g if n in weights] for g in condition.groups()]
    groups = [g for g in groups if g]
    if not groups:
        return None
    absent = {
        n for n in _absent(condition, pop + list(have.values())) if condition.stems[n] & known
    }
    groups = [[n for n in g if n not in absent] for g in groups]
    groups = [g for g in groups if g]
    if not groups:
        return []

    def score(h: frozenset[str]) -> tuple[float, bool]:
        """(the best share of a group's weight, whether the words that group misses are
        all common ones: at most MISSABLE of its rarest word's weight)."""
        out = []
        for g in groups:
            met = _met(condition, g, h)
            held = sum(weights[n] for n in met) / sum(weights[n] for n in g)
            top = max(weights[n] for n in g)
            missed = [weights[n] for n in g if n not in met]
            out.append((held, all(w <= MISSABLE * top for w in missed)))
        return max(out)

    scores = {k: score(h) for k, h in have.items()}
    best = max(s for s, _ in scores.values())
    if best < 0.5:
        return []
    if best < PARTIAL:
        return [k for k, (s, _) in scores.items() if s >= best - 1e-9]
    # Rare words carry the weight: "pathology images" keeps a title that says "pathology"
    # and not "images", never one that says only "images".
    return [k for k, (s, common) in scores.items() if s >= best - 1e-9 or (s >= PARTIAL and common)]


def _with_phrases(condition: TextCondition, texts: list[frozenset[str]]) -> TextCondition:
    """`condition` with each pair of its side-by-side words that some text writes side by
    side as one more word of the groups holding both ("linear attention": a text with
    "linear projection ... attention" meets less of it)."""
    if not condition.phrases:
        return condition
    said, stems = list(condition.words), list(condition.stems)
    groups = [list(g) for g in condition.groups()]
    for a, b in condition.phrases:
        pair = frozenset(f"{x}_{y}" for x in condition.stems[a] for y in condition.stems[b])
        if not any(pair & t for t in texts):
            continue  # written apart everywhere: no text is told from another by it
        said.append(f"{condition.words[a]} {condition.words[b]}")
        stems.append(pair)
        for g in groups:
            if a in g and b in g:
                g.append(len(stems) - 1)
    return replace(
        condition,
        words=tuple(said),
        stems=tuple(stems),
        alternatives=tuple(tuple(g) for g in groups),
        phrases=(),
    )


def _met(condition: TextCondition, group: list[int], have: frozenset[str]) -> set[int]:
    """The words of `group` that `have` meets, each by a word of its own: in "video clips"
    (synonyms of each other) one "videos" meets one of them, not both."""
    used: set[str] = set()
    met: set[int] = set()
    for n in sorted(group, key=lambda n: len(condition.stems[n] & have)):
        free = (condition.stems[n] & have) - used
        if free:
            used.add(min(free))
            met.add(n)
    return met


def _absent(condition: TextCondition, texts: list[frozenset[str]]) -> list[int]:
    return [n for n, alts in enumerate(condition.stems) if not any(alts & t for t in texts)]


def absent_words(condition: TextCondition, texts: list[str], known: frozenset[str]) -> list[str]:
    """The words of `condition` that none of `texts` holds and the hub uses elsewhere
    (`known` stems): the words `match_condition` leaves out."""
    stems = [text_stems(t) for t in texts]
    spelled = _spelled_as_found(condition, stems)
    return [condition.words[n] for n in _absent(spelled, stems) if spelled.stems[n] & known]


def repeated_cue(question: str) -> str | None:
    """The words by which a question asks for what the hub lists more than once
    ("which papers appear twice?"), or None."""
    text = words(question)
    for cue in sorted(condition_data()["repeated_cues"], key=len, reverse=True):
        if phrase_positions(text, words(cue)):
            return words(cue)
    return None


def sole_number(question: str, number: NumberConstraint) -> bool:
    """True when the question asks for `number` as an entry's only value ("a single 7B
    size", "only in 7B", "7B only"), not as one of its variants."""
    pattern = str(condition_data()["sole_number"]).replace("{number}", re.escape(number.text))
    return number.op == "=" and bool(re.search(pattern, words(question)))


def is_topical(intent: Intent) -> bool:
    """True when the question's unconsumed words follow a topic cue ("papers about
    protein folding", "benchmarks for spatial reasoning"): they are what is asked about,
    and an answer must meet them."""
    low = [words(t) for t in tokens(intent.question)]
    starts = [
        i
        for cue in map(str, condition_data()["topic_cues"])
        for i in range(len(low))
        if " ".join(low[i : i + len(words(cue).split())]) == words(cue)
        and not (i and low[i - 1] in _part_verbs())
    ]
    left = _leftover(intent, ())
    return bool(starts and left) and any(pos > min(starts) for _, pos in left)


@cache
def _mention_negation() -> re.Pattern[str]:
    return re.compile(with_cues(str(condition_data()["mention_negations"])), re.I)


@cache
def _negated_span() -> re.Pattern[str]:
    return re.compile(with_cues(str(condition_data()["negated_spans"])), re.I)


def affirmed(text: str) -> str:
    """`text` without the words a negation or a replacement sets aside ("does not use a
    Perceiver resampler", "replaces the resampler with pixel shuffle" keeps "with pixel
    shuffle"): what an entry says it is not meets no condition."""
    return _negated_span().sub(" ", text)


def names_unnegated(pattern: re.Pattern[str], text: str) -> bool:
    """True when `text` names `pattern` at least once with no negation or contrast before
    it in the same clause ("without a Q-Former", "instead of X", "similar to X")."""
    negation = _mention_negation()
    return any(not negation.search(text[: m.start()]) for m in pattern.finditer(text))
