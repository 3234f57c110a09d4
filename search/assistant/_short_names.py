"""A short name for one longer label: "Kimi-VL" for Kimi-VL-A3B, never for two entities."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from search.assistant._text import key
from search.assistant._typos import plausible_typo
from search.assistant._vocabulary import curated

if TYPE_CHECKING:
    from search.assistant.lexicon import LexEntity

# classes a short name may stand for (names of things, not of parts or sections)
_NAMED = ("Model", "Dataset", "Benchmark", "Tool", "Paper")

_SEPARATORS = "-_ "


@cache
def _rules() -> tuple[re.Pattern[str], int]:
    data = curated("short_names.yaml")
    return re.compile(data["variant_rest"], re.I), int(data["min_length"])


def _extends(label: str, short: str) -> bool:
    """True when `label` is `short`, one separator and a size or variant word."""
    variant, _ = _rules()
    low, want = label.lower(), short.lower()
    if len(low) <= len(want) + 1 or not low.startswith(want) or low[len(want)] not in _SEPARATORS:
        return False
    return bool(variant.match(low[len(want) + 1 :]))


def _short_forms(label: str) -> list[str]:
    """The short names `label` extends by a size or variant ("Kimi-VL" of Kimi-VL-A3B)."""
    return [
        label[:i] for i, c in enumerate(label) if c in _SEPARATORS and _extends(label, label[:i])
    ]


def _misspelt(short: str, label: str) -> bool:
    """True when `short` is a short name of `label` with one typo ("Kim-VL", Kimi-VL-A3B)."""
    want = key(short)
    return len(want) >= 5 and any(
        OSA.distance(key(form), want, score_cutoff=1) == 1 and plausible_typo(short, form)
        for form in _short_forms(label)
    )


def one_longer_name(
    short: str, entities: Iterable[LexEntity], next_word: str = "", typo: bool = False
) -> LexEntity | None:
    """The one entity whose label or alias extends `short` by a size or variant, or None
    when none or several do ("Llama 4" for Scout and Maverick names neither), or when the
    question's `next_word` goes on with a name of its own ("Pixtral Large" is no Pixtral 12B).
    With `typo`, `short` may be such a short name misspelt once ("Kim-VL")."""
    if len(short) < _rules()[1] or not re.search(r"[A-Z0-9]|\w-\w", short):
        return None
    if next_word[:1].isupper() or next_word[:1].isdigit():
        return None
    found = {
        e.iri: e
        for e in entities
        if e.is_a(*_NAMED)
        and any(_misspelt(short, s) if typo else _extends(s, short) for s in (e.label, *e.aliases))
    }
    return next(iter(found.values())) if len(found) == 1 else None
