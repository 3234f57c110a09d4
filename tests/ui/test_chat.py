"""The Chat tab's plain functions on real Answer objects."""

from __future__ import annotations

import pytest

from search.assistant import Answer, Citation, Fact
from ui import chat
from vlmkg.errors import QuestionError

ANSWER = Answer(
    question="Which models use SigLIP?",
    markdown="The hub lists **Evil<script>x</script>**: see `hub.md#L3-L4` and <https://e.org/a>.",
    facts=(Fact("Evil<b>", "visionEncoder", "SigLIP|400M", "hub.md#L3-L4"),),
    citations=(
        Citation("hub.md#L3-L4", "Models"),
        Citation("other.md#L9", "Tools", "https://t.org"),
    ),
    sparql="SELECT ?m WHERE { ?m vlm:visionEncoder ?e }",
    llm_note="LLM text rejected: it named <i>Foo</i>, which the facts do not support.",
)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "type a question first"),
        (" \n\t", "type a question first"),
        ("x" * 2001, "the question is 2001 characters long; keep it under 2000"),
    ],
)
def test_check_question_refuses(question: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        chat.check_question(question)


def test_check_question_strips() -> None:
    assert chat.check_question("  Which models?\n") == "Which models?"


def test_escape_markdown_html() -> None:
    assert chat.escape_markdown_html("a <b>&</b> <https://x.org/p?q=1>") == (
        "a &lt;b>&amp;&lt;/b> [https://x.org/p?q=1](https://x.org/p?q=1)"
    )


def test_answer_messages() -> None:
    text, evidence = chat.answer_messages(ANSWER)
    assert text == {
        "role": "assistant",
        "content": (
            "The hub lists **Evil&lt;script>x&lt;/script>**: see "
            "[hub.md#L3-L4](/source/hub.md?lines=3-4#L3) and [https://e.org/a](https://e.org/a)."
            "\n\n**Sources:** [Tools](/source/other.md?lines=9-9#L9) ([link](https://t.org))"
            "\n\n*LLM text rejected: it named &lt;i>Foo&lt;/i>, which the facts do not support.*"
        ),
    }
    assert evidence == {
        "role": "assistant",
        "content": (
            "| subject | predicate | object | source |\n|---|---|---|---|\n"
            "| Evil&lt;b> | visionEncoder | SigLIP\\|400M | "
            "[hub.md#L3-L4](/source/hub.md?lines=3-4#L3) |"
            "\n\n```sparql\nSELECT ?m WHERE { ?m vlm:visionEncoder ?e }\n```"
        ),
        "metadata": {"title": "How I know", "status": "done"},
    }


def test_stream_text_ends_with_the_whole_text() -> None:
    text = " ".join(f"w{i}" for i in range(30))
    parts = list(chat.stream_text(text, chunk=10))
    assert parts[-1] == text
    assert all(text.startswith(p) for p in parts)
    assert [len(p.split()) for p in parts] == [5, 10, 15, 20, 25, 30]


def test_llm_status() -> None:
    assert chat.llm_status(None) == "The assistant is loading..."
