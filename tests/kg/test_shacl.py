"""SHACL: the bundled hub conforms; each broken rule is reported readably."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ingest.records import Component, ModelRecord, ParameterCount, Source
from kg.build import build
from kg.shacl import ontology, shapes, validate, violations
from kg.vocab import PROV, RDF, RDFS, RES, SKOS, VLM, XSD
from tests.kg._hub import bundled_graph

MODEL = RES["model/cogvlm"]


def base_graph() -> Graph:
    return build(
        [
            ModelRecord(
                "CogVLM",
                Source("hub.md", 6, 6),
                year=2023,
                parameters=(ParameterCount(18e9, "18B"),),
                vision_encoders=(Component("CLIP ViT-L/14", "vision_encoder", ("CLIP",)),),
            )
        ]
    )


def test_bundled_hub_conforms() -> None:
    assert violations(bundled_graph()) == []


def test_shape_files_parse() -> None:
    assert len(shapes()) > 100
    assert (VLM.Model, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology()


BREAKAGES = [
    pytest.param(
        [(MODEL, RDFS.label, Literal("CogVLM 2"))],
        'res:model/cogvlm "CogVLM" rdfs:label: an entity needs exactly one non-empty '
        "rdfs:label (other names are skos:altLabel)",
        id="two-labels",
    ),
    pytest.param(
        [(MODEL, VLM.parameterCount, Literal("-7", datatype=XSD.decimal))],
        'res:model/cogvlm "CogVLM" vlm:parameterCount: vlm:parameterCount must be an '
        'xsd:decimal number of parameters > 0 (value: "-7"^^xsd:decimal)',
        id="negative-parameters",
    ),
    pytest.param(
        [(MODEL, VLM.parameterCount, Literal("7B"))],
        'res:model/cogvlm "CogVLM" vlm:parameterCount: vlm:parameterCount must be an '
        'xsd:decimal number of parameters > 0 (value: "7B")',
        id="parameters-as-text",
    ),
    pytest.param(
        [(MODEL, VLM.releaseYear, Literal(2203))],
        'res:model/cogvlm "CogVLM" vlm:releaseYear: vlm:releaseYear must be an xsd:integer '
        'year between 1950 and 2100 (value: "2203"^^xsd:integer)',
        id="year-out-of-range",
    ),
    pytest.param(
        [
            (MODEL, VLM.visionEncoder, RES["llm/vicuna"]),
            (RES["llm/vicuna"], RDF.type, VLM.LanguageModel),
        ],
        'res:model/cogvlm "CogVLM" vlm:visionEncoder: vlm:visionEncoder must point at a '
        "vlm:VisionEncoder (value: res:llm/vicuna)",
        id="encoder-range",
    ),
    pytest.param(
        [(RES["encoder/clip"], SKOS.broader, RES["model/cogvlm"])],
        'res:encoder/clip "CLIP" skos:broader: skos:broader of a component must be a '
        "component family (value: res:model/cogvlm)",
        id="broader-to-a-model",
    ),
]


@pytest.mark.parametrize(("extra", "message"), BREAKAGES)
def test_broken_rule_is_reported(extra: list, message: str) -> None:
    graph = base_graph()
    for triple in extra:
        graph.add(triple)
    assert [str(v) for v in violations(graph)] == [message]


def test_missing_provenance_fails_the_build_with_a_readable_report() -> None:
    graph = base_graph()
    graph.remove((MODEL, PROV.wasDerivedFrom, None))
    graph.add((RES["dataset/coco"], RDF.type, VLM.Dataset))
    with pytest.raises(Exception) as caught:
        validate(graph)
    assert str(caught.value).splitlines() == [
        "the graph violates its SHACL shapes (3 problems):",
        "  res:dataset/coco prov:wasDerivedFrom: an extracted entity needs prov:wasDerivedFrom "
        "a vlm:SourceSpan (its hub lines)",
        "  res:dataset/coco rdfs:label: an entity needs exactly one non-empty rdfs:label "
        "(other names are skos:altLabel)",
        '  res:model/cogvlm "CogVLM" prov:wasDerivedFrom: an extracted entity needs '
        "prov:wasDerivedFrom a vlm:SourceSpan (its hub lines)",
    ]
    assert type(caught.value).__name__ == "ShapeViolationError"


def test_every_vlm_term_the_hub_uses_is_declared_in_the_ontology() -> None:
    graph = bundled_graph()
    used = {p for p in graph.predicates() if str(p).startswith(str(VLM))}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(VLM))}
    declared = set(ontology().subjects(RDF.type, None))
    assert sorted(str(t) for t in used - declared) == []
    for term in used:
        assert ontology().value(term, RDFS.comment) is not None, term
