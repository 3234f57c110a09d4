"""Questions about what a list says it does not give: "models with an undisclosed size"."""

from __future__ import annotations

from functools import cache
from typing import Any

from search.assistant._text import words
from search.assistant._vocabulary import curated
from search.assistant.understand import Intent, phrase_positions


@cache
def _data() -> dict[str, Any]:
    return curated("undisclosed.yaml")


def undisclosed_asked(intent: Intent) -> tuple[str, str] | None:
    """(the attribute's name in vlm:undisclosed, the question's word for it) when a list or
    count question asks for the entries whose cell of that attribute says the value is not
    given; None otherwise."""
    if intent.kind not in ("list", "count") or not intent.attributes:
        return None
    text = words(intent.question)
    said = next((w for w in _data()["words"] if phrase_positions(text, w)), None)
    if said is None:
        return None
    name = intent.attributes[0].name
    return _data()["meanings"].get(name, name), said
