"""Extractive answers: the sentences of an entry's own text that answer a question.

When the graph holds no fact for what is asked, the entity's sentences are ranked against
the question's words (BM25 over stems, synonyms included) and the best one or two are
quoted; a span the question asks for (a number with its unit) is put first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from search.assistant._vocabulary import curated, vocabulary
from search.assistant.conditions import stem, text_stems

# A sentence ends at . ! ? ; or a line break, not inside "2.8B", "e.g." or "v1.5".
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<=[.!?;])\s+(?=[A-Z0-9(\"“*])|\n+")
_UNIT = (
    r"%|×|x\b|k\b|m\b|b\b|t\b|ms\b|s\b|gb\b|mb\b|tb\b|fps\b|tokens?\b|params?\b|parameters\b|"
    r"images?\b|pairs?\b|hours?\b|languages?\b|frames?\b|experts?\b|layers?\b|points?\b|"
    r"million\b|billion\b|trillion\b|thousand\b"
)
_NUMBER = re.compile(
    r"(?<![\w.\-])[~≈]?\d+(?:[.,]\d+)*(?:\s?(?:-|–|to)\s?\d+(?:[.,]\d+)*)?\s?(?:" + _UNIT + r")?",
    re.I,
)
_K1, _B = 1.2, 0.6


@dataclass(frozen=True)
class Quote:
    """A sentence of an entry with its BM25 score, its citation and, when found, the
    asked-for span."""

    sentence: str
    score: float
    span: str | None = None
    citation: str = ""


def sentences(text: str) -> list[str]:
    """The sentences of an entry's text (markdown emphasis and links flattened)."""
    flat = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    flat = flat.replace("**", "")
    out = []
    for part in _SENTENCE_END.split(flat):
        part = part.strip(" -–—•\t")
        if len(part) >= 12:
            out.append(part)
    return out


def rank(
    texts: list[str], query: Iterable[frozenset[str]], required: Iterable[frozenset[str]] = ()
) -> list[tuple[float, int]]:
    """(BM25 score, index) of the texts that share a query word, best first. Each query
    word is a set of acceptable stems (a word and its synonyms); `required` words must all
    occur in a text for it to count."""
    query = list(query)
    required = list(required)
    docs = [_stems_in_order(t) for t in texts]
    if not docs or not query:
        return []
    avg = sum(len(d) for d in docs) / len(docs) or 1.0
    n = len(docs)
    scored = []
    for i, doc in enumerate(docs):
        have = set(doc)
        if any(not (alts & have) for alts in required):
            continue
        score = 0.0
        for alts in query:
            tf = sum(1 for s in doc if s in alts)
            if not tf:
                continue
            df = sum(1 for d in docs if alts & set(d))
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            score += idf * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * len(doc) / avg))
        if score > 0:
            scored.append((score, i))
    return sorted(scored, key=lambda s: (-s[0], s[1]))


def _stems_in_order(text: str) -> list[str]:
    from search.assistant._text import words

    return [stem(w) for w in re.findall(r"[a-z0-9]+", words(text))]


def _once(cited: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Each sentence once: an entry's summary line and its body often write the same one
    (then the first place is cited)."""
    seen: set[str] = set()
    kept = []
    for sentence, where, n in cited:
        said = " ".join(re.findall(r"\w+", sentence.lower()))
        if said not in seen:
            seen.add(said)
            kept.append((sentence, where, n))
    return kept


def best_quotes(
    chunks: list[tuple[str, str]],
    query: list[frozenset[str]],
    required: list[frozenset[str]] = (),  # type: ignore[assignment]
    quantity: frozenset[str] | None = None,
    limit: int = 2,
    words: int | None = None,
    similarity: Callable[[list[str]], list[float] | None] | None = None,
    asked: frozenset[str] = frozenset(),
) -> list[Quote]:
    """The sentences of the (text, citation) chunks that best answer the query, best first:
    the second only when it scores close to the first or answers another part of the
    question. With a `limit` over two (an open question: "how does X do Y"), the sentences
    that follow the best one in its passage are quoted too, as the explanation goes on, and
    weaker matches fill what is left, all within OPEN_WORDS words. With `quantity` (the
    stems of what is counted, empty for any number), each quote carries the number.
    `words` lowers the word budget of an open question (said after a fact, say). With
    `similarity` (each sentence's closeness to the question by the embedding model), the
    explanation starts from the sentence BM25 and the embedding rank best together: an entry
    explains in other words than the question's ("how does X curate its data": "leverages
    metadata for balancing"). `asked`, the stems of the question's own words, finds a
    label the entry explains ("Split Weights: ...") where the query lacks an attribute's
    words ("weights", "design")."""
    cited = _once(
        [
            (sentence, where, n)
            for n, (text, where) in enumerate(chunks)
            for sentence in sentences(text)
        ]
    )
    parts = [sentence for sentence, _, _ in cited]
    query = [alts | related(alts) for alts in query]
    ranked = rank(parts, query)
    # the first quote must name what is asked (`required`); a second may answer the rest
    firsts = rank(parts, query, required) if required else ranked
    if not firsts:
        return []
    if limit > 2 and similarity is not None:
        # the sentences no question word is in may explain it too: ranked after the others
        have = {i for _, i in firsts}
        pool = firsts + [
            (0.0, i)
            for i, part in enumerate(parts)
            if i not in have and (not required or rank([part], query, required))
        ]
        firsts = _fused(pool, similarity([parts[i] for _, i in pool]))
    elif similarity is not None and len(firsts) > 1:
        # a lookup: of the sentences with the question's words, the one BM25 and the
        # embedding rank best together ("a newline token is introduced to delineate rows
        # of patch tokens" for "what is added to mark rows of patch tokens")
        firsts = _fused(firsts, similarity([parts[i] for _, i in firsts]))
    if limit > 2:
        # an explanation of a term the entry writes as a label ("Divide-and-Conquer: This
        # is the core innovation. Instead of ..."): the explanation starts at its label
        labelled = []
        for f in firsts:
            at = _asked_label(parts[f[1]], query, asked)
            if at is not None:
                # quoted from its label on: the words before lead in to a list of labels
                parts[f[1]] = parts[f[1]][at:]
                cited[f[1]] = (parts[f[1]], *cited[f[1]][1:])
                labelled.append(f)
        firsts = labelled + [f for f in firsts if f not in labelled]
    if quantity is not None and limit <= 2:
        # a count is asked: a sentence stating one comes first
        spanned = [f for f in firsts if _count_span(parts[f[1]], quantity) is not None]
        firsts = spanned + [f for f in firsts if f not in spanned]
    top = firsts[0][0]
    chosen = [firsts[0]]
    ranked = [r for r in ranked if r != firsts[0]]
    covered = _matched(parts[firsts[0][1]], query)
    open_question = limit > 2
    budget = (words or OPEN_WORDS) - len(parts[firsts[0][1]].split())
    if open_question:
        chosen, budget = _followers(cited, firsts[0], limit, budget)
        covered = set().union(*(_matched(parts[i], query) for _, i in chosen))
    # a count the first quote states: another quote answers too only with a count of its
    # own ("8 frames" for the slow pathway, "64 frames" for the fast one)
    counted = (
        quantity is not None
        and not open_question
        and _count_span(parts[firsts[0][1]], quantity) is not None
    )
    if not open_question:
        # a sentence that answers another part of the question before one that says again
        # what the first does ("the idea behind the two pathways, and does it need video
        # fine-tuning": the pathways, not a second sentence on fine-tuning)
        ranked = sorted(ranked, key=lambda r: not (_matched(parts[r[1]], query) - covered))
    for score, i in ranked:
        if len(chosen) >= limit:
            break
        if any(i == c for _, c in chosen):
            continue
        if counted and _count_span(parts[i], quantity) is None:  # type: ignore[arg-type]
            continue
        adds = _matched(parts[i], query) - covered
        # a second sentence when it is nearly as good, or answers another part of the question
        good = score >= 0.6 * top or (adds and score >= 0.25 * top)
        if open_question:
            good = (good or score >= 0.3 * top) and len(parts[i].split()) <= budget
        if good:
            chosen.append((score, i))
            covered |= adds
            budget -= len(parts[i].split())
    quotes = [
        Quote(
            parts[i],
            s,
            _count_span(parts[i], quantity) if quantity is not None else None,
            cited[i][1],
        )
        for s, i in chosen
    ]
    if quantity and not any(q.span for q in quotes):
        # "how many datasets make up X's mixture": "Datasets used are: A (665K), B, ... and J"
        listed = _enumerated(cited, [i for _, i in firsts], quantity)
        if listed is not None:
            quotes = [listed] + [q for q in quotes if q.sentence not in listed.sentence]
    return quotes


# an item of an enumeration: a name of up to four words, a parenthesised remark after it
_ITEM = re.compile(r"[A-Z0-9][\w.+\-/]*(?:\s[\w.+\-/]+){0,3}(?:\s?\([^)]*\))?")


def _items(text: str) -> list[str] | None:
    """The items of a comma- or "and"-separated list of names, or None when `text` is not
    one (a clause with a verb, a word that is no name)."""
    parts = [p.strip(" .") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", text.strip(" ."))]
    if len(parts) < 2 or not all(_ITEM.fullmatch(p) for p in parts if p):
        return None
    return [p for p in parts if p]


def _enumerated(
    cited: list[tuple[str, str, int]], order: list[int], unit_stems: frozenset[str]
) -> Quote | None:
    """The best-ranked sentence that lists the counted things after a colon ("Datasets used
    for co-training are: A (665K), B (17K)."), with the bare lists that go on from it in
    its passage ("C (3.5K), D and E (37K)."), counted: the span says the number of items."""
    for index in order:
        sentence, where, passage = cited[index]
        head, colon, rest = sentence.partition(":")
        if not colon or not unit_stems & set(_stems_in_order(head)):
            continue
        items = _items(rest)
        if items is None:
            continue
        said = [sentence]
        nxt = index + 1
        while nxt < len(cited) and cited[nxt][2] == passage and (more := _items(cited[nxt][0])):
            items += more
            said.append(cited[nxt][0])
            nxt += 1
        noun = next(w for w in re.findall(r"[A-Za-z]+", head) if stem(w.lower()) in unit_stems)
        return Quote(" ".join(said), 0.0, f"{len(items)} {noun.lower()}", where)
    return None


# Reciprocal rank fusion's constant (Cormack et al. 2009): a rank's weight is 1 / (K + rank).
_RRF_K = 60


def _fused(ranked: list[tuple[float, int]], close: list[float] | None) -> list[tuple[float, int]]:
    """`ranked` (BM25 score, index), best first, reordered by the reciprocal rank fusion of
    its BM25 ranks and the embedding ranks of `close` (one similarity per item); the BM25
    scores are kept, the best one moved to the first chosen. Unchanged without `close`."""
    if not close or len(close) != len(ranked):
        return ranked
    by_dense = sorted(range(len(ranked)), key=lambda n: -close[n])
    dense_rank = {n: r for r, n in enumerate(by_dense)}
    fused = sorted(
        range(len(ranked)),
        key=lambda n: (-(1 / (_RRF_K + n) + 1 / (_RRF_K + dense_rank[n])), n),
    )
    top = ranked[0][0]
    return [(top if r == 0 else ranked[n][0], ranked[n][1]) for r, n in enumerate(fused)]


def _count_span(sentence: str, unit_stems: frozenset[str]) -> str | None:
    """`number_span`, a count in words also in digits ("seven (7)"); for "how many", "one"
    is the article-like word "a" is ("handles video in one model" counts nothing)."""
    if unit_stems:
        sentence = re.sub(r"\bone\b(?=\s+[a-z])", "a", sentence)
    span = number_span(sentence, unit_stems)
    value = vocabulary()["number_words"].get(span.lower()) if span else None
    return f"{span} ({value})" if span and value is not None else span


# Words an open answer quotes at most (an answer over 120 words reads as the whole entry).
OPEN_WORDS = 90
# an explanation asked at the start of the question or of one of its clauses ("What is X's
# contribution - how does it curate its data?")
_EXPLAINS = re.compile(
    r"(?:^|[-–—:;?.]\s)\s*(?:how(?!\s+(?:many|much|big|large|long|old|fast|small|far)\b)|why|explain|describe|"
    r"in what way|what makes|what is special)\b",
    re.I,
)


def explains(question: str) -> bool:
    """True when the question asks for an explanation ("how does X do Y", "why")."""
    return bool(_EXPLAINS.search(question))


def quote_limit(question: str, limit: int) -> int:
    """How many sentences to quote: an explanation ("how does X do Y", "why", "explain")
    quotes its best sentence with those that go on from it, up to four."""
    return max(limit, 4) if _EXPLAINS.search(question) else limit


# A sentence that opens by pointing back ("This adapter ...", "It ...", "The LLM generates
# this token ...": a demonstrative within its first words).
_ANAPHOR = re.compile(
    r"^(?:(?:This|These|That|Those|Such|It|Its|They|Their|The latter)\b|"
    r"(?:[\w'-]+\s+){1,4}?(?:this|these|such)\s+[a-z])"
)


def _followers(
    cited: list[tuple[str, str, int]], best: tuple[float, int], limit: int, budget: int
) -> tuple[list[tuple[float, int]], int]:
    """The best sentence and those right after it in the same passage, while they fit the
    word budget: "... two key innovations. These are implemented using a duplex pipeline.
    Two models run concurrently ..." explains the first sentence."""
    chosen = [best]
    index = best[1]
    before = index - 1
    if (
        _ANAPHOR.match(cited[index][0])
        and before >= 0
        and cited[before][2] == cited[index][2]
        and len(cited[before][0].split()) <= budget
    ):
        # "This adapter efficiently bridges ...": the sentence before names the adapter
        chosen.insert(0, (0.0, before))
        budget -= len(cited[before][0].split())
    nxt = index + 1
    while nxt < len(cited) and cited[nxt][2] == cited[index][2] and len(chosen) < limit:
        words = len(cited[nxt][0].split())
        if words > budget or _LABEL.match(cited[nxt][0]):
            break  # out of words, or another label's explanation begins ("Patch Stem: ...")
        chosen.append((0.0, nxt))
        budget -= words
        nxt += 1
    return chosen, budget


# A label a sentence writes before a colon, at its start or after another colon:
# "Divide-and-Conquer:" in "Key architectural features include: Divide-and-Conquer: ..."
_LABEL = re.compile(r"(?:^|(?<=:\s))([A-Z][\w-]*(?:\s[\w-]+){0,3}):\s")


def _asked_label(sentence: str, query: list[frozenset[str]], asked: frozenset[str]) -> int | None:
    """Where the label of `sentence` starts that the question writes, each of its content
    words, one of them a query term ("Divide-and-Conquer" for "explain X's
    divide-and-conquer design"; not "Flamingo:" opening Flamingo's own text); else None."""
    function = set(vocabulary()["stopwords"]["function"].split())
    terms = frozenset().union(*query) if query else frozenset()
    for label in _LABEL.finditer(sentence):
        said = [
            stem(w) for w in re.findall(r"[a-z0-9]+", label.group(1).lower()) if w not in function
        ]
        if said and set(said) & terms and all(w in terms or w in asked for w in said):
            return label.start(1)
    return None


def _matched(text: str, query: list[frozenset[str]]) -> set[int]:
    have = set(_stems_in_order(text))
    return {n for n, alts in enumerate(query) if alts & have}


def number_span(sentence: str, unit_stems: frozenset[str]) -> str | None:
    """The number in `sentence` that counts the asked-for thing ("6 modalities" for "how
    many modalities"), else the first number with a unit; None when there is none."""
    matches = [m for m in _NUMBER.finditer(sentence) if any(c.isdigit() for c in m.group(0))]
    if unit_stems:
        # "five essential components" for "how many components": a number word counting it
        matches += [m for m in _spelled().finditer(sentence) if m.group(0).lower() != "a"]
        matches.sort(key=lambda m: m.start())
    if not matches:
        return None
    best: tuple[int, re.Match[str]] | None = None
    for m in matches:
        after = sentence[m.end() : m.end() + 40]
        # the noun phrase after the number, up to a verb ("8B transformer is pretrained":
        # a transformer, not a count of what is pretrained)
        phrase = itertools.takewhile(
            lambda w: w.lower() not in _PHRASE_ENDS, re.findall(r"[A-Za-z]+", after)[:3]
        )
        following = [stem(w) for w in phrase]
        if unit_stems & text_stems(m.group(0)):
            return m.group(0).strip()
        # "40M understanding examples and 12M synthetic chart examples": the number
        # whose words say most of what is counted
        held = len(unit_stems & set(following))
        if held and (best is None or held > best[0]):
            best = (held, m)
    if best is not None:
        return _with_unit(sentence, best[1], unit_stems)
    if unit_stems:
        return None
    matches = [m for m in matches if any(c.isdigit() for c in m.group(0))]
    if not matches:
        return None
    with_unit = [m for m in matches if re.search(r"[^\d.,\s~≈–-]", m.group(0))]
    return (with_unit or matches)[0].group(0).strip()


# Words a noun phrase after a number ends at: the verb that follows it.
_PHRASE_ENDS = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had"})


def _with_unit(sentence: str, number: re.Match[str], unit_stems: frozenset[str]) -> str:
    """A number in digits with the words up to the counted noun after it ("128 A100 GPUs"
    for "how many GPUs"); a number in words alone ("five", spanned with its digits)."""
    if not any(c.isdigit() for c in number.group(0)):
        return number.group(0).strip()
    rest = sentence[number.end() :]
    for word in re.finditer(r"[\w.+-]+", rest[:40]):
        if stem(word.group(0).lower()) in unit_stems or unit_stems & text_stems(word.group(0)):
            return (number.group(0) + rest[: word.end()]).strip().rstrip(".,;:")
    return number.group(0).strip()


# "the max number of GPUs", "the total number of layers": the noun counted, as "how many" does
_NUMBER_OF = re.compile(r"\bnumber of (?:the |its |their )?([a-z][a-z0-9]*)")


def count_unit(question: str) -> frozenset[str] | None:
    """The stem of the noun "number of X" counts in `question`, or None when it asks no
    number of anything."""
    from search.assistant._text import words

    found = _NUMBER_OF.search(words(question))
    if found is None or found.group(1) in vocabulary()["stopwords"]["function"].split():
        return None
    return frozenset({stem(found.group(1))})


@cache
def _related_groups() -> tuple[frozenset[str], ...]:
    """The stems of each `related` group of extract.yaml."""
    groups = curated("extract.yaml")["related"]
    return tuple(frozenset(stem(w.lower()) for w in group) for group in groups)


def related(stems: frozenset[str]) -> frozenset[str]:
    """The stems an entry may use for any of `stems` ("connect" -> bridg, projector, ...)."""
    return frozenset().union(*(g for g in _related_groups() if g & stems))


@cache
def _spelled() -> re.Pattern[str]:
    """Number words (vocabulary.yaml `number_words`) as whole words."""
    names = sorted(vocabulary()["number_words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b", re.I)
