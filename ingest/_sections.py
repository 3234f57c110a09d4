"""Classify headings by what they mean (rules in `sections.yaml`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ingest._cards import MODEL_MEANINGS
from ingest._data import load_yaml
from ingest._headings import heading_kind
from ingest._paragraphs import names_entries
from ingest._tables import (
    column_meaning,
    entity_column,
    header_key,
    key_column,
    model_key_column,
)
from ingest._writeups import is_write_up
from ingest.gazetteer import is_organization_name
from ingest.markdown import Bullet, Document, Paragraph, Section, Table

_NUMBERED = re.compile(r"^\s*(?:\*\*)?\s*\d+[.)]\s")
_FAMILIES = {
    "model_group": "models",
    "model_year": "models",
    "model_entry": "models",
    "dataset_category": "datasets",
    "benchmark_group": "benchmarks",
    "research_direction": "research_directions",
    "research_facet": "research_directions",
    "tool_group": "tools",
    "application": "applications",
}


@dataclass(frozen=True)
class Classified:
    """A section with its kind, ancestors and the context its records inherit."""

    section: Section
    ancestors: tuple[Section, ...]
    kind: str
    year: int | None
    path: tuple[str, ...]  # cleaned titles from the top heading down to this one
    parent_title: str | None
    topic: str | None  # research direction / application domain / category this belongs to
    organization: str | None = None  # "## Google": the organisation of the models under it


@dataclass(frozen=True)
class _Rules:
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    children: dict[str, str]
    model_year: re.Pattern[str]
    any_year: re.Pattern[str]
    research_facets: re.Pattern[str]
    entry_words: tuple[tuple[str, re.Pattern[str]], ...]
    entry_share: float
    entry_minimum: int


@cache
def _rules() -> _Rules:
    data = load_yaml("sections.yaml")
    return _Rules(
        kinds=tuple((r["kind"], re.compile(r["pattern"])) for r in data["kinds"]),
        children=dict(data["children"]),
        model_year=re.compile(data["model_year"]),
        any_year=re.compile(data["any_year"]),
        research_facets=re.compile(data["research_facets"]),
        entry_words=tuple((k, re.compile(p)) for k, p in data["entry_words"].items()),
        entry_share=float(data["entry_share"]),
        entry_minimum=int(data["entry_minimum"]),
    )


def family(kind: str) -> str:
    """The top-level kind a section kind belongs to ("model_year" -> "models")."""
    return _FAMILIES.get(kind, kind)


def organization_heading(title: str) -> str | None:
    """The organisation a heading names by itself ("Google", "NVIDIA (NVlabs)" -> "NVIDIA"),
    or None ("Other labs", "Gemma3")."""
    bare = re.sub(r"\s*\([^()]*\)", "", title).strip()
    return bare if bare and is_organization_name(bare) else None


def _own_kind(title: str) -> str | None:
    lowered = title.lower()
    for kind, pattern in _rules().kinds:
        if pattern.search(lowered):
            return kind
    return None


def _entry_vote(text: str) -> str | None:
    lowered = text.lower()
    counts = [(len(p.findall(lowered)), kind) for kind, p in _rules().entry_words]
    counts.sort(reverse=True)
    if counts[0][0] == 0 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def _entry_votes(section: Section) -> list[str | None]:
    votes: list[str | None] = []
    for block in section.blocks:
        if isinstance(block, Table):
            # the first column names models ("Model", "VLM") and two others are their parts
            # ("Encoder | Params" lists encoders)
            votes.extend([_table_vote(block)] * len(block.rows))
        elif isinstance(block, Bullet) or (
            isinstance(block, Paragraph) and block.markdown.startswith(("**", "__"))
        ):
            votes.append(_entry_vote(block.text))
    for child in section.children:
        if _own_kind(child.title) not in ("papers", "other"):
            votes.extend(_entry_votes(child))  # "Recent papers (2025)" is papers whatever
    return votes


def _table_vote(table: Table) -> str | None:
    # the key column "Benchmark", "Dataset" or "Tool" names its rows; "Model" does when two
    # other columns are a model's parts ("Encoder | Params" lists encoders, "Model | Score"
    # a leaderboard's rows), and so does a key column whose header names no field ("| # |
    # System | Lab | Vision side | Text side | Params |": a row number before it is no key)
    column = key_column(table)
    header = table.header[column:]
    first = header_key(header[0]) if header else ""
    for kind in ("benchmarks", "datasets", "tools"):
        if first != "name" and entity_column(header[:1], kind) == 0:
            return kind
    parts = {column_meaning(h) for h in header[1:]} & MODEL_MEANINGS
    named = entity_column(header[:1], "models") == 0 or (
        bool(first) and column_meaning(first) is None and model_key_column(table) == column
    )
    return "models" if named and len(parts) >= 2 else None


def _has_facets(section: Section) -> bool:
    """True when most sub-sections (two at least) are labelled as research directions are:
    "→ **Key Challenges**", "- **Emerging Techniques**: ..." (`research_facets`)."""
    facets = _rules().research_facets

    def labelled(child: Section) -> bool:
        return any(
            isinstance(b, (Paragraph, Bullet))
            and b.strong
            and facets.match(b.strong[0].strip().rstrip(":").strip().lower())
            for b in child.blocks
        )

    children = [c for c in section.children if _own_kind(c.title) not in ("papers", "other")]
    hits = sum(1 for c in children if labelled(c))
    return hits >= 2 and 2 * hits >= len(children)


def content_kind(section: Section) -> str | None:
    """The kind a section's entries read as, whatever its heading says: "models" for a
    table whose columns are a model's parts or for bullets worded as model descriptions
    ("Decoder-only, 4B & 8B variants"), likewise "datasets" and "benchmarks";
    "research_directions" for sub-sections labelled with challenges and open problems,
    "models" for sub-sections that are architecture write-ups; None when
    too few entries agree (`entry_words` in sections.yaml)."""
    rules = _rules()
    if _has_facets(section):
        return "research_directions"
    children = section.children
    write_ups = sum(1 for c in children if is_write_up(c) and not names_entries(c))
    if write_ups >= rules.entry_minimum and 2 * write_ups >= len(children):
        return "models"  # "### **Kimi K3: ...**" with prose under it, one model each
    votes = _entry_votes(section)
    named = [v for v in votes if v is not None]
    if len(named) < rules.entry_minimum:
        return None
    kind = max(sorted(set(named)), key=named.count)
    return kind if named.count(kind) >= rules.entry_share * len(votes) else None


def _kind(section: Section, parent_kind: str | None, previous_numbered: str | None) -> str:
    rules = _rules()
    lowered = section.title.lower()
    parent_family = family(parent_kind) if parent_kind else None
    if _own_kind(section.title) == "papers" or parent_family == "papers":
        # "Recent papers (2025)" inside a models section is still papers, and a theme of a
        # reading list ("Making models cheaper") holds papers, whatever its words name
        return "papers"
    if parent_family == "models" and rules.model_year.match(lowered):
        return "model_year"  # "2025", "2022 & Prior", "Models released in 2024"
    if (
        parent_family == "models"
        and is_write_up(section)
        and not names_entries(section)
        and organization_heading(section.title) is None
    ):
        # an organisation's heading groups its models, however few ("## Meta" over one
        # bullet and one paragraph)
        return "model_entry"  # "### Kimi K3: Kimi Delta Attention ..." with prose under it
    if parent_family == "models" and rules.any_year.search(section.title):
        return "model_year"
    if parent_family == "research_directions":
        is_label = section.raw_title.rstrip().rstrip("*").rstrip().endswith(":")
        if is_label or rules.research_facets.match(lowered):
            return "research_facet"
        if parent_kind == "research_directions" or _NUMBERED.match(section.raw_title):
            return "research_direction"
    if (
        previous_numbered
        and _NUMBERED.match(section.raw_title)
        and _own_kind(section.title)
        in (
            None,
            "models",
        )
    ):
        # "## 3. Embodied AI Integration" continues a numbered list of research directions
        # even when the author got the heading level wrong.
        return previous_numbered
    own = _own_kind(section.title)
    if parent_kind is None:
        own = heading_kind(section.title, own)  # "Data", "How we measure", "Risks"
        # a heading that says nothing ("Part II", "More"): what its entries are
        own = own or content_kind(section) or "other"
        if own == "models" and rules.model_year.match(lowered):
            return "model_year"  # "## 2025" over model entries, with no models heading above
        return own
    if own is None or own == parent_family:
        return rules.children.get(parent_kind, parent_kind)
    return own


def _year(section: Section, kind: str) -> int | None:
    rules = _rules()
    match = rules.model_year.match(section.title.lower()) if kind == "model_year" else None
    match = match or rules.any_year.search(section.title)
    return int(match.group(1)) if match else None


def divider_year(text: str) -> int | None:
    """The year a line heading model entries names as a model-year heading would ("2024",
    "2022 and earlier"), else None."""
    match = _rules().model_year.match(text.strip().strip("*_ ").lower())
    return int(match.group(1)) if match else None


def classify(document: Document) -> list[Classified]:
    """Every section of `document` in order, with its kind and inherited context."""
    found: list[Classified] = []
    kinds: dict[int, str] = {}
    topics: dict[int, str | None] = {}
    organizations: dict[int, str | None] = {}
    level_one = [s for s in document.sections if s.level == 1]
    previous_numbered: str | None = None
    last_direction: str | None = None
    for ancestors, section in document.walk():
        parent = ancestors[-1] if ancestors else None
        if parent is None and len(level_one) == 1 and section.level == 1:
            kind = "other"  # the document title
            parent_kind = None
        else:
            # The document title is no context: its children are classified on their own.
            parent_kind = kinds.get(id(parent)) if parent is not None else None
            if parent is not None and parent.level == 1 and len(level_one) == 1:
                parent_kind = None
            kind = _kind(section, parent_kind, previous_numbered)
        kinds[id(section)] = kind
        if _NUMBERED.match(section.raw_title):
            previous_numbered = kind if kind == "research_direction" else None
        elif section.level <= 2 and kind != "research_direction":
            previous_numbered = None
        if kind == "research_direction":
            last_direction = section.title
        topic: str | None
        if kind in (
            "research_direction",
            "application",
            "dataset_category",
            "benchmark_group",
            "tool_group",
        ):
            topic = section.title
        elif kind == "research_facet":
            parent_topic = topics.get(id(parent)) if parent is not None else None
            topic = (
                parent_topic
                if parent_topic and parent_kind == "research_direction"
                else last_direction
            )
        else:
            topic = topics.get(id(parent)) if parent is not None else None
        topics[id(section)] = topic
        organization = organizations.get(id(parent)) if parent is not None else None
        if family(kind) == "models":
            organization = organization_heading(section.title) or organization
        organizations[id(section)] = organization
        path = (*(a.title for a in ancestors), section.title)
        found.append(
            Classified(
                section=section,
                ancestors=ancestors,
                kind=kind,
                year=_year(section, kind),
                path=path,
                parent_title=parent.title if parent is not None else None,
                topic=topic,
                organization=organization,
            )
        )
    return found
