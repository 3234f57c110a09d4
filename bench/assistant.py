"""Assistant numbers: dev-set score, warm latency in-process, cold CLI and batch wall time,
and how often the verifier rejects a small LLM's phrasing.

    python -m bench.assistant [--questions ../shared/eval/qa_dev.jsonl] [--gguf PATH]

Builds the bundled hub into a temporary VLMKG_HOME (with the search index) unless
VLMKG_HOME already holds a build.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"


def _home() -> Path:
    home = os.environ.get("VLMKG_HOME")
    if home and (Path(home) / "current").exists():
        return Path(home)
    path = Path(tempfile.mkdtemp(prefix="vlmkg-bench-")) / "home"
    subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "build"],
        check=True,
        env={**os.environ, "VLMKG_HOME": str(path)},
        capture_output=True,
    )
    return path


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=DEV)
    ap.add_argument("--gguf", default=None, help="a GGUF model for the verifier numbers")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    home = _home()
    env = {**os.environ, "VLMKG_HOME": str(home)}
    questions = [
        json.loads(line)["question"]
        for line in args.questions.read_text().splitlines()
        if line.strip()
    ]

    from search.assistant import Assistant

    assistant = Assistant.open(home)
    for q in questions:  # warm-up: lexicon, views, the embedding model if needed
        assistant.ask(q)
    times = []
    for _ in range(args.rounds):
        for q in questions:
            started = time.perf_counter()
            assistant.ask(q)
            times.append((time.perf_counter() - started) * 1000)
    print(
        f"warm latency in-process over {len(times)} answers: p50 {_percentile(times, 0.5):.1f} ms, "
        f"p95 {_percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms"
    )

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "ask", "What vision encoder does Emu3 use?"],
        env=env,
        check=True,
        capture_output=True,
    )
    print(f"cold `vlmkg ask` (one question): {time.perf_counter() - started:.2f} s")

    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "ask", "--json", "-"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        input="\n".join(questions) + "\n",
    )
    elapsed = time.perf_counter() - started
    print(f"batch `vlmkg ask --json -` of {len(questions)} questions: {elapsed:.2f} s")

    if args.questions.exists() and (ROOT.parent / "shared" / "eval" / "qa_eval.py").exists():
        score = subprocess.run(
            [
                sys.executable,
                str(ROOT.parent / "shared" / "eval" / "qa_eval.py"),
                str(args.questions),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        print(
            "dev set:",
            score.stdout.strip().splitlines()[-1] if score.stdout.strip() else score.stderr[-300:],
        )

    if args.gguf:
        _verifier(home, args.gguf, questions)
    return 0


def _verifier(home: Path, gguf: str, questions: list[str]) -> None:
    from search.assistant import Assistant
    from search.assistant.llm import configure

    assistant = Assistant.open(home, llm=configure(gguf=gguf))
    phrased = rejected = silent = 0
    started = time.perf_counter()
    for q in questions:
        note = assistant.ask(q).llm_note or ""
        if "rejected" in note:
            rejected += 1
        elif note.startswith("phrased"):
            phrased += 1
        elif note:
            silent += 1
    total = phrased + rejected + silent
    print(
        f"LLM {Path(gguf).name}: {total} grounded answers sent, verifier rejected {rejected} "
        f"({100 * rejected / max(total, 1):.0f}%), accepted {phrased}, declined {silent}; "
        f"{(time.perf_counter() - started) / max(total, 1):.2f} s per answer"
    )


if __name__ == "__main__":
    sys.exit(main())
