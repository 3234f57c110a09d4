"""Bibliographies of the graph's papers and web resources: BibTeX, RIS and CSL-JSON.

Every `vlm:Paper` becomes an arXiv preprint citation (`@misc` with eprint/archivePrefix,
DOI and URL); every `vlm:WebResource` an entity links to becomes `@software` (code
repositories, `schema:SoftwareSourceCode`) or `@online` (other pages). Titles are the
labels of the entities a paper or page is cited for, since the hub names models, not
paper titles. Citation keys are `<first label><year>` in ASCII, suffixed a, b, ... in
IRI order when several entries would share one, so they are stable across builds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace

from pylatexenc.latexencode import UnicodeToLatexEncoder
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.network import integer_values
from kg.vocab import BIBO, PROV, RDF, RDFS, SCHEMA, VLM

ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?")
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org")
# Hugging Face pages that are prose, not model or dataset repositories.
PROSE_PATHS = ("/blog", "/papers", "/docs", "/learn")


@dataclass(frozen=True)
class Citation:
    """One bibliography entry; `kind` is paper | software | page."""

    key: str
    kind: str
    title: str
    iri: str
    url: str | None = None
    year: int | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    cited_for: tuple[str, ...] = ()  # labels of the entities it describes
    sources: tuple[str, ...] = ()  # hub lines they come from, "<file>#L<a>-L<b>"


def citations(graph: Graph) -> list[Citation]:
    """Every paper and linked web resource of `graph` as a Citation, sorted by key."""
    drafts = [_paper(graph, paper) for paper in _typed(graph, VLM.Paper)]
    linked: dict[Node, set[Node]] = defaultdict(set)
    for entity, resource in graph.subject_objects(VLM.link):
        if isinstance(resource, URIRef):
            linked[resource].add(entity)
    drafts += [_web_resource(graph, resource, entities) for resource, entities in linked.items()]
    return sorted(_assign_keys(drafts), key=lambda c: c.key)


def _typed(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _text(graph: Graph, node: Node, prop: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal | URIRef))
    return values[0] if values else None


def _year(graph: Graph, nodes: list[Node]) -> int | None:
    years = [y for node in nodes for y in integer_values(graph.objects(node, VLM.releaseYear))]
    return min(years) if years else None


def _labels(graph: Graph, nodes: set[Node]) -> tuple[str, ...]:
    labels = {_text(graph, node, RDFS.label) or str(node).rsplit("/", 1)[-1] for node in nodes}
    return tuple(sorted(labels, key=str.casefold))


def _sources(graph: Graph, nodes: set[Node]) -> tuple[str, ...]:
    refs = set()
    for node in nodes:
        for span in graph.objects(node, PROV.wasDerivedFrom):
            ref = _text(graph, span, VLM.citation)
            if ref:
                refs.add(ref)
    return tuple(sorted(refs))


def _paper(graph: Graph, paper: Node) -> Citation:
    described = set(graph.subjects(VLM.paper, paper))
    arxiv_id = _text(graph, paper, VLM.arxivId)
    url = _text(graph, paper, SCHEMA.url)
    if arxiv_id is None and url and (match := ARXIV_ID.search(url)):
        arxiv_id = match.group(1)
    year = (
        _year(graph, [paper]) or _arxiv_year(arxiv_id) or _year(graph, sorted(described, key=str))
    )
    cited_for = _labels(graph, described)
    title = "; ".join(cited_for) or _text(graph, paper, RDFS.label) or str(paper)
    doi = _text(graph, paper, BIBO.doi)
    if doi is None and arxiv_id:
        doi = f"10.48550/arXiv.{arxiv_id}"
    if url is None and arxiv_id:
        url = f"https://arxiv.org/abs/{arxiv_id}"
    return Citation(
        key=_key_base(cited_for, title, year),
        kind="paper",
        title=title,
        iri=str(paper),
        url=url,
        year=year,
        doi=doi,
        arxiv_id=arxiv_id,
        cited_for=cited_for,
        sources=_sources(graph, described),
    )


def _arxiv_year(arxiv_id: str | None) -> int | None:
    """New-style arXiv ids start with YYMM."""
    if arxiv_id and ARXIV_ID.fullmatch(arxiv_id):
        return 2000 + int(arxiv_id[:2])
    return None


def _is_code(graph: Graph, resource: Node, url: str) -> bool:
    """Repositories: schema:SoftwareSourceCode, code hosts, Hugging Face model pages."""
    if (resource, RDF.type, SCHEMA.SoftwareSourceCode) in graph:
        return True
    host, _, path = url.split("://", 1)[-1].partition("/")
    host = host.removeprefix("www.")
    if host in CODE_HOSTS:
        return True
    return host == "huggingface.co" and not ("/" + path).startswith(PROSE_PATHS)


def _web_resource(graph: Graph, resource: Node, entities: set[Node]) -> Citation:
    url = _text(graph, resource, SCHEMA.url) or str(resource)
    is_code = _is_code(graph, resource, url)
    cited_for = _labels(graph, entities)
    title = "; ".join(cited_for) or _text(graph, resource, RDFS.label) or url
    year = _year(graph, sorted(entities, key=str))
    kind = "software" if is_code else "page"
    return Citation(
        key=_key_base(cited_for, title, year) + ("code" if is_code else "web"),
        kind=kind,
        title=title,
        iri=str(resource),
        url=url,
        year=year,
        cited_for=cited_for,
        sources=_sources(graph, entities),
    )


def _key_base(cited_for: tuple[str, ...], title: str, year: int | None) -> str:
    name = cited_for[0] if cited_for else title
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "", ascii_name.lower())[:30] or "entry"
    return f"{slug}{year or ''}"


def _assign_keys(drafts: list[Citation]) -> list[Citation]:
    """Entries sharing a base key get a, b, c ... in IRI order."""
    groups: dict[str, list[Citation]] = defaultdict(list)
    for draft in drafts:
        groups[draft.key].append(draft)
    result = []
    for base, group in groups.items():
        if len(group) == 1:
            result.append(group[0])
            continue
        for index, draft in enumerate(sorted(group, key=lambda c: c.iri)):
            result.append(replace(draft, key=base + _suffix(index)))
    return result


def _suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _note(citation: Citation) -> str | None:
    parts = []
    if citation.cited_for:
        parts.append("Cited for " + ", ".join(citation.cited_for))
    if citation.sources:
        parts.append("source: " + ", ".join(citation.sources))
    return "; ".join(parts) or None


# --- BibTeX -----------------------------------------------------------------------------

_LATEX = UnicodeToLatexEncoder(
    non_ascii_only=False,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
BIBTEX_TYPES = {"paper": "misc", "software": "software", "page": "online"}


def latex_escape(text: str) -> str:
    """`text` with LaTeX specials (& % _ # $ { } ~ ^ \\) and accented letters as macros.

    Characters LaTeX has no macro for (CJK, emoji) are kept as UTF-8.
    """
    text = text.replace("\u2010", "-").replace("\u2011", "-").replace("\u00a0", " ")
    return str(_LATEX.unicode_to_latex(" ".join(text.split())))


def _verbatim(text: str) -> str:
    """URLs and DOIs are verbatim fields: only unbalanced braces need care."""
    return text.replace("{", "%7B").replace("}", "%7D")


def bibtex_fields(citation: Citation) -> list[tuple[str, str]]:
    """(field, BibTeX-ready value) pairs of one entry, in output order."""
    fields = [("title", "{" + latex_escape(citation.title) + "}")]
    if citation.year:
        fields.append(("year", str(citation.year)))
    if citation.arxiv_id:
        fields += [("eprint", citation.arxiv_id), ("archivePrefix", "arXiv")]
    if citation.doi:
        fields.append(("doi", _verbatim(citation.doi)))
    if citation.url:
        fields.append(("url", _verbatim(citation.url)))
    if citation.cited_for:
        fields.append(("keywords", latex_escape(", ".join(citation.cited_for))))
    note = _note(citation)
    if note:
        fields.append(("note", latex_escape(note)))
    return fields


def to_bibtex(entries: list[Citation]) -> str:
    """A .bib file: one entry per citation."""
    blocks = []
    for citation in entries:
        lines = [f"@{BIBTEX_TYPES[citation.kind]}{{{citation.key},"]
        lines += [f"  {name} = {{{value}}}," for name, value in bibtex_fields(citation)]
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


# --- RIS --------------------------------------------------------------------------------

RIS_TYPES = {"paper": "UNPB", "software": "COMP", "page": "ELEC"}


def to_ris(entries: list[Citation]) -> str:
    """An RIS file (CRLF line ends, UTF-8), one record per citation."""
    lines: list[str] = []
    for citation in entries:
        tags = [("TY", RIS_TYPES[citation.kind]), ("ID", citation.key), ("TI", citation.title)]
        if citation.year:
            tags.append(("PY", str(citation.year)))
        if citation.arxiv_id:
            tags += [("PB", "arXiv"), ("AN", f"arXiv:{citation.arxiv_id}")]
        if citation.doi:
            tags.append(("DO", citation.doi))
        if citation.url:
            tags.append(("UR", citation.url))
        tags += [("KW", label) for label in citation.cited_for]
        note = _note(citation)
        if note:
            tags.append(("N1", note))
        lines += [f"{tag}  - {' '.join(value.split())}" for tag, value in tags]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines)


# --- CSL-JSON ---------------------------------------------------------------------------

CSL_TYPES = {"paper": "article", "software": "software", "page": "webpage"}


def csl_item(citation: Citation) -> dict[str, object]:
    """One CSL-JSON item (CSL 1.0.2: arXiv preprints are `article` with publisher arXiv)."""
    item: dict[str, object] = {
        "id": citation.key,
        "type": CSL_TYPES[citation.kind],
        "title": citation.title,
    }
    if citation.year:
        item["issued"] = {"date-parts": [[citation.year]]}
    if citation.arxiv_id:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{citation.arxiv_id}"
        item["genre"] = "Preprint"
    if citation.doi:
        item["DOI"] = citation.doi
    if citation.url:
        item["URL"] = citation.url
    if citation.cited_for:
        item["keyword"] = ", ".join(citation.cited_for)
    note = _note(citation)
    if note:
        item["note"] = note
    return item


def to_csl_json(entries: list[Citation]) -> str:
    """A CSL-JSON array of items."""
    return json.dumps([csl_item(c) for c in entries], ensure_ascii=False, indent=2) + "\n"


__all__ = [
    "Citation",
    "bibtex_fields",
    "citations",
    "csl_item",
    "latex_escape",
    "to_bibtex",
    "to_csl_json",
    "to_ris",
]
