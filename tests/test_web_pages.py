"""Pages a researcher cites from: the OIC at a glance, facts by predicate and date, sources by title,
"cite this", the Secretaries General, the organs, the conflicts, CSV of every list, capped evidence."""

import csv
import io

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from yntymaq import views
from yntymaq.vocab import Date
from yntymaq.web import create_app

LISTS = {"/members": "state", "/meetings": "id", "/organs": "id", "/secretaries-general": "person",
         "/conflicts": "subject", "/documents": "id", "/e/KZ": "predicate", "/timeline?entity=KZ": "date"}


@pytest.fixture(scope="module")
def shipped(shipped_kb):
    with TestClient(create_app(shipped_kb.store.url)) as client:
        yield client


def page(client, url, **params) -> HTMLParser:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    response = client.get(url + ("&" if "?" in url else "?") + query if query else url)
    assert response.status_code == 200, response.text[:300]
    return HTMLParser(response.text)


def test_the_oic_page_opens_with_the_organisation_at_a_glance(shipped, shipped_kb):
    tree = page(shipped, "/e/OIC", lang="en")
    glance = tree.css_first("#glance")
    assert glance is not None
    # before the facts, and with today's member count, the Secretary General and the chairs
    assert tree.html.index('id="glance"') < tree.html.index('id="facts"')
    count = shipped_kb.member_count(at=Date.today())
    assert str(count.members) in glance.css_first(".big a").text()
    holders = shipped_kb.office_holders(at=Date.today())
    assert holders and holders[0].person.label("en") in glance.text()
    assert glance.css_first("a[href='/secretaries-general']") is not None
    assert shipped.get("/api/entity/KZ").json()["glance"] is None  # only the organisation's own page


def test_facts_are_grouped_by_predicate_and_sorted_by_date(shipped_kb):
    data = views.entity_view(shipped_kb, shipped_kb.record("OIC"), "en")
    groups = data["fact_groups"]
    assert [g["predicate"] for g in groups] == list(dict.fromkeys(g["predicate"] for g in groups))
    assert sum(g["count"] for g in groups) == len(data["facts"])
    for g in groups:
        assert {f["predicate"] for f in g["facts"]} == {g["predicate"]}
        starts = [Date.parse(f["start"]).sort_key() for f in g["facts"] if f["start"]]
        assert starts == sorted(starts)


def test_a_long_group_folds_after_its_first_rows(shipped):
    tree = page(shipped, "/e/OIC", lang="en")
    members = tree.css_first("#facts-member_of")
    assert members is not None
    shown = members.css("table.data.facts")[0].css("tbody tr")
    assert len(shown) == views.GROUP_SHOWN
    folded = members.css_first("details.more-facts")
    assert folded is not None and folded.css("tbody tr")


def test_labels_not_ids_for_qualifiers_and_origins(shipped):
    tree = page(shipped, "/e/KZ", lang="en")
    badges = [a for a in tree.css("#facts-table a.badge") if a.attributes["href"].startswith("/e/OIC/cfm/")]
    assert badges and all(not a.text().startswith("OIC/") for a in badges)  # "38th session of the CFM", not its id
    assert not tree.css("#facts-table code.rule")  # a rule's name is in a tooltip, not in the text


def test_sources_show_title_publisher_and_link(shipped, shipped_kb):
    tree = page(shipped, "/e/KZ", lang="en")
    fact = shipped_kb.facts(subject="KZ", predicate="member_of")[0]
    source = fact.sources[0]
    link = next(a for a in tree.css("#facts-table a.src") if a.attributes["href"] == source.url)
    assert link.text() == source.title
    assert source.publisher in link.parent.text()


def test_cite_this_gives_the_fact_its_sources_and_the_day(shipped_kb):
    data = views.entity_view(shipped_kb, shipped_kb.record("KZ"), "en")
    fact = next(f for f in data["facts"] if f["predicate"] == "member_of")
    cite = fact["cite"]
    assert cite.startswith("Kazakhstan member of Organisation of Islamic Cooperation member (1995")
    for s in fact["sources"]:
        assert s["title"] in cite and s["url"] in cite
    assert f"accessed {Date.today()}" in cite
    kk = views.entity_view(shipped_kb, shipped_kb.record("KZ"), "kk")["facts"][0]["cite"]
    assert "Дереккөзі" in kk and "қаралған күні" in kk


def test_cite_this_is_on_every_fact_of_the_page(shipped):
    tree = page(shipped, "/e/KZ", lang="ru")
    rows = tree.css("#facts-table tbody tr")
    assert rows and all(r.css_first("details.cite p.citation") for r in rows)
    assert "Источник" in rows[0].css_first("p.citation").text()


def test_the_secretaries_general_page_lists_every_holder(shipped, shipped_kb):
    holders = shipped_kb.office_holders()
    tree = page(shipped, "/secretaries-general", lang="en")
    rows = tree.css("#holders-table tbody tr")
    assert len(rows) == len(holders) >= 10
    assert [r.css_first("a").attributes["href"] for r in rows] == [f"/e/{h.person.id}" for h in holders]
    api = shipped.get("/api/secretaries-general", params={"lang": "en"}).json()
    assert [h["person"] for h in api["holders"]] == [h.person.id for h in holders]


def test_the_organs_page_lists_the_organs_with_their_category(shipped, shipped_kb):
    parts = shipped_kb.facts(predicate="part_of", object="OIC")
    api = shipped.get("/api/organs", params={"lang": "en"}).json()["organs"]
    assert len(api) == len(parts)
    by_id = {o["id"]: o for o in api}
    assert by_id["IsDB"]["category"] == "specialised" and by_id["IsDB"]["category_label"] == "specialised institution"
    tree = page(shipped, "/organs", lang="en")
    assert len(tree.css("#organs-table tbody tr")) == len(parts)


@pytest.mark.parametrize("url", LISTS)
def test_every_list_downloads_as_csv(shipped, url):
    tree = page(shipped, url, lang="en")
    link = tree.css_first("a.csv")
    assert link is not None, f"{url} has no CSV link"
    response = shipped.get(link.attributes["href"])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert LISTS[url] in rows[0]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_csv_of_members_has_a_row_per_state_with_its_sources(shipped):
    data = shipped.get("/api/members", params={"at": "1982", "lang": "ru"}).json()
    answer = shipped.get("/members", params={"at": "1982", "format": "csv", "lang": "ru"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["state"] for r in rows] == [m["state"] for m in data["members"]]
    assert all(r["sources"] for r in rows)


def test_another_format_is_an_error_naming_the_parameter(shipped):
    response = shipped.get("/members", params={"format": "xml"})
    assert response.status_code == 400
    assert "format: &#39;xml&#39; is not csv" in response.text


def test_a_member_count_evidence_shows_its_rule_and_a_link_not_57_facts(shipped):
    text = "In 2011 the OIC had 57 member states."
    response = shipped.post("/check", data={"text": text, "name": "count"}, follow_redirects=False)
    doc = response.headers["location"]
    claim = next(c for c in shipped.get("/api" + doc.replace("/d/", "/documents/")).json()["claims"]
                 if c["predicate"] == "member_count")
    assert len(claim["evidence"]) > 5  # the API keeps them all
    evidence = HTMLParser(shipped.get(doc, params={"lang": "en"}).text).css_first(".evidence")
    assert len(evidence.css("ul.facts-list > li")) == 5 + 1
    more = evidence.css_first("li.more")
    assert f"{len(claim['evidence']) - 5} more" in more.text()
    assert more.css_first("a").attributes["href"] == "/members?at=2011"
