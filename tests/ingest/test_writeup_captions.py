"""Prose inside HTML blocks: a figure caption is a paragraph on the block's lines (and so a
passage of the write-up's model); markup without sentences is none."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest.markdown import Paragraph, parse
from ingest.records import PassageRecord

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        (
            '<p align="center"><sub><b>Figure 1.</b> The encoder feeds patches into the'
            ' decoder. <a href="https://arxiv.org/abs/1">Source paper</a>, p. 2.</sub></p>',
            [("Figure 1. The encoder feeds patches into the decoder.", 3, 3)],
        ),
        # an image, a comment, a <summary> label, a title without a sentence: no prose
        (
            '<p align="center">\n  <img src="a.png" alt="An architecture with many parts.">\n</p>',
            [],
        ),
        ("<!-- figure:3 -->", []),
        ("<details>\n<summary>More Information</summary>", []),
        ("<summary>Chronological Model Index (155 architectures, newest first)</summary>", []),
    ],
)
def test_prose_of_html_blocks(html: str, paragraphs: list[tuple[str, int, int]]) -> None:
    document = parse(f"# List\n\n{html}\n", "list.md")
    found = [b for b in document.sections[0].blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.start_line, p.end_line) for p in found] == paragraphs


def test_a_caption_is_a_passage_of_the_write_up() -> None:
    records = ingest.read_hubs([DATA / "hub_writeups_benchmarks.md"])
    captions = [
        (r.subject, r.text, r.source.start_line, r.source.end_line)
        for r in records
        if isinstance(r, PassageRecord) and r.text.startswith("Figure")
    ]
    assert captions == [
        (
            "Quillon-VL",
            "Figure 2. A ViT encoder feeds chart patches through an MLP projector into the"
            " decoder.",
            13,
            17,
        )
    ]
