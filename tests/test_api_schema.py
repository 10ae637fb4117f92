"""The API against its own OpenAPI schema, fuzzed by schemathesis in process: every answer has a
documented status and shape, nothing valid by the schema is refused, nothing invalid is accepted,
no 5xx. Examples per endpoint are bounded, and the run is derandomised (the same cases every run)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

schemathesis = pytest.importorskip("schemathesis")

from yntymaq.web import create_app  # noqa: E402

EXAMPLES = int(os.environ.get("YNTYMAQ_FUZZ_EXAMPLES", "25"))


def _partial_dates():
    days = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    return st.one_of(st.just(""), days.map(lambda d: f"{d.year:04d}"), days.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
                     days.map(dt.date.isoformat))


schemathesis.openapi.format("partial-date", _partial_dates())


OPERATIONS = ["GET /api/home", "GET /api/members", "GET /api/members/count", "GET /api/meetings", "GET /api/chair",
              "GET /api/office", "GET /api/conflicts", "GET /api/entity/{ident}", "GET /api/timeline",
              "GET /api/timeline/{ident}", "GET /api/search", "GET /api/documents", "GET /api/documents/{doc_id}",
              "POST /api/check", "GET /api/disagreements", "GET /api/ask", "GET /api/map", "GET /api/organs",
              "GET /api/secretaries-general"]


@pytest.fixture(scope="module")
def operations(shipped_kb) -> dict:
    loaded = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(shipped_kb.store.url))
    return {op.label: op for op in (result.ok() for result in loaded.get_all_operations())}


def test_the_fuzzed_operations_are_all_the_api(operations):
    assert sorted(operations) == sorted(OPERATIONS)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.parametrize("label", OPERATIONS)
def test_the_api_answers_as_its_schema_says(label, mode, operations):
    """Positive and negative cases of one operation, each sent and checked with schemathesis's
    default checks (no 5xx, documented status, content type, headers and body; valid data
    accepted, invalid data rejected). The pytest plugin of schemathesis does not work with this
    pytest, so the cases are drawn here."""
    from hypothesis import given

    operation = operations[label]

    @given(case=operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode)))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate()

    run()


def test_every_endpoint_documents_its_errors(shipped_kb):
    spec = create_app(shipped_kb.store.url).openapi()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status in ("400", "404", "413", "422"):
                assert status in operation["responses"], f"{method.upper()} {path} does not document {status}"
                content = operation["responses"][status]["content"]["application/json"]["schema"]
                assert content["$ref"].endswith("/ErrorBody"), (path, status)
