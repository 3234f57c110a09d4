"""The hub's real history (../shared/hub/history/vlm-research-hub-2025.bundle) builds, and
what changed in July 2025 is exactly what `git diff 3e71d36 fae9b82` shows."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kg.builds import open_current
from search.assistant.engine import Assistant
from vlmkg.cli import main

pytestmark = pytest.mark.slow

BUNDLE = Path("/work/shared/hub/history/vlm-research-hub-2025.bundle")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE} is missing")
    repo = tmp_path_factory.mktemp("hub") / "hub"
    subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repo)], check=True)
    home = tmp_path_factory.mktemp("home")
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    return home


def test_changes_since_july(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["changes", "--since", "2025-07-01", "--json", "--home", str(home)]) == 0
    found = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(c["kind"], c["cls"], c["label"]) for c in found if c["cls"] != "Paper"} == {
        ("added", "Model", "OmniGen2"),
        ("added", "Model", "BLIP3-o"),
        ("added", "Dataset", "ReasonVQA"),
        ("added", "Dataset", "ClearVQA"),
        ("added", "Benchmark", "EgoExoBench"),
    }
    papers = [c for c in found if c["cls"] == "Paper"]
    assert len(papers) == 35 and {c["kind"] for c in papers} == {"added"}


def test_time_questions_on_the_bundle(home: Path) -> None:
    with open_current(home) as store:
        assistant = Assistant(store)
        kimi = assistant.ask("when was Kimi-VL added?")
        july = assistant.ask("what models were added to the hub in July 2025?")
        said = assistant.ask("what did the hub say about Qwen2.5-VL's parameters in March 2025?")
    assert kimi.markdown.splitlines()[0] == (
        "**Kimi-VL** was first listed on 2025-04-15 (commit 4e870f3)."
    )
    assert sorted(e.label for e in july.entities) == ["BLIP3-o", "OmniGen2"]
    assert said.markdown.startswith(
        "In the version of 2025-03-29 (commit 313b2e3), the hub said of **Qwen2.5-VL**: "
    )
    assert "parameterText: 3B, 72B, 7B" in said.markdown
    assert [c.source for c in said.citations] == ["README.md#L19-L19"]


def test_every_version_is_a_named_graph(home: Path) -> None:
    with open_current(home) as store:
        rows = store.query(
            "SELECT (COUNT(?v) AS ?n) (COUNT(?prev) AS ?revisions) WHERE {"
            " ?v a vlm:HubVersion . OPTIONAL { ?v prov:wasRevisionOf ?prev } }"
        ).dicts()
        graphs = {g.value for g in store.inner.named_graphs()}  # type: ignore[union-attr]
    assert (int(rows[0]["n"]), int(rows[0]["revisions"])) == (44, 43)
    assert sum(g.startswith("https://w3id.org/vlmkg/graph/version/") for g in graphs) == 44
