"""Field labels a list uses: its legend ("**sees with** is the vision encoder, **thinks
with** is the language model") and entries whose sub-bullets are labelled fields
("- **Pixtral** (2024)" over "- sees with: CLIP ViT-L/14", "- size: 12B").

A legend sentence in the text before a list's first entry maps its label to a known field
for the whole document; a label the legend does not define is read as a table header with
that text would be (`tables.yaml` `columns`).
"""

from __future__ import annotations

import re

from ingest import _facts
from ingest._cards import Field
from ingest._tables import column_meaning, header_key
from ingest.markdown import FIELD, Block, Bullet, Document, Paragraph, Table

# "**sees with** is the vision encoder", "`LM` = the language model", "*size*: the parameter
# count": an emphasised or quoted label, a copula, then the field it names
_DEFINED = re.compile(
    r"(?:\*\*|__|`|\"|\*|_)(?P<label>[^*_`\"\n]{1,30}?)(?:\*\*|__|`|\"|\*|_)\s*"
    r"(?:is|are|means|stands for|gives|=|:|—|–)\s+(?:the|a|an|its|their|each model's)?\s*"
    r"(?P<field>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2})\s*(?:\((?P<also>[^()\n]{2,60})\))?"
    r"(?=\s*(?:[,;.\n]|$|and\b))"
)
# "size = parameter count": a plain label before "=" (no emphasis needed with an equals sign)
_EQUALS = re.compile(
    r"(?:^|[,;.]\s+|\(\s*)(?P<label>[A-Za-z][\w /-]{0,28}?)\s+=\s+(?:the\s+)?"
    r"(?P<field>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2})\s*(?:\((?P<also>[^()\n]{2,60})\))?"
    r"(?=\s*(?:[,;.\n]|$|and\b))"
)
# "sees with: CLIP ViT-L/14": a sub-bullet that is one labelled field
_FIELD = FIELD


def _field_meaning(phrase: str) -> str | None:
    """The known field a phrase names ("overall architecture" -> "architecture"): the phrase,
    then its tail words, as a column header."""
    words = phrase.strip().split()
    for start in range(len(words)):
        meaning = column_meaning(" ".join(words[start:]))
        if meaning is not None:
            return meaning
    return None


def _definitions(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern in (_DEFINED, _EQUALS):
        for match in pattern.finditer(text):
            label = header_key(match.group("label"))
            meaning = _field_meaning(match.group("field"))
            if meaning is None and match.group("also"):
                meaning = _field_meaning(match.group("also"))
            if meaning is not None and label and label not in found:
                found[label] = meaning
    return found


def _before_entries(document: Document) -> list[Paragraph]:
    """The paragraphs before a list's first entry (a bullet or table that is no table of
    contents): where a legend stands."""
    blocks = [*document.preamble]
    blocks += [block for _, section in document.walk() for block in section.blocks]
    found: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Bullet):
            if block.links and all(link.url.startswith("#") for link in block.links):
                continue
            break
        if isinstance(block, Paragraph):
            found.append(block)
    return found


# "`Name — design, size; vision: encoder; language: backbone; by organisation`": an entry's
# template in code, its clauses "label: field" (or "by field") saying what each label means
_TEMPLATE = re.compile(r"`(?P<template>[^`\n]*;[^`\n]*)`")
_CLAUSE = re.compile(r"^(?P<label>[A-Za-z][\w /&-]{0,28}?)\s*:\s+(?P<value>\S.*)$", re.S)
_BY_CLAUSE = re.compile(r"^(?P<label>by)\s+(?P<value>\S.*)$", re.S)


def _template_definitions(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for template in _TEMPLATE.finditer(text):
        for clause in template.group("template").split(";"):
            match = _CLAUSE.match(clause.strip()) or _BY_CLAUSE.match(clause.strip())
            meaning = _field_meaning(match.group("value")) if match else None
            if match and meaning is not None:
                found.setdefault(header_key(match.group("label")), meaning)
    return found


# "- `?` — unknown: we could not find it.": a legend's mark for a cell that has no value
_MARK = re.compile(r"^`(?P<mark>[^`\s][^`]{0,5})`\s*(?:[—–:=-]+|means|is)\s*(?P<gloss>\S.*)$")
_NO_VALUE = re.compile(
    r"\b(?:unknown|undisclosed|unreleased|missing|not (?:applicable|stated|given|disclosed|"
    r"available|reported|known|public|found)|no (?:number|value|figure|data)|"
    r"(?:have|has) not given|could not find)\b",
    re.I,
)


def cell_marks(document: Document) -> dict[str, str]:
    """The marks a list's legend gives cells that hold no value, before its first table:
    {mark in lower case: its gloss}, e.g. {"?": "unknown: we could not find it.", "n/a":
    "not applicable ..."}; {} when it defines none."""
    blocks = [*document.preamble] + [b for _, s in document.walk() for b in s.blocks]
    found: dict[str, str] = {}
    for block in blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Bullet | Paragraph):
            match = _MARK.match(block.markdown.strip())
            if match and _NO_VALUE.search(match.group("gloss")):
                found.setdefault(match.group("mark").strip().lower(), match.group("gloss").strip())
    return found


def legend(document: Document) -> dict[str, str]:
    """The labels a document's legend defines: {label as compared: meaning}, e.g.
    {"sees with": "vision_encoder", "thinks with": "language_backbone"}, also from an
    entry's template ("`Name — design; vision: encoder; by organisation`": {"vision":
    "vision_encoder", "by": "organization"}); {} when none."""
    found: dict[str, str] = {}
    for paragraph in _before_entries(document):
        defined = {
            **_template_definitions(paragraph.markdown),
            **_definitions(paragraph.markdown),
        }
        for label, meaning in defined.items():
            found.setdefault(label, meaning)
    return found


def label_meaning(label: str, defined: dict[str, str]) -> str | None:
    """What a field label means: as the legend defines it, else as a column header."""
    return defined.get(header_key(label)) or column_meaning(label)


def child_fields(bullet: Bullet, defined: dict[str, str]) -> tuple[Field, ...] | None:
    """The labelled fields an entry's sub-bullets are ("- sees with: SigLIP", "- notes:
    ..."), in order, or None unless two of them at least are labels with a known meaning."""
    fields: list[Field] = []
    for child in bullet.children:
        match = _FIELD.match(child.text.strip())
        if match is None or len(match.group("label").split()) > 4:
            return None
        label, value = match.group("label").strip(), match.group("value").strip()
        fields.append(Field(label, value, label_meaning(label, defined)))
    known = [f for f in fields if f.meaning and f.meaning != "description"]
    return tuple(fields) if len(known) >= 2 else None


def bullet_fields(
    blocks: tuple[Block, ...], defined: dict[str, str]
) -> tuple[tuple[Field, ...], int] | None:
    """The labelled fields a run of bullets opening a card's blocks is ("- Vision: SigLIP",
    "- LLM: Qwen2", "- Params: 7B" under "### Molmo"), and how many bullets they are; None
    unless two of them at least are labels with a known meaning. The run ends at the first
    block that is no such bullet (the card's sentences)."""
    fields: list[Field] = []
    for block in blocks:
        if not isinstance(block, Bullet) or block.children:
            break
        match = _FIELD.match(block.text.strip())
        if match is None or len(match.group("label").split()) > 4:
            break
        label, value = match.group("label").strip(), match.group("value").strip()
        fields.append(Field(label, value, label_meaning(label, defined)))
    known = [f for f in fields if f.meaning and f.meaning != "description"]
    return (tuple(fields), len(fields)) if len(known) >= 2 else None


# where the run of fields ends: a sentence after the last clause ("by Mistral AI. Dozens ...")
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z0-9\"“(])")


def inline_fields(text: str, defined: dict[str, str]) -> tuple[tuple[Field, ...], str] | None:
    """The labelled clauses of an entry's text ("decoder-only, 7B; vision: MoVQGAN;
    language: LLaMA-2; by Meta. It supports ..."): (the fields, in order; the text without
    them: its unlabelled clauses and the sentences after), or None unless a clause after a
    ";" is a label with a known meaning and the value a short phrase. "by X" is a label only
    where the legend defines it ("...; by organisation" in its template)."""
    end = _SENTENCE_END.search(text)
    head, tail = (text[: end.start()], text[end.end() :]) if end else (text, "")
    clauses = [c.strip() for c in head.split(";")]
    if len(clauses) < 2:
        return None
    fields: list[Field] = []
    kept: list[str] = []
    for index, clause in enumerate(clauses):
        match = _CLAUSE.match(clause) if index else None
        if index and match is None and "by" in defined:
            match = _BY_CLAUSE.match(clause)
        meaning = label_meaning(match.group("label"), defined) if match else None
        value = match.group("value").strip(" .") if match else ""
        if match is None or meaning is None or len(value.split()) > 12:
            kept.append(clause)
            continue
        if meaning == "languages" and not _facts.languages(value, value)[0]:
            meaning = "language_backbone"  # "language: Vicuna" names a model, no tongue
        fields.append(Field(match.group("label").strip(), value, meaning))
    if not fields:
        return None
    rest = "; ".join(c for c in kept if c).strip()
    rest = ". ".join(p.rstrip(". ") for p in (rest, tail.strip()) if p)
    return tuple(fields), rest + ("." if rest and not rest.endswith(".") else "")


__all__ = [
    "bullet_fields",
    "cell_marks",
    "child_fields",
    "inline_fields",
    "label_meaning",
    "legend",
]
