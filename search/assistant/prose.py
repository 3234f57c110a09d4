"""Prose questions answered by quoting the hub's passages."""

from __future__ import annotations

import re
from dataclasses import replace

from search.assistant._base import BaseAnswerer
from search.assistant._rules import (
    Context,
    _facet_filter,
    unknown_names,
)
from search.assistant.answer import Answer, Citation, EntityRef, Fact
from search.assistant.compose import (
    bold,
    cite,
    escape,
    join_words,
    key_terms,
)
from search.assistant.conditions import leftover_words, stem, text_stems
from search.assistant.extract import count_unit
from search.assistant.lexicon import LexEntity
from search.assistant.passages import Passage
from search.assistant.understand import (
    SUBJECT_TYPES,
    TOPIC_TYPES,
    Intent,
)

# "how many X": a count is asked
_COUNTS = re.compile(r"\bhow many\b", re.I)


class ProseAnswers(BaseAnswerer):
    """Prose questions answered by quoting the hub's passages."""

    def open(self, intent: Intent, context: Context) -> Answer:
        topics = [e for m in intent.mentions for e in m.entities if e.is_a(*TOPIC_TYPES)]
        topics += [t for t in intent.extra.get("topics", ()) if t not in topics]
        sections = [e for m in intent.mentions for e in m.entities if e.is_a("Section")]
        if intent.target_class and not intent.mentions and intent.target_class not in TOPIC_TYPES:
            found = self.by_description(intent, intent.target_class)
            if found is not None:
                return found
        passages: list[Passage] = []
        unknown = unknown_names(intent)
        if unknown and not (topics or sections or intent.mentions):
            # "what connector does CogAgent use": about a name the hub does not hold
            return self.abstain_unknown(intent, unknown)
        # "the mechanism in the alignment & fusion code example": the heading it scopes to
        scoped = [
            s for s in intent.extra.get("scopes", ()) if s.is_a("Section") and s not in sections
        ]
        sections += scoped
        subjects = [e for m in intent.mentions for e in m.entities if e.is_a(*SUBJECT_TYPES)]
        if subjects and not topics and len({m.start for m in intent.mentions}) == 1:
            # "how does VITA handle audio interrupts?": that entry's own sentences; a count
            # ("on how many benchmarks did X reach SOTA") its sentence stating one
            limit = 2 if count_unit(intent.question) or _COUNTS.search(intent.question) else 4
            quoted = self.extractive(intent, self.reader.view(subjects[0].iri), None, limit=limit)
            if quoted is not None:
                return quoted
        if topics:
            passages = self.passages.of_topics([t.iri for t in dict.fromkeys(topics)])
        if not passages and sections:
            passages = self.passages.of_sections([s.iri for s in dict.fromkeys(sections)])
        if not passages and sections and not topics and not intent.extra.get("listed_sections"):
            # a section with no passages of its own lists its entries; the listing may come
            # back here (no list query for the class noun), and then the passages decide
            extra = {**intent.extra, "listed_sections": True}
            return self.listing(
                replace(intent, kind="list", target_class=None, extra=extra), context
            )
        if passages:
            passages = _facet_filter(passages, intent)
            # a heading the question scopes to is where the answer is: its passages that
            # hold the question's words, else all of them
            said = (
                self._holding_the_words(intent, passages)
                if scoped
                else self._saying_the_words(intent, passages)
            )
            if said is not passages:
                passages, topics = said, []  # the words' passages, not the topic's
        else:
            passages = self.passages.search(intent.question)
        if not passages:
            subjects = [e for m in intent.mentions for e in m.entities if e.is_a(*SUBJECT_TYPES)]
            if subjects:
                return self.describe(intent, [self.reader.view(subjects[0].iri)])
            unknown = unknown_names(intent)
            if unknown:
                return self.abstain_unknown(intent, unknown)
            return Answer(
                intent.question,
                "The hub does not say anything that answers this question.",
                grounded=False,
            )
        return self._prose(intent, passages, topics)

    def _holding_the_words(self, intent: Intent, passages: list[Passage]) -> list[Passage]:
        """Of `passages`, those holding the most of the question's own words when some hold
        two or more ("noise multiplier" in the privacy framework's code); else all."""
        asked = _asked_stems(intent)
        held = [_held(asked, p) for p in passages]
        best = max(held, default=0)
        if best < 2:
            return passages
        return [p for p, n in zip(passages, held, strict=True) if n == best]

    def _saying_the_words(self, intent: Intent, passages: list[Passage]) -> list[Passage]:
        """`passages` (a topic's), unless none holds the question's own words and other
        passages hold at least two of them: "what noise multiplier is used in the DP-SGD
        example for medical VLMs" is answered by the code example's "noise multiplier =
        1.3", not by the Medical VLMs bullets."""
        asked = _asked_stems(intent)
        if len(asked) < 2:
            return passages
        own = max(_held(asked, p) for p in passages)
        found = [
            p for p in self.passages.search(intent.question) if _held(asked, p) >= max(2, own + 2)
        ]
        if not found:
            return passages
        best = max(_held(asked, p) for p in found)
        return [p for p in found if _held(asked, p) == best]

    def _prose(self, intent: Intent, passages: list[Passage], topics: list[LexEntity]) -> Answer:
        groups: dict[tuple[str, str], list[Passage]] = {}
        for p in passages:
            groups.setdefault((p.topic, p.facet or ""), []).append(p)
        lines = []
        for (topic, facet), items in groups.items():
            title = f"{bold(topic)}" + (f" — {escape(facet)}" if facet else "")
            lines.append(title)
            lines += [f"- {escape(p.text)}{cite([p.citation])}" for p in items]
            lines.append("")
        refs = [p.citation for p in passages]
        citations = tuple(dict.fromkeys(Citation(p.citation, p.section, None) for p in passages))
        facts = tuple(Fact(p.topic, p.facet or "says", p.text, p.citation) for p in passages)
        entities = tuple(EntityRef(t.iri, t.label, t.type) for t in dict.fromkeys(topics))
        terms = key_terms([p.text for p in passages], limit=4 * len(passages))
        if terms:
            lines.append("Key terms: " + "; ".join(escape(t) for t in terms) + ".")
        if intent.kind == "count":
            lines.insert(0, f"The hub lists **{len(passages)}** items:\n")
        unique_topics = list(dict.fromkeys(topics))
        head = (
            "According to the hub:"
            if not topics
            else f"What the hub says about {join_words([bold(t.label) for t in unique_topics])}:"
        )
        return Answer(
            intent.question,
            head + "\n\n" + "\n".join(lines).rstrip() + "",
            entities,
            facts,
            citations,
            extra={"subjects": [t.iri for t in topics], "refs": refs},
        )


def _asked_stems(intent: Intent) -> list[str]:
    """The stems of the question's own content words no part of the parse took."""
    return [stem(w) for w in leftover_words(intent) if len(w) >= 3]


def _held(asked: list[str], passage: Passage) -> int:
    """How many of the `asked` stems `passage` holds, in its text or under its facet (the
    challenges listed under "Key Challenges" hold "challenges")."""
    said = text_stems(f"{passage.text} {passage.facet or ''}")
    return sum(1 for a in asked if a in said)
