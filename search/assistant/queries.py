"""The fixed SPARQL the answerers run; values are bound as variables, never spliced in."""

from __future__ import annotations

ROW_CELLS = """
SELECT ?row ?col ?val ?idx WHERE {
  ?row vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val .
  OPTIONAL { ?c vlm:columnIndex ?idx }
} ORDER BY ?idx
"""

CLASS_CELLS = """
SELECT DISTINCT ?cls ?col ?val WHERE {
  ?x a ?cls ; vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val .
}
"""

ALL_ROW_CELLS = """
SELECT ?x ?col ?val WHERE {
  ?x a vlm:TableRow ; vlm:cell ?c . ?c vlm:column ?col ; vlm:value ?val .
}
"""

SECTION_PASSAGES = """
SELECT DISTINCT ?p ?sec WHERE {
  ?p a vlm:Passage ; vlm:listedIn/dcterms:isPartOf* ?sec .
}
"""

SECTION_HAS_CLASS = """
SELECT ?x ?sec ?cls WHERE { ?x vlm:listedIn/dcterms:isPartOf* ?sec ; a ?cls } LIMIT 1
"""

DESCRIPTIONS = "SELECT ?x ?cls ?d WHERE { ?x a ?cls ; dcterms:description ?d }"

SECTION_MEMBERS = "SELECT DISTINCT ?x ?sec WHERE { ?x vlm:listedIn/dcterms:isPartOf* ?sec }"

HEADING_PATHS = """
SELECT ?x ?label WHERE {
  ?x vlm:listedIn ?inner . ?inner dcterms:isPartOf* ?sec .
  ?sec a vlm:Section ; rdfs:label ?label .
}
"""
