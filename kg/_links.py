"""Links of an entry as RDF: arXiv links become papers, the others web resources."""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.term import Node

from ingest.records import Link
from kg._iris import safe_slug
from kg._literals import integer, string
from kg.vocab import BIBO, FABIO, RDF, RDFS, RES, SCHEMA, VLM, XSD

# new-style ids 2502.13923 (yymm.number), old-style hep-th/9901001 (archive/yymmnumber)
_NEW_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_OLD_ID = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/(\d{2})(\d{2})\d{3}$")
_VERSION = re.compile(r"v\d+$")


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id was issued, from its yymm part: 2502.13923 -> 2025."""
    match = _NEW_ID.match(arxiv_id) or _OLD_ID.match(arxiv_id)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return None
    yy = int(match.group(1))
    return 1900 + yy if yy >= 91 else 2000 + yy


def link_triples(entity: URIRef, link: Link) -> list[tuple[Node, Node, Node]]:
    """`entity vlm:paper <paper>` or `entity vlm:link <resource>`, with the target described."""
    if not link.url.strip():
        return []
    if link.arxiv_id:
        return _paper(entity, _VERSION.sub("", link.arxiv_id.strip()))
    target = RES[f"link/{safe_slug(re.sub(r'^[a-z]+://', '', link.url))}"]
    triples: list[tuple[Node, Node, Node]] = [
        (entity, VLM.link, target),
        (target, RDF.type, VLM.WebResource),
        (target, RDFS.label, string(link.url)),
        (target, SCHEMA.url, Literal(link.url, datatype=XSD.anyURI)),
        (target, VLM.linkKind, string(link.kind)),
    ]
    if link.kind == "github":
        triples.append((target, RDF.type, SCHEMA.SoftwareSourceCode))
    return triples


def _paper(entity: URIRef, arxiv_id: str) -> list[tuple[Node, Node, Node]]:
    paper = RES[f"paper/arxiv-{arxiv_id.replace('/', '-')}"]
    triples: list[tuple[Node, Node, Node]] = [
        (entity, VLM.paper, paper),
        (paper, RDF.type, VLM.Paper),
        (paper, RDF.type, FABIO.ResearchPaper),
        (paper, RDFS.label, string(f"arXiv:{arxiv_id}")),
        (paper, VLM.arxivId, string(arxiv_id)),
        (paper, BIBO.doi, string(f"10.48550/arXiv.{arxiv_id}")),
        (paper, SCHEMA.url, Literal(f"https://arxiv.org/abs/{arxiv_id}", datatype=XSD.anyURI)),
    ]
    year = arxiv_year(arxiv_id)
    if year is not None:
        triples.append((paper, VLM.releaseYear, integer(year)))
    return triples
