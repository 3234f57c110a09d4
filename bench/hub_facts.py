"""Extraction quality on hub versions, measured against a reader's annotation of a sample.

For each hub version (a commit of the history bundle, checked out at run time, or a
markdown file), a seeded sample of entry lines is drawn from the markdown itself, without
the extractor: bullets, numbered items, table rows and paragraph starts, in quotas per
kind of section as its heading reads to a person ("Models", "Datasets", "Benchmarks",
"Research Directions", a papers list, the rest). A reader wrote down in bench/hub_facts.yaml
what each sampled line is (model, dataset, benchmark, paper, tool, direction, or none of
these) and the facts it states. This module ingests the version (ingest only, no graph) and
scores the records that start at or span each annotated line: per fact kind, precision
(record values the reader also found) and recall (reader values the records hold); `class`
counts an entity of the reader's class at the line as a hit and one of another class as an
extra.

    python -m bench.hub_facts                         # scores per version and fact kind
    python -m bench.hub_facts --sample 3e71d36        # the sampled lines of one version
    python -m bench.hub_facts -v                      # plus every miss and extra
    python -m bench.hub_facts --held-out              # the held-out version only
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = Path("/work/shared/hub/history/vlm-research-hub-2025.bundle")
ANNOTATIONS = ROOT / "bench" / "hub_facts.yaml"
SEED = 12
# entries drawn per kind of section, as a heading reads to a person
QUOTAS = {"model": 9, "dataset": 5, "benchmark": 4, "direction": 3, "paper": 2, "other": 2}
# heading words -> kind of section; a level-3 heading is read before its level-2 parent
_SECTION_WORDS = (
    ("paper", re.compile(r"\bpapers?\b(?!.*\bmodels?\b)", re.I)),
    ("model", re.compile(r"\bmodels?\b|\bVLMs\b", re.I)),
    ("dataset", re.compile(r"\bdata(?:sets?)?\b|\bcorpora\b", re.I)),
    ("benchmark", re.compile(r"\bbenchmarks?\b|\bevaluation\b|\bmeasure|\bleaderboards?\b", re.I)),
    (
        "direction",
        re.compile(r"\bresearch\b|\bdirections?\b|\bfield\b|\btrends?\b|\bopen problems", re.I),
    ),
)
_ENTRY = re.compile(r"^\s{0,3}(?:[-*+]\s+\S|\d+[.)]\s+\S|\|(?!\s*:?-{3,}))")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)")

FACTS = {
    "model": (
        "name",
        "vision encoder",
        "backbone",
        "parameters",
        "year",
        "organisation",
        "architecture",
        "members",
    ),
    "dataset": ("name", "size", "year"),
    "benchmark": ("name", "year", "measures"),
    "paper": ("name", "year"),
    "tool": ("name",),
    "direction": ("name",),
}


def versions() -> dict[str, str]:
    """Annotated version label -> 'bundle' (a commit of the history bundle) or a file path."""
    return {label: spec["source"] for label, spec in _annotations().items()}


def _annotations() -> dict[str, dict]:
    return yaml.safe_load(ANNOTATIONS.read_text("utf-8"))


def version_texts(labels: list[str]) -> Iterator[tuple[str, str]]:
    """(label, markdown) of each version: bundle commits checked out into a temporary clone."""
    sources = versions()
    with tempfile.TemporaryDirectory() as scratch:
        clone = Path(scratch) / "hub"
        for label in labels:
            source = sources[label]
            if source != "bundle":
                yield label, (ROOT / source).read_text("utf-8")
                continue
            if not clone.exists():
                subprocess.run(["git", "clone", "-q", str(BUNDLE), str(clone)], check=True)
            shown = subprocess.run(
                ["git", "-C", str(clone), "show", f"{label}:README.md"],
                check=True,
                capture_output=True,
            )
            yield label, shown.stdout.decode("utf-8", "replace")


def entry_lines(text: str) -> dict[str, list[tuple[int, str]]]:
    """Kind of section -> (line number, line) of every line that starts an entry."""
    out: dict[str, list[tuple[int, str]]] = {kind: [] for kind in QUOTAS}
    headings: dict[int, str] = {}
    fenced = False
    previous = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            previous = ""
            continue
        heading = _HEADING.match(line)
        if fenced or heading:
            if heading:
                level = len(heading.group(1))
                headings = {k: v for k, v in headings.items() if k < level}
                headings[level] = heading.group(2)
            previous = "" if heading else line
            continue
        starts_paragraph = (
            re.search(r"\w", line) and not previous.strip() and not line.startswith(" ")
        )
        if (_ENTRY.match(line) or starts_paragraph) and not _is_table_header(text, number):
            out[_section_kind(headings)].append((number, line.strip()))
        previous = line
    return out


def _is_table_header(text: str, number: int) -> bool:
    lines = text.splitlines()
    below = lines[number] if number < len(lines) else ""
    return lines[number - 1].lstrip().startswith("|") and bool(
        re.match(r"^\s*\|?\s*:?-{3,}", below)
    )


# a level-3 heading names its kind only by these words ("Diverse Visual Data" is a direction)
_SUBSECTION_WORDS = re.compile(r"\bpapers?\b|\bdatasets?\b|\bbenchmarks?\b", re.I)


def _section_kind(headings: dict[int, str]) -> str:
    for level in (3, 2):
        title = headings.get(level, "")
        if level == 3 and not _SUBSECTION_WORDS.search(title):
            continue
        for kind, words in _SECTION_WORDS:
            if words.search(title):
                return kind
    return "other"


def sampled(label: str, text: str) -> list[tuple[int, str]]:
    """The seeded sample of one version's entry lines a reader annotates, in line order."""
    rng = random.Random(f"{SEED}:{label}")  # versions share entries: a sample of their own
    chosen: list[tuple[int, str]] = []
    for kind, lines in entry_lines(text).items():
        chosen += rng.sample(lines, min(QUOTAS[kind], len(lines)))
    return sorted(chosen)


def _key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _agrees(value: str, wanted: list[str], exact: bool = False) -> bool:
    """A record value agrees with a reader's when the keys are equal (or one contains the other)."""
    key = _key(value)
    if exact:
        return any(key == _key(w) for w in wanted)
    return any(key and w and (w in key or key in w) for w in map(_key, wanted))


def _record_class(record) -> str | None:
    from ingest.records import (
        BenchmarkRecord,
        DatasetRecord,
        ModelRecord,
        PaperRecord,
        PassageRecord,
        SectionRecord,
        ToolRecord,
    )

    if isinstance(record, ModelRecord):
        return None if record.series or record.continued else "model"
    if isinstance(record, PassageRecord | SectionRecord):
        return "direction" if record.kind == "research_direction" else None
    kinds = {DatasetRecord: "dataset", BenchmarkRecord: "benchmark", PaperRecord: "paper"}
    return kinds.get(type(record), "tool" if isinstance(record, ToolRecord) else None)


def record_facts(record, records: list) -> dict[str, list[str]]:
    """Fact kind -> the values one record holds, in the reader's terms."""
    from ingest.records import ModelRecord, PaperRecord, PassageRecord, SectionRecord

    kind = _record_class(record)
    if isinstance(record, PassageRecord):
        return {"name": [record.topic]}
    if isinstance(record, SectionRecord):
        return {"name": [record.title]}
    if isinstance(record, PaperRecord):
        return {"name": [record.short_name or record.title], "year": _opt(record.year)}
    facts: dict[str, list[str]] = {
        "name": [record.name],
        "year": _opt(getattr(record, "year", None)),
    }
    if kind == "dataset":
        facts["size"] = [q.text for q in record.sizes]
    if kind == "benchmark":
        facts["measures"] = [record.description] if record.description else []
    if isinstance(record, ModelRecord):
        facts["vision encoder"] = [c.name for c in record.vision_encoders] or list(
            record.vision_encoder_text
        )
        facts["backbone"] = [c.name for c in record.language_backbones] or list(
            record.language_backbone_text
        )
        facts["parameters"] = [p.text for p in record.parameters] or _opt(record.parameters_text)
        facts["organisation"] = _opt(record.organization)
        facts["architecture"] = list(record.architectures)
        members = [
            r.name for r in records if isinstance(r, ModelRecord) and r.series == record.name
        ]
        facts["members"] = list(dict.fromkeys([*members, *record.variants]))
    return facts


def _opt(value: object) -> list[str]:
    return [] if value is None else [str(value)]


class Tally:
    """Hits, record values and reader values per fact kind; the differences as lines."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.values: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.wanted: Counter[str] = Counter()
        self.lines: list[str] = []

    def add(self, where: str, kind: str, have: list[str], gold: list[str]) -> None:
        exact = kind in ("name", "year")
        hits = [v for v in have if _agrees(v, gold, exact)]
        found = [g for g in gold if any(_agrees(v, [g], exact) for v in have)]
        self.values[kind] += len(have)
        self.hits[kind] += len(hits)
        self.wanted[kind] += len(gold)
        self.found[kind] += len(found)
        missing = [g for g in gold if g not in found]
        extra = [v for v in have if v not in hits]
        if missing or extra:
            self.lines.append(f"{where} / {kind}: missing {missing} extra {extra}")

    def scores(self) -> dict[str, tuple[float, float, int]]:
        """Fact kind -> (precision, recall, reader values)."""
        return {
            kind: (
                self.hits[kind] / self.values[kind] if self.values[kind] else 1.0,
                self.found[kind] / self.wanted[kind] if self.wanted[kind] else 1.0,
                self.wanted[kind],
            )
            for kind in sorted(set(self.values) | set(self.wanted))
        }


def score(label: str, text: str, entries: dict[int, dict], tally: Tally) -> None:
    """Add one version's annotated lines to `tally`."""
    from ingest import extract, parse

    records = extract(parse(text, "README.md"))
    for line, wanted in [
        (line, one) for line, value in sorted(entries.items()) for one in _listed_entities(value)
    ]:
        where = f"{label}:{line}"
        cls = wanted.get("class", "none")
        here = [r for r in records if _record_class(r) and _covers(r, line)]
        same = [r for r in here if _record_class(r) == cls]
        # a passage of a direction around a line is no claim that the line is an entity
        others = [r for r in here if r not in same and _record_class(r) != "direction"]
        names = [f"{_record_class(r)} {record_facts(r, records)['name'][0]}" for r in others]
        tally.add(where, "class", names, [])
        tally.add(where, "class", [cls] if same else [], [cls] if cls != "none" else [])
        if cls == "none" or not same:
            continue
        spellings = _listed(wanted.get("name", []))
        record = _best(same, spellings)
        have = record_facts(record, records)
        named = [n for n in have["name"] if _agrees(n, spellings, exact=True)]
        tally.add(where, "name", named or have["name"], named if named else spellings[:1])
        for kind in FACTS.get(cls, ())[1:]:
            tally.add(where, kind, have.get(kind, []), _listed(wanted.get(kind, [])))


def _covers(record, line: int) -> bool:
    return record.source.start_line <= line <= record.source.end_line


def _listed_entities(value: dict | list[dict]) -> list[dict]:
    # a line may hold several entities ("Pixtral 12B & Pixtral Large"): one annotation each
    return value if isinstance(value, list) else [value]


def _listed(value: object) -> list[str]:
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _best(records: list, spellings: list[str]):
    """The record named as the reader names it (else the one starting latest: the innermost)."""
    named = [r for r in records if _agrees(record_facts(r, [])["name"][0], spellings, exact=True)]
    return (named or sorted(records, key=lambda r: r.source.start_line))[-1]


def report(labels: list[str], verbose: bool) -> None:
    annotations = _annotations()
    total = Tally()
    for label, text in version_texts(labels):
        tally = Tally()
        score(label, text, annotations[label]["entries"], tally)
        score(label, text, annotations[label]["entries"], total)
        _print(
            f"{label} ({annotations[label]['day']}, {len(annotations[label]['entries'])} entries)",
            tally,
        )
        if verbose:
            print("\n".join(tally.lines))
    if len(labels) > 1:
        _print(f"all {len(labels)} versions", total)


def _print(title: str, tally: Tally) -> None:
    print(f"\n{title}\nfact kind       precision  recall  reader values")
    for kind, (precision, recall, n) in tally.scores().items():
        print(f"{kind:14s}  {precision:9.1%}  {recall:6.1%}  {n:>13}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", metavar="VERSION", help="print a version's sampled lines")
    parser.add_argument("--held-out", action="store_true", help="score the held-out version")
    parser.add_argument("-v", "--verbose", action="store_true", help="every miss and extra")
    args = parser.parse_args(argv)
    annotations = _annotations()
    if args.sample:
        if args.sample not in annotations:
            print(f"error: no version {args.sample!r} in {ANNOTATIONS.name}; add it there first")
            return 2
        for _, text in version_texts([args.sample]):
            for number, line in sampled(args.sample, text):
                print(f"{number:5d}  {line}")
        return 0
    labels = [k for k, v in annotations.items() if bool(v.get("held_out")) == args.held_out]
    report(labels, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
