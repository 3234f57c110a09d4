"""Which source file says which value: "list A says 7B, list B says 8B".

A graph built from several hub files keeps every file's values of a property side by
side, each cited to its lines (`Value.citations`, `<file>#L<start>-L<end>`). When the
files disagree (the values one gives are not among the other's), an answer names each
file with what it says instead of merging the values into one list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from search.assistant.compose import bold, join_words
from search.assistant.graph import Value


def by_source(values: Sequence[Value]) -> dict[str, list[Value]]:
    """{source file: the values it states}, files in first-cited order."""
    said: dict[str, list[Value]] = {}
    for value in values:
        for citation in value.citations:
            file = citation.split("#", 1)[0]
            if value not in said.setdefault(file, []):
                said[file].append(value)
    return said


def disagreement(values: Sequence[Value], show: Callable[[Value], str]) -> str | None:
    """`**2023** according to a.md and **2024** according to b.md`, or None when the
    values come from one file or no file's values exclude another's."""
    said = by_source(values)
    if len(said) < 2:
        return None
    shown = {file: frozenset(show(v) for v in file_values) for file, file_values in said.items()}
    sets = list(shown.values())
    if all(a <= b or b <= a for i, a in enumerate(sets) for b in sets[i + 1 :]):
        return None
    parts = [
        f"{join_words([bold(show(v)) for v in file_values])} according to {file}"
        for file, file_values in said.items()
    ]
    return join_words(parts) + " (the sources disagree)"


__all__ = ["by_source", "disagreement"]
