"""The API reference page: rendered on the server from the generated OpenAPI schema.

drf-spectacular's Swagger UI and Redoc pages load their scripts from a CDN, which our
Content-Security-Policy forbids; this page needs no script at all and is generated from the same
schema as /api/schema/, so it cannot drift from the code.
"""

from functools import cache

from drf_spectacular.generators import SchemaGenerator

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@cache
def _schema() -> dict:
    return SchemaGenerator(patterns=None).get_schema(request=None, public=True)


def _ref_name(schema: dict) -> str:
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1]


def _operations(schema: dict) -> list[dict]:
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            answers = []
            for status, answer in operation.get("responses", {}).items():
                content = answer.get("content", {})
                body = next(iter(content.values()), {}).get("schema", {}) if content else {}
                answers.append({"status": status, "schema": _ref_name(body)})
            request_body = operation.get("requestBody", {}).get("content", {})
            found.append(
                {
                    "anchor": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                    "body": _ref_name(next(iter(request_body.values()), {}).get("schema", {})),
                    "responses": answers,
                }
            )
    return found


def _components(schema: dict) -> list[dict]:
    components = []
    for name, component in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(component.get("required", []))
        fields = [
            {
                "name": field,
                "type": spec.get("type") or _ref_name(spec) or ("one of" if "oneOf" in spec else ""),
                "required": field in required,
                "read_only": spec.get("readOnly", False),
                "description": spec.get("description", ""),
                "enum": spec.get("enum", []),
            }
            for field, spec in component.get("properties", {}).items()
        ]
        components.append(
            {
                "name": name,
                "fields": fields,
                "enum": component.get("enum", []),
                "description": component.get("description", ""),
            }
        )
    return components


def reference(request: HttpRequest) -> HttpResponse:
    """Every operation of /api/v1/ with its parameters and answers, and every schema's fields."""
    schema = _schema()
    context = {
        "info": schema["info"],
        "operations": _operations(schema),
        "components": _components(schema),
    }
    return render(request, "api/reference.html", context)
