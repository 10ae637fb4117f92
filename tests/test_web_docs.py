"""Documents on the web: the check form, document pages with highlights, disagreements and their API,
in process over the shipped dataset with the shipped example documents ingested."""

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import yntymaq
from yntymaq import views
from yntymaq.ingest import ingest_paths
from yntymaq.kb import KB, build
from yntymaq.web import create_app
from yntymaq.web.highlight import highlight
from yntymaq.web.urls import document_url, entity_url

EXAMPLES = Path(yntymaq.__file__).resolve().parent / "examples"
CLAIM_KEYS = {"predicate", "subject", "object", "value", "start", "end", "qualifiers", "verdict", "evidence", "source"}
PASTED = ("Kazakhstan became a member of the Organisation of Islamic Cooperation in 1995.\n\n"
          "The 39th session of the Council of Foreign Ministers was held in Baku on 15–17 November 2012.\n")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request, tmp_path_factory):
    """The shipped dataset with the examples ingested, on SQLite and on PostgreSQL (see conftest.py)."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("web-docs") / "kb.sqlite")
    else:
        db = request.getfixturevalue("postgres_server").url()
    _, store = build(db)
    kb = KB(store)
    report = ingest_paths([str(EXAMPLES / "*.txt")], kb)
    assert not report.failed and len(report.added) >= 3
    return kb


@pytest.fixture(scope="module")
def app(kb):
    return create_app(kb.store.url, lang="kk")


@pytest.fixture()
def client(app):
    with TestClient(app) as c:
        yield c


def html(response) -> HTMLParser:
    assert response.headers["content-type"].startswith("text/html"), response.headers["content-type"]
    return HTMLParser(response.text)


def example_ids(client) -> dict[str, str]:
    return {d["name"]: d["id"] for d in client.get("/api/documents").json()["documents"]}


def marked(tree: HTMLParser) -> list:
    return tree.css("#doc-text [data-start]")


def assert_highlights_match(tree: HTMLParser, text: str) -> None:
    """Every marked element holds exactly the characters its offsets name, and the text is whole."""
    for node in marked(tree):
        start, end = int(node.attributes["data-start"]), int(node.attributes["data-end"])
        assert node.text(deep=True) == text[start:end], (start, end, node.html)
    body = tree.css_first("#doc-text")
    for sup in body.css("sup.claim-refs"):
        sup.decompose()
    assert body.text(deep=True) == text


# -- pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/documents", "/check", "/disagreements"])
def test_document_pages_render_with_the_language_switch_and_nothing_from_outside(client, url):
    response = client.get(url)
    assert response.status_code == 200
    tree = html(response)
    assert {a.attributes["hreflang"] for a in tree.css("nav.langs a")} == {"kk", "ru", "en"}
    assert tree.css_first("main h1") is not None
    loaded = [n.attributes.get("src") or n.attributes.get("href") for n in tree.css("script, link, img")]
    assert not [u for u in loaded if u and re.match(r"^(https?:)?//", u)]


def test_documents_page_lists_the_examples_with_their_verdicts(client):
    tree = html(client.get("/documents?lang=en"))
    rows = tree.css("#documents-table tbody tr")
    names = {r.css_first("a").text() for r in rows}
    assert {n[:2] for n in names} == {"kk", "ru", "en"}
    for row in rows:
        href = row.css_first("a").attributes["href"]
        assert href == document_url(row.attributes["data-doc"]) and client.get(href).status_code == 200
    assert "contradicted" in tree.css_first("main").text()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_example_page_highlights_exactly_its_offsets(client, lang):
    for doc_id in example_ids(client).values():
        data = client.get(f"/api/documents/{doc_id}").json()
        tree = html(client.get(f"{document_url(doc_id)}?lang={lang}"))
        assert tree.css_first("html").attributes["lang"] == lang
        assert_highlights_match(tree, data["text"])
        spans = tree.css("#doc-text span.claim")
        assert spans, doc_id
        ids = {int(i) for s in spans for i in s.attributes["data-claims"].split()}
        assert ids == {c["id"] for c in data["claims"]}
        for span in spans:  # the colour is the verdict a reader must see first
            verdicts = {c["verdict"] for c in data["claims"] if str(c["id"]) in span.attributes["data-claims"].split()}
            assert f"v-{views.most_telling(verdicts)}" in span.attributes["class"].split()
        for claim in data["claims"]:
            card = tree.css_first(f"details#claim-{claim['id']}")
            assert card is not None and f"v-{claim['verdict']}" in card.attributes["class"]
        linked = tree.css("#doc-text a.mention")
        assert linked and all(a.attributes["href"] == entity_url(a.attributes["data-entity"]) for a in linked)


def test_a_contradicted_claim_shows_the_fact_that_contradicts_it_with_its_source(client):
    ids = example_ids(client)
    doc_id = next(i for n, i in ids.items() if n.startswith("en"))
    data = client.get(f"/api/documents/{doc_id}?lang=en").json()
    claim = next(c for c in data["claims"] if c["verdict"] == "contradicted" and c["evidence"])
    card = html(client.get(document_url(doc_id) + "?lang=en")).css_first(f"details#claim-{claim['id']}")
    assert card.css_first("summary .verdict").text() == "contradicted"
    evidence = card.css_first(".evidence")
    assert claim["reason"] in evidence.text() and claim["check_rule"] in evidence.text()
    source_urls = {s["url"] for f in claim["evidence"] for s in f["sources"] if s["url"]}
    assert source_urls and source_urls <= {a.attributes["href"] for a in evidence.css("a.src")}
    assert card.css_first("blockquote").text() == claim["source"]["text"]


def test_the_api_returns_the_dict_the_page_renders(client, kb):
    doc_id = next(iter(example_ids(client).values()))
    api = client.get(f"/api/documents/{doc_id}?lang=ru").json()
    assert api == json.loads(json.dumps(views.document_view(kb, doc_id, "ru"), ensure_ascii=False))
    assert {"document", "text", "sentences", "mentions", "claims", "counts", "disagreements"} <= set(api)
    for claim in api["claims"]:
        assert CLAIM_KEYS <= set(claim)
        assert api["text"][claim["source"]["start"]:claim["source"]["end"]] == claim["source"]["text"]
    for mention in api["mentions"]:
        assert api["text"][mention["start"]:mention["end"]] == mention["text"]


def test_an_unknown_document_is_a_404(client):
    assert client.get("/d/0000").status_code == 404
    response = client.get("/api/documents/0000")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


# -- the check form and the check API ------------------------------------------------------------


def test_pasting_a_text_stores_it_and_shows_its_page(client, kb):
    before = len(kb.store.documents())
    response = client.post("/check?lang=en", data={"text": PASTED.replace("\n", "\r\n"), "name": ""},
                           follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/d/")
    page = client.get(location)
    tree = html(page)
    assert tree.css_first("main h1").text() == PASTED.splitlines()[0][:60].rsplit(" ", 1)[0] + "…"
    data = client.get("/api" + location.replace("/d/", "/documents/", 1)).json()
    assert data["text"] == PASTED  # the browser's CRLF line ends are stored as LF
    assert_highlights_match(tree, data["text"])
    verdicts = {c["verdict"] for c in data["claims"]}
    assert {"supported", "contradicted"} <= verdicts
    again = client.post("/check", data={"text": PASTED}, follow_redirects=False)
    assert again.headers["location"] == location and len(kb.store.documents()) == before + 1


def test_uploading_a_file_reads_its_encoding(client):
    text = "Штаб-квартира Организации исламского сотрудничества находится в Джидде.\n"
    response = client.post("/check", files={"file": ("spravka.txt", text.encode("cp1251"), "text/plain")},
                           data={"text": ""}, follow_redirects=False)
    assert response.status_code == 303
    data = client.get("/api" + response.headers["location"].replace("/d/", "/documents/", 1)).json()
    assert data["text"] == text and data["document"]["name"] == "spravka.txt"
    assert data["document"]["encoding"].lower().replace("-", "").replace("_", "") in ("cp1251", "windows1251")


@pytest.mark.parametrize("form,files,status,message", [
    ({"text": "  "}, None, 400, "Paste a text or choose a file."),
    ({"text": ""}, {"file": ("", b"", "application/octet-stream")}, 400, "Paste a text or choose a file."),  # no file chosen
    ({"text": ""}, {"file": ("blank.txt", b"   \n", "text/plain")}, 422, "blank.txt: the file is empty"),
    ({"text": "ignored"}, {"file": ("notes.zip", b"PK\x03\x04" + bytes(60), "application/zip")}, 422,
     "notes.zip: this is a ZIP archive, not a document; unpack it first"),
])
def test_the_check_form_says_what_is_missing(client, form, files, status, message):
    response = client.post("/check?lang=en", data=form, files=files, follow_redirects=False)
    assert response.status_code == status
    assert html(response).css_first(".form-error").text() == message


def test_api_check_answers_claims_and_stores_nothing(client, kb):
    before = len(kb.store.documents())
    response = client.post("/api/check?lang=en", json={"text": PASTED + "\nA new text, never stored.\n"})
    assert response.status_code == 200
    data = response.json()
    assert {"document", "mentions", "claims", "counts"} <= set(data)
    baku = next(c for c in data["claims"] if c["predicate"] == "held_in")
    assert baku["subject"]["id"] == "OIC/cfm/39" and baku["verdict"] == "contradicted" and baku["id"] is None
    assert sum(data["counts"].values()) == len(data["claims"])
    assert len(kb.store.documents()) == before


def test_api_check_errors_are_one_json_shape(client):
    assert client.post("/api/check", json={"text": " "}).json()["error"]["code"] == "bad_input"
    assert client.post("/api/check", json={"text": "x", "language": "fr"}).json()["error"]["message"].startswith("lang:")
    wrong = client.get("/api/check")
    assert wrong.status_code == 405 and wrong.json()["error"]["message"] == "GET is not allowed here: use POST"


# -- disagreements and entity pages ----------------------------------------------------------------


def test_disagreements_are_shown_side_by_side(client):
    api = client.get("/api/disagreements?lang=en").json()["disagreements"]
    assert api, "the examples were written to disagree"
    membership = next(g for g in api if g["subject"]["id"] == "KZ" and g["predicate"] == "member_of")
    assert "start" in membership["differs"] and len(membership["documents"]) >= 2
    tree = html(client.get("/disagreements?lang=en"))
    sections = tree.css("section.disagreement")
    assert len(sections) == len(api)
    for section, group in zip(sections, api):
        versions = section.css(".side-by-side article.version")
        assert len(versions) == len(group["claims"])
        assert len({v.attributes["data-doc"] for v in versions}) >= 2
        for version, claim in zip(versions, group["claims"]):
            assert version.css_first("h3 a").attributes["href"] == document_url(claim["document"]["id"], claim=claim["id"])


def test_a_document_page_says_where_it_disagrees(client):
    ru = next(i for n, i in example_ids(client).items() if n.startswith("ru"))
    data = client.get(f"/api/documents/{ru}").json()
    assert any(g["subject"]["id"] == "KZ" for g in data["disagreements"])
    note = html(client.get(document_url(ru))).css_first(".note.disagrees")
    assert note.css_first("a[href='/disagreements']") is not None and note.css_first("a[href='/e/KZ']") is not None


def test_entity_page_facts_list_the_documents_they_decided(client):
    tree = html(client.get("/e/KZ?lang=en"))
    refs = tree.css("#facts-table td.fact-documents a.doc-ref")
    assert refs
    seen = set()
    for ref in refs:
        href = ref.attributes["href"]
        page, _, anchor = href.partition("#")
        assert page.startswith("/d/") and anchor.startswith("claim-")
        if page not in seen:
            seen.add(page)
            target = html(client.get(page))
            assert target.css_first(f"details#{anchor}") is not None
    assert any("v-contradicted" in r.attributes["class"] for r in refs)  # the document that got 1995 wrong


def test_entity_api_facts_carry_their_documents(client):
    facts = client.get("/api/entity/OIC/cfm/39").json()["facts"]
    held = next(f for f in facts if f["predicate"] == "held_in")
    names = {d["name"][:2]: {c["verdict"] for c in d["claims"]} for d in held["documents"]}
    assert names["en"] == {"contradicted"} and names["ru"] == {"supported"}


# -- the highlighter itself -------------------------------------------------------------------------


def test_highlight_escapes_every_piece_and_nests_overlapping_marks():
    text = 'A <b>&"x" B C & D'
    mentions = [{"start": 0, "end": 1, "entity": {"id": "KZ", "label": "K"}},
                {"start": 10, "end": 13, "entity": None, "candidates": []}]  # crosses the first claim's end
    claims = [{"id": 1, "verdict": "supported", "verdict_label": "s", "source": {"start": 0, "end": 12}},
              {"id": 2, "verdict": "contradicted", "verdict_label": "c", "source": {"start": 5, "end": 17}}]
    out = str(highlight(text, mentions, claims, entity_url=entity_url))
    tree = HTMLParser(f'<div id="doc-text">{out}</div>')
    assert tree.css_first("b") is None and "&lt;b&gt;" in out and "&amp;" in out
    assert [a.attributes["href"] for a in tree.css("sup a.claim-ref")] == ["#claim-1", "#claim-2"]  # where each ends
    overlap = [s for s in tree.css("span.claim") if s.attributes["data-claims"] == "1 2"]
    assert len(overlap) == 1 and "v-contradicted" in overlap[0].attributes["class"]
    assert [int(m.attributes["data-start"]) for m in tree.css(".mention")] == [0, 10, 12]
    assert_highlights_match(tree, text)
