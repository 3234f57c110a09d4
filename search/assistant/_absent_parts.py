"""Questions for entries without a part: "models with no vision encoder", "encoder-free"."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from search.assistant._text import words
from search.assistant._vocabulary import curated
from search.assistant.understand import Intent, phrase_positions

_PARTS = ("VisionEncoder", "LanguageModel", "PretrainedComponent", "AudioEncoder")


@cache
def _data() -> dict[str, Any]:
    return curated("absent_parts.yaml")


def absent_part_asked(intent: Intent) -> tuple[str, str, str] | None:
    """(the property of the part's cell as written, the pattern of a cell saying there is
    none, the question's word for that) when a list or count question asks for entries
    without the part its attribute names; None otherwise."""
    if intent.kind not in ("list", "count") or not intent.attributes:
        return None
    if any(m.of_type(*_PARTS) for m in intent.mentions):
        return None  # "models that do not use a SigLIP encoder" name the part they lack
    curie = _data()["cells"].get(intent.attributes[0].name)
    text = words(intent.question)
    said = next((w for w in _data()["words"] if phrase_positions(text, w)), None)
    if curie is None or said is None:
        return None
    return curie, _data()["pattern"], said


def unstated_asked(intent: Intent) -> str | None:
    """The question's words saying the list gives no value of its attribute ("2024 models
    that don't state a parameter count", "datasets whose year is not given") when a list
    or count question asks for such entries; None otherwise (and when the attribute's
    absence is a cell of its own: `absent_part_asked`)."""
    if intent.kind not in ("list", "count") or not intent.attributes:
        return None
    if any(m.of_type(*_PARTS) for m in intent.mentions) or absent_part_asked(intent):
        return None
    text = words(intent.question)
    cues = _data()["unstated"]
    for phrase in intent.attributes[0].phrases:
        said = re.escape(words(phrase))
        for cue in (cues["before"], cues["after"]):
            found = re.search(str(cue).replace("{phrase}", said), text)
            if found:
                return found[0]
    return None
