"""Parse hub markdown into a tree of sections holding bullets, paragraphs, tables and code.

Every node carries 1-based inclusive source line numbers. Mojibake is repaired first
(line breaks are never touched, so line numbers stay those of the file).
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ingest._text import clean_title, repair_mojibake, squash_spaces


@dataclass(frozen=True)
class LinkRef:
    """A hyperlink as written: target URL (may be empty) and link text."""

    url: str
    text: str


@dataclass(frozen=True)
class Bullet:
    """A list item: its own text (children excluded) and nested items."""

    text: str  # plain text, emphasis and link syntax removed
    markdown: str  # the inline source, line breaks turned into spaces
    links: tuple[LinkRef, ...]
    strong: tuple[str, ...]  # bold spans, in order
    start_line: int
    end_line: int
    children: tuple[Bullet, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline text."""

    text: str
    markdown: str
    links: tuple[LinkRef, ...]
    strong: tuple[str, ...]
    start_line: int
    end_line: int


@dataclass(frozen=True)
class Table:
    """A pipe table: header cells and body rows (cells as plain text), each row's line."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_lines: tuple[int, ...]
    start_line: int
    end_line: int
    row_links: tuple[tuple[LinkRef, ...], ...] = ()


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block."""

    language: str
    code: str
    start_line: int
    end_line: int


Block = Bullet | Paragraph | Table | CodeBlock


@dataclass(frozen=True)
class Section:
    """A heading with the blocks directly under it and its sub-sections."""

    title: str  # cleaned: no emphasis, emoji, arrows, numbering
    raw_title: str
    level: int
    start_line: int
    end_line: int  # last line before the next heading of the same or a higher level
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Document:
    """A parsed hub: the file name, blocks before the first heading, top-level sections."""

    file: str
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    line_count: int = 0

    def walk(self) -> list[tuple[tuple[Section, ...], Section]]:
        """Every section with its ancestors, in document order: [(ancestors, section)]."""
        found: list[tuple[tuple[Section, ...], Section]] = []

        def visit(section: Section, ancestors: tuple[Section, ...]) -> None:
            found.append((ancestors, section))
            for child in section.children:
                visit(child, (*ancestors, section))

        for section in self.sections:
            visit(section, ())
        return found


_MD = MarkdownIt("commonmark").enable("table")
# URLs are kept as written (no percent-encoding): provenance should show the hub's text.
_MD.normalizeLink = lambda url: url  # type: ignore[method-assign]


def _inline_parts(
    token: Token, cell: bool = False
) -> tuple[str, tuple[LinkRef, ...], tuple[str, ...]]:
    """Plain text, links and bold spans of an inline token; in a table `cell`, a line
    break separates values ("11B<br>90B" -> "11B / 90B")."""
    text: list[str] = []
    links: list[LinkRef] = []
    strong: list[str] = []
    link_stack: list[tuple[str, int]] = []
    strong_stack: list[int] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            text.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ")
        elif kind == "image":
            text.append(child.content)
        elif kind == "link_open":
            link_stack.append((str(child.attrs.get("href", "") or ""), len(text)))
        elif kind == "link_close" and link_stack:
            href, start = link_stack.pop()
            links.append(LinkRef(url=href.strip(), text=squash_spaces("".join(text[start:]))))
        elif kind == "strong_open":
            strong_stack.append(len(text))
        elif kind == "strong_close" and strong_stack:
            start = strong_stack.pop()
            strong.append(squash_spaces("".join(text[start:])))
        elif kind == "html_inline":
            if cell and re.match(r"<br\s*/?>", child.content, re.I):
                text.append(" / ")
            continue
    plain = squash_spaces("".join(text))
    bare = re.search(r"\s[-–—|]\s+(https?://[^\s<>()\[\]]+?)[.,;]?$", plain)
    if bare and not links and not cell:
        # "Title — https://arxiv.org/pdf/2507.22003": a trailing bare URL is the line's link
        links.append(LinkRef(url=bare.group(1), text=bare.group(1)))
    return plain, tuple(links), tuple(strong)


class _Builder:
    """Walks the flat token stream once, producing blocks and sections."""

    def __init__(self, tokens: list[Token], blank: list[bool]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.blank = blank  # per 0-based line: is it blank?
        self.level = 0  # of the last heading
        self.open_details = 0  # collapsible blocks open under it

    def _lines(self, token: Token) -> tuple[int, int]:
        """1-based inclusive lines of a block token, trailing blank lines left out."""
        start, end = token.map or (0, 1)
        while end - 1 > start and end - 1 < len(self.blank) and self.blank[end - 1]:
            end -= 1
        return start + 1, max(start + 1, end)

    def blocks_and_headings(self) -> list[Block | tuple[int, str | None, int]]:
        """Top-level blocks, and headings as (level, raw inline text, line); a collapsible
        block's end as (its level, None, line)."""
        found: list[Block | tuple[int, str | None, int]] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "heading_open":
                inline = self.tokens[self.pos + 1]
                self.level, self.open_details = int(token.tag[1:]), 0
                found.append((self.level, inline.content, self._lines(token)[0]))
                self.pos += 3
            elif token.type == "html_block" and _DETAILS.search(token.content):
                found.extend(self._details(token))
                self.pos += 1
            elif token.type == "bullet_list_open" or token.type == "ordered_list_open":
                found.extend(self._list())
            elif token.type == "paragraph_open":
                found.append(self._paragraph())
            elif token.type == "table_open":
                found.append(self._table())
            elif token.type in ("fence", "code_block"):
                start, end = self._lines(token)
                found.append(CodeBlock(token.info.strip(), token.content, start, end))
                self.pos += 1
            elif token.type == "html_block" and (caption := self._html_prose(token)):
                found.append(caption)
                self.pos += 1
            else:
                self.pos += 1
        return found

    def _details(self, token: Token) -> list[Block | tuple[int, str | None, int]]:
        """A collapsible block ("<details><summary>Molmo</summary>" ... "</details>"): its
        start as (level, _OPEN + summary, line) one level below the heading it stands
        under, its end as (level, None, line) (`_collapsibles` decides what they are);
        markdown written inside the same HTML block (no blank line after the summary) is
        read too."""
        found: list[Block | tuple[int, str | None, int]] = []
        start, _ = self._lines(token)
        html = token.content
        summary = _SUMMARY.search(html)
        title = _tag_text(summary.group("title")) if summary else ""
        if summary and title:
            self.open_details += 1
            found.append((self._details_level(), _OPEN + title, start))
            rest = html[summary.end() :]
            inner = _DETAILS_END.split(rest, maxsplit=1)[0]
            if re.sub(r"<[^>]+>", "", inner).strip():
                offset = start - 1 + html[: summary.end()].count("\n")
                found.extend(_inner_blocks(inner, offset, self.blank))
            if _DETAILS_END.search(rest):
                found.append((self._details_level(), None, self._lines(token)[1]))
                self.open_details -= 1
        elif _DETAILS_END.search(html) and self.open_details:
            found.append((self._details_level(), None, start))
            self.open_details -= 1
        return found

    def _details_level(self) -> int:
        return min(6, self.level + self.open_details)

    def _html_prose(self, token: Token) -> Paragraph | None:
        """The prose of an HTML block, a figure caption ("<sub><b>Figure 2.</b> The encoder
        feeds ... <a>Source paper</a></sub>") up to its first link: a paragraph on the
        block's lines; None for markup without sentences (images, <summary> labels)."""
        html = re.sub(r"<!--.*?-->", " ", token.content, flags=re.S)
        html = re.split(r"<a\b", html, maxsplit=1)[0]
        # "Eagle 2&#x27;s": the markup's character references as the characters
        text = squash_spaces(html_text.unescape(re.sub(r"<[^>]+>", " ", html))).strip()
        if len(text.split()) < 6 or not re.search(r"[.!?](?:\s|$)", text):
            return None
        start, end = self._lines(token)
        return Paragraph(text, text, (), (), start, end)

    def _paragraph(self) -> Paragraph:
        open_token, inline = self.tokens[self.pos], self.tokens[self.pos + 1]
        self.pos += 3
        text, links, strong = _inline_parts(inline)
        start, end = self._lines(open_token)
        return Paragraph(text, squash_spaces(inline.content), links, strong, start, end)

    def _list(self) -> list[Bullet]:
        close_type = self.tokens[self.pos].type.replace("_open", "_close")
        level = self.tokens[self.pos].level
        self.pos += 1
        items: list[Bullet] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == close_type and token.level == level:
                self.pos += 1
                break
            if token.type == "list_item_open":
                items.append(self._item())
            else:
                self.pos += 1
        return items

    def _item(self) -> Bullet:
        open_token = self.tokens[self.pos]
        level = open_token.level
        self.pos += 1
        texts: list[str] = []
        sources: list[str] = []
        links: list[LinkRef] = []
        strong: list[str] = []
        children: list[Bullet] = []
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if token.type == "list_item_close" and token.level == level:
                self.pos += 1
                break
            if token.type == "inline":
                text, item_links, item_strong = _inline_parts(token)
                texts.append(text)
                sources.append(squash_spaces(token.content))
                links.extend(item_links)
                strong.extend(item_strong)
                self.pos += 1
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                children.extend(self._list())
            else:
                self.pos += 1
        start, end = self._lines(open_token)
        return Bullet(
            text=" ".join(t for t in texts if t),
            markdown=" ".join(s for s in sources if s),
            links=tuple(links),
            strong=tuple(strong),
            start_line=start,
            end_line=end,
            children=tuple(children),
        )

    def _table(self) -> Table:
        open_token = self.tokens[self.pos]
        header: list[str] = []
        rows: list[tuple[str, ...]] = []
        row_lines: list[int] = []
        row_links: list[tuple[LinkRef, ...]] = []
        current: list[str] = []
        current_links: list[LinkRef] = []
        in_head = False
        self.pos += 1
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            self.pos += 1
            if token.type == "table_close":
                break
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                current, current_links = [], []
                if not in_head:
                    row_lines.append(self._lines(token)[0])
            elif token.type == "inline":
                text, links, _ = _inline_parts(token, cell=True)
                current.append(text)
                current_links.extend(links)
            elif token.type == "tr_close":
                if in_head:
                    header = current
                else:
                    rows.append(tuple(current))
                    row_links.append(tuple(current_links))
        start, end = self._lines(open_token)
        return Table(tuple(header), tuple(rows), tuple(row_lines), start, end, tuple(row_links))


_DETAILS = re.compile(r"<(?:/?details|summary)\b", re.I)
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<title>.*?)</summary\s*>", re.I | re.S)
_DETAILS_END = re.compile(r"</details\s*>", re.I)


def _tag_text(html: str) -> str:
    """The text of an HTML fragment ("<b>Molmo</b>" -> "Molmo")."""
    return squash_spaces(html_text.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _inner_blocks(markdown: str, offset: int, blank: list[bool]) -> list[Block]:
    """The blocks of markdown inside an HTML block, on the file's lines (`offset` is the
    0-based line the markdown starts on); headings in it are left out."""
    tokens = _MD.parse(markdown)
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    inner = _Builder(tokens, blank)
    return [b for b in inner.blocks_and_headings() if not isinstance(b, tuple)]


_OPEN = "\x00details:"  # marks a collapsible block's start among the headings
# "- Vision: SigLIP": a labelled field, as an entry card opens with (read by ingest/_labels.py too)
FIELD = re.compile(r"^(?P<label>[A-Za-z][\w /&#.()-]{0,30}?)\s*:\s+(?P<value>\S.*)$")
_BOLD_LABEL = re.compile(r"(?:\*\*|__)[^*_:\n]{1,40}?(?::(?:\*\*|__)|(?:\*\*|__)\s*:)")


def _opens_with_fields(blocks: list[Block]) -> bool:
    """True when `blocks` open with labelled fields: two bullets "Label: value" or a
    paragraph of two bold labels or more (an entry card)."""
    bullets = 0
    for block in blocks:
        if isinstance(block, Bullet) and FIELD.match(block.text.strip()):
            bullets += 1
            continue
        if not bullets and isinstance(block, Paragraph):
            # a line of short fields, not sentences with bold lead-ins ("**Architecture:**
            # Maya builds upon the LLaVA 1.5 framework. It uses ...")
            text = block.markdown.strip()
            values = _BOLD_LABEL.split(text)
            return (
                len(values) >= 3
                and not values[0].strip()
                and all(len(v.split()) <= 12 for v in values[1:])
            )
        break
    return bullets >= 2


def _collapsibles(
    items: list[Block | tuple[int, str | None, int]],
) -> list[Block | tuple[int, str | None, int]]:
    """Collapsible blocks resolved: one that opens with labelled fields is an entry card, a
    section titled by its summary ("<summary>Molmo</summary>" over "- Vision: ..."); any
    other ("More Information", "BibTeX") is only a way to fold text, and its blocks belong
    to the section around it."""
    found: list[Block | tuple[int, str | None, int] | None] = list(items)
    for index, item in enumerate(found):
        if not (isinstance(item, tuple) and item[1] and item[1].startswith(_OPEN)):
            continue
        depth, end, inner = 0, None, list[Block]()
        for later in range(index + 1, len(found)):
            other = found[later]
            if isinstance(other, tuple) and other[1] is None:
                if depth == 0:
                    end = later
                    break
                depth -= 1
            elif isinstance(other, tuple) and other[1] and other[1].startswith(_OPEN):
                depth += 1
            elif isinstance(other, tuple):
                break  # a heading inside: the fold ends with its section
            elif other is not None:
                inner.append(other)
        if _opens_with_fields(inner):
            found[index] = (item[0], item[1][len(_OPEN) :], item[2])
        else:
            found[index] = None
            if end is not None:
                found[end] = None
    return [item for item in found if item is not None]


def _nest(
    items: list[Block | tuple[int, str | None, int]], line_count: int
) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Turn the flat block/heading list into a preamble and a section tree."""
    preamble: list[Block] = []
    # Each open section: [level, raw, start_line, blocks, children]
    stack: list[list] = []
    roots: list[Section] = []

    def close(end_line: int) -> None:
        level, raw, start, blocks, children = stack.pop()
        section = Section(
            clean_title(raw),
            raw,
            level,
            start,
            max(start, end_line),
            tuple(blocks),
            tuple(children),
        )
        if stack:
            stack[-1][4].append(section)
        else:
            roots.append(section)

    for item in items:
        if isinstance(item, tuple):
            level, raw, line = item
            if raw is None:  # the end of a collapsible block: its section ends here
                while stack and stack[-1][0] >= level:
                    close(line)
                continue
            while stack and stack[-1][0] >= level:
                close(line - 1)
            stack.append([level, raw, line, [], []])
        elif stack:
            stack[-1][3].append(item)
        else:
            preamble.append(item)
    while stack:
        close(line_count)
    return tuple(preamble), tuple(roots)


def parse(text: str, file: str) -> Document:
    """Return the section tree of a markdown text; `file` is recorded for provenance."""
    repaired = repair_mojibake(text)
    # Lines as markdown-it numbers them: str.splitlines() would also split at \x0b, \x1c,
    # \u2028..., shifting every line number after one of those.
    lines = repaired.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    line_count = len(lines)
    tokens = _MD.parse(repaired)
    builder = _Builder(tokens, [not line.strip() for line in lines])
    preamble, sections = _nest(_collapsibles(builder.blocks_and_headings()), line_count)
    return Document(file=file, preamble=preamble, sections=sections, line_count=line_count)


__all__ = [
    "Block",
    "Bullet",
    "CodeBlock",
    "Document",
    "LinkRef",
    "Paragraph",
    "Section",
    "Table",
    "parse",
]
