"""The assistant over a hub written as a notebook (tests/data/hub_notebook_prose.md): models
read from prose paragraphs, benchmarks from fields between dashes, a series' members."""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("notebook") / "home"
    return Assistant.open(build_home(home, [DATA / "hub_notebook_prose.md"]))


def test_how_many_members_of_a_series(notebook: Assistant) -> None:
    # "Rowan (...) is a series of three models: Rowan-1B, built on ...; Rowan-7B, ..."
    answer = notebook.ask("How many models does the Rowan series contain?")
    assert "**3**" in answer.markdown
    assert sorted(e.label for e in answer.entities) == ["Rowan-1B", "Rowan-70B", "Rowan-7B"]


def test_facts_of_a_model_in_a_shared_paragraph(notebook: Assistant) -> None:
    # Alder-2 is the second of three models in one paragraph
    answer = notebook.ask("What vision encoder does Alder-2 use?")
    assert [e.label for e in answer.entities] == ["Quartz-ViT-g"]


def test_benchmark_year_from_dash_fields(notebook: Assistant) -> None:
    answer = notebook.ask("Which benchmarks are from 2024?")
    assert [e.label for e in answer.entities] == ["FrameTest"]
