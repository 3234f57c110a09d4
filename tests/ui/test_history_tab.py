"""The History tab's data on a --history build of tests/data/history, through a real pool."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.kg.test_history import DATA, DATES, commit, git
from ui import history
from ui.runtime import Runtime, ServeSettings
from vlmkg.cli import main


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runtime]:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q")
    for n, date in enumerate(DATES, start=1):
        commit(repo, (DATA / f"v{n}.md").read_text("utf-8"), date, f"v{n}")
    home = tmp_path_factory.mktemp("home")
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    settings = ServeSettings(home=home, time_limit=10, row_limit=1000, load_assistant=False)
    started = Runtime(settings).start()
    assert started.wait(60)
    yield started
    started.close()


def test_entries_per_version_by_class(runtime: Runtime) -> None:
    frame = history.per_version(runtime)
    rows = sorted(zip(frame["version"], frame["class"], frame["entries"], strict=True))
    assert rows == [
        (1, "Benchmark", 1), (1, "Dataset", 1), (1, "Model", 3),
        (2, "Benchmark", 2), (2, "Dataset", 1), (2, "Model", 3),
        (3, "Benchmark", 2), (3, "Dataset", 1), (3, "Model", 3),
    ]  # fmt: skip


def test_diff_between_the_first_and_the_last_version(runtime: Runtime) -> None:
    first, _, last = history.versions(runtime)
    lines = history.diff(runtime, last.graph, first.graph).splitlines()  # either order
    assert lines == [
        f"### {first.label} → {last.label}",
        "",
        "**Added** (2)",
        "",
        f"- **BenchTwo** (Benchmark) — L21 of {last.label}",
        f"- **Delta** (Model) — L16 of {last.label}",
        "",
        "**Removed** (1)",
        "",
        f"- **Gamma** (Model) — L8 of {first.label}",
        "",
        "**Changed** (2)",
        "",
        f"- **Alpha-VL** (Model) vlm:parameterCount: 7000000000 → 13000000000 ({DATES[1]})",
        f"- **Beta-VL** (Model) renamed from Beta ({DATES[1]})",
    ]


def test_a_version_against_itself_has_no_changes(runtime: Runtime) -> None:
    only = history.versions(runtime)[1]
    assert history.diff(runtime, only.graph, only.graph).splitlines()[2:] == [
        "**Added**: none", "", "**Removed**: none", "", "**Changed**: none",
    ]  # fmt: skip
