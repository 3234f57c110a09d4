"""Papers listed by their linked title: "- [Title: subtitle](https://arxiv.org/pdf/2507.13348)"."""

from __future__ import annotations

import re

from ingest._entries import links
from ingest.markdown import Bullet, Paragraph
from ingest.records import Link, PaperRecord, Source

# A link text this long, or with a "Name: subtitle" colon, is a title rather than a name.
_MIN_TITLE_WORDS = 5
_SHORT_NAME = re.compile(r"^(?P<name>[^:]{2,40}?)\s*:\s+\S")
_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?$")
_LEFTOVER = re.compile(r"^[\s\-–—|,;.:()\[\]]*$")


def paper_title(block: Bullet | Paragraph) -> str | None:
    """The title a bullet consists of, or None when it says more than one linked title.

    "[A Title](url)" and "[A Title](url) - [A Title](url)" are titles; "**Name** - [text]"
    and "[Name](url) - a description" are entries.
    """
    bare = re.match(r"^(?P<title>\S.{8,}?)\s+[-–—|]\s+(?P<url>https?://\S+?)[.,;]?$", block.text)
    if bare and block.links and block.links[-1].url == bare.group("url"):
        return bare.group("title")  # "Title — https://arxiv.org/pdf/2507.22003"
    if not block.links or not block.markdown.lstrip().startswith("["):
        return None
    title = block.links[0].text.strip()
    if not title or not block.text.strip().startswith(title):
        return None
    rest = block.text.strip()[len(title) :]
    for ref in block.links[1:]:
        rest = rest.replace(ref.text, "", 1)
    for tag in paper_tags(block):
        rest = rest.replace(tag, "", 1)
    if not _LEFTOVER.match(rest):
        return None
    return title


# "[Title](url) *hallucination*", "[Title](url) `video`": a topic tag after the title
_TAG = re.compile(
    r"(?<=\s)(?:\*(?P<a>[^*\s][^*]{0,38}?)\*|_(?P<b>[^_\s][^_]{0,38}?)_|`(?P<c>[^`]{1,40})`)"
)


def paper_tags(block: Bullet | Paragraph) -> tuple[str, ...]:
    """The topic tags written after a linked title, in emphasis or code ("*token pruning*")."""
    after = block.markdown.rsplit(")", 1)[-1] if block.links else ""
    return tuple(
        (m.group("a") or m.group("b") or m.group("c")).strip() for m in _TAG.finditer(" " + after)
    )


def looks_like_title(title: str) -> bool:
    """True for a paper title ("METEOR: Multi-Encoder ...", five words or more)."""
    words = title.split()
    return len(words) >= _MIN_TITLE_WORDS or (len(words) >= 3 and bool(_SHORT_NAME.match(title)))


def arxiv_of(found: tuple[Link, ...]) -> str | None:
    """The arXiv id of the first arXiv link among `found`, without its version."""
    arxiv_id = next((link.arxiv_id for link in found if link.arxiv_id), None)
    return re.sub(r"v\d+$", "", arxiv_id) if arxiv_id else None


def short_name(title: str) -> str | None:
    """The name before a title's colon ("METEOR" of "METEOR: Multi-Encoder ..."), or None."""
    match = _SHORT_NAME.match(title)
    return match.group("name").strip() if match else None


def arxiv_month(arxiv_id: str) -> str | None:
    """The month of a new-style arXiv id, ISO: 2503.21757 -> "2025-03" (arXiv numbers a
    paper by the month it was first submitted)."""
    match = _NEW_ID.match(arxiv_id)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return f"20{match.group(1)}-{match.group(2)}"


def arxiv_year(arxiv_id: str) -> int | None:
    """The year of a new-style arXiv id from its yymm part: 2507.13348 -> 2025."""
    match = _NEW_ID.match(arxiv_id)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    return 2000 + int(match.group(1))


def paper_record(
    block: Bullet | Paragraph, title: str, source: Source, year: int | None
) -> PaperRecord:
    """The paper a linked-title bullet lists, its year from the arXiv id, else the heading."""
    found = links(block.links)
    arxiv_id = arxiv_of(found)
    return PaperRecord(
        title=title,
        source=source,
        arxiv_id=arxiv_id,
        year=(arxiv_year(arxiv_id) if arxiv_id else None) or year,
        short_name=short_name(title),
        links=found,
        tags=paper_tags(block),
        date=arxiv_month(arxiv_id) if arxiv_id else None,
    )
