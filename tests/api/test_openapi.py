"""The OpenAPI document tells the truth: schemathesis runs every check it has against the app (in process,
offline) with a bounded number of examples per operation, and finds nothing (issue 11, F15-F17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from starlette.types import ASGIApp, Receive, Scope, Send

from api.main import create_app
from api.ratelimit import RateLimiter
from api.state import AppState
from llo.settings import Settings

EXAMPLES = 20  # per operation; the whole run stays under ~1 minute on the 2-core machine


CONFIG = SchemathesisConfig.from_path(str(Path(__file__).with_name("schemathesis.toml")))


class _AppOfTheFixture:
    """The ASGI app the calls go to, set by the fixture below: the app over the test index. Until then
    (and after) every call fails loudly."""

    def __init__(self) -> None:
        self.app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "schemathesis called the app outside the api fixture"
        await self.app(scope, receive, send)


_target = _AppOfTheFixture()
# The OpenAPI document needs no data: it is read from an app that was built but never started (no lifespan,
# no reference data, no environment read), so collecting this module cannot fail. The app that answers the
# calls loads the test index in a fixture, which fails (or skips) clearly when reference data is missing.
# (schemathesis.pytest.from_fixture would build the schema in a fixture too, but schemathesis 4.32 sets
# ``node._nodeid``, which pytest 9's slotted nodes refuse.)
schema = schemathesis.openapi.from_dict(create_app(Settings.model_construct()).openapi(), config=CONFIG)
schema.app = _target
schema.location = "/openapi.json"


@pytest.fixture(scope="module", autouse=True)
def _app_over_the_test_index(state: AppState) -> Iterator[None]:
    own = AppState(settings=state.settings.model_copy(update={"admin_token": "s3cret-token"}), ref=state.ref,
                   vocab=state.vocab, engine=state.engine, by_crebo=state.by_crebo,
                   export_limiter=RateLimiter(100_000, 60.0), admin_failures=RateLimiter(100_000, 60.0))
    app = create_app(own.settings, own)
    app.state.llo = own  # what lifespan would set; schemathesis calls the app without running it
    _target.app = app
    yield
    _target.app = None


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    # Admin POSTs reach their routes too; schemathesis cannot know the token, so they end in 401.
    case.call_and_validate()


def test_errors_are_documented_with_one_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    error = spec["components"]["schemas"]["ErrorPublic"]
    assert error["required"] == ["error"]
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for code in ("400", "413", "414", "422", "431"):
                assert code in op["responses"], (method, path, code)
                body = op["responses"][code]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/ErrorPublic"}, (method, path, code)
    csv_200 = spec["paths"]["/api/search/export.csv"]["get"]["responses"]["200"]["content"]
    jsonld_200 = spec["paths"]["/api/search/export.jsonld"]["get"]["responses"]["200"]["content"]
    assert list(csv_200) == ["text/csv"] and list(jsonld_200) == ["application/ld+json"]
    assert "429" in spec["paths"]["/api/search/export.csv"]["get"]["responses"]
    assert {"401", "404", "429"} <= set(spec["paths"]["/api/admin/jobs"]["get"]["responses"])
