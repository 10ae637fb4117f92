"""The web UI and the JSON API, in process: JSON checked by keys, HTML by parsing, over the fixture KB."""

import json
import re
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from yntymaq import views
from yntymaq.cli import main
from yntymaq.kb.query import ChairRow, MeetingRow, MemberRow, OfficeRow
from yntymaq.vocab import Date
from yntymaq.web import create_app
from yntymaq.web.chart import render_chart
from yntymaq.web.urls import api_url, entity_url, page_url

PAGES = ["/", "/?at=2012-03-01", "/members", "/members?at=1982", "/members?status=observer", "/meetings",
         "/meetings?body=cfm&kind=ordinary&year=2011", "/timeline", "/timeline?entity=KZ", "/e/KZ", "/e/EG",
         "/e/OIC", "/e/OIC/cfm", "/e/OIC/cfm/2", "/e/test-person", "/e/OIC/secretary-general", "/e/astana",
         "/search", "/api/docs"]


@pytest.fixture(scope="module")
def fixture_kb(fixture_kb_each):
    """Every test of this module runs on SQLite and on PostgreSQL (see conftest.py)."""
    return fixture_kb_each


@pytest.fixture(scope="module")
def app(fixture_kb):
    return create_app(fixture_kb.store.url)


@pytest.fixture()
def client(app):
    """A fresh client per test, so that no language cookie leaks from one test into another."""
    with TestClient(app) as c:
        yield c


def as_json(data):
    """What a dict looks like after a trip through JSON (tuples become lists)."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def html(response) -> HTMLParser:
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
    return HTMLParser(response.text)


def row_keys(row_class, sample) -> set[str]:
    """The keys `to_dict` gives a row of this class, from a real row of the knowledge base."""
    assert isinstance(sample, row_class)
    return set(sample.to_dict("kk"))


# -- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_kazakh_with_a_language_switch(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    tree = html(response)
    assert tree.css_first("html").attributes["lang"] == "kk"
    switch = {a.attributes["hreflang"]: a.attributes["href"] for a in tree.css("nav.langs a")}
    assert set(switch) == {"kk", "ru", "en"}
    assert all("lang=" + code in href for code, href in switch.items())
    search = tree.css_first("form.search")
    field = search.css_first("input[name=q]")
    assert search.css_first(f"label[for={field.attributes['id']}]") is not None
    assert tree.css_first("main h1") is not None


@pytest.mark.parametrize("url", PAGES + ["/e/nowhere", "/search?q=Атлантида", "/members?at=2011-13"])
def test_no_page_loads_anything_from_outside(client, url):
    tree = html(client.get(url))
    loaded = [n.attributes.get("src") for n in tree.css("script, img, iframe, audio, video, source, embed, input[type=image]")]
    loaded += [n.attributes.get("href") for n in tree.css("link")]
    loaded += [n.attributes.get("href") or n.attributes.get("xlink:href") for n in tree.css("svg image, svg use")]
    loaded += [n.attributes.get("data") for n in tree.css("object")]
    external = [u for u in loaded if u and re.match(r"^(https?:)?//", u.strip(), re.I)]
    assert not external, external
    styles = " ".join(n.text() for n in tree.css("style")) + " ".join(n.attributes.get("style") or "" for n in tree.css("[style]"))
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", styles)
    assert tree.css_first("script[src]").attributes["src"].startswith("/-/static/")


def test_static_files_are_served_and_self_contained(client):
    css = client.get("/-/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@import" not in css.text and not re.search(r"url\(\s*['\"]?(https?:)?//", css.text)
    js = client.get("/-/static/app.js")
    assert js.status_code == 200 and "http" not in js.text


def test_language_switch_is_remembered(client):
    tree = html(client.get("/e/KZ?lang=ru"))
    assert tree.css_first("html").attributes["lang"] == "ru"
    assert tree.css_first("main h1").text(strip=True) == "Казахстан"
    assert tree.css_first("nav.main a").text(strip=True) == "Главная"
    again = html(client.get("/e/KZ"))  # no ?lang=: the cookie remembers Russian
    assert again.css_first("html").attributes["lang"] == "ru"
    english = html(client.get("/members?lang=en"))
    assert english.css_first("html").attributes["lang"] == "en"
    assert english.css_first("nav.main a").text(strip=True) == "Home"
    assert "Egypt" in english.text() and "Мысыр" not in english.text()


@pytest.mark.parametrize("lang,name", [("kk", "Қазақстан"), ("ru", "Казахстан"), ("en", "Kazakhstan")])
def test_entity_names_follow_the_page_language(client, lang, name):
    tree = html(client.get(f"/e/KZ?lang={lang}"))
    assert tree.css_first("main h1").text(strip=True) == name
    assert tree.css_first("title").text().startswith(name)


def test_unknown_language_is_a_clear_error(client):
    response = client.get("/members?lang=fr")
    assert response.status_code == 400
    assert "lang: 'fr' is not one of kk, ru, en" in html(response).css_first(".error .message").text()


def test_home_page_at_a_glance(client, fixture_kb):
    tree = html(client.get("/?at=2012-03-01"))
    count = fixture_kb.member_count(at=Date(2012, 3, 1))
    assert tree.css_first("#card-members .big").text(strip=True) == str(count.members)
    assert tree.css_first("#card-observers .big").text(strip=True) == str(count.observers)
    chair = tree.css_first("#card-chair-cfm .big-name a")
    (expected,) = fixture_kb.chairs(body="cfm", at=Date(2012, 3, 1))
    assert chair.attributes["href"] == entity_url(expected.state.id) == "/e/KZ"
    assert tree.css_first("#card-secretary-general .big-name a").attributes["href"] == "/e/test-person"
    kazakhstan = tree.css_first("#kazakhstan")
    assert kazakhstan.css_first("h2 a").attributes["href"] == "/e/KZ"
    assert "1995" in kazakhstan.text() and "/e/OIC/cfm/2" in kazakhstan.html
    latest = [a.attributes["href"] for a in tree.css("#meetings-table tbody td:nth-child(2) a")]
    assert latest[0] == "/e/OIC/cfm/2" and "/e/OIC/cfm/3" not in latest  # none held after the date asked


def test_home_page_today_shows_the_current_chairs(client, fixture_kb):
    tree = html(client.get("/"))
    for body in ("cfm", "summit"):
        current = fixture_kb.chairs(body=body, at=Date.today())
        shown = [a.attributes["href"] for a in tree.css(f"#card-chair-{body} .big-name a")]
        assert shown == [entity_url(r.state.id) for r in current]


def test_state_page_lists_membership_chairmanships_and_hosted_meetings(client):
    tree = html(client.get("/e/KZ?lang=en"))
    membership = tree.css_first("#section-membership")
    assert membership.css_first("tbody tr td:nth-child(2)").text(strip=True) == "1995"
    chair_links = [a.attributes["href"] for a in tree.css("#section-chairmanships a")]
    assert "/e/OIC/cfm/2" in chair_links
    assert "2012-11-15" in tree.css_first("#section-chairmanships").text()
    assert "/e/OIC/cfm/2" in [a.attributes["href"] for a in tree.css("#section-hosted a")]
    # the timeline picture of the state's own rows
    assert tree.css("figure.chart svg g.row[data-entity=KZ]")


def test_every_fact_on_an_entity_page_links_its_sources(client, fixture_kb):
    tree = html(client.get("/e/EG"))
    data = views.entity_view(fixture_kb, fixture_kb.record("EG"), "kk")
    rows = tree.css("#facts-table tbody tr")
    shown = [f for group in data["fact_groups"] for f in group["facts"]]  # grouped by predicate, by date
    assert len(rows) == len(data["facts"]) == len(shown) > 0
    for row, fact in zip(rows, shown):
        links = row.css("a.src")
        assert [a.attributes["href"] for a in links] == [s["url"] for s in fact["sources"]]


def test_no_conflict_section_where_sources_agree(client, fixture_kb):
    assert fixture_kb.conflicts("KZ") == []
    assert html(client.get("/e/KZ")).css_first("#conflicts") is None


def test_conflicting_sources_are_shown_side_by_side(shipped_kb):
    """The shipped dataset keeps two accounts of Egypt's suspension, each with its source."""
    conflicts = shipped_kb.conflicts("EG")
    assert conflicts
    with TestClient(create_app(shipped_kb.store.url)) as shipped:
        section = html(shipped.get("/e/EG")).css_first("#conflicts")
    items = section.css("li")
    assert len(items) == sum(len(c.facts) for c in conflicts)
    assert all(item.css("a.src") for item in items)


def test_meeting_page_has_number_place_dates_chair_previous_and_next(client):
    tree = html(client.get("/e/OIC/cfm/2?lang=en"))
    facts = tree.css_first(".meeting dl.facts").text()
    assert "2011-06-28" in facts and "2011-06-30" in facts and "Astana" in facts
    assert tree.css_first(".meeting dd.num").text(strip=True) == "2"
    assert tree.css_first('.prevnext a[rel="prev"]').attributes["href"] == "/e/OIC/cfm/1"
    assert tree.css_first('.prevnext a[rel="next"]').attributes["href"] == "/e/OIC/cfm/3"
    assert [a.attributes["href"] for a in tree.css(".meeting dd.chair a")] == ["/e/KZ"]
    assert [a.attributes["href"] for a in tree.css(".meeting dd.place a")] == ["/e/astana", "/e/KZ"]


def test_person_page_lists_offices(client):
    tree = html(client.get("/e/test-person?lang=en"))
    section = tree.css_first("#section-offices")
    assert section is not None
    office = section.css_first('a[href="/e/OIC/secretary-general"]')
    assert office is not None and office.text(strip=True) == "Secretary General"
    assert "2010-01" in section.text()


def test_members_page_filters_by_date_and_status(client, fixture_kb):
    tree = html(client.get("/members?at=1982&lang=en"))
    rows = tree.css("#members-table tbody tr")
    assert len(rows) == len(fixture_kb.members(at=Date(1982)))
    egypt = [r for r in rows if r.css_first("a").attributes["href"] == "/e/EG"]
    assert [r.css_first("td:nth-child(2)").text(strip=True) for r in egypt] == ["suspended"]
    assert tree.css_first("#f-at").attributes["value"] == "1982"
    observers = html(client.get("/members?status=observer"))
    assert [a.attributes["href"] for a in observers.css("#members-table tbody td:first-child a")] == ["/e/BA"]


def test_members_are_in_the_alphabetical_order_of_the_page_language(client):
    for lang in ("kk", "en"):
        names = [a.text(strip=True) for a in html(client.get(f"/members?lang={lang}")).css("#members-table tbody td:first-child a")]
        assert names == sorted(names, key=views.alphabetical)


def test_members_page_bad_date_is_an_error_page(client):
    response = client.get("/members?at=2011-13")
    assert response.status_code == 400
    assert "at: month 13 is not between 1 and 12" in html(response).css_first(".error .message").text()
    assert "Traceback" not in response.text


def test_meetings_page_filters_and_ignores_empty_fields(client):
    tree = html(client.get("/meetings?body=cfm&kind=&year=2011&number=&place="))
    links = [a.attributes["href"] for a in tree.css("#meetings-table tbody td:nth-child(2) a")]
    assert links == ["/e/OIC/cfm/2"]
    extraordinary = html(client.get("/meetings?kind=extraordinary"))
    assert [a.attributes["href"] for a in extraordinary.css("#meetings-table tbody td:nth-child(2) a")] == [
        entity_url("OIC/cfm-extraordinary/1")]
    bad = client.get("/meetings?year=soon")
    assert bad.status_code == 400
    assert html(bad).css_first(".error .message").text(strip=True) == "year: 'soon' is not a whole number"


def test_timeline_page_draws_bars_from_the_data(client, fixture_kb):
    tree = html(client.get("/timeline"))
    data = views.timeline_view(fixture_kb, "kk")
    svgs = tree.css("figure.chart svg")
    assert len(svgs) == len(data["chart"]["groups"]) >= 3
    membership = svgs[0]
    states = [g.attributes["data-entity"] for g in membership.css("g.row")]
    assert states == [row["entity"]["id"] for row in data["chart"]["groups"][0]["rows"]]
    kz = membership.css_first("g.row[data-entity=KZ]")
    assert "row-hl" in kz.attributes["class"]
    assert kz.css_first("a").attributes["href"] == "/e/KZ"
    # Kazakhstan's membership is known to the year only: its first stretch is hatched, then solid.
    parts = kz.css("rect.bar-part")
    assert "uncertain" in parts[0].attributes["class"] and "url(#" in parts[0].attributes["fill"]
    assert "solid" in parts[1].attributes["class"]
    assert not tree.css("script:not([src])"), "the picture is drawn on the server, without a script"


def test_timeline_of_one_entity_lists_its_events(client):
    tree = html(client.get("/timeline?entity=KZ"))
    dates = [td.text(strip=True) for td in tree.css("#events-table tbody td.date")]
    assert dates and dates[0] == "1995" and dates == sorted(dates)


def test_search_resolves_any_name_to_its_page(client):
    for name in ("Қазақстан", "Казахстан", "Kazakhstan", "kz"):
        response = client.get("/search", params={"q": name}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/e/KZ"
    page = client.get("/search", params={"q": "ИЫҰ"}, follow_redirects=True)
    assert page.status_code == 200 and str(page.url).endswith("/e/OIC")


def test_search_for_nothing_known_says_so(client):
    response = client.get("/search", params={"q": "Атлантида"})
    assert response.status_code == 404
    assert "Атлантида" in html(response).css_first("p.empty").text()


def test_unknown_entity_and_page_are_404_pages(client):
    for url in ("/e/nowhere", "/no/such/page"):
        response = client.get(url)
        assert response.status_code == 404
        assert html(response).css_first(".error .message") is not None


def test_internal_links_all_lead_somewhere(client):
    """Every link from the main pages to another page of the site answers 200."""
    seen = set()
    for url in ("/", "/e/KZ", "/e/OIC/cfm/2", "/timeline", "/meetings", "/members"):
        for a in html(client.get(url)).css("a[href]"):
            href = a.attributes["href"]
            if urlsplit(href).scheme or href.startswith("#") or href in seen:
                continue
            seen.add(href)
            assert client.get(href).status_code == 200, href
    assert any(h.startswith("/e/OIC/cfm/") for h in seen)


# -- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ident,url", [("KZ", "/e/KZ"), ("OIC/cfm/38", "/e/OIC/cfm/38"),
                                       ("OIC/summit-extraordinary/4", "/e/OIC/summit-extraordinary/4"),
                                       ("an id?with#odd chars", "/e/an%20id%3Fwith%23odd%20chars")])
def test_entity_urls_keep_slashes_and_encode_the_rest(ident, url):
    assert entity_url(ident) == url


def test_page_and_api_urls_drop_empty_parameters():
    assert page_url("members", at="1982", status=None) == "/members?at=1982"
    assert api_url("entity", "OIC/cfm/38", lang="ru") == "/api/entity/OIC/cfm/38?lang=ru"


# -- the API ---------------------------------------------------------------------------------


def test_api_members_rows_have_the_row_keys(client, fixture_kb):
    body = client.get("/api/members", params={"at": "1982"}).json()
    assert set(body) == {"at", "status", "count", "members"}
    sample = fixture_kb.members(at=Date(1982))[0]
    assert all(set(row) == row_keys(MemberRow, sample) for row in body["members"])
    assert {"state", "status", "start", "end"} <= set(body["members"][0])
    egypt = [r for r in body["members"] if r["state"] == "EG"]
    assert [(r["status"], r["start"], r["end"]) for r in egypt] == [("suspended", "1979-05", "1984-03")]
    assert body == as_json(views.members_view(fixture_kb, "kk", at=Date(1982)))


def test_api_member_count_is_derived(client, fixture_kb):
    body = client.get("/api/members/count", params={"at": "2020"}).json()
    assert body == fixture_kb.member_count(at=Date(2020)).to_dict("kk")
    assert body["members"] == 4 and body["rule"] == "member_count.v1"


def test_api_meetings_rows_have_the_row_keys(client, fixture_kb):
    body = client.get("/api/meetings", params={"body": "cfm", "year": 2011, "lang": "en"}).json()
    (row,) = body["meetings"]
    assert set(row) == row_keys(MeetingRow, fixture_kb.meetings()[0])
    assert {"id", "body", "ordinal", "kind", "city", "country", "start", "end"} <= set(row)
    assert row["id"] == "OIC/cfm/2" and row["ordinal"] == 2 and row["kind"] == "ordinary"
    assert row["city"] == {"id": "astana", "label": "Astana"} and row["country"] == {"id": "KZ", "label": "Kazakhstan"}
    assert (row["start"], row["end"]) == ("2011-06-28", "2011-06-30")
    by_place = client.get("/api/meetings", params={"place": "Джидда"}).json()["meetings"]
    assert by_place and all(m["city"]["id"] == "jeddah" for m in by_place)


def test_api_chair_rows(client, fixture_kb):
    body = client.get("/api/chair", params={"body": "cfm", "at": "2012-03-01"}).json()
    (row,) = body["chairs"]
    assert set(row) == row_keys(ChairRow, fixture_kb.chairs(body="cfm")[0])
    assert (row["state"], row["start"], row["end"]) == ("KZ", "2011-06-28", "2012-11-15")
    every = client.get("/api/chair", params={"body": "summit"}).json()["chairs"]
    assert [r["state"] for r in every] == [r.state.id for r in fixture_kb.chairs(body="summit")]


def test_api_office_holders(client, fixture_kb):
    body = client.get("/api/office", params={"at": "2011-06"}).json()
    (row,) = body["holders"]
    assert set(row) == row_keys(OfficeRow, fixture_kb.office_holders()[0])
    assert row["person"] == "test-person" and body["office"]["id"] == "OIC/secretary-general"
    assert client.get("/api/office", params={"at": "2009"}).json()["holders"] == []
    by_name = client.get("/api/office", params={"office": "Secretary General"}).json()
    assert by_name["office"]["id"] == "OIC/secretary-general"


@pytest.mark.parametrize("ident", ["KZ", "OIC/cfm/2", "test-person", "OIC"])
def test_api_entity_is_the_page_dict(client, fixture_kb, ident):
    for lang in ("kk", "ru"):
        body = client.get(f"/api/entity/{ident}", params={"lang": lang}).json()
        assert body == as_json(views.entity_view(fixture_kb, fixture_kb.record(ident), lang))
        assert {"entity", "meeting", "sections", "facts"} <= set(body)


def test_api_entity_of_a_meeting_has_previous_and_next(client):
    meeting = client.get("/api/entity/OIC/cfm/2").json()["meeting"]
    assert meeting["previous"]["id"] == "OIC/cfm/1" and meeting["next"]["id"] == "OIC/cfm/3"
    assert [c["state"] for c in meeting["chair"]] == ["KZ"]


def test_api_timeline(client, fixture_kb):
    whole = client.get("/api/timeline").json()
    assert whole == as_json(views.timeline_view(fixture_kb, "kk"))
    assert [g["key"] for g in whole["chart"]["groups"]] == ["membership", "chairs.summit", "chairs.cfm"]
    one = client.get("/api/timeline/KZ").json()
    assert one["entity"]["id"] == "KZ" and one["events"][0]["date"] == "1995"
    bar = one["chart"]["groups"][0]["rows"][0]["bars"][0]
    assert set(bar) == {"kind", "label", "start", "end", "meeting", "sources"}
    assert (bar["kind"], bar["start"], bar["end"]) == ("member", "1995", None)


def test_api_search(client):
    body = client.get("/api/search", params={"q": "Казахстан", "lang": "en"}).json()
    assert body["best"] == {"id": "KZ", "label": "Kazakhstan"} and body["results"][0]["type"] == "state"
    nothing = client.get("/api/search", params={"q": "Атлантида"}).json()
    assert nothing["best"] is None and nothing["results"] == []


def test_a_search_for_nothing_finds_nothing(client):
    body = client.get("/api/search?q=").json()
    assert body["results"] == [] and body["passages"] == [] and body["best"] is None


@pytest.mark.parametrize("url,status,code,message", [
    ("/api/members?at=2011-13", 400, "bad_input", "at: month 13 is not between 1 and 12"),
    ("/api/members?status=associate", 400, "bad_input", "status: 'associate' is not one of member, observer, suspended"),
    ("/api/meetings?body=council", 400, "bad_input", "body: 'council' is not a meeting series; use one of summit, cfm, st-summit"),
    ("/api/meetings?year=abc", 400, "bad_input", "year: "),
    ("/api/chair?at=June", 400, "bad_input", "at: 'June' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("/api/entity/XX/none", 404, "not_found", "no entity has the id 'XX/none'"),
    ("/api/timeline/nowhere", 404, "not_found", "no entity has the id 'nowhere'"),
    ("/api/office?office=Атлантида", 404, "not_found", "no entity is named 'Атлантида'"),
    ("/api/members?lang=fr", 400, "bad_input", "lang: 'fr' is not one of kk, ru, en"),
    ("/api/no-such-endpoint", 404, "not_found", "no page at /api/no-such-endpoint"),
])
def test_api_errors_have_one_shape(client, url, status, code, message):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    assert body["error"]["code"] == code
    assert body["error"]["message"].startswith(message), body["error"]["message"]
    assert "Traceback" not in response.text


def test_api_rejects_other_methods_in_the_same_shape(client):
    response = client.post("/api/members")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"


def test_api_docs_are_served_from_here(client):
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/members", "/api/members/count", "/api/meetings", "/api/chair", "/api/office",
            "/api/entity/{ident}", "/api/timeline/{ident}", "/api/search"} <= paths
    assert all(p.startswith("/api/") for p in paths), "pages stay out of the API schema"
    tree = html(client.get("/api/docs"))
    listed = {code.text() for code in tree.css(".endpoint h2 code")}
    assert listed == paths
    for url in ("/docs", "/redoc"):  # FastAPI's own pages load scripts from a CDN: they are off
        assert client.get(url).status_code == 404


# -- pieces ----------------------------------------------------------------------------------


def test_chart_draws_uncertain_ends_hatched_and_known_days_solid():
    group = {"title": "t", "rows": [{"entity": {"id": "X", "label": "X"}, "bars": [
        {"kind": "member", "label": "m", "start": "1990", "end": "2000-05", "meeting": None, "sources": []},
        {"kind": "chair", "label": "c", "start": "2001-01-01", "end": "2002-01-01", "meeting": {"id": "M/1", "label": "M"},
         "sources": []}]}]}
    import datetime as dt

    svg = HTMLParser(str(render_chart(group, today="2010-01-01", span=(dt.date(1990, 1, 1), dt.date(2011, 1, 1)),
                                      uid="u", entity_url=entity_url, open_label="open")))
    member, chair = svg.css(".bar")
    assert [p.attributes["class"].split()[1] for p in member.css("rect")] == ["uncertain", "solid", "uncertain"]
    assert [p.attributes["class"].split()[1] for p in chair.css("rect")] == ["solid"]
    assert chair.attributes["href"] == "/e/M/1"
    assert "X: m, 1990 – 2000-05" in member.css_first("title").text()


def test_create_app_on_a_missing_database_is_a_clear_error(tmp_path):
    from yntymaq.errors import YntymaqError

    with pytest.raises(YntymaqError, match="run `yntymaq build` first"):
        create_app(str(tmp_path / "none.sqlite"))


# -- the serve command -----------------------------------------------------------------------


def test_serve_builds_a_missing_knowledge_base_then_serves(tmp_path, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: served.update(app=app, host=host, port=port))
    db = tmp_path / "new.sqlite"
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123", "--host", "127.0.0.1", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "The knowledge base is missing or empty; building it" in result.output
    assert "Knowledge base built" in result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    with TestClient(served["app"]) as c:
        assert html(c.get("/")).css_first("html").attributes["lang"] == "en"
    again = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123", "--lang", "en"])
    assert again.exit_code == 0 and "building" not in again.output and "serving at" in again.output


def test_serve_rejects_a_bad_port():
    result = CliRunner().invoke(main, ["serve", "--port", "eighty"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: --port: 'eighty' is not a port number (1-65535)"
