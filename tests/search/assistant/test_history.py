"""The assistant: time questions on a history build of tests/data/history."""

from __future__ import annotations

import pytest

from kg.builds import open_current
from search.assistant.engine import Assistant
from tests.kg.test_history import DATA, DATES, commit, git
from tests.search.assistant.conftest import labels
from vlmkg.cli import main


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q")
    for n, date in enumerate(DATES, start=1):
        commit(repo, (DATA / f"v{n}.md").read_text("utf-8"), date, f"v{n}")
    home = tmp_path_factory.mktemp("home")
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    return Assistant(open_current(home))


def test_what_was_added_in_a_month(assistant: Assistant) -> None:
    answer = assistant.ask("What models were added to the hub in February 2025?")
    assert answer.grounded and labels(answer) == ["Delta"]
    assert [c.source for c in answer.citations] == ["README.md#L8-L8"]


def test_a_follow_up_keeps_the_period_and_class(assistant: Assistant) -> None:
    session = assistant.session()
    assert labels(session.ask("which models were added in February 2025?")) == ["Delta"]
    assert labels(session.ask("and which were removed?")) == ["Gamma"]


def test_when_was_an_entry_added(assistant: Assistant) -> None:
    answer = assistant.ask("When was Delta added?")
    assert answer.markdown.splitlines()[0].startswith(
        "**Delta** was first listed on 2025-02-10 (commit "
    )


def test_what_a_version_said(assistant: Assistant) -> None:
    answer = assistant.ask("What did the hub say about Alpha-VL's parameters in January 2025?")
    assert "parameterText: 7B" in answer.markdown
    assert [c.source for c in answer.citations] == ["README.md#L6-L6"]
    later = assistant.ask("What did the hub say about Alpha-VL's parameters in March 2025?")
    assert "parameterText: 13B" in later.markdown


def test_since_a_month_with_nothing_removed(assistant: Assistant) -> None:
    answer = assistant.ask("Which benchmarks were removed since January?")
    assert answer.grounded and answer.entities == ()
    assert answer.markdown.startswith("No benchmarks were removed in the hub since 2025-01-01.")


def test_an_ordinary_question_is_not_a_time_question(assistant: Assistant) -> None:
    answer = assistant.ask("Which models use a SigLIP vision encoder?")
    assert "history_frame" not in answer.extra
    assert labels(answer) == ["Alpha-VL", "Delta"]


@pytest.mark.parametrize(
    "question",
    [
        "Which datasets are listed under Datasets?",
        "Which 2024 models are decoder-only?",
        "What is the first model listed?",
    ],
)
def test_questions_without_a_time_or_change_cue_go_to_the_ordinary_assistant(
    assistant: Assistant, question: str
) -> None:
    assert "history_frame" not in assistant.ask(question).extra


def test_a_period_between_two_months(assistant: Assistant) -> None:
    answer = assistant.ask("Which entries were added between February and March 2025?")
    assert labels(answer) == ["BenchTwo", "Delta"]
    assert answer.markdown.splitlines()[0] == (
        "The hub added 2 entries between 2025-02-01 and 2025-04-01 (exclusive):"
    )


def test_when_was_an_entry_removed(assistant: Assistant) -> None:
    gone = assistant.ask("When was Gamma removed?")
    assert gone.markdown.splitlines()[0].startswith("**Gamma** was removed on 2025-02-10 (commit ")
    kept = assistant.ask("When was Delta removed?")
    assert kept.markdown.splitlines()[0].startswith(
        "**Delta** was never removed: the newest version (2025-03-10, commit "
    )


def test_a_new_question_after_a_history_answer_starts_afresh(assistant: Assistant) -> None:
    session = assistant.session()
    assert labels(session.ask("which benchmarks were added in February 2025?")) == ["BenchTwo"]
    # not a follow-up: no class carried over
    assert labels(session.ask("what was added to the hub in February 2025?")) == [
        "BenchTwo",
        "Delta",
    ]
    # about an entry, but not about its history: the ordinary assistant
    for question in ("What vision encoder does Delta use?", "and its backbone?"):
        assert "history_frame" not in session.ask(question).extra


def test_what_changed_lists_every_kind_of_change(assistant: Assistant) -> None:
    answer = assistant.ask("What changed in the hub in February 2025?")
    assert answer.markdown.splitlines()[0] == (
        "5 changes to entries between 2025-02-01 and 2025-03-01 (exclusive):"
    )
    assert labels(answer) == ["Alpha-VL", "BenchTwo", "Beta-VL", "Delta", "Gamma"]


def test_how_many_entries_a_version_listed(assistant: Assistant) -> None:
    answer = assistant.ask("How many models did the hub list in January 2025?")
    assert answer.markdown.splitlines()[0].startswith("The version of 2025-01-10 (commit ")
    assert answer.markdown.splitlines()[0].endswith(") lists 3 models:")
    assert labels(answer) == ["Alpha-VL", "Beta", "Gamma"]
    assert [c.source for c in answer.citations] == [
        "README.md#L6-L6",
        "README.md#L7-L7",
        "README.md#L8-L8",
    ]
