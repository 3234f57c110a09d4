"""Properties that hold for any input: no crash, line ranges inside the file, determinism."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import extract, parse
from ingest.records import SectionRecord
from tests.ingest.conftest import HUB

HUB_LINES = HUB.read_text("utf-8").splitlines()
MARKDOWN_PIECES = [
    "# ",
    "## ",
    "### 2025",
    "- **",
    "** - [",
    "](",
    ")",
    "https://arxiv.org/pdf/2409.11402",
    "| a | b |",
    "|---|---|",
    "```",
    "\n",
    "  - ",
    "3B/7B/72B parameters",
    "using CLIP ViT-L/14 for vision encoder and Qwen2 as pretrained backbone",
    "based on ",
    "(2024)",
    "√ó",
    "‚Üí ",
    "üåê",
    "**",
    ":",
    "&",
]


def _check(text: str) -> None:
    records = extract(parse(text, "f.md"))
    line_count = max(1, len(text.splitlines()))
    for record in records:
        source = record.source
        assert 1 <= source.start_line <= source.end_line <= max(line_count, source.start_line)
        assert source.file == "f.md"
    assert records == extract(parse(text, "f.md"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=12), max_size=60))
def test_any_markdown_pieces(pieces: list[str]) -> None:
    _check("".join(pieces))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(HUB_LINES) - 1), min_size=1, max_size=120))
def test_shuffled_hub_lines(indices: list[int]) -> None:
    _check("\n".join(HUB_LINES[i] for i in indices))


def test_every_heading_gets_one_section_record() -> None:
    text = HUB.read_text("utf-8")
    sections = [r for r in extract(parse(text, "f.md")) if isinstance(r, SectionRecord)]
    headings = [
        line for line in HUB_LINES if line.lstrip().startswith("#") and not line.startswith("    ")
    ]
    fenced = 0
    in_fence = False
    for line in HUB_LINES:
        if line.strip().startswith("```"):
            in_fence = not in_fence
        elif in_fence and line.lstrip().startswith("#"):
            fenced += 1
    assert len(sections) == len(headings) - fenced
