"""The README and docs/sparql-cookbook.md say true things about the current tree.

Every ```sparql block of both runs against a real build of the bundled hub and returns
rows; where the text shows the answer (the block right after a query), the query prints
exactly that table. The cookbook's history queries run against a `--history` build of the
hub's bundle (slow). Every `vlmkg` command line the README shows names a real subcommand
and options that subcommand accepts.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from vlmkg.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COOKBOOK = ROOT / "docs" / "sparql-cookbook.md"
BUNDLE = Path("/work/shared/hub/history/vlm-research-hub-2025.bundle")
_BLOCK = re.compile(r"```sparql\n(.*?)```\n(?:\n```\n(.*?)```)?", re.S)
_ROW_COUNT = re.compile(r"\(\d+ rows?\)")


def _blocks(path: Path, history: bool) -> list[tuple[str, str, str | None]]:
    """(id, query, shown answer or None) for each ```sparql block of `path`; `history`
    picks the blocks under the cookbook's History heading, or every other block."""
    text = path.read_text(encoding="utf-8")
    start = text.find("\n## History")
    end = text.find("\n## ", start + 1) if start >= 0 else -1
    found = []
    for n, match in enumerate(_BLOCK.finditer(text)):
        in_history = start >= 0 and start < match.start() < (end if end >= 0 else len(text))
        if in_history == history:
            found.append((f"{path.name}#{n}", match.group(1), match.group(2)))
    return found


def _matches(shown: str, printed: str) -> bool:
    """Whether `printed` is the table `shown`; a shown "..." stands for any rows, and the
    "(N rows)" line counts only when the text shows one."""
    want = [line.rstrip() for line in shown.strip().splitlines()]
    got = [line.rstrip() for line in printed.strip().splitlines()]
    if not _ROW_COUNT.fullmatch(want[-1]):
        got = [line for line in got if not _ROW_COUNT.fullmatch(line)]
    if "..." in want:
        cut = want.index("...")
        tail = len(want) - cut - 1
        return got[:cut] == want[:cut] and got[len(got) - tail :] == want[cut + 1 :]
    return got == want


def _rows(printed: str) -> int:
    counts = _ROW_COUNT.findall(printed)
    assert counts, printed
    return int(re.sub(r"\D", "", counts[-1]))


def _run(home: Path, query: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    code = main(["sparql", "--home", str(home), query])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return out


@pytest.fixture(scope="module")
def hub_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("readme") / "home"
    assert main(["build", "--no-index", "--home", str(home)]) == 0
    return home


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        pytest.param(q, shown, id=ident)
        for path in (README, COOKBOOK)
        for ident, q, shown in _blocks(path, history=False)
    ],
)
def test_query_on_the_bundled_hub(
    hub_home: Path, query: str, shown: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _run(hub_home, query, capsys)
    assert _rows(printed) > 0
    if shown is not None:
        assert _matches(shown, printed), printed


@pytest.fixture(scope="module")
def history_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BUNDLE.is_file():
        pytest.fail(f"{BUNDLE} is missing")
    repo = tmp_path_factory.mktemp("hub") / "hub"
    subprocess.run(["git", "clone", "-q", str(BUNDLE), str(repo)], check=True)
    home = tmp_path_factory.mktemp("history") / "home"
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    return home


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "shown"),
    [pytest.param(q, shown, id=ident) for ident, q, shown in _blocks(COOKBOOK, history=True)],
)
def test_history_query_on_the_bundle(
    history_home: Path, query: str, shown: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = _run(history_home, query, capsys)
    assert _rows(printed) > 0
    assert shown is not None and _matches(shown, printed), printed


def _readme_commands() -> list[tuple[str, list[str]]]:
    """(subcommand, its --options) of each `vlmkg ...` line in the README's bash blocks."""
    text = README.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("vlmkg "):
                words = line.split("#")[0].split()
                options = [w.split("=")[0] for w in words if w.startswith("--")]
                commands.append((words[1], options))
    return commands


def test_readme_shows_every_subcommand() -> None:
    assert sorted({sub for sub, _ in _readme_commands()}) == sorted(COMMANDS)


@pytest.mark.parametrize(("subcommand", "options"), _readme_commands())
def test_readme_command_line_is_accepted(
    subcommand: str, options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    code: object
    try:
        code = main([subcommand, "--help"])
    except SystemExit as stop:  # click's standalone mode exits after printing the help
        code = stop.code
    assert code == 0
    usage = capsys.readouterr().out
    assert [o for o in options if o not in usage] == []
