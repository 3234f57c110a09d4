"""Cells of a model table: names with organisations, dates, values the list says it lacks."""

from __future__ import annotations

import re
from functools import cache

from ingest._data import load_yaml
from ingest.gazetteer import is_known, organizations

_NAME_WITH_PAREN = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)\s*$")
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?\b")
_SLASHED = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(r"\b(?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b")
_WORDS = re.compile(
    r"\b(?:(?P<d1>\d{1,2})\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?:(?P<d2>\d{1,2}),?\s+)?"
    r"(?P<y>(?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@cache
def _months() -> tuple[str, ...]:
    return tuple(load_yaml("tables.yaml")["months"])


@cache
def _descriptive() -> re.Pattern[str]:
    return re.compile(load_yaml("tables.yaml")["descriptive_components"], re.I)


def is_descriptive(cell: str) -> bool:
    """True for a component cell that describes rather than names ("Native (...)",
    "Custom"); "Custom ViT" still names a ViT."""
    return bool(_descriptive().match(cell.strip())) and not is_known(cell.strip())


def _is_organization(inner: str) -> bool:
    if inner in organizations():
        return True
    words = inner.split()
    # "Moonshot AI", "Shanghai AI Lab": capitalised words, no digits (not "7B", "BLIP-3")
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not re.search(r"\d", inner)


def name_cell(cell: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(name, organisation, aliases) of a model cell: "Kimi K3 (Moonshot AI)" -> ("Kimi K3",
    "Moonshot AI", ()); "xGen-MM (BLIP-3)" -> ("xGen-MM", None, ("BLIP-3",))."""
    text = cell.strip()
    match = _NAME_WITH_PAREN.match(text)
    if match is None:
        return text, None, ()
    name, inner = match.group("name").strip(), match.group("inner").strip()
    if _is_organization(inner):
        return name, inner, ()
    if re.fullmatch(r"(?:19|20)\d\d", inner):
        return name, None, ()
    return name, None, (inner,)


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def date_cell(cell: str) -> tuple[str | None, int | None]:
    """(ISO date or year-month, year) of a date cell.

    "2026-07-17", "07/17/2026" (month first unless the first number exceeds 12),
    "17.07.2026", "July 17, 2026", "17 Jul 2026", "Jul 2026", "07/2026"; a bare "2026" gives
    only the year.
    """
    text = cell.strip()
    match = _ISO.search(text)
    if match:
        day = int(match.group("d")) if match.group("d") else None
        found = _iso(int(match.group("y")), int(match.group("m")), day)
        return found, int(match.group("y"))
    match = _SLASHED.search(text)
    if match:
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("y"))
        month, day = (b, a) if a > 12 else (a, b)
        return _iso(year, month, day), year
    match = _WORDS.search(text)
    if match and match.group("mon")[:3].lower() in _months():
        month = _months().index(match.group("mon")[:3].lower()) + 1
        day_text = match.group("d1") or match.group("d2")
        year = int(match.group("y"))
        return _iso(year, month, int(day_text) if day_text else None), year
    match = _MONTH_YEAR.search(text)
    if match:
        return _iso(int(match.group("y")), int(match.group("b")), None), int(match.group("y"))
    year_match = _YEAR.search(text)
    return None, int(year_match.group(0)) if year_match else None


# "2024²", "CLIP ViT-L/14³", "MoE architecture¹", "Emu3§", "[^2]": a footnote marker after a value;
# not "VLM²-Bench" (a name goes on) or "km²" (a unit)
_FOOTNOTE = re.compile(
    r"(?<=[^\s²³¹⁰-⁹†‡§¶])(?<!\bkm)(?<!\bcm)(?<!\bmm)(?<!\bm)[¹²³⁰-⁹]+(?![\w-])"
    r"|(?<=\S)[†‡§¶]+(?![\w-])|\[\^[^\]]+\]"
)


def without_footnotes(cell: str) -> str:
    """`cell` without the footnote markers after its words ("2024²" -> "2024")."""
    return _FOOTNOTE.sub("", cell)


_TRAILING_MARKS = re.compile(r"(?<=\S)(?:[¹²³⁰-⁹]+|[†‡§¶]+)$")


def name_without_marker(cell: str, notes: frozenset[str] | None = None) -> str:
    """A name cell without the footnote marker after it. Where the list writes notes for the
    table (`notes`: the markers they start with, "¹ Reported with ..."), only a defined
    marker is one: "VILA²¹" with notes ¹-⁵ is VILA² (note ¹), "VILA²" with none for ²
    stays VILA²; a list that writes no notes at all (`None`) loses any trailing marker
    ("Idefics3-8B²")."""
    text = cell.strip()
    if notes is None:
        return without_footnotes(text)
    run = _TRAILING_MARKS.search(text)
    if run is None:
        return text
    marks = run.group(0)
    for start in range(len(marks)):
        if marks[start:] in notes:
            return text[: run.start() + start]
    return text


# a note's start: at the paragraph's start or after a sentence (notes on consecutive lines
# are one paragraph: "¹ Reported with CoT. ² Image subset only.")
_NOTE_START = re.compile(r"(?:^|[.!?)\"”:]\s+)([¹²³⁰-⁹]+|[†‡§¶]+)\s+(?=\S)")


def footnote_marks(paragraphs: list[str]) -> frozenset[str]:
    """The footnote markers a list defines: the superscripts its notes start with."""
    return frozenset(m.group(1) for p in paragraphs for m in _NOTE_START.finditer(p))


# "7/20B", "1/4/12/27B", "7–14B": sizes that share the unit written after the last
_SHARED_UNIT = re.compile(
    r"(?<![\w.])(?P<run>\d+(?:\.\d+)?(?:\s*[/–-]\s*\d+(?:\.\d+)?)+)\s*(?P<unit>[KMBT])\b"
)


def with_units(cell: str) -> str:
    """A size cell with the shared unit on every size: "7/20B" -> "7B/20B", "7–14B" ->
    "7B–14B"; other cells unchanged."""

    def spread(match: re.Match[str]) -> str:
        unit = match.group("unit")
        return re.sub(r"\d+(?:\.\d+)?", lambda n: n.group(0) + unit, match.group("run"))

    return _SHARED_UNIT.sub(spread, cell)
