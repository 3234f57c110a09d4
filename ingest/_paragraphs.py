"""Models written as prose paragraphs, several to a paragraph: every sentence that opens
with a model's name starts that model's part of the paragraph.

A sentence names its subject first as a link ("[BLIP-2](url) (2023) kept ..."), a bold
name, or a plain name before a parenthesis with the year ("Molmo (Ai2, 2025) is ...",
"Pixtral 12B & Pixtral Large (Mistral AI, 2025) are ..."), after at most a short
determiner ("The original [InternVL](url) ..."); a paragraph's first sentence also by a
name-like word before a predicate verb ("Molmo 2 is ...", "InternVL 4 (Shanghai AI Lab,
March 2026) pairs ..."). A later sentence naming a model of the current part again
("[Pixtral 12B](url) combines ...") continues that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest._components import split_list
from ingest._entries import Entry, classify_link, split_alias
from ingest._members import member_texts
from ingest._models import split_model_names
from ingest._numbers import sentences
from ingest.gazetteer import normalise
from ingest.markdown import Bullet, LinkRef, Paragraph, Section
from ingest.records import Link

_SENTENCE_START = re.compile(r"(?<=[.!?])\s+(?=[\[*A-Z])")
_DETERMINER = re.compile(r"^(?:The|An?|Its|Their|This|That)(?:\s+[a-z][\w-]*){0,2}\s+")
# what may follow a subject's name: its parenthesis, an apposition, then the predicate
_AFTER_NAME = re.compile(r"^\s*(?:\([^()]{0,80}\))?\s*(?:,|[a-z]|$)")
_PLAIN_SUBJECT = re.compile(
    r"^(?P<name>[A-Z][\w.+-]*(?:\s+(?:&|and|[A-Z0-9][\w.+-]*)){0,5})\s*"
    r"\((?P<paren>[^()]{0,80}\b(?:19|20)\d\d\b[^()]{0,20})\)\s*,?\s+[a-z]"
)
# a paragraph's first sentence may name its subject plainly before one of these verbs
# ("Molmo 2 is ...", "InternVL 4 (Shanghai AI Lab, March 2026) pairs ...", "Emu3, released
# in 2024, pairs ..."): a name-like word
_VERB_SUBJECT = re.compile(
    r"^(?P<name>[A-Z][\w.+-]*(?:\s+(?:[A-Z0-9][\w.+-]*|v\d[\w.]*)){0,3}?)\s*"
    r"(?P<paren>\([^()]{1,80}\))?(?P<apposition>,\s+[a-z][^,()]{1,40},)?\s*,?\s+(?=(?:is|was|are|were|pairs|uses|combines|builds|"
    r"extends|introduces|adds|couples|scales|brings|takes|keeps|replaces|has|comes|offers|"
    r"targets|follows|arrived|debuted|shipped|ships|relies|connects|marries|joins|"
    r"stacks|feeds|pushes|swaps|trades|improves|upgrades|continues|goes)\b)"
)
_NAME_LIKE = re.compile(r"\d|[a-z][A-Z]|[A-Z]{2}|-")
_GENERIC = re.compile(
    r"^(?:paper|repo|code|link|here|this|website|project|blog|github|arxiv|demo|pdf|model card"
    r"|models?|datasets?|benchmarks?|figure|table|spaces?|weights|checkpoints?)\b",
    re.I,
)
# a name's later words are capitalised, numbers or joiners ("Pixtral 12B & Pixtral Large",
# "LLaMA 3.2-vision"); "Architecture figure" is a phrase
_LATER_WORD = re.compile(r"^(?:[A-Z0-9(]|&$|and$|v\d|x\d)")
_ALIAS = re.compile(
    r"\b(?:also known as|a\.k\.a\.|aka|(?:described|listed|named|called|written|referred to)"
    r"(?:\s+[\w-]+){0,4}?\s+as)\s+(?P<alias>[A-Z][\w.+-]*(?:\s+(?:[A-Z0-9][\w.+-]*|v\d[\w.]*)){0,3})"
)


@dataclass(frozen=True)
class _Start:
    """Where a sentence names its subject: offset of the sentence, the name, its links."""

    offset: int
    name: str
    link: LinkRef | None


def _name_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 6
        and all(_LATER_WORD.match(word) for word in words[1:])
        and len(text) <= 60
        and text[:1].isupper() | text[:1].isdigit()
        and not _GENERIC.match(text)
        and not text.rstrip().endswith((".", ":", "?"))
    )


def _subject_at(
    sentence: str, block: Paragraph | Bullet, first: bool = False
) -> tuple[str, LinkRef | None] | None:
    """The model a sentence opens with, and the link naming it, or None."""
    determiner = _DETERMINER.match(sentence)
    body = sentence[determiner.end() :] if determiner else sentence
    named = [(ref.text, ref) for ref in block.links if ref.text] + [(s, None) for s in block.strong]
    for name, ref in sorted(named, key=lambda pair: -len(pair[0])):
        if body.startswith(name) and _name_like(name) and _AFTER_NAME.match(body[len(name) :]):
            return name.strip(), ref
    plain = _PLAIN_SUBJECT.match(sentence)
    if plain and not determiner:
        return plain.group("name").strip(), None
    verb_led = _VERB_SUBJECT.match(sentence) if first else None
    if verb_led and _NAME_LIKE.search(verb_led.group("name")):
        return verb_led.group("name").strip(), None
    return None


def _starts(block: Paragraph | Bullet) -> list[_Start]:
    text = block.text
    offsets = [0, *(m.end() for m in _SENTENCE_START.finditer(text))]
    found: list[_Start] = []
    for offset in offsets:
        subject = _subject_at(text[offset:], block, first=offset == 0)
        if subject is None:
            continue
        name, ref = subject
        if found and _same_model(name, found[-1].name):
            continue  # "[Pixtral 12B](url) combines ..." in the part about both Pixtrals
        found.append(_Start(offset, name, ref))
    return found


def _same_model(name: str, current: str) -> bool:
    key = normalise(name)
    return any(normalise(n) == key for n in (current, *split_model_names(current)))


def _own_links(part: str, block: Paragraph | Bullet, first: LinkRef | None) -> tuple[Link, ...]:
    refs = [first] if first else []
    refs += [
        ref
        for ref in block.links
        if ref is not first
        and ref.text
        and re.search(r"(?<![\w-])" + re.escape(ref.text) + r"(?![\w-])", part)
    ]
    found = (classify_link(ref) for ref in refs)
    return tuple(dict.fromkeys(link for link in found if link is not None))


def _aliases(text: str, name: str) -> tuple[str, ...]:
    """Other names a part gives its model ("described the same release as Llama 3.2
    Vision")."""
    found = (m.group("alias").rstrip(".,;") for m in _ALIAS.finditer(text))
    return tuple(dict.fromkeys(a for a in found if normalise(a) != normalise(name)))


_RESPECTIVELY = re.compile(
    r"(?P<items>[\w.~-]+(?:,\s*[\w.~-]+)*,?\s+and\s+[\w.~-]+)"
    r"(?P<tail>(?:\s+[a-z][\w-]*){0,2}?)\s*,?\s+respectively\b"
)


def _respective(sentence: str, index: int, count: int) -> str:
    """ "with 12B and 124B parameters respectively" as said of the `index`-th of `count`
    models: "with 124B parameters" for the second."""

    def pick(match: re.Match[str]) -> str:
        items = split_list(match.group("items"))
        return items[index] + match.group("tail") if len(items) == count else match.group(0)

    return _RESPECTIVELY.sub(pick, sentence)


def _split_subject(entry: Entry) -> list[Entry]:
    """An entry whose name joins several models ("Pixtral 12B & Pixtral Large (...) are two
    ... models with 12B and 124B parameters respectively. Pixtral 12B combines ..., while
    Pixtral Large integrates ...") -> one entry per model: the subject's sentence (values
    "respectively" distributed) and the clauses that name that model or "both"."""
    names = split_model_names(entry.name)
    if len(names) < 2:
        return [entry]
    first, *rest = sentences(entry.description) or [""]
    parts = member_texts(" ".join(rest), names)
    keys = {normalise(n) for n in names}
    others = tuple(normalise(link.text) for link in entry.links if normalise(link.text) not in keys)
    found = []
    for index, name in enumerate(names):
        own = [_respective(first, index, len(names)), *(part for part, _ in parts[name])]
        text = ". ".join(p.rstrip(". ") for p in own if p.strip())
        # a link named after one model is that model's; one naming them all is everyone's
        links = tuple(
            link for link in entry.links if normalise(link.text) in (normalise(name), *others)
        )
        found.append(replace(entry, name=name, description=text, links=links))
    return found


def paragraph_entries(block: Paragraph | Bullet) -> list[Entry]:
    """One entry per model the paragraph's sentences open with, each with its own part of the
    text (from its name to the next model's sentence; the name itself left out), or []."""
    if block.markdown.lstrip().startswith("[!["):
        return []  # badges
    starts = _starts(block)
    entries = []
    for index, start in enumerate(starts):
        end = starts[index + 1].offset if index + 1 < len(starts) else len(block.text)
        part = block.text[start.offset : end].strip()
        at = part.find(start.name)
        description = part[at + len(start.name) :].strip() if at >= 0 else part
        name, aliases = split_alias(start.name)
        entry = Entry(
            name=name,
            aliases=tuple(dict.fromkeys((*aliases, *_aliases(description, name)))),
            year=None,
            description=description,
            links=_own_links(part, block, start.link),
        )
        entries.extend(_split_subject(entry))
    return entries


def names_entries(section: Section) -> bool:
    """True when a section's paragraphs open with two or more different models (a group of
    prose entries, not the write-up of one model); a "Name: subtitle" heading names its
    model, whatever its paragraphs open with, as does "Name (Organisation, Year)"."""
    from ingest._writeups import heading_fields  # it reads entries with this module

    if ": " in section.title or heading_fields(section.title)[1]:
        return False
    names = {
        normalise(entry.name)
        for block in section.blocks
        if isinstance(block, Paragraph)
        for entry in paragraph_entries(block)
    }
    return len(names) >= 2
