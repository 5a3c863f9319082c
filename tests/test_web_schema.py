"""schemathesis against the app's OpenAPI document: generated requests, valid and
invalid, never get a 500, and every answer matches its documented status, content
type and schema. The number of examples is bounded (RETOLD_SCHEMA_EXAMPLES, 40 an
operation by default) so the run takes under a minute."""

from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

from retold import Article
from retold.corpus import Corpus
from retold.web.app import create_app

EXAMPLES = int(os.environ.get("RETOLD_SCHEMA_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
STORY = """Library opens after long delay

The town of Millbrook opened its new public library on Monday, three years late and $2 million over budget. "Every child deserves a place to read," Mayor Ana Ruiz said.
"""


def _app() -> Any:
    """The app over a two-article corpus, served on 127.0.0.1 (other Hosts are refused).
    Made at import: schemathesis needs the schema to generate the tests."""
    db = str(Path(_TMP.name) / "news.db")
    with Corpus(db) as corpus:
        corpus.add([Article(STORY, id="wire-1"), Article(STORY + "More words.\n", id="copy-1")])
    return create_app(db)


_TMP = tempfile.TemporaryDirectory(prefix="retold-schema-")
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(), headers={"host": "127.0.0.1"})


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_request_gets_a_server_error(case: Any) -> None:
    case.call_and_validate(base_url="http://127.0.0.1", checks=CHECKS)


def test_the_schema_names_every_json_twin() -> None:
    spec = create_app(str(Path("unused.db"))).openapi()
    assert {"/api/compare", "/api/trace", "/api/corpus", "/api/corpus/compare"} <= set(
        spec["paths"]
    )
