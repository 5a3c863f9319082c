"""/docs: the OpenAPI document as a plain page, served from the package.

FastAPI's own /docs loads Swagger UI from a CDN, a blank page offline. This page is
made from the same document (`app.openapi()`): every operation with its parameters,
body and responses, and every schema as a table of fields. No script, no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from retold.web.pages import environment


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    description: str
    parameters: list[Field]
    body: str  # the request body's schema name, or ""
    responses: list[tuple[str, str, str]]  # (status, description, schema)
    example: str


def type_of(schema: dict[str, Any]) -> str:
    """A schema in a few words: `array of SentenceOut`, `integer, 1 to 50`."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema or "oneOf" in schema:
        return " or ".join(type_of(s) for s in schema.get("anyOf", schema.get("oneOf", [])))
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    kind = str(schema.get("type", "any"))
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    limits = []
    if "minimum" in schema and "maximum" in schema:
        limits.append(f"{schema['minimum']} to {schema['maximum']}")
    if "maxLength" in schema:
        limits.append(f"at most {schema['maxLength']:,} characters")
    return ", ".join([kind, *limits])


def fields_of(schema: dict[str, Any]) -> list[Field]:
    required = set(schema.get("required", []))
    return [
        Field(name, type_of(prop), name in required, str(prop.get("description", "")))
        for name, prop in schema.get("properties", {}).items()
    ]


def _body_schema(operation: dict[str, Any]) -> str:
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        return type_of(media.get("schema", {}))
    return ""


def _responses(operation: dict[str, Any]) -> list[tuple[str, str, str]]:
    rows = []
    for status, response in sorted(operation.get("responses", {}).items()):
        schemas = [type_of(m.get("schema", {})) for m in response.get("content", {}).values()]
        rows.append((status, str(response.get("description", "")), " or ".join(schemas)))
    return rows


def _example(method: str, path: str, body: str) -> str:
    examples = {
        "CompareIn": '{"source": {"text": "…"}, "derived": {"text": "…"}}',
        "TraceIn": '{"article": {"text": "…"}, "top": 5}',
    }
    if method == "get":
        query = "?source=ID&derived=ID" if "{" not in path and "compare" in path else ""
        return f"curl http://127.0.0.1:8000{path}{query}"
    data = examples.get(body, "{}")
    return (
        f"curl -X POST http://127.0.0.1:8000{path} -H 'content-type: application/json' -d '{data}'"
    )


def operations(spec: dict[str, Any]) -> list[Operation]:
    result = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                Field(
                    f"{p['name']} ({p.get('in', 'query')})",
                    type_of(p.get("schema", {})),
                    bool(p.get("required")),
                    str(p.get("description", "")),
                )
                for p in op.get("parameters", [])
            ]
            body = _body_schema(op)
            result.append(
                Operation(
                    method.upper(),
                    path,
                    str(op.get("summary", "")),
                    str(op.get("description", "")),
                    params,
                    body,
                    _responses(op),
                    _example(method, path, body),
                )
            )
    return result


def docs_page(spec: dict[str, Any], corpus: str | None) -> str:
    schemas = spec.get("components", {}).get("schemas", {})
    return (
        environment()
        .get_template("docs.html")
        .render(
            corpus=corpus,
            info=spec.get("info", {}),
            operations=operations(spec),
            schema_names=set(schemas),
            schemas=[
                (name, str(s.get("description", "")), fields_of(s))
                for name, s in sorted(schemas.items())
            ],
        )
    )
