"""Read one list entry ("**Name** (2025) - [description](url)") into its parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.markdown import Bullet, LinkRef, Paragraph
from ingest.records import Link

_YEAR_AFTER_NAME = re.compile(r"^\s*[\[(]?\s*(?:[A-Za-z]{1,4})?\(?((?:19|20)\d\d)\)?\s*[\])]?")
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|]+\s*)")
_PLAIN_NAME = re.compile(
    r"^(?P<name>[A-Z0-9][^:–—()\[\]]{0,60}?(?:\s\([A-Z][A-Za-z0-9\-]{1,12}\))?)"
    r"\s*(?:\((?P<year>(?:19|20)\d\d)\))?\s*(?:\s[-–—]\s|:\s)"
)
# "EgoExoBench (2025) pairs egocentric ...": a name, its year, then a sentence about it
_NAME_YEAR_SENTENCE = re.compile(
    r"^(?P<name>[A-Z0-9][^:–—()\[\].;]{0,60}?)\s+\((?P<year>(?:19|20)\d\d)\)\s+(?=[a-z])"
)
# a plain "Label: text" that is no entry ("Note: ...", "See also: ...")
_NOT_AN_ENTRY = re.compile(
    r"^(?:notes?|see(?: also)?|tip|examples?|e\.g|warning|caveat|update[sd]?|sources?|"
    r"summary|disclaimer|remarks?|todo|nb|also|more|related|credits?)$",
    re.I,
)
_YEAR_IN_NAME = re.compile(r"^(?P<name>.+?)\s*[(\[,]\s*(?P<year>(?:19|20)\d\d)\s*[)\]]?$")
_YEAR_AT_END = re.compile(r"\s*[(\[](?P<year>(?:19|20)\d\d)[)\]]\.?$")
_YEAR_ONLY = re.compile(r"^\W*((?:19|20)\d\d)(?:\s*(?:models?|releases?))?\W*$", re.I)
_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<alias>[A-Z][A-Za-z0-9\-]{1,12})\)$")
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?")
_GENERIC_LINK_TEXT = re.compile(
    r"^(?:paper|repo|code|link|website|project|blog|hf|github|arxiv|demo|pdf)\b", re.I
)


@dataclass(frozen=True)
class Entry:
    """The parts of an entry line."""

    name: str
    aliases: tuple[str, ...]
    year: int | None
    description: str
    links: tuple[Link, ...]


def classify_link(ref: LinkRef) -> Link | None:
    """A typed link, or None for an empty or non-web target (`]()`, `(link)`)."""
    url = re.sub(r"\s+", "", ref.url)
    if not re.match(r"^https?://", url, re.I):
        return None
    host = re.sub(r"^https?://(www\.)?", "", url.lower()).split("/")[0]
    arxiv_id = None
    if host.endswith("arxiv.org"):
        kind = "arxiv"
        match = _ARXIV_ID.search(url)
        arxiv_id = match.group(0) if match else None
    elif host.endswith("github.com"):
        kind = "github"
    elif host.endswith("huggingface.co") or host.endswith("hf.co"):
        kind = "huggingface"
    elif url.lower().split("?")[0].endswith(".pdf"):
        kind = "pdf"
    else:
        kind = "web"
    return Link(url=url, kind=kind, text=ref.text, arxiv_id=arxiv_id)


def links(refs: tuple[LinkRef, ...]) -> tuple[Link, ...]:
    """The web links among `refs`, typed, in order, without duplicates."""
    found = [classify_link(r) for r in refs]
    return tuple(dict.fromkeys(link for link in found if link is not None))


def split_alias(name: str) -> tuple[str, tuple[str, ...]]:
    """ "Chicago Face Dataset (CFD)" -> ("Chicago Face Dataset", ("CFD",))."""
    match = _ACRONYM.match(name)
    if match:
        return match.group("name").strip(), (match.group("alias"),)
    return name, ()


def _with_children(bullet: Bullet) -> str:
    texts = [bullet.text, *(_with_children(child) for child in bullet.children)]
    return ". ".join(t.rstrip(". ") for t in texts if t.strip())


def year_group(block: Bullet) -> int | None:
    """The year a bullet groups its sub-bullets under ("- **2025**" with entries below)."""
    match = _YEAR_ONLY.match(block.text)
    return int(match.group(1)) if match and block.children else None


def prose_entry(block: Paragraph) -> Entry | None:
    """The model a free-form paragraph opens with ("Molmo 2 is ...", "InternVL 4 (Shanghai AI
    Lab, March 2026) pairs ..."), or None: the first of `_paragraphs.paragraph_entries`,
    where every rule for a sentence's subject lives."""
    from ingest._paragraphs import paragraph_entries  # it reads entries with this module

    entries = paragraph_entries(block)
    return entries[0] if entries else None


def _name_like(name: str) -> bool:
    """True for a name written plainly: a word with a digit, inner capital, acronym or
    hyphen ("InternVL2.5", "GLM-4V"), or up to four capitalised words ("Visual Genome",
    "Cityscapes") that are no label of a note."""
    if re.search(r"\d|[a-z][A-Z]|[A-Z]{2}|-", name):
        return True
    words = re.sub(r"\s*\([^()]*\)$", "", name.strip()).split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not _NOT_AN_ENTRY.match(" ".join(words))
    )


def read_entry(block: Bullet | Paragraph) -> Entry | None:
    """The entry a bullet states, or None when it does not start with a name."""
    text = block.text.strip()
    name: str | None = None
    rest = ""
    markdown = block.markdown.lstrip()
    if block.strong and (markdown.startswith("**") or markdown.startswith("__")):
        name = block.strong[0]
        rest = text[len(name) :] if text.startswith(name) else text.replace(name, "", 1)
    elif (
        block.links
        and markdown.startswith("[")
        and block.links[0].text
        and len(block.links[0].text) <= 60
    ):
        name = block.links[0].text
        rest = text[len(name) :]
    else:
        plain = _PLAIN_NAME.match(text) or _NAME_YEAR_SENTENCE.match(text)
        # Without bold or a link only a name counts: a name-like word ("InternVL2.5",
        # "GLM-4V") or capitalised words ("Visual Genome", "Hateful Memes"), so "See also:
        # ..." or "Note - ..." are not taken for entries.
        if plain and _name_like(plain.group("name")):
            name = plain.group("name").strip()
            rest = text[len(plain.group("name")) :]
    if not name:
        return None
    name = name.strip().rstrip(":").strip()
    year = None
    in_name = _YEAR_IN_NAME.match(name)
    if in_name:
        name, year = in_name.group("name"), int(in_name.group("year"))  # "**Qwen2.5-VL (2025)**"
    head = _YEAR_AFTER_NAME.match(rest)
    if head and head.group(1):
        year = int(head.group(1))
        rest = rest[head.end() :]
    rest = _SEPARATOR.sub("", rest, count=1).strip()
    for ref in block.links:
        # "... based on CogVLM2 [repo](url)": the link label is not part of the description
        generic = _GENERIC_LINK_TEXT.match(ref.text or "") and len(ref.text.split()) <= 3
        if generic and rest.endswith(ref.text):
            rest = rest[: -len(ref.text)].rstrip(" .,;-")
    if rest.startswith("[") and rest.endswith("]"):
        rest = rest[1:-1].strip()  # "[description]" with no link target
    if _GENERIC_LINK_TEXT.match(rest) and len(rest.split()) <= 2:
        rest = ""
    if year is None:
        trailing = _YEAR_AT_END.search(rest)
        if trailing:
            year, rest = int(trailing.group("year")), rest[: trailing.start()].rstrip(" ,;-")
    if isinstance(block, Bullet) and block.children:
        # Facts written as sub-bullets belong to the entry's description.
        parts = [rest, *(_with_children(child) for child in block.children)]
        rest = ". ".join(p.rstrip(". ") for p in parts if p.strip())
    name, aliases = split_alias(name)
    return Entry(name=name, aliases=aliases, year=year, description=rest, links=links(block.links))
