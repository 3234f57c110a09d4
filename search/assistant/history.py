"""Time questions about a hub built with `vlmkg build --history`, answered from its versions.

"what models were added in July 2025?", "when was Kimi-VL added?", "which benchmarks were
removed since April?", "what did the hub say about Qwen2.5-VL's parameters in March
2025?", and follow-ups ("and which were removed?"). Each answer cites the commit and the
line. `answer_history` returns None when the graph has no versions or the question no
time or change cue, so the ordinary assistant answers it. Words are data (history.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from rdflib import URIRef

from ingest.names import entity_key
from kg.changes import (
    VERSION_GRAPH,
    Change,
    of_entity,
    read_changes,
    read_versions,
    version_iri,
)
from kg.sparql import compact_iri
from kg.vocab import VLM
from search.assistant._vocabulary import curated
from search.assistant.answer import Answer, Citation, EntityRef

_VLM = str(VLM)
_WORD = re.compile(r"[\w.+/-]+", re.UNICODE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(20\d{2})\b")
_MAX_NGRAM = 6


@cache
def words() -> dict[str, Any]:
    """The curated words of history.yaml."""
    return curated("history.yaml")


@dataclass(frozen=True)
class Frame:
    """What a time question asks: a kind of change, a class, a period, an entity, a fact."""

    kind: str | None = None  # added | removed | renamed | changed
    cls: str | None = None
    start: str | None = None  # YYYY-MM-DD, inclusive
    end: str | None = None  # YYYY-MM-DD, exclusive
    entity: str | None = None  # a name as the question writes it
    attribute: str | None = None
    when: bool = False
    said: bool = False


@dataclass
class _Versions:
    versions: list[tuple[str, str]]
    changes: list[Change]
    file: str


_CACHE: dict[int, _Versions] = {}


def answer_history(store: Any, question: str, previous: Answer | None = None) -> Answer | None:
    """The answer to a time question from the store's versions, or None (not one)."""
    tokens = [
        t.strip(".,;:?!'\"").removesuffix("'s").removesuffix("’s") for t in _WORD.findall(question)
    ]
    lowered = [t.casefold() for t in tokens]
    if not _has_cue(lowered, question) and not _follows(previous, lowered):
        return None
    if not store.query("ASK { ?v a vlm:HubVersion }").boolean:
        return None
    history = _history(store)
    frame = _frame(tokens, lowered, question, history)
    if _follow_up(lowered):
        frame = _inherit(frame, previous)
    if frame.entity and frame.said:
        return _said(store, history, frame, question)
    if frame.entity and (frame.when or frame.kind):
        return _timeline(history, frame, question)
    if frame.entity:
        return None  # about an entry, but not about its history
    if frame.said and frame.cls and frame.kind is None:
        return _listed_then(store, history, frame, question)
    if frame.kind is None:
        return None
    return _listing(history, frame, question)


# -- understanding -------------------------------------------------------------------------


def _has_cue(lowered: list[str], question: str) -> bool:
    """A change or "said" word with a date ("in July", "since ...", "when"), or a strong
    change word ("added", "removed") on its own."""
    found = set(lowered)
    kinds = {w for ws in words()["kinds"].values() for w in ws}
    dated = bool(found & (set(words()["months"]) | {"when", "since"})) or bool(
        _ISO.search(question)
    )
    asks = found & (kinds | set(words()["said"]))
    return (dated and bool(asks)) or bool(found & (kinds - set(words()["weak"])))


def _follows(previous: Answer | None, lowered: list[str]) -> bool:
    """A follow-up ("and in June?") of a history answer."""
    return previous is not None and "history_frame" in previous.extra and _follow_up(lowered)


def _follow_up(lowered: list[str]) -> bool:
    """Worded as a follow-up: "and ...", "what about ...", or a few words."""
    return bool(lowered) and (
        lowered[0] in words()["follow_up"]
        or lowered[:2] in (["what", "about"], ["how", "about"])
        or len(lowered) <= 4
    )


def _frame(tokens: list[str], lowered: list[str], question: str, history: _Versions) -> Frame:
    kind = next((k for k, ws in words()["kinds"].items() if set(ws) & set(lowered)), None)
    cls = next((c for c, ws in words()["classes"].items() if set(ws) & set(lowered)), None)
    attribute = next((a for a in words()["attributes"] if a in lowered), None)
    start, end = _period(lowered, question, history)
    said = bool(set(words()["said"]) & set(lowered)) and start is not None
    entity = _entity(tokens, history)
    if kind == "added" and "new" in lowered and entity is None and start is None:
        start = None  # "what is new?": the latest version, handled by _listing
    return Frame(
        kind,
        cls,
        start,
        end,
        entity,
        attribute,
        "when" in lowered,
        said or (attribute is not None and start is not None and entity is not None),
    )


def _period(lowered: list[str], question: str, history: _Versions) -> tuple[str | None, str | None]:
    """[start, end) of the period the question names, as YYYY-MM-DD (None: open).

    "in July 2025" is the month; "since April" / "after June" / "before May" are open;
    "between June and August" (or "from ... to ...") spans both months.
    """
    newest = history.versions[-1][1][:10] if history.versions else "2000-01-01"
    mentions = _months(lowered, newest)
    if mentions:
        before, first, following = mentions[0]
        if len(mentions) > 1:
            return first, mentions[-1][2]
        if before in ("since", "from"):
            return first, None
        if before == "after":
            return following, None
        if before in ("before", "until"):
            return None, first
        return first, following
    iso = _ISO.search(question)
    if iso:
        before_word = question[: iso.start()].split()[-1:] or [""]
        if before_word[0].casefold() in ("before", "until"):
            return None, iso.group(0)
        return iso.group(0), None
    year = _YEAR.search(question)
    if year:
        return f"{year.group(1)}-01-01", f"{int(year.group(1)) + 1}-01-01"
    return None, None


_MONTH_LEADS = {
    "in",
    "since",
    "from",
    "after",
    "before",
    "until",
    "of",
    "between",
    "and",
    "to",
    "during",
}


def _months(lowered: list[str], newest: str) -> list[tuple[str, str, str]]:
    """The months named: (the word before, first day, first day of the next month)."""
    months = words()["months"]
    found = []
    for n, word in enumerate(lowered):
        if word not in months:
            continue
        before = lowered[n - 1] if n else ""
        after = lowered[n + 1] if n + 1 < len(lowered) else ""
        has_year = after.isdigit() and len(after) == 4
        if word == "may" and not has_year and before not in _MONTH_LEADS:
            continue  # "which models may ..."
        month = months.index(word) + 1
        year = int(after) if has_year else _default_year(month, newest)
        found.append((before, f"{year}-{month:02d}-01", _next_month(year, month)))
    return found


def _default_year(month: int, newest: str) -> int:
    year, newest_month = int(newest[:4]), int(newest[5:7])
    return year if month <= newest_month else year - 1


def _next_month(year: int, month: int) -> str:
    return f"{year + 1}-01-01" if month == 12 else f"{year}-{month + 1:02d}-01"


def _entity(tokens: list[str], history: _Versions) -> str | None:
    """The longest run of question words that names an entry of some version."""
    names = _names(history)
    best: str | None = None
    for size in range(min(_MAX_NGRAM, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            key = entity_key(" ".join(tokens[i : i + size]))
            if key in names and (best is None):
                best = names[key]
        if best is not None:
            return best
    return None


def _names(history: _Versions) -> dict[str, str]:
    common = {w for ws in words()["classes"].values() for w in ws} | {"hub"}
    names: dict[str, str] = {}
    for change in history.changes:
        for name in (change.label, change.old_value if change.kind == "renamed" else None):
            if name and entity_key(name) not in common:
                names.setdefault(entity_key(name), name)
    return names


def _inherit(frame: Frame, previous: Answer | None) -> Frame:
    """A follow-up ("and which were removed?") takes what it leaves out from the last one."""
    before = previous.extra.get("history_frame") if previous is not None else None
    if not isinstance(before, Frame):
        return frame
    if frame.entity is None and (frame.kind or frame.cls or frame.start):
        return replace(
            frame,
            kind=frame.kind or before.kind,
            cls=frame.cls or before.cls,
            start=frame.start if frame.start or frame.end else before.start,
            end=frame.end if frame.start or frame.end else before.end,
        )
    return frame


# -- answering -------------------------------------------------------------------------------


def _history(store: Any) -> _Versions:
    versions = read_versions(store)
    found = _CACHE.get(id(store))
    if found is None or found.versions != versions:
        rows = store.query("SELECT ?f WHERE { ?h a vlm:Hub ; rdfs:label ?f } LIMIT 1").dicts()
        file = str(rows[0]["f"]) if rows else "README.md"
        found = _Versions(versions, read_changes(store), file)
        _CACHE[id(store)] = found
    return found


def _in(change: Change, frame: Frame) -> bool:
    day = change.new.date[:10]
    return (frame.start is None or day >= frame.start) and (frame.end is None or day < frame.end)


def _kind_matches(change: Change, kind: str) -> bool:
    """Whether the change is of the kind asked; "changed" asks for every kind."""
    return kind == "changed" or change.kind == kind


def _listing(history: _Versions, frame: Frame, question: str) -> Answer:
    kind = frame.kind or "added"
    if frame.start is None and frame.end is None and history.versions:
        frame = replace(frame, start=history.versions[-1][1][:10])  # "what is new": the latest
    picked = [
        c
        for c in history.changes
        if _kind_matches(c, kind) and _in(c, frame) and (frame.cls is None or c.cls == frame.cls)
    ]
    if kind in ("added", "removed"):
        seen: set[str] = set()
        picked = [c for c in picked if not (c.entity in seen or seen.add(c.entity))]  # type: ignore[func-returns-value]
    noun = _noun(frame.cls, len(picked))
    period = _describe(frame, history)
    verb = {"added": "added", "removed": "removed", "renamed": "renamed", "changed": "changed"}[
        kind
    ]
    if not picked:
        markdown = f"No {_noun(frame.cls, 2)} were {verb} in the hub {period}."
        grounded = _covered(frame, history)
        if not grounded:
            markdown += f" The history covers {_span_of(history)} only."
        return _answer(question, markdown, [], frame, grounded)
    head = f"The hub {verb} {len(picked)} {noun} {period}:"
    if kind == "changed":
        plural = "s" if len(picked) != 1 else ""
        head = f"{len(picked)} change{plural} to {_noun(frame.cls, 2)} {period}:"
    lines = [head, ""]
    lines += [f"- {_line(c, history.file)}" for c in picked]
    return _answer(question, "\n".join(lines), picked, frame, True, history.file)


def _timeline(history: _Versions, frame: Frame, question: str) -> Answer:
    assert frame.entity is not None
    found = of_entity(history.changes, frame.entity)
    first_version = history.versions[0][0] if history.versions else ""
    kind = frame.kind or "added"
    picked = [c for c in found if _kind_matches(c, kind) and _in(c, frame)]
    if not picked and found and kind == "removed" and found[-1].kind != "removed":
        newest = history.versions[-1]
        markdown = (
            f"**{found[-1].label}** was never removed: the newest version "
            f"({newest[1][:10]}, commit {newest[0][:7]}) still lists it."
        )
        return _answer(question, markdown, found[-1:], frame, True, history.file)
    if not picked:
        markdown = (
            f"The hub's history ({_span_of(history)}) does not show **{frame.entity}** {kind}."
        )
        return _answer(question, markdown, [], frame, False)
    first = picked[0]
    if kind == "added" and first.new.commit == first_version:
        head = (
            f"**{first.label}** was already listed in the first version of the history "
            f"({first.new.date[:10]}, commit {first.new.commit[:7]})."
        )
    else:
        head = (
            f"**{first.label}** was {_past(kind)} on {first.new.date[:10]} "
            f"(commit {first.new.commit[:7]})."
        )
    lines = [head, "", "Its timeline:", ""] + [f"- {_line(c, history.file)}" for c in found]
    return _answer(question, "\n".join(lines), found, frame, True, history.file)


_NOT_SAID = ("rdf:", "rdfs:label", "prov:", "vlm:position", "vlm:listedIn")
_SAID = """
SELECT * WHERE {
  GRAPH ?g { ?e ?p ?o ; prov:wasDerivedFrom ?span .
             ?span vlm:startLine ?start ; vlm:endLine ?end .
             OPTIONAL { ?o rdfs:label ?label } }
}"""


_LISTED = """
SELECT DISTINCT ?e ?label ?start ?end ?g ?cls WHERE {
  GRAPH ?g { ?e a ?cls ; vlm:listedIn ?s ; rdfs:label ?label ; prov:wasDerivedFrom ?span .
             ?span vlm:startLine ?start ; vlm:endLine ?end . }
}"""


def _listed_then(store: Any, history: _Versions, frame: Frame, question: str) -> Answer:
    """ "How many models did the hub list in March 2025?": the entries of that version."""
    assert frame.cls is not None
    version = _version_at(history, frame.end or frame.start)
    if version is None:
        markdown = f"The hub's history ({_span_of(history)}) has no version then."
        return _answer(question, markdown, [], frame, False)
    commit, date = version
    bindings = {"g": version_iri(commit), "cls": URIRef(f"{_VLM}{frame.cls}")}
    rows = store.query(_LISTED, bindings).dicts()
    first: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: int(r["start"])):
        first.setdefault(str(row["e"]), row)
    file = history.file
    entities = [EntityRef(iri, str(r["label"]), frame.cls) for iri, r in first.items()]
    citations = [
        Citation(f"{file}#L{r['start']}-L{r['end']}", f"commit {commit[:7]} ({date[:10]})")
        for r in first.values()
    ]
    noun = _noun(frame.cls, len(entities))
    lines = [f"The version of {date[:10]} (commit {commit[:7]}) lists {len(entities)} {noun}:", ""]
    lines += [f"- **{e.label}** [{c.source}]" for e, c in zip(entities, citations, strict=True)]
    return Answer(
        question,
        "\n".join(lines),
        tuple(entities),
        (),
        tuple(citations),
        None,
        True,
        extra={"history_frame": frame, "entities": list(first)},
    )


def _said(store: Any, history: _Versions, frame: Frame, question: str) -> Answer:
    assert frame.entity is not None
    version = _version_at(history, frame.end or frame.start)
    timeline = of_entity(history.changes, frame.entity)
    if version is None or not timeline:
        return _answer(
            question,
            f"The hub's history ({_span_of(history)}) has no version then.",
            [],
            frame,
            False,
        )
    commit, date = version
    iri = URIRef(timeline[-1].entity)
    rows = store.query(_SAID, {"g": version_iri(commit), "e": iri}).dicts()
    wanted = set(words()["attributes"].get(frame.attribute or "", []))
    values: dict[str, set[str]] = {}
    lines_at = None
    for row in rows:
        predicate = compact_iri(str(row["p"]))
        lines_at = lines_at or (int(row["start"]), int(row["end"]))
        if wanted and predicate not in wanted:
            continue
        if not wanted and predicate.startswith(_NOT_SAID):
            continue
        values.setdefault(predicate, set()).add(str(row.get("label", row["o"])))
    name = timeline[-1].label
    if lines_at is None:
        markdown = f"The version of {date[:10]} (commit {commit[:7]}) does not list **{name}**."
        return _answer(question, markdown, [], frame, True)
    where = f"{history.file}#L{lines_at[0]}-L{lines_at[1]}"
    if not values:
        markdown = (
            f"The version of {date[:10]} (commit {commit[:7]}) lists **{name}** "
            f"[{where}] but gives no {frame.attribute}."
        )
    else:
        said = "; ".join(
            f"{p.split(':', 1)[1]}: {', '.join(sorted(v))}" for p, v in sorted(values.items())
        )
        markdown = (
            f"In the version of {date[:10]} (commit {commit[:7]}), the hub said of "
            f"**{name}**: {said} [{where}]."
        )
    citation = Citation(where, f"commit {commit[:7]} ({date[:10]})")
    entity = EntityRef(str(iri), name, timeline[-1].cls)
    return Answer(
        question,
        markdown,
        (entity,),
        (),
        (citation,),
        None,
        True,
        extra={"history_frame": frame, "entities": [str(iri)]},
    )


def _version_at(history: _Versions, end: str | None) -> tuple[str, str] | None:
    """The newest version dated before `end` (the newest of all when None)."""
    eligible = [v for v in history.versions if end is None or v[1][:10] < end]
    return eligible[-1] if eligible else None


# -- composing -------------------------------------------------------------------------------


def _line(change: Change, file: str) -> str:
    side = change.new if change.kind != "removed" else (change.old or change.new)
    where = f"{file}#L{side.lines[0]}-L{side.lines[1]}" if side.lines != (0, 0) else file
    what = {"added": "added", "removed": "removed", "renamed": f"renamed from {change.old_value}"}
    text = what.get(change.kind)
    if text is None:
        value = f"{change.old_value or '—'} → {change.new_value or '—'}"
        text = f"{change.property}: {value}"
    return (
        f"**{change.label}** ({change.cls}) — {text}, {change.new.date[:10]}, "
        f"commit {change.new.commit[:7]} [{where}]"
    )


def _answer(
    question: str,
    markdown: str,
    changes: list[Change],
    frame: Frame,
    grounded: bool,
    file: str = "README.md",
) -> Answer:
    entities: dict[str, EntityRef] = {}
    citations: dict[str, Citation] = {}
    for change in changes:
        entities.setdefault(change.entity, EntityRef(change.entity, change.label, change.cls))
        side = change.new if change.kind != "removed" else (change.old or change.new)
        if side.lines != (0, 0):
            ref = f"{file}#L{side.lines[0]}-L{side.lines[1]}"
            citations.setdefault(
                f"{side.commit}|{ref}",
                Citation(
                    ref, f"commit {side.commit[:7]} ({side.date[:10]})", VERSION_GRAPH + side.commit
                ),
            )
    return Answer(
        question,
        markdown,
        tuple(entities.values()) if grounded else (),
        (),
        tuple(citations.values()),
        None,
        grounded,
        extra={"history_frame": frame, "entities": list(entities)},
    )


def _noun(cls: str | None, n: int) -> str:
    word = {
        "Model": "model",
        "Dataset": "dataset",
        "Benchmark": "benchmark",
        "Tool": "tool",
        "Paper": "paper",
    }.get(cls or "", "entry")
    if n == 1:
        return word
    return "entries" if word == "entry" else word + "s"


def _past(kind: str) -> str:
    return {
        "added": "first listed",
        "removed": "removed",
        "renamed": "renamed",
        "changed": "changed",
    }[kind]


def _describe(frame: Frame, history: _Versions) -> str:
    if frame.start and frame.end:
        return f"between {frame.start} and {frame.end} (exclusive)"
    if frame.start:
        return f"since {frame.start}"
    if frame.end:
        return f"before {frame.end}"
    return f"in {_span_of(history)}"


def _span_of(history: _Versions) -> str:
    if not history.versions:
        return "no versions"
    return f"{history.versions[0][1][:10]} .. {history.versions[-1][1][:10]}"


def _covered(frame: Frame, history: _Versions) -> bool:
    if not history.versions:
        return False
    first, last = history.versions[0][1][:10], history.versions[-1][1][:10]
    return (frame.end is None or frame.end > first) and (frame.start is None or frame.start <= last)


__all__ = ["Frame", "answer_history"]
