"""The Chat tab's plain functions on real Answer objects."""

from __future__ import annotations

import re

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


def many_sources_answer(count: int) -> Answer:
    from search.assistant.compose import sources_block

    citations = tuple(Citation(f"hub.md#L{n}-L{n}", "Models") for n in range(10, 10 + count))
    return Answer(
        question="Which vision encoder is most popular?",
        markdown="**ViT** is the most common vision encoder family.\n" + sources_block(citations),
        citations=citations,
        extra={
            "chart": {
                "kind": "bar",
                "title": "Models per <family>",
                "x": ["ViT", "C<L>IP"],
                "y": [13, 7],
                "x_label": "family",
                "y_label": "models",
            }
        },
    )


def test_many_sources_are_collapsed_under_the_answer() -> None:
    text, chart, sources = chat.answer_messages(many_sources_answer(7))
    assert text == {
        "role": "assistant",
        "content": "**ViT** is the most common vision encoder family.",
    }
    assert sources["metadata"] == {"title": "7 sources", "status": "done"}
    assert sources["content"].splitlines() == [
        f"- [hub.md#L{n}-L{n}](/source/hub.md?lines={n}-{n}#L{n}) (Models)" for n in range(10, 17)
    ]
    assert chart["content"].value == chat.chart_svg(many_sources_answer(7).extra["chart"])


def test_few_sources_stay_in_the_answer() -> None:
    messages = chat.answer_messages(many_sources_answer(chat.SOURCES_INLINE))
    assert [m.get("metadata") for m in messages] == [None, None]
    assert messages[0]["content"].count("](/source/hub.md?lines=") == chat.SOURCES_INLINE


def test_chart_svg_bars_and_escaping() -> None:
    svg = chat.chart_svg(many_sources_answer(1).extra["chart"])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count("<rect") == 2
    assert "Models per &lt;family&gt;" in svg and "C&lt;L&gt;IP" in svg and "<L>" not in svg
    assert re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', svg) == [
        "146.0",
        "78.6",
    ]


def test_chart_svg_lines_and_series() -> None:
    line = chat.chart_svg(
        {"kind": "line", "title": "t", "x": ["2023", "2024", "2025"], "y": [1, 4, 2]}
    )
    assert line.count("<polyline") == 1 and line.count("<circle") == 3
    grouped = chat.chart_svg(
        {
            "kind": "bar",
            "title": "t",
            "x": ["2024", "2025"],
            "series": [{"name": "a", "y": [1, 2]}, {"name": "b", "y": [3, 0]}],
        }
    )
    assert grouped.count("<rect") == 4 + 2  # four bars, two legend keys


@pytest.mark.slow
def test_chart_and_collapsed_sources_in_a_real_browser(server: object) -> None:
    from playwright.sync_api import sync_playwright

    from tests.ui.test_browser import CHROMIUM, FLAGS, SCREENSHOTS, WAIT_MS, ask

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(WAIT_MS)
        page.goto(server.url + "/")  # type: ignore[attr-defined]
        page.wait_for_selector("#vlmkg-question textarea")
        ask(page, "Which vision encoder family is most popular?")
        page.wait_for_selector("#vlmkg-chat svg.vlmkg-chart")
        bars = page.locator("#vlmkg-chat svg.vlmkg-chart rect")
        assert bars.count() == 5  # ViT, CLIP, SigLIP, MoVQGAN, SAM
        assert page.locator("#vlmkg-chat svg.vlmkg-chart").inner_html().count("<text") >= 10
        toggle = page.get_by_text("23 sources")
        toggle.wait_for(state="visible")
        links = page.locator('#vlmkg-chat a[href^="/source/vlm-research-hub.md?lines="]')
        collapsed = links.count()
        toggle.click()
        page.wait_for_function(
            "(n) => document.querySelectorAll("
            "'#vlmkg-chat a[href^=\"/source/vlm-research-hub.md?lines=\"]').length >= n + 23",
            arg=collapsed,
        )
        opened = links.nth(collapsed)
        opened.wait_for(state="visible")
        page.wait_for_timeout(500)  # the block finishes opening (for the screenshot only)
        page.locator("#vlmkg-chat svg.vlmkg-chart").scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "chat-aggregate.png"), full_page=True)
        browser.close()


def test_example_questions_get_grounded_answers(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each example under the chat box, asked in order in one conversation, is answered from
    the graph with at least one cited hub line."""
    from search.assistant import Assistant
    from tests.search.assistant.conftest import build_home
    from vlmkg.config import bundled_hub

    home = build_home(tmp_path_factory.mktemp("examples") / "home", [bundled_hub()])
    session = Assistant.open(home, dense=False).session()
    for question in chat.EXAMPLE_QUESTIONS:
        answer = session.ask(question)
        assert answer.grounded and answer.citations, (question, answer.markdown)
        assert "does not" not in answer.markdown.split("\n")[0], (question, answer.markdown)
