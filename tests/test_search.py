"""Search that forgives: entities by names with typos and in other scripts, and passages of stored
documents by the forms of their words, with exact offsets and filters; the members map's data."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from yntymaq import views
from yntymaq.cli import main
from yntymaq.kb.search import did_you_mean, search_passages, skeleton
from yntymaq.kb.store import passage_query
from yntymaq.text.terms import query_terms, text_terms

# -- entities ----------------------------------------------------------------------------------

FUZZY_NAMES = [
    ("Kazahstan", "KZ"),             # a typo of the English name
    ("Казакстан", "KZ"),             # Kazakh spelling in Russian letters (к for қ)
    ("Qazaqstan", "KZ"),             # Kazakh in Latin letters
    ("Kazakstan", "KZ"),
    ("Ihsanoglu", "ekmeleddin-ihsanoglu"),  # a surname alone, in Latin letters
    ("Ихсаноглу", "ekmeleddin-ihsanoglu"),
    ("саммит", "OIC/summit"),        # a word of the organ's names, in lower case
    ("Azerbaidjan", "AZ"),           # a typo in Latin letters
    ("Egipet", "EG"),
    ("Türkiye", "TR"),
    ("Turkiye", "TR"),
    ("Сауд Арабиясының", "SA"),      # inflected and typed without the exact name
]


@pytest.mark.parametrize("query,expected", FUZZY_NAMES)
def test_a_misspelt_or_transliterated_name_finds_its_entity(shipped_kb, query, expected):
    data = views.search_view(shipped_kb, "en", query)
    assert data["results"] and data["results"][0]["id"] == expected, data["results"][:3]
    if data["best"] is None:  # not an exact name: the page offers the entity
        assert data["did_you_mean"] == {"id": expected, "label": shipped_kb.entity(expected).label("en")}


@pytest.mark.parametrize("query", ["Атлантида", "Narnia", "xyzzy"])
def test_a_name_nothing_is_near_finds_nothing(shipped_kb, query):
    data = views.search_view(shipped_kb, "en", query)
    assert data["results"] == [] and data["did_you_mean"] is None and data["best"] is None


def test_short_queries_are_never_matched_fuzzily(shipped_kb):
    assert shipped_kb.name_index.search("ИЫ") == [] and shipped_kb.name_index.search("KZQ") == []


def test_a_word_that_nearly_names_many_entities_suggests_none(shipped_kb):
    matches = shipped_kb.name_index.search("сессия")
    assert len(matches) > 1 and did_you_mean(matches) is None


def test_exact_names_still_win_and_say_so(shipped_kb):
    data = views.search_view(shipped_kb, "kk", "Қазақстанның")
    assert data["best"]["id"] == "KZ" and data["did_you_mean"] is None
    assert data["results"][0]["rule"] == "search.exact.v1"


@pytest.mark.parametrize("a,b", [
    ("Қазақстан", "Qazaqstan"), ("Kazakhstan", "Казахстан"), ("Ekmeleddin İhsanoğlu", "Ekmeleddin Ihsanoglu"),
    ("Джибути", "Djibuti"), ("Саммит", "sammit"),
])
def test_skeletons_of_one_name_in_two_scripts_agree(a, b):
    assert skeleton(a) == skeleton(b)


# -- terms ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("written,lang,query", [
    ("саммитінде", "kk", "саммит"),
    ("саммиттің", "kk", "саммиті"),
    ("Қазақстанның", "kk", "Қазақстан"),
    ("саммита", "ru", "саммит"),
    ("Организации", "ru", "организация"),
    ("summits", "en", "summit"),
    ("Qazaqstannyń Islam yntymaqtastyǵy uıymyna múshe boldy.", "kk", "Қазақстан"),  # Latin script, read
])
def test_an_inflected_word_is_found_by_another_form(written, lang, query):
    word = text_terms(written, lang=lang)[0]
    (wanted,) = query_terms(query)
    assert set(word.terms) & set(wanted), (word.terms, wanted)


def test_terms_keep_the_offsets_of_their_words():
    text = "  Астанадағы саммитте, 2011 жылы. ИЫҰ-ға мүше."
    for term in text_terms(text, lang="kk"):
        assert text[term.start:term.end].strip() == text[term.start:term.end] != ""
    assert [text[t.start:t.end] for t in text_terms(text, lang="kk")] == [
        "Астанадағы", "саммитте", "2011", "жылы", "ИЫҰ-ға", "мүше"]


# -- passages of stored documents ---------------------------------------------------------------

KK_TEXT = ("Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды.\n"
           "Ислам ынтымақтастығы ұйымының саммиттерінде Қазақстан делегациясы сөз сөйледі.\n")
RU_TEXT = ("Казахстан вступил в Организацию исламского сотрудничества в 1990 году.\n"
           "Делегация приняла участие в работе саммита в Дакаре.\n")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def docs_kb(request, tmp_path_factory):
    """The shipped knowledge base with two short documents of our own ingested (one with a claim
    the knowledge base contradicts), on SQLite (FTS5) and on PostgreSQL (tsvector)."""
    from yntymaq.ingest import ingest_text
    from yntymaq.kb import KB, build

    target = str(tmp_path_factory.mktemp("search") / "kb.sqlite") if request.param == "sqlite" \
        else request.getfixturevalue("postgres_server").url()
    _, store = build(target)
    kb = KB(store)
    ids = {"kk": ingest_text(KK_TEXT, kb, name="kk.txt"), "ru": ingest_text(RU_TEXT, kb, name="ru.txt")}
    kb.doc_ids = ids
    return kb


def test_inflected_forms_are_found_in_every_language(docs_kb):
    hits = search_passages(docs_kb, "саммит")
    found = {docs_kb.store.document(h.doc).name: [h.text[a - h.start:b - h.start] for a, b in h.highlights] for h in hits}
    assert found == {"kk.txt": ["саммиттерінде"], "ru.txt": ["саммита"]}


def test_every_highlight_is_at_the_exact_offsets_of_its_word(docs_kb):
    for query in ("саммит", "Қазақстан", "Казахстан организация", "делегация"):
        hits = search_passages(docs_kb, query)
        assert hits, query
        for h in hits:
            text = docs_kb.store.document(h.doc).text
            assert text[h.start:h.end] == h.text
            for a, b in h.highlights:
                assert h.start <= a < b <= h.end
                assert text[a:b].strip() == text[a:b] and text[a:b]


def test_every_word_of_the_query_must_be_there(docs_kb):
    assert len(search_passages(docs_kb, "саммит")) == 2
    (hit,) = search_passages(docs_kb, "саммит Дакар")
    assert "Дакаре" in hit.text
    assert search_passages(docs_kb, "саммит Рабат") == []


def test_passages_are_filtered_by_entity_and_verdict(docs_kb):
    mentioning = search_passages(docs_kb, "", entity="KZ")
    assert mentioning and all("Қазақстан" in h.text or "Казахстан" in h.text for h in mentioning)
    contradicted = search_passages(docs_kb, "", verdict="contradicted")
    assert [h.text.strip() for h in contradicted] == [RU_TEXT.splitlines()[0]]
    assert search_passages(docs_kb, "саммит", verdict="contradicted") == []
    assert len(search_passages(docs_kb, "Казахстан", verdict="contradicted")) == 1


def test_a_bad_verdict_is_a_clear_error(docs_kb):
    from yntymaq.errors import BadInput

    with pytest.raises(BadInput, match="verdict: 'wrong' is not one of supported, contradicted, new, unverifiable"):
        search_passages(docs_kb, "саммит", verdict="wrong")


def test_documents_the_index_lacks_are_indexed_when_searched(docs_kb):
    import sqlalchemy as sa

    with docs_kb.store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM search_index WHERE doc = :d"), {"d": docs_kb.doc_ids["ru"]})
    assert len(search_passages(docs_kb, "саммит")) == 2


def test_the_view_links_passages_to_their_documents_and_claims(docs_kb):
    data = views.search_view(docs_kb, "en", "Казахстан", verdict="contradicted")
    (passage,) = data["passages"]
    assert passage["document"] == {"id": docs_kb.doc_ids["ru"], "name": "ru.txt"}
    assert "".join(p["text"] for p in passage["pieces"]) == passage["text"]
    assert [p["text"] for p in passage["pieces"] if p["hit"]] == ["Казахстан"]
    assert any(c["verdict"] == "contradicted" for c in passage["claims"])


def test_the_postgresql_query_is_a_tsquery_of_the_same_groups():
    sql, params = passage_query("postgresql", [("саммит", "саммиті"), ("дакар",)], entity="KZ", verdict="new")
    assert params["q"] == "(саммит | саммиті) & (дакар)" and "to_tsquery('simple', :q)" in sql
    assert ":entity" in sql and ":verdict" in sql and "ts_rank" in sql
    sql, params = passage_query("sqlite", [("саммит", "саммиті")])
    assert params["q"] == '("саммит" OR "саммиті")' and "MATCH" in sql and "bm25" in sql


def test_the_search_command_prints_the_nearest_name_and_passages(docs_kb):
    result = CliRunner().invoke(main, ["search", "Kazahstan", "--db", docs_kb.store.url, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Did you mean: Kazakhstan (KZ)" in result.output
    json_out = CliRunner().invoke(main, ["search", "саммит", "--db", docs_kb.store.url, "--json"])
    assert '"passages"' in json_out.output and "саммита" in json_out.output


# -- the web: search page, API, map --------------------------------------------------------------

@pytest.fixture(scope="module")
def client(docs_kb):
    from yntymaq.web import create_app

    with TestClient(create_app(docs_kb.store.url)) as c:
        yield c


def test_the_search_page_offers_the_nearest_name_and_marks_the_passages(client):
    response = client.get("/search", params={"q": "Kazahstan", "lang": "en"}, follow_redirects=False)
    assert response.status_code == 200
    tree = HTMLParser(response.text)
    assert tree.css_first("#did-you-mean a").attributes["href"] == "/e/KZ"
    tree = HTMLParser(client.get("/search", params={"q": "саммит"}).text)
    marks = [m.text() for m in tree.css("#passages mark")]
    assert sorted(marks) == ["саммита", "саммиттерінде"]
    assert all(a.attributes["href"].startswith("/d/") for a in tree.css("#passages li.passage p a"))


def test_api_search_takes_filters(client):
    body = client.get("/api/search", params={"q": "", "verdict": "contradicted"}).json()
    assert body["filters"]["verdict"] == "contradicted" and len(body["passages"]) == 1
    assert client.get("/api/search", params={"q": "x", "verdict": "wrong"}).status_code == 400


def test_the_map_colours_states_by_their_status_at_the_date(client):
    def classes(at):
        tree = HTMLParser(client.get("/map", params={"at": at}).text)
        return {el.attributes["data-state"]: el.attributes["class"] for el in tree.css("#world-map path[data-state]")}

    old, now = classes("1982"), classes("2000")
    assert old["EG"] == "st-suspended" and old["KZ"] == "st-none" and old["SA"] == "st-member"
    assert now["EG"] == "st-member" and now["KZ"] == "st-member"


def test_the_map_page_has_a_table_a_slider_a_chart_and_a_nav_link(client):
    tree = HTMLParser(client.get("/map?at=1982").text)
    rows = {tr.attributes["data-state"]: tr.attributes["class"] for tr in tree.css("#map-table tbody tr")}
    assert rows["EG"] == "status-suspended" and "KZ" not in rows
    slider = tree.css_first("input#map-year[type=range]")
    assert slider.attributes["value"] == "1982" and slider.attributes["min"] == "1969"
    assert tree.css_first("#count-chart #count-marker") is not None
    assert tree.css_first("nav.main a[href='/map']") is not None
    assert not [s for s in tree.css("script[src]") if "//" in s.attributes["src"]]


def test_api_map_counts_every_year(client):
    body = client.get("/api/map", params={"at": "1982"}).json()
    by_year = {p["year"]: p for p in body["series"]}
    assert body["years"]["first"] == 1969 and by_year[1969]["members"] > 0
    assert by_year[1982]["suspended"] == 2 and by_year[1996]["members"] > by_year[1994]["members"]
    assert {r["state"] for r in body["members"]} >= {"EG", "SA"}
