"""The synthetic graphs: N-Triples text by substitution is exactly `replicate`'s triples."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

from bench._synth_triples import ntriples, replicate
from bench.virtuoso_bulk import _ini
from kg.vocab import RES, VLM


@pytest.fixture(scope="module")
def hub() -> Graph:
    graph = Graph()
    model, encoder = URIRef(f"{RES}model/qwen-vl"), URIRef(f"{RES}encoder/vit")
    graph.add((model, RDFS.label, Literal("Qwen-VL", lang="en")))
    graph.add((model, SKOS.altLabel, Literal("QwenVL")))
    graph.add((model, VLM.visionEncoder, encoder))
    graph.add((model, VLM.releaseYear, Literal(2023, datatype=XSD.gYear)))
    graph.add((model, VLM.parameterCount, Literal(9_600_000_000)))
    graph.add((encoder, RDFS.comment, Literal('a "ViT" with\nnewlines \\ and é')))
    graph.add((encoder, RDFS.seeAlso, URIRef("https://arxiv.org/abs/2010.11929")))
    return graph


def _parsed(chunks: list[str]) -> set[tuple[object, object, object]]:
    graph = Graph()
    for chunk in chunks:
        graph.parse(data=chunk, format="nt")
    return set(graph)


def test_ntriples_are_the_replicated_triples(hub: Graph) -> None:
    chunks = list(ntriples(hub, 5, per_chunk=2))
    assert len(chunks) == 3
    assert _parsed(chunks) == set(replicate(hub, 5))
    assert len(_parsed(chunks)) == 5 * len(hub)


def test_ntriples_from_a_later_copy(hub: Graph) -> None:
    later = set(replicate(hub, 4)) - set(replicate(hub, 2))
    assert _parsed(list(ntriples(hub, 2, start=2))) == later
    assert (URIRef(f"{RES}model/qwen-vl-x3"), RDFS.label, Literal("Qwen-VL #3", lang="en")) in later


def test_ini_sets_existing_keys_and_adds_missing_ones() -> None:
    text = "[Database]\nDatabaseFile = a.db\n;DatabaseFile = b.db\n[HTTP]\nServerPort = 1\n"
    assert _ini(text, {"Database": {"DatabaseFile": "/x.db", "LockFile": "/x.lck"}}) == (
        "[Database]\nLockFile = /x.lck\nDatabaseFile = /x.db\n;DatabaseFile = b.db\n"
        "[HTTP]\nServerPort = 1\n"
    )
