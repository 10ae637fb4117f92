"""Journeys a reader takes, in headless Debian chromium driven by Playwright, over the shipped dataset.

The app runs under uvicorn in a background thread on a free local port. Without /usr/bin/chromium the
tests fail (they do not skip): install it with `apt-get install -y chromium`.
"""

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The web app over the real shipped dataset, served on 127.0.0.1 for the length of the module."""
    import uvicorn

    from yntymaq.kb import build
    from yntymaq.web import create_app

    db = str(tmp_path_factory.mktemp("browser") / "kb.sqlite")
    build(db)
    port = _free_port()
    config = uvicorn.Config(create_app(db, lang="kk"), host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start within 20 seconds")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"headless browser tests need Debian's chromium at {CHROMIUM}: run `apt-get install -y chromium` "
                    f"(found on PATH: {shutil.which('chromium') or 'nothing'})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records every request it makes, so a test can check none leaves the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    yield page
    context.close()


def _external(page, server) -> list[str]:
    return [url for url in page.requested if not url.startswith(server + "/") and not url.startswith("data:")]


def test_kazakhstan_page_shows_accession_and_chairmanship(page, server):
    page.goto(f"{server}/e/KZ")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("main h1").inner_text().strip() == "Қазақстан"

    # Accession: the membership section starts in 1995.
    first_start = page.locator("#section-membership tbody tr").first.locator("td").nth(1).inner_text()
    assert first_start.startswith("1995"), first_start

    # Chairmanship of the CFM: from the opening of the 38th session (Astana) ...
    chair_row = page.locator("#section-chairmanships tbody tr", has=page.locator('a[href="/e/OIC/cfm/38"]'))
    assert chair_row.count() == 1
    assert chair_row.locator("td").nth(2).inner_text().strip() == "2011-06-28"
    handed_over = chair_row.locator("td").nth(3).inner_text().strip()

    chair_row.locator('a[href="/e/OIC/cfm/38"]').click()
    page.wait_for_url(f"{server}/e/OIC/cfm/38")
    meeting = page.locator("section.meeting")
    assert "Астана" in meeting.inner_text()
    assert meeting.locator("dd.chair a[href='/e/KZ']").count() == 1

    # ... to the opening of the 39th, where Djibouti took the chair.
    page.locator('.prevnext a[rel="next"]').click()
    page.wait_for_url(f"{server}/e/OIC/cfm/39")
    djibouti_chair = page.locator("section.meeting dd.chair")
    assert djibouti_chair.locator("a[href='/e/DJ']").count() == 1
    assert djibouti_chair.inner_text().split(":", 1)[1].strip().startswith(handed_over), djibouti_chair.inner_text()
    assert not _external(page, server)


def test_search_box_finds_kazakhstan_in_any_language(page, server):
    page.goto(server + "/")
    for name in ("Қазақстанның", "Казахстан", "Kazakhstan"):
        page.get_by_role("searchbox").first.fill(name)
        page.get_by_role("searchbox").first.press("Enter")
        page.wait_for_url(f"{server}/e/KZ")
        page.goto(server + "/")
    assert not _external(page, server)


def test_language_switch_is_on_every_page_and_remembered(page, server):
    page.goto(f"{server}/e/KZ")
    page.locator('nav.langs a[hreflang="ru"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("main h1").inner_text().strip() == "Казахстан"
    page.locator("nav.main a").nth(1).click()  # the members list, still in Russian
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    page.locator('nav.langs a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().startswith("States of the OIC")


def test_home_and_timeline_load_nothing_from_outside(page, server):
    page.goto(server + "/")
    kazakhstan = page.locator("#kazakhstan")
    assert "1995" in kazakhstan.inner_text()
    kazakhstan.locator("a[href='/e/KZ']").first.click()
    page.wait_for_url(f"{server}/e/KZ")
    page.goto(server + "/timeline")
    row = page.locator("svg.chart g.row[data-entity='KZ']").first
    assert row.is_visible()
    assert page.locator("svg.chart").count() >= 2
    page.goto(server + "/members?at=1982")
    typed = page.locator("input[data-filter-table='members-table']")
    typed.fill("Мысыр")
    visible = page.locator("#members-table tbody tr:visible")
    assert visible.count() >= 1 and all("Мысыр" in visible.nth(i).inner_text() for i in range(visible.count()))
    assert not _external(page, server)


_WORD_CENTRE = """(el, word) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at >= 0 && !node.parentElement.closest("a")) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const box = range.getBoundingClientRect();
      return {x: box.x + box.width / 2, y: box.y + box.height / 2};
    }
  }
  return null;
}"""


def test_a_pasted_text_is_highlighted_and_its_evidence_is_one_click_away(page, server):
    text = ("Қазақстан Ислам конференциясы ұйымына 1995 жылы мүше болды.\n\n"
            "Ислам ынтымақтастығы ұйымы 1972 жылы Рабатта құрылды.\n")
    page.goto(server + "/")
    page.locator("nav.main a[href='/check']").click()
    page.wait_for_url(f"{server}/check")
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Тексеру").click()
    page.wait_for_url(f"{server}/d/**")

    # The names are marked, and the linked ones lead to their entity's page.
    text_box = page.locator("#doc-text")
    assert text_box.locator("a.mention[href='/e/KZ']").first.inner_text() == "Қазақстан"
    assert text_box.locator("a.mention[href='/e/OIC']").count() >= 2

    # Claims are coloured by verdict: the membership supported, the founding year contradicted.
    supported = text_box.locator("span.claim.v-supported").first
    contradicted = text_box.locator("span.claim.v-contradicted").first
    assert "1995" in supported.inner_text() and "1972" in contradicted.inner_text()
    colour = "el => getComputedStyle(el).borderBottomColor"
    assert supported.evaluate(colour) != contradicted.evaluate(colour)

    # One click on the contradicted sentence opens its evidence beside the text, on the same page.
    claim_id = contradicted.get_attribute("data-claims").split()[0]
    card = page.locator(f"details#claim-{claim_id}")
    assert card.get_attribute("open") is None
    here = page.url
    year = contradicted.evaluate(_WORD_CENTRE, "1972")  # on the plain text, not on a name's link
    page.mouse.click(year["x"], year["y"])
    expect(card).to_have_attribute("open", "")  # (a polled wait: the pages' CSP allows no eval)
    assert page.url == here
    assert card.locator("summary .verdict").inner_text() == "қайшы"
    evidence = card.locator(".evidence")
    assert evidence.is_visible() and "1969" in evidence.inner_text()
    assert evidence.locator("a.src").count() >= 1  # the fact's sources, as links
    assert "check.founded" in evidence.locator("code.rule").first.inner_text()
    assert "active" in (contradicted.get_attribute("class") or "")

    # A click on a name inside a claim follows the link instead.
    text_box.locator("a.mention[href='/e/KZ']").first.click()
    page.wait_for_url(f"{server}/e/KZ")
    assert not _external(page, server)


def test_the_members_map_changes_with_the_date(page, server):
    page.goto(f"{server}/map?lang=en")
    egypt = page.locator('#world-map path[data-state="EG"]')
    kazakhstan = page.locator('#world-map path[data-state="KZ"]')
    assert egypt.get_attribute("class") == "st-member" and kazakhstan.get_attribute("class") == "st-member"

    def slide_to(year: int) -> None:
        page.locator("#map-year").fill(str(year))
        page.locator("#map-year").dispatch_event("input")
        expect(page.locator("#map-at")).to_have_value(re.compile(f"^{year}"))

    slide_to(1982)  # Egypt suspended, Kazakhstan not yet a member
    assert egypt.get_attribute("class") == "st-suspended" and kazakhstan.get_attribute("class") == "st-none"
    assert page.locator("#map-count").inner_text().startswith("1982-12-31: 42 members (2 suspended)")
    table = page.locator("#map-table tbody")
    assert "suspended" in table.locator('tr[data-state="EG"]').inner_text()
    assert table.locator('tr[data-state="KZ"]').count() == 0
    assert "at=1982-12-31" in page.url

    slide_to(1996)
    assert kazakhstan.get_attribute("class") == "st-member" and egypt.get_attribute("class") == "st-member"
    assert table.locator('tr[data-state="KZ"] a[href="/e/KZ"]').count() == 1
    marker = page.locator("#count-marker").get_attribute("x1")
    slide_to(2010)
    assert page.locator("#count-marker").get_attribute("x1") != marker
    assert not _external(page, server)


def test_a_fuzzy_search_finds_kazahstan(page, server):
    page.goto(server + "/?lang=en")
    page.get_by_role("searchbox").first.fill("Kazahstan")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_url("**/search?q=Kazahstan*")
    suggestion = page.locator("#did-you-mean a")
    assert suggestion.inner_text().strip() == "Kazakhstan"
    suggestion.click()
    page.wait_for_url(f"{server}/e/KZ")
    assert not _external(page, server)


def test_the_timeline_shows_its_whole_range_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(server + "/timeline?lang=en")
        scroll = phone.locator(".chart-scroll").first
        # the picture fits the screen: nothing to scroll sideways, the first and this year's ticks both in view
        assert scroll.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        box = phone.locator("svg.chart").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1
        ticks = phone.locator("svg.chart").first.locator("text.tick")
        last = ticks.nth(ticks.count() - 1).bounding_box()
        assert last["x"] + last["width"] <= 375 + 1
    finally:
        context.close()


def test_cite_this_opens_the_citation_of_a_fact(page, server):
    page.goto(server + "/e/KZ?lang=en")
    cite = page.locator("#facts-table details.cite").first
    cite.locator("summary").click()
    text = cite.locator("p.citation").inner_text()
    assert text.startswith("Kazakhstan") and "Source:" in text and "accessed" in text
