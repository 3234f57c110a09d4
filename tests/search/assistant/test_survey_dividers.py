"""Questions over a survey whose model table has year divider rows, footnote marks and a
Type column no attribute reads (tests/data/survey_dividers.md), with a tagged reading list
by month and a direction's open problems. Each group: variants (paraphrase, reordered,
lower case, a typo) that must give the same answer set."""

from __future__ import annotations

import pytest

from search.assistant import Assistant

from .conftest import DATA, build_home


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = build_home(tmp_path_factory.mktemp("dividers") / "home", [DATA / "survey_dividers.md"])
    return Assistant.open(home, dense=False)


def _labels(assistant: Assistant, question: str) -> list[str]:
    return sorted(e.label for e in assistant.ask(question).entities)


def _body(assistant: Assistant, question: str) -> str:
    return assistant.ask(question).markdown.split("**Sources**")[0]


@pytest.mark.parametrize(
    "question",
    [
        "what Type does the table give Robin-VL?",
        "robin-vl type",
        "Robin-VL: which type is it in the table?",
        "the Type column for Robn-VL",
    ],
)
def test_a_column_no_attribute_reads_is_quoted_from_the_row(
    survey: Assistant, question: str
) -> None:
    body = _body(survey, question)
    assert "Type: **Hybrid SSM**" in body
    assert "[L12]" in body


@pytest.mark.parametrize(
    "question",
    [
        "vicuna-based models",
        "which models are Vicuna-based?",
        "models based on Vicuna",
        "Which Vicuna-powered models does the table list?",
    ],
)
def test_a_name_joined_to_based_is_what_the_entry_is_built_on(
    survey: Assistant, question: str
) -> None:
    assert _labels(survey, question) == ["Lark", "Plover"]


def test_a_joined_name_that_is_no_entry_stays_a_word(survey: Assistant) -> None:
    # "transformer" names nothing in the list: no base-model condition is made of it
    answer = survey.ask("transformer-based models")
    assert "based on transformer" not in answer.markdown.lower()


@pytest.mark.parametrize(
    "question",
    [
        "how many models were released in 2026",
        "How many of the models in the table are from 2026?",
        "2026 models",
    ],
)
def test_a_divider_row_dates_the_rows_below_it_and_is_no_model(
    survey: Assistant, question: str
) -> None:
    assert _labels(survey, question) == ["Robin-VL", "Sparrow 4 Maverick", "Sparrow 4 Scout"]


@pytest.mark.parametrize(
    "question",
    [
        "sparrow 4 maverick vs scout: total and active params?",
        "Sparrow 4 Scout vs Sparrow 4 Maverick parameters",
        "compare the parameters of Sparrow 4 Maverick and Scout",
    ],
)
def test_a_name_after_vs_shares_the_words_of_the_one_before(
    survey: Assistant, question: str
) -> None:
    answer = survey.ask(question)
    assert sorted(e.label for e in answer.entities) == ["Sparrow 4 Maverick", "Sparrow 4 Scout"]
    assert "~400B / 17B active" in answer.markdown
    assert "109B / 17B active" in answer.markdown


@pytest.mark.parametrize(
    "question",
    [
        "How many papers from March 2025 are in the reading list?",
        "papers listed under March 2025",
        "how many march 2025 papers are there",
    ],
)
def test_a_month_heading_is_the_scope_not_a_date_condition(
    survey: Assistant, question: str
) -> None:
    assert len(survey.ask(question).entities) == 3


@pytest.mark.parametrize(
    "question",
    [
        "papers tagged hallucination",
        "which papers are about hallucination?",
        "Hallucination papers in the reading list",
    ],
)
def test_a_tag_after_a_title_is_the_papers_category(survey: Assistant, question: str) -> None:
    assert _labels(survey, question) == [
        "A Benchmark for Hallucinated Objects in Long Captions",
        "Grounded Answers Without Hallucinated Objects at Scale",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "what's still unsolved for numeric reasoning",
        "What are the open problems in numeric reasoning?",
        "numeric reasoning: which problems remain unresolved?",
    ],
)
def test_unsolved_asks_for_the_open_problems(survey: Assistant, question: str) -> None:
    body = _body(survey, question)
    assert "Regression heads tailored to each task" in body
    assert "Tokenizers designed for numerical values" in body


@pytest.mark.parametrize("question", ["grebe model sizes", "What sizes does Grebe come in?"])
def test_several_sizes_asked_by_a_plural_are_the_answer_set(
    survey: Assistant, question: str
) -> None:
    assert _labels(survey, question) == ["12B", "1B", "27B", "4B"]


def test_the_number_sign_reads_as_number_of(survey: Assistant) -> None:
    assert _body(survey, "#params of Wagtail") == _body(survey, "number of params of Wagtail")


def test_a_license_cell_is_said_as_written(survey: Assistant) -> None:
    body = _body(survey, "which license does the Plover row list?")
    assert "“Llama 2 Community License”" in body


def test_a_sentences_total_and_active_sizes_are_compared(survey: Assistant) -> None:
    assert "1T; 32B active" in _body(survey, "kite vs wagtail parameters")


def test_papers_are_counted_by_the_month_of_their_arxiv_id(survey: Assistant) -> None:
    answer = survey.ask("how many papers tagged token pruning across all months")
    body = answer.markdown.split("**Sources**")[0]
    assert "| March 2025 | 1 |" in body
    assert "| February 2025 | 1 |" in body


@pytest.mark.parametrize(
    "question",
    [
        "models on the docs/charts/OCR board that have anything in the TextVQA column",
        "which models in the Documents, Charts & OCR section are evaluated on TextVQA?",
        "which models on the Docs/Charts/OCR board have a TextVQA entry",
    ],
)
def test_a_heading_named_by_short_words_joined_by_slashes(survey: Assistant, question: str) -> None:
    assert _labels(survey, question) == ["Lark", "Plover"]


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("unified models (type column says unified)", "unified models"),
        ("which models use SigLIP (not SigLIP 2)?", "which models use SigLIP (not SigLIP 2)?"),
        ("models with SigLIP (SigLIP 2 too)", "models with SigLIP (SigLIP 2 too)"),
        ("which datasets (only medical ones)?", "which datasets (only medical ones)?"),
    ],
)
def test_only_a_parenthesis_that_restates_the_question_is_dropped(question: str, read: str) -> None:
    from search.assistant.understand import _without_restatement

    assert _without_restatement(question) == read


def test_an_excluding_parenthesis_still_excludes(survey: Assistant) -> None:
    assert _labels(survey, "which models use Vicuna (not Lark)?") == ["Plover"]


@pytest.mark.parametrize(
    "question",
    [
        "what resolution does the encoder table give for Corvid?",
        "what resolution is given for corvid in the encoder table",
        "In the vision encoders table, what is Corvid's resolution?",
        "Which resolution does the encoder table list for Corvid?",
        "what resolution does the encoder table give for Corvd?",  # a typo
    ],
)
def test_a_family_is_answered_from_the_row_of_its_members(survey: Assistant, question: str) -> None:
    # "Corvid" is the model table's encoder; the encoder table's row names its members
    # ("Corvid-6B / Corvid-300M"); "encoder" in "the encoder table" names the table
    answer = survey.ask(question)
    assert [e.label for e in answer.entities] == ["Corvid-6B / Corvid-300M"], answer.markdown
    assert "448×448 tiles" in answer.markdown


def test_a_row_of_one_name_is_no_family_of_another(survey: Assistant) -> None:
    answer = survey.ask("what resolution does the encoder table give for MetaCLIP?")
    assert [e.label for e in answer.entities] == ["MetaCLIP"], answer.markdown
    assert "336×336" in answer.markdown and "448" not in answer.markdown


@pytest.mark.parametrize(
    "question",
    [
        "In 2026, which month saw the most releases in the timeline?",
        "in 2026 which month saw the most releases over the timeline",
    ],
)
def test_a_trend_over_one_year_names_its_leader_without_a_table(
    survey: Assistant, question: str
) -> None:
    body = _body(survey, question)
    assert body.startswith("The most common month in 2026"), body
    assert "**April 2026** (2)" in body and "Next: June 2026 (1)." in body, body
    assert "| year |" not in body, body


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which models does the Type column call Hybrid SSM?", ["Robin-VL"]),
        ("which models are hybrid ssm in the type column", ["Robin-VL"]),
        (
            "how many models are MoE (native) in the Type column",
            ["Sparrow 4 Maverick", "Sparrow 4 Scout"],
        ),
    ],
)
def test_a_value_of_a_column_no_attribute_reads(
    survey: Assistant, question: str, expected: list[str]
) -> None:
    assert _labels(survey, question) == expected


def test_a_column_an_attribute_reads_is_ranked_by_the_graph(survey: Assistant) -> None:
    # "2.4T" is no 2.4 next to "14B total": the parameter counts rank, not the cells' digits
    answer = survey.ask("Which model in the table is the largest by parameter count?")
    assert [e.label for e in answer.entities] == ["Heron-VL"], answer.markdown
    assert "**2.4T parameters**" in answer.markdown
