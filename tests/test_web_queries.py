"""Pages in a fixed number of queries, and the cache of whole responses in front of them.

The number of SQL statements a page runs is counted with an SQLAlchemy event listener on the
store's engine, over two knowledge bases: the fixture, and the fixture with many more facts about
Kazakhstan and with stored documents whose claims cite them. A page that asks one query per fact
runs more statements on the second; the test fails then.
"""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from yntymaq.ingest import ingest_text
from yntymaq.kb import KB, build
from yntymaq.kb.fixture import FIXTURE_FILES, write_fixture_dataset
from yntymaq.web import create_app

URLS = ["/e/KZ", "/api/entity/KZ", "/e/OIC", "/api/entity/OIC", "/e/OIC/cfm", "/api/members", "/", "/api/home",
        "/members", "/timeline?entity=KZ", "/api/timeline/KZ"]

# Cited by the claims of the stored documents: Kazakhstan's membership and the sessions in Astana.
TEXTS = ["Қазақстан 1995 жылы Ислам ынтымақтастығы ұйымына мүше болды.",
         "Kazakhstan joined the OIC in 1995. The 2nd session of the CFM was held in Astana in 2011."]


def _more_meetings(n: int) -> list[str]:
    """`n` more invented sessions hosted by Kazakhstan, each giving several facts about it."""
    return [f"cfm,ordinary,{10 + i},astana,KZ,{2014 + i}-05-18,{2014 + i}-05-20,,fixture-sessions,"
            for i in range(n)]


def _kb(tmp_path, name: str, *, meetings: int, documents: int) -> KB:
    replace = {"meetings.csv": FIXTURE_FILES["meetings.csv"] + _more_meetings(meetings)}
    _, store = build(str(tmp_path / f"{name}.sqlite"), data=write_fixture_dataset(tmp_path / name, replace=replace))
    kb = KB(store)
    for i in range(documents):
        ingest_text(TEXTS[i % len(TEXTS)] + f"\n\n{i}", kb, name=f"doc-{i}")
    return kb


def _counts(kb: KB) -> dict[str, int]:
    """The statements each URL runs when asked first (nothing cached yet), on a fresh application."""
    app = create_app(kb.store.url)
    engine = app.state.kb.store.engine
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731  (statement)
    event.listen(engine, "before_cursor_execute", listener)
    counts = {}
    try:
        with TestClient(app) as client:
            client.get("/api/home")  # the knowledge base's own caches (entities, facts) filled once
            for url in URLS:
                seen.clear()
                response = client.get(url)
                assert response.status_code == 200, (url, response.text[:300])
                counts[url] = len(seen)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return counts


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("queries")
    small = _kb(tmp, "small", meetings=0, documents=1)
    large = _kb(tmp, "large", meetings=25, documents=6)
    assert len(large.facts_about("KZ")) >= len(small.facts_about("KZ")) + 40
    return small, large


def test_a_page_runs_as_many_queries_however_many_facts_it_shows(small_and_large):
    small, large = small_and_large
    assert _counts(large) == _counts(small)


@pytest.mark.parametrize("url", URLS)
def test_a_page_runs_a_handful_of_queries(small_and_large, url):
    _, large = small_and_large
    # the generation of the data (for the cache) and, on an entity page, the documents citing its facts
    assert _counts(large)[url] <= 3


def test_the_claims_citing_an_entitys_facts_are_read_at_once(small_and_large):
    _, large = small_and_large
    citations = large.store.citing_claims(about="KZ")
    about = {f.id for f in large.facts_about("KZ")}
    assert citations and {c.fact_id for c in citations} <= about
    assert {c.doc_name for c in citations} <= {f"doc-{i}" for i in range(6)}
    # the same as asking fact by fact
    for fact_id in {c.fact_id for c in citations}:
        one_by_one = {(c.id, c.doc) for c in large.store.claims(evidence_fact=fact_id)}
        assert one_by_one == {(c.claim_id, c.doc) for c in citations if c.fact_id == fact_id}


def test_facts_about_an_entity_in_memory_are_those_of_the_store(small_and_large):
    _, large = small_and_large
    for ident in ("KZ", "OIC", "OIC/cfm", "astana", "OIC/cfm/2", "test-person"):
        assert [f.id for f in large.facts_about(ident)] == [f.id for f in large.store.facts(about=ident)]


# -- the cache of whole responses ------------------------------------------------------------------


def test_a_second_answer_comes_from_the_cache_and_equals_the_first(fixture_kb):
    app = create_app(fixture_kb.store.url)
    engine = app.state.kb.store.engine
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    with TestClient(app) as client:
        first = client.get("/e/KZ")
        event.listen(engine, "before_cursor_execute", listener)
        try:
            second = client.get("/e/KZ")
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        assert second.status_code == 200 and second.content == first.content
        assert len(seen) == 1  # only the generation of the data is asked
        # another language is another page
        english = client.get("/e/KZ?lang=en")
        assert english.content != first.content and "set-cookie" in english.headers
        assert client.get("/e/KZ").content == english.content  # the cookie now says English


def test_a_stored_document_shows_at_once_on_a_cached_page(tmp_path):
    kb = _kb(tmp_path, "fresh", meetings=0, documents=0)
    app = create_app(kb.store.url)
    with TestClient(app) as client:
        before = client.get("/e/KZ").text
        assert "news-of-today" not in before
        response = client.post("/check", data={"text": TEXTS[1], "name": "news-of-today"}, follow_redirects=False)
        assert response.status_code == 303
        assert "news-of-today" in client.get("/e/KZ").text


def test_errors_are_not_cached(fixture_kb):
    app = create_app(fixture_kb.store.url)
    cache = next(m for m in app.user_middleware if m.cls.__name__ == "ResponseCache")
    assert cache  # declared
    with TestClient(app) as client:
        assert client.get("/e/NOPE").status_code == 404
        assert client.get("/e/NOPE").status_code == 404
        assert client.get("/api/members?at=notadate").status_code == 400
