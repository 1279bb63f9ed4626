"""The web app in a real browser: headless Debian Chromium, driven by selenium, against the app
served by uvicorn on a free loopback port over a fresh store.

The five seed reports of the Aleppo offensive and a planted sixth (a copy of a seed with a
``<script>`` and an ``<img onerror>`` in its headline and text, so it joins their story) are
uploaded through the add page's file input, several files at once; then the story opens, a
citation of its brief leads to its article, and no page runs what the planted article carries:
the document title stays, no alert opens, the markup shows as text, and the browser console logs
no error.

Needs ``chromium`` and ``chromium-driver`` (Debian) and selenium; without them the tests skip,
unless ``CORROBORATE_REQUIRE_BROWSER=1`` (as in CI), when they fail. Nothing is downloaded: the
driver's path is given and ``SE_OFFLINE`` is set.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_report_browser import browser, console_errors  # noqa: F401 (fixture)

SCRIPT = "<script>document.title='PWNED';alert('PWNED')</script>"
IMG = "<img src=x onerror=\"document.title='PWNED';alert('PWNED')\">"
HEADLINE = "Rebels take most of Aleppo"


def planted(seed: Path) -> str:
    """A copy of a seed report under a new headline, with a script and an ``<img onerror>`` in
    its headline and text: it joins the seeds' story as a copy of that seed."""
    paragraphs = seed.read_text(encoding="utf-8").split("\n")
    paragraphs[2] += f" {IMG}"
    paragraphs[4] += f" {SCRIPT}"
    return f"{SCRIPT} {HEADLINE}\n\n" + "\n".join(paragraphs)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a fresh store, served on 127.0.0.1 from a background thread: its URL."""
    import uvicorn

    from corroborate.web.app import create_app

    db = tmp_path_factory.mktemp("web-browser") / "web.db"
    app = create_app(db, background=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    serving = uvicorn.Server(config)
    thread = threading.Thread(target=serving.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not serving.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the app did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        serving.should_exit = True
        thread.join(timeout=15)
        sock.close()


def visit(driver: Any, url: str) -> None:
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(url)


def assert_nothing_ran(driver: Any, where: str) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    assert driver.title != "PWNED", where
    assert driver.title.endswith(" · corroborate"), (where, driver.title)  # as the page set it
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 (reading it is the check)
    assert driver.find_elements(By.TAG_NAME, "script") == [], where
    assert driver.find_elements(By.TAG_NAME, "img") == [], where
    assert console_errors(driver) == [], where


def test_seeds_through_the_add_page_to_a_cited_article(
    browser: Any,  # noqa: F811 (the fixture)
    server: str,
    seed_files: list[Path],
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    plant = tmp_path / "planted.txt"
    plant.write_text(planted(seed_files[1]), encoding="utf-8")
    browser.set_page_load_timeout(240)

    visit(browser, f"{server}/add")
    assert browser.title == "Add articles · corroborate"
    files = browser.find_element(By.CSS_SELECTOR, "#upload-form input[type=file]")
    files.send_keys("\n".join(str(p.resolve()) for p in [*seed_files, plant]))
    browser.find_element(By.CSS_SELECTOR, "#upload-form button[type=submit]").click()
    WebDriverWait(browser, 240).until(lambda d: d.find_elements(By.ID, "articles"))
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert heading == "6 new articles", heading
    body = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body  # the planted headline, as text
    assert_nothing_ran(browser, "added")

    stories = browser.find_elements(By.CSS_SELECTOR, "#stories li")
    seeds = max(stories, key=lambda li: int(li.text.rsplit(" article", 1)[0].rsplit(" ", 1)[-1]))
    seeds.find_element(By.TAG_NAME, "a").click()  # the report is made on this first view
    WebDriverWait(browser, 240).until(lambda d: d.find_elements(By.ID, "brief"))
    for section in ("brief", "sources", "facts", "conflicts", "matrix", "provenance", "timeline"):
        assert browser.find_element(By.ID, section).is_displayed(), section
    rows = browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr")
    assert len(rows) == 6  # the five seeds and the planted copy
    assert f"{SCRIPT} {HEADLINE}" in browser.find_element(By.ID, "sources").text
    assert_nothing_ran(browser, "story")

    cite = browser.find_element(By.CSS_SELECTOR, "#brief a.cite")
    target = cite.get_attribute("href") or ""
    assert "/articles/" in target
    cite.click()
    WebDriverWait(browser, 60).until(lambda d: d.current_url == target)
    assert browser.find_element(By.ID, "text").is_displayed()
    marks = browser.find_elements(By.CSS_SELECTOR, ".article-text mark.claim")
    assert marks and marks[0].is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, ".article-text .hl.figure")
    assert browser.find_element(By.CSS_SELECTOR, "a[href^='/stories/']").is_displayed()
    assert_nothing_ran(browser, "cited article")


def test_the_planted_article_shows_its_markup_as_text(
    browser: Any,  # noqa: F811 (the fixture)
    server: str,
) -> None:
    from selenium.webdriver.common.by import By

    visit(browser, f"{server}/?q=Aleppo")
    assert_nothing_ran(browser, "search")
    found = browser.find_elements(By.CSS_SELECTOR, "table.stories a[href^='/stories/']")
    assert len(found) == 1, "one story: the seeds and the planted copy"
    found[0].click()
    assert_nothing_ran(browser, "story")
    link = next(
        a
        for a in browser.find_elements(By.CSS_SELECTOR, "#sources a[href^='/articles/']")
        if HEADLINE in a.text
    )
    link.click()
    assert_nothing_ran(browser, "planted article")
    assert browser.title == f"{SCRIPT} {HEADLINE} · corroborate"  # the markup, as text
    assert browser.find_element(By.TAG_NAME, "h1").text == f"{SCRIPT} {HEADLINE}"
    text = browser.find_element(By.CSS_SELECTOR, ".article-text")
    assert text.is_displayed() and IMG in text.text and SCRIPT in text.text
    relations = browser.find_element(By.ID, "relations").text
    assert "duplicate" in relations or "rewrite" in relations  # a copy of the seed
