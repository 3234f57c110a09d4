"""A real build of the bundled hub (Oxigraph on disk, no search index) for the assistant."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from kg.builds import write_build
from search.assistant import Assistant
from search.assistant.answer import Answer
from vlmkg.config import bundled_hub

DATA = Path(__file__).resolve().parents[2] / "data"


def labels(answer: Answer) -> list[str]:
    """The sorted labels of an answer's entities."""
    return sorted(e.label for e in answer.entities)


def build_home(home: Path, hubs: list[Path]) -> Path:
    write_build(ingest.read_hubs(hubs), home, hubs, index=False)
    return home


@pytest.fixture(scope="session")
def hub_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_home(tmp_path_factory.mktemp("assistant") / "home", [bundled_hub()])


@pytest.fixture(scope="session")
def assistant(hub_home: Path) -> Assistant:
    return Assistant.open(hub_home)


@pytest.fixture(scope="session")
def tables_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("tables") / "home", [DATA / "hub_2025-03-16_tables.md"]
    )
    return Assistant.open(home)


@pytest.fixture(scope="session")
def freeform_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("freeform") / "home", [DATA / "hub_freeform_2026.md"])
    return Assistant.open(home)


@pytest.fixture(scope="session")
def writeups_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(
        tmp_path_factory.mktemp("writeups") / "home", [DATA / "hub_writeups_facts.md"]
    )
    return Assistant.open(home)
