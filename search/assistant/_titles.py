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


def title_asked(intent: Intent) -> Intent:
    """`intent` with its title words in `extra["title"]` and no longer read as a mention or
    a text condition; `intent` itself when it asks for none."""
    plain = " ".join(words(t) for t in tokens(intent.question))
    match = _TITLE.search(plain)
    if match is None:
        return intent
    asked = match.group(1).split()
    spans = _token_spans(intent.question)
    start, end = match.start(1), match.end(1)
    inside = {i for i, (s, e) in enumerate(spans) if start <= s and e <= end}
    mentions = tuple(m for m in intent.mentions if not inside & set(range(m.start, m.end)))
    cue = plain[match.end(1) : match.end()]
    consumed = (*intent.extra.get("consumed_names", ()), " ".join(asked), cue)
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


def _token_spans(question: str) -> list[tuple[int, int]]:
    """(start, end) of each token in the `words` form of `question`, as one string."""
    spans, at = [], 0
    for token in tokens(question):
        text = words(token)
        spans.append((at, at + len(text)))
        at += len(text) + 1
    return spans
