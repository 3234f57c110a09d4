"""SHACL: the bundled hub conforms; each broken rule is reported readably."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ingest.records import Component, ModelRecord, ParameterCount, Source
from kg._shacl_sparql import Unsupported
from kg.build import build
from kg.shacl import ontology, results, shapes, validate, violations
from kg.sparql import compact_iri
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


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
@pytest.mark.parametrize(("extra", "message"), BREAKAGES)
def test_broken_rule_is_reported(extra: list, message: str, engine: str) -> None:
    graph = base_graph()
    for triple in extra:
        graph.add(triple)
    assert [str(v) for v in violations(graph, engine=engine)] == [message]  # type: ignore[arg-type]


FACT = RES["fact/358c6ee2f6baf668"]  # the reified rdfs:label "CogVLM" of base_graph()


def broken_graph() -> tuple[Graph, str]:
    """base_graph() broken in ten ways at once; (graph, its source span's compact IRI)."""
    graph = base_graph()
    span = graph.value(MODEL, PROV.wasDerivedFrom)
    assert span is not None and (FACT, RDF.type, RDF.Statement) in graph
    graph.add((MODEL, RDFS.label, Literal("CogVLM 2")))
    graph.add((MODEL, VLM.parameterCount, Literal("7B")))
    graph.add((MODEL, VLM.releaseYear, Literal(2203)))
    graph.add((MODEL, VLM.visionEncoder, RES["llm/vicuna"]))
    graph.add((RES["llm/vicuna"], RDF.type, VLM.LanguageModel))
    graph.add((RES["encoder/clip"], SKOS.broader, MODEL))
    graph.remove((span, VLM.endLine, None))
    graph.set((span, VLM.startLine, Literal(0)))
    graph.remove((FACT, PROV.wasDerivedFrom, None))
    graph.add((FACT, RDF.predicate, Literal("label")))
    graph.add((RES["dataset/coco"], RDF.type, VLM.Dataset))
    return graph, compact_iri(span)


def expected_results(span: str) -> set[tuple[str, str, str]]:
    model, fact = "res:model/cogvlm", "res:fact/358c6ee2f6baf668"
    return {
        (model, "rdfs:label", "MaxCountConstraintComponent"),
        (model, "vlm:parameterCount", "DatatypeConstraintComponent"),
        (model, "vlm:parameterCount", "MinExclusiveConstraintComponent"),
        (model, "vlm:releaseYear", "MaxInclusiveConstraintComponent"),
        (model, "vlm:visionEncoder", "ClassConstraintComponent"),
        ("res:encoder/clip", "skos:broader", "ClassConstraintComponent"),
        (span, "vlm:endLine", "MinCountConstraintComponent"),
        (span, "vlm:startLine", "MinInclusiveConstraintComponent"),
        (fact, "prov:wasDerivedFrom", "MinCountConstraintComponent"),
        (fact, "rdf:predicate", "MaxCountConstraintComponent"),
        (fact, "rdf:predicate", "NodeKindConstraintComponent"),
        ("res:dataset/coco", "rdfs:label", "MinCountConstraintComponent"),
        ("res:dataset/coco", "prov:wasDerivedFrom", "MinCountConstraintComponent"),
    }


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_a_broken_graph_gives_the_exact_results(engine: str) -> None:
    graph, span = broken_graph()
    found = [
        (compact_iri(r.focus), compact_iri(str(r.path)), str(r.component).split("#")[1])
        for r in results(graph, engine=engine)  # type: ignore[arg-type]
    ]
    assert sorted(found) == sorted(expected_results(span))


def test_the_compiled_shapes_report_what_pyshacl_reports() -> None:
    graph, _ = broken_graph()
    compiled = sorted(violations(graph, engine="sparql"), key=str)
    assert compiled == sorted(violations(graph, engine="pyshacl"), key=str)
    assert len(compiled) == 12  # the two parameterCount results share one message


HAS_VALUE_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix vlm: <https://w3id.org/vlmkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:shape> a sh:NodeShape ; sh:targetClass vlm:Model ;
    sh:property [ sh:path rdfs:label ; sh:hasValue "GPT-4V" ; sh:message "not GPT-4V" ] .
"""


def test_a_shape_the_compiler_does_not_translate_is_checked_by_pyshacl() -> None:
    custom = Graph().parse(data=HAS_VALUE_SHAPE, format="turtle")
    with pytest.raises(Unsupported):
        results(base_graph(), custom, engine="sparql")
    assert [str(v) for v in violations(base_graph(), custom)] == [
        'res:model/cogvlm "CogVLM" rdfs:label: not GPT-4V'
    ]


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
