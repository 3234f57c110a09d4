"""`vlmkg build --history` and `vlmkg changes` on a small history made with git.

tests/data/history/v1..v3.md, one commit each: v2 adds a model and a benchmark, removes a
model, renames one (same paper link) and edits a parameter count; v3 only reformats
(emoji in headings, re-wrapped bullets, the datasets section moved up), so it changes
nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg._history_entities import Entry, match
from kg.builds import open_current
from kg.changes import CHANGES_GRAPH, VERSION_GRAPH
from vlmkg.cli import main

DATA = Path(__file__).parent.parent / "data" / "history"
DATES = ("2025-01-10", "2025-02-10", "2025-03-10")

V1 = {
    ("added", "Benchmark", "BenchOne"),
    ("added", "Dataset", "DataOne"),
    ("added", "Model", "Alpha-VL"),
    ("added", "Model", "Beta"),
    ("added", "Model", "Gamma"),
}
V2 = [
    "added         Benchmark  BenchTwo  [L15]",
    "added         Model      Delta  [L8]",
    "removed       Model      Gamma  [L8, gone in {v2}]",
    "renamed       Model      Beta -> Beta-VL  [L7 -> L7]",
    "fact-changed  Model      Alpha-VL  vlm:parameterCount: 7000000000 -> 13000000000  [L6 -> L6]",
]


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {
            "GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00",
            "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00",
        }
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def commit(repo: Path, text: str, date: str, message: str) -> str:
    (repo / "README.md").write_text(text, encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A git repository with the three versions, and their commit ids."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q")
    commits = [
        commit(repo, (DATA / f"v{n}.md").read_text("utf-8"), date, f"v{n}")
        for n, date in enumerate(DATES, start=1)
    ]
    (repo / "LICENSE").write_text("MIT\n")  # a commit that leaves the hub alone
    git(repo, "add", "LICENSE")
    git(repo, "commit", "-q", "-m", "license", date="2025-03-11")
    return repo, commits


@pytest.fixture(scope="module")
def home(history: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    assert main(["build", "--history", str(history[0]), "--no-index", "--home", str(home)]) == 0
    return home


def changes(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["changes", "--home", str(home), *args])
    return code, capsys.readouterr().out.splitlines()


def quads(home: Path) -> set[str]:
    """Every quad of the home's current store, as N-Quads lines."""
    with open_current(home) as store:
        return {str(q) for q in store.inner.quads_for_pattern(None, None, None, None)}


def strip(lines: list[str]) -> list[str]:
    """The lines without their date and commit columns."""
    return [line.split("  ", 2)[2] for line in lines]


def test_the_latest_version_only_reformats_so_nothing_changed(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert changes(capsys, home) == (0, ["no changes"])


def test_changes_since_a_date_are_exactly_those_of_v2(
    home: Path, history: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    v2 = history[1][1][:7]
    code, lines = changes(capsys, home, "--since", "2025-02-01")
    assert code == 0
    assert [line[:21] for line in lines] == [f"2025-02-10  {v2}  "] * len(V2)
    assert strip(lines) == [line.format(v2=v2) for line in V2]


def test_every_change_since_the_first_version(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines = changes(capsys, home, "--since", "2025-01-01", "--json")
    found = [json.loads(line) for line in lines]
    first = {(c["kind"], c["cls"], c["label"]) for c in found if c["new"]["date"][:10] == DATES[0]}
    assert code == 0 and first == V1
    assert {c["new"]["date"][:10] for c in found} == {DATES[0], DATES[1]}


def test_an_entity_timeline_follows_its_rename(
    home: Path, history: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    v1, v2 = (c[:7] for c in history[1][:2])
    expected = [
        f"2025-01-10  {v1}  added         Model      Beta  [L7]",
        f"2025-02-10  {v2}  renamed       Model      Beta -> Beta-VL  [L7 -> L7]",
    ]
    assert changes(capsys, home, "--entity", "beta") == (0, expected)
    assert changes(capsys, home, "--entity", "Beta-VL") == (0, expected)


def test_versions_are_named_graphs_and_the_newest_is_the_default(
    home: Path, history: tuple[Path, list[str]]
) -> None:
    commits = history[1]
    with open_current(home) as store:
        per_version = store.query(
            "SELECT ?v (COUNT(DISTINCT ?m) AS ?n) WHERE { ?v a vlm:HubVersion . "
            "GRAPH ?v { ?m a vlm:Model ; vlm:listedIn ?s } } GROUP BY ?v"
        ).dicts()
        revisions = store.query("SELECT ?v ?prev WHERE { ?v prov:wasRevisionOf ?prev }").dicts()
        models = store.query(
            "SELECT ?label ?m WHERE { ?m a vlm:Model ; vlm:listedIn ?s ; rdfs:label ?label }"
        ).dicts()
    assert {str(r["v"]).removeprefix(VERSION_GRAPH): int(r["n"]) for r in per_version} == {
        commits[0]: 3,
        commits[1]: 3,
        commits[2]: 3,
    }
    assert {(str(r["v"]), str(r["prev"])) for r in revisions} == {
        (VERSION_GRAPH + commits[1], VERSION_GRAPH + commits[0]),
        (VERSION_GRAPH + commits[2], VERSION_GRAPH + commits[1]),
    }
    # the renamed model keeps the IRI it had as "Beta"
    assert {str(r["label"]): str(r["m"]).rsplit("/", 1)[-1] for r in models} == {
        "Alpha-VL": "alpha-vl",
        "Beta-VL": "beta",
        "Delta": "delta",
    }


def test_a_second_build_after_one_commit_ingests_only_it(
    history: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(history[0], repo)
    home = tmp_path / "home"
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    text = (DATA / "v3.md").read_text("utf-8").replace("2B parameters", "4B parameters")
    commit(repo, text, "2025-04-01", "v4")
    capsys.readouterr()
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    err = capsys.readouterr().err.splitlines()
    progress = [line.rsplit("(", 1)[-1] for line in err if line.startswith("version ")]
    assert progress == ["cached)", "cached)", "cached)", "built)"]
    assert "store: 3 version graphs kept from the previous build, 1 loaded" in err
    # the store, started from the previous one, is the store a cold build makes
    cold = tmp_path / "cold"
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(cold)]) == 0
    assert quads(home) == quads(cold)
    code, lines = changes(capsys, home)
    assert code == 0 and strip(lines) == [
        "fact-changed  Model      Delta  vlm:parameterCount: 2000000000 -> 4000000000"
        "  [L16 -> L16]",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["changes", "--since", "June"], "error: --since 'June' is not a date"),
        (
            ["build", "--history", str(DATA), "--no-index"],
            f"error: {DATA} is not a git repository with commits",
        ),
        (
            ["build", "--history", "/nonexistent/repo", "--no-index"],
            "error: /nonexistent/repo: no such",
        ),
        (
            ["build", "--history", str(DATA), str(DATA / "v1.md"), "--no-index"],
            "error: give either hub FILES or --history REPO, not both",
        ),
        (
            ["build", "--history", str(DATA), "--store", "sparql+http://127.0.0.1:9/sparql"],
            "error: --history builds into the embedded store only",
        ),
    ],
)
def test_bad_input_is_one_error_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*args, "--home", str(tmp_path)]) in (1, 2)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(message)


def test_changes_on_a_build_without_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub = tmp_path / "hub.md"
    hub.write_text((DATA / "v1.md").read_text("utf-8"), encoding="utf-8")
    assert main(["build", str(hub), "--no-index", "--home", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["changes", "--home", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        "error: the graph has no versions: build it with `vlmkg build --history REPO`\n"
    )


def test_dataset_exports_carry_the_versions_and_changes(
    home: Path, history: tuple[Path, list[str]], tmp_path: Path
) -> None:
    out = tmp_path / "hub.nq"
    assert main(["export", "--format", "nquads", "-o", str(out), "--home", str(home)]) == 0
    quads = ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    graphs = {g for g in graphs if g.startswith("https://w3id.org/vlmkg/graph/")}
    assert graphs == {CHANGES_GRAPH, *(VERSION_GRAPH + c for c in history[1])}


def entry(iri: str, label: str, cls: str = "Model", **more: object) -> Entry:
    return Entry(f"res:{iri}", cls, label, **more)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("older", "newer", "pairs"),
    [
        # the same key: case and hyphens do not matter
        (
            [entry("model/qwen-vl", "Qwen-VL")],
            [entry("model/qwen-vl-2", "qwen vl")],
            {"res:model/qwen-vl-2": "res:model/qwen-vl"},
        ),
        # an alias of the old name
        (
            [entry("model/a", "Janus", aliases=("Janus-Pro",))],
            [entry("model/b", "Janus-Pro")],
            {"res:model/b": "res:model/a"},
        ),
        # a shared paper, different names
        (
            [entry("model/a", "Phi-4 Mini", links=("arXiv:2503.01743",))],
            [entry("model/b", "PH4 Mini", links=("arXiv:2503.01743",))],
            {"res:model/b": "res:model/a"},
        ),
        # a similar name with a shared fact
        (
            [entry("model/a", "InternVL2", facts=(("vlm:releaseYear", "2024"),))],
            [entry("model/b", "InternVL 2.0", facts=(("vlm:releaseYear", "2024"),))],
            {"res:model/b": "res:model/a"},
        ),
        # moved to another class
        (
            [entry("dataset/scienceqa", "ScienceQA", "Dataset")],
            [entry("benchmark/scienceqa", "ScienceQA", "Benchmark")],
            {"res:benchmark/scienceqa": "res:dataset/scienceqa"},
        ),
        # two candidates for one link: no guess
        (
            [entry("model/a", "Alpha", links=("x",)), entry("model/b", "Beta", links=("x",))],
            [entry("model/c", "Gamma", links=("x",))],
            {},
        ),
        # unrelated names
        ([entry("model/a", "Flamingo")], [entry("model/b", "Kosmos-2")], {}),
    ],
)
def test_entries_are_matched_across_versions(
    older: list[Entry], newer: list[Entry], pairs: dict[str, str]
) -> None:
    found = match({e.iri: e for e in older}, {e.iri: e for e in newer})
    assert found.pairs == pairs


def test_a_since_after_every_version(
    history: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--history", str(history[0]), "--since", "2030-01-01", "--no-index"]
    assert main([*args, "--home", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "error: no version of README.md since 2030-01-01 (the newest is of 2025-03-10); "
        "give an earlier --since\n"
    )
    assert not (tmp_path / "current").exists()
