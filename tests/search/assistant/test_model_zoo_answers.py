"""Questions over a model zoo table (tests/data/model_table_zoo.md), on a real build:
organisations from the Org. column or the name's parentheses, short names, the newest
model by its full date, a cell of a named table as a condition."""

from __future__ import annotations

import pytest

from search.assistant import Assistant
from tests.search.assistant.conftest import DATA, build_home


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    home = tmp_path_factory.mktemp("zoo") / "home"
    return Assistant.open(build_home(home, [DATA / "model_table_zoo.md"]))


def _labels(answer) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(e.label for e in answer.entities)


def test_organisation_of_a_team_release(zoo: Assistant) -> None:
    assert zoo.ask("Who is behind Osprey-Omni?").markdown.startswith(
        "The organisation of **Osprey-Omni** is **Fjord Labs**."
    )


def test_organisation_from_the_org_column(zoo: Assistant) -> None:
    assert zoo.ask("Which org released Finch-VL?").markdown.startswith(
        "The organisation of **Finch-VL** is **Meadow AI**."
    )


def test_models_of_an_org_column_value(zoo: Assistant) -> None:
    answer = zoo.ask("How many models does the table attribute to Meadow AI?")
    assert "**2**" in answer.markdown
    assert "Finch-VL" in answer.markdown and "Lark-OCR" in answer.markdown


def test_newest_by_full_date(zoo: Assistant) -> None:
    # "Sep 2026" is after "08/14/2026" although it has no day
    answer = zoo.ask("Which model was released most recently?")
    assert _labels(answer) == ["Lark-OCR"]
    assert "**2026-09**" in answer.markdown
    assert _labels(zoo.ask("Which is the oldest model?")) == ["Robin-E"]


def test_moe_total_and_active(zoo: Assistant) -> None:
    text = zoo.ask("How many parameters does Osprey-Omni have, total and active?").markdown
    assert text.startswith(
        "The parameter count of **Osprey-Omni** is **612B** with **31B** active."
    )


def test_cell_of_the_named_table_is_a_condition(zoo: Assistant) -> None:
    answer = zoo.ask("Which training corpora are marked multilingual?")
    assert _labels(answer) == ["LarkReceipts", "MeadowCaps"]


def test_entries_whose_cell_says_undisclosed(zoo: Assistant) -> None:
    answer = zoo.ask("Which models have an undisclosed parameter count?")
    assert _labels(answer) == ["Robin-E"]
    assert _labels(zoo.ask("How many models don't disclose their LLM?")) == ["Robin-E"]
    assert _labels(zoo.ask("Which models have an undisclosed vision encoder?")) == []


def test_a_table_column_by_its_meaning(zoo: Assistant) -> None:
    # "Params" is the parameter count of the encoder the row names
    answer = zoo.ask("How many parameters does Osprey-ViT have?")
    assert answer.markdown.startswith(
        "In the Vision encoders table, **Osprey-ViT** has Params: **600M**."
    )


def test_a_month_is_a_date_condition(zoo: Assistant) -> None:
    assert _labels(zoo.ask("Which models were released in October 2025?")) == ["Finch-VL"]
    assert _labels(zoo.ask("Which models came out in Sep 2026?")) == ["Lark-OCR"]
    assert _labels(zoo.ask("Which models were released in 2025?")) == ["Finch-VL", "Robin-E"]


def test_entries_without_a_part(zoo: Assistant) -> None:
    assert _labels(zoo.ask("Which models have no vision encoder?")) == ["Robin-E"]
    assert _labels(zoo.ask("Which models are encoder-free?")) == ["Robin-E"]
    # a named part is a negated value, not a part the entries lack
    assert "Robin-E" not in _labels(zoo.ask("Which models do not use a SigLIP vision encoder?"))


@pytest.mark.parametrize(
    "question",
    [
        "Which models don't state a parameter count?",
        "which models have no parameter count listed",
        "Models whose parameter count is not stated?",
        "WHICH MODELS LACK A PARAMETER COUNT?",
        "How many models do not give their parameter count at all?",
    ],
)
def test_entries_that_state_no_value(zoo: Assistant, question: str) -> None:
    # no value in any form (an "Undisclosed" cell states none); the cue is not dropped
    assert _labels(zoo.ask(question)) == ["Robin-E"]
