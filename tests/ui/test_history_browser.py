"""The History tab in a real browser, on a `--history` build of tests/data/history."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.kg.test_history import DATA, DATES, commit, git
from tests.ui.conftest import Server, serving
from tests.ui.test_browser import CHROMIUM, FLAGS, SCREENSHOTS, WAIT_MS
from vlmkg.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def history_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q")
    for n, date in enumerate(DATES, start=1):
        commit(repo, (DATA / f"v{n}.md").read_text("utf-8"), date, f"v{n}")
    home = tmp_path_factory.mktemp("home")
    assert main(["build", "--history", str(repo), "--no-index", "--home", str(home)]) == 0
    env = {**os.environ, "VLMKG_HOME": str(home), "GRADIO_ANALYTICS_ENABLED": "False"}
    with serving(home, ["--no-assistant"], env) as (server, _):
        yield server


def test_the_history_tab_plots_and_diffs(history_server: Server) -> None:
    if not CHROMIUM.exists():
        pytest.fail("chromium is missing: `make system-deps` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(WAIT_MS)
        page.goto(history_server.url + "/")
        page.get_by_role("tab", name="History").click()
        page.get_by_text("3 versions, 2025-01-10 .. 2025-03-10.").wait_for()
        diff = page.locator("#vlmkg-history-diff")
        diff.get_by_text("Added").first.wait_for()
        text = diff.inner_text()
        page.wait_for_timeout(1500)  # let the plot draw
        page.screenshot(path=str(SCREENSHOTS / "history.png"), full_page=True)
        browser.close()
    # the default diff: the version before the newest against the newest (a reformat)
    assert "Added: none" in text and "Removed: none" in text and "Changed: none" in text
