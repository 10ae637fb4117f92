"""The server's guard: body size limits (413), cross-origin writes refused (403), security headers,
lone surrogates refused (400), the time limit of an analysis (503), and page requests answered while
another client checks a long text."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from yntymaq.web import create_app
from yntymaq.web.guard import SECURITY_HEADERS


@pytest.fixture(scope="module")
def app(shipped_kb):
    return create_app(shipped_kb.store.url)


@pytest.fixture()
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/", "/api/home", "/e/KZ", "/no/such/page", "/api/entity/NOPE"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    for header, value in SECURITY_HEADERS.items():
        assert response.headers[header] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_body_over_the_limit_gets_413_with_the_setting_named(client, monkeypatch):
    monkeypatch.setenv("YNTYMAQ_MAX_BODY", "1K")
    with TestClient(create_app(client.app.state.kb.store.url)) as small:
        response = small.post("/api/check", json={"text": "Қазақстан. " * 200})
        assert response.status_code == 413
        error = response.json()["error"]
        assert error["code"] == "too_large" and "1K" in error["message"] and "YNTYMAQ_MAX_BODY" in error["message"]
        upload = small.post("/check", files={"file": ("big.txt", b"x" * 5000, "text/plain")})
        assert upload.status_code == 413 and "YNTYMAQ_MAX_BODY" in upload.text

        def chunks():  # no Content-Length: the body is counted as it streams
            for _ in range(10):
                yield b'{"text": "' + b"a" * 500 + b'"}'

        streamed = small.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        assert small.post("/api/check", json={"text": "Қазақстан 1995 жылы ИЫҰ-ға мүше болды."}).status_code == 200


@pytest.mark.parametrize("headers", [{"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                                     {"sec-fetch-site": "same-site"}])
def test_cross_origin_writes_are_refused(client, headers):
    before = len(client.get("/api/documents").json()["documents"])
    response = client.post("/check", data={"text": "Қазақстан 1995 жылы ИЫҰ-ға мүше болды."}, headers=headers,
                           follow_redirects=False)
    assert response.status_code == 403
    assert "refused" in response.text
    assert client.post("/api/check", json={"text": "Қазақстан."}, headers=headers).json()["error"]["code"] == \
        "cross_origin"
    assert len(client.get("/api/documents").json()["documents"]) == before


def test_same_origin_writes_pass(client):
    response = client.post("/check", data={"text": "Қазақстан 1995 жылы ИЫҰ-ға мүше болды."},
                           headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
                           follow_redirects=False)
    assert response.status_code == 303


def test_a_lone_surrogate_gets_400_not_500(client):
    body = '{"text": "Қазақстан \\ud800 1995 жылы ИЫҰ-ға мүше болды."}'
    response = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "surrogate" in response.json()["error"]["message"]
    assert response.json()["error"]["message"].startswith("text: ")


def test_an_analysis_past_its_time_limit_gets_503(client, monkeypatch):
    monkeypatch.setenv("YNTYMAQ_CHECK_SECONDS", "0.000001")
    response = client.post("/api/check", json={"text": "Қазақстан 1995 жылы ИЫҰ-ға мүше болды. " * 50})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "time_limit"
    assert "YNTYMAQ_CHECK_SECONDS" in response.json()["error"]["message"]


def test_full_stops_by_the_thousand_are_checked_quickly(client):
    began = time.perf_counter()
    response = client.post("/api/check", json={"text": "Сөз " + "." * 24_000 + " Қазақстан 1995 жылы ИЫҰ-ға мүше болды."})
    assert response.status_code == 200
    assert time.perf_counter() - began < 10  # 36 s when sentence splitting was quadratic in the run


def test_pages_answer_while_another_client_checks_a_long_text(client):
    text = "Қазақстан 1995 жылы Ислам конференциясы ұйымына мүше болды. " * 3000
    done = threading.Event()

    def check():
        try:
            client.post("/api/check", json={"text": text})
        finally:
            done.set()

    worker = threading.Thread(target=check)
    worker.start()
    times = []
    try:
        while not done.is_set() and len(times) < 40:
            began = time.perf_counter()
            assert client.get("/api/members/count?at=1995").status_code == 200
            times.append(time.perf_counter() - began)
    finally:
        worker.join()
    times.sort()
    # generous for a shared machine: the README's target (p99 < 100 ms) is measured by make bench
    assert times and times[len(times) // 2] < 0.5, times


def test_checks_run_in_a_worker_process_under_the_time_limit(shipped_kb, monkeypatch):
    """The server's default: a worker process analyses, and answers as the library would."""
    from yntymaq.web.workers import Analysers

    analysers = Analysers(shipped_kb.store.url, shipped_kb, workers=1)
    try:
        data = analysers.run("check", "Қазақстан 1995 жылы ИЫҰ-ға мүше болды.", "en")
        assert data["claims"] and data["claims"][0]["verdict"] == "supported"
        with pytest.raises(Exception) as err:
            analysers.run("check", "   ", "en")
        assert type(err.value).__name__ == "BadInput" and str(err.value).startswith("text: the text is empty")
        monkeypatch.setenv("YNTYMAQ_CHECK_SECONDS", "0.000001")
        with pytest.raises(Exception) as err:
            analysers.run("check", "Қазақстан 1995 жылы ИЫҰ-ға мүше болды. " * 50, "en")
        assert type(err.value).__name__ == "TimeLimit"
    finally:
        analysers.close()


def test_an_origin_is_compared_by_host_and_port(client):
    """Behind a proxy that ends TLS the browser's origin is https and the server sees http."""
    ok = client.post("/api/check", json={"text": "Қазақстан."}, headers={"origin": "https://testserver"})
    assert ok.status_code == 200
    for origin in ("null", "http://testserver:8001", "http://testserver.evil.example"):
        assert client.post("/api/check", json={"text": "Қазақстан."}, headers={"origin": origin}).status_code == 403
