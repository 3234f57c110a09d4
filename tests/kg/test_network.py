"""Network views of the graph and their GEXF, GraphML and CSV files, read back by networkx
and the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from kg import export, network
from tests.kg._export_sample import sample_graph
from vlmkg.errors import ExportError


@pytest.fixture(scope="module")
def graph() -> Graph:
    return sample_graph()


def edge_table(view: nx.Graph) -> list[tuple[str, str, str, int]]:
    rows = []
    for source, target, data in view.edges(data=True):
        if not view.is_directed():
            source, target = sorted((source, target))
        rows.append((source, target, data["relation"], data["weight"]))
    return sorted(rows)


def test_lineage_view_has_based_on_and_family_edges(graph: Graph) -> None:
    assert edge_table(network.network_view(graph, "lineage")) == [
        ("encoder/clip-vit-l-14", "encoder/clip", "skos:broader", 1),
        ("encoder/eva-clip-vit-l", "encoder/clip", "skos:broader", 1),
        ("llm/qwen2", "llm/qwen", "skos:broader", 1),
        ("llm/vicuna", "llm/llama", "skos:broader", 1),
        ("model/video-llava", "model/llava", "vlm:basedOn", 1),
    ]


def test_components_view_links_models_to_parts_and_families(graph: Graph) -> None:
    view = network.network_view(graph, "components")
    assert edge_table(view) == [
        ("encoder/clip-vit-l-14", "encoder/clip", "skos:broader", 1),
        ("encoder/eva-clip-vit-l", "encoder/clip", "skos:broader", 1),
        ("llm/qwen2", "llm/qwen", "skos:broader", 1),
        ("llm/vicuna", "llm/llama", "skos:broader", 1),
        ("model/llava", "encoder/clip-vit-l-14", "vlm:visionEncoder", 1),
        ("model/llava", "llm/vicuna", "vlm:languageBackbone", 1),
        ("model/qwen2-vl", "encoder/eva-clip-vit-l", "vlm:visionEncoder", 1),
        ("model/qwen2-vl", "llm/qwen2", "vlm:languageBackbone", 1),
        ("model/video-llava", "encoder/clip-vit-l-14", "vlm:visionEncoder", 1),
    ]
    # a model without any component is still a node
    assert "model/m-and-m" in view


def test_co_usage_weights_count_shared_components_and_families(graph: Graph) -> None:
    view = network.network_view(graph, "co-usage")
    assert edge_table(view) == [
        ("model/llava", "model/qwen2-vl", "co-usage", 1),
        ("model/llava", "model/video-llava", "co-usage", 2),
        ("model/qwen2-vl", "model/video-llava", "co-usage", 1),
    ]
    assert view.edges["model/llava", "model/video-llava"]["shared"] == "CLIP; CLIP ViT-L/14"
    assert sorted(view.nodes) == [
        "model/llava",
        "model/m-and-m",
        "model/qwen2-vl",
        "model/video-llava",
    ]


def test_papers_view_links_papers_through_shared_components(graph: Graph) -> None:
    assert edge_table(network.network_view(graph, "papers")) == [
        ("paper/arxiv-2304.08485", "paper/arxiv-2311.10122", "shared-components", 2),
        ("paper/arxiv-2304.08485", "paper/arxiv-2409.12191", "shared-components", 1),
        ("paper/arxiv-2311.10122", "paper/arxiv-2409.12191", "shared-components", 1),
    ]


def test_full_view_leaves_provenance_out(graph: Graph) -> None:
    view = network.network_view(graph, "full")
    assert not [n for n in view if n.startswith(("fact/", "source/"))]
    assert view.number_of_nodes() == 16
    assert view.edges["model/llava", "paper/arxiv-2304.08485"]["relation"] == "vlm:paper"


def test_node_attributes(graph: Graph) -> None:
    view = network.network_view(graph, "full")
    assert view.nodes["model/qwen2-vl"] == {
        "type": "Model",
        "label": "Qwen2-VL",
        "iri": "https://w3id.org/vlmkg/resource/model/qwen2-vl",
        "year": 2024,  # the earliest of its two years
        "parameter_count": 14e9,  # the largest variant
    }
    assert view.nodes["encoder/clip"] == {
        "type": "VisionEncoder",
        "label": "CLIP",
        "iri": "https://w3id.org/vlmkg/resource/encoder/clip",
    }


def same_network(original: nx.Graph, read: nx.Graph, ignore: set[str]) -> None:
    assert read.number_of_nodes() == original.number_of_nodes()
    assert read.number_of_edges() == original.number_of_edges()
    for node, data in original.nodes(data=True):
        assert read.nodes[node] == data
    for source, target, data in original.edges(data=True):
        got = {k: v for k, v in read.edges[source, target].items() if k not in ignore}
        assert got == data


@pytest.mark.parametrize("view", network.VIEWS)
def test_gexf_1_3_reads_back_with_same_nodes_edges_and_attributes(
    graph: Graph, tmp_path: Path, view: str
) -> None:
    (path,) = export.export(graph, "gexf", tmp_path / "hub.gexf", view=view)
    head = path.read_text()[:400]
    assert 'xmlns="http://gexf.net/1.3"' in head and 'version="1.3"' in head
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in head
    read = nx.read_gexf(path, version="1.3")
    same_network(network.network_view(graph, view), read, ignore={"id"})


@pytest.mark.parametrize("view", network.VIEWS)
def test_graphml_reads_back_with_same_nodes_edges_and_attributes(
    graph: Graph, tmp_path: Path, view: str
) -> None:
    (path,) = export.export(graph, "graphml", tmp_path / "hub.graphml", view=view)
    read = nx.read_graphml(path)
    original = network.network_view(graph, view)
    assert read.is_directed() == original.is_directed()
    same_network(original, read, ignore=set())


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_into_a_directory_with_stable_ids(graph: Graph, tmp_path: Path) -> None:
    written = export.export(graph, "csv", f"{tmp_path}/net/", view="co-usage")
    assert written == [tmp_path / "net" / "nodes.csv", tmp_path / "net" / "edges.csv"]
    nodes = read_csv(tmp_path / "net" / "nodes.csv")
    assert nodes[0] == {
        "id": "model/llava",
        "label": "LLaVA",
        "type": "Model",
        "year": "2023",
        "parameter_count": "13000000000",
        "iri": "https://w3id.org/vlmkg/resource/model/llava",
    }
    assert [n["id"] for n in nodes] == [
        "model/llava",
        "model/m-and-m",
        "model/qwen2-vl",
        "model/video-llava",
    ]
    assert (tmp_path / "net" / "edges.csv").read_text().splitlines() == [
        "source,target,relation,weight,shared",
        "model/llava,model/qwen2-vl,co-usage,1,CLIP",
        "model/llava,model/video-llava,co-usage,2,CLIP; CLIP ViT-L/14",
        "model/qwen2-vl,model/video-llava,co-usage,1,CLIP",
    ]


def test_csv_with_a_prefix_and_edges_reference_node_ids(graph: Graph, tmp_path: Path) -> None:
    written = export.export(graph, "csv", tmp_path / "hub.csv", view="full")
    assert written == [tmp_path / "hub.nodes.csv", tmp_path / "hub.edges.csv"]
    ids = {row["id"] for row in read_csv(written[0])}
    edges = read_csv(written[1])
    assert len(ids) == 16 and len(edges) == 15
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    # the same graph gives byte-identical files
    again = export.render(graph, "csv", "full")
    assert (again["nodes"], again["edges"]) == (written[0].read_bytes(), written[1].read_bytes())


def test_csv_refuses_to_overwrite_either_file(graph: Graph, tmp_path: Path) -> None:
    (tmp_path / "hub.edges.csv").write_text("old")
    with pytest.raises(ExportError, match=r"hub\.edges\.csv already exists: pass --force"):
        export.export(graph, "csv", tmp_path / "hub")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hub.edges.csv"]


@pytest.fixture(scope="module")
def hub_graph() -> Graph:
    import ingest
    from kg.build import build
    from vlmkg import config

    return build(ingest.read_hubs([config.bundled_hub()]))


@pytest.mark.slow
@pytest.mark.parametrize("view", network.VIEWS)
def test_bundled_hub_views_read_back_from_gexf_and_graphml(
    hub_graph: Graph, tmp_path: Path, view: str
) -> None:
    original = network.network_view(hub_graph, view)
    assert original.number_of_edges() > 0
    gexf, graphml = network.to_gexf(original), network.to_graphml(original)
    (tmp_path / "hub.gexf").write_bytes(gexf)
    (tmp_path / "hub.graphml").write_bytes(graphml)
    same_network(original, nx.read_gexf(tmp_path / "hub.gexf", version="1.3"), ignore={"id"})
    same_network(original, nx.read_graphml(tmp_path / "hub.graphml"), ignore=set())
