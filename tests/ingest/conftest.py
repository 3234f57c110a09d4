from __future__ import annotations

from pathlib import Path

import pytest

from ingest import extract, parse
from ingest.records import ModelRecord, Record

DATA = Path(__file__).resolve().parents[1] / "data"
HUB = Path(__file__).resolve().parents[2] / "vlmkg" / "data" / "vlm-research-hub.md"
TABLE_HUB = DATA / "hub_2025-03-16_tables.md"


def records_of(text: str, file: str = "t.md") -> list[Record]:
    return extract(parse(text, file))


def model_from_line(line: str, heading: str = "### 2025") -> ModelRecord:
    """The single model a one-entry hub yields."""
    found = records_of(f"## Models\n\n{heading}\n{line}\n")
    models = [r for r in found if isinstance(r, ModelRecord) and not r.series]
    assert len(models) == 1, models
    return models[0]


@pytest.fixture(scope="session")
def hub_records() -> list[Record]:
    return extract(parse(HUB.read_text("utf-8"), HUB.name))


@pytest.fixture(scope="session")
def table_hub_records() -> list[Record]:
    return extract(parse(TABLE_HUB.read_text("utf-8"), TABLE_HUB.name))
