"""The HTML report opened in a real browser: headless Debian Chromium driven by selenium.

Two reports are built with the models (spaCy and MiniLM, loaded once): a small made-up story
whose articles carry injected markup (a script and an ``<img onerror>`` in titles, outlets and
text, a ``javascript:`` URL), and the five real seed reports of the Aleppo offensive. Each page
must render, log no console error, and run nothing it was given.

Needs ``chromium`` and ``chromium-driver`` (Debian packages: /usr/bin/chromium and
/usr/bin/chromedriver) and selenium; without them the tests skip, unless
``CORROBORATE_REQUIRE_BROWSER=1`` (as in CI), when they fail. Selenium Manager never runs: the
driver's path is given and ``SE_OFFLINE`` is set, so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from corroborate import Article, read_inputs
from corroborate.report.build import build_report
from corroborate.report.html import render_html

CHROMIUM = os.environ.get("CORROBORATE_CHROMIUM") or shutil.which("chromium") or ""
CHROMEDRIVER = os.environ.get("CORROBORATE_CHROMEDRIVER") or "/usr/bin/chromedriver"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--window-size=1280,1000"]  # fmt: skip

SCRIPT = "<script>document.title='PWNED'</script>"
IMG = "<img src=x onerror=\"document.title='PWNED'\">"
JS_URL = "javascript:document.title='PWNED'"


def unavailable(reason: str) -> None:
    if os.environ.get("CORROBORATE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (and CORROBORATE_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed: pip install -e '.[dev]'")
    missing = [
        name
        for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER))
        if not path or not os.access(path, os.X_OK)
    ]
    if missing:
        unavailable(
            f"no {' and no '.join(missing)}: apt-get install chromium chromium-driver "
            "(Debian) to run the browser tests"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ARGS:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # belt and braces: the driver path skips the manager
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def article(aid: str, text: str, **meta: Any) -> Article:
    return Article(id=aid, text=text, paragraphs=text.split("\n"), **meta)


def injected_story() -> list[Article]:
    """A made-up story of three reports, two of one text and one independent, with markup put
    in titles, outlet names, text and a URL."""
    wire = [
        "Fourteen people died when an earth dam gave way in the hills above Millbrook on "
        "Saturday, the regional fire service said in a statement.",
        "Rescue teams in boats searched flooded streets for survivors throughout the day while "
        f"soldiers cleared debris from the main road into the town. {SCRIPT}",
        f"The mayor of Millbrook, Anna Reyes, said {IMG} that every family that had lost its "
        "home would be given shelter in the town's schools.",
    ]
    rewrite = [
        "Fourteen people were killed when an earth dam collapsed in the hills above Millbrook "
        "on Saturday, the regional fire service said.",
        "Rescue teams in boats searched the flooded streets for survivors while soldiers "
        f"cleared debris from the main road into the town. {IMG}",
        "Mayor Anna Reyes said that every family that had lost its home would get shelter in "
        f"the town's schools. {SCRIPT}",
    ]
    independent = [
        "At least sixteen people died after the Millbrook dam burst on Sunday, a hospital "
        f"official told {SCRIPT} reporters.",
        "Water swept through the lower town within minutes, carrying away cars and flooding "
        "hundreds of homes, residents said.",
        f"“We heard a roar and then the water was everywhere,” said {IMG} farmer Tom Hale.",
    ]
    return [
        article("inj-wire", "\n".join(wire), title=f"{SCRIPT} Dam gives way above Millbrook",
                source=IMG, published="2025-03-08T09:00:00+00:00", url="https://example.org/dam"),
        article("inj-rewrite", "\n".join(rewrite), title=f"Millbrook dam collapses {IMG}",
                source="Valley Post", published="2025-03-08T15:00:00+00:00", url=JS_URL),
        article("inj-independent", "\n".join(independent), title="Millbrook flood kills 16",
                source=SCRIPT, published="2025-03-09"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def injected_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = build_report(injected_story())
    path = tmp_path_factory.mktemp("browser") / "injected.html"
    path.write_text(render_html(report.to_dict()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_page(seed_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = [a for a in read_inputs([str(p) for p in seed_files]) if isinstance(a, Article)]
    assert len(articles) == 5
    path = tmp_path_factory.mktemp("browser") / "seeds.html"
    path.write_text(render_html(build_report(articles).to_dict()), encoding="utf-8")
    return path


def open_page(driver: Any, path: Path) -> None:
    driver.get_log("browser")  # drop what an earlier page logged
    driver.get(path.resolve().as_uri())


def console_errors(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_injected_markup_is_shown_not_run(browser: Any, injected_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, injected_page)
    assert browser.title != "PWNED"
    assert "document.title='PWNED'" in browser.title  # the story label's markup, as text
    for section in ("brief", "sources", "facts", "provenance"):
        assert browser.find_element(By.ID, section).is_displayed(), section
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    body = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in body
    assert IMG in body
    assert JS_URL in body  # the URL is shown, not linked
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:"))]
    assert "https://example.org/dam" in hrefs
    edges = browser.find_elements(By.CSS_SELECTOR, "#provenance path.edge")
    assert [e.get_attribute("marker-end") for e in edges] == ["url(#arrow-rewrite)"]
    assert console_errors(browser) == []
    assert browser.title != "PWNED"


def test_a_citation_jumps_to_its_source_row(browser: Any, injected_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, injected_page)
    cite = browser.find_element(By.CSS_SELECTOR, "#brief a.cite")
    target = (cite.get_attribute("href") or "").rsplit("#", 1)[-1]
    assert target.startswith("source-")
    cite.click()
    assert browser.current_url.endswith(f"#{target}")
    assert browser.find_element(By.ID, target).is_displayed()
    assert console_errors(browser) == []


def test_seed_report_renders_with_conflicts_side_by_side(browser: Any, seed_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, seed_page)
    for section in ("brief", "sources", "facts", "conflicts", "matrix", "provenance", "timeline"):
        assert browser.find_element(By.ID, section).is_displayed(), section
    rows = browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr")
    assert len(rows) == 5
    pairs = 0
    for conflict in browser.find_elements(By.CSS_SELECTOR, "article.conflict"):
        sides = conflict.find_elements(By.CSS_SELECTOR, ".side")
        if len(sides) >= 2 and all(s.is_displayed() for s in sides[:2]):
            left, right = sides[0].rect, sides[1].rect
            assert left["y"] == right["y"] and left["x"] < right["x"]  # columns, side by side
            pairs += 1
    assert pairs >= 1
    graph = browser.find_element(By.CSS_SELECTOR, "#provenance svg")
    assert graph.is_displayed() and graph.size["height"] > 50
    assert len(browser.find_elements(By.CSS_SELECTOR, "#provenance rect.node")) == 5
    assert console_errors(browser) == []
