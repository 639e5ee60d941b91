"""What the OpenAPI schema says about our authentication (drf-spectacular extensions)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "secon.api.authentication.BearerTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A key from the account page “API tokens” (/en/accounts/api-tokens/).",
        }


PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string", "nullable": True}, "message": {"type": "string"}},
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}

ERRORS = {
    "400": "Bad input: the problem names the field or parameter.",
    "401": "No token, or an unknown, expired or revoked one.",
    "403": "The token lacks the scope, or its user the permission.",
    "404": "No such record, or a page beyond the end.",
    "429": "Too many requests: wait for Retry-After seconds.",
}
WRITE_ERRORS = {
    "413": "The body is larger than the limit.",
    "422": "The Idempotency-Key was used with another body.",
}


def add_problems(result, generator, request, public):
    """Postprocessing hook: every operation documents its problem answers and the 304 of GET."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, methods in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in methods.items():
            responses = operation.setdefault("responses", {})
            errors = {**ERRORS, **(WRITE_ERRORS if method in ("post", "patch") else {})}
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": reference})
            for status, response in responses.items():
                if status.startswith(("4", "5")) and not response.get("content"):
                    response["content"] = reference
            if method == "get":
                responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)."})
    return result
