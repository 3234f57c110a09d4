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
    """`**2023** according to a.md; **2024** according to b.md and c.md`, or None when
    the values come from one file or no file's values exclude another's."""
    said = by_source(values)
    if len(said) < 2:
        return None
    shown = {file: frozenset(show(v) for v in file_values) for file, file_values in said.items()}
    sets = list(shown.values())
    if all(a <= b or b <= a for i, a in enumerate(sets) for b in sets[i + 1 :]):
        return None
    files_saying: dict[frozenset[str], list[str]] = {}  # files that say the same, together
    for file, texts in shown.items():
        files_saying.setdefault(texts, []).append(file)
    parts = [
        f"{join_words([bold(t) for t in sorted(texts)])} according to {join_words(files)}"
        for texts, files in files_saying.items()
    ]
    return "; ".join(parts) + " (the sources disagree)"


__all__ = ["by_source", "disagreement"]
