"""Fixtures for the search tests: a small graph in a real Oxigraph store, the real model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib

SAMPLE_TTL_TEMPLATE = """
@prefix vlm: <https://w3id.org/vlmkg/ontology#> .
@prefix res: <https://w3id.org/vlmkg/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

res:model\\/cogvlm a vlm:Model ;
    rdfs:label "CogVLM" ;
    dcterms:description "{d0}" ;
    vlm:releaseYear 2023 ;
    vlm:parameterText "18B" ;
    vlm:architecture res:architecture\\/encoder-decoder ;
    vlm:visionEncoder res:encoder\\/clip-vit-l-14 ;
    vlm:languageBackbone res:llm\\/vicuna ;
    prov:wasDerivedFrom res:source\\/hub\\/L50-L50 .

res:model\\/smolvlm a vlm:Model ;
    rdfs:label "SmolVLM" ;
    dcterms:description "{d1}" ;
    vlm:releaseYear 2025 ;
    vlm:parameterText "250M & 500M" ;
    vlm:architecture res:architecture\\/decoder-only ;
    vlm:visionEncoder res:encoder\\/siglip ;
    prov:wasDerivedFrom res:source\\/hub\\/L30-L30 .

res:model\\/imagebind a vlm:Model ;
    rdfs:label "ImageBind" ;
    dcterms:description "{d2}" ;
    vlm:releaseYear 2023 ;
    prov:wasDerivedFrom res:source\\/hub\\/L45-L45 .

res:encoder\\/clip-vit-l-14 a vlm:VisionEncoder , vlm:PretrainedComponent ;
    rdfs:label "CLIP ViT-L/14" .
res:encoder\\/siglip a vlm:VisionEncoder , vlm:PretrainedComponent ;
    rdfs:label "SigLIP" .
res:llm\\/vicuna a vlm:LanguageModel , vlm:PretrainedComponent ;
    rdfs:label "Vicuna" .
res:architecture\\/encoder-decoder a vlm:Architecture ; rdfs:label "encoder-decoder" .
res:architecture\\/decoder-only a vlm:Architecture ; rdfs:label "decoder-only" .

res:dataset\\/eurosat a vlm:Dataset ;
    rdfs:label "EuroSAT" ;
    dcterms:description "27K satellite images for land use classification" ;
    prov:wasDerivedFrom res:source\\/hub\\/L120-L120 .

res:dataset\\/coco a vlm:Dataset ;
    rdfs:label "COCO" ;
    skos:altLabel "MS COCO" ;
    dcterms:description "{d3}" ;
    prov:wasDerivedFrom res:source\\/hub\\/L66-L66 .

res:benchmark\\/video-mmlu a vlm:Benchmark ;
    rdfs:label "Video-MMLU" ;
    dcterms:description "A Massive Multi-Discipline Lecture Understanding Benchmark" ;
    vlm:releaseYear 2025 ;
    prov:wasDerivedFrom res:source\\/hub\\/L170-L170 .

res:benchmark\\/mmmu a vlm:Benchmark ;
    rdfs:label "MMMU" ;
    dcterms:description "Massive Multi-discipline Multimodal Understanding benchmark" ;
    vlm:releaseYear 2023 ;
    prov:wasDerivedFrom res:source\\/hub\\/L166-L166 .

res:tool\\/flash-attention a vlm:Tool ;
    rdfs:label "Flash Attention" ;
    dcterms:description "Memory-efficient attention with xFormers (2.8× speedup)" ;
    vlm:speedup "2.8×" ;
    prov:wasDerivedFrom res:source\\/hub\\/L392-L392 .

res:direction\\/medical-vlms a vlm:ResearchDirection ;
    rdfs:label "Medical VLMs" ;
    prov:wasDerivedFrom res:source\\/hub\\/L275-L290 .

res:passage\\/p1 a vlm:Passage ;
    rdf:value "Hallucination in diagnosis (12% error rate)" ;
    vlm:topic res:direction\\/medical-vlms ;
    vlm:facet "Challenges" ;
    prov:wasDerivedFrom res:source\\/hub\\/L279-L279 .

res:table\\/ethical-challenges a vlm:Table ; rdfs:label "Ethical Challenges" .

res:row\\/ethical-challenges\\/gender a vlm:TableRow , vlm:EthicalChallenge ;
    rdfs:label "Gender" ;
    vlm:table res:table\\/ethical-challenges ;
    vlm:cell res:row\\/ethical-challenges\\/gender\\/bias-type ,
             res:row\\/ethical-challenges\\/gender\\/prevalence ;
    prov:wasDerivedFrom res:source\\/hub\\/L296-L296 .
res:row\\/ethical-challenges\\/gender\\/bias-type a vlm:Cell ;
    vlm:column "Bias Type" ; vlm:value "Gender" ; vlm:columnIndex 0 .
res:row\\/ethical-challenges\\/gender\\/prevalence a vlm:Cell ;
    vlm:column "Prevalence" ; vlm:value "23%" ; vlm:columnIndex 1 .
"""

DESCRIPTIONS = {
    "d0": (
        "Encoder-decoder architecture with 18B parameters, using CLIP ViT-L/14 for vision "
        "encoder and Vicuna as pretrained backbone"
    ),
    "d1": (
        "Decoder-only architecture with 250M & 500M parameters, using SigLIP for vision "
        "encoder and SmolLM as pretrained backbone"
    ),
    "d2": (
        "Multi-encoder architecture with modality-specific encoders trained to align "
        "embeddings across 6 modalities (image, text, audio, depth, etc.)"
    ),
    "d3": ("Contains 328K images, each paired with 5 captions for image captioning and VQA"),
}

SAMPLE_TTL = SAMPLE_TTL_TEMPLATE.format(**DESCRIPTIONS)

SPANS = {
    "L50-L50": (50, 50),
    "L30-L30": (30, 30),
    "L45-L45": (45, 45),
    "L120-L120": (120, 120),
    "L66-L66": (66, 66),
    "L170-L170": (170, 170),
    "L166-L166": (166, 166),
    "L392-L392": (392, 392),
    "L275-L290": (275, 290),
    "L279-L279": (279, 279),
    "L296-L296": (296, 296),
}


def sample_graph() -> rdflib.Graph:
    """The sample graph, with a SourceSpan and citation for every span it refers to."""
    graph = rdflib.Graph()
    graph.parse(data=SAMPLE_TTL, format="turtle")
    vlm = rdflib.Namespace("https://w3id.org/vlmkg/ontology#")
    for name, (start, end) in SPANS.items():
        span = rdflib.URIRef(f"https://w3id.org/vlmkg/resource/source/hub/{name}")
        graph.add((span, rdflib.RDF.type, vlm.SourceSpan))
        graph.add((span, vlm.citation, rdflib.Literal(f"hub.md#L{start}-L{end}")))
    return graph


def make_build(build_dir: Path, graph: rdflib.Graph, manifest: dict[str, str]) -> Path:
    """A build directory holding `graph` in a real Oxigraph store and a manifest."""
    from kg.oxigraph_store import OxigraphStore

    build_dir.mkdir(parents=True, exist_ok=True)
    OxigraphStore.create(build_dir / "store", graph).close()
    (build_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return build_dir


@pytest.fixture(scope="session")
def encoder():
    from search.embed import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    """A build of the sample graph with its search index (built once per session)."""
    from search.index import build_index

    build_dir = make_build(
        tmp_path_factory.mktemp("search") / "build", sample_graph(), {"id": "sample"}
    )
    build_index(build_dir, progress=False, encoder=encoder)
    return build_dir


@pytest.fixture(scope="session")
def hub_build(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    """A real `vlmkg build` of the bundled hub, search index included (once per session)."""
    import ingest
    from kg.builds import write_build
    from vlmkg.config import bundled_hub

    home = tmp_path_factory.mktemp("hub") / "home"
    return write_build(ingest.read_hubs([bundled_hub()]), home, [bundled_hub()], index=True)
