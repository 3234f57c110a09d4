"""The names the graph knows, and linking of question text to them.

Linking goes exact alias first (normalised: case, spaces, hyphens ignored), then fuzzy
spelling variants (rapidfuzz) for name-like tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kg.store import Store
from search.assistant._short_names import one_longer_name
from search.assistant._text import (
    key,
    parenthetical,
    strip_parenthetical,
    token_offsets,
    tokens,
)
from search.assistant._typos import plausible_respelling, plausible_typo
from search.assistant._vocabulary import stopwords, vocabulary
from search.assistant._wording import one_case, recased

_MAX_SPAN = 7
# a size at the end of a name or inside it ("GLM-4.1V-9B-Thinking" of GLM-4.1V-Thinking)
_SIZE_SUFFIX = re.compile(r"[-‐ ]\d+(?:\.\d+)?[BMK](?:$|(?=-[A-Za-z]))", re.I)
_FUZZY_MIN = 90.0
_GENERIC_SUFFIXES = ("series", "family", "models", "model")

# Classes whose entities are names ("MoVE", "FOCUS: ...", "FROZEN"): a lower-case word of
# a question is such a name only when the hub does not use it more as an ordinary word.
_NAME_TYPES = (
    "Model",
    "Paper",
    "Dataset",
    "Benchmark",
    "Tool",
    "VisionEncoder",
    "LanguageModel",
    "AudioEncoder",
    "PretrainedComponent",
    "Organization",
    "Value",
)

# Uses with capitals a name needs in the hub's prose, beyond twice the lower-case ones, to
# be read in a question instead of the English word it spells ("clip": 84 CLIP to 4).
_NAME_PRIOR = 4

# two words side by side, each no part of a hyphenated word; overlapping ("a b", "b c")
_PAIR = re.compile(r"(?<![\w-])(?=([A-Za-z][A-Za-z0-9]*) ([A-Za-z][A-Za-z0-9]*)(?![\w-]))")

_TEXTS = """
SELECT ?t WHERE { { ?x dcterms:description ?t } UNION { ?p a vlm:Passage ; rdf:value ?t } }
"""

_ENTITIES = """
SELECT ?e ?type ?label ?alt WHERE {
  ?e rdfs:label ?label ; a ?type .
  FILTER(STRSTARTS(STR(?type), STR(vlm:)))
  FILTER(?type NOT IN (vlm:Passage, vlm:SourceSpan, vlm:Cell, vlm:Quantity, vlm:BenchmarkResult,
                       vlm:Hub, vlm:WebResource))
  OPTIONAL { ?e skos:altLabel ?alt }
}
"""


@dataclass(frozen=True)
class LexEntity:
    """A linkable entity: IRI, label, the local names of its vlm: classes, aliases."""

    iri: str
    label: str
    types: frozenset[str]
    aliases: tuple[str, ...] = ()

    def is_a(self, *names: str) -> bool:
        return bool(self.types.intersection(names))

    @property
    def type(self) -> str:
        """The most specific class name, for display."""
        for name in _TYPE_ORDER:
            if name in self.types:
                return name
        return sorted(self.types)[0] if self.types else "Thing"


_TYPE_ORDER = (
    "Value",
    "Model",
    "VisionEncoder",
    "LanguageModel",
    "AudioEncoder",
    "PretrainedComponent",
    "Dataset",
    "Benchmark",
    "Tool",
    "EthicalChallenge",
    "CompressionTechnique",
    "EmbodiedTask",
    "PrivacyImpact",
    "TableRow",
    "ResearchDirection",
    "ApplicationDomain",
    "Architecture",
    "Category",
    "Paper",
    "Table",
    "Section",
)


@dataclass(frozen=True)
class Mention:
    """A span of the question (token indices [start, end)) and the entities it names."""

    text: str
    start: int
    end: int
    entities: tuple[LexEntity, ...]
    exact: bool = True

    def of_type(self, *names: str) -> tuple[LexEntity, ...]:
        return tuple(e for e in self.entities if e.is_a(*names))


_COORDINATORS = frozenset({"vs", "vs.", "versus", "and", "or", "/", "&"})


class Lexicon:
    """Every label and alias of the graph, keyed by its normalised form."""

    def __init__(
        self, entities: list[LexEntity], texts: Callable[[], Iterable[str]] | None = None
    ) -> None:
        self.entities = {e.iri: e for e in entities}
        self._texts = texts  # the hub's prose, read on first need for word casing
        self._casing: tuple[Counter[str], Counter[str], dict[str, Counter[str]]] | None = None
        self._pairs: dict[tuple[str, str], Counter[str]] | None = None
        self._by_key: dict[str, list[LexEntity]] = defaultdict(list)
        self._written: dict[str, set[str]] = defaultdict(set)  # key -> its surfaces
        for entity in entities:
            for surface in _surfaces(entity):
                k = key(surface)
                if len(k) >= 2 and entity not in self._by_key[k]:
                    self._by_key[k].append(entity)
                self._written[k].add(surface)
        for k, (entity, surface) in _unprefixed(entities, self._by_key).items():
            self._by_key[k].append(entity)
            self._written[k].add(surface)
        self._fuzzy_keys = [k for k in self._by_key if len(k) >= 4]
        self._label_words: dict[tuple[str, ...], list[tuple[LexEntity, list[str]]]] = {}
        self._label_set: frozenset[str] | None = None

    @classmethod
    def from_store(cls, store: Store, value_properties: tuple[str, ...] = ()) -> Lexicon:
        """Read every labelled entity of the graph, and the literal values of
        `value_properties` (as entities of type Value: "Mistral AI", "MIT", "Thai")."""
        rows: dict[str, dict] = {}
        for row in store.query(_ENTITIES).dicts():
            iri = str(row["e"])
            item = rows.setdefault(iri, {"label": str(row["label"]), "types": set(), "alts": []})
            item["types"].add(str(row["type"]).rsplit("#", 1)[-1])
            alt = row.get("alt")
            if alt is not None and str(alt) not in item["alts"]:
                item["alts"].append(str(alt))
        entities = [
            LexEntity(iri, v["label"], frozenset(v["types"]), tuple(sorted(v["alts"])))
            for iri, v in sorted(rows.items())
        ]
        for curie in value_properties:
            found = store.query(
                f"SELECT DISTINCT ?v WHERE {{ ?s {curie} ?v . FILTER(isLiteral(?v)) }}"
            )
            for row in found.dicts():
                value = str(row["v"])
                if 2 <= len(value) <= 60:
                    entities.append(LexEntity(value_iri(curie, value), value, frozenset({"Value"})))
        return cls(entities, lambda: (str(r["t"]) for r in store.query(_TEXTS).dicts()))

    def _counts(self, word: str) -> tuple[int, int]:
        """How often the hub's prose writes `word` in lower case, and with capitals."""
        lower, cased, _ = self._prose_casing()
        w = word.lower()
        return lower[w], cased[w]

    def _prose_casing(self) -> tuple[Counter[str], Counter[str], dict[str, Counter[str]]]:
        """(lower-case uses, uses with capitals, the forms with capitals) of the prose's words."""
        if self._casing is None:
            lower: Counter[str] = Counter()
            cased: Counter[str] = Counter()
            forms: dict[str, Counter[str]] = defaultdict(Counter)
            for text in self._texts() if self._texts else ():
                # words, and hyphenated compounds as one ("Q-Former")
                for tok in re.findall(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*", text):
                    parts = tok.split("-")
                    for part in [tok] if len(parts) == 1 else [tok, *parts]:
                        if not part[:1].isalpha():
                            continue
                        if part.islower():
                            lower[part] += 1
                        else:
                            cased[part.lower()] += 1
                            forms[part.lower()][part] += 1
            self._casing = (lower, cased, forms)
        return self._casing

    def prose_form(self, word: str) -> str | None:
        """How the hub's prose writes a word it only ever writes with capitals, in a casing
        of its own, and that is no word of English or of the questions ("webli" -> "WebLI"):
        its usual form (two thirds of its uses); None otherwise."""
        w = word.lower()
        if w in english_words() or w in _question_words() or len(w) < 3:
            return None
        lower, cased, forms = self._prose_casing()
        if lower[w] or not cased[w]:
            return None
        form, uses = forms[w].most_common(1)[0]
        if not any(c.isupper() or c.isdigit() for c in form[1:]):
            return None  # title case says nothing in a hub of titles and headings
        return form if 3 * uses >= 2 * cased[w] else None

    def prose_pair_form(self, phrase: str) -> str | None:
        """How the hub's prose writes two words side by side that it writes at least twice
        and always so, with one word in a casing of its own ("partial lora" -> "Partial
        LoRA"; not "perceiver resampler", written in lower case too); None otherwise."""
        pair = tuple(re.findall(r"[A-Za-z][A-Za-z0-9]*", phrase))
        if len(pair) != 2 or " ".join(pair) != phrase.strip():
            return None
        forms = self._prose_pairs().get((pair[0].lower(), pair[1].lower()))
        if not forms or len(forms) > 1:
            return None
        ((form, uses),) = forms.items()
        stylised = any(c.isupper() or c.isdigit() for w in form.split() for c in w[1:])
        return form if uses >= 2 and stylised else None

    def _prose_pairs(self) -> dict[tuple[str, str], Counter[str]]:
        """Two words side by side in the prose, in lower case -> the forms written."""
        if self._pairs is None:
            pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
            for text in self._texts() if self._texts else ():
                for m in _PAIR.finditer(text):
                    first, second = m.group(1), m.group(2)
                    pairs[(first.lower(), second.lower())][f"{first} {second}"] += 1
            self._pairs = dict(pairs)
        return self._pairs

    def ordinary(self, word: str) -> bool:
        """True when `word` reads as a word, not a name: the hub writes it in lower case
        at least twice and at least as often as with capitals ("focus", "frozen"); or it is
        a word of English that the hub does not write with capitals far more often (as
        "CLIP" against "clip")."""
        lower, cased = self._counts(word)
        if lower >= 2 and lower >= cased:
            return True
        return word.lower() in english_words() and cased < 2 * lower + _NAME_PRIOR

    def _as_written(self, text: str, found: list[LexEntity]) -> list[LexEntity]:
        """The entities a question token may name: a lower-case ordinary word names no
        entity whose name the graph writes in its own casing ("focus" is not the paper
        FOCUS, "move" is not MoVE, "frozen" is not FROZEN); names in plain or title case
        ("Robotics", "Gender", "Whisper") keep their words."""
        if not text.islower() or not text.isalpha() or not self.ordinary(text):
            return found
        return [e for e in found if not _stylised(e, text)]

    def label_words(self, *types: str) -> list[tuple[LexEntity, list[str]]]:
        """Entities of `types` with the lower-case words of their labels (computed once)."""
        if types not in self._label_words:
            self._label_words[types] = [
                (e, re.findall(r"[a-z0-9]+", e.label.lower()))
                for e in self.entities.values()
                if e.is_a(*types)
            ]
        return self._label_words[types]

    def headings_like(self, phrase_words: list[str]) -> list[LexEntity]:
        """Sections, tables and categories whose label has every word of `phrase_words`
        (by a shared prefix of five letters, or whole for shorter words: "ethics" finds
        "Ethical Challenges"), the shortest label first."""
        if not phrase_words:
            return []
        found = []
        # of two words or more, a short form may name its word ("docs/charts/OCR" for
        # "Documents, Charts & OCR")
        short = len(phrase_words) >= 2
        for entity, label_words in self.label_words("Section", "Table", "Category"):
            if all(
                any(_same_word(w, lw) or (short and _shortened(w, lw)) for lw in label_words)
                for w in phrase_words
            ):
                found.append(entity)
        return sorted(found, key=lambda e: (len(e.label), e.label))

    def _without_expansions(self, question: str) -> str:
        """The question with a name and its parenthesised expansion as one of the two,
        written either way round: the short form when the graph knows it or it is more
        than a bare acronym ("Q-Former (Querying Transformer)" and "Querying Transformer
        (Q-Former)" -> "Q-Former"), else the long one ("Perceiver Resampler (PR)" ->
        "Perceiver Resampler"); other parentheses kept."""

        def expands(short: str, long: str) -> bool:
            # each piece of the short name ("Q", "Former"; "L", "L", "M") begins, or for a
            # longer piece is inside, the next word of the long form ("Querying Transformer")
            pieces = [
                q
                for part in re.split(r"[\s\-]+", short)
                for q in (
                    list(part) if part.isupper() else re.findall(r"[A-Z]?[a-z]+|\d+|[A-Z]", part)
                )
            ]
            long_words = [w for w in re.findall(r"[A-Za-z0-9]+", long) if w.lower() not in small]
            return len(pieces) == len(long_words) > 1 and all(
                w.lower().startswith(q.lower())
                or (len(q) > 2 and q.lower() in w.lower())
                or (len(q) == 2 and w[0].lower() == q[0].lower())
                for q, w in zip(pieces, long_words, strict=True)
            )

        small = {"a", "an", "and", "for", "in", "of", "on", "the", "to", "with"}

        def one(short: str, long: str) -> str:
            # a bare acronym the graph does not know ("PR") says less than its long form
            known = self._by_key.get(key(short)) or not short.isupper()
            return short if known else long

        def after(m: re.Match[str]) -> str:
            if not expands(m.group(1), m.group(2)):
                return m.group(0)
            return one(m.group(1), m.group(2).strip())

        text = re.sub(r"(?<![\w\-])([\w\-]+)\s*\(([^()]+)\)", after, question)
        for m in list(re.finditer(r"\(([\w\-]+)\)", text))[::-1]:
            before = re.findall(r"[\w\-]+", text[: m.start()])
            for size in range(2, min(6, len(before)) + 1):
                if expands(m.group(1), " ".join(before[-size:])):
                    start = [x.start() for x in re.finditer(r"[\w\-]+", text[: m.start()])][-size]
                    long = text[start : m.start()].strip()
                    text = text[:start] + one(m.group(1), long) + text[m.end() :]
                    break
        return text

    def recased(self, question: str) -> str:
        """A question written in one case (all capitals or all lower case) in a usual
        casing: the names the graph or its prose writes in a casing of their own as they
        are written ("WHICH MODELS USE SIGLIP?", "which models use siglip?" -> "Which
        models use SigLIP?"); any other question as it is. A name's parenthesised
        expansion is dropped first (`_without_expansions`)."""
        question = self._without_expansions(question)
        text = unicodedata.normalize("NFKC", question)
        if not one_case(text):
            return question
        runs = _token_runs(text)
        taken = [False] * len(runs)
        names: list[tuple[int, int, str]] = []
        for size in range(min(_MAX_SPAN, len(runs)), 0, -1):
            for i in range(len(runs) - size + 1):
                start, end = runs[i][0], runs[i + size - 1][1]
                if any(taken[i : i + size]):
                    continue
                written = self._name_written(text[start:end])
                if written is not None:
                    names.append((start, end, written))
                    taken[i : i + size] = [True] * size
        for i in range(len(runs) - 1):
            (start, _), (_, end) = runs[i], runs[i + 1]
            pair = self.prose_pair_form(text[start:end]) if not any(taken[i : i + 2]) else None
            if pair is not None:  # "partial lora" -> "Partial LoRA"
                names.append((start, end, pair))
                taken[i : i + 2] = [True, True]
        for (start, end), done in zip(runs, taken, strict=True):
            if not done:
                names.extend(self._prose_forms(text, start, end))
        # a name's expansion is found by its casing ("Q-FORMER (QUERYING TRANSFORMER)")
        return self._without_expansions(recased(text, names))

    def _prose_forms(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """The token, or its words, as the prose writes them when that is in a casing of
        their own; a word the hub never uses and no word of English or of the questions
        is near ("cogagent") is a name, capitalised."""
        whole = self.prose_form(text[start:end]) if "-" in text[start:end] else None
        if whole is not None:
            return [(start, end, whole)]
        out = []
        for piece in re.finditer(r"[A-Za-z][A-Za-z0-9]*", text[start:end]):
            word = piece.group(0)
            form = self.prose_form(word) or self._unknown_name(word)
            if form is not None:
                out.append((start + piece.start(), start + piece.end(), form))
        return out

    def _unknown_name(self, word: str) -> str | None:
        """`word` capitalised when it reads as a name the hub does not know: five letters
        or more, no word of English or of the questions and none one edit away, and no
        word of the hub's prose."""
        w = word.lower()
        if len(w) < 5 or not w.isalpha() or inflected_english(w) or w in _question_words():
            return None
        if _prefixed_english(w):  # "subsection", "multiturn"
            return None
        if any(self._counts(w)) or _near_english(w) or w in self._label_vocabulary():
            return None
        # "downsample" where the prose writes "downsampled": a word of the hub, inflected
        lower = self._prose_casing()[0]
        base = w[:-1] if w.endswith("e") else w
        if any(lower[f] for f in (w + "s", w + "d", base + "ed", base + "es", base + "ing")):
            return None
        return w.capitalize()

    def _label_vocabulary(self) -> frozenset[str]:
        """The lower-case words of every label (paper titles, headings, names)."""
        if self._label_set is None:
            self._label_set = frozenset(
                w for e in self.entities.values() for w in re.findall(r"[a-z]+", e.label.lower())
            )
        return self._label_set

    def _name_written(self, span: str) -> str | None:
        """The graph's spelling of the name `span` normalises to, its words that the hub
        uses as words in lower case ("Baichuan ocean mini"), when one of its words is in a
        casing of its own and no ordinary word or one the prose never writes in lower case
        ("SigLIP", "CLIP", "COCO"); None for words only ("Robotics", "ALIGN", "2024")."""
        k = key(span)
        for entity in self._by_key.get(k, ()):
            for surface in _surfaces(entity):
                if key(surface) != k:
                    continue
                written = re.sub(
                    r"[^\W_]+",
                    lambda m: m.group(0) if self._name_word(m.group(0)) else m.group(0).lower(),
                    surface,
                )
                if written != written.lower():
                    return written
        return None

    def _name_word(self, word: str) -> bool:
        """True when a word of a name is written so that it reads as a name: stylised
        ("SigLIP", "COCO") unless the prose uses it as a word ("ALIGN": "align"), or
        capitalised and no word ("Baichuan", not "Ocean")."""
        if word == word.lower():
            return False
        if any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word):
            return (
                word.lower() not in english_words()
                or not self.ordinary(word)
                or not any(self._counts(word))
            )
        return word.lower() not in english_words() and not self.ordinary(word)

    def lookup(self, surface: str) -> tuple[LexEntity, ...]:
        """Entities whose label or alias normalises like `surface`."""
        return tuple(self._by_key.get(key(surface), ()))

    def names_whole(self, text: str) -> bool:
        """True when all of `text` is one name of the graph, exactly as written."""
        found = self.link(text)
        return (
            len(found) == 1
            and found[0].exact
            and (found[0].start, found[0].end)
            == (
                0,
                len(tokens(text)),
            )
        )

    def link(self, question: str) -> list[Mention]:
        """Longest non-overlapping exact mentions, then fuzzy ones for name-like tokens."""
        toks = tokens(question)
        taken = [False] * len(toks)
        mentions: list[Mention] = self._series_spans(toks, taken)
        # a question that writes names with capitals writes "align" for the verb, not ALIGN
        cased = any(
            any(c.isupper() for c in t[1:]) or (i and t[:1].isupper()) for i, t in enumerate(toks)
        )
        for size in range(min(_MAX_SPAN, len(toks)), 0, -1):
            for start in range(0, len(toks) - size + 1):
                end = start + size
                if any(taken[start:end]):
                    continue
                text = " ".join(toks[start:end])
                found = self._by_key.get(key(text))
                if not found and size == 1:
                    # "PaddleOCR-VL-0.9B", "ZAYA1-VL-8B", "GLM-4.1V-9B-Thinking": a size
                    # variant of a known name
                    bare = _SIZE_SUFFIX.sub("", text)
                    found = self._by_key.get(key(bare)) if bare != text else None
                if not found and size == 1:
                    # "Kimi-VL" for Kimi-VL-A3B: the one label it extends by a size or variant
                    after = toks[end] if end < len(toks) else ""
                    longer = one_longer_name(text, self.entities.values(), after)
                    found = [longer] if longer else None
                if found and size == 1:
                    found = self._as_written(text, found)
                if not found or not _worth_linking(text, found):
                    continue
                if cased and size == 1 and text.islower() and all(e.label.isupper() for e in found):
                    continue
                mentions.append(Mention(text, start, end, tuple(found)))
                for i in range(start, end):
                    taken[i] = True
        mentions = self._elided_spans(toks, mentions, taken)
        mentions = self._typo_spans(toks, mentions, taken)
        mentions.extend(self._fuzzy(toks, taken))
        return sorted(mentions, key=lambda m: m.start)

    def _elided_spans(
        self, toks: list[str], mentions: list[Mention], taken: list[bool]
    ) -> list[Mention]:
        """Names written after a coordinator without the words they share with the name
        before it: "Llama 4 Maverick vs Scout" names Llama 4 Scout, "Kimi K3 and K2.5"
        Kimi K2.5 (the earlier name's last words replaced; an entry of the same class)."""
        out = list(mentions)
        for mention in mentions:
            at = mention.end + (mention.end < len(toks) and toks[mention.end] == ",")
            if at >= len(toks) or toks[at].lower() not in _COORDINATORS:
                continue
            label = tokens(mention.entities[0].label)
            for size in (2, 1):
                start, end = at + 1, at + 1 + size
                if end > len(toks) or any(taken[start:end]):
                    continue
                said = toks[start:end]
                found = next(
                    (
                        hit
                        for cut in (1, 2)
                        if len(label) > cut
                        and (hit := self._by_key.get(key(" ".join([*label[:-cut], *said]))))
                        and any(e.type == mention.entities[0].type for e in hit)
                    ),
                    None,
                )
                if found:
                    text = " ".join(said)
                    out.append(Mention(text, start, end, tuple(found)))
                    taken[start:end] = [True] * size
                    break
        return out

    def _series_spans(self, toks: list[str], taken: list[bool]) -> list[Mention]:
        """ "the Janus series" (or family) names the one entry whose label ends in those
        words and "series" or "family" ("DeepSeek Janus Series"), not the member Janus; no
        span when no label or several do, or when the words are a label of their own."""
        out: list[Mention] = []
        for at, tok in enumerate(toks):
            if tok.lower() not in _SERIES_WORDS:
                continue
            for size in (3, 2, 1):
                start = at - size
                if start < 0 or any(taken[start : at + 1]):
                    continue
                said = [w for t in toks[start:at] for w in re.findall(r"[a-z0-9]+", t.lower())]
                if not said or self._by_key.get(key(" ".join(toks[start : at + 1]))):
                    continue
                found = [
                    e
                    for e, label in self.label_words("Model", "Dataset", "Benchmark", "Tool")
                    if label[-1:] and label[-1] in _SERIES_WORDS and _holds(label[:-1], said)
                ]
                if len(found) == 1:
                    out.append(Mention(" ".join(toks[start : at + 1]), start, at + 1, (found[0],)))
                    taken[start : at + 1] = [True] * (at + 1 - start)
                    break
        return out

    def _typo_spans(
        self, toks: list[str], mentions: list[Mention], taken: list[bool]
    ) -> list[Mention]:
        """Name-like runs of two to four tokens that are one typo away from a longer name
        replace the shorter exact mentions inside them ("Baichuan Ocean Mnii" is
        Baichuan Ocean Mini, not the LLM Baichuan)."""
        for size in (4, 3, 2):
            for start in range(0, len(toks) - size + 1):
                end = start + size
                inside = [m for m in mentions if start <= m.start and m.end <= end]
                if not inside or any(
                    taken[i] and not any(m.start <= i < m.end for m in inside)
                    for i in range(start, end)
                ):
                    continue
                if not _name_like(toks[start:end]) or all(taken[start:end]):
                    continue
                added = [toks[i] for i in range(start, end) if not taken[i]]
                if any(key(t) in _question_words() for t in added):
                    continue  # "Qwen VLM" is Qwen and a class noun, not a typo of Qwen-VL
                k = key(" ".join(toks[start:end]))
                found = self._one_typo(k, " ".join(toks[start:end]))
                if found is None:
                    continue
                mentions = [m for m in mentions if m not in inside]
                text = " ".join(toks[start:end])
                mentions.append(Mention(text, start, end, tuple(self._by_key[found]), exact=False))
                taken[start:end] = [True] * size
        return mentions

    def _fuzzy(self, toks: list[str], taken: list[bool]) -> list[Mention]:
        out: list[Mention] = []
        if not self._fuzzy_keys:
            return out
        for size in (4, 3, 2, 1):
            for start in range(0, len(toks) - size + 1):
                end = start + size
                if any(taken[start:end]):
                    continue
                text = " ".join(toks[start:end])
                k = key(text)
                if len(k) < 4:
                    continue
                if not _name_like(toks[start:end]):
                    # a lower-case phrase of two words or more may hold one typo; so may
                    # one word that is no word of English or of the hub ("vicunna")
                    found = None
                    if (size >= 2 and len(k) >= 10) or (size == 1 and self._misspelt_name(text)):
                        found = self._one_typo(k, text)
                    elif size == 1:
                        found = self._misspelt_word_name(text)
                    if found is None or any(w.lower() in _STOPWORDS for w in toks[start:end]):
                        continue
                    named = [
                        e
                        for e in self._by_key[found]
                        if size >= 2 or e.is_a(*_NAME_TYPES) or found == key(_respelt(text))
                    ]
                    if not named:
                        continue
                    out.append(Mention(text, start, end, tuple(named), exact=False))
                    taken[start:end] = [True] * size
                    continue
                found = self._one_typo(k, text)
                if found is None and size == 1:
                    # "Kim-VL" for Kimi-VL-A3B: a short name misspelt
                    after = toks[end] if end < len(toks) else ""
                    longer = one_longer_name(text, self.entities.values(), after, typo=True)
                    if longer is not None:
                        out.append(Mention(text, start, end, (longer,), exact=False))
                        taken[start] = True
                        continue
                if found is None:
                    best = process.extractOne(k, self._fuzzy_keys, scorer=fuzz.ratio)
                    if best is None or best[1] < _FUZZY_MIN or not _same_digits(k, best[0]):
                        continue
                    if not any(plausible_respelling(text, s) for s in self._written[best[0]]):
                        continue
                    found = best[0]
                out.append(Mention(text, start, end, tuple(self._by_key[found]), exact=False))
                for i in range(start, end):
                    taken[i] = True
        return out

    def _misspelt_name(self, word: str) -> bool:
        """True when a lower-case word may be a name with one typo: six letters or more,
        not a word of English, of the hub's prose or of the questions' vocabulary, and no
        such word one edit away (then it is that word misspelt: "langauges")."""
        if len(word) < 6 or not word.isalpha() or not word.islower():
            return False
        lower, _ = self._counts(word)
        if word in english_words() or key(word) in _question_words() or lower >= 2:
            return False
        return not _near_english(word)

    def _misspelt_word_name(self, word: str) -> str | None:
        """The key of a name that is an English word, for a lower-case word one edit from
        that word alone ("genedr" -> the row Gender); None for the questions' own words
        ("modells") and for names the graph writes in a casing of their own."""
        if len(word) < 6 or not word.isalpha() or not word.islower():
            return None
        if word in english_words() or self._counts(word)[0] >= 2:
            return None
        respelt = _respelt(word)
        k = key(respelt)
        if respelt == word or k in _question_words() or k not in self._by_key:
            return None
        return k if self._as_written(respelt, list(self._by_key[k])) else None

    def _one_typo(self, k: str, written: str = "") -> str | None:
        """The one known key a single edit away from `k` (a letter dropped, added, changed
        or two swapped, in a name of five letters or more, digits unchanged); a four-letter
        `k` only with an inner letter dropped ("Au-VL" for Auk-VL, not "GPT4" for GPT4o);
        with the question's `written` form, only a plausible misspelling of a surface of
        the key (`plausible_typo`: "FLAVA" is not LLaVA, "BLIP3-o" not BLIP-3, "VITA" not
        VisTA). Of several, the one key that names a named thing (a model, a dataset...)
        over headings and rows; None when there is none or still more than one."""
        if len(k) < 4:
            return None
        near = process.extract(k, self._fuzzy_keys, scorer=OSA.distance, score_cutoff=1, limit=8)
        keys = [n[0] for n in near if _same_digits(k, n[0]) and len(n[0]) >= 5]
        if len(k) == 4:
            keys = [n for n in keys if not n.startswith(k) and not n.endswith(k)]
        if written:
            keys = [n for n in keys if any(plausible_typo(written, s) for s in self._written[n])]
        if len(keys) > 1:
            named = [n for n in keys if any(e.is_a(*_NAME_TYPES) for e in self._by_key[n])]
            keys = named if len(named) == 1 else keys
        return keys[0] if len(keys) == 1 else None


_SERIES_WORDS = ("series", "family")


def _holds(label: list[str], said: list[str]) -> bool:
    """True when `said` are the last words of `label` ("janus" of "deepseek janus"), or
    one typo from them in five letters or more ("jannus"), digits unchanged."""
    if len(said) > len(label):
        return False
    tail, asked = "".join(label[len(label) - len(said) :]), "".join(said)
    if tail == asked:
        return True
    return (
        len(tail) >= 5
        and _same_digits(tail, asked)
        and OSA.distance(tail, asked, score_cutoff=1) <= 1
    )


def _token_runs(text: str) -> list[tuple[int, int]]:
    """Character spans of the question's tokens (`tokens`), in order."""
    runs = []
    cursor = 0
    for tok, at in token_offsets(text):
        start = text.lower().find(tok.lower(), max(at, cursor))
        if start < 0:
            continue
        runs.append((start, start + len(tok)))
        cursor = start + len(tok)
    return runs


def _stylised(entity: LexEntity, text: str) -> bool:
    """True when every surface of `entity` spelt like `text` is written in a casing of its
    own ("MoVE", "BEATs", "FROZEN"), not lower or title case."""
    spelt = [s for s in _surfaces(entity) if key(s) == key(text)]
    return bool(spelt) and all(s not in (s.lower(), s.capitalize()) for s in spelt)


_SUFFIXES = (
    "ing",
    "ed",
    "es",
    "s",
    "ly",
    "ions",
    "ion",
    "ations",
    "ation",
    "ment",
    "ness",
    "ers",
    "er",
    "ity",
    "ities",
)


def inflected_english(word: str) -> bool:
    """True when `word` is a word of English or one with a common ending ("mitigating",
    "annotated": the model's vocabulary holds their stems)."""
    english = english_words()
    if word in english:
        return True
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if not word.endswith(suffix) or len(stem) < 3:
            continue
        if stem in english or stem + "e" in english or stem[:-1] in english:
            return True
    return False


# prefixes a word of English may take and still read as a word, not a name
_PREFIXES = (
    "sub",
    "multi",
    "non",
    "pre",
    "post",
    "inter",
    "intra",
    "cross",
    "over",
    "under",
    "super",
    "semi",
    "anti",
    "self",
    "re",
    "co",
    "un",
)


def _prefixed_english(word: str) -> bool:
    """True when `word` is a prefix and a word of English of four letters or more
    ("subsection", "multiturn")."""
    return any(
        word.startswith(p) and len(word) - len(p) >= 4 and inflected_english(word[len(p) :])
        for p in _PREFIXES
    )


def _near_english(word: str) -> bool:
    """True when a word of English (or of the questions' vocabulary) is one edit away."""
    return bool(_english_neighbours(word))


@lru_cache(maxsize=4096)
def _english_neighbours(word: str) -> tuple[str, ...]:
    """Words of English (or of the questions' vocabulary) one edit away, at most two."""
    near = process.extract(word, _english_list(), scorer=OSA.distance, score_cutoff=1, limit=2)
    return tuple(n[0] for n in near)


def _respelt(word: str) -> str:
    """The one English word one edit away from `word`, else `word`."""
    near = _english_neighbours(word)
    return near[0] if len(near) == 1 else word


@cache
def _english_list() -> list[str]:
    return sorted(english_words() | _question_words())


@cache
def english_words() -> frozenset[str]:
    """Whole English words: the word pieces of the shipped embedding model's vocabulary
    that are complete lower-case words of three letters or more (about 20,000)."""
    from search.embed import DEFAULT_MODEL, model_path

    try:
        vocab = Path(model_path(DEFAULT_MODEL)) / "vocab.txt"
        lines = vocab.read_text("utf-8").split()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in lines if len(w) >= 3 and w.isalpha() and w.islower())


def value_iri(curie: str, value: str) -> str:
    """The pseudo-IRI naming a literal value of a property: "value:vlm:organization|Ai2"."""
    return f"value:{curie}|{value}"


def split_value_iri(iri: str) -> tuple[str, str]:
    """(property CURIE, literal value) of a `value_iri`."""
    curie, _, value = iri.removeprefix("value:").partition("|")
    return curie, value


def _surfaces(entity: LexEntity) -> list[str]:
    """Label, aliases, and derived forms: without a parenthetical, the acronym inside it,
    without a trailing "Series"/"Family"."""
    out = [entity.label, *entity.aliases]
    for name in list(out):
        bare = strip_parenthetical(name)
        if bare and bare != name:
            out.append(bare)
        out.extend(p for p in parenthetical(name) if len(p) <= 12 and not p.isdigit())
        words_ = bare.split()
        if len(words_) > 1 and words_[-1].lower() in _GENERIC_SUFFIXES:
            out.append(" ".join(words_[:-1]))
    return out


def _unprefixed(
    entities: Iterable[LexEntity], known: dict[str, list[LexEntity]]
) -> dict[str, tuple[LexEntity, str]]:
    """{key: (entity, surface)} of labels without their first word, when the rest is a name
    of two words or more that starts with a name ("Aya Vision 32B" of C4AI Aya Vision 32B,
    "P3 dataset" of The P3 dataset), no label or alias is already, and no other label
    leaves it too."""
    found: dict[str, list[tuple[LexEntity, str]]] = defaultdict(list)
    for entity in entities:
        if not entity.is_a(*_PREFIXED_TYPES):
            continue
        rest = strip_parenthetical(entity.label).split()[1:]
        if len(rest) < 2 or not rest[0][:1].isupper() or not rest[0][:1].isalpha():
            continue
        if rest[0].lower() in english_words() or rest[0].lower() in _STOPWORDS:
            continue
        k = key(" ".join(rest))
        if k not in known and all(e.iri != entity.iri for e, _ in found[k]):
            found[k].append((entity, " ".join(rest)))
    return {k: v[0] for k, v in found.items() if len(v) == 1}


# the classes whose labels may lead with a word a question leaves out (an organisation's)
_PREFIXED_TYPES = ("Model", "Dataset", "Benchmark", "Tool")

_STOPWORDS = stopwords("linking")


@cache
def _question_words() -> frozenset[str]:
    """Class nouns and attribute words of vocabulary.yaml, in `key` form."""
    data = vocabulary()
    phrases = [n for ns in data["classes"].values() for n in ns]
    phrases += [p for a in data["attributes"].values() for p in a["phrases"]]
    return frozenset(key(w) for p in phrases for w in p.split()) | _STOPWORDS


def _worth_linking(text: str, found: list[LexEntity]) -> bool:
    """Skip stop words and single lowercase common words that only name sections or rows."""
    return text.lower() not in _STOPWORDS


def _name_like(toks: list[str]) -> bool:
    """A token run that looks like a name: has a capital letter or a digit past the start."""
    joined = " ".join(toks)
    if joined.lower() in _STOPWORDS:
        return False
    return any(ch.isdigit() for ch in joined) or any(
        t[:1].isupper() or any(c.isupper() for c in t[1:]) for t in toks
    )


def _same_word(asked: str, label_word: str) -> bool:
    """A question word and a label word are one word: equal, a plural, or sharing a
    prefix of five letters ("ethics"/"ethical", "optimisation"/"optimization")."""
    if asked == label_word or asked.rstrip("s") == label_word.rstrip("s"):
        return True
    return len(asked) >= 5 and len(label_word) >= 5 and asked[:5] == label_word[:5]


def _shortened(asked: str, label_word: str) -> bool:
    """A question word that is a label word cut short: "docs" of "documents", "vis" of
    "vision" (three letters or more, a plural's "s" aside)."""
    stem = asked[:-1] if asked.endswith("s") and len(asked) > 3 else asked
    return len(stem) >= 3 and len(label_word) > len(stem) and label_word.startswith(stem)


def _same_digits(a: str, b: str) -> bool:
    """Fuzzy matches may not change numbers: "qwen2vl" is not "qwen25vl"."""
    return [c for c in a if c.isdigit()] == [c for c in b if c.isdigit()]
