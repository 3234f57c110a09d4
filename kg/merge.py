"""One entity per thing across several hub files: which names of different files co-refer.

`resolve(entries)` takes (kind, record) pairs in file order and returns, for each
(kind, entity key) that another file's entry names the same thing, the key of the entity
it joins (the first seen). Evidence, between entries of *different* files only (within a
file the list's author listed them apart on purpose):

- the same normalised name: entity keys equal once a parenthetical ("(Moonshot AI)"), a
  subtitle after a colon or a trailing "Series"/"Family" is dropped;
- an alias of one is the name or an alias of the other;
- a link to the same arXiv paper, GitHub or Hugging Face repository, when the names share
  their leading word ("Qwen", "LLaVA").

Never merged, whatever the evidence: two sizes of one family ("Qwen2-VL-2B" /
"Qwen2-VL-72B"), nor a family and one of its sized members ("Qwen2-VL" / "Qwen2-VL-7B").
Names whose other numbers differ, two versions ("LLaVA" / "LLaVA-1.5"), merge only when
a list declares one an alias of the other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.names import entity_key

_PARENTHETICAL = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
_YEAR_REMARK = re.compile(r"\(\s*(?:19|20)\d\d\s*\)")
_SUBTITLE = re.compile(r"\s*:\s.*$")
_FAMILY_WORD = re.compile(r"[\s-]+(?:series|family)$", re.IGNORECASE)  # "Molmo Series" is Molmo
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*[bmkt]?(?![a-z])|\d+(?:\.\d+)?", re.IGNORECASE)
_STEM = re.compile(r"[^\W\d_]+", re.UNICODE)
_REPO = re.compile(r"(?:github\.com|huggingface\.co)/([\w.-]+/[\w.-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Merge:
    """Two names of different files resolved to one entity, and why."""

    kind: str
    name: str  # the name the entity keeps (first seen)
    other: str
    evidence: str  # "same name", "alias", "same paper arXiv:...", "same repository ..."


def normalised(name: str) -> str:
    """The entity key without markup, a parenthetical or a subtitle: the name's core."""
    core = _SUBTITLE.sub("", _PARENTHETICAL.sub(" ", name.replace("*", ""))).strip()
    core = _FAMILY_WORD.sub("", core)
    return entity_key(core) or entity_key(name)


def numbers(name: str) -> tuple[str, ...]:
    """The numbers of a name, sizes included, normalised: "Qwen2-VL-72B" -> ("2", "72b")."""
    core = _YEAR_REMARK.sub(" ", name)  # "(2024)" is when, not which
    return tuple(sorted(m.group(0).replace(" ", "").casefold() for m in _NUMBER.finditer(core)))


def stem(name: str) -> str:
    """The leading word of a name, case-folded: "Qwen2-VL-72B" -> "qwen"."""
    match = _STEM.search(name)
    return match.group(0).casefold() if match else ""


def compatible(a: str, b: str) -> bool:
    """May two names be one entity? Never when their numbers (sizes, versions) differ."""
    return numbers(a) == numbers(b)


def sizes(name: str) -> tuple[str, ...]:
    """The sizes among a name's numbers: "Qwen2-VL-72B" -> ("72b",)."""
    return tuple(n for n in numbers(name) if n[-1].isalpha())


def link_keys(record: Any) -> set[str]:
    """The papers and repositories an entry links to, as comparable keys."""
    keys = set()
    for link in getattr(record, "links", ()):
        if link.arxiv_id:
            keys.add("arXiv:" + re.sub(r"v\d+$", "", link.arxiv_id.strip()))
        match = _REPO.search(link.url)
        if match:
            keys.add("repo:" + match.group(1).casefold().removesuffix(".git"))
    return keys


def resolve(entries: Iterable[tuple[str, Any]]) -> tuple[dict[tuple[str, str], str], list[Merge]]:
    """({(kind, entity key): the entity key it merges into}, the merges made, in order)."""
    nodes: dict[tuple[str, str], _Node] = {}
    for kind, record in entries:
        key = (kind, entity_key(record.name))
        node = nodes.get(key)
        if node is None:
            node = nodes[key] = _Node(kind, record.name, len(nodes))
        node.files.add(record.source.file)
        node.aliases.update(normalised(a) for a in getattr(record, "aliases", ()))
        node.links.update(link_keys(record))
    return _Resolver(list(nodes.values())).run()


@dataclass
class _Node:
    kind: str
    name: str
    order: int

    def __post_init__(self) -> None:
        self.files: set[str] = set()
        self.aliases: set[str] = set()
        self.links: set[str] = set()
        self.parent: _Node = self

    @property
    def key(self) -> str:
        return entity_key(self.name)


class _Resolver:
    """Union-find over entity nodes; the root of a set is its first-seen node."""

    def __init__(self, nodes: Sequence[_Node]) -> None:
        self.nodes = nodes
        self.merges: list[Merge] = []

    def run(self) -> tuple[dict[tuple[str, str], str], list[Merge]]:
        by_name: dict[tuple[str, str], list[_Node]] = defaultdict(list)
        by_link: dict[tuple[str, str], list[_Node]] = defaultdict(list)
        for node in self.nodes:
            by_name[(node.kind, normalised(node.name))].append(node)
            for alias in node.aliases:
                by_name[(node.kind, alias)].append(node)
            for link in node.links:
                by_link[(node.kind, link)].append(node)
        for (_, name), group in by_name.items():
            self.join_group(group, lambda a, b, n=name: _name_evidence(a, b, n))
        for (_, link), group in by_link.items():
            self.join_group(group, lambda a, b, k=link: _link_evidence(a, b, k))
        mapping = {
            (node.kind, node.key): self.root(node).key
            for node in self.nodes
            if self.root(node) is not node
        }
        return mapping, self.merges

    def join_group(self, group: list[_Node], evidence: Any) -> None:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                why = evidence(a, b)
                if why is not None:
                    self.join(a, b, why)

    def root(self, node: _Node) -> _Node:
        while node.parent is not node:
            node.parent = node.parent.parent
            node = node.parent
        return node

    def join(self, a: _Node, b: _Node, evidence: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra is rb or ra.files & rb.files:
            return  # one file's entries stay apart: its author listed them apart
        declared = evidence.startswith("alias")  # an author's alias may add a version
        if sizes(ra.name) != sizes(rb.name) or not (declared or compatible(ra.name, rb.name)):
            return
        first, second = (ra, rb) if ra.order < rb.order else (rb, ra)
        second.parent = first
        first.files |= second.files
        self.merges.append(Merge(a.kind, first.name, second.name, evidence))


def _name_evidence(a: _Node, b: _Node, name: str) -> str | None:
    same = normalised(a.name) == normalised(b.name)
    return "same name" if same else f"alias {name}"


def _link_evidence(a: _Node, b: _Node, key: str) -> str | None:
    if stem(a.name) != stem(b.name):
        return None
    kind, _, value = key.partition(":")
    return f"same paper arXiv:{value}" if kind == "arXiv" else f"same repository {value}"


__all__ = ["Merge", "compatible", "link_keys", "normalised", "numbers", "resolve", "sizes", "stem"]
