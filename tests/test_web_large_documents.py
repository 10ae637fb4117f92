"""Pages stay small and fast however large the stored documents are: what a page embeds is capped,
counts come from the database, and marking a document's text is linear in its marks."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from yntymaq.kb import KB, build
from yntymaq.views import FACT_CLAIMS_SHOWN, GROUP_CLAIMS_SHOWN
from yntymaq.web import create_app
from yntymaq.web.highlight import highlight

SAYS = "Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды. "
SAYS_OTHERWISE = "Қазақстан 1994 жылы Ислам конференциясы ұйымына мүше болды. "


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """A knowledge base with two documents of 300 claims each that disagree."""
    from yntymaq.ingest import ingest_text

    _, store = build(str(tmp_path_factory.mktemp("crowded") / "kb.sqlite"))
    kb = KB(store)
    ingest_text(SAYS * 300, kb, name="many")
    ingest_text(SAYS_OTHERWISE * 300, kb, name="many otherwise")
    return kb


@pytest.fixture(scope="module")
def client(crowded):
    with TestClient(create_app(crowded.store.url)) as c:
        yield c


def test_documents_are_counted_by_the_database(client):
    data = client.get("/api/documents").json()
    assert [d["claims"] for d in data["documents"]] == [300, 300]
    assert sum(data["total"].values()) == 600


def test_an_entity_page_lists_at_most_so_many_claims_per_fact(client):
    entity = client.get("/api/entity/KZ").json()
    listed = [len(doc["claims"]) for fact in entity["facts"] for doc in fact.get("documents", [])]
    assert listed and max(listed) <= FACT_CLAIMS_SHOWN


def test_a_disagreement_shows_at_most_so_many_claims_from_every_document(client):
    groups = client.get("/api/disagreements").json()["disagreements"]
    assert groups
    for group in groups:
        assert len(group["claims"]) <= GROUP_CLAIMS_SHOWN < group["claims_total"]
        assert {c["document"]["name"] for c in group["claims"]} == {"many", "many otherwise"}
    began = time.perf_counter()
    assert client.get("/disagreements").status_code == 200
    assert time.perf_counter() - began < 2  # kept until the stored claims change


def test_marking_a_text_is_linear_in_its_marks():
    def marked(n: int) -> float:
        text = SAYS * n
        step = len(SAYS)
        claims = [{"id": i, "verdict": "supported", "verdict_label": "", "source": {"start": i * step, "end": (i + 1) * step - 1}}
                  for i in range(n)]
        mentions = [{"start": i * step, "end": i * step + 9, "entity": {"id": "KZ", "label": "Kazakhstan"}}
                    for i in range(n)]
        began = time.perf_counter()
        highlight(text, mentions, claims, entity_url=lambda ident: "/e/" + ident)
        return time.perf_counter() - began

    marked(100)
    small, big = min(marked(500) for _ in range(3)), min(marked(2000) for _ in range(3))
    assert big < 8 * small + 0.03, (small, big)
