"""Questions about one entity: a value, a table cell, a description."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingest._tables import column_meaning
from ingest._vocabulary import vocabulary as ingest_vocabulary
from search.assistant._base import name_pattern
from search.assistant._months import MONTH_NAMES
from search.assistant._rules import (
    Context,
    _first,
    _first_attribute,
    _is_llm,
    _matching_columns,
    _merge,
    _prefer_scope,
    unknown_names,
)
from search.assistant._text import human_number, key, tokens, words
from search.assistant._vocabulary import curated, stopwords, vocabulary
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.comparing import CompareAnswers, written_parameters
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    singular,
    tokens_text,
)
from search.assistant.conditions import extraction_terms, leftover_words, stem, text_stems
from search.assistant.extract import (
    Quote,
    best_quotes,
    count_unit,
    explains,
    quote_limit,
    rank,
    sentences,
)
from search.assistant.graph import EntityView, Value
from search.assistant.lexicon import LexEntity, Mention, value_iri
from search.assistant.sources import disagreement
from search.assistant.understand import (
    SUBJECT_TYPES,
    Attribute,
    Intent,
    asked_noun,
    phrase_positions,
    vocabulary_words,
    wh_head,
)
from search.assistant.understand import attribute as understand_attribute

# the attribute's name in vlm:undisclosed (ingest's column meanings), where it differs
_UNDISCLOSED = {"context_window": "context", "active_parameters": "parameters"}
# attributes whose value is a name: a quote for one must name something
_NAMED_VALUES: tuple[str, ...] = ("organization", "vision_encoder", "language_backbone")
_NAMED_VALUES += ("component", "based_on", "connector")
# name-valued attributes whose value a sentence may describe instead of naming (the quotes
# hold the attribute's own word)
_DESCRIBED_VALUES = ("connector",)
# the parts a connector joins
_JOINED_PARTS = ("vlm:visionEncoder", "vlm:languageBackbone")
# what a name-valued attribute's value may be
_NAME_TYPES = ("VisionEncoder", "LanguageModel", "PretrainedComponent", "AudioEncoder", "Model")
_SIZE_PART = re.compile(r"\d+(?:\.\d+)?[kmbt]\b")
_SIZE_WORD = re.compile(r"~?\d+(?:\.\d+)?[kmbt]?(?:-[a-z]+)?")
_BY_NAME = re.compile(r"\bby\s+(?:the\s+)?([A-Z][\w&.-]+)")
# attributes whose values ingest normalised with a vocabulary pattern (ingest/vocabulary.yaml)
_NORMALISED = {"connector": "connectors"}
# attributes whose values the entry may write with more of the name: "ViT-L/14" for ViT-L
_EXTENDED = ("vision_encoder", "language_backbone")
_TOTAL = re.compile(r"\btotal\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
_FACTOR = re.compile(r"\d\s*[KMBT]?\s*[x×*]\s*\d")
# Words the explanation after a fact quotes at most (with the fact, under 120 in all).
EXPLAIN_WORDS = 60


def spelled_date(iso: str) -> str:
    """ "2026-07-17" -> "July 17, 2026"; "2026-07" -> "July 2026"; anything else unchanged."""
    match = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?", iso)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return iso
    month = MONTH_NAMES[int(match.group(2)) - 1]
    day = f" {int(match.group(3))}," if match.group(3) else ""
    return f"{month}{day} {match.group(1)}"


# a size as entries write it next to a part: "532M", "6B", "400M-parameter"
_NUMBER_SIZE = re.compile(r"(?<![\w.])~?\d+(?:\.\d+)?\s?(?:[KMBT]\b|[kmbt](?=-)|million|billion)")
# attributes that are parts of a model, whose own size a question may ask
_PARTS = ("vision_encoder", "language_backbone", "connector")


def _sized_part(intent: Intent, attr: Attribute) -> Attribute | None:
    """The part whose size a question asks ("how big is the vision encoder in X", "the
    parameter count of X's language model"): a part's phrase within three words after the
    size's; None when the size asked is the entity's own."""
    if attr.name not in ("parameters", "size"):
        return None
    said = words(intent.question)
    ends = [at + len(words(p)) for p in attr.phrases for at in phrase_positions(said, p)]
    for part in intent.attributes:
        if part.name not in _PARTS:
            continue
        starts = [at for p in part.phrases for at in phrase_positions(said, p)]
        gaps = [said[end:start].split() for start in starts for end in ends if start >= end]
        if any(len(gap) <= 3 and not set(gap) & {"and", "or", "with"} for gap in gaps):
            return part
    return None


def _asks_a_name(question: str) -> bool:
    """True for a question that asks a name by a wh-word ("what module ...", "which
    institution ..."), not a how- or yes/no question."""
    return bool(re.match(r"\W*(?:\w+\W+){0,8}?(?:what|which|who)\b", question, re.I)) and not (
        quote_limit(question, 2) > 2
    )


def _asks_when(question: str) -> bool:
    """True for a question after a date ("when was", "release date"), not only a year."""
    return bool(re.search(r"\bwhen\b|\bdate\b|\bday\b|\bmonth\b", question, re.I))


def view_is(view: EntityView, classes: Sequence[str]) -> bool:
    return any(c in view.types for c in classes)


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


# A parameter count as a sentence writes it: "8B", "1.5 T", "~400M"
_SIZE_SPAN = re.compile(r"[~≈]?\d+(?:[.,]\d+)?\s?[BMT]", re.I)

# A share asked: a percentage answers it
_SHARE = re.compile(
    r"\bwhat (?:share|percentage|percent|fraction|proportion|portion)\b|\bhow much of\b|%", re.I
)

# What separates the names of one table row ("InternViT-6B / InternViT-300M").
_ROW_NAMES = re.compile(r"\s*(?:/|,|;|\band\b)\s*")


def _span_fits(attr: Attribute, sentence: str, span: str, question: str) -> bool:
    """True when the number found in `sentence` can be a value of `attr`: not the day of
    a date, not an item marker ("(1) Enhanced Perception"), and for a context window the
    question calls one, a token count written near "context" (not "75%", "3,600 visual
    tokens"; those answer "how many visual tokens", which names no context)."""
    bare = span.strip()
    if _day_of_date(sentence, bare) or re.search(rf"\({re.escape(bare)}\)", sentence):
        return False
    if attr.name != "context_window" or not re.search(r"context|window", question, re.I):
        return True
    if re.search(r"[%×x]$", bare) or not re.search(r"\d", bare):
        return False
    at = sentence.find(bare)
    near = sentence[max(0, at - 60) : at + len(bare) + 60].lower()
    return bool(re.search(r"\bcontext|\bwindow\b", near))


def _day_of_date(sentence: str, span: str) -> bool:
    """True when `span` is a bare number written as the day of a date in `sentence`
    ("July 11", "11 July 2025")."""
    if not re.fullmatch(r"\d{1,2}", span.strip()):
        return False
    day = re.escape(span.strip())
    return bool(
        re.search(rf"\b{_MONTH}\s+{day}\b|\b{day}(?:st|nd|rd|th)?\s+{_MONTH}\b", sentence, re.I)
    )


def _without_echoes(intent: Intent) -> Intent:
    """The question without a misspelling-tolerant mention of an entity it also names
    exactly: in "the MonkeyDoc v2 corpus that MonkeyOCRv2 is trained on", "MonkeyDoc v2"
    is another name (the corpus), not MonkeyOCRv2 misspelt; its words stay the question's."""
    exact = {e.iri for m in intent.mentions if m.exact for e in m.entities}
    kept = tuple(m for m in intent.mentions if m.exact or not {e.iri for e in m.entities} & exact)
    return intent if len(kept) == len(intent.mentions) else replace(intent, mentions=kept)


def _joining_span(intent: Intent) -> tuple[int, int] | None:
    """The token span [start, end] of a question that joins the vision side to the language
    side by a verb of joining (extract.yaml `connection`): the verb or vision side first,
    the language side last ("what module aligns the ViT features with the language side");
    None when it does not, or when its wh-word asks for a side ("which LLM does X connect
    its ViT to", "what vision encoder does X feed into its LLM")."""
    spec = curated("extract.yaml")["connection"]
    toks = [t.lower() for t in tokens(intent.question)]
    side: dict[int, str] = {}
    for n, tok in enumerate(toks):
        parts = set(re.split(r"[-/]", tok))
        if parts & set(spec["vision"]):
            side[n] = "vision"
        elif parts & set(spec["language"]):
            side[n] = "language"
    for mention in intent.mentions:
        if mention.of_type("VisionEncoder"):
            side.setdefault(mention.start, "vision")
        elif mention.of_type("LanguageModel"):
            side.setdefault(mention.start, "language")
    wh = next((n for n, t in enumerate(toks) if t in ("what", "which")), None)
    if wh is not None:
        head = wh + 1
        while head < len(toks) and toks[head] in spec["wh_fillers"]:
            head += 1
        if head in side:
            return None  # the question asks for the side ("which LLM ...")
    verb = next((n for n, t in enumerate(toks) if t in spec["verbs"]), None)
    vision = next((n for n in sorted(side) if side[n] == "vision"), None)
    if verb is None or vision is None:
        return None
    start = min(verb, vision)
    language = next((n for n in sorted(side) if side[n] == "language" and n > start), None)
    if language is None or language < vision:
        return None
    return start, language


def _joined_reading(intent: Intent) -> Intent:
    """A question joining the vision side to the language side asks for the connector:
    the attributes its side words named ("language" -> languages, "LLM" -> backbone) give
    way, and a component it names inside the join ("aligns the ViT features with ...") is
    part of the relation, not a subject, when another name is the subject."""
    span = _joining_span(intent)
    if span is None:
        return intent
    inside = [m for m in intent.mentions if span[0] <= m.start <= span[1]]
    kept = tuple(m for m in intent.mentions if m not in inside)
    mentions = kept if kept else intent.mentions
    return replace(intent, attributes=(understand_attribute("connector"),), mentions=mentions)


def _qualifier_mentions(intent: Intent, subjects: list[LexEntity]) -> list[Mention]:
    """The names of the question that are no subject and say which value ("on MMMU"); a
    heading or table named ("in the Leaderboard") says where, not which row."""
    chosen = {e.iri for e in subjects}
    return [
        m
        for m in intent.mentions
        if not any(e.iri in chosen for e in m.entities)
        and not m.of_type("Section", "Table", "Category")
    ]


# prepositions before a name that qualifies what is asked of another ("on MMMU")
_QUALIFYING = frozenset({"on", "in", "at", "across", "over"})


def _answer_type_only(intent: Intent, attr: Attribute | None, columns: list) -> bool:
    """True when the only columns the question names are its wh-word's noun while it asks
    for an attribute ("which architecture powers Florence-2's image encoder": the answer
    is an architecture, the image encoder is what is asked; not the Architecture cell)."""
    if attr is None:
        return False
    said = [singular(w) for w in words(intent.question).split()]
    at = wh_head(said)
    if at < 0 or at >= len(said):
        return False
    head = said[at]
    return all(
        column_meaning(c) != attr.name and {singular(w) for w in words(c).split()} == {head}
        for c, _ in columns
    ) and not any(words(p).split()[0] == head for p in attr.phrases)


def _given_names(intent: Intent) -> set[str]:
    """Entities the question names as known beside the value it asks for: set aside
    ("besides SigLIP, which encoder does Apollo use", the `exclusions`) or paired with
    it ("Apollo pairs SigLIP with what video encoder", the cues `given_after`)."""
    given = {e.iri for e in intent.extra.get("excluded", ())}
    said = [words(t) for t in tokens(intent.question)]
    pairing = "|".join(re.escape(c) for c in vocabulary()["cues"]["given_after"])
    for mention in intent.mentions:
        after = " ".join(said[mention.end : mention.end + 4])
        if re.match(rf"(?:[a-z0-9-]+ ){{0,2}}(?:{pairing})\b", after):
            given |= {e.iri for e in mention.entities}
    return given


def _before_asked(toks: list[str], n: int, asked: set[str]) -> bool:
    """True when one of the two words after token `n` is a content word of the question
    ("InternVideo2 video encoder" for "which vision encoder"; not "Qwen2-7B language
    model")."""
    after = [t.strip("()[]{},.;:“”\"'").lower() for t in toks[n + 1 : n + 3]]
    return any(len(w) >= 4 and w in asked and w not in stopwords("linking") for w in after)


def _lists(intent: Intent) -> bool:
    """True when the question asks for a list, also one a lookup answers ("which datasets
    was X trained on": the listing hands it over with `lists_values`)."""
    return intent.kind == "list" or bool(intent.extra.get("lists_values"))


# "how many GPU hours did": the counted noun, one or two words before the verb
_HOW_MANY_NOUN = re.compile(
    r"\bhow many ([\w-]+(?: (?!(?:was|were|is|are|does|do|did|has|have|had|or|and)\b)[\w-]+)?)",
    re.I,
)


def _counts_the_noun(quoted: Answer | None, noun: str) -> bool:
    """True when `quoted` spans the count asked, or states a number in a sentence naming
    the counted noun ("how many GPUs": a sentence with "GPUs" and a number)."""
    if quoted is None:
        return False
    if quoted.extra.get("span"):
        return True
    head = stem(words(noun).split()[-1])
    return any(re.search(r"\d", f.object) and head in text_stems(f.object) for f in quoted.facts)


def _asks_plural(intent: Intent, attr: Attribute) -> bool:
    """True when the question names the attribute by a plural phrase ("model sizes",
    "which datasets"), not a singular or a count ("parameter count", "how big")."""
    said = f" {words(intent.masked)} "
    return any(
        p.endswith("s") and not p.endswith(("ss", "params")) and f" {words(p)} " in said
        for p in attr.phrases
    )


def _cell_written(attr: Attribute) -> str:
    """The property holding the attribute's cell as the list writes it ("" when none)."""
    return attr.written[0] if attr.written else ""


class LookupAnswers(CompareAnswers):
    """Questions about one entity: a value, a table cell, a description; two entities
    asked by a comparative ("which is bigger, X or Y?") are compared."""

    def lookup(self, intent: Intent, context: Context) -> Answer:
        intent = _joined_reading(_without_echoes(intent))
        attr = _first_attribute(intent)
        if attr is not None and attr.name == "active_parameters" and _TOTAL.search(intent.question):
            attr = understand_attribute("parameters")  # "total vs active": both, as written
        subjects = self._subjects(intent, attr, context) or self._written_variants(intent)
        if not subjects:
            if intent.numbers or intent.years or (intent.target_class and intent.mentions):
                # "which VLM activates 2.8B parameters?": the member the conditions pick
                found = self.listing(replace(intent, kind="list"), context)
                if found.entities:
                    return found
            unknown = unknown_names(intent)
            if unknown and intent.question.lower().startswith(("which", "what", "list", "name")):
                found_named = self._named_in_text(intent, unknown)
                if found_named is not None:
                    return found_named
            named_rows = self._rows_naming(intent)
            if named_rows:
                return self._row_lookup(intent, [self.reader.view(r) for r in named_rows], attr)
            unknown = unknown_names(intent)
            if unknown:
                return self.abstain_unknown(intent, unknown)
            return self.open(intent, context)
        joint = self._rows_of_both(intent, subjects)
        if joint:
            # "what score does Emu3 get on ScienceQA": the results row naming both
            return self._row_lookup(intent, [self.reader.view(r) for r in joint], attr)
        views = [self.reader.view(e.iri) for e in subjects]
        decided = self.ranked_comparison(intent, views)  # "which is bigger, X or Y?"
        if decided is not None:
            return decided
        if attr is not None and attr.value != "number":
            views = self._entries_stating(views, attr)
        twins = self._row_twins(intent, views, attr)
        if twins and not self._qualifiers_missed(intent, subjects, twins):
            views = twins
        rows = [v for v in views if "TableRow" in v.types]
        if rows and len(rows) == len(views):
            return self._row_lookup(intent, rows, attr)
        if attr is None and len(views) == 1 and self._names_columns(intent, views):
            # "what Type does the table give Zamba2-VL": a column no attribute reads
            return self._row_lookup(intent, views, None)
        if attr is None:
            quoted = [self.extractive(intent, view, None) for view in views]
            what = _HOW_MANY_NOUN.search(intent.question)
            if what and not any(_counts_the_noun(q, what.group(1)) for q in quoted):
                # "how many GPUs was X trained on": no quoted sentence has a number, or one
                # of another noun ("7B-parameter variants") where the count is not spanned
                noun = what.group(1)
                return self.abstain(
                    intent,
                    views[0],
                    f"The hub does not give the number of {noun} of {bold(views[0].label)}.",
                )
            noun = asked_noun(intent.masked)
            if noun and all(q is None for q in quoted):
                # "what hardware was X trained on": no sentence of X's names any
                return self.abstain(
                    intent, views[0], f"The hub does not give the {noun} of {bold(views[0].label)}."
                )
            if all(q is not None for q in quoted):
                return _merge(intent, [q for q in quoted if q is not None])
            first = quoted[0]
            if first is not None and all(
                v.label.lower() in first.markdown.lower() for v in views[1:]
            ):
                # "by how many points did X improve on Y on DocVQA": X's sentence naming
                # the others answers; they are what it is said of
                return first
        if attr is None or attr.name == "description":
            return self.describe(intent, views)
        of_other = self._of_another_class(intent, views, attr)
        if of_other is not None:
            return of_other
        others = [
            a
            for a in intent.attributes
            if a is not attr
            and a.property != attr.property
            and a.name not in ("description", "family")
            and not (attr.name == "parameters" and a.name == "active_parameters")  # said with it
        ]
        part = _sized_part(intent, attr)
        if part is not None:
            sized = [self._part_size(intent, view, part) for view in views]
            if all(a is not None for a in sized):
                return _merge(intent, [a for a in sized if a is not None])
        asked = [attr, *others[:2]]
        parts = []
        for view in views:
            fitting = [a for a in asked if a is attr or not a.domain or view_is(view, a.domain)]
            first = self._attribute_of(intent, view, attr)
            parts.append(first)
            if not first.grounded:
                continue  # what is asked first is unknown: no other part stands in for it
            if re.search(r",|\band\b", intent.question):
                more = [self._attribute_of(intent, view, a) for a in fitting if a is not attr]
                parts += [a for a in more if a.grounded]
            grounded = [p for p in parts if p.grounded]
            rest = self._rest_of_question(intent, view, grounded) or self._explained(
                intent, view, grounded, attr
            )
            if rest is not None:
                parts.append(rest)
        return _merge(intent, parts)

    def _part_size(self, intent: Intent, view: EntityView, part: Attribute) -> Answer | None:
        """ "How big is the vision encoder in X?": the size the entry's sentences write next
        to the part's noun ("couples a 532M-parameter vision encoder with ..."), not X's own
        parameter count; None when no sentence does."""
        query, required, _ = extraction_terms(intent, part)
        heads = frozenset().union(*required) if required else frozenset()
        quotes = best_quotes(self._own_text(view), query, required, frozenset(), limit=2)
        for quote in quotes:
            for number in _NUMBER_SIZE.finditer(quote.sentence):
                near = quote.sentence[number.end() : number.end() + 30]
                if heads & text_stems(near):
                    found = replace(quote, span=number.group(0))
                    return self._quoted(intent, view, part, [found], f"the size of the {part.noun}")
        return None

    def _explained(
        self, intent: Intent, view: EntityView, answers: list[Answer], attr: Attribute
    ) -> Answer | None:
        """For a how-question ("how does X connect the vision encoder to the LLM", "how does
        X curate its training data"), the entry's sentences that explain the facts given:
        the fact alone names the part, not how it works; None for another question."""
        if not answers or quote_limit(intent.question, 2) <= 2:
            return None
        if any(f.predicate == "says" for a in answers for f in a.facts):
            return None  # the answer already quotes the entry
        said = " ".join(a.markdown for a in answers)
        quoted = self.extractive(intent, view, None, limit=4, words=EXPLAIN_WORDS)
        if quoted is None:
            # "describe how X bridges vision and language": every word is the attribute's
            quoted = self.extractive(intent, view, attr, limit=4, words=EXPLAIN_WORDS)
        if quoted is None:
            # "how does X connect the vision encoder to the LLM": the sentences that write
            # the value the fact gives ("... through a Perceiver Resampler") and go on
            quoted = self._explaining_values(intent, view, answers)
        if quoted is None or all(f.object[:60] in said for f in quoted.facts):
            return None
        return quoted

    def _explaining_values(
        self, intent: Intent, view: EntityView, answers: list[Answer]
    ) -> Answer | None:
        """The entry's sentences that write the values of `answers`' facts, with those that
        go on from the best one, within EXPLAIN_WORDS; None when none writes one."""
        values = {
            w for a in answers for f in a.facts for w in re.findall(r"[a-z0-9]+", words(f.object))
        }
        query = [frozenset({stem(w)}) for w in sorted(values) if len(w) >= 3]
        question = intent.question
        quotes = best_quotes(
            self._own_text(view),
            query,
            limit=4,
            words=EXPLAIN_WORDS,
            similarity=lambda texts: self.passages.similarity(question, texts),
        )
        return self._quoted(intent, view, None, quotes, None) if quotes else None

    def _of_another_class(
        self, intent: Intent, views: list[EntityView], attr: Attribute
    ) -> Answer | None:
        """ "How large is the PageSet corpus that Kite is trained on?": the size asked is the
        corpus's (the class the question names), not the model's parameter count; the
        subject's sentences about that class answer it, else None."""
        target = intent.target_class
        if not target or not attr.domain or target in (*attr.domain, *attr.objects):
            return None
        if attr.value not in ("number", "quantity"):
            return None  # "which datasets was X trained on" asks X's own values
        if not all(view_is(view, attr.domain) and not view_is(view, [target]) for view in views):
            return None
        # the question's own words first ("PageSet corpus"), then the class's attribute
        quoted = [self.extractive(intent, view, None) for view in views]
        fitting = [a for a in intent.attributes if target in a.domain]
        if not all(q is not None and any(f.object for f in q.facts) for q in quoted) and fitting:
            quoted = [self.extractive(intent, view, fitting[0]) for view in views]
        found = [q for q in quoted if q is not None]
        return _merge(intent, found) if found and len(found) == len(views) else None

    def _entries_stating(self, views: list[EntityView], attr: Attribute) -> list[EntityView]:
        """Each member (`vlm:memberOf`) that states no value of `attr` replaced by its entry
        when the entry states one ("Molmo" -> "Molmo and PixMo" for its training data);
        numbers are never inherited, so callers leave them out."""
        out: dict[str, EntityView] = {}
        for view in views:
            chosen = view
            if not self._states(view, attr):
                entries = [self.reader.view(p.iri) for p in view.values("vlm:memberOf") if p.iri]
                chosen = next((e for e in entries if self._states(e, attr)), view)
            out.setdefault(chosen.iri, chosen)
        return list(out.values())

    @staticmethod
    def _states(view: EntityView, attr: Attribute) -> bool:
        return any(view.values(p) for p in (attr.property, *attr.edges))

    def _rest_of_question(
        self, intent: Intent, view: EntityView, answers: list[Answer]
    ) -> Answer | None:
        """For a question in two parts ("which LLM ..., and how many languages ..."), the
        sentence of the entry that answers the words the facts did not."""
        if not re.search(r",|\band\b", intent.question) or len(leftover_words(intent)) < 2:
            return None
        quoted = self.extractive(intent, view, None, limit=1)
        said = " ".join(a.markdown for a in answers)
        if quoted is None or quoted.facts[0].object[:60] in said:
            return None
        return quoted

    def _row_twins(
        self, intent: Intent, views: list[EntityView], attr: Attribute | None
    ) -> list[EntityView]:
        """Table rows named like the subjects ("ScienceQA" in a results table) whose
        columns the question asks about ("which model tops ScienceQA" -> "Top Model")."""
        if attr is not None and any(v.values(attr.property) for v in views):
            return []
        twins = []
        for view in views:
            if "TableRow" in view.types:
                return []
            rows = [e for e in self.lexicon.lookup(view.label) if e.is_a("TableRow")]
            rows = rows or self._member_rows(view.label)
            matched = []
            for r in rows:
                columns = _matching_columns(intent, self.cells(r.iri))
                if columns and not _answer_type_only(intent, attr, columns):
                    matched.append(r)
            if _HOW_MANY.search(intent.question):
                # "how many components make up X's architecture": a count, not the
                # Architecture cell's name
                matched = [
                    r
                    for r in matched
                    if any(
                        re.search(r"\d", v) for _, v in _matching_columns(intent, self.cells(r.iri))
                    )
                ]
            if not matched:
                return []
            twins.append(self.reader.view(matched[0].iri))
        return twins

    def _member_rows(self, family: str) -> list[LexEntity]:
        """Table rows that name members of `family` and nothing else: "InternViT-6B /
        InternViT-300M" for InternViT."""
        prefix = re.compile(rf"{re.escape(family.lower())}[-\s]\S")
        return [
            row
            for row, _ in self.lexicon.label_words("TableRow")
            if all(prefix.match(part) for part in _ROW_NAMES.split(row.label.lower()))
        ]

    def _subjects(
        self, intent: Intent, attr: Attribute | None, context: Context
    ) -> list[LexEntity]:
        found: list[LexEntity] = []
        toks = [words(t) for t in tokens(intent.question)]
        owners = [m for m in intent.mentions if attr and attr.domain and m.of_type(*attr.domain)]
        for mention in intent.mentions:
            candidates = list(mention.entities)
            if (
                owners
                and mention not in owners
                and mention.start > 0
                and toks[mention.start - 1] in _QUALIFYING
            ):
                continue  # "what score does X get on MMMU": MMMU says where, X is asked of
            if attr and attr.domain:
                in_domain = [e for e in candidates if e.is_a(*attr.domain)]
                rows = [e for e in candidates if e.is_a("TableRow")]
                # a row with no column for it says nothing: the entry's own sentences may
                # ("how many examples does X use" of a model, not of its timeline row)
                stating = [r for r in rows if _matching_columns(intent, self.cells(r.iri))]
                named = [e for e in candidates if e.is_a(*SUBJECT_TYPES) and e not in rows]
                candidates = in_domain or stating or named or rows
            else:
                candidates = [e for e in candidates if e.is_a(*SUBJECT_TYPES)] or [
                    e
                    for e in candidates
                    if e.is_a("VisionEncoder", "LanguageModel", "PretrainedComponent")
                ]
            candidates = _prefer_scope(candidates, intent, self.reader)
            for entity in candidates[:1]:
                if entity not in found:
                    found.append(entity)
        if not found and (intent.refers_back or attr is not None) and context.subjects:
            found = [
                self.lexicon.entities[i] for i in context.subjects if i in self.lexicon.entities
            ]
        return found

    def _written_variants(self, intent: Intent) -> list[LexEntity]:
        """The entry a name no label holds is written in: "Hy-Embodied-VLM-1.0" is the
        entry Hy-Embodied-VLM when that entry's own text writes it; the longest such label
        that starts the name. None for a name that only contains a label ("Video-LLaVA")."""
        found: list[LexEntity] = []
        for name in unknown_names(intent):
            squashed = key(name)
            starts = [
                e
                for e in self.lexicon.entities.values()
                if e.is_a(*SUBJECT_TYPES)
                and len(key(e.label)) >= 4
                and squashed.startswith(key(e.label))
                and squashed != key(e.label)
            ]
            pattern = name_pattern(name)
            for entity in sorted(starts, key=lambda e: -len(e.label)):
                texts = [t.lower() for t, _ in self._own_text(self.reader.view(entity.iri))]
                if any(pattern.search(t) for t in texts):
                    found.append(entity)
                    break
        return found

    def _attribute_of(self, intent: Intent, view: EntityView, attr: Attribute) -> Answer:
        values = list(view.values(attr.property))
        for edge in attr.edges:  # typed mention edges ("trained on LAION-5B")
            values += [v for v in view.values(edge) if v not in values]
        if attr.name == "language_backbone" and not values:
            values = [
                v for v in view.values("vlm:basedOn") if v.iri and _is_llm(self.reader, v.iri)
            ]
        if attr.name == "language_count" and not values:
            values = list(view.values("vlm:language"))
        if attr.name == "languages" and not values:
            values = list(view.values("vlm:languageCount"))
        if attr.name == "parameters":
            values += [v for v in view.values("vlm:activeParameterCount")]
        if attr.name in ("paper", "link", "arxiv_id") and not values:
            # a paper is its own link: its URL and arXiv ID
            values = list(view.values("schema:url")) + list(view.values("vlm:arxivId"))
        given = _given_names(intent)
        values = [v for v in values if not (v.iri and v.iri in given)]
        if not values:
            stated = self._stated_without_value(intent, view, attr)
            if stated is not None:
                return stated
            quoted = self.extractive(intent, view, attr)
            if quoted is None and (
                count_unit(intent.question) or _HOW_MANY.search(intent.question)
            ):
                # "how many GPUs was X trained on": the count of another noun than the
                # attribute's values ("trained on" is no training data here)
                quoted = self.extractive(intent, view, None)
                quoted = quoted if quoted is not None and quoted.extra.get("span") else None
            if quoted is None and explains(intent.question):
                # "how does Qwen3-VL's DeepStack feed visual features into the language
                # model": the mechanism is the answer, whether or not it names a connector
                quoted = self.extractive(intent, view, None)
            if quoted is not None:
                return quoted
            return self.abstain(
                intent, view, f"The hub does not give the {attr.noun} of {bold(view.label)}."
            )
        if attr.name == "year" and view.first("dcterms:date") and _asks_when(intent.question):
            return self._dated(intent, view, attr)
        text = self._render_values(view, attr, values)
        text = disagreement(values, lambda v: self._value_text(attr, v)) or text
        refs = [c for v in values for c in v.citations] or list(view.citations())
        facts = [
            Fact(
                view.label,
                attr.noun,
                self._value_text(attr, v),
                ";".join(v.citations) or _first(view.citations()),
            )
            for v in values
        ]
        entities = self._value_refs(intent, attr, values)
        plural = (attr.noun.endswith("s") and not attr.noun.startswith("number")) or (
            len(values) > 1 and attr.value in ("entity", "text")
        )
        verb = "are" if plural else "is"
        noun = attr.noun
        if plural and attr.name in ("vision_encoder", "language_backbone", "connector"):
            noun += "s"  # "the vision encoders of Skua-R1 are SAMB and SigLIP"
        markdown = f"The {noun} of {bold(view.label)} {verb} {text}.{cite(refs)}"
        counted = intent.kind == "count" and attr.value in ("entity", "text")
        if (counted or intent.extra.get("counts_values")) and len(values) > 1:
            markdown = f"**{len(values)}** — {markdown}"  # "how many datasets ... X ... on"
        return Answer(
            question=intent.question,
            markdown=markdown,
            entities=entities,
            facts=tuple(facts),
            citations=self._citations([view], refs),
            extra={"subjects": [view.iri]},
        )

    def _value_refs(
        self, intent: Intent, attr: Attribute, values: Sequence[Value]
    ) -> tuple[EntityRef, ...]:
        """The answer set of an attribute's values: its entities, and for a list question
        ("what datasets was COSMO trained on") also the values the list writes as names
        only, as Value pseudo-entities (the aggregates' way of naming a literal)."""
        listed = _lists(intent)
        # "qwen2.5-vl model sizes": several values a plural noun asks for are the answer set
        several = len(values) > 1 and _asks_plural(intent, attr)
        refs: dict[str, EntityRef] = {}
        for v in values:
            if v.iri and v.iri in self.lexicon.entities:
                if attr.value == "entity" or listed:
                    refs.setdefault(
                        v.iri, EntityRef(v.iri, v.text, self.lexicon.entities[v.iri].type)
                    )
            elif not v.iri and (listed or several) and attr.value in ("entity", "text"):
                iri = value_iri(attr.property, v.text)
                refs.setdefault(iri, EntityRef(iri, v.text, "Value"))
            elif not v.iri and several and attr.value == "number":
                text = self._value_text(attr, v)
                iri = value_iri(attr.property, text)
                refs.setdefault(iri, EntityRef(iri, text, "Value"))
        return tuple(refs.values())

    def _stated_without_value(
        self, intent: Intent, view: EntityView, attr: Attribute
    ) -> Answer | None:
        """What the list writes where it names no value: "Undisclosed" (or "N/A") in the
        attribute's cell, or a cell kept only as text ("Native (encoder-integrated)")."""
        written = [v for v in view.values(_cell_written(attr)) if v.text.strip()]
        if attr.name == "parameters" and view.values("vlm:partialParameterCount"):
            factors = [v for v in view.values("vlm:parameterText") if _FACTOR.search(v.text)]
            if factors:
                # "4.5B x 74": the list states a factor, never a total; none is computed
                text = join_words([bold(escape(v.text)) for v in factors])
                refs = [c for v in factors for c in v.citations] or list(view.citations())
                said = (
                    f"The list gives the parameter count of {bold(view.label)} as {text}, "
                    "a size times a count; it states no total."
                )
                return self._said(intent, view, attr, said, [v.text for v in factors], refs)
        if written:
            text = join_words([bold(escape(v.text)) for v in written])
            refs = [c for v in written for c in v.citations] or list(view.citations())
            said = f"The list gives the {attr.noun} of {bold(view.label)} as {text}."
            return self._said(intent, view, attr, said, [v.text for v in written], refs)
        meaning = _UNDISCLOSED.get(attr.name, attr.name)
        hidden = [v for v in view.values("vlm:undisclosed") if v.text == meaning]
        if not hidden:
            return None
        refs = [c for v in hidden for c in v.citations] or list(view.citations())
        said = f"The list says the {attr.noun} of {bold(view.label)} is **undisclosed**."
        return self._said(intent, view, attr, said, ["undisclosed"], refs)

    def _said(
        self,
        intent: Intent,
        view: EntityView,
        attr: Attribute,
        markdown: str,
        values: list[str],
        refs: list[str],
    ) -> Answer:
        return Answer(
            intent.question,
            markdown + cite(refs),
            (),
            tuple(Fact(view.label, attr.noun, v, _first(refs)) for v in values),
            self._citations([view], refs),
            extra={"subjects": [view.iri]},
        )

    def _dated(self, intent: Intent, view: EntityView, attr: Attribute) -> Answer:
        """ "When was X released?" with the list's date: "July 17, 2026 (2026-07-17)"."""
        dates = view.values("dcterms:date")
        refs = [c for v in dates for c in v.citations] or list(view.citations())
        iso = dates[0].text
        shown = f"{bold(spelled_date(iso))} ({iso})" if spelled_date(iso) != iso else bold(iso)
        markdown = f"The date of {bold(view.label)} is {shown}.{cite(refs)}"
        return Answer(
            intent.question,
            markdown,
            (),
            (Fact(view.label, "date", iso, _first(refs)),),
            self._citations([view], refs),
            extra={"subjects": [view.iri]},
        )

    def _render_values(self, view: EntityView, attr: Attribute, values: Sequence[Value]) -> str:
        if attr.name == "parameters":
            written = written_parameters(view)
            total = [v for v in view.values("vlm:parameterCount") if v.number]
            active = [v for v in view.values("vlm:activeParameterCount") if v.number]
            parts = []
            if written:
                parts.append(bold(written))
            elif total:
                parts.append(bold(", ".join(human_number(v.number or 0) for v in total)))
            if written and total and len(total) > 1:
                parts.append(
                    f"({', '.join(human_number(v.number or 0) for v in total)} by variant)"
                )
            if active and not (written and "active" in written.lower()):
                counts = bold(join_words([human_number(v.number or 0) for v in active]))
                # "2.8B active" alone: the list states the active count, not a total
                parts.append(
                    f"with {counts} active" if parts else f"{counts} active (no total given)"
                )
            return " ".join(parts) or "not given"
        if attr.name in ("language_count", "languages"):
            count_text = view.first("vlm:languageCountText") or view.first("vlm:languageCount")
            names = [v.text for v in view.values("vlm:language")]
            out = []
            if count_text:
                out.append(bold(f"{count_text} languages"))
            if names:
                out.append(("(" if out else "") + join_words(names) + (")" if out else ""))
            return " ".join(out)
        shown = join_words([bold(self._value_text(attr, v)) for v in values])
        said = [v.text for v in view.values(_cell_written(attr)) if v.text.strip()]
        said += self._written_as(view, attr, values)
        named = set(
            re.findall(r"[a-z0-9.]+", words(" ".join(self._value_text(attr, v) for v in values)))
        )
        if said and not set(re.findall(r"[a-z0-9.]+", words(" ".join(said)))) <= named:
            # the list's own words next to the normalised name: "ViT (the list: redesigned ViT)"
            shown += f" (the list writes {join_words([f'“{escape(w)}”' for w in said])})"
        return shown

    def _written_as(self, view: EntityView, attr: Attribute, values: Sequence[Value]) -> list[str]:
        """The entry's own words for values ingest normalised by a vocabulary pattern: the
        connector "ldp projector" is written "Lightweight Downsample Projector (LDP)"."""
        if attr.name in _EXTENDED:
            return _extended_names(values, [t for t, _ in self._own_text(view)])
        if attr.name not in _NORMALISED:
            return []
        patterns = dict(getattr(ingest_vocabulary(), _NORMALISED[attr.name]))
        texts = [t for t, _ in self._own_text(view)]
        out = []
        for value in values:
            pattern = patterns.get(value.text)
            found = next((m for t in texts if pattern and (m := pattern.search(t.lower()))), None)
            if found is None:
                continue
            text = next(t for t in texts if pattern and pattern.search(t.lower()))
            span = text[found.start() : found.end()]
            acronym = re.match(r"\s*\(([A-Z][\w-]{1,10})\)", text[found.end() :])
            span += f" ({acronym.group(1)})" if acronym else ""
            if span.lower() != value.text.lower():
                out.append(span)
        return list(dict.fromkeys(out))

    def _value_text(self, attr: Attribute, value: Value) -> str:
        if attr.name == "context_window" and value.number:
            return tokens_text(int(value.number))
        if attr.name in ("parameters", "active_parameters") and value.number:
            return human_number(value.number)
        if attr.name == "results" and value.iri:
            result = self.reader.view(value.iri)
            score = result.first("vlm:score") or ""
            bench = result.first("vlm:benchmark") or ""
            cond = result.first("vlm:condition")
            return f"{score} on {bench}" + (f" ({cond})" if cond else "")
        if attr.name == "size" and value.iri:
            return self.reader.view(value.iri).label
        if attr.name in ("paper", "link") and value.iri:
            linked = self.reader.view(value.iri)
            return linked.first("schema:url") or linked.label
        if value.number is not None and value.text.replace(".", "").isdigit():
            return value.text
        return value.text

    def extractive(
        self,
        intent: Intent,
        view: EntityView,
        attr: Attribute | None,
        limit: int = 2,
        words: int | None = None,
    ) -> Answer | None:
        """The best sentences of the entity's own text for the question, the asked-for
        number first; None when no sentence shares the question's words (or, for an
        attribute, names it). `words` caps an explanation's quotes."""
        chunks = self._own_text(view)
        query, required, quantity = extraction_terms(intent, attr)
        quantity = quantity or count_unit(intent.question) or quantity
        if not chunks or not query:
            return None
        limit = quote_limit(intent.question, limit)
        question = intent.question

        def quoted(texts: list[tuple[str, str]], needing: bool = True) -> list[Quote]:
            return best_quotes(
                texts,
                query,
                required if needing else [],
                quantity,
                limit,
                words,
                lambda found: self.passages.similarity(question, found),
                text_stems(question),
            )

        quotes = quoted(chunks)
        if not quotes and attr is not None and attr.property == "vlm:parameterCount":
            # "Nano configurations combine 8B-class components": a size written as one,
            # in a sentence that does not say "parameters"
            quotes = [q for q in quoted(chunks, False) if q.span and _SIZE_SPAN.fullmatch(q.span)]
        if _SHARE.search(question) and not any(q.span and "%" in q.span for q in quotes):
            # "what share of WebLI is rejected": a share of it another passage states
            # ("23% of WebLI dataset rejected" under the privacy framework)
            pattern = name_pattern(view.label)
            naming = [
                (p.text, p.citation or "")
                for p in self.passages.all()
                if "%" in p.text and pattern.search(p.text.lower())
            ]
            shares = [q for q in quoted(naming) if q.span and "%" in q.span] if naming else []
            quotes = shares or quotes
        if not quotes:
            return None
        if attr is not None and attr.value in ("number", "quantity"):
            # a number of another kind ("July 11", "(1)", "75%" for a context) is no answer:
            # those quotes go last, unspanned
            stated = [
                q
                for q in quotes
                if q.span and _span_fits(attr, q.sentence, q.span, intent.question)
            ]
            quotes = stated + [replace(q, span=None) for q in quotes if q not in stated]
            if not stated:
                return None  # a number is asked and no sentence states one
        elif quantity and any(q.span for q in quotes):
            # "X is built from how many components": the count the sentence states answers
            # it, whatever the attribute's values are named
            quotes = [q for q in quotes if q.span] + [q for q in quotes if not q.span]
            attr = None
        elif attr is not None and attr.name in _NAMED_VALUES and limit <= 2:
            # (an explanation keeps its order: "how does X align ..." is answered by how)
            # "which lab developed X": a sentence with "developed" but no name answers nothing
            naming = [q for q in quotes if self._names_a_value(intent, attr, view, q.sentence)]
            if not naming and attr.name in _DESCRIBED_VALUES:
                naming = quotes  # "a learned query bridge is the connector": described, unnamed
            if not naming:
                # "what vision encoder does X connect to its MoE language model": the sentence
                # that names one may not say "encoder" ("X connects Hy-ViT2 to ...")
                cited = [(x, where) for text, where in chunks for x in sentences(text)]
                ranked = rank([x for x, _ in cited], query)
                naming = [
                    Quote(cited[i][0], score, None, cited[i][1])
                    for score, i in ranked
                    if sum(1 for alts in query if alts & text_stems(cited[i][0])) >= 1
                    and self._names_a_value(intent, attr, view, cited[i][0], acronyms=False)
                ][:1]  # without the attribute's word, an acronym ("OCR", "GUI") names nothing
                quotes = naming
            if not naming:
                return None
            naming.sort(key=lambda q: not self._named_as_asked(intent, attr, view, q))
            quotes = [naming[0]] + [q for q in quotes if q is not naming[0]]
            if _asks_a_name(intent.question):
                # "what module aligns ...": the name is the answer, said first
                quotes[0] = replace(
                    quotes[0], span=self.value_name(intent, attr, view, quotes[0].sentence)
                )
        # "how large is the corpus X is trained on": a dataset's size, not X's parameter count
        other_class = bool(attr and attr.domain and intent.target_class not in (None, *attr.domain))
        noun = attr.noun if attr is not None and not other_class else None
        return self._quoted(intent, view, attr, quotes, noun)

    def _quoted(
        self,
        intent: Intent,
        view: EntityView,
        attr: Attribute | None,
        quotes: list[Quote],
        noun: str | None,
    ) -> Answer:
        """The quotes as an answer, the first span found said first: "**128 A100 GPUs** —
        The hub's entry on **Lance** says: “...” [L559]"."""
        refs = list(dict.fromkeys(q.citation for q in quotes if q.citation))
        said = " ".join(f"“{escape(q.sentence)}”" for q in quotes)
        span = next((q.span for q in quotes if q.span), None)
        lead = f"{bold(span)} — " if span else ""
        what = f"{noun} of {bold(view.label)}" if noun else bold(view.label)
        what = what if not noun or noun.startswith("the ") else f"the {what}"
        markdown = f"{lead}The hub's entry on {what} says: {said}{cite(refs)}"
        return Answer(
            intent.question,
            markdown,
            self._quoted_names(intent, view, quotes),
            tuple(Fact(view.label, "says", q.sentence, q.citation) for q in quotes),
            self._quote_citations(view, refs),
            extra={"subjects": [view.iri], "span": span},
        )

    def _quoted_names(
        self, intent: Intent, view: EntityView, quotes: list[Quote]
    ) -> tuple[EntityRef, ...]:
        """For a list question a quote answers ("which backbones are combined to build X"),
        the entities of the asked class its sentences name, besides X and the names the
        question gives: the answer set. () for any other question."""
        listed = _lists(intent)
        if not listed or not intent.target_class:
            return ()
        skip = {view.iri, *_given_names(intent)} | {
            e.iri for m in intent.mentions for e in m.entities
        }
        refs: dict[str, EntityRef] = {}
        for quote in quotes:
            for mention in self.lexicon.link(quote.sentence):
                for e in mention.of_type(intent.target_class)[:1]:
                    if e.iri not in skip:
                        refs.setdefault(e.iri, EntityRef(e.iri, e.label, e.type))
        return tuple(refs.values())

    def _names_a_value(
        self,
        intent: Intent,
        attr: Attribute,
        view: EntityView,
        sentence: str,
        acronyms: bool = True,
    ) -> bool:
        """True when `sentence` names something that can be the value of `attr` besides
        the entity itself and the names the question writes (`value_name`)."""
        return self.value_name(intent, attr, view, sentence, acronyms) is not None

    def value_name(
        self,
        intent: Intent,
        attr: Attribute,
        view: EntityView,
        sentence: str,
        acronyms: bool = True,
    ) -> str | None:
        """The first name in `sentence` that can be the value of `attr` besides the entity
        itself and the names the question writes: an organisation the graph knows or one
        written "by Salesforce"; for a component, a name-shaped word ("InternViT-6B",
        "DaViT", "CLIP") or a known component's label, with the part noun after it ("SwiGLU
        module"); None when it names none."""
        own = set(re.findall(r"[a-z0-9]+", view.label.lower()))
        asked = {t.lower() for t in tokens(intent.question)}
        if attr.name == "organization":
            by = [m for m in _BY_NAME.findall(sentence) if m.lower() not in own]
            known = [
                (hit.start(), org)
                for org in self._organisations()
                if (hit := name_pattern(org).search(sentence.lower()))
            ]
            return min(known)[1] if known else (by[0] if by else None)
        known_words = self._component_words()
        # the entity's encoder or language model is no connector ("Vision: InternViT-300M ·
        # ..."); any other part may be named twice ("initialised from Qwen3-0.6B", its
        # language model too, answers what its encoder starts from)
        taken = {
            word
            for prop in (_JOINED_PARTS if attr.name == "connector" else ())
            for value in view.values(prop)
            for word in re.findall(r"[a-z0-9][a-z0-9.\-]*", value.text.lower())
            if len(word) > 2
        }
        toks = tokens(sentence)
        found: list[str] = []
        for n, tok in enumerate(toks):
            word = tok.strip("()[]{},.;:“”\"'")
            low = word.lower()
            if len(word) < 2 or low in vocabulary_words() or _SIZE_WORD.fullmatch(low):
                continue
            if low in asked:
                continue  # "MoE" of "its sparse MoE language model" is what the question knows
            linked = self.lexicon.lookup(word)
            if linked and not any(e.is_a(*_NAME_TYPES) for e in linked):
                continue  # a name of another kind: "MoE" is an architecture
            if set(re.findall(r"[a-z]+", _SIZE_PART.sub("", low))) <= own:
                continue  # the entity's own name, a version of it ("Hy-Embodied-VLM-1.0")
            if low in taken:
                continue
            letters = [c for c in word if c.isalpha()]
            shaped = bool(letters) and (
                any(c.isdigit() for c in word)
                or (any(c.islower() for c in letters) and any(c.isupper() for c in letters[1:]))
                or (acronyms and len(letters) >= 2 and all(c.isupper() for c in letters))
            )
            if shaped or low in known_words:
                after = toks[n + 1].strip("()[]{},.;:“”\"'") if n + 1 < len(toks) else ""
                parts = curated("extract.yaml")["part_nouns"]
                name = f"{word} {after}" if after.lower() in parts and word == tok else word
                if _before_asked(toks, n, asked):
                    return name  # "an InternVideo2 video encoder" for "what video encoder"
                found.append(name)
        return found[0] if found else None

    def _named_as_asked(
        self, intent: Intent, attr: Attribute, view: EntityView, quote: Quote
    ) -> bool:
        """True when the name `value_name` finds in the quote stands before a word of the
        question ("a VidTok-2 video encoder" for "with what video encoder")."""
        name = self.value_name(intent, attr, view, quote.sentence)
        if name is None:
            return False
        asked = {t.lower() for t in tokens(intent.question)}
        toks = tokens(quote.sentence)
        first = name.split()[0].lower()
        return any(
            t.strip("()[]{},.;:“”\"'").lower() == first and _before_asked(toks, n, asked)
            for n, t in enumerate(toks)
        )

    def _organisations(self) -> list[str]:
        if "_orgs" not in self._members_cache:
            prefix = "value:vlm:organization|"
            found = [e.label for i, e in self.lexicon.entities.items() if i.startswith(prefix)]
            self._members_cache["_orgs"] = [o for o in found if len(o) >= 2]
        return self._members_cache["_orgs"]

    def _component_words(self) -> frozenset[str]:
        if "_components" not in self._members_cache:
            types = ("VisionEncoder", "LanguageModel", "PretrainedComponent", "AudioEncoder")
            labels = [e.label.lower() for e in self.lexicon.entities.values() if e.is_a(*types)]
            self._members_cache["_components"] = [w for w in labels if " " not in w]
        return frozenset(self._members_cache["_components"])

    def _own_text(self, view: EntityView) -> list[tuple[str, str]]:
        """An entity's own words as (text, citation): its description (or its table row's
        cells) and the passages about it."""
        where = _first(view.citations())
        chunks = []
        # each description with its own line: an entity listed twice (a table row and a
        # card) has one from each place
        described = view.values("dcterms:description")
        if described:
            said = sorted(described, key=lambda v: -len(v.text))
            chunks += [(v.text, _first(v.citations) or where) for v in said]
        elif view.description:
            chunks.append((view.description, where))
        elif "TableRow" in view.types:
            chunks.append((". ".join(f"{c}: {v}" for c, v in self.cells(view.iri)), where))
        chunks += [(p.text, p.citation or where) for p in self.passages.of_topics([view.iri])]
        # a member named inside its series' write-up ("Janus-Pro ... Its expanded data
        # includes ..."): the write-up's passages that name it are its own words too
        pattern = name_pattern(view.label)
        for parent in view.values("vlm:memberOf"):
            if parent.iri:
                chunks += [
                    (p.text, p.citation or where)
                    for p in self.passages.of_topics([parent.iri])
                    if pattern.search(p.text.lower())
                ]
        return chunks

    def _quote_citations(self, view: EntityView, refs: list[str]) -> tuple[Citation, ...]:
        known = {c.source: c for c in self._citations([view], list(view.citations()))}
        section = view.spans[0][1] if view.spans else ""
        return tuple(known.get(r) or Citation(r, section, view.url) for r in refs)

    def _names_columns(self, intent: Intent, views: list[EntityView]) -> bool:
        """True when every entry has table cells and the question's own words (not its
        names; "type" too, which is no condition elsewhere) name a column of each."""
        named = {i for m in intent.mentions for i in range(m.start, m.end)}
        left = {
            singular(w)
            for i, t in enumerate(tokens(intent.question))
            if i not in named
            for w in words(t).split()
        }
        if not views:
            return False
        for view in views:
            columns = [c for c, _ in _matching_columns(intent, self.cells(view.iri))]
            if not any(singular(w) in left for c in columns for w in words(c).split()):
                return False
        return True

    def _row_lookup(self, intent: Intent, rows: list[EntityView], attr: Attribute | None) -> Answer:
        parts = []
        for row in rows:
            cells = self.cells(row.iri)
            matched = _matching_columns(intent, cells)
            if not matched:
                if attr is not None and attr.name != "description":
                    parts.append(
                        self.abstain(
                            intent,
                            row,
                            f"The hub does not give the {attr.noun} of {bold(row.label)}.",
                        )
                    )
                    continue
                matched = cells[1:] or cells
            refs = list(row.citations())
            table_name = row.first("vlm:table")
            where = f"the {escape(table_name)} table" if table_name else "its table row"
            text = "; ".join(f"{escape(c)}: {bold(v)}" for c, v in matched)
            parts.append(
                Answer(
                    intent.question,
                    f"In {where}, {bold(row.label)} has {text}.{cite(refs)}",
                    (EntityRef(row.iri, row.label, self.lexicon.entities[row.iri].type),)
                    if row.iri in self.lexicon.entities
                    else (),
                    tuple(Fact(row.label, c, v, _first(refs)) for c, v in matched),
                    self._citations([row], refs),
                    extra={"subjects": [row.iri]},
                )
            )
        return _merge(intent, parts)

    def _qualifiers_missed(
        self, intent: Intent, subjects: list[LexEntity], rows: list[EntityView]
    ) -> bool:
        """True when a name the question qualifies with ("on MMMU") is in no cell of
        `rows`: Cedar's ScienceQA row does not answer "Cedar's score on MMMU"."""
        for mention in _qualifier_mentions(intent, subjects):
            names = {key(e.label) for e in mention.entities} | {key(mention.text)}
            if not any(names & {key(v) for _, v in self.cells(r.iri)} for r in rows):
                return True
        return False

    def _rows_of_both(self, intent: Intent, subjects: list[LexEntity]) -> list[str]:
        """The table rows whose cells name a subject and a mention the subjects left out
        as a qualifier ("on ScienceQA"), when a column of the row is asked about."""
        others = _qualifier_mentions(intent, subjects)
        if not others or len(subjects) != 1:
            return []
        cells: dict[str, set[str]] = {}
        for row, _, value in self.row_cells():
            cells.setdefault(row, set()).add(key(value))
        subject = {key(n) for n in (subjects[0].label, *subjects[0].aliases)}
        wanted = [{key(e.label) for e in m.entities} | {key(m.text)} for m in others]
        return sorted(
            row
            for row, values in cells.items()
            if values & subject
            and all(values & w for w in wanted)
            and _matching_columns(intent, self.cells(row))
        )

    def _rows_naming(self, intent: Intent) -> list[str]:
        """Table rows with a cell the question names ("the SOTA accuracy on RoboNet"), when
        the question also names one of the row's other columns."""
        text = words(intent.question)
        named = {
            row
            for row, _, value in self.row_cells()
            if len(value) >= 3 and not value[:1].isdigit() and phrase_positions(text, value)
        }
        return sorted(r for r in named if _matching_columns(intent, self.cells(r)))


def _extended_names(values: Sequence[Value], texts: list[str]) -> list[str]:
    """The names of `values` as the entry writes them with more after the name: the
    patch size or variant ingest left out ("ViT-L/14", "EVA-CLIP-G/14" for ViT-L, EVA-CLIP-G)."""
    out = []
    for value in values:
        name = value.text.strip()
        if len(name) < 3:
            continue
        pattern = re.compile(
            rf"(?<![\w/-]){re.escape(name)}[/-](?-i:[A-Z0-9])[\w.]*(?:/\d+)?", re.I
        )
        out += [m.group(0) for t in texts for m in pattern.finditer(t)]
    return list(dict.fromkeys(out))
