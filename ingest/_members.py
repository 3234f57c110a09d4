"""Member models of an entry that names several ("Four models by Ai2: A, B, C and D. A based
on X, B on Y ..."): one record per member, with the facts its own clauses state."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest._numbers import SIZE, number, parameter_cell, parameter_counts, sentences
from ingest.records import ModelRecord, ParameterCount

_ALL = re.compile(r"\b(?:both|all|each|every)\b", re.I)
_OWN_SIZES = re.compile(r"^[^()]{1,40}?\((?P<sizes>~?\d[\d.]*\s?[BMT](?:[^()]*[BMT])?)\)")
_ELLIPTICAL_ON = re.compile(r"^(?P<member>\S.*?)\s+on\s+")
_CONTEXT_TOKENS = re.compile(
    r"\b(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s?(?P<mag>[KkMm])\b[- ]?tokens?\b"
)


def member_names(name: str) -> tuple[str, ...]:
    """The models a heading joins with "and": "Llama 4 Scout and Maverick" -> ("Llama 4
    Scout", "Llama 4 Maverick"); "Kimi K2.5 and K2.6" -> ("Kimi K2.5", "Kimi K2.6")."""
    halves = [h.strip() for h in re.split(r"\s+and\s+|\s*&\s*", name) if h.strip()]
    if len(halves) != 2:
        return ()
    first, second = halves
    words = first.split()
    if len(second.split()) == 1 and len(words) >= 2 and second.lower() not in first.lower():
        second = " ".join([*words[:-1], second])  # the shared prefix is written once
    return (first, second)


def _mentions(sentence: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """Where each member (or its last word, "Scout") is named in `sentence`, in order."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    forms = sorted(
        ((form, name) for name in names for form in _forms(name, names)),
        key=lambda pair: -len(pair[0]),
    )
    for form, name in forms:
        for match in re.finditer(r"(?<![\w.-])" + re.escape(form) + r"(?![\w-])", sentence):
            span = (match.start(), match.end())
            if form != name and re.search(r"[A-Z][\w.-]*\s$", sentence[: span[0]]):
                continue  # "Large" of "Pixtral Large" inside "Mistral Large 2"
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append((match.start(), name))
    return sorted(found)


def _forms(name: str, names: tuple[str, ...]) -> list[str]:
    """How a member may be written: in full, or by the words no other member shares."""
    own = [
        w for w in name.split() if all(w not in other.split() for other in names if other != name)
    ]
    forms = [name]
    if own and len(own) < len(name.split()):
        forms.append(" ".join(own))
    return forms


def _clauses(text: str) -> list[str]:
    return [c.strip() for s in sentences(text) for c in s.split(";") if c.strip()]


def member_texts(text: str, names: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """For each member, the parts of `text` about it, as (part, its clause): from where a
    clause names the member to where it names the next one; a clause saying "both" or "all"
    without naming one belongs to every member."""
    parts: dict[str, list[tuple[str, str]]] = {name: [] for name in names}
    for clause in _clauses(text):
        found = _mentions(clause, names)
        if not found:
            if _ALL.search(clause):
                for name in names:
                    parts[name].append((clause, clause))
            continue
        based_on = "based on" in clause
        for index, (start, name) in enumerate(found):
            end = found[index + 1][0] if index + 1 < len(found) else len(clause)
            # an opening phrase before the first name is about it ("Released on August 26,
            # 2025, **InternVL3.5** is ..."), not a list's lead ("Three variants: A, B")
            opening = not index and re.search(r",\s*\**$", clause[:start])
            segment = clause[0 if opening else start : end].strip(" ,;")
            segment = re.sub(r",?\s*(?:and|whereas|while)$", "", segment).strip(" ,;")
            elliptical = _ELLIPTICAL_ON.match(segment)
            if based_on and elliptical and "based on" not in segment:
                # "MolmoE-1B based on X, Molmo-7B-O on Y": the verb is written once
                segment = f"{elliptical.group('member')} based on {segment[elliptical.end() :]}"
            parts[name].append((segment, clause))
    return parts


def _parameters(part: str, clause: str) -> tuple[ParameterCount, ...]:
    """The counts a member's part states; "Maverick approximately 400B across 128 experts"
    after "Scout has 109B total parameters" is a bare size in a clause about parameters."""
    counts = parameter_counts(part)
    own = _OWN_SIZES.match(part)
    if not counts and own:
        # "Janus-Pro (7B and 1B)": the sizes in a parenthesis after the member's name
        counts = parameter_cell(own.group("sizes"))
    if counts or not re.search(r"\bparam", clause, re.I):
        return counts
    for match in SIZE.finditer(part):
        if match.group("mag") in ("B", "T", "billion", "trillion"):
            value = number(match.group("num"), match.group("mag"))
            return (ParameterCount(value, match.group(0).strip()),)
    return ()


def _context(parts: list[tuple[str, str]]) -> int | None:
    """ "whereas Maverick supports 1M tokens" in a clause about the context."""
    for part, clause in parts:
        match = _CONTEXT_TOKENS.search(part)
        if match and "context" in clause.lower():
            return int(number(match.group("num"), match.group("mag")))
    return None


def members(series: ModelRecord, names: tuple[str, ...], text: str, read) -> list[ModelRecord]:
    """One record per member named in `series`, facts read by `read(name, text)` from the
    member's own parts; a member's own parameter variant ("Janus-Pro (7B and 1B)") first."""
    found = []
    parts = member_texts(text, names)
    for name in names:
        own = [part.rstrip(" .") for part, _ in parts.get(name, [])]  # one stop each
        record = read(name, ". ".join(own))
        variant = tuple(replace(c, variant=None) for c in series.parameters if c.variant == name)
        stated = tuple(c for part, clause in parts.get(name, []) for c in _parameters(part, clause))
        found.append(
            replace(
                record,
                description=". ".join(own),
                parameters=variant or tuple(dict.fromkeys(stated)),
                context_window=record.context_window or _context(parts.get(name, [])),
                year=record.year or series.year,
                organization=record.organization or series.organization,
                series=series.name,
                variants=(),
            )
        )
    return found
