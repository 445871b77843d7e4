"""Property-based requests against every route in the HTTP API's OpenAPI schema: never a 5xx.

Schemathesis reads `/openapi.json` of `create_app` over the seed store (the session fixture
of this folder's conftest) when the test runs, so routes added later are covered without
changing this file. Each operation gets schema-valid and schema-violating requests
(Hypothesis, a modest fixed number of examples, derandomised so a failure repeats); every
answer must be below 500, and the answers to valid requests must match the documented
response schema. (Schemathesis' lazy `from_fixture` needs pytest internals that pytest 9
removed, so the operations are walked here with its Python API.)
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from corpus_core.settings import Settings
from search_api import Corpus

pytestmark = [pytest.mark.slow, pytest.mark.reliability, pytest.mark.timeout(300)]

MAX_EXAMPLES = 25
CORE_ROUTES = {
    "GET /search",
    "GET /documents",
    "GET /documents/{doc_id}",
    "POST /bibliography",
    "GET /health",
}


def _exercise(operation: schemathesis.APIOperation, mode: GenerationMode) -> None:
    checks = [not_a_server_error] + ([response_schema_conformance] if mode is GenerationMode.POSITIVE else [])

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=checks)

    run()


def test_every_route_answers_generated_requests_without_server_errors(
    seed_settings: Settings, seed_corpus: Corpus
) -> None:
    from search_api.server import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(seed_settings, seed_corpus))
    labels: list[str] = []
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _exercise(operation, mode)
            except Unsatisfiable:  # nothing to violate: a route without parameters or body
                continue
            except Exception as exc:
                failures.append(f"{operation.label} ({mode.value}): {type(exc).__name__}: {exc}"[:3000])
    assert set(labels) >= CORE_ROUTES, labels
    assert not failures, "\n\n".join(failures)


def test_the_walk_reports_a_server_error() -> None:
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/boom")
    def boom(n: int) -> dict[str, int]:
        return {"n": 100 // (n % 2)}  # ZeroDivisionError (a 500) for an even n

    operation = next(schemathesis.openapi.from_asgi("/openapi.json", app).get_all_operations()).ok()
    with pytest.raises(Exception, match=r"Server error|division or modulo by zero"):
        _exercise(operation, GenerationMode.POSITIVE)
