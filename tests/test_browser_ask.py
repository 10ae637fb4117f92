"""A Kazakh question typed into the search box is answered with its sources (headless chromium)."""

import pytest
from test_browser import browser, page, server  # noqa: F401  (the shared fixtures)

pytestmark = pytest.mark.browser


def test_kazakh_question_in_the_search_box(page, server):  # noqa: F811
    page.goto(server + "/")
    page.fill("#site-search", "Қазақстан ИЫҰ-ға қашан мүше болды?")
    page.press("#site-search", "Enter")
    page.wait_for_selector("#answer .answer-text")
    assert "1995 ж. желтоқсан" in page.inner_text("#answer .answer-text")
    sources = page.locator("#answer .sources a")
    assert sources.count() >= 1 and sources.first.get_attribute("href").startswith("http")
    assert all(url.startswith(server) for url in page.requested)
