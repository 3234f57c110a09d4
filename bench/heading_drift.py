"""Heading drift: how many of a list's records survive when its section headings are renamed.

    python -m bench.heading_drift [--held-out] [-v] [--files A.md ...]

Each rename of bench/heading_drift.yaml replaces the top-level headings of one class
(models, datasets, ...) in every list, keeping their level and the text under them; a
rename of class `any` (words of no class meaning: "Part II", "More") replaces each class's
headings in turn. The list is ingested again and the records of the renamed sections
(class, name and key facts, without the heading path) are compared with those of the
original: one line per rename, the share that survived over all lists, and how many
records the renamed list yields there that the original does not (extras). Every third rename
is held out (`--held-out` scores those only; develop on the others).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from ingest import extract, parse
from ingest._sections import classify
from ingest.records import (
    BenchmarkRecord,
    DatasetRecord,
    ModelRecord,
    PaperRecord,
    PassageRecord,
    Record,
    SectionRecord,
    ToolRecord,
)

ROOT = Path(__file__).resolve().parents[1]
RENAMES = ROOT / "bench" / "heading_drift.yaml"
LISTS = (
    ROOT / "vlmkg" / "data" / "vlm-research-hub.md",
    Path("/work/shared/hub/vlm-research-hub_2025-03-16_tables.md"),
    Path("/work/shared/hub/vlm-research-hub_2025-08-04.md"),
    Path("/work/shared/hub/other/awesome-vlm-architectures.md"),
    ROOT / "tests" / "data" / "model_table_survey.md",
)
CLASSES = ("models", "datasets", "benchmarks", "research_directions", "tools", "applications")

Key = tuple[object, ...]
Span = tuple[int, int]


def renames(held_out: bool) -> list[tuple[str, str]]:
    """(class, new heading) of the developed renames, or of the held-out third."""
    rows = yaml.safe_load(RENAMES.read_text("utf-8"))["renames"]
    return [(c, t) for i, (c, t) in enumerate(rows) if (i % 3 == 2) == held_out]


def top_sections(text: str, file: str) -> Iterator[tuple[str, int, int, int]]:
    """(class, heading line, last line, level) of every top-level section of a class: a
    heading with no parent, or whose parent is the document's one title."""
    document = parse(text, file)
    titled = sum(1 for s in document.sections if s.level == 1) == 1
    for classified in classify(document):
        section, ancestors = classified.section, classified.ancestors
        top = not ancestors if not titled else len(ancestors) == 1 and section.level > 1
        if top and classified.kind in CLASSES:
            yield classified.kind, section.start_line, section.end_line, section.level


def rewrite(text: str, lines: list[tuple[int, int]], title: str) -> str:
    """`text` with the headings at `lines` ((line, level), 1-based) reading `title`."""
    out = text.splitlines(keepends=True)
    for line, level in lines:
        ending = "\n" if out[line - 1].endswith("\n") else ""
        out[line - 1] = f"{'#' * level} {title}{ending}"
    return "".join(out)


def key(record: Record) -> Key | None:
    """What a record says, without where it sits: class, name and key facts."""
    if isinstance(record, ModelRecord):
        return (
            "model",
            record.name,
            record.year,
            tuple(c.name for c in record.vision_encoders),
            tuple(c.name for c in record.language_backbones),
            tuple(p.text for p in record.parameters),
            record.series,
        )
    if isinstance(record, DatasetRecord):
        return ("dataset", record.name, tuple(q.text for q in record.sizes))
    if isinstance(record, BenchmarkRecord):
        return ("benchmark", record.name)
    if isinstance(record, ToolRecord):
        return ("tool", record.name)
    if isinstance(record, PaperRecord):
        return ("paper", record.title)
    if isinstance(record, SectionRecord) and record.kind in ("research_direction", "application"):
        return (record.kind, record.title)
    if isinstance(record, PassageRecord) and record.kind in ("research_direction", "application"):
        return (f"{record.kind} passage", record.text)
    return None


def keys_in(records: list[Record], spans: list[Span]) -> list[Key]:
    """Keys of the records that start inside one of `spans` (first, last line)."""
    found = []
    for record in records:
        k = key(record)
        line = record.source.start_line
        if k is not None and any(a <= line <= b for a, b in spans):
            found.append(k)
    return found


def survival(text: str, file: str, cls: str, title: str) -> tuple[int, int, list[Key]]:
    """(kept, original, lost keys) of the records under `cls` headings renamed `title`."""
    sections = [s for s in top_sections(text, file) if cls in ("any", s[0])]
    if cls == "any":
        total = kept = 0
        lost: list[Key] = []
        for each in CLASSES:
            k, n, missing = _one(text, file, [s for s in sections if s[0] == each], title)
            total, kept, lost = total + n, kept + k, lost + missing
        return kept, total, lost
    return _one(text, file, sections, title)


_ORIGINALS: dict[str, list[Record]] = {}
_EXTRAS: list[Key] = []  # records the renamed list yields that the original does not


def _one(text: str, file: str, sections: list, title: str) -> tuple[int, int, list[Key]]:
    if not sections:
        return 0, 0, []
    spans = [(s[1], s[2]) for s in sections]
    if text not in _ORIGINALS:
        _ORIGINALS[text] = extract(parse(text, file))
    before = keys_in(_ORIGINALS[text], spans)
    variant = rewrite(text, [(s[1], s[3]) for s in sections], title)
    after = keys_in(extract(parse(variant, file)), spans)
    lost = [k for k in before if k not in set(after)]
    _EXTRAS.extend(k for k in after if k not in set(before))
    return len(before) - len(lost), len(before), lost


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="score the held-out renames")
    parser.add_argument("-v", action="store_true", help="print lost records per list")
    parser.add_argument("--files", nargs="*", type=Path, default=list(LISTS))
    args = parser.parse_args(argv)
    texts = [(p.name, p.read_text("utf-8")) for p in args.files]
    print(f"{'class':<20} {'rename':<36} {'kept':>6} {'of':>6} {'survival':>8} {'extra':>6}")
    all_kept = all_total = all_extra = 0
    for cls, title in renames(args.held_out):
        kept = total = 0
        _EXTRAS.clear()
        for name, text in texts:
            k, n, lost = survival(text, "README.md", cls, title)
            kept, total = kept + k, total + n
            if args.v and lost:
                print(f"    {name}: lost {len(lost)}: {lost[:4]}")
        all_kept, all_total = all_kept + kept, all_total + total
        share = 100 * kept / total if total else 100.0
        extra = len(_EXTRAS)
        all_extra += extra
        print(f"{cls:<20} {title:<36} {kept:>6} {total:>6} {share:>7.1f}% {extra:>6}", flush=True)
    share = 100 * all_kept / all_total if all_total else 100.0
    print(f"{'all':<20} {'':<36} {all_kept:>6} {all_total:>6} {share:>7.1f}% {all_extra:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
