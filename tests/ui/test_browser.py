"""The UI in a real browser (Debian's chromium driven by Playwright) against a real server.

Screenshots go to a temporary folder; with VLMKG_SCREENSHOTS=docs/screenshots they refresh
the README's (`make screenshots`), so a test run never changes the checkout.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ui.conftest import Server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(
    os.environ.get("VLMKG_SCREENSHOTS") or Path(tempfile.gettempdir()) / "vlmkg-screenshots"
).resolve()
SCREENSHOTS.mkdir(parents=True, exist_ok=True)
WAIT_MS = 300_000  # a deadline for each wait on a loaded machine, not an expectation


@pytest.fixture(scope="module")
def page(server: Server) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            "chromium is missing: `make system-deps` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=FLAGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        opened = context.new_page()
        opened.set_default_timeout(WAIT_MS)
        opened.goto(server.url + "/")
        opened.wait_for_selector("#vlmkg-question textarea")
        yield opened
        context.close()
        browser.close()


def ask(page: object, question: str) -> None:
    page.fill("#vlmkg-question textarea", question)  # type: ignore[attr-defined]
    page.click("#vlmkg-ask")  # type: ignore[attr-defined]


def bot_messages(page: object) -> object:
    return page.locator("#vlmkg-chat .message.bot")  # type: ignore[attr-defined]


def wait_for_bot_text(page: object, pattern: str) -> str:
    """The text of the last assistant message once it matches `pattern`."""
    handle = page.wait_for_function(  # type: ignore[attr-defined]
        """([pattern]) => {
            const bots = document.querySelectorAll('#vlmkg-chat .message.bot');
            const text = bots.length ? bots[bots.length - 1].innerText : '';
            return new RegExp(pattern).test(text) ? text : false;
        }""",
        arg=[pattern],
    )
    return str(handle.json_value())


def test_ask_and_follow_up_with_citations(page: object, server: Server) -> None:
    ask(page, "Which models use a SigLIP vision encoder?")
    first = wait_for_bot_text(page, "SigLIP[\\s\\S]*vlm-research-hub\\.md#L")
    assert "SmolVLM" in first
    links = page.locator('#vlmkg-chat a[href^="/source/vlm-research-hub.md?lines="]')  # type: ignore[attr-defined]
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert re.fullmatch(r"/source/vlm-research-hub\.md\?lines=\d+-\d+#L\d+", href)
    cited = httpx.get(server.url + href)
    assert cited.status_code == 200 and "class=cited" in cited.text
    page.get_by_text("How I know").first.click()  # type: ignore[attr-defined]
    facts = page.locator("#vlmkg-chat table").first  # type: ignore[attr-defined]
    facts.wait_for(state="visible")
    assert "subject" in facts.inner_text() and "source" in facts.inner_text()
    page.wait_for_timeout(500)  # type: ignore[attr-defined]  # the block finishes opening
    page.screenshot(path=str(SCREENSHOTS / "chat.png"), full_page=True)  # type: ignore[attr-defined]
    before = bot_messages(page).count()  # type: ignore[attr-defined]
    ask(page, "Which of them were released in 2025?")
    page.wait_for_function(  # type: ignore[attr-defined]
        "(n) => document.querySelectorAll('#vlmkg-chat .message.bot').length > n "
        "&& !/^…$/.test(document.querySelectorAll('#vlmkg-chat .message.bot')[n].innerText.trim())",
        arg=before,
    )
    follow_up = wait_for_bot_text(page, "2025[\\s\\S]*vlm-research-hub\\.md#L")
    assert "SmolVLM" in follow_up
    assert "error" not in follow_up.lower()


def test_example_query_shows_a_table(page: object) -> None:
    page.get_by_role("tab", name="SPARQL").click()  # type: ignore[attr-defined]
    page.locator("#vlmkg-examples input").click()  # type: ignore[attr-defined]
    option = re.compile("Vision encoder families by number of models")
    page.get_by_role("option", name=option).click()  # type: ignore[attr-defined]
    page.wait_for_function(
        "() => document.querySelector('#vlmkg-editor').innerText.includes('skos:broader')"
    )  # type: ignore[attr-defined]
    page.click("#vlmkg-run")  # type: ignore[attr-defined]
    page.wait_for_function(
        "() => /\\d+ rows?/.test(document.querySelector('#vlmkg-sparql-message').innerText)"
    )  # type: ignore[attr-defined]
    table = page.locator("#vlmkg-results")  # type: ignore[attr-defined]
    assert "family" in table.inner_text() and "models" in table.inner_text()
    assert "CLIP" in table.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "sparql.png"), full_page=True)  # type: ignore[attr-defined]


def test_explore_and_insights(page: object) -> None:
    page.get_by_role("tab", name="Explore").click()  # type: ignore[attr-defined]
    box = page.get_by_label("Find an entity")  # type: ignore[attr-defined]
    box.fill("SigLIP")
    box.press("Enter")
    page.wait_for_selector("#vlmkg-entity h2")  # type: ignore[attr-defined]
    assert page.locator("#vlmkg-entity h2").inner_text() == "SigLIP"  # type: ignore[attr-defined]
    page.wait_for_selector("#vlmkg-picture svg circle")  # type: ignore[attr-defined]
    page.screenshot(path=str(SCREENSHOTS / "explore.png"), full_page=True)  # type: ignore[attr-defined]
    page.get_by_role("tab", name="Insights").click()  # type: ignore[attr-defined]
    page.get_by_text(re.compile(r"\d+ models with a parameter count")).wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # let the plots draw
    page.screenshot(path=str(SCREENSHOTS / "insights.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "error: type a question first"),
        ("   ", "error: type a question first"),
        ("why " * 800, "error: the question is 3199 characters long"),
    ],
)
def test_bad_questions_get_a_readable_message(
    page: object, server: Server, question: str, message: str
) -> None:
    page.get_by_role("tab", name="Chat").click()  # type: ignore[attr-defined]
    # Counted in the chat's text: Gradio groups an error after an answer in one bubble.
    count = "(m) => document.querySelector('#vlmkg-chat').innerText.split(m).length - 1"
    before = page.evaluate(count, message)  # type: ignore[attr-defined]
    ask(page, question)
    page.wait_for_function(f"([m, n]) => ({count})(m) > n", arg=[message, before])  # type: ignore[attr-defined]
    assert httpx.get(server.url + "/health").json()["status"] == "ok"


def test_malformed_sparql_in_the_ui(page: object, server: Server) -> None:
    page.get_by_role("tab", name="SPARQL").click()  # type: ignore[attr-defined]
    editor = page.locator("#vlmkg-editor .cm-content")  # type: ignore[attr-defined]
    editor.click()
    page.keyboard.press("Control+A")  # type: ignore[attr-defined]
    page.keyboard.type("SELECT ?s WHERE { ?s ?p }")  # type: ignore[attr-defined]
    page.click("#vlmkg-run")  # type: ignore[attr-defined]
    page.wait_for_function(
        "() => document.querySelector('#vlmkg-sparql-message').innerText.includes('error:')"
    )  # type: ignore[attr-defined]
    text = page.locator("#vlmkg-sparql-message").inner_text()  # type: ignore[attr-defined]
    assert "SPARQL syntax error at line 1, column" in text
    assert httpx.get(server.url + "/health").json()["status"] == "ok"


INJECTION = "<img src=x onerror=window.pwned=1>"


def test_html_in_results_and_questions_is_shown_not_run(page: object) -> None:
    page.get_by_role("tab", name="SPARQL").click()  # type: ignore[attr-defined]
    editor = page.locator("#vlmkg-editor .cm-content")  # type: ignore[attr-defined]
    editor.click()
    page.keyboard.press("Control+A")  # type: ignore[attr-defined]
    page.keyboard.type(f'SELECT ?x WHERE {{ VALUES ?x {{ "{INJECTION}" }} }}')  # type: ignore[attr-defined]
    page.click("#vlmkg-run")  # type: ignore[attr-defined]
    page.wait_for_function(
        "() => document.querySelector('#vlmkg-sparql-message').innerText.includes('1 row')"
    )  # type: ignore[attr-defined]
    assert INJECTION in page.locator("#vlmkg-results").inner_text()  # type: ignore[attr-defined]
    assert page.locator("#vlmkg-results img").count() == 0  # type: ignore[attr-defined]
    page.get_by_role("tab", name="Chat").click()  # type: ignore[attr-defined]
    before = bot_messages(page).count()  # type: ignore[attr-defined]
    ask(page, f"Which models use {INJECTION}?")
    page.wait_for_function(  # type: ignore[attr-defined]
        """() => {
            const users = document.querySelectorAll('#vlmkg-chat .message.user');
            return users.length && users[users.length - 1].innerText.includes('onerror=');
        }"""
    )
    page.wait_for_function(  # type: ignore[attr-defined]  # the answer has rendered too
        "(n) => { const bots = document.querySelectorAll('#vlmkg-chat .message.bot');"
        " return bots.length > n && !/^…?$/.test(bots[bots.length - 1].innerText.trim()); }",
        arg=before,
    )
    assert page.locator("#vlmkg-chat img[src=x]").count() == 0  # type: ignore[attr-defined]
    assert page.evaluate("() => window.pwned === undefined")  # type: ignore[attr-defined]
