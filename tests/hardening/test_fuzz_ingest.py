"""Fuzzed hubs: the parser raises only VlmkgError, facts point at real lines, output is stable.

`tests/ingest/test_properties.py` covers shuffled hub lines and markdown fragments; these
generate whole hub-like documents (see `_hubgen`) and raw bytes in other encodings, and
follow the records into the graph (valid IRIs, identical triples on a second run).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from ingest import extract, parse, read_hub
from ingest._text import repair_mojibake
from ingest.records import BenchmarkRecord, DatasetRecord, ModelRecord, ToolRecord
from kg.build import build
from tests.hardening._hubgen import MOJIBAKE, hub_markdown
from vlmkg.errors import VlmkgError

NAMED = (ModelRecord, DatasetRecord, BenchmarkRecord, ToolRecord)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def source_lines(text: str) -> list[str]:
    """The lines as markdown-it numbers them (CRLF and CR are line ends, nothing else)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def folded(text: str) -> str:
    """Letters and digits only, case-folded and NFKC ("²" is "2"), mojibake repaired as the
    parser repairs it: markup, spacing and encoding accidents do not count."""
    text = unicodedata.normalize("NFKC", repair_mojibake(text)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def check_records(text: str) -> list:
    """Extract twice; assert line ranges, names on their lines and determinism."""
    try:
        records = extract(parse(text, "f.md"))
    except VlmkgError:
        return []
    lines = source_lines(text)
    for record in records:
        source = record.source
        assert source.file == "f.md"
        assert 1 <= source.start_line <= source.end_line <= len(lines), (record, len(lines))
        if isinstance(record, NAMED) and folded(record.name):
            span = folded(" ".join(lines[source.start_line - 1 : source.end_line]))
            assert folded(record.name) in span, (record.name, source)
    assert extract(parse(text, "f.md")) == records
    return records


def check_triples(records: list) -> None:
    """Every IRI of the graph parses as an IRI; two builds give the same triples."""
    if not records:
        return
    graph = build(records)
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                ox.NamedNode(str(term))  # raises ValueError on an invalid IRI
    assert set(build(records)) == set(graph)


@pytest.mark.slow
@SETTINGS
@given(hub_markdown())
# found by this test: a "### Models" heading over prose was read as a model named "Models"
@example(
    text="## Models\n\n### 2025\n### Models\n\n"
    "- **LLaVA** -  - [paper](https://arxiv.org/abs/2409.12191) - \n\n"
    "-**LLaVA** -  - [paper](https://arxiv.org/abs/2409.12191) - "
)
def test_generated_hubs(text: str) -> None:
    check_triples(check_records(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(MOJIBAKE) | st.text(max_size=30), max_size=40),
    st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig", "utf-32"]),
    st.binary(max_size=64),
)
def test_hub_files_in_any_encoding(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[str], encoding: str, noise: bytes
) -> None:
    text = "## Models\n\n### 2025\n- **Né-VL 🌐** (2025) - " + "".join(pieces)
    data = text.encode(encoding, "replace") + noise
    path = tmp_path_factory.mktemp("enc") / "hub.md"
    path.write_bytes(data)
    try:
        records = read_hub(path)
    except VlmkgError as exc:
        assert str(path) in str(exc)
        return
    assert all(1 <= r.source.start_line <= r.source.end_line for r in records)


@pytest.mark.parametrize(
    "text",
    [
        "## Models\n### 2025\n- **A** [p](https://arxiv.org/\nabs/1) " + "x" * 200_000,
        "## Models\n```\n" + "- **Inside** fence\n" * 500,  # unclosed fence to the end
        "## Models\n" + "".join(f"{'  ' * i}- **N{i}** 7B\n" for i in range(60)),  # deep nesting
        "## Models\n### 2025\n| Model | Params\n|---\n| **X** | 7B | extra | cells |\n| Y",
        "## Models\r### 2025\r- **CR-only** (2025) 3B\r",
        "\ufeff## Models\n### 2024\n- **\u202eRTL\u202c** 🇫🇷 " + "🌐" * 5000,
    ],
    ids=["huge-line", "unclosed-fence", "deep-nesting", "ragged-table", "cr-only", "rtl-emoji"],
)
def test_known_hard_inputs(text: str) -> None:
    check_triples(check_records(text))


def test_bundled_hub_names_are_on_their_lines() -> None:
    hub = Path(__file__).resolve().parents[2] / "vlmkg" / "data" / "vlm-research-hub.md"
    records = check_records(hub.read_text("utf-8"))
    assert sum(isinstance(r, ModelRecord) for r in records) >= 40
    assert re.search(r"\S", hub.read_text("utf-8"))


BROKEN = [  # records that cannot become RDF as written: repaired or dropped, never fatal
    "- **[](https://github.com/acme/ghost-vl)** - 3B parameters",
    "- **\u200b** - [Ghost-VL](https://example.org/ghost-vl) with 3B parameters",
    "- **~~~** (2025) - 2B parameters",
    "- **Zero-VL** - 0B parameters",
    "- **Far-VL** (2999) - 7B parameters",
    "| --- | --- | --- |",
    "| **** | 2024 | 1B |",
    "| [](https://huggingface.co/acme/Blank-VL) | 2024 | 1B |",
    "|  |  |  |",
]


@st.composite
def hub_with_broken_records(draw: st.DrawFn) -> str:
    """A generated hub with broken entries and rows spliced in between its lines."""
    lines = draw(hub_markdown()).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(BROKEN)))
    # NUL bytes make the whole file binary, which is refused as a file, not as a record
    return "## Models\n\n### 2025\n" + "\n".join(lines).replace("\x00", "")


@pytest.mark.slow
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(hub_with_broken_records())
def test_generated_hubs_build_without_strict(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """`vlmkg build` exits 0 on any generated hub; the summary counts its warnings."""
    import contextlib
    import io

    from vlmkg.cli import main

    folder = tmp_path_factory.mktemp("fuzzbuild")
    hub = folder / "hub.md"
    hub.write_text(text, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["build", "--no-index", "--home", str(folder / "home"), str(hub)])
    assert code == 0, err.getvalue()[-2000:]
    summary = next(line for line in out.getvalue().splitlines() if line.startswith("records:"))
    match = re.fullmatch(r"records: \d+ built, (\d+) repaired, (\d+) dropped(.*)", summary)
    assert match is not None, summary
    warned = [line for line in err.getvalue().splitlines() if line.startswith("warning: hub.md:")]
    assert len(warned) == int(match.group(1)) + int(match.group(2))
