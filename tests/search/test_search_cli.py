"""`vlmkg search` end to end: a real build directory, the real model, exact output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vlmkg.cli import main

RES = "https://w3id.org/vlmkg/resource/"


@pytest.fixture(scope="module")
def home(sample_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A VLMKG_HOME whose `current` build is the sample build."""
    home = tmp_path_factory.mktemp("home")
    (home / "builds").mkdir()
    (home / "builds" / "sample").symlink_to(sample_build, target_is_directory=True)
    (home / "current").symlink_to(Path("builds") / "sample")
    return home


@pytest.fixture
def in_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VLMKG_HOME", str(home))
    return home


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VLMKG_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "search", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.slow
def test_json_shape(home: Path) -> None:
    done = run(home, "satellite images of land use", "-k", "2", "--type", "Dataset", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["query", "results"]
    assert data["query"] == "satellite images of land use"
    assert [list(r) for r in data["results"]] == [
        ["iri", "label", "type", "score", "source", "text"]
    ] * 2
    first = data["results"][0]
    assert (first["iri"], first["label"], first["type"], first["source"]) == (
        RES + "dataset/eurosat",
        "EuroSAT",
        "Dataset",
        "hub.md#L120-L120",
    )
    assert data["results"][0]["score"] >= data["results"][1]["score"]


@pytest.mark.slow
def test_human_output(home: Path) -> None:
    done = run(home, "satellite images for", "land use", "-k", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        " 1. 0.0328  Dataset            EuroSAT  [hub.md#L120-L120]",
        "    EuroSAT is a dataset. 27K satellite images for land use classification.",
    ]


def test_control_characters_are_stripped(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "\x07Euro\x00SAT\x1b", "-k", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["query"] == "Euro SAT"
    assert main(["search", "\x07EuroSAT\x1b", "-k", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["query"], [r["label"] for r in data["results"]]) == ("EuroSAT", ["EuroSAT"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["   "], 2, "error: the query is empty: give some words to search for\n"),
        (["\x00\x01"], 2, "error: the query is empty: give some words to search for\n"),
        (
            ["x" * 100_000],
            2,
            "error: the query is 100000 characters long; the limit is 1000 "
            "(search with a few words or a sentence)\n",
        ),
        (
            ["x", "--type", "Gadget"],
            2,
            "error: unknown type 'Gadget': valid types are Architecture, Benchmark, Dataset, "
            "EthicalChallenge, LanguageModel, Model, Passage, PretrainedComponent, "
            "ResearchDirection, Table, TableRow, Tool, VisionEncoder\n",
        ),
    ],
)
def test_bad_input(
    in_home: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int, message: str
) -> None:
    assert main(["search", *args]) == code
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", message)


def test_no_results(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "satellite images", "--year", "1999"]) == 0
    assert capsys.readouterr()[:2] == ("", "no results\n")


def test_no_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VLMKG_HOME", str(tmp_path))
    assert main(["search", "anything"]) == 1
    assert capsys.readouterr().err.startswith("error: no graph in ")


def test_bad_k_is_a_usage_error(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "x", "-k", "0"]) == 2
    assert "Invalid value for '-k'" in capsys.readouterr().err


def test_ask_cuts_a_long_question_to_the_search_limit(home: Path) -> None:
    # the question is cut to 2,000 characters, past search's 1,000-character query limit:
    # the assistant's passage search reads the question's start instead of failing
    env = {**os.environ, "VLMKG_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "ask", "a" * 50_000],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("The hub does not say")
