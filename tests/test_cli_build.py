"""`vlmkg build`: summary lines, exit codes, and bad input that builds nothing."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from vlmkg.cli import main

SMALL_HUB = "\n".join(
    [
        "# Tiny hub",
        "",
        "## Seminal models",
        "",
        "### 2024",
        "- **CogVLM** - [Encoder-decoder architecture with 18B parameters, using CLIP ViT-L/14"
        " for vision encoder and Vicuna as pretrained backbone](https://arxiv.org/pdf/2311.03079)",
        "- **SmolVLM** - [Decoder-only architecture with 250M & 500M parameters, using SigLIP for"
        " vision encoder and SmolLM as pretrained backbone](https://huggingface.co/blog/smolervlm)",
        "",
        "## Datasets & Benchmarks",
        "",
        "#### Core Training Datasets",
        "- **COCO** - [Contains 328K images, each paired with 5 captions](https://cocodataset.org/)",
        "",
        "## Benchmarks",
        "- **MMMU** (2023) - [Massive Multi-discipline Multimodal Understanding benchmark]"
        "(https://mmmu-benchmark.github.io/)",
        "",
    ]
)


def vlmkg(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("VLMKG_HOME", str(home))
    return home


@pytest.fixture
def small_hub(tmp_path: Path) -> Path:
    path = tmp_path / "small.md"
    path.write_text(SMALL_HUB, encoding="utf-8")
    return path


def test_build_prints_a_summary(capsys, home: Path, small_hub: Path) -> None:
    code, out, err = vlmkg(capsys, "build", "--no-index", str(small_hub))
    assert code == 0
    assert re.fullmatch(r"built 1 hub \(small\.md\) in \d+\.\ds", out[0])
    build_dir = (home / "current").resolve()
    assert out[1:] == [
        "  vlm:Architecture                2",
        "  vlm:Benchmark                   1",
        "  vlm:Category                    1",
        "  vlm:Dataset                     1",
        "  vlm:Hub                         1",
        "  vlm:LanguageModel               2",
        "  vlm:Model                       2",
        "  vlm:Paper                       1",
        "  vlm:PretrainedComponent         5",
        "  vlm:Quantity                    1",
        "  vlm:Section                     6",
        "  vlm:SourceSpan                 10",
        "  vlm:VisionEncoder               3",
        "  vlm:WebResource                 3",
        "  triples                       830",
        "records: 10 built, 0 repaired, 0 dropped",
        "search index: skipped (--no-index)",
        f"graph: {build_dir}",
    ]
    assert [re.sub(r"\(\d+\.\ds\)", "(T)", line) for line in err] == [
        "graph: 830 triples (T)",
        "SHACL shapes: conform (T)",
        "store: loaded (T)",
    ]
    code, out, _ = vlmkg(
        capsys,
        "sparql",
        "--format",
        "csv",
        'SELECT ?y { ?m rdfs:label "MMMU" ; vlm:releaseYear ?y }',
    )
    assert (code, out) == (0, ["y", "2023"])


def test_home_option(capsys, tmp_path: Path, small_hub: Path, monkeypatch) -> None:
    monkeypatch.delenv("VLMKG_HOME", raising=False)
    other = tmp_path / "other"
    code, out, _ = vlmkg(capsys, "build", "--no-index", "--home", str(other), str(small_hub))
    assert code == 0
    assert out[-1] == f"graph: {(other / 'current').resolve()}"
    code, out, _ = vlmkg(capsys, "sparql", "--home", str(other), "ASK { ?m a vlm:Model }")
    assert (code, out) == (0, ["true"])


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "missing.md",
            None,
            "{path}: no such file; check the path or omit it to use the bundled hub",
        ),
        (
            "dir",
            "DIR",
            "{path} is a directory; give the markdown file(s) inside it, e.g. {path}/*.md",
        ),
        (
            "empty.md",
            b"",
            "{path} is empty; give a hub markdown file with model, dataset or benchmark lists",
        ),
        (
            "latin1.md",
            "# Mod\u00e8les\n- **CogVLM** - caf\u00e9\n".encode("latin-1"),
            "{path} is not UTF-8 text (byte 5); re-save it as UTF-8 and try again",
        ),
        (
            "binary.md",
            bytes(range(256)),
            "{path} is a binary file, not markdown; give a UTF-8 .md hub file",
        ),
        (
            "prose.md",
            b"Just a note.\n\nNothing listed here.\n",
            "{path} has no model, dataset or benchmark sections; nothing was built "
            "(headings such as '## Models', '### 2025' or '## Datasets' are expected)",
        ),
    ],
)
def test_bad_input_builds_nothing(
    capsys,
    home: Path,
    small_hub: Path,
    tmp_path: Path,
    name: str,
    content: bytes | str | None,
    error: str,
) -> None:
    assert vlmkg(capsys, "build", "--no-index", str(small_hub))[0] == 0
    before = os.readlink(home / "current")
    builds = sorted((home / "builds").iterdir())
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    code, out, err = vlmkg(capsys, "build", "--no-index", str(small_hub), str(path))
    assert (code, out, err) == (1, [], ["error: " + error.format(path=path)])
    assert os.readlink(home / "current") == before
    assert sorted((home / "builds").iterdir()) == builds


@pytest.mark.slow
def test_build_bundled_hub_by_default(capsys, home: Path) -> None:
    code, out, _ = vlmkg(capsys, "build", "--no-index")
    assert code == 0
    assert re.fullmatch(r"built 1 hub \(vlm-research-hub\.md\) in \d+\.\ds", out[0])
    assert [line.split() for line in out if "vlm:Dataset " in line] == [["vlm:Dataset", "52"]]
    code, out, _ = vlmkg(
        capsys,
        "sparql",
        "--format",
        "csv",
        'SELECT ?enc WHERE { ?m rdfs:label "CogVLM" ; vlm:visionEncoder/rdfs:label ?enc }',
    )
    assert (code, out) == (0, ["enc", "CLIP ViT-L/14"])


BAD_HUB = Path(__file__).parent / "data" / "hub_bad_records.md"


def test_bad_records_are_repaired_or_dropped_and_counted(capsys, home: Path) -> None:
    code, out, err = vlmkg(capsys, "build", "--no-index", str(BAD_HUB))
    assert code == 0
    assert "records: 11 built, 2 repaired, 4 dropped (warnings above)" in out
    f = BAD_HUB.name
    no_name = "has no letter or digit, and no link text or URL to name it from"
    assert [line for line in err if line.startswith("warning:")] == [
        f"warning: {f}:7: repaired a model: its name '\\u200b' has no letter or digit;"
        " named 'Ghost-VL' from its link text",
        f"warning: {f}:8: dropped a model: its name '~~~' {no_name}",
        f"warning: {f}:9: repaired a model: left out parameter counts that are not > 0: 0B",
        f"warning: {f}:16: dropped a model: its name '---' {no_name}",
        f"warning: {f}:17: dropped a model: its name '****' {no_name}",
        f"warning: {f}:18: dropped a model: its name '—' {no_name}",
    ]
    code, out, _ = vlmkg(
        capsys,
        "sparql",
        "--format",
        "csv",
        "SELECT ?l { ?m a vlm:Model ; rdfs:label ?l } ORDER BY ?l",
    )
    assert (code, out) == (0, ["l", "Ghost-VL", "Solid-VL", "Table-VL", "Zero-VL"])


def test_strict_fails_on_bad_records_and_keeps_the_previous_build(
    capsys, home: Path, small_hub: Path
) -> None:
    assert vlmkg(capsys, "build", "--no-index", str(small_hub))[0] == 0
    before = os.readlink(home / "current")
    code, out, err = vlmkg(capsys, "build", "--no-index", "--strict", str(BAD_HUB))
    assert (code, out) == (1, [])
    assert err[-2:] == [
        "error: the graph violates its SHACL shapes (1 problems):",
        '  res:model/zero-vl "Zero-VL" vlm:parameterCount: vlm:parameterCount must be an'
        ' xsd:decimal number of parameters > 0 (value: "0"^^xsd:decimal)',
    ]
    assert os.readlink(home / "current") == before


def test_source_names_and_their_errors(capsys, home: Path, small_hub: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(SMALL_HUB.replace("CogVLM", "CogVLM2"), encoding="utf-8")
    code, _, _ = vlmkg(
        capsys,
        "build",
        "--no-index",
        "--source-name",
        "B=other.md",
        "--source-name",
        "A",
        str(small_hub),
        str(other),
    )
    assert code == 0
    code, out, _ = vlmkg(
        capsys,
        "sparql",
        "--format",
        "csv",
        "SELECT ?file ?title { ?h a vlm:Hub, prov:Entity ; rdfs:label ?file ;"
        " dcterms:title ?title ; dcterms:identifier ?id FILTER(STRSTARTS(?id, 'sha256:')) }"
        " ORDER BY ?file",
    )
    assert (code, out) == (0, ["file,title", "other.md,B", "small.md,A"])
    code, out, err = vlmkg(
        capsys, "build", "--no-index", "--source-name", "X=nope.md", str(small_hub)
    )
    assert (code, err) == (
        2,
        ["error: --source-name X=nope.md: give NAME=FILE with FILE one of small.md"],
    )
    code, out, err = vlmkg(
        capsys, "build", "--no-index", "--source-name", "A", "--source-name", "B", str(small_hub)
    )
    assert (code, err) == (2, ["error: 2 --source-name values for 1 files"])


def test_progress_bars_on_a_terminal_only(home: Path, small_hub: Path) -> None:
    """On a terminal stderr gets a bar per stage, erased as each stage line is printed;
    piped (every other test here), stderr holds the stage lines alone."""
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "build", "--no-index", str(small_hub)],
        stdout=subprocess.PIPE,
        stderr=follower,
        env={**os.environ, "VLMKG_HOME": str(home)},
        check=False,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    terminal = b"".join(chunks).decode("utf-8")
    assert done.returncode == 0
    assert "\rread [" in terminal and "0/1\x1b[K" in terminal  # files read of 1
    assert "\rgraph [" in terminal and "/10\x1b[K" in terminal  # records mapped of 10
    assert "\rstore ..." in terminal
    shown = [line.split("\r")[-1].replace("\x1b[K", "") for line in terminal.split("\r\n")]
    assert [re.sub(r"\(\d+\.\ds\)", "(T)", line) for line in shown] == [
        "graph: 830 triples (T)",
        "SHACL shapes: conform (T)",
        "store: loaded (T)",
        "",
    ]


def test_a_build_and_a_local_query_import_no_remote_or_rdflib_sparql_code(tmp_path: Path) -> None:
    """httpx, rich, oxrdflib and rdflib's SPARQL engine are for remote stores and the rdflib
    view of a store: a build of the bundled hub and a local query load none of them."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from vlmkg.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "heavy = ('httpx', 'rich', 'oxrdflib', 'rdflib.plugins.sparql')\n"
        "print(code, sorted(m for m in heavy if m in sys.modules))\n"
    )
    home = str(tmp_path / "home")
    runs = [["build", "--no-index", "--home", home], ["sparql", "ASK {}"]]
    env = {**os.environ, "VLMKG_HOME": home}
    lines = [
        subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
            env=env,
        ).stdout.splitlines()[-1]
        for args in runs
    ]
    assert lines == ["0 []", "0 []"]
