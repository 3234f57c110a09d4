"""What a question asks: its kind, the entities it names, the attributes and constraints.

Rules are general: phrases come from `vocabulary.yaml`, names from the graph's lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ingest._members import member_names
from search.assistant._text import token_offsets, tokens, words
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant._wording import (
    name_suffixes_spelt_out,
    number_sign_spelt_out,
    scope_last,
    without_courtesy,
)
from search.assistant.lexicon import LexEntity, Lexicon, Mention

# Classes whose entities are things a question is usually *about* (subjects).
SUBJECT_TYPES = ("Model", "Dataset", "Benchmark", "Tool", "TableRow", "Paper")
# Classes whose entities are usually *values* of a model's attribute.
VALUE_TYPES = (
    "VisionEncoder",
    "LanguageModel",
    "AudioEncoder",
    "PretrainedComponent",
    "Architecture",
    "Category",
)
TOPIC_TYPES = ("ResearchDirection", "ApplicationDomain")


@dataclass(frozen=True)
class Attribute:
    """An attribute a question can ask for (vocabulary.yaml `attributes`)."""

    name: str
    property: str
    noun: str
    value: str
    domain: tuple[str, ...]
    phrases: tuple[str, ...]
    edges: tuple[str, ...] = ()  # typed mention edges that state the same relation
    objects: tuple[str, ...] = ()  # classes of the entities those edges point to
    inverse: str | None = None  # the property from a value back to its subject
    written: tuple[str, ...] = ()  # properties holding the value as the list writes it
    part: bool = False  # names a part of the model (its encoder, its language model)
    counts: str | None = None  # the noun a number of it counts, when no fact holds it ("token")


@dataclass(frozen=True)
class NumberConstraint:
    """A numeric condition such as "over 70B" (op ">", 7e10) or "128k tokens"."""

    op: str
    value: float
    unit: str  # "params" | "tokens" | "" (bare)
    text: str


@dataclass(frozen=True)
class Intent:
    """A parsed question."""

    question: str
    kind: str  # lookup | list | count | compare | open
    mentions: tuple[Mention, ...]
    attributes: tuple[Attribute, ...]
    target_class: str | None
    years: tuple[tuple[str, int], ...] = ()
    numbers: tuple[NumberConstraint, ...] = ()
    quoted: tuple[str, ...] = ()
    refers_back: bool = False
    masked: str = ""  # the question's words with mentions removed
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def entities(self, *types: str) -> list[LexEntity]:
        """Linked entities of the given classes, in question order, deduplicated."""
        out: list[LexEntity] = []
        for mention in self.mentions:
            for entity in mention.of_type(*types) if types else mention.entities:
                if entity not in out:
                    out.append(entity)
        return out


@cache
def class_nouns() -> frozenset[str]:
    """Every class noun of vocabulary.yaml, in `words` form ("bias types", "models")."""
    return frozenset(words(n) for ns in vocabulary()["classes"].values() for n in ns)


@cache
def vocabulary_words() -> frozenset[str]:
    """Every word of the attribute phrases and class nouns: a question's own vocabulary."""
    phrases = [p for a in attributes() for p in a.phrases] + list(class_nouns())
    return frozenset(w for p in phrases for w in words(p).split())


@cache
def attributes() -> tuple[Attribute, ...]:
    return tuple(
        Attribute(
            name,
            spec["property"],
            spec["noun"],
            spec["value"],
            tuple(spec.get("domain") or ()),
            tuple(spec["phrases"]),
            tuple(spec.get("edges") or ()),
            tuple(spec.get("objects") or ()),
            spec.get("inverse"),
            tuple(spec.get("written") or ()),
            bool(spec.get("part")),
            spec.get("counts"),
        )
        for name, spec in vocabulary()["attributes"].items()
    )


def attribute(name: str) -> Attribute:
    return next(a for a in attributes() if a.name == name)


_BACK_REFERENCES = re.compile(
    r"\b(it|its|it's|they|them|their|those|these|this model|that model|the same|of those|"
    r"of these|each)\b"
)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s?(k|m|b|t|thousand|million|billion|trillion)?(?:[\s-]?(tokens?|token|params|parameters))?(?![\w])",
    re.I,
)
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "b": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "trillion": 1e12,
}


def understand(question: str, lexicon: Lexicon) -> Intent:
    """Parse a question against the graph's names and the vocabulary."""
    question = scope_last(without_courtesy(lexicon.recased(number_sign_spelt_out(question))))
    question = _without_restatement(question)
    question = name_suffixes_spelt_out(
        question, lexicon.names_whole, _names_a_class, _function_words().__contains__
    )
    toks = tokens(question)
    noun_spans = _class_noun_spans(toks)
    found = _members_apart(lexicon.link(question), toks, lexicon)
    trimmed = _without_given_part(
        _without_background(_without_appositive(question, found, toks), found), found
    )
    if trimmed != question:
        return understand(trimmed, lexicon)
    linked = [
        m
        for m in found
        if not _class_noun_mention(m, toks)
        and not _inside_noun(m, noun_spans)
        and not _inside_attribute_phrase(m, toks)
        and not _is_the_verb(m, found, toks)
    ]
    # A bare year is a date condition; whether it means a "2024" heading is decided later.
    year_headings = tuple(e for m in linked if _is_year_heading(m) for e in m.entities)
    mentions = tuple(m for m in linked if not _is_year_heading(m))
    excluded = _excluded(question, mentions)
    contrast = _contrast_tokens(question)
    # "(not Qwen2.5-VL, ...)": an entry named as what is not meant leaves the answer too
    contrasted = tuple(
        e
        for m in mentions
        if m not in excluded and contrast.issuperset(range(m.start, m.end))
        for e in m.of_type(*SUBJECT_TYPES)
    )
    mentions = tuple(
        m for m in mentions if m not in excluded and not contrast.issuperset(range(m.start, m.end))
    )
    excluded_tokens = tuple(
        sorted(
            {i for m in excluded for i in range(m.start, m.end)}
            | contrast
            | exclusion_tokens(question)
        )
    )
    covered = {i for m in mentions for i in range(m.start, m.end)}
    # a question word one typo from the vocabulary's words is that word ("langauges")
    fixed = {i: _respelt(words(t)) for i, t in enumerate(toks) if i not in covered}
    # "every architecture", "each system": a singular after a quantifier names the class
    for i in fixed:
        if i > 0 and words(toks[i - 1]) in _QUANTIFIERS:
            fixed[i] = _class_plural(fixed[i]) or fixed[i]
    respelt = tuple(words(toks[i]) for i, w in fixed.items() if w != words(toks[i]))
    masked = " ".join("ENTITY" if i in covered else fixed[i] for i in range(len(toks)))
    plain = " ".join(fixed.get(i, words(t)) for i, t in enumerate(toks))
    # headings such as "2024 Models" still say which class is asked for
    nouns = class_nouns()
    scoped = {
        i
        for m in mentions
        if _names_container(m, toks)  # "the vision encoders table" asks for no encoders
        or not (
            m.of_type("Section", "Category")
            and not m.of_type(*TOPIC_TYPES)  # "medical VLMs" is a topic, not a class
            and (words(m.text) not in nouns or _modified_class_noun(m))
        )
        for i in range(m.start, m.end)
    }
    masked_for_class = " ".join(
        "ENTITY" if i in scoped else fixed.get(i, words(t)) for i, t in enumerate(toks)
    )
    matched = _attribute_matches(masked, _possessed_words(question, toks, mentions, masked))
    attrs = _counted_first(tuple(a for a, _ in matched), masked)
    size = attribute("size")
    subjects = [m for m in mentions if m.of_type(*SUBJECT_TYPES)]
    if (
        _asks_size(masked)
        and not any(a.name == "size" for a in attrs)
        # "how many frames does X's slow pathway process": a model's, no dataset's size
        and (not subjects or any(m.of_type(*size.domain) for m in subjects))
    ):
        attrs = (size, *attrs)
    target = _find_class(masked_for_class)
    made_by = (
        target is None
        and _MADE_BY.match(masked) is not None
        and bool(mentions)
        and all(m.of_type("Organization") for m in mentions)
    )
    if made_by:
        target = "Model"  # "what did Demo Lab release?": the models it made
    any_entries = target == "TableRow" and _entries_of_any_class(
        masked_for_class, mentions, lexicon
    )
    years = tuple(_years(masked, mentions))
    numbers = tuple(_numbers(masked))
    if not any(m.of_type(*SUBJECT_TYPES) for m in mentions):
        attrs = _without_bare_tokens(attrs, masked, numbers)
    quoted = tuple(q for pair in _QUOTED.findall(question) for q in pair if q)
    scopes, scope_words = _scopes(plain, mentions, lexicon)
    if scopes:
        attrs = _outside_scopes(attrs, masked, scope_words)
    topics = _topics_by_words(plain, mentions, lexicon)
    kind = "list" if made_by else _kind(plain, masked_for_class, mentions, attrs, target)
    if (
        kind == "count"
        and target == "Model"
        and all(a.name in ("members", "size") for a in attrs)
        and _counts_own_members(masked, mentions)
    ):
        # "how many models does the Molmo series contain": the entry's member models
        attrs = (attribute("members"), *(a for a in attrs if a.name not in ("members", "size")))
    elif (
        kind in ("lookup", "list")
        and target == "Model"
        and not attrs
        and _name_swallows_members_cue(mentions)
    ):
        # "which models are in the Molmo series": the entry's name took the word "series"
        kind, attrs = "list", (attribute("members"),)
    if kind in ("list", "count") and not attrs and target:
        attrs = _implied_relation(target, mentions)  # "models with an entry in the MMMU column"
    if any_entries:
        target = None  # "which catalog entries ...": entries of any kind, not table rows
    if kind in ("list", "lookup") and _asks_for_a_facet(masked, mentions):
        kind, target = "open", None  # "which approaches does the hub give for running VLMs"
    if kind in ("list", "lookup", "count") and _asks_facet(plain, mentions, topics, kind):
        kind = "open"  # "the key challenges VLMs face on regression tasks" is prose
        if target not in TOPIC_TYPES:
            target = None  # "integrating VLMs into embodied AI": the topic's words, not a class
    superlative = _superlative(masked)
    if superlative and kind == "count" and _MEASURED_BY.search(plain) and "how many" not in plain:
        kind = "lookup"  # "the largest dataset by number of pairs": the measure, no count
    if (
        superlative
        and kind in ("lookup", "list", "open")
        and not any(m.of_type(*SUBJECT_TYPES) and not m.of_type("Value") for m in mentions)
    ):
        kind = "superlative"
    if (
        kind == "open"
        and mentions
        and any(e.is_a("Table") for e in scopes)
        and wh_head(masked.split()) >= 0
    ):
        kind = "lookup"  # "what resolution does the encoder table give for X": X's row
    if _asks_yes_no(plain, mentions, years, numbers):
        kind = "verify"
    return Intent(
        question=question,
        kind=kind,
        mentions=mentions,
        attributes=attrs,
        target_class=target,
        years=years,
        numbers=numbers,
        quoted=quoted,
        refers_back=bool(_BACK_REFERENCES.search(masked)),
        masked=masked,
        extra={
            "year_headings": year_headings,
            "superlative": superlative,
            "scopes": scopes,
            "scope_words": scope_words,
            "excluded": (*(e for m in excluded for e in m.entities), *contrasted),
            "excluded_tokens": excluded_tokens,
            "any_entries": any_entries,
            "topics": topics,
            "consumed_names": (*respelt, *(text for _, text in matched)),
            "counts_values": _counts_values(masked),
        },
    )


_NEGATIONS = frozenset({"not", "no", "without", "except", "excluding", "never", "nor", "only"})
_TRAILING_ASIDE = re.compile(r"^(?P<rest>.*\S)\s*\((?P<aside>[^()]+)\)\s*(?P<mark>[?.!]?)\s*$")


def _without_restatement(question: str) -> str:
    """`question` without a closing parenthesis that only restates it ("unified models (the
    type column says unified)"): every content word inside is said outside it too, or is a
    word that carries no condition."""
    found = _TRAILING_ASIDE.match(question)
    if not found:
        return question
    outside = {_singular(w) for w in words(found.group("rest")).split()}
    said = words(found.group("aside")).split()
    # a number ("SigLIP 2") or a negation ("not", "excluding") inside says something new
    inside = [w for w in said if len(w) >= 3 or any(c.isdigit() for c in w)]
    quiet = _function_words() | stopwords("condition")
    if not inside or set(said) & _NEGATIONS:
        return question
    if not all(_singular(w) in outside or w in quiet for w in inside):
        return question
    return found.group("rest") + found.group("mark")


def _names_a_class(word: str) -> bool:
    """True when `word` is a class noun, in either number ("models", "VLM")."""
    said = words(word)
    return said in class_nouns() or _class_plural(said) is not None


def _implied_relation(target: str, mentions: tuple[Mention, ...]) -> tuple[Attribute, ...]:
    """The attribute that relates the class asked to an entity the question names of another
    class (vocabulary `implied_relations`), or () when none or several are named."""
    implied = vocabulary().get("implied_relations", {}).get(target, {})
    found = {
        name
        for m in mentions
        if m.entities and not m.of_type(target)
        for cls, name in implied.items()
        if m.entities[0].is_a(cls)
    }
    return (attribute(found.pop()),) if len(found) == 1 else ()


# the words that say a name before them is a part of the hub ("the vision encoders table")
_CONTAINERS = (
    "section",
    "subsection",
    "table",
    "board",  # "the efficiency board", "the docs/charts/OCR leaderboard"
    "leaderboard",
    "list",
    "heading",
    "category",
    "group",
    "example",  # "the alignment & fusion code example": the heading's code
    "snippet",
)
_SCOPE = re.compile(
    # "in the X table", and the table as the one that says it: "what does the X table give"
    r"\b(?:in|under|from|within|of|on|among|according\s+to|does|do|did)\s+(?:the\s+|its\s+|this\s+)?"
    r"((?:[a-z0-9]+\s+){0,4}?)(" + "|".join(_CONTAINERS) + r"|part)\b"
)
# a quoted piece: 'X', "X", “X”; an apostrophe inside or after a word is none ("X's")
_QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)|\"([^\"]+)\"|“([^”]+)”")
_SCOPE_STOP = frozenset({"hub", "hubs", "s", "recent", "whole", "same", "main", "code"})


def _scopes(
    plain: str, mentions: tuple[Mention, ...], lexicon: Lexicon
) -> tuple[tuple[LexEntity, ...], tuple[str, ...]]:
    """Headings and tables a question scopes itself to ("in the ethics table", "the 2025
    paper list") that no mention names already; and the words of those phrases. A class
    noun names no heading here ("vision encoders in the encoders table")."""
    nouns = class_nouns()
    named = {e.iri for m in mentions if words(m.text) not in nouns for e in m.entities}
    found: list[LexEntity] = []
    phrases: list[str] = []
    # "the docs/charts/OCR board": words joined by slashes are words of the heading
    for match in _SCOPE.finditer(re.sub(r"(?<=\w)/(?=\w)", " ", plain)):
        asked = [w for w in match.group(1).split() if w not in _SCOPE_STOP]
        asked = [w for w in asked if w not in _function_words()]
        phrases.append(match.group(0))
        if not asked:
            continue
        hits = lexicon.headings_like(asked)
        if not hits and len(asked) > 1:
            hits = lexicon.headings_like([w for w in asked if not w.isdigit()])
        if match.group(2) == "table" and hits:
            # "the encoders table": of a heading and its table named alike, the table
            alike = [e for e in hits if e.label.lower() == hits[0].label.lower()]
            hits = sorted(alike, key=lambda e: not e.is_a("Table")) + hits[len(alike) :]
        if hits and hits[0].iri not in named and hits[0] not in found:
            found.append(hits[0])
    for match in _HEAD_SCOPE.finditer(plain):
        head = _heading_by_head_word(match.group(1), lexicon)
        if head is not None and head.iri not in named and head not in found:
            found.append(head)
            phrases.append(match.group(0))
    return tuple(found), tuple(phrases)


# "by number of image-text pairs": what a superlative ranks by
_MEASURED_BY = re.compile(r"\b(?:by|in)\s+(?:the\s+|their\s+|its\s+)?(?:number|count) of\b")

# "what did X release", "what has X built": the things an organisation made
_MADE_BY = re.compile(
    r"^(?:what|which)\s+(?:else\s+)?(?:did|has|have|does|do)\s+ENTITY(?:\s+ENTITY)*\s+(?:release|released|"
    r"build|built|make|made|develop|developed|publish|published|create|created|introduce|"
    r"introduced|launch|launched|ship|shipped|put out|come up with)\b"
)


def _outside_scopes(
    attrs: tuple[Attribute, ...], masked: str, scope_words: tuple[str, ...]
) -> tuple[Attribute, ...]:
    """`attrs` without those only a scope's words name: "the encoder table" is a table, no
    vision encoder asked ("what resolution does the encoder table give for X")."""
    outside = masked
    for phrase in scope_words:
        outside = outside.replace(phrase, " ")
    named = set(_find_attributes(masked))
    kept = set(_find_attributes(outside))
    return tuple(a for a in attrs if a not in named or a in kept)


# "in the zoo": a heading named by its head word alone ("Model zoo")
_HEAD_SCOPE = re.compile(
    r"\b(?:in|under|within|from|among|according\s+to)\s+(?:the|this|its)\s+([a-z]{3,})\b"
    r"(?!\s+(?:of|for)\b)"
)


def _heading_by_head_word(word: str, lexicon: Lexicon) -> LexEntity | None:
    """The one heading or table whose label's last word is `word` (a noun the questions'
    vocabulary does not know: "zoo" -> "Model zoo"); None when none or several are."""
    if word in class_nouns() or word in vocabulary_words() or word in _function_words():
        return None
    if word in _SCOPE_STOP:
        return None
    found = [
        e
        for e, label in lexicon.label_words("Section", "Table")
        if label and label[-1] in (word, word + "s", word.rstrip("s"))
    ]
    return found[0] if len({e.label.lower() for e in found}) == 1 else None


@cache
def _function_words() -> frozenset[str]:
    from search.assistant._vocabulary import stopwords

    return stopwords("content")


def _superlative(masked: str) -> dict[str, Any] | None:
    """The superlative a question uses ("the largest", "longest context"), longest phrase first."""
    best: tuple[int, dict[str, Any]] | None = None
    for spec in vocabulary()["superlatives"]:
        for phrase in spec["phrases"]:
            if phrase_positions(masked, phrase) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), spec)
    return best[1] if best else None


def _asks_yes_no(plain: str, mentions: tuple[Mention, ...], years: tuple, numbers: tuple) -> bool:
    """ "Does Pixtral Large support German?", "Is CogVLM decoder-only?" """
    first = plain.split(" ", 1)[0] if plain else ""
    if first not in vocabulary()["yes_no_starts"]:
        return False
    subjects = [m for m in mentions if m.of_type(*SUBJECT_TYPES)]
    values = [
        m for m in mentions if m.of_type(*VALUE_TYPES, "Value") and not m.of_type(*SUBJECT_TYPES)
    ]
    return bool(subjects) and bool(values)


def _is_year_heading(mention: Mention) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", mention.text.strip())) and all(
        e.is_a("Section") for e in mention.entities
    )


def _entries_of_any_class(masked: str, mentions: tuple[Mention, ...], lexicon: Lexicon) -> bool:
    """True when "entries" asks for hub entries of any kind: no table or row is named."""
    nouns = [words(n) for n in vocabulary()["entry_nouns"]]
    if not any(phrase_positions(masked, n) for n in nouns) or re.search(
        r"\b(table|rows?)\b", masked
    ):
        return False
    # a row named that is also an encoder or a model ("SigLIP 2") names no table
    return not any(
        m.of_type("Table") or all(e.is_a("TableRow") for e in m.entities) for m in mentions
    )


def _topics_by_words(
    plain: str, mentions: tuple[Mention, ...], lexicon: Lexicon
) -> tuple[LexEntity, ...]:
    """Research directions and application domains the question names in its own words
    ("integrating VLMs into embodied AI" -> Embodied AI Integration, "robots" ->
    Robotics): every content word of the label, by a shared five-letter prefix or a
    synonym. Mentioned ones are left to the mentions."""
    from search.assistant.conditions import stem, synonyms_of

    asked = [w for w in re.findall(r"[a-z0-9]+", plain) if w not in _function_words()]
    asked_stems = {s for w in asked for s in synonyms_of(w)}
    named = {e.iri for m in mentions for e in m.entities}
    found = []
    for entity, label in _topic_labels(lexicon):
        if entity.iri in named:
            continue
        if label and all(
            stem(w) in asked_stems or any(len(w) >= 5 and a[:5] == w[:5] for a in asked)
            for w in label
        ):
            found.append(entity)
    return tuple(found)


def _topic_labels(lexicon: Lexicon) -> list[tuple[LexEntity, list[str]]]:
    """The topics of a lexicon with their labels' content words."""
    return [
        (e, [w for w in words_ if w not in _function_words() and len(w) > 1])
        for e, words_ in lexicon.label_words("ResearchDirection", "ApplicationDomain")
    ]


def _asks_facet(
    plain: str, mentions: tuple[Mention, ...], topics: tuple[LexEntity, ...], kind: str
) -> bool:
    """A question about a facet (challenges, benefits, building blocks) of a research
    direction or application: prose, whatever class noun it also uses."""
    if not (topics or any(m.of_type(*TOPIC_TYPES) for m in mentions)):
        return False
    if any(m.of_type("Model", "Dataset", "Benchmark", "Tool") for m in mentions):
        return False
    said = [
        *vocabulary()["facets"],
        *(w for ws in vocabulary()["facet_synonyms"].values() for w in ws),
    ]
    return any(phrase_positions(plain, f) for f in said)  # "what's still unsolved for X"


_AUXILIARIES = frozenset({"does", "do", "did", "can", "could", "will", "would", "should"})


def _is_the_verb(mention: Mention, mentions: list[Mention], toks: list[str]) -> bool:
    """In "how many modalities does imagebind align", "align" is the verb after the
    subject, not the dataset ALIGN: a lower-case word for an all-capitals name right after
    a subject that follows an auxiliary."""
    if not mention.text.islower() or not all(e.label.isupper() for e in mention.entities):
        return False
    before = [m for m in mentions if m.end == mention.start]
    return bool(before) and before[0].start > 0 and words(toks[before[0].start - 1]) in _AUXILIARIES


def _excluded(question: str, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Mentions inside an exclusion ("apart from Qwen2.5-VL, ...", "except BLIP"), up to the
    next comma or the end of the clause: they leave the answer set, not constrain it."""
    # by place, not by name: "apart from the SigLIP 2 entry itself, which entries use
    # SigLIP 2": the second "SigLIP 2" is the condition
    inside = exclusion_tokens(question)
    return tuple(m for m in mentions if m.start in inside)


@cache
def exclusion_tokens(question: str) -> frozenset[int]:
    """Token indices of the exclusion clauses of a question, cue to the next comma or the
    end of the clause ("apart from the SigLIP 2 entry itself", "Don't count ones that say
    they avoid it"): what they name leaves the answer, their words are no condition."""
    low = unicodedata.normalize("NFKC", question).lower()
    clauses: list[tuple[int, int]] = []
    for cue in vocabulary()["exclusions"]:
        pattern = re.escape(cue).replace("'", "['’]")
        for match in re.finditer(r"\b" + pattern + r"\b", low):
            rest = low[match.start() :]  # the cue too: "counting" in "not counting"
            clause = re.split(r"[,;:?.!()]", rest, maxsplit=1)[0]
            clauses.append((match.start(), match.start() + len(clause)))
    # "leaving X's own entry aside", "setting aside X": the words between are left out
    clauses += [(m.start(), m.end()) for m in _SET_ASIDE.finditer(low)]
    offsets = token_offsets(question)
    return frozenset(i for i, (_, at) in enumerate(offsets) if any(s <= at < e for s, e in clauses))


_SET_ASIDE = re.compile(
    r"\b(?:leaving|leave|setting|set|putting|put)\s+"
    r"(?:aside\b(?:[^,;:?.!()]|(?<=\d)\.(?=\d))*|(?:[^,;:?.!()]|(?<=\d)\.(?=\d))*?\baside\b)"
)


_CONTRAST = re.compile(
    r"(?:^|[,;(]|[.!?]\s)\s*(?:but\s+|and\s+)?not\b[^,;:?()]*"
    r"|\b(?:rather than|instead of)\b[^,;:?()]*",
    re.I,
)


def _contrast_tokens(question: str) -> frozenset[int]:
    """Token indices of a clause that says what is *not* meant (", not models that merely
    build on a Qwen VLM", "rather than X"): it sharpens the question, adds no condition."""
    text = unicodedata.normalize("NFKC", question)
    spans = [(m.start(), m.end()) for m in _CONTRAST.finditer(text)]
    if not spans:
        return frozenset()
    runs = [(at, at + len(text[at:].split(maxsplit=1)[0])) for _, at in token_offsets(question)]
    return frozenset(
        i for i, (start, end) in enumerate(runs) if any(start < e and s < end for s, e in spans)
    )


def _inside_attribute_phrase(mention: Mention, toks: list[str]) -> bool:
    """A lower-case word that is part of an attribute phrase ("vision" in "vision
    encoder") names the attribute, not an entity called "Vision"."""
    if words(mention.text) in _all_phrases() and not any(c.isdigit() for c in mention.text):
        return True  # "language model", "LLM" ask for the attribute
    if not mention.text.islower():
        return False
    if mention.end - mention.start != 1:
        return False
    if words(mention.text) in vocabulary_words():
        return True  # "vision features": the question's own word, not an entity "Vision"
    low = [words(t) for t in toks]
    for phrase in _long_phrases():
        parts = phrase.split()
        for offset in range(len(parts)):
            start = mention.start - offset
            if start >= 0 and low[start : start + len(parts)] == parts:
                return True
    return False


@cache
def _all_phrases() -> frozenset[str]:
    return frozenset(words(p) for a in attributes() for p in a.phrases)


@cache
def _long_phrases() -> tuple[str, ...]:
    return tuple({words(p) for a in attributes() for p in a.phrases if " " in words(p)})


def _class_noun_spans(toks: list[str]) -> list[tuple[int, int]]:
    """Token spans of multi-word class nouns ("bias types", "research directions")."""
    nouns = {n for n in class_nouns() if " " in n}
    low = [words(t) for t in toks]
    spans = []
    for size in (4, 3, 2):
        for start in range(0, len(low) - size + 1):
            if " ".join(low[start : start + size]) in nouns:
                spans.append((start, start + size))
    return spans


def _inside_noun(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    """A mention that is part of a longer class noun ("bias" in "bias types")."""
    return any(
        s <= mention.start and mention.end <= e and (e - s) > (mention.end - mention.start)
        for s, e in spans
    )


def _class_noun_mention(mention: Mention, toks: list[str]) -> bool:
    """ "benchmarks" names the class, not the heading "Benchmarks", unless the next word
    says it is a heading ("the Benchmarks section")."""
    if words(mention.text) not in class_nouns():
        return False
    following = words(toks[mention.end]) if mention.end < len(toks) else ""
    if following in ("section", "heading", "category", "table", "group", "list"):
        return False
    # "the seminal models" names the heading too: a modifier on the class noun is the
    # heading's own word, so the heading stays a scope (and the class is still asked)
    return not _modified_class_noun(mention)


def _names_container(mention: Mention, toks: list[str]) -> bool:
    """True for a heading or table named before the word that says so ("the vision
    encoders table", "the Benchmarks section")."""
    following = words(toks[mention.end]) if mention.end < len(toks) else ""
    return following in _CONTAINERS and bool(mention.of_type("Section", "Table", "Category"))


def _modified_class_noun(mention: Mention) -> bool:
    """A heading named by a class noun with a modifier ("the seminal models")."""
    said = words(mention.text).split()
    return len(said) >= 2 and bool(mention.of_type("Section")) and said[-1] in class_nouns()


def phrase_positions(text: str, phrase: str) -> list[int]:
    """Start offsets of `phrase` in `text` on word boundaries (both in `words` form)."""
    return [m.start() for m in _phrase_pattern(phrase).finditer(text)]


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(words(phrase)) + r"(?![a-z0-9])")


_UNITS = (
    r"images?|pairs?|clips?|videos?|questions?|classes|categories|annotations?|samples?|"
    r"captions?|memes|radiographs|examples|hours|frames|instances|objects|scenes|texts?|mcqs"
)


def _asks_size(masked: str) -> bool:
    """ "how many image-text pairs", "how many training images": a dataset's size."""
    return bool(re.search(r"\bhow many (?:[a-z0-9]+ ){0,3}(?:" + _UNITS + r")\b", masked))


def _find_attributes(masked: str) -> tuple[Attribute, ...]:
    """Attributes whose phrases occur (in any inflection: "vision encoders", "licenses"),
    longest phrase first, without overlaps."""
    return tuple(a for a, _ in _attribute_matches(masked))


def _possessed_words(
    question: str, toks: list[str], mentions: tuple[Mention, ...], masked: str
) -> frozenset[int]:
    """Positions in `masked`'s words right after a name written as a possessive
    ("Kestrel's vision encoder": the word "vision")."""
    text = unicodedata.normalize("NFKC", question)
    raw = [re.match(r"\S*", text[at:]).group(0) for _, at in token_offsets(question)]  # type: ignore[union-attr]
    if len(raw) != len(toks):
        return frozenset()
    starts, at = [], 0
    for i in range(len(toks)):
        starts.append(at)
        at += 1 if any(m.start <= i < m.end for m in mentions) else len(words(toks[i]).split())
    if at != len(masked.split()):
        return frozenset()
    return frozenset(
        starts[m.end]
        for m in mentions
        if m.end < len(toks) and re.search(r"(?:['’]s|s['’])$", raw[m.end - 1].strip('?,.;:!"“”'))
    )


def _attribute_matches(
    masked: str, possessed: frozenset[int] = frozenset()
) -> list[tuple[Attribute, str]]:
    """(attribute, the question's words for it), longest phrase first: phrases match
    word by word on singular forms. A part of the model named after a possessive
    (`possessed` positions: "X's vision encoder") goes first when the wh-word's noun asks
    for no number ("what architecture is X's vision encoder built on": the encoder)."""
    said = masked.split()
    # a qualifying adverb inside a phrase leaves it that phrase ("built directly on",
    # "uses specifically as the image encoder"); positions stay the question's own
    kept = [i for i, w in enumerate(said) if i == 0 or w not in _qualifiers()]
    forms = [_singular(said[i]) for i in kept]
    hits: list[tuple[int, int, Attribute]] = []
    named = "ENTITY" in said
    nouns = class_nouns()
    for at, form in enumerate(forms):
        for phrase, attr in _phrases_by_first_word().get(form, ()):
            if forms[at : at + len(phrase)] != list(phrase):
                continue
            start, end = kept[at], kept[at + len(phrase) - 1] + 1
            text = " ".join(w for w in said[start:end] if w not in _qualifiers())
            if not named and text in nouns and text not in _all_phrases():
                continue  # "which papers use X": the class asked for, not X's paper
            if end - start == 1 and _modifies_a_noun(said, end):
                continue  # "token" of "a vision token sampler", "data" of "data selection"
            if end - start == 1 and _plural_as_modifier(said, start, phrase):
                continue  # "language" of "vision and language features" is no "languages"
            if end - start == 1 and _of_another_modality(said, start, phrase):
                continue  # "tokens" of "visual tokens" is no context window
            hits.append((start, end, attr))
    # longest first; of two overlapping, the later one is the head ("which language
    # backbones" asks for backbones)
    hits.sort(key=lambda h: (-(h[1] - h[0]), -h[1]))
    used: list[tuple[int, int]] = []
    found: list[tuple[int, int, Attribute, str]] = []
    for start, end, attr in hits:
        # the same phrase may ask for one attribute of a model and another of a dataset
        # ("size"): every attribute owning the span is kept, the subject's class decides
        if any(start < e and s < end and (s, e) != (start, end) for s, e in used):
            continue
        used.append((start, end))
        if all(a is not attr for _, _, a, _ in found):
            found.append((end - start, start, attr, " ".join(said[start:end])))
    # "which architecture powers the image encoder of X" names X's part as "X's image
    # encoder" does (where no number is asked: "how big is the vision encoder in X")
    if not any(attr.value in ("number", "quantity") for _, _, attr in hits):
        possessed = possessed | {
            start
            for start, end, attr in hits
            if attr.part and said[end : end + 2] in (["of", "ENTITY"], ["in", "ENTITY"])
        }
    # the noun a wh-word asks for first ("which LLM does X build on"), then the most
    # specific (longest phrase), then in question order
    asked = wh_head(said)
    if any(f[1] == asked and f[2].value == "number" for f in found):
        possessed = frozenset()  # "what year was X's paper published": X's year
    if any(f[1] == asked and f[2].part for f in found):
        possessed = frozenset()  # "which projector connects X's vision side": the projector
    counted = 2 if said[:2] == ["how", "many"] else asked  # "how many GPUs was X ..."
    if _unknown_wh_noun(said, counted):
        # "what hardware was X trained on": the verb's phrase is no training data asked
        found = [
            f
            for f in found
            if not (f[1] > counted and f[2].value in ("entity", "text") and _VERBAL.fullmatch(f[3]))
        ]

    def order(f: tuple[int, int, Attribute, str]) -> tuple[bool, bool, int, int]:
        return (not (f[1] in possessed and f[2].part), f[1] != asked, -f[0], f[1])

    return [(a, text) for _, _, a, text in sorted(found, key=order)]


_VERBAL = re.compile(r"[a-z-]+(?:ed|t|en|ing) (?:on|with|from|in|by|at|using)")


def _unknown_wh_noun(said: list[str], asked: int) -> list[str]:
    """The noun of one or two words the wh-word asks for, then the verb, when the
    vocabulary does not know it ("what hardware was", "which detection network does");
    [] for any other question."""
    if asked < 0:
        return []
    for length in (1, 2):
        noun = said[asked : asked + length]
        verb = _past_alternative(said, asked + length)
        # the verb: an auxiliary a yes/no question starts with ("was", "does")
        if verb >= len(said) or said[verb] not in vocabulary()["yes_no_starts"]:
            continue
        unknown = all(
            w.isalpha()
            and len(w) >= 3
            and w not in vocabulary_words()
            and w not in _function_words()
            and _singular(w) not in vocabulary_words()
            and w not in class_nouns()
            for w in noun
        )
        return noun if unknown else []
    return []


def _past_alternative(said: list[str], at: int) -> int:
    """The index past a second wh-phrase joined to the first by "/" or "or" ("what
    hardware / how many GPUs was X trained on": both ask of one verb); `at` when none."""
    if at >= len(said) or said[at] not in ("/", "or"):
        return at
    start = at + 1
    if said[start : start + 2] == ["how", "many"]:
        start += 2
    elif start < len(said) and said[start] in ("what", "which"):
        start += 1
    else:
        return at
    for length in (1, 2):
        verb = start + length
        if verb < len(said) and said[verb] in vocabulary()["yes_no_starts"]:
            return verb
    return at


def asked_noun(masked: str) -> str | None:
    """The head of the noun a wh-question asks for when no attribute phrase names it
    ("network" of "which detection network does X plug in"), else None."""
    said = masked.split()
    noun = _unknown_wh_noun(said, wh_head(said))
    return noun[-1] if noun else None


_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:ers?|ors?|ings?|ions?|ments?)$")


def _plural_as_modifier(said: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    """True when a one-word phrase the vocabulary writes plural ("languages") stands
    singular before a content word ("language features"): a modifier of that noun."""
    written = [p for p in _all_phrases() if len(p.split()) == 1 and _singular(p) == phrase[0]]
    if not written or any(p == said[start] for p in written) or said[start] != phrase[0]:
        return False
    if start + 1 >= len(said):
        return False
    after = said[start + 1]
    return after != "ENTITY" and after not in _function_words() and len(after) >= 3


def _of_another_modality(said: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    """True when a modality word (vocabulary.yaml `modality_words`) stands before a one-word
    phrase and the two are no phrase together: "visual tokens", "text encoder"."""
    if start == 0 or said[start - 1] not in vocabulary()["modality_words"]:
        return False
    return f"{said[start - 1]} {phrase[0]}" not in _singular_phrases()


@cache
def _singular_phrases() -> frozenset[str]:
    """Every attribute phrase with its words in singular form ("vision encoder")."""
    return frozenset(" ".join(_singular(w) for w in p.split()) for p in _all_phrases())


def _modifies_a_noun(said: list[str], end: int) -> bool:
    """True when the word at `end` is the head noun of a compound the word before only
    qualifies: a noun of agent or action ("sampler", "merging", "compression") that is no
    attribute word and no function word."""
    if end >= len(said):
        return False
    head = said[end]
    if end + 1 < len(said) and said[end + 1] in ("ENTITY", "the", "a", "an", "its", "their"):
        return False  # "architecture powers ENTITY": a verb, not a compound's head
    return (
        bool(_AGENT_NOUN.fullmatch(head))
        and head not in stopwords("linking")
        and head not in vocabulary_words()
    )


def wh_head(said: list[str]) -> int:
    """The word index right after the question's wh-word ("which", "what", "whose"), past
    "is/are the"; -1 when the question does not start so."""
    if not said or said[0] not in ("which", "what", "whose"):
        return -1
    at = 1
    while at < len(said) and said[at] in ("is", "are", "was", "the", "a", "an", "its"):
        at += 1
    return at


@cache
def _qualifiers() -> frozenset[str]:
    """Adverbs that qualify a phrase without changing what it asks (vocabulary.yaml)."""
    return frozenset(words(w) for w in vocabulary()["qualifiers"])


@cache
def _phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], Attribute], ...]]:
    """Every attribute phrase as singular word forms, keyed by its first word."""
    out: dict[str, list[tuple[tuple[str, ...], Attribute]]] = {}
    for attr in attributes():
        for phrase in attr.phrases:
            forms = tuple(_singular(w) for w in words(phrase).split())
            out.setdefault(forms[0], []).append((forms, attr))
    return {k: tuple(v) for k, v in out.items()}


_QUANTIFIERS = ("every", "each")


@cache
def _class_plural(word: str) -> str | None:
    """The one-word class noun whose singular `word` is and that is not a class noun itself
    ("architecture" -> "architectures"), else None."""
    nouns = class_nouns()
    if word in nouns:
        return None
    return next((n for n in sorted(nouns) if " " not in n and _singular(n) == word), None)


@cache
def _singular(word: str) -> str:
    """A plural's singular form, enough to match phrases: "encoders" -> "encoder",
    "licenses" -> "license", "batches" -> "batch"; short words and -ss/-us/-is kept."""
    if len(word) <= 3 or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


def _respelt(word: str) -> str:
    """`word`, or the one word of the questions' vocabulary (attribute phrases, class
    nouns, cues) one edit away when `word` is no English word: "langauges" -> "languages",
    "paramters" -> "parameters"."""
    if len(word) < 5 or not word.isalpha() or word in _known_words():
        return word
    from search.assistant.lexicon import inflected_english

    if inflected_english(word):
        return word  # "sampler", "tokenized": English with a common ending
    return _closest_vocabulary_word(word) or word


@cache
def _known_words() -> frozenset[str]:
    from search.assistant.lexicon import english_words

    return english_words() | vocabulary_words() | _function_words()


@cache
def _vocabulary_list() -> tuple[str, ...]:
    cues = [c for cs in vocabulary()["cues"].values() for c in cs]
    found = set(vocabulary_words()) | {w for c in cues for w in words(c).split()}
    return tuple(sorted(w for w in found if len(w) >= 5 and w.isalpha()))


@cache
def _closest_vocabulary_word(word: str) -> str | None:
    near = [w for w in _vocabulary_list() if abs(len(w) - len(word)) <= 1 and _one_edit(w, word)]
    return near[0] if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=1) <= 1


_BARE_TOKENS = frozenset({"tokens", "token", "context", "contexts"})


def _without_bare_tokens(
    attrs: tuple[Attribute, ...], masked: str, numbers: tuple[NumberConstraint, ...]
) -> tuple[Attribute, ...]:
    """Without the context window when only a bare "tokens" asked for it and no number of
    tokens goes with it (in a question naming no subject): "which models compress visual
    tokens" is no question about context length."""
    window = next((a for a in attrs if a.name == "context_window"), None)
    if window is None or any(n.unit == "tokens" for n in numbers):
        return attrs
    said = [p for p in window.phrases if phrase_positions(masked, p)]
    if any(words(p) not in _BARE_TOKENS for p in said) or re.search(r"\bhow many tokens", masked):
        return attrs
    if _superlative(masked):
        return attrs  # "the most tokens"
    return tuple(a for a in attrs if a is not window)


def _asks_for_a_facet(masked: str, mentions: tuple[Mention, ...]) -> bool:
    """The wh-word asks for a facet ("which approaches ...", "what challenges ..."), of
    nothing the question names as a subject: prose, whatever class noun comes later."""
    if any(m.of_type(*SUBJECT_TYPES) for m in mentions):
        return False
    said = masked.split()
    at = wh_head(said)
    if at < 0 or at >= len(said):
        return False
    head = " ".join(said[at : at + 2])
    if said[at] in class_nouns() or said[at] in _VERB_FACETS:
        return False  # "what techniques are listed", "what uses CLIP"
    return any(head == f or head.startswith(f + " ") for f in vocabulary()["facets"])


_VERB_FACETS = frozenset({"uses", "help", "helps", "steps"})


def _name_swallows_members_cue(mentions: tuple[Mention, ...]) -> bool:
    """One model entry is named, and its name ends in a one-word phrase of the members
    attribute ("the Molmo series"), which the attribute therefore never saw."""
    models = [m for m in mentions if m.of_type("Model")]
    cues = {p for p in attribute("members").phrases if " " not in p}
    return len(models) == 1 and words(models[0].text).split()[-1:] in ([c] for c in cues)


def _counts_own_members(masked: str, mentions: tuple[Mention, ...]) -> bool:
    """ "how many models does X contain / include / have", "how many models make up X": X
    is a model entry named as the subject or the object of the counting clause
    (`member_verbs` in vocabulary.yaml)."""
    models = [m for m in mentions if m.of_type("Model")]
    nouns = "|".join(re.escape(n) for n in vocabulary()["classes"]["Model"] if n.endswith("s"))
    verbs = "|".join(re.escape(v) for v in vocabulary()["member_verbs"])
    return len(models) == 1 and bool(
        re.search(
            rf"\bhow many (?:[a-z]+ )?(?:{nouns}) (?:does|do|are in|are there in|in|{verbs}) ",
            masked,
        )
    )


def _counts_values(masked: str) -> bool:
    """ "how many sizes does X come in": the number of X's values is asked
    (`counted_values` in vocabulary.yaml)."""
    return any(phrase_positions(masked, "how many " + n) for n in vocabulary()["counted_values"])


def _counted_first(attrs: tuple[Attribute, ...], masked: str) -> tuple[Attribute, ...]:
    """The attribute whose phrase is the thing counted ("how many core components make
    up X's architecture" asks for components) ahead of the others."""
    counted = re.search(r"\bhow many ((?:[a-z0-9]+ ){0,2}[a-z0-9]+)", masked)
    if not counted:
        return attrs
    inside = [a for a in attrs if any(phrase_positions(counted.group(1), p) for p in a.phrases)]
    return (*inside, *(a for a in attrs if a not in inside))


# a gerund's purpose phrase right before a noun: "for picking visual ", "for selecting "
_PURPOSE_BEFORE = re.compile(r"\bfor [a-z]{3,}ing (?:[a-z0-9-]+ ){0,2}$")


def of_a_thing(masked: str, pos: int, noun: str) -> bool:
    """True when the noun at offset `pos` goes on with "of" and a plain noun, not a name
    or a determiner ("rows of patch tokens"; not "rows of the table", "entries of ENTITY")."""
    rest = masked[pos + len(words(noun)) :].split()
    if len(rest) < 2 or rest[0] != "of":
        return False
    return rest[1] not in ("the", "a", "an", "this", "that", "its", "their", "ENTITY")


def _find_class(masked: str) -> str | None:
    """The class a question's answer belongs to: its first class noun ("which datasets ...",
    "models with CLIP encoders"), the longest one at that place."""
    best: tuple[int, int, str] | None = None
    for name, nouns in vocabulary()["classes"].items():
        for noun in nouns:
            for pos in phrase_positions(masked, noun):
                if name == "TableRow" and of_a_thing(masked, pos, noun):
                    continue  # "rows of patch tokens": rows of something, no table's
                if _PURPOSE_BEFORE.search(masked[:pos]):
                    continue  # "a framework for picking visual tools": what it is for
                cand = (-pos, len(noun), name)  # the first class noun heads the question
                if best is None or cand > best:
                    best = cand
    return best[2] if best else None


def _years(plain: str, mentions: tuple[Mention, ...]) -> list[tuple[str, int]]:
    """Year conditions: ("=", 2023), (">=", 2024), ("<", 2024)..."""
    out: list[tuple[str, int]] = []
    comparisons: dict[str, list[str]] = vocabulary()["year_comparisons"]
    for match in _YEAR.finditer(plain):
        before = plain[max(0, match.start() - 20) : match.start()]
        after = plain[match.end() : match.end() + 15]
        op = "="
        for symbol, phrases in comparisons.items():
            for phrase in phrases:
                p = words(phrase)
                if re.search(r"(?<![a-z])" + re.escape(p) + r"\s*$", before) or (
                    symbol in (">=", "<=")
                    and p.startswith(("or ", "and "))
                    and after.strip().startswith(p)
                ):
                    op = "<" if symbol == "before" else symbol
        out.append((op, int(match.group(1))))
    return out


def _numbers(masked: str) -> list[NumberConstraint]:
    """Quantities with a scale (70B, 128k tokens), with a comparison word before them."""
    out: list[NumberConstraint] = []
    comparisons: dict[str, list[str]] = vocabulary()["comparisons"]
    masked = spelled_numbers(masked)
    for match in _NUMBER.finditer(masked):
        digits, scale, unit = (
            match.group(1),
            (match.group(2) or "").lower(),
            (match.group(3) or "").lower(),
        )
        if not scale and not unit:
            continue
        if _YEAR.fullmatch(digits):
            continue
        value = float(digits.replace(",", "")) * _SCALE.get(scale, 1.0)
        before = masked[max(0, match.start() - 20) : match.start()]
        after = masked[match.end() : match.end() + 30]
        op = "="
        for symbol, phrases in comparisons.items():
            if any(
                re.search(r"(?<![a-z])" + re.escape(words(p)) + r"\s*$", before) for p in phrases
            ):
                op = "<" if symbol == "before" else symbol
        if op == "=":  # "300 million or more pairs", "7B and above"
            for symbol, phrases in vocabulary()["trailing_comparisons"].items():
                if any(
                    re.search(r"^(?:[a-z]+ ){0,2}" + re.escape(p) + r"\b", after.strip())
                    for p in phrases
                ):
                    op = symbol
        kind = (
            "tokens"
            if unit.startswith("token")
            else ("params" if unit.startswith("param") or scale in ("b", "billion", "t") else "")
        )
        out.append(NumberConstraint(op, value, kind, match.group(0)))
    return out


def spelled_numbers(text: str) -> str:
    """`text` with a number word before a scale in digits ("one million" -> "1 million"),
    so that it reads as a quantity."""
    names: dict[str, int] = vocabulary()["number_words"]
    return _SPELLED.sub(
        lambda m: (
            f"{names[m.group(1).lower()]} {m.group(2)}"
            if m.group(1).lower() in names
            else m.group(0)
        ),
        text,
    )


_SPELLED = re.compile(r"\b([a-z]+)[\s-]+(thousand|million|billion|trillion)\b", re.I)


def _without_appositive(question: str, found: list[Mention], toks: list[str]) -> str:
    """`question` without a parenthetical that describes the name before it ("lance (the
    unified understand/generate/edit model) — what ...") or a hyphenated compound between
    it and its class noun ("the EAGLE mixture-of-encoders model"): its words say what the
    entry is, they ask for nothing and narrow nothing."""
    for mention in found:
        if not mention.of_type(*SUBJECT_TYPES):
            continue
        aside = re.search(
            re.escape(toks[mention.end - 1]) + r"(?P<aside>\s*\((?:the|an?)\s[^()]{3,}\))",
            question,
            re.I,
        ) or _unknown_aside(question, toks[mention.end - 1], found)
        # "the EAGLE mixture-of-encoders model": a hyphenated compound before the class
        # noun describes the entry the same way
        nouns = "|".join(re.escape(n) for n in vocabulary()["classes"]["Model"] if " " not in n)
        aside = aside or re.search(
            re.escape(toks[mention.end - 1])
            + rf"(?P<aside>\s+[a-z]+(?:-[a-z]+)+)(?=\s+(?:{nouns})\b)",
            question,
            re.I,
        )
        if aside:
            return question[: aside.start("aside")] + question[aside.end("aside") :]
    return question


def _members_apart(found: list[Mention], toks: list[str], lexicon: Lexicon) -> list[Mention]:
    """`found` with an entry named for the two models it joins ("Llama 4 Scout and
    Maverick") read as those two models where the question sets them side by side
    ("compare Llama 4 Scout and Maverick in total parameters")."""
    said = " ".join(words(t) for t in toks)
    if not any(phrase_positions(said, c) for c in vocabulary()["cues"]["compare"]):
        return found
    out: list[Mention] = []
    for mention in found:
        joins = [i for i in range(mention.start, mention.end) if words(toks[i]) in ("and", "&")]
        names = member_names(mention.text) if len(joins) == 1 else ()
        linked = [tuple(e for e in lexicon.lookup(n) if e.is_a(*SUBJECT_TYPES)) for n in names]
        if len(names) == 2 and all(linked):
            at = joins[0]
            out.append(Mention(" ".join(toks[mention.start : at]), mention.start, at, linked[0]))
            out.append(
                Mention(" ".join(toks[at + 1 : mention.end]), at + 1, mention.end, linked[1])
            )
            continue
        out.append(mention)
        # "heron 2 lite and max": the second model written as the word that differs
        after = mention.end
        taken = any(m.start <= after + 1 < m.end for m in found)
        if after + 1 < len(toks) and words(toks[after]) in ("and", "&") and not taken:
            names = member_names(f"{mention.text} and {toks[after + 1]}")
            second = names[1:] and [e for e in lexicon.lookup(names[1]) if e.is_a(*SUBJECT_TYPES)]
            if second and mention.of_type(*SUBJECT_TYPES):
                out.append(Mention(toks[after + 1], after + 1, after + 2, tuple(second)))
    return out


def _without_background(question: str, found: list[Mention]) -> str:
    """`question` without a clause that gives the asker's background (vocabulary.yaml
    cues `background`: ", given that it drops the separate encoders"), when what is left
    still asks something and names every entry the clause names."""
    cues = "|".join(re.escape(c) for c in vocabulary()["cues"]["background"])
    clause = re.search(rf"(?:^|,\s*|\s)(?P<clause>(?:{cues})\b[^,;?]*)", question, re.I)
    if clause is None:
        return question
    start, end = clause.span("clause")
    rest = (question[:start].rstrip(" ,") + " " + question[end:].lstrip(" ,")).strip()
    if not re.search(
        r"\b(?:what|which|who|how|when|where|why|list|name|does|do|is|are)\b", rest, re.I
    ):
        return question
    offsets = [at for _, at in token_offsets(question)]
    inside = {i for i, at in enumerate(offsets) if start - 1 <= at < end}
    subjects = [m for m in found if m.of_type(*SUBJECT_TYPES)]
    within = {_linked(m) for m in subjects if set(range(m.start, m.end)) <= inside}
    outside = {_linked(m) for m in subjects if not set(range(m.start, m.end)) <= inside}
    if within - outside:
        return question  # "which encoder does it use, given that Kestrel is a video model"
    return rest


def _without_given_part(question: str, found: list[Mention]) -> str:
    """`question` without a phrase naming the subject's own part as known (cues
    `given_part` then "its"/"their": "... alongside its CLIP image encoder"), when a name
    is left to ask about."""
    cues = "|".join(re.escape(c) for c in vocabulary()["cues"]["given_part"])
    given = re.search(rf"\s(?P<phrase>(?:{cues})\s+(?:its|their)\s[^,;?]*)", question, re.I)
    if given is None:
        return question
    start, end = given.span("phrase")
    offsets = [at for _, at in token_offsets(question)]
    outside = [m for m in found if offsets[m.start] < start and m.of_type(*SUBJECT_TYPES)]
    if not outside:
        return question
    return (question[:start].rstrip(" ,") + question[end:]).strip()


def _linked(mention: Mention) -> frozenset[str]:
    """The entities a mention links, as a set of IRIs."""
    return frozenset(e.iri for e in mention.entities)


def _unknown_aside(question: str, name_end: str, found: list[Mention]) -> re.Match[str] | None:
    """A parenthetical right after a name that names nothing the list knows and no
    number ("Flamingo (DeepMind)", "Kosmos-2 (Microsoft Research)"): who made it, said
    in passing; "Qwen2-VL (7B)" keeps its size."""
    aside = re.search(
        re.escape(name_end) + r"(?P<aside>\s*\((?P<words>[^()\d]{2,40})\))", question, re.I
    )
    if aside is None or len(aside.group("words").split()) > 4:
        return None
    start, end = aside.span("words")
    offsets = [at for _, at in token_offsets(question)]
    inside = [i for i, at in enumerate(offsets) if start - 1 <= at < end]
    if any(m.start <= i < m.end for m in found for i in inside):
        return None  # "LLaVA (Vicuna)": a name the list knows may be what is asked
    return aside


def _kind(
    plain: str,
    masked: str,
    mentions: tuple[Mention, ...],
    attrs: tuple[Attribute, ...],
    target: str | None,
) -> str:
    cues: dict[str, list[str]] = vocabulary()["cues"]
    has = lambda name: any(phrase_positions(plain, c) for c in cues[name])  # noqa: E731
    concrete = [m for m in mentions if m.of_type(*SUBJECT_TYPES)]
    if has("compare") and len(concrete) >= 2 and not plain.startswith("how many"):
        return "compare"
    if has("count") and target and not _asks_quantity_of_subject(attrs, mentions):
        return "count"
    if (
        any(m.of_type(*TOPIC_TYPES) for m in mentions)
        and not concrete
        and target in (None, *TOPIC_TYPES, "TableRow")
    ):
        return "open"
    if re.match(r"(?:which|what) ones\b", masked) and (attrs or concrete):
        return "list"  # "which ones use a LLaMA-2 family language model?": the entries
    if target and _plural_class_question(masked, target):
        named_member = [m for m in concrete if all(e.is_a(target) for e in m.entities)]
        if _parts_of_one_subject(masked, target, concrete, attrs) or _subject_of_a_relation(
            masked, target, concrete, attrs
        ):
            # "what are DeepSeek-VL2's vision encoders": its values; of two entries side
            # by side ("what language models do Idefics3 and Maya each use")
            return "compare" if len(concrete) >= 2 else "lookup"
        return "lookup" if named_member and not attrs_are_relations(attrs) else "list"
    if attrs or concrete:
        return "lookup"
    return "open"


def _parts_of_one_subject(
    masked: str, target: str, concrete: list[Mention], attrs: tuple[Attribute, ...]
) -> bool:
    """True when a plural class noun names the values of one entry's attribute: "what are
    DeepSeek-VL2's vision encoders", "the language models of InstructBLIP", "which vision
    encoders does Qwen2-VL use" (not "which models use CLIP": the class asked is the
    attribute's subject there)."""
    if not concrete or any(e.is_a(target) for m in concrete for e in m.entities):
        return False
    owned = [
        a for a in attrs if target not in a.domain and all(m.of_type(*a.domain) for m in concrete)
    ]
    nouns = "|".join(re.escape(n) for n in vocabulary()["classes"][target])
    if len(concrete) > 1:  # "what language models do ENTITY and ENTITY each use"
        return bool(owned) and bool(
            re.match(
                rf"(?:which|what) (?:{nouns}) (?:does|do|did) ENTITY(?: and ENTITY)+\b", masked
            )
        )
    return bool(owned) and bool(
        re.search(rf"\bENTITY (?:s )?(?:{nouns})\b|\b(?:{nouns}) of (?:the )?ENTITY\b", masked)
        or re.match(rf"(?:which|what) (?:{nouns}) (?:does|do|did) ENTITY\b", masked)
    )


def _subject_of_a_relation(
    masked: str, target: str, concrete: list[Mention], attrs: tuple[Attribute, ...]
) -> bool:
    """True when the one entry named is the grammatical subject of a relation between
    two entries of the class asked: "which models does Tarsier2 outperform", "Tarsier2
    is said to outperform which models" (not "which models outperform Tarsier2")."""
    relations = [
        a for a in attrs if a.value == "entity" and not a.part and target in (a.objects or a.domain)
    ]
    if len(concrete) != 1 or not relations:
        return False
    nouns = "|".join(re.escape(n) for n in vocabulary()["classes"][target])
    return bool(
        re.match(rf"(?:which|what) (?:{nouns}) (?:does|do|did|is|was|has|had) ENTITY\b", masked)
        or re.match(rf"ENTITY\b(?:(?!\bENTITY\b).)* (?:which|what) (?:{nouns})\b", masked)
    )


def attrs_are_relations(attrs: tuple[Attribute, ...]) -> bool:
    """Attributes that relate two entities ("based on X", "uses X as backbone")."""
    return any(a.value == "entity" for a in attrs)


def _asks_quantity_of_subject(attrs: tuple[Attribute, ...], mentions: tuple[Mention, ...]) -> bool:
    """ "How many parameters does PaLM-E have" asks a lookup, not a count of things."""
    quantity = {
        "parameters",
        "active_parameters",
        "language_count",
        "languages",
        "context_window",
        "size",
    }
    asked = [a for a in attrs if a.name in quantity]
    return any(e.is_a(*a.domain) for a in asked for m in mentions for e in m.entities)


def _plural_class_question(masked: str, target: str) -> bool:
    """ "which models ...", "what datasets ...", "list the benchmarks ..." """
    nouns = vocabulary()["classes"][target]
    plural = [n for n in nouns if n.endswith("s") or " " in n]
    # "list every model whose entry ...": a singular after "every" asks for all of them
    plural += [f"{q} {words(n)}" for q in ("every", "each") for n in nouns if n not in plural]
    starts = (
        "which",
        "what",
        "all ",
        "list",
        "name",
        "show",
        "give",
        "find",
        "are there",
        "do any",
        "tell me",
    )
    if not any(phrase_positions(masked, n) for n in plural):
        return False
    cues = vocabulary()["cues"]["list"]
    return (
        masked.startswith(starts)
        or any(phrase_positions(masked, c) for c in cues)  # "among the 2024 models, list ..."
        or masked.startswith(tuple(f"{n} " for n in plural))  # "models with CLIP encoders"
        # terse: "recent papers on autonomous driving?", "open datasets for OCR"
        or bool(
            re.match(
                r"(?:[a-z0-9]+ ){1,2}(?:"
                + "|".join(map(re.escape, plural))
                + r") (?:on|about|for|with|from|in|that|using)\b",
                masked,
            )
        )
        or " which " in f" {masked} "
        or "what are" in masked
        # a bare noun phrase: "spatial reasoning benchmarks", "vicuna models?", "unified
        # models (type column says unified)"
        or bool(
            re.fullmatch(
                r"(?:\S+ ){1,4}(?:" + "|".join(map(re.escape, plural)) + r")(?: \( [^()]*\))?",
                masked,
            )
        )
    )
