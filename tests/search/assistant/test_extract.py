"""Extractive answers: which sentences of an entry's own text are quoted for a question —
the best one, the ones that go on from it for an explanation, the question's words as the
entry words them (extract.yaml), and never more than OPEN_WORDS words."""

from __future__ import annotations

import pytest

from search.assistant.conditions import stem
from search.assistant.extract import OPEN_WORDS, best_quotes, quote_limit, related

ENTRY = (
    "Demo-VL is a compact assistant for screens. "
    "To interact naturally, Demo-VL introduces two key innovations: hands-free wake-up and"
    " barge-in interruption. "
    "These are implemented using a twin pipeline at deployment. "
    "Two Demo-VL copies run at once: one answers queries (Speaker copy) and one watches the"
    " microphone (Listener copy). "
    "The Listener copy uses a voice detector and drops noise based on a status token. "
    "The training pipeline has three stages of instruction tuning."
)
ADAPTER = (
    "Demo-VL offers an efficient recipe for instruction tuning. "
    "The core is a routing adapter, which connects the image encoder to the LLM with few"
    " parameters. "
    "Demo-VL reports vision-language understanding on many tasks."
)


def _query(question_words: str) -> list[frozenset[str]]:
    return [frozenset({stem(w)}) for w in question_words.split()]


@pytest.mark.parametrize(
    ("question", "limit", "expected"),
    [
        ("How does Demo-VL pull off barge-in at deployment?", 2, 4),
        ("Why is it fast?", 2, 4),
        ("Explain the adapter.", 1, 4),
        ("How many stages are there?", 2, 2),
        ("How big is Demo-VL?", 1, 1),
        ("What is the vision encoder of Demo-VL?", 2, 2),
    ],
)
def test_quote_limit(question: str, limit: int, expected: int) -> None:
    assert quote_limit(question, limit) == expected


def test_an_explanation_quotes_what_goes_on_from_the_best_sentence() -> None:
    quotes = best_quotes([(ENTRY, "L7")], _query("interact interruption deployment"), limit=4)
    assert [q.sentence.split(":")[0].split(",")[0] for q in quotes] == [
        "To interact naturally",
        "These are implemented using a twin pipeline at deployment.",
        "Two Demo-VL copies run at once",
        "The Listener copy uses a voice detector and drops noise based on a status token.",
    ]
    assert sum(len(q.sentence.split()) for q in quotes) <= OPEN_WORDS
    assert {q.citation for q in quotes} == {"L7"}


def test_a_lookup_quotes_one_or_two_sentences() -> None:
    quotes = best_quotes([(ENTRY, "L7")], _query("interact interruption deployment"), limit=2)
    assert len(quotes) == 2
    assert quotes[0].sentence.startswith("To interact naturally")


def test_the_question_words_as_the_entry_words_them() -> None:
    quotes = best_quotes([(ADAPTER, "L9")], _query("connect vision language"), limit=1)
    assert [q.sentence for q in quotes] == [
        "The core is a routing adapter, which connects the image encoder to the LLM with few"
        " parameters."
    ]


def test_the_open_word_budget_holds_for_long_passages() -> None:
    long_entry = " ".join(
        f"Sentence {n} says the adapter connects part {n} well." for n in range(40)
    )
    quotes = best_quotes([(long_entry, "L1")], _query("adapter connects"), limit=4)
    assert 1 <= len(quotes) <= 4
    assert sum(len(q.sentence.split()) for q in quotes) <= OPEN_WORDS


@pytest.mark.parametrize(
    ("word", "also"),
    [("connect", "projector"), ("vision", "imag"), ("language", "llm"), ("sync", "timelin")],
)
def test_related_words(word: str, also: str) -> None:
    assert also in related(frozenset({stem(word)}))
    assert related(frozenset({"zzz"})) == frozenset()


FUSION = (
    "Demo-VL reads screens at high resolution. "
    "Its encoder output is pooled by a strided convolution and passed through a gated MLP"
    " module. "
    "This adapter efficiently bridges the visual and language modalities. "
    "Training uses three stages."
)


def test_an_explanation_that_points_back_quotes_the_sentence_it_points_to() -> None:
    quotes = best_quotes([(FUSION, "L3")], _query("connect vision language"), limit=4)
    assert [q.sentence for q in quotes][:2] == [
        "Its encoder output is pooled by a strided convolution and passed through a gated MLP"
        " module.",
        "This adapter efficiently bridges the visual and language modalities.",
    ]
    # a lookup (two sentences at most) quotes the best sentence, as before
    lookup = best_quotes([(FUSION, "L3")], _query("connect vision language"), limit=2)
    assert (
        lookup[0].sentence == "This adapter efficiently bridges the visual and language modalities."
    )


@pytest.mark.parametrize(
    ("sentence", "points_back"),
    [
        ("This adapter bridges the modalities.", True),
        ("The LLM generates this token and passes it on.", True),
        ("It uses a projector.", True),
        ("The model uses a projector.", False),
        ("Training uses these stages.", True),
        ("Training follows a schedule that spans many steps.", False),
    ],
)
def test_sentences_that_point_back(sentence: str, points_back: bool) -> None:
    from search.assistant.extract import _ANAPHOR

    assert bool(_ANAPHOR.match(sentence)) is points_back
