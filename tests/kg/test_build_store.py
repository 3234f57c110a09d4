"""The build's in-memory store (kg._memory_store): the same triples, in and out."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from kg._memory_store import memory_store, n_triples, rdflib_graph
from kg.vocab import RDFS, RES, VLM, XSD

MODEL = RES["model/cogvlm"]

TRIPLES = [
    (MODEL, RDFS.label, Literal("CogVLM")),
    (MODEL, VLM.subtitle, Literal('a "visual expert"\nin two lines\r\\ with a backslash')),
    (MODEL, VLM.subtitle, Literal("ünïcode — 视觉 \t tab")),
    (MODEL, RDFS.label, Literal("CogVLM", lang="en")),
    (MODEL, VLM.releaseYear, Literal("2023", datatype=XSD.integer)),
    (MODEL, VLM.parameterCount, Literal("1.7E10", datatype=XSD.decimal)),  # kept as written
    (MODEL, VLM.basedOn, RES["llm/vicuna-7b"]),
]


def test_triples_come_back_as_they_went_in() -> None:
    store = memory_store([*TRIPLES, TRIPLES[0]])  # a duplicate is one triple
    assert len(store) == len(TRIPLES)
    assert sorted(rdflib_graph(store)) == sorted(TRIPLES)


def test_each_term_is_written_once_as_n_triples() -> None:
    text = n_triples(TRIPLES[:2])
    assert text.splitlines() == [
        f'<{MODEL}> <{RDFS.label}> "CogVLM" .',
        f'<{MODEL}> <{VLM.subtitle}> "a \\"visual expert\\"\\nin two lines\\r\\\\ with a '
        'backslash" .',
    ]


def test_an_invalid_iri_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="not valid RDF"):
        memory_store([(URIRef("https://example.org/a b"), RDFS.label, Literal("x"))])


def test_the_checked_store_holds_the_graph_build_makes() -> None:
    from kg.checks import checked_graph
    from tests.kg._hub import bundled_graph, bundled_records

    checked = checked_graph(bundled_records(), strict=False)
    assert (checked.issues, checked.flagged) == ([], [])
    assert len(checked.store) == len(bundled_graph())
    assert set(checked.graph) == set(bundled_graph())
