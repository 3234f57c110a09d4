#!/usr/bin/env python3
"""Score the assistant on the blind question sets, each on its own fresh build.

Usage (from the project root, with the package installed):

    python eval/blind/run.py --half A                # the half to develop against
    python eval/blind/run.py --half B                # the held-out half
    python eval/blind/run.py --half all -v --only bundled --only hub-2025-05
    python eval/blind/run.py --split --only bundled  # (re)write bundled.A.jsonl / .B.jsonl

The sets and the hub version each one is about are data in sets.yaml (next to this file).
The halves are fixed by a hash of each question id: A when
sha256(id).digest()[0] % 2 == 0, else B. Prints one line per set (with --half all also each
half's mean) and, last, the mean over sets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SETS_FILE = HERE / "sets.yaml"
QA_EVAL = Path(os.environ.get("VLMKG_QA_EVAL", "/work/shared/eval/qa_eval.py"))


class SetError(Exception):
    """A set's hub version could not be made ready (missing file, bad bundle or commit)."""


def half_of(qid: str) -> str:
    """Return "A" or "B", the fixed half of a question id."""
    return "A" if hashlib.sha256(qid.encode()).digest()[0] % 2 == 0 else "B"


def load_sets() -> dict[str, dict]:
    """Return sets.yaml as {name: source spec}."""
    return yaml.safe_load(SETS_FILE.read_text(encoding="utf-8")) or {}


def _path(value: str) -> Path:
    p = Path(value)
    return p if p.is_absolute() else (HERE / p).resolve()


def hub_files(spec: dict, tmp: Path) -> list[Path]:
    """Return the markdown files to build for one set, checking a bundle version out into tmp."""
    if "bundle" in spec:
        clone = tmp / "clone"
        inner = spec.get("file", "README.md")
        steps = [
            ["git", "clone", "-q", str(_path(spec["bundle"])), str(clone)],
            ["git", "-C", str(clone), "show", f"{spec['commit']}:{inner}"],
        ]
        for step in steps:
            proc = subprocess.run(step, capture_output=True, text=True)
            if proc.returncode != 0:
                raise SetError(f"{' '.join(step[:3])}: {proc.stderr.strip()}")
        out = tmp / f"{spec['commit'][:12]}_{Path(inner).name}"
        out.write_text(proc.stdout, encoding="utf-8")
        return [out]
    files = [_path(f) for f in spec.get("files", [])]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise SetError(f"missing hub file(s): {', '.join(missing)}")
    return files


def questions(name: str, half: str) -> list[dict]:
    """Return the questions of a set, all of them or one half."""
    lines = (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    qs = [json.loads(line) for line in lines if line.strip()]
    return qs if half == "all" else [q for q in qs if half_of(q["id"]) == half]


def write_halves(name: str) -> tuple[int, int]:
    """Write <name>.A.jsonl and <name>.B.jsonl from <name>.jsonl; return their sizes."""
    sizes = []
    for half in ("A", "B"):
        qs = questions(name, half)
        text = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in qs)
        (HERE / f"{name}.{half}.jsonl").write_text(text, encoding="utf-8")
        sizes.append(len(qs))
    return sizes[0], sizes[1]


def half_scores(out: str, qs: list[dict]) -> dict[str, float]:
    """Return {"A": mean, "B": mean} from qa_eval's -v lines (a question not listed scored 1)."""
    ids = {q["id"] for q in qs}
    scored = {}
    for line in out.splitlines():
        m = re.match(r"(\S+) (\d\.\d+) ", line)
        if m and m.group(1) in ids:
            scored[m.group(1)] = float(m.group(2))
    means = {}
    for half in ("A", "B"):
        members = [q["id"] for q in qs if half_of(q["id"]) == half]
        if members:
            means[half] = sum(scored.get(i, 1.0) for i in members) / len(members)
    return means


def run_set(name: str, spec: dict, half: str) -> tuple[str, float, dict[str, float]]:
    """Build the set's hub in a fresh VLMKG_HOME and score it.

    Returns (qa_eval's -v output, the score, {half: mean score of its questions}).
    """
    qs = questions(name, half)
    with tempfile.TemporaryDirectory(prefix=f"blind-{name}-") as tmpdir:
        tmp = Path(tmpdir)
        files = hub_files(spec, tmp)
        env = {**os.environ, "VLMKG_HOME": str(tmp / "home")}
        build = subprocess.run(
            ["vlmkg", "build", *map(str, files)], env=env, capture_output=True, text=True
        )
        if build.returncode != 0:
            tail = (build.stderr or build.stdout).strip().splitlines()[-1:]
            raise SetError(f"build failed: {tail}")
        qfile = tmp / "questions.jsonl"
        qfile.write_text("".join(json.dumps(q) + "\n" for q in qs), encoding="utf-8")
        cmd = [sys.executable, str(QA_EVAL), str(qfile), "-v"]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True).stdout
    last = out.strip().splitlines()[-1] if out.strip() else "score 0.000 (no output)"
    try:
        score = float(last.split()[1])
    except (IndexError, ValueError):
        score = 0.0
    return out, score, half_scores(out, qs) if score else {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("all", "A", "B"), default="A")
    ap.add_argument("--only", action="append", metavar="NAME", help="a set name (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument(
        "--split",
        action="store_true",
        help="write the A/B files of each set from its <name>.jsonl, then stop",
    )
    args = ap.parse_args()
    sets = load_sets()
    unknown = sorted(set(args.only or []) - set(sets))
    if unknown:
        print(f"error: unknown set(s) {', '.join(unknown)}; sets.yaml has {', '.join(sets)}")
        return 2
    scores = []
    for name, spec in sets.items():
        if args.only and name not in args.only:
            continue
        if not (HERE / f"{name}.jsonl").is_file():
            print(f"{name:22s} {args.half:3s} skipped: no {name}.jsonl yet")
            continue
        if args.split:
            a, b = write_halves(name)
            print(f"{name:22s} A {a}  B {b}")
            continue
        try:
            out, score, halves = run_set(name, spec, args.half)
        except SetError as exc:
            print(f"{name:22s} {args.half:3s} error: {exc}")
            scores.append(0.0)
            continue
        if args.verbose:
            print(out.rstrip())
        last = out.strip().splitlines()[-1] if out.strip() else "score 0.000 (no output)"
        by_half = "  ".join(f"{h} {m:.3f}" for h, m in halves.items()) if args.half == "all" else ""
        print(f"{name:22s} {args.half:3s} {last}  {by_half}".rstrip(), flush=True)
        scores.append(score)
    if scores:
        print(f"mean over {len(scores)} sets: {sum(scores) / len(scores):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
