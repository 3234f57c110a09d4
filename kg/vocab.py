"""The vlmkg vocabulary: namespaces and the IRIs of every class and property.

This is a public contract (docs/ontology.md); users' SPARQL relies on these names.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

VLM = Namespace("https://w3id.org/vlmkg/ontology#")
RES = Namespace("https://w3id.org/vlmkg/resource/")
GRAPH = "https://w3id.org/vlmkg/graph/hub"  # the named graph the embedded store holds
SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")

PREFIXES: dict[str, str] = {
    "vlm": str(VLM),
    "res": str(RES),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "bibo": str(BIBO),
    "fabio": str(FABIO),
}


def sparql_prologue() -> str:
    """The PREFIX lines predeclared for every query vlmkg runs or shows."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = [
    "BIBO",
    "DCTERMS",
    "FABIO",
    "GRAPH",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RES",
    "SCHEMA",
    "SKOS",
    "VLM",
    "XSD",
    "sparql_prologue",
]
