"""`vlmkg stats`: counts, centrality, families per year, lineage, components, provenance
and conflicts on the sample graph (exact), on the bundled hub, and through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kg import analytics
from kg.vocab import RDF, RES, VLM
from tests.kg._export_sample import build_home, sample_graph


@pytest.fixture(scope="module")
def stats() -> analytics.GraphStats:
    return analytics.graph_stats(sample_graph())


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_home(tmp_path_factory.mktemp("home"), sample_graph())


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "stats", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "VLMKG_HOME": str(home)},
        check=False,
    )


def test_counts_per_class_and_relation(stats: analytics.GraphStats) -> None:
    assert stats.triples == 139
    assert stats.classes["vlm:Model"] == 4
    assert stats.classes["vlm:Paper"] == 3
    assert stats.classes["rdf:Statement"] == 6
    assert stats.relations["vlm:visionEncoder"] == 3
    assert stats.relations["skos:broader"] == 4
    assert sum(stats.relations.values()) == 139
    assert list(stats.classes)[:2] == ["vlm:PretrainedComponent", "rdf:Statement"]  # by count


def test_most_shared_encoders_and_backbones(stats: analytics.GraphStats) -> None:
    assert [(s.label, s.models, s.degree) for s in stats.shared_encoders] == [
        ("CLIP", 3, 2),
        ("CLIP ViT-L/14", 2, 3),
        ("EVA-CLIP ViT-L", 1, 2),
    ]
    # CLIP ViT-L/14 sits between LLaVA, Video-LLaVA and the CLIP family
    assert stats.shared_encoders[1].betweenness == pytest.approx(23 / 45, abs=1e-6)
    assert [s.label for s in stats.shared_backbones] == ["Qwen2", "Vicuna", "LLaMA", "Qwen"]


def test_families_by_models_per_year(stats: analytics.GraphStats) -> None:
    assert stats.families_by_year == {
        "CLIP": {"2023": 1, "2024": 2},
        "LLaMA": {"2023": 1},
        "Qwen": {"2024": 1},
    }


def test_longest_lineage_chains(stats: analytics.GraphStats) -> None:
    assert stats.lineage_chains == (
        ("CLIP ViT-L/14", "CLIP"),
        ("EVA-CLIP ViT-L", "CLIP"),
        ("Qwen2", "Qwen"),
        ("Vicuna", "LLaMA"),
        ("Video-LLaVA", "LLaVA"),
    )
    assert stats.lineage_cycles == ()


def test_lineage_follows_chains_and_cuts_cycles() -> None:
    graph = sample_graph()
    # LLaVA -> Vicuna makes Video-LLaVA's chain the longest; the cycle Vicuna <-> LLaMA is
    # reported and cut at the edge into its alphabetically first member (Vicuna -> LLaMA)
    graph.add((RES["model/llava"], VLM.basedOn, RES["llm/vicuna"]))
    graph.add((RES["llm/llama"], VLM.basedOn, RES["llm/vicuna"]))
    stats = analytics.graph_stats(graph)
    assert stats.lineage_cycles == (("LLaMA", "Vicuna"),)
    assert stats.lineage_chains[:2] == (
        ("Video-LLaVA", "LLaVA", "Vicuna"),
        ("CLIP ViT-L/14", "CLIP"),
    )


def test_components_and_isolated_models(stats: analytics.GraphStats) -> None:
    assert stats.components == analytics.ComponentSummary(count=2, sizes=(10, 1), isolated_models=1)


def test_conflicting_values_carry_their_sources(stats: analytics.GraphStats) -> None:
    assert stats.conflicts == (
        analytics.Conflict(
            label="Qwen2-VL",
            iri=str(RES["model/qwen2-vl"]),
            property="vlm:releaseYear",
            values=(
                analytics.ValueWithSources("2024", ("hub.md#L30-L30",)),
                analytics.ValueWithSources("2025", ("hub.md#L40-L40",)),
            ),
        ),
    )


def test_entities_without_provenance(stats: analytics.GraphStats) -> None:
    assert [e.label for e in stats.without_provenance] == [
        "arXiv:2304.08485",
        "arXiv:2311.10122",
        "arXiv:2409.12191",
        "CLIP",
        "example.org/m&m",
        "github.com/haotian-liu/LLaVA",
        "LLaMA",
        "M&M_Net #1 (50% Müller)",
        "Qwen",
        "Qwen2",
        "Vicuna",
    ]


def test_models_without_paper(stats: analytics.GraphStats) -> None:
    assert stats.models_without_paper == (
        analytics.EntityRef(
            label="M&M_Net #1 (50% Müller)",
            iri=str(RES["model/m-and-m"]),
            type="Model",
            links=("https://example.org/m&m?q=50%25#top",),
            sources=(),
        ),
    )


def test_empty_graph() -> None:
    stats = analytics.graph_stats(Graph())
    assert stats.triples == 0
    assert stats.shared_encoders == () and stats.lineage_chains == ()
    assert stats.components == analytics.ComponentSummary(count=0, sizes=(), isolated_models=0)
    assert analytics.format_report(stats).startswith("triples: 0\n")


def test_cli_json_is_the_stats_as_data(home: Path, stats: analytics.GraphStats) -> None:
    result = run_cli(home, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(stats.to_dict()))
    assert data["conflicts"][0]["values"][1] == {"value": "2025", "sources": ["hub.md#L40-L40"]}


def test_cli_table(home: Path) -> None:
    result = run_cli(home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "triples: 139"
    assert "most shared vision encoders" in lines
    start = lines.index("most shared vision encoders")
    assert lines[start + 1 : start + 4] == [
        "label           models  degree  betweenness",
        "--------------  ------  ------  -----------",
        "CLIP            3       2       0.4444",
    ]
    assert "  Qwen2-VL vlm:releaseYear: 2024 (hub.md#L30-L30); 2025 (hub.md#L40-L40)" in lines


def test_cli_missing_papers(home: Path) -> None:
    result = run_cli(home, "--missing", "papers")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "models without a paper: 1",
        "model                    links                                source",
        "-----------------------  -----------------------------------  ------",
        "M&M_Net #1 (50% Müller)  https://example.org/m&m?q=50%25#top  -",
    ]
    as_json = json.loads(run_cli(home, "--missing", "papers", "--json").stdout)
    assert [m["label"] for m in as_json["models_without_paper"]] == ["M&M_Net #1 (50% Müller)"]


def test_cli_unknown_missing_kind_is_one_line_error(home: Path) -> None:
    result = run_cli(home, "--missing", "datasets")
    assert result.returncode == 2
    assert result.stderr == "error: unknown --missing 'datasets': choose one of papers\n"


@pytest.fixture(scope="module")
def hub_graph() -> Graph:
    import ingest
    from kg.build import build
    from vlmkg import config

    return build(ingest.read_hubs([config.bundled_hub()]))


def test_bundled_hub_stats_are_consistent(hub_graph: Graph) -> None:
    stats = analytics.graph_stats(hub_graph)
    models = set(hub_graph.subjects(RDF.type, VLM.Model))
    with_paper = {m for m in models if hub_graph.value(m, VLM.paper) is not None}
    assert len(stats.models_without_paper) == len(models - with_paper)
    assert stats.classes["vlm:Model"] == len(models)
    assert stats.triples == len(hub_graph)
    assert stats.shared_encoders and stats.shared_backbones and stats.lineage_chains
    # "CLIP ViT-L/14" is used by several of the hub's models, under the CLIP family
    clip = next(s for s in stats.shared_encoders if s.label == "CLIP")
    assert clip.models >= 2
    assert all(len(chain) >= 2 for chain in stats.lineage_chains)
    conflict_iris = {URIRef(c.iri) for c in stats.conflicts}
    for iri in conflict_iris:
        assert all(v.sources for c in stats.conflicts if c.iri == str(iri) for v in c.values)
