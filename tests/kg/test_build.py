"""Records -> triples, rule by rule (hand-made records), and the whole bundled hub."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ingest.records import (
    BenchmarkRecord,
    BenchmarkResult,
    Component,
    DatasetRecord,
    Link,
    ModelRecord,
    ParameterCount,
    PassageRecord,
    Quantity,
    SectionRecord,
    Source,
    TableRowRecord,
    ToolRecord,
)
from kg.build import build
from kg.vocab import PROV, RDF, RDFS, RES, SKOS, VLM, XSD
from tests.kg._hub import bundled_graph, bundled_records
from tests.kg._triples import facts, show, triples_of

F = "hub.md"
ROW = "res:row/ethical-challenges/gender"
HUB = [
    "res:hub/hub rdf:type dcterms:BibliographicResource",
    "res:hub/hub rdf:type vlm:Hub",
    'res:hub/hub rdfs:label "hub.md"',
]

CASES = [
    pytest.param(
        [
            ModelRecord(
                "CogVLM",
                Source(F, 6, 6),
                year=2023,
                architectures=("encoder-decoder",),
                parameters=(ParameterCount(18e9, "18B"),),
                vision_encoders=(Component("CLIP ViT-L/14", "vision_encoder", ("CLIP",)),),
            )
        ],
        [
            "res:architecture/encoder-decoder rdf:type skos:Concept",
            "res:architecture/encoder-decoder rdf:type vlm:Architecture",
            'res:architecture/encoder-decoder rdfs:label "encoder-decoder"',
            "res:encoder/clip rdf:type vlm:PretrainedComponent",
            "res:encoder/clip rdf:type vlm:VisionEncoder",
            'res:encoder/clip rdfs:label "CLIP"',
            "res:encoder/clip-vit-l-14 rdf:type vlm:PretrainedComponent",
            "res:encoder/clip-vit-l-14 rdf:type vlm:VisionEncoder",
            'res:encoder/clip-vit-l-14 rdfs:label "CLIP ViT-L/14"',
            "res:encoder/clip-vit-l-14 skos:broader res:encoder/clip",
            *HUB,
            "res:model/cogvlm rdf:type vlm:Model",
            'res:model/cogvlm rdfs:label "CogVLM"',
            "res:model/cogvlm vlm:architecture res:architecture/encoder-decoder",
            'res:model/cogvlm vlm:parameterCount "18000000000"^^xsd:decimal',
            'res:model/cogvlm vlm:parameterText "18B"',
            'res:model/cogvlm vlm:releaseYear "2023"^^xsd:integer',
            "res:model/cogvlm vlm:visionEncoder res:encoder/clip-vit-l-14",
        ],
        id="model-encoder-family",
    ),
    pytest.param(
        [
            ModelRecord(
                "Qwen2.5-VL",
                Source(F, 3, 3),
                parameters=(
                    ParameterCount(3e9, "3B"),
                    ParameterCount(7e9, "7B"),
                    ParameterCount(2.8e9, "2.8B", active=True),
                ),
                language_backbones=(
                    Component("Qwen-2.5-7B", "language_model", ("Qwen2.5", "Qwen")),
                ),
                components=(Component("Whisper-V3-Large", "audio_encoder"),),
                variants=("Qwen2.5-VL-72B",),
                context_window=128000,
                languages=("English", "Chinese"),
                language_count=2,
                license="Apache-2.0",
                organization="Alibaba",
            )
        ],
        [
            "res:component/whisper-v3-large rdf:type vlm:AudioEncoder",
            "res:component/whisper-v3-large rdf:type vlm:PretrainedComponent",
            'res:component/whisper-v3-large rdfs:label "Whisper-V3-Large"',
            *HUB,
            "res:llm/qwen rdf:type vlm:LanguageModel",
            "res:llm/qwen rdf:type vlm:PretrainedComponent",
            'res:llm/qwen rdfs:label "Qwen"',
            "res:llm/qwen-2.5-7b rdf:type vlm:LanguageModel",
            "res:llm/qwen-2.5-7b rdf:type vlm:PretrainedComponent",
            'res:llm/qwen-2.5-7b rdfs:label "Qwen-2.5-7B"',
            "res:llm/qwen-2.5-7b skos:broader res:llm/qwen2.5",
            "res:llm/qwen2.5 rdf:type vlm:LanguageModel",
            "res:llm/qwen2.5 rdf:type vlm:PretrainedComponent",
            'res:llm/qwen2.5 rdfs:label "Qwen2.5"',
            "res:llm/qwen2.5 skos:broader res:llm/qwen",
            'res:model/qwen2.5-vl dcterms:license "Apache-2.0"',
            "res:model/qwen2.5-vl rdf:type vlm:Model",
            'res:model/qwen2.5-vl rdfs:label "Qwen2.5-VL"',
            'res:model/qwen2.5-vl vlm:activeParameterCount "2800000000"^^xsd:decimal',
            "res:model/qwen2.5-vl vlm:component res:component/whisper-v3-large",
            'res:model/qwen2.5-vl vlm:contextWindow "128000"^^xsd:integer',
            'res:model/qwen2.5-vl vlm:language "Chinese"',
            'res:model/qwen2.5-vl vlm:language "English"',
            'res:model/qwen2.5-vl vlm:languageCount "2"^^xsd:integer',
            "res:model/qwen2.5-vl vlm:languageBackbone res:llm/qwen-2.5-7b",
            'res:model/qwen2.5-vl vlm:organization "Alibaba"',
            # the organisation is also an entity, the model's schema:creator
            "res:model/qwen2.5-vl schema:creator res:organization/alibaba",
            "res:organization/alibaba rdf:type schema:Organization",
            "res:organization/alibaba rdf:type vlm:Organization",
            'res:organization/alibaba rdfs:label "Alibaba"',
            'res:model/qwen2.5-vl vlm:parameterCount "3000000000"^^xsd:decimal',
            'res:model/qwen2.5-vl vlm:parameterCount "7000000000"^^xsd:decimal',
            'res:model/qwen2.5-vl vlm:parameterText "2.8B"',
            'res:model/qwen2.5-vl vlm:parameterText "3B"',
            'res:model/qwen2.5-vl vlm:parameterText "7B"',
            'res:model/qwen2.5-vl vlm:variant "Qwen2.5-VL-72B"',
        ],
        id="model-backbone-chain-audio-moe",
    ),
    pytest.param(
        [
            ModelRecord(
                "Llama 3.2 Vision",
                Source(F, 10, 10),
                year=2025,
                parameters=(ParameterCount(11e9, "11B"),),
            ),
            ModelRecord(
                "LLaMA 3.2-vision",
                Source(F, 30, 30),
                year=2024,
                aliases=("Llama-3.2-Vision",),
                parameters=(ParameterCount(11e9, "11B"),),
            ),
        ],
        [
            *HUB,
            "res:model/llama-3.2-vision rdf:type vlm:Model",
            'res:model/llama-3.2-vision rdfs:label "Llama 3.2 Vision"',
            'res:model/llama-3.2-vision skos:altLabel "LLaMA 3.2-vision"',
            'res:model/llama-3.2-vision skos:altLabel "Llama-3.2-Vision"',
            'res:model/llama-3.2-vision vlm:parameterCount "11000000000"^^xsd:decimal',
            'res:model/llama-3.2-vision vlm:parameterText "11B"',
            'res:model/llama-3.2-vision vlm:releaseYear "2024"^^xsd:integer',
            'res:model/llama-3.2-vision vlm:releaseYear "2025"^^xsd:integer',
        ],
        id="duplicate-model-merged",
    ),
    pytest.param(
        [
            ModelRecord(
                "VLM-R1",
                Source(F, 4, 4),
                based_on=("Qwen2.5-VL", "Qwen2"),
                language_backbones=(Component("Qwen2", "language_model"),),
                benchmark_results=(BenchmarkResult("Video-MME", "72.4%", 72.4, "512 frames"),),
                training_data=("COCO", "in-house data"),
            ),
            ModelRecord("Qwen2.5-VL", Source(F, 5, 5)),
            DatasetRecord("COCO", Source(F, 8, 8)),
        ],
        [
            "res:benchmark/video-mme rdf:type vlm:Benchmark",
            'res:benchmark/video-mme rdfs:label "Video-MME"',
            "res:dataset/coco rdf:type vlm:Dataset",
            'res:dataset/coco rdfs:label "COCO"',
            *HUB,
            "res:llm/qwen2 rdf:type vlm:LanguageModel",
            "res:llm/qwen2 rdf:type vlm:PretrainedComponent",
            'res:llm/qwen2 rdfs:label "Qwen2"',
            "res:model/qwen2.5-vl rdf:type vlm:Model",
            'res:model/qwen2.5-vl rdfs:label "Qwen2.5-VL"',
            "res:model/vlm-r1 rdf:type vlm:Model",
            'res:model/vlm-r1 rdfs:label "VLM-R1"',
            "res:model/vlm-r1 vlm:basedOn res:llm/qwen2",
            "res:model/vlm-r1 vlm:basedOn res:model/qwen2.5-vl",
            "res:model/vlm-r1 vlm:languageBackbone res:llm/qwen2",
            "res:model/vlm-r1 vlm:result res:result/8ed21bc2064af9e6",
            "res:model/vlm-r1 vlm:trainingData res:dataset/coco",
            'res:model/vlm-r1 vlm:trainingData "in-house data"',
            "res:result/8ed21bc2064af9e6 rdf:type vlm:BenchmarkResult",
            'res:result/8ed21bc2064af9e6 rdfs:label "72.4% on Video-MME (512 frames)"',
            "res:result/8ed21bc2064af9e6 vlm:benchmark res:benchmark/video-mme",
            'res:result/8ed21bc2064af9e6 vlm:condition "512 frames"',
            'res:result/8ed21bc2064af9e6 vlm:score "72.4%"',
            'res:result/8ed21bc2064af9e6 vlm:scoreValue "72.4"^^xsd:decimal',
        ],
        id="based-on-results-training-data",
    ),
    pytest.param(
        [
            ModelRecord(
                "CLIP",
                Source(F, 2, 2),
                links=(
                    Link("https://arxiv.org/pdf/2103.00020v2", "arxiv", arxiv_id="2103.00020v2"),
                    Link("https://github.com/openai/CLIP", "github"),
                    Link("https://huggingface.co/openai/clip", "huggingface"),
                ),
            )
        ],
        [
            *HUB,
            "res:link/github-com-openai-clip rdf:type schema:SoftwareSourceCode",
            "res:link/github-com-openai-clip rdf:type vlm:WebResource",
            'res:link/github-com-openai-clip rdfs:label "https://github.com/openai/CLIP"',
            'res:link/github-com-openai-clip schema:url "https://github.com/openai/CLIP"^^xsd:anyURI',
            'res:link/github-com-openai-clip vlm:linkKind "github"',
            "res:link/huggingface-co-openai-clip rdf:type vlm:WebResource",
            'res:link/huggingface-co-openai-clip rdfs:label "https://huggingface.co/openai/clip"',
            'res:link/huggingface-co-openai-clip schema:url "https://huggingface.co/openai/clip"^^xsd:anyURI',
            'res:link/huggingface-co-openai-clip vlm:linkKind "huggingface"',
            "res:model/clip rdf:type vlm:Model",
            'res:model/clip rdfs:label "CLIP"',
            "res:model/clip vlm:link res:link/github-com-openai-clip",
            "res:model/clip vlm:link res:link/huggingface-co-openai-clip",
            "res:model/clip vlm:paper res:paper/arxiv-2103.00020",
            'res:paper/arxiv-2103.00020 bibo:doi "10.48550/arXiv.2103.00020"',
            "res:paper/arxiv-2103.00020 rdf:type fabio:ResearchPaper",
            "res:paper/arxiv-2103.00020 rdf:type vlm:Paper",
            'res:paper/arxiv-2103.00020 rdfs:label "arXiv:2103.00020"',
            'res:paper/arxiv-2103.00020 schema:url "https://arxiv.org/abs/2103.00020"^^xsd:anyURI',
            'res:paper/arxiv-2103.00020 vlm:arxivId "2103.00020"',
            'res:paper/arxiv-2103.00020 vlm:releaseYear "2021"^^xsd:integer',
        ],
        id="links-paper-repo-page",
    ),
    pytest.param(
        [
            SectionRecord("Datasets", 2, "datasets", Source(F, 1, 1)),
            SectionRecord("Core", 4, "datasets", Source(F, 2, 2), parent="Datasets"),
            DatasetRecord(
                "COCO",
                Source(F, 4, 4, ("Datasets", "Core")),
                description="328K images",
                category="Core",
                sizes=(Quantity(328000, "images", "328K images"),),
            ),
            DatasetRecord("LAION-5B", Source(F, 3, 3, ("Datasets", "Core")), category="Core"),
        ],
        [
            "res:category/core rdf:type skos:Concept",
            "res:category/core rdf:type vlm:Category",
            'res:category/core rdfs:label "Core"',
            'res:dataset/coco dcterms:description "328K images"',
            "res:dataset/coco rdf:type vlm:Dataset",
            'res:dataset/coco rdfs:label "COCO"',
            "res:dataset/coco vlm:category res:category/core",
            "res:dataset/coco vlm:listedIn res:section/hub/core",
            'res:dataset/coco vlm:position "2"^^xsd:integer',
            "res:dataset/coco vlm:size res:quantity/75bd4244751a83bd",
            "res:dataset/laion-5b rdf:type vlm:Dataset",
            'res:dataset/laion-5b rdfs:label "LAION-5B"',
            "res:dataset/laion-5b vlm:category res:category/core",
            "res:dataset/laion-5b vlm:listedIn res:section/hub/core",
            'res:dataset/laion-5b vlm:position "1"^^xsd:integer',
            *HUB,
            "res:quantity/75bd4244751a83bd rdf:type vlm:Quantity",
            'res:quantity/75bd4244751a83bd rdfs:label "328K images"',
            'res:quantity/75bd4244751a83bd vlm:unit "images"',
            'res:quantity/75bd4244751a83bd vlm:value "328000"^^xsd:decimal',
            "res:section/hub/core dcterms:isPartOf res:section/hub/datasets",
            "res:section/hub/core rdf:type vlm:Section",
            'res:section/hub/core rdfs:label "Core"',
            'res:section/hub/core vlm:level "4"^^xsd:integer',
            'res:section/hub/core vlm:sectionKind "datasets"',
            "res:section/hub/datasets dcterms:isPartOf res:hub/hub",
            "res:section/hub/datasets rdf:type vlm:Section",
            'res:section/hub/datasets rdfs:label "Datasets"',
            'res:section/hub/datasets vlm:level "2"^^xsd:integer',
            'res:section/hub/datasets vlm:sectionKind "datasets"',
        ],
        id="datasets-sections-positions",
    ),
    pytest.param(
        [
            SectionRecord("Benchmarks", 2, "benchmarks", Source(F, 1, 1), year=None),
            SectionRecord("2025", 3, "benchmarks", Source(F, 2, 2), "Benchmarks", year=2025),
            BenchmarkRecord("MMMU", Source(F, 3, 3), year=2023, group="Video-Language"),
            ToolRecord(
                "Flash Attention",
                Source(F, 4, 4),
                group="Optimization Toolkit",
                license="MIT",
                speedup="2.8×",
            ),
        ],
        [
            "res:benchmark/mmmu rdf:type vlm:Benchmark",
            'res:benchmark/mmmu rdfs:label "MMMU"',
            "res:benchmark/mmmu vlm:category res:category/video-language",
            "res:benchmark/mmmu vlm:listedIn res:section/hub/2025",
            'res:benchmark/mmmu vlm:position "1"^^xsd:integer',
            'res:benchmark/mmmu vlm:releaseYear "2023"^^xsd:integer',
            "res:category/optimization-toolkit rdf:type skos:Concept",
            "res:category/optimization-toolkit rdf:type vlm:Category",
            'res:category/optimization-toolkit rdfs:label "Optimization Toolkit"',
            "res:category/video-language rdf:type skos:Concept",
            "res:category/video-language rdf:type vlm:Category",
            'res:category/video-language rdfs:label "Video-Language"',
            *HUB,
            "res:section/hub/2025 dcterms:isPartOf res:section/hub/benchmarks",
            "res:section/hub/2025 rdf:type vlm:Section",
            'res:section/hub/2025 rdfs:label "2025"',
            'res:section/hub/2025 vlm:level "3"^^xsd:integer',
            'res:section/hub/2025 vlm:sectionKind "benchmarks"',
            'res:section/hub/2025 vlm:year "2025"^^xsd:integer',
            "res:section/hub/benchmarks dcterms:isPartOf res:hub/hub",
            "res:section/hub/benchmarks rdf:type vlm:Section",
            'res:section/hub/benchmarks rdfs:label "Benchmarks"',
            'res:section/hub/benchmarks vlm:level "2"^^xsd:integer',
            'res:section/hub/benchmarks vlm:sectionKind "benchmarks"',
            'res:tool/flash-attention dcterms:license "MIT"',
            "res:tool/flash-attention rdf:type vlm:Tool",
            'res:tool/flash-attention rdfs:label "Flash Attention"',
            "res:tool/flash-attention vlm:group res:category/optimization-toolkit",
            "res:tool/flash-attention vlm:listedIn res:section/hub/2025",
            'res:tool/flash-attention vlm:position "2"^^xsd:integer',
            'res:tool/flash-attention vlm:speedup "2.8×"',
        ],
        id="benchmark-tool-year-section",
    ),
    pytest.param(
        [
            TableRowRecord(
                "Gender",
                "Ethical Challenges",
                "ethical_challenge",
                (("Bias Type", "Gender"), ("Prevalence", "23%")),
                Source(F, 7, 7),
            ),
            PassageRecord(
                "Lack of tailored tokenizers",
                "research_direction",
                "Regression Tasks",
                "Key Challenges",
                Source(F, 9, 9),
            ),
            PassageRecord("ADAS", "application", "Automotive", None, Source(F, 11, 11)),
        ],
        [
            "res:application/automotive rdf:type vlm:ApplicationDomain",
            'res:application/automotive rdfs:label "Automotive"',
            "res:direction/regression-tasks rdf:type vlm:ResearchDirection",
            'res:direction/regression-tasks rdfs:label "Regression Tasks"',
            *HUB,
            "res:passage/fa9c5d2714e4ce27 rdf:type vlm:Passage",
            'res:passage/fa9c5d2714e4ce27 rdf:value "Lack of tailored tokenizers"',
            'res:passage/fa9c5d2714e4ce27 vlm:facet "Key Challenges"',
            "res:passage/fa9c5d2714e4ce27 vlm:topic res:direction/regression-tasks",
            "res:passage/bd656c82b20846ca rdf:type vlm:Passage",
            'res:passage/bd656c82b20846ca rdf:value "ADAS"',
            "res:passage/bd656c82b20846ca vlm:topic res:application/automotive",
            "res:row/ethical-challenges/gender rdf:type vlm:EthicalChallenge",
            "res:row/ethical-challenges/gender rdf:type vlm:TableRow",
            'res:row/ethical-challenges/gender rdfs:label "Gender"',
            f"res:row/ethical-challenges/gender vlm:cell {ROW}/bias-type",
            f"res:row/ethical-challenges/gender vlm:cell {ROW}/prevalence",
            "res:row/ethical-challenges/gender vlm:table res:table/ethical-challenges",
            "res:row/ethical-challenges/gender/bias-type rdf:type vlm:Cell",
            'res:row/ethical-challenges/gender/bias-type vlm:column "Bias Type"',
            'res:row/ethical-challenges/gender/bias-type vlm:columnIndex "1"^^xsd:integer',
            'res:row/ethical-challenges/gender/bias-type vlm:value "Gender"',
            "res:row/ethical-challenges/gender/prevalence rdf:type vlm:Cell",
            'res:row/ethical-challenges/gender/prevalence vlm:column "Prevalence"',
            'res:row/ethical-challenges/gender/prevalence vlm:columnIndex "2"^^xsd:integer',
            'res:row/ethical-challenges/gender/prevalence vlm:value "23%"',
            "res:table/ethical-challenges rdf:type vlm:Table",
            'res:table/ethical-challenges rdfs:label "Ethical Challenges"',
        ],
        id="table-row-passages",
    ),
]


@pytest.mark.parametrize(("records", "expected"), CASES)
def test_records_to_triples(records: list, expected: list[str]) -> None:
    assert facts(build(records)) == sorted(expected)


def test_same_records_same_triples() -> None:
    records = [r for case in CASES for r in case.values[0]]
    assert set(build(records)) == set(build(records))


def test_every_fact_is_reified_with_its_source_span() -> None:
    records = CASES[2].values[0]  # the duplicated Llama 3.2 Vision
    graph = build(records)
    model = RES["model/llama-3.2-vision"]
    years = {}
    for statement in graph.subjects(RDF.predicate, VLM.releaseYear):
        year = graph.value(statement, RDF.object)
        span = graph.value(statement, PROV.wasDerivedFrom)
        assert graph.value(statement, RDF.subject) == model
        assert (statement, RDF.type, RDF.Statement) in graph
        years[int(year)] = show(span)
    assert years == {2025: "res:source/hub/L10-L10", 2024: "res:source/hub/L30-L30"}
    content = [
        t for t in graph if not str(t[0]).startswith((str(RES["fact/"]), str(RES["source/"])))
    ]
    for s, p, o in content:
        if p == PROV.wasDerivedFrom or str(s).startswith(str(RES["hub/"])):
            continue
        assert any(graph.subjects(RDF.subject, s)), (s, p, o)
        assert any(
            (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph
            for st in graph.subjects(RDF.subject, s)
        ), (s, p, o)


def test_entity_and_span_provenance() -> None:
    graph = build(CASES[2].values[0])
    model = RES["model/llama-3.2-vision"]
    spans = sorted(show(s) for s in graph.objects(model, PROV.wasDerivedFrom))
    assert spans == ["res:source/hub/L10-L10", "res:source/hub/L30-L30"]
    assert triples_of(graph, RES["source/hub/L30-L30"]) == [
        "dcterms:isPartOf res:hub/hub",
        "rdf:type prov:Entity",
        "rdf:type vlm:SourceSpan",
        'vlm:citation "hub.md#L30-L30"',
        'vlm:endLine "30"^^xsd:integer',
        'vlm:sourceFile "hub.md"',
        'vlm:startLine "30"^^xsd:integer',
    ]


def test_span_is_listed_in_its_innermost_section() -> None:
    graph = build(CASES[5].values[0])
    assert (RES["source/hub/L4-L4"], VLM.listedIn, RES["section/hub/core"]) in graph


def test_names_that_slug_alike_get_distinct_iris() -> None:
    graph = build(
        [
            ModelRecord("A+B", Source(F, 1, 1)),
            ModelRecord("A B!", Source(F, 2, 2)),  # another key, same slug "a-b"
        ]
    )
    labels = {
        show(s): str(o)
        for s, o in graph.subject_objects(RDFS.label)
        if str(s).startswith(str(RES["model/"]))
    }
    assert labels == {"res:model/a-b": "A+B", "res:model/a-b-2": "A B!"}


def test_literals_have_the_ontology_datatypes() -> None:
    graph = build(CASES[1].values[0])
    counts = sorted(graph.objects(RES["model/qwen2.5-vl"], VLM.parameterCount))
    assert counts == [
        Literal("3000000000", datatype=XSD.decimal),
        Literal("7000000000", datatype=XSD.decimal),
    ]


# -- the whole bundled hub ----------------------------------------------------------------


def labelled(graph: Graph, label: str, cls: URIRef) -> URIRef:
    (found,) = [
        s for s in graph.subjects(RDFS.label, Literal(label)) if (s, RDF.type, cls) in graph
    ]
    assert isinstance(found, URIRef)
    return found


def test_bundled_hub_counts() -> None:
    graph = bundled_graph()

    def count(cls: URIRef, listed: bool = False) -> int:
        return sum(
            1
            for s in graph.subjects(RDF.type, cls)
            if not listed or graph.value(s, VLM.listedIn) is not None
        )

    assert count(VLM.Model, listed=True) == 43  # 44 entries, Llama 3.2 Vision twice
    assert count(VLM.Dataset) == 52
    assert count(VLM.Benchmark, listed=True) == 26
    assert count(VLM.Section) == 44
    assert count(VLM.Hub) == 1
    assert count(VLM.SourceSpan) == len({r.source for r in bundled_records()})


def test_bundled_hub_cogvlm_encoder_and_its_family() -> None:
    graph = bundled_graph()
    cogvlm = labelled(graph, "CogVLM", VLM.Model)
    (encoder,) = graph.objects(cogvlm, VLM.visionEncoder)
    assert str(graph.value(encoder, RDFS.label)) == "CLIP ViT-L/14"
    families = {
        str(graph.value(f, RDFS.label)) for f in graph.transitive_objects(encoder, SKOS.broader)
    }
    assert "CLIP" in families
    assert show(graph.value(cogvlm, VLM.releaseYear)) == '"2023"^^xsd:integer'


def test_bundled_hub_qwen25_vl_has_three_parameter_counts() -> None:
    graph = bundled_graph()
    qwen = labelled(graph, "Qwen2.5-VL", VLM.Model)
    counts = sorted(int(o) for o in graph.objects(qwen, VLM.parameterCount))
    assert counts == [3_000_000_000, 7_000_000_000, 72_000_000_000]


def test_bundled_hub_duplicated_llama_32_vision_keeps_both_sources() -> None:
    graph = bundled_graph()
    llama = labelled(graph, "Llama 3.2 Vision", VLM.Model)
    assert [str(o) for o in graph.objects(llama, SKOS.altLabel)] == ["LLaMA 3.2-vision"]
    citations = sorted(
        str(graph.value(span, VLM.citation)) for span in graph.objects(llama, PROV.wasDerivedFrom)
    )
    assert len(citations) == 2
    assert all(c.startswith("vlm-research-hub.md#L") for c in citations)
    years = {}
    for statement in graph.subjects(RDF.predicate, VLM.releaseYear):
        if graph.value(statement, RDF.subject) == llama:
            span = graph.value(statement, PROV.wasDerivedFrom)
            years[int(graph.value(statement, RDF.object))] = str(graph.value(span, VLM.citation))
    assert sorted(years) == [2024, 2025]
    assert sorted(years.values()) == citations


# -- records that cannot become valid RDF: repaired or dropped (kg.checks) -------------

BAD = [
    ModelRecord("Solid-VL", Source(F, 3, 3), parameters=(ParameterCount(7e9, "7B"),)),
    ModelRecord("", Source(F, 4, 4), links=(Link("https://example.org/a", "web", "Kimi K3"),)),
    ModelRecord("", Source(F, 5, 5), links=(Link("https://github.com/acme/ghost-vl", "github"),)),
    ModelRecord("---", Source(F, 6, 6)),
    ModelRecord("Future-VL", Source(F, 7, 7), year=3000),
    ModelRecord("Zero-VL", Source(F, 8, 8), parameters=(ParameterCount(0.0, "0B"),)),
    TableRowRecord("---", "Models", "table", (("Model", "---"), ("Year", "---")), Source(F, 9, 9)),
    TableRowRecord("", "Models", "table", (("Model", ""), ("Year", "2024")), Source(F, 10, 10)),
    ModelRecord("Backwards-VL", Source(F, 12, 11)),  # a span the shapes reject
]


def test_records_that_cannot_be_rdf_are_repaired_or_dropped() -> None:
    from kg.checks import checked_graph

    lines: list[str] = []
    checked = checked_graph(BAD, strict=False, log=lines.append)
    assert [line for line in lines if line.startswith("warning:")] == [
        "warning: hub.md:4: repaired a model: no name; named 'Kimi K3' from its link text",
        "warning: hub.md:5: repaired a model: no name; named 'ghost-vl' from its URL",
        "warning: hub.md:6: dropped a model: its name '---' has no letter or digit, and no link"
        " text or URL to name it from",
        "warning: hub.md:7: repaired a model: left out the year 3000 (not in 1950..2100)",
        "warning: hub.md:8: repaired a model: left out parameter counts that are not > 0: 0B",
        "warning: hub.md:9: dropped a table row: every cell is empty or dashes",
        "warning: hub.md:10: repaired a table row: its first cell is empty; named '2024' from"
        " the next cell",
        "warning: hub.md:12: dropped a model: SHACL: res:source/hub/L12-L11 vlm:startLine:"
        " a source span needs one vlm:startLine >= 1 and <= its vlm:endLine (value:"
        ' "12"^^xsd:integer)',
    ]
    actions = [(i.line, i.action) for i in checked.issues]
    assert sorted(actions) == [
        (4, "repaired"),
        (5, "repaired"),
        (6, "dropped"),
        (7, "repaired"),
        (8, "repaired"),
        (9, "dropped"),
        (10, "repaired"),
        (12, "dropped"),
    ]
    assert checked.flagged == []
    labels = sorted(str(o) for s, o in checked.graph.subject_objects(RDFS.label) if "model/" in s)
    assert labels == ["Future-VL", "Kimi K3", "Solid-VL", "Zero-VL", "ghost-vl"]
    assert len(checked.records) == len(BAD) - 3


DASH_KEY = TableRowRecord(
    "—", "Models", "table", (("Model", "—"), ("Year", "2024")), Source(F, 10, 10)
)


def test_strict_fails_on_any_record_that_needs_repair() -> None:
    from kg.checks import checked_graph
    from vlmkg.errors import ShapeViolationError

    good = BAD[:1]
    assert checked_graph(good, strict=True).issues == []
    with pytest.raises(ShapeViolationError) as caught:
        checked_graph([*good, BAD[3], DASH_KEY], strict=True)  # valid RDF, meaningless names
    assert str(caught.value).splitlines() == [
        "2 records cannot be built as they are (--strict):",
        "  hub.md:6: dropped a model: its name '---' has no letter or digit, and no link text"
        " or URL to name it from",
        "  hub.md:10: repaired a table row: its first cell is empty; named '2024' from the"
        " next cell",
    ]
    with pytest.raises(ShapeViolationError, match="rdfs:label"):  # an empty label, as before
        checked_graph([*good, BAD[1]], strict=True)
    with pytest.raises(ShapeViolationError, match="releaseYear"):  # the shapes, as before
        checked_graph([*good, BAD[4]], strict=True)


def test_a_record_whose_mapping_raises_is_dropped_alone() -> None:
    failed: list[str] = []
    spaced = Link("https://arxiv.org/abs/2401 0001", "arxiv", arxiv_id="2401 0001")
    broken = ModelRecord("Spaced-VL", Source(F, 4, 4), links=(spaced,))  # an IRI with a space
    graph = build([BAD[0], broken], on_error=lambda r, exc: failed.append(r.name))
    assert failed == ["Spaced-VL"]
    models = sorted(str(o) for s, o in graph.subject_objects(RDFS.label) if "model/" in s)
    assert models == ["Solid-VL"]
    assert (None, None, Literal("Spaced-VL")) not in graph


def test_hub_source_is_a_prov_entity_with_hash_and_date() -> None:
    from kg.build import HubSource

    source = HubSource(F, "Hub A", "ab" * 32, "2025-08-04")
    graph = build(BAD[:1], sources=[source])
    assert triples_of(graph, RES["hub/hub"]) == [
        'dcterms:date "2025-08-04"^^xsd:date',
        'dcterms:identifier "sha256:' + "ab" * 32 + '"',
        'dcterms:title "Hub A"',
        "rdf:type dcterms:BibliographicResource",
        "rdf:type prov:Entity",
        "rdf:type vlm:Hub",
        'rdfs:label "hub.md"',
    ]
