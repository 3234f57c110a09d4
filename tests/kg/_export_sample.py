"""The sample graph of the export/stats tests, in memory and as a built VLMKG_HOME."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.oxigraph_store import OxigraphStore

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "kg_sample.ttl"


def sample_graph() -> Graph:
    """tests/data/kg_sample.ttl parsed into a fresh rdflib Graph."""
    return Graph().parse(SAMPLE, format="turtle")


def build_home(home: Path, graph: Graph) -> Path:
    """A VLMKG_HOME whose `current` build holds `graph` in a real Oxigraph store."""
    build = home / "builds" / "sample"
    build.mkdir(parents=True)
    OxigraphStore.create(build / "store", graph).close()
    (home / "current").symlink_to(build, target_is_directory=True)
    return home
