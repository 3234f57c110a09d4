"""Metamorphic robustness of the assistant: the same question in other words, same answer?

For every question of the dev sets' work halves and the blind sets' A halves (never the
check or B halves), makes meaning-preserving variants — UPPER CASE, lower case, one typo in
a name, a politeness wrapper, a scope or date clause moved to the other end, a synonym
swap (bench/metamorphic.yaml) — asks the assistant each (in this process, one build per
hub, no search index), and prints, per transformation, the share of questions whose
answer differs from the original's: its entity set, else its value (the bold spans of the
answer's first line), and whether it is grounded. No gold is needed, so it covers
questions nobody scored.

    python -m bench.metamorphic                       # every set
    python -m bench.metamorphic --only bundled --only qa_dev -v   # the differing variants
    python -m bench.metamorphic --cache /tmp/mm       # keep the builds between runs
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval"
HUBS = ROOT.parent / "shared" / "hub"
BLIND = ROOT / "eval" / "blind"
DEV_SETS = {
    "qa_dev": [],
    "qa_dev_hard": [],
    "qa_dev_2025-08": [HUBS / "vlm-research-hub_2025-08-04.md"],
    "qa_dev_architectures": [HUBS / "other" / "awesome-vlm-architectures.md"],
}
TRANSFORMS = ("upper", "lower", "typo", "wrapper", "clause", "synonym")


@cache
def rules() -> dict[str, Any]:
    """bench/metamorphic.yaml."""
    return yaml.safe_load((Path(__file__).with_name("metamorphic.yaml")).read_text("utf-8"))


def _pick(seed: str, options: list[Any]) -> Any:
    return options[hashlib.sha256(seed.encode()).digest()[1] % len(options)]


def _decapitalised(question: str) -> str:
    first, _, rest = question.partition(" ")
    if first.lower() in rules()["openers"] and first[1:].islower():
        return first.lower() + (" " + rest if rest else "")
    return question


def upper(question: str, seed: str = "") -> str | None:
    return question.upper() if question.upper() != question else None


def lower(question: str, seed: str = "") -> str | None:
    return question.lower() if question.lower() != question else None


def wrapper(question: str, seed: str = "") -> str | None:
    template = _pick(seed or question, rules()["wrappers"])
    return template.format(q=_decapitalised(question), Q=question)


def typo(question: str, seed: str = "", names: list[str] | None = None) -> str | None:
    """One edit in the longest name of five letters or more the question writes (`names`:
    the linked mention texts), never in a digit."""
    candidates = [n for n in names or [] if sum(c.isalpha() for c in n) >= 5 and n in question]
    if not candidates:
        return None
    # the longest word of the longest name: "Baichuan Ocean Mini" -> "Baichuan"
    skip = set(rules()["typo_skip"])
    words = [
        w
        for n in candidates
        for w in n.split()
        if sum(c.isalpha() for c in w) >= 5 and w.lower() not in skip
    ]
    if not words:
        return None
    name = max(words, key=lambda w: (len(w), w))
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    inner = letters[1:-1] or letters
    at = inner[len(inner) // 2]
    kind = _pick(seed or question, rules()["typos"])
    swappable = at + 1 < len(name) and name[at + 1].isalpha() and name[at] != name[at + 1]
    if kind == "swap" and swappable:
        wrong = name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    elif kind == "double":
        wrong = name[:at] + name[at] + name[at:]
    else:
        wrong = name[:at] + name[at + 1 :]
    return question.replace(name, wrong, 1)


def clause(question: str, seed: str = "") -> str | None:
    """The one scope or date clause moved to the other end of the question."""
    body = question.rstrip()
    mark = body[-1] if body[-1:] in "?." else ""
    body = body[: len(body) - len(mark)] if mark else body
    found = [
        m
        for m in re.finditer(rules()["clause"], body, re.I)
        if not body[m.end() :].lower().startswith(tuple(rules()["not_before"]))
        and not body[: m.start()].rstrip().lower().endswith(tuple(rules()["not_after"]))
    ]
    if len(found) != 1:
        return None
    match = found[0]
    phrase = match.group(0)
    before, after = body[: match.start()].rstrip(" ,"), body[match.end() :].strip(" ,")
    if not before and after:  # "In the X table, which ...?" -> "Which ... in the X table?"
        rest = after[:1].upper() + after[1:]
        return f"{rest} {phrase[:1].lower()}{phrase[1:]}{mark}"
    if before and not after:  # "Which ... in the X table?" -> "In the X table, which ...?"
        return f"{phrase[:1].upper()}{phrase[1:]}, {_decapitalised(before)}{mark}"
    if before and after:  # "Which models from 2024 use X?" -> "From 2024, which models use X?"
        return f"{phrase[:1].upper()}{phrase[1:]}, {_decapitalised(before)} {after}{mark}"
    return None


def synonym(question: str, seed: str = "") -> str | None:
    for old, new in rules()["synonyms"]:
        pattern = re.compile(r"(?<![\w-])" + re.escape(old) + r"(?![\w-])", re.I)
        match = pattern.search(question)
        if match:
            said = match.group(0)
            swapped = new[:1].upper() + new[1:] if said[:1].isupper() else new
            return question[: match.start()] + swapped + question[match.end() :]
    return None


def variants(question: str, seed: str, names: list[str]) -> dict[str, str]:
    """Transformation name -> the variant, for those that apply to `question`."""
    made: dict[str, Callable[[], str | None]] = {
        "upper": lambda: upper(question),
        "lower": lambda: lower(question),
        "typo": lambda: typo(question, seed, names),
        "wrapper": lambda: wrapper(question, seed),
        "clause": lambda: clause(question, seed),
        "synonym": lambda: synonym(question, seed),
    }
    out = {}
    for name, make in made.items():
        text = make()
        if text and text != question:
            out[name] = text
    return out


def signature(answer: Any) -> tuple:
    """What must not change: grounded, the entity set, else the first line's bold spans
    (any abstention is one: an ungrounded answer without entities has no value)."""
    entities = tuple(sorted(e.label for e in answer.entities))
    if not answer.grounded and not entities:
        return (False, (), ())
    first = _first_line(answer.markdown)
    value = () if entities else tuple(s.lower() for s in re.findall(r"\*\*(.+?)\*\*", first))
    return (answer.grounded, entities, value)


# the line a typo-tolerant link leads an answer with ("“CoVLM” is not in the hub; the nearest
# name is **CogVLM**."): it says how a name was read, not what the answer is
_NAMES_READ = re.compile(r"^(?:“[^”]*” is not in the hub; the nearest name is .+?\*\*\.\s*)+$")


def _first_line(markdown: str) -> str:
    """The answer's first line, after the line saying how a misspelt name was read."""
    lines = [line for line in markdown.strip().splitlines() if line.strip()]
    while len(lines) > 1 and _NAMES_READ.match(lines[0].strip()):
        lines = lines[1:]
    return lines[0] if lines else ""


def names_in(question: str, lexicon: Any) -> list[str]:
    """The texts of the question's exact mentions of named things (for the typo)."""
    kinds = ("Model", "Dataset", "Benchmark", "Tool", "VisionEncoder", "LanguageModel", "Paper")
    return [m.text for m in lexicon.link(question) if m.exact and m.of_type(*kinds)]


@dataclass(frozen=True)
class QuestionSet:
    name: str
    files: tuple[Path, ...]  # () is the bundled hub
    questions: tuple[dict, ...]


def _blind_runner() -> Any:
    spec = importlib.util.spec_from_file_location("blind_run", BLIND / "run.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def question_sets(only: list[str], tmp: Path) -> Iterator[QuestionSet]:
    """The dev sets' work halves and the blind sets' A halves (only those named)."""
    for name, files in DEV_SETS.items():
        if only and name not in only:
            continue
        lines = (DEV / f"{name}.jsonl").read_text("utf-8").splitlines()
        qs = [json.loads(line) for line in lines if line.strip()]
        work = [q for q in qs if hashlib.sha256(q["id"].encode()).digest()[0] % 2 == 0]
        yield QuestionSet(name, tuple(files), tuple(work))
    blind = _blind_runner()
    for name, spec in blind.load_sets().items():
        if (only and name not in only) or not (BLIND / f"{name}.A.jsonl").is_file():
            continue
        lines = (BLIND / f"{name}.A.jsonl").read_text("utf-8").splitlines()
        qs = [json.loads(line) for line in lines if line.strip()]
        (tmp / name).mkdir(parents=True, exist_ok=True)
        files = blind.hub_files(spec, tmp / name)
        yield QuestionSet(name, tuple(files), tuple(qs))


def build(files: tuple[Path, ...], cache_dir: Path) -> Path:
    """A build of `files` (no index), reused from `cache_dir` when its inputs are unchanged."""
    import ingest
    from kg.builds import write_build
    from vlmkg.config import bundled_hub

    paths = list(files) or [bundled_hub()]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()[:16]
    home = cache_dir / digest
    if not (home / "current").exists():
        write_build(ingest.read_hubs(paths), home, paths, index=False, strict=False)
    return home


def measure(qset: QuestionSet, cache_dir: Path, verbose: bool) -> dict[str, tuple[int, int]]:
    """Transformation -> (questions it applied to, answers that differ)."""
    from search.assistant import Assistant

    assistant = Assistant.open(build(qset.files, cache_dir), dense=False)
    counts = {t: [0, 0] for t in TRANSFORMS}
    for q in qset.questions:
        original = signature(assistant.ask(q["question"]))
        made = variants(q["question"], q["id"], names_in(q["question"], assistant.lexicon))
        for name, text in made.items():
            got = signature(assistant.ask(text))
            counts[name][0] += 1
            if got != original:
                counts[name][1] += 1
                if verbose:
                    print(f"  [{qset.name} {q['id']} {name}] {text}\n      {original}\n   -> {got}")
    return {t: (n, d) for t, (n, d) in counts.items()}


def table(results: dict[str, dict[str, tuple[int, int]]]) -> str:
    """Rows: transformations; columns: sets and the total; cells: differing share (n)."""
    names = list(results)
    head = f"{'transformation':14s}" + "".join(f" {n[:14]:>14s}" for n in names) + f" {'all':>12s}"
    lines = [head]
    for t in TRANSFORMS:
        cells, total_n, total_d = [], 0, 0
        for name in names:
            n, d = results[name][t]
            total_n, total_d = total_n + n, total_d + d
            cells.append(f" {(d / n if n else 0):>7.2f} ({n:>3d})" if n else f" {'-':>14s}")
        share = total_d / total_n if total_n else 0
        lines.append(f"{t:14s}" + "".join(cells) + f" {share:>5.3f} ({total_n:>4d})")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", default=[], metavar="SET", help="repeatable")
    ap.add_argument("--cache", type=Path, default=None, help="keep builds in this directory")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each differing variant")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="metamorphic-") as tmpdir:
        tmp = Path(tmpdir)
        cache_dir = args.cache or tmp / "builds"
        results = {}
        for qset in question_sets(args.only, tmp):
            results[qset.name] = measure(qset, cache_dir, args.verbose)
            print(f"{qset.name}: {len(qset.questions)} questions", file=sys.stderr, flush=True)
    if not results:
        print("error: no question set matched --only; name a dev set or one of sets.yaml")
        return 2
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
