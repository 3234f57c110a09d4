"""Ingest across the hub's history: what each version's README.md yields, as records.

    python -m bench.version_drift [REPO_OR_BUNDLE] [--files A.md B.md ...] [--json]

For every version of README.md (oldest first; a bundle is cloned into a temporary folder)
and for each extra file given, one line: models, datasets, benchmarks, papers, the share of
models with a vision encoder, a language backbone, a parameter count, a year and an
organisation (of the models that are not members of another entry), and the records
`kg.checks.repair` repaired or dropped. A share that drops or a count that jumps between
versions marks a format change the parser does not read yet. Counts say nothing of whether
what was read is right: `python -m bench.hub_facts` scores the records of a few versions
against a reader's annotation of a seeded sample of their entries.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ingest import extract, parse
from ingest.records import (
    BenchmarkRecord,
    DatasetRecord,
    ModelRecord,
    PaperRecord,
    Record,
)
from kg._history_git import read_versions
from kg.checks import repair

BUNDLE = Path("/work/shared/hub/history/vlm-research-hub-2025.bundle")
SHARES = ("vision", "backbone", "params", "year", "org")


def measure(text: str, file: str) -> dict[str, object]:
    """Counts of one hub text: {models, datasets, benchmarks, papers, shares..., issues}."""
    records = extract(parse(text, file))
    _, issues = repair(records)
    actions = [issue.action for issue in issues]
    return {
        **counts(records),
        "repaired": actions.count("repaired"),
        "dropped": actions.count("dropped"),
    }


def counts(records: list[Record]) -> dict[str, object]:
    """{models, members, datasets, benchmarks, papers, vision..org as shares of entry models}."""
    models = [r for r in records if isinstance(r, ModelRecord) and not r.continued]
    entries = [m for m in models if m.series is None]
    has = {
        "vision": lambda m: bool(m.vision_encoders or m.vision_encoder_text),
        "backbone": lambda m: bool(m.language_backbones or m.language_backbone_text),
        "params": lambda m: bool(m.parameters or m.parameters_text),
        "year": lambda m: m.year is not None,
        "org": lambda m: m.organization is not None,
    }
    shares = {
        key: round(sum(1 for m in entries if test(m)) / len(entries), 2) if entries else 0.0
        for key, test in has.items()
    }
    return {
        "models": len(entries),
        "members": len(models) - len(entries),
        "datasets": sum(1 for r in records if isinstance(r, DatasetRecord)),
        "benchmarks": sum(1 for r in records if isinstance(r, BenchmarkRecord)),
        "papers": sum(1 for r in records if isinstance(r, PaperRecord)),
        **shares,
    }


def versions(source: Path) -> Iterator[tuple[str, str, str]]:
    """(short commit, day, text) of every version of README.md, oldest first."""
    with tempfile.TemporaryDirectory() as scratch:
        repo = source
        if source.is_file():
            repo = Path(scratch) / "hub"
            subprocess.run(["git", "clone", "-q", str(source), str(repo)], check=True)
        for version in read_versions(repo, "README.md"):
            yield version.commit[:7], version.day, version.text.decode("utf-8", "replace")


_COLUMNS = ("models", "members", "datasets", "benchmarks", "papers", *SHARES, "repaired", "dropped")


def _line(label: str, row: dict[str, object]) -> str:
    cells = [f"{row[c]:>5}" if c not in SHARES else f"{row[c]:>5.2f}" for c in _COLUMNS]
    return f"{label:<28} " + " ".join(cells)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=BUNDLE)
    parser.add_argument("--files", nargs="*", type=Path, default=[])
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args(argv)
    header = f"{'version':<28} " + " ".join(f"{c[:5]:>5}" for c in _COLUMNS)
    if not args.json:
        print(header)
    rows = [(f"{commit} {day}", text) for commit, day, text in versions(args.source)]
    rows += [(path.name, path.read_text(encoding="utf-8")) for path in args.files]
    for label, text in rows:
        row = measure(text, "README.md")
        print(json.dumps({"version": label, **row}) if args.json else _line(label, row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
