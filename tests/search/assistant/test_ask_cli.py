"""`vlmkg ask` end to end in a subprocess: batch JSON lines, bad lines, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run(args: list[str], home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VLMKG_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_batch_mode_answers_every_line_in_order(hub_home: Path) -> None:
    questions = [
        "Which models use Vicuna as a pretrained language backbone?",
        "",
        '"} DROP ALL ; #',
        "x" * 50_000,
        "What vision encoder does PaliGemma use?",
        "?!",
    ]
    done = run(["ask", "--json", "-"], hub_home, "\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == 5  # the empty line is skipped
    first = answers[0]
    assert sorted(e["label"] for e in first["entities"]) == ["CogVLM", "InstructBLIP", "LLaVA-1.5"]
    assert set(first) >= {
        "question",
        "answer",
        "entities",
        "facts",
        "citations",
        "sparql",
        "grounded",
    }
    assert first["citations"][0]["source"].startswith("vlm-research-hub.md#L")
    assert answers[3]["grounded"] is False and answers[3]["entities"] == []
    assert all(isinstance(a["answer"], str) and a["answer"] for a in answers)


def test_single_question_prints_markdown(hub_home: Path) -> None:
    done = run(["ask", "What vision encoder does Emu3 use?"], hub_home)
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "The vision encoder of **Emu3** is **MoVQGAN**. [L35]"


def test_no_graph_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    done = run(["ask", "anything"], tmp_path / "empty")
    assert done.returncode == 1
    assert done.stderr.startswith("error: no graph in ")
    assert "Traceback" not in done.stderr


def test_first_run_builds_the_bundled_hub_in_the_default_home(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VLMKG_HOME"}
    done = subprocess.run(
        [sys.executable, "-m", "vlmkg.cli", "ask", "What vision encoder does Emu3 use?"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == (
        f"note: no graph in {tmp_path / '.vlmkg'} yet; building the bundled hub (first run)"
    )
    assert done.stdout.splitlines()[0] == "The vision encoder of **Emu3** is **MoVQGAN**. [L35]"
    assert (tmp_path / ".vlmkg" / "current" / "index").is_dir()
