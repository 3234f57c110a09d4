"""A title condition: "papers with hallucination in the title", "models with Qwen in the name".

The words before "in the title" are matched in each entry's label (its title), not read as
an entity of their own ("Hallucination" is also a row of the ethics table) nor in the
entry's whole text. The condition is one pattern of the list query, so a count is the
size of the list the same question returns.
"""

from __future__ import annotations

import re
from dataclasses import replace

from search.assistant._text import tokens, words
from search.assistant.querying import ListQuery
from search.assistant.understand import Intent

# "<words> in the title", "… in their names"; the words run back to a verb or preposition
_TITLE = re.compile(
    r"\b(?:with|have|has|having|contain|contains|containing|mention|mentions|mentioning|"
    r"include|includes|including|use|uses|using|carry|carries|feature|features|show|shows)\s+"
    r"(?:the\s+words?\s+|the\s+term\s+|a\s+|an\s+)?"
    r"((?:[a-z0-9][a-z0-9\-]*\s+){1,4}?)in\s+(?:the|its|their)\s+(?:titles?|names?)\b"
)


# a quoted piece of a name: "an '-R1' style name", "titles containing 'Bench'", "named 'X'"
_NAME_NOUN = re.compile(r"\b(?:names?|named|titles?|titled|called)\b")


def title_asked(intent: Intent) -> Intent:
    """`intent` with its title words in `extra["title"]` and no longer read as a mention or
    a text condition; `intent` itself when it asks for none."""
    plain = " ".join(words(t) for t in tokens(intent.question))
    match = _TITLE.search(plain)
    if match is None:
        return _quoted_title(intent, plain)
    asked = match.group(1).split()
    cue = plain[match.end(1) : match.end()]
    return _asked(intent, asked, (match.start(1), match.end(1)), cue)


def _quoted_title(intent: Intent, plain: str) -> Intent:
    """A title condition from one quoted piece the question calls part of a name ("papers
    with an '-R1' style name"): the quote's words, and the name noun next to it."""
    if len(intent.quoted) != 1:
        return intent
    asked = words(intent.quoted[0]).split()
    if not asked or len(asked) > 4:
        return intent
    at = plain.find(" ".join(asked))
    if at < 0:
        return intent
    end = at + len(" ".join(asked))
    after = re.match(r"\s+((?:[a-z]+\s+){0,2}?)" + _NAME_NOUN.pattern, plain[end:])
    before = [m for m in _NAME_NOUN.finditer(plain[:at]) if len(plain[m.end() : at].split()) <= 2]
    if after is not None:
        cue = plain[end : end + after.end()].strip()
    elif before:
        cue = plain[before[-1].start() : at].strip()
    else:
        return intent
    return _asked(intent, asked, (at, end), cue)


def _asked(intent: Intent, asked: list[str], span: tuple[int, int], cue: str) -> Intent:
    """`intent` with `asked` as its title words, read neither as mentions inside `span`
    (of the `words` form) nor as text words; nor are the words of `cue`. A mention whose
    own label holds the asked words is an example of the title asked ("like Ground-R1")."""
    spans = _token_spans(intent.question)
    start, end = span
    inside = {i for i, (s, e) in enumerate(spans) if start <= s and e <= end}
    mentions = tuple(
        m
        for m in intent.mentions
        if not inside & set(range(m.start, m.end))
        and not (m.entities and all(_titled(e.label, asked) for e in m.entities))
    )
    consumed = (*intent.extra.get("consumed_names", ()), " ".join(asked), cue)
    consumed += tuple(words(m.text) for m in intent.mentions if m not in mentions)
    extra = {**intent.extra, "title": tuple(asked), "consumed_names": consumed}
    return replace(intent, mentions=mentions, extra=extra)


def with_title(query: ListQuery, intent: Intent) -> None:
    """Add the title condition of `intent` (see `title_asked`) to `query`."""
    asked = intent.extra.get("title")
    if not asked:
        return
    # each word at the start of a word of the label ("hallucination" in "Hallucinations")
    said = len(query.described)
    for word in asked:
        query.matching("rdfs:label", f"(^|[^a-z0-9]){re.escape(word)}", "")
    del query.described[said:]
    if query.described == ["in the hub"]:
        query.described.clear()
    query.described.append(f"with “{' '.join(asked)}” in the title")


def _titled(label: str, asked: list[str]) -> bool:
    """True when each asked word starts a word of `label`, as `with_title` matches them."""
    low = label.lower()
    return all(re.search(f"(^|[^a-z0-9]){re.escape(w)}", low) for w in asked)


def _token_spans(question: str) -> list[tuple[int, int]]:
    """(start, end) of each token in the `words` form of `question`, as one string."""
    spans, at = [], 0
    for token in tokens(question):
        text = words(token)
        spans.append((at, at + len(text)))
        at += len(text) + 1
    return spans
