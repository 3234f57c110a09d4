"""Entity cards: a heading that names one entity, a line of bold-labelled fields under it
("**Vision tower:** SigLIP · **LM:** Qwen2 · **Released:** 2025"), then its sentences.

Labels are read by meaning, as a table header with that text would be (`tables.yaml`
`columns`): a card is a one-row table written sideways, with its sentences as the row's
description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest._tables import column_meaning, header_key
from ingest.markdown import Paragraph

# "**Label:** value" or "**Label**: value" (also with "__")
_LABEL = re.compile(
    r"(?:\*\*|__)\s*(?P<a>[^*_:\n]{1,40}?)\s*:\s*(?:\*\*|__)"
    r"|(?:\*\*|__)(?P<b>[^*_:\n]{1,40}?)(?:\*\*|__)\s*:"
)
_MARKDOWN_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\([^)]*\)")
# what separates one field from the next, left at the ends of a value
_SEPARATORS = re.compile(r"^(?:\s|[·•|;,]|<br\s*/?>|\\)+|(?:\s|[·•|;,]|<br\s*/?>|\\)+$")
# meanings that say what kind of thing a card is about when its section does not
MODEL_MEANINGS = frozenset({"vision_encoder", "language_backbone", "parameters", "architecture"})


@dataclass(frozen=True)
class Field:
    """One labelled field of a card: the label as written, its value as plain text, and
    the label's meaning ("vision_encoder", "year", ...) or None when unknown."""

    label: str
    value: str
    meaning: str | None


def _plain(markdown: str) -> str:
    text = _MARKDOWN_LINK.sub(lambda m: m.group("text"), markdown)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    return _SEPARATORS.sub("", re.sub(r"\s+", " ", text))


def field_line(block: Paragraph, defined: dict[str, str] | None = None) -> tuple[Field, ...] | None:
    """The fields of a paragraph made of bold-labelled fields only, or None.

    The paragraph must open with a label and hold at least two labels whose meaning is
    known (a label the list's legend `defined` means what that says), so a sentence with one
    bold lead-in ("**Numbers.** VLMs are weak ...") or a research note's "**Challenge:**
    ..." is not a card.
    """
    markdown = block.markdown.strip()
    found = list(_LABEL.finditer(markdown))
    if len(found) < 2 or found[0].start() != 0:
        return None
    fields = []
    for match, after in zip(found, [*found[1:], None], strict=True):
        label = (match.group("a") or match.group("b")).strip()
        value = _plain(markdown[match.end() : after.start() if after else len(markdown)])
        meaning = (defined or {}).get(header_key(label)) or column_meaning(label)
        fields.append(Field(label, value, meaning))
    if sum(1 for f in fields if f.meaning and f.value) < 2:
        return None
    return tuple(fields)


def card_name(title: str) -> str:
    """The entity a card's heading names: "The Molmo family (Ai2)" -> "Molmo family (Ai2)"
    (the organisation in parentheses is read as a name cell reads it)."""
    return re.sub(r"^(?:the|a|an)\s+", "", title.strip(), flags=re.I)


def is_model_card(fields: tuple[Field, ...]) -> bool:
    """True when the fields name a model's parts or size ("Vision tower", "LM", "Scale")."""
    return any(f.meaning in MODEL_MEANINGS for f in fields)


__all__ = ["Field", "card_name", "field_line", "is_model_card"]
