"""Questions over a paper list (tests/data/papers_tables.md): topic tables of linked titles
with the model each introduces, and collapsible spec cards. Each row: variants (paraphrase,
lower case, a typo) that must give the same answer."""

from __future__ import annotations

import pytest

from search.assistant import Assistant

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("papers") / "home", [DATA / "papers_tables.md"])
    return Assistant.open(home)


def _body(assistant: Assistant, question: str) -> str:
    return assistant.ask(question).markdown.split("**Sources**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "Papers in the Instruction Tuning section",
        "which papers are listed under instruction tuning?",
        "papers in the Instrction Tuning section, please",
    ],
)
def test_a_sections_papers_go_by_the_models_they_introduce(
    papers: Assistant, question: str
) -> None:
    answer = papers.ask(question)
    assert sorted(e.label for e in answer.entities) == ["Heron-VL", "Osprey-2", "Tern / Tern-Lite"]
    # the title is said right after the name, with the row's line
    assert "**Heron-VL** — Heron: Instruction Tuning with Tidal Mixtures" in answer.markdown
    assert {c.source for c in answer.citations} == {
        "papers_tables.md#L10-L10",
        "papers_tables.md#L11-L11",
        "papers_tables.md#L12-L12",
    }


@pytest.mark.parametrize(
    "question",
    [
        "was Heron-VL released before or after Gannet-Omni?",
        "did heron-vl come out before or after gannet omni",
        "Was Heron-Vl released before or after Gannet-Omni",
    ],
)
def test_before_or_after_is_answered_with_both_dates_and_no_yes_or_no(
    papers: Assistant, question: str
) -> None:
    body = _body(papers, question)
    assert "**Heron-VL** is older" in body
    assert "2024-03-02" in body and "2025-02-11" in body
    assert not body.lstrip().startswith(("Yes", "No"))


def test_alternatives_are_told_from_a_yes_no_comparison() -> None:
    from search.assistant.comparing import _alternatives

    assert _alternatives("was X released before or after Y?")
    assert _alternatives("Is X bigger or smaller than Y")
    assert not _alternatives("is X bigger than Y?")


@pytest.mark.parametrize(
    "question",
    [
        "Which models are dated 11/2023?",
        "models released in November 2023",
        "which models are from 2023-11?",
    ],
)
def test_a_month_written_in_digits_is_a_month_condition(papers: Assistant, question: str) -> None:
    answer = papers.ask(question)
    assert sorted(e.label for e in answer.entities) == ["Tern", "Tern-Lite"]


@pytest.mark.parametrize(
    "question",
    [
        "what does Heron-VL outperform?",
        "which model does heron-vl outperform",
    ],
)
def test_a_cards_sentence_is_quoted_with_the_cards_lines(papers: Assistant, question: str) -> None:
    # the model is listed twice (its table row and its card): the quote is cited to the card
    answer = papers.ask(question)
    assert "outperforms Osprey-2 on coastal VQA" in answer.markdown
    assert [c.source for c in answer.citations] == ["papers_tables.md#L30-L37"]


def test_a_rows_unknown_column_is_quoted_from_the_row(papers: Assistant) -> None:
    answer = papers.ask("What venue is Heron-VL from?")
    assert "CVPR 2024" in answer.markdown
    assert [c.source for c in answer.citations] == ["papers_tables.md#L10-L10"]


@pytest.mark.parametrize(
    "question", ["when was Gannet-Omnni released?", "gannet omnni release date"]
)
def test_a_misspelt_model_is_named_once_not_also_as_its_paper(
    papers: Assistant, question: str
) -> None:
    body = _body(papers, question)
    assert "the nearest name is **Gannet-Omni**." in body  # not "... or **Omni Listening**"
    assert "2025-02-11" in body


@pytest.mark.parametrize(
    "question",
    [
        "In how many stages is Heron-VL trained?",
        "how many training stages does heron-vl have",
        "Into how many phases is Heron-VL's training split?",
        "number of training stages of Heorn-VL",
    ],
)
def test_training_stages_are_asked_as_stages_or_phases(papers: Assistant, question: str) -> None:
    body = _body(papers, question)
    assert "**3**" in body and "[L30-37]" in body


@pytest.mark.parametrize(
    "question",
    ["What connector does Shearwater use?", "which projector connects shearwater's vision side"],
)
def test_a_connector_described_not_named_is_quoted(papers: Assistant, question: str) -> None:
    # its vision encoder, named in the field line, is no connector
    body = _body(papers, question)
    assert "a learned query bridge is the connector" in body
    assert "**InternViT-300M**" not in body


@pytest.mark.parametrize(
    "question",
    [
        "How do Heron-VL and Shearwater differ in the connector?",
        "heron-vl vs shearwater: which connector does each use?",
    ],
)
def test_a_comparison_quotes_the_asked_part_an_entity_has_no_fact_for(
    papers: Assistant, question: str
) -> None:
    answer = papers.ask(question)
    assert "| connector | mlp projector | — |" in answer.markdown
    assert "“Shearwater covers 23 languages, and a learned query bridge" in answer.markdown
    assert "papers_tables.md#L49-L55" in {c.source for c in answer.citations}


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("board") / "home", [DATA / "leaderboard_tables.md"])
    return Assistant.open(home)


@pytest.mark.parametrize(
    "question",
    [
        "Which scores higher on MMBench, Heron-VL or Petrel²?",
        "heron-vl vs petrel² on mmbench?",
        "Which does better on MMBench, Heron-VL or Petrel²",
    ],
)
def test_two_models_on_one_benchmark_get_their_results(board: Assistant, question: str) -> None:
    body = _body(board, question)
    assert body.startswith("**Petrel²** scores higher on **MMBench**")
    assert "**Heron-VL**: **80.1** [L11]" in body and "**Petrel²**: **82.5** [L12]" in body


@pytest.mark.parametrize(
    "question",
    ["what does Tern get on SeaBench?", "Tern's result on SeaBench", "SeaBench result of tern?"],
)
def test_one_models_result_on_a_benchmark(board: Assistant, question: str) -> None:
    assert "**Tern**: **51.5%** [L13]" in _body(board, question)


def test_a_misspelt_models_result_says_the_name_read(board: Assistant) -> None:
    # (a misspelt four-letter plain word, "Tren", is not caught: see docs/assistant.md)
    body = _body(board, "what does Petrell² get on MMMU")
    assert "the nearest name is **Petrel²**" in body and "**Petrel²**: **58.4** [L12]" in body


@pytest.mark.parametrize(
    "question",
    [
        "Which models have an entry in the SeaBench column?",
        "which models have anything in the SeaBench column of the general table",
        "models with a SeaBench entry on the general board",
    ],
)
def test_a_benchmark_named_in_a_list_question_relates_by_evaluation(
    board: Assistant, question: str
) -> None:
    assert sorted(e.label for e in board.ask(question).entities) == ["Petrel²", "Tern"]


@pytest.mark.parametrize(
    "question", ["What are the training stages of Heron-VL?", "heron-vl training phases?"]
)
def test_what_the_stages_are_is_no_count(papers: Assistant, question: str) -> None:
    body = _body(papers, question)
    assert "alignment, instruction tuning and preference tuning" in body
    assert "**3**" not in body


@pytest.mark.parametrize(
    "question",
    [
        "On the efficiency table, which model reports the largest speed-up?",
        "In the Efficiency table, what's the highest reported speed-up",
        "which model in the efficiency table has the biggest speed-up?",
    ],
)
def test_a_column_of_a_model_table_is_ranked_by_its_numbers(
    board: Assistant, question: str
) -> None:
    # the models the table's rows give, ranked by the number each cell starts with; the
    # winner's cells of that row only (not its MMMU row), with that row's line
    answer = board.ask(question)
    assert [e.label for e in answer.entities] == ["Tern"], answer.markdown
    body = _body(board, question)
    assert "the highest Reported speed-up: **6.2x faster time-to-first-token** (of 3 rows)" in body
    assert "Its row: Reduction about 60% fewer visual tokens. [L39]" in body, body


@pytest.mark.parametrize(
    "question",
    [
        "which model has the biggest reduction in the efficiency table",
        "In the efficiency table, which model has the largest reduction?",
    ],
)
def test_cells_of_another_unit_are_not_ranked_with_the_others(
    board: Assistant, question: str
) -> None:
    # "factor of 9" and "4x" are factors; "about 60% fewer" is a share, said apart
    body = _body(board, question)
    assert "**Petrel²** has the highest Reduction: **factor of 9** (of 2 rows)" in body, body
    assert "Written otherwise, not ranked with them: about 60% fewer visual tokens." in body


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many models have open weights ✅?", ["Heron-VL", "Tern"]),
        ("how many of the models are marked as having open weights (✅)", ["Heron-VL", "Tern"]),
        ("Which models have a ✅ in the Open weights column?", ["Heron-VL", "Tern"]),
        ("which models are marked ❌ for open weights", ["Petrel²"]),
    ],
)
def test_a_cell_value_the_question_names_picks_the_rows(
    board: Assistant, question: str, expected: list[str]
) -> None:
    # a leaderboard row keeps its cells but for its results: "Open weights ✅" is asked
    answer = board.ask(question)
    assert sorted(e.label for e in answer.entities) == expected, answer.markdown
    assert "Open weights cell is" in answer.markdown


def test_a_modifier_of_another_tables_column_picks_no_column(board: Assistant) -> None:
    # "reported" is a word of the efficiency table's "Reported speed-up", not a result
    answer = board.ask(
        "Which model has the best reported result on MMMU in the General leaderboard?"
    )
    assert "speed-up" not in answer.markdown, answer.markdown
