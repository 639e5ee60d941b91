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


#: The site refuses NUL and the other control characters (tab and line breaks excepted) in an
#: address or a query (``core.middleware.RefuseControlCharactersMiddleware``), as this pattern says.
PRINTABLE = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"


def _printable_parameters(operation: dict) -> None:
    for parameter in operation.get("parameters", ()):
        schema = parameter.get("schema", {})
        in_address = parameter["in"] in ("query", "path") and schema.get("type") == "string"
        if in_address and not {"enum", "format", "pattern"} & schema.keys():
            schema["pattern"] = PRINTABLE
        # An optional parameter given empty is one not given (``?lang=&page=``, as an HTML form
        # sends it), not a 400.
        if parameter["in"] == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True


#: How an operation names the rules that may refuse a request its schema allows (``rules``).
RULES = "x-refused-when"

#: The rule of every POST and PATCH: a key names one body (``views.writing``).
IDEMPOTENCY_RULE = {
    "status": 422,
    "field": "Idempotency-Key",
    "rule": "The key was sent before with another body.",
}


def rules(**fields: str) -> dict:
    """``extend_schema(extensions=rules(end_month="…"))``: the rules of an operation that depend on
    other values or on stored records (the schema cannot say them), each refused with a 400 naming
    its field. The 400 answer lists them; so does ``x-refused-when``, for clients and the fuzz test."""
    return {RULES: [{"status": 400, "field": field, "rule": rule} for field, rule in fields.items()]}


def _document_rules(method: str, operation: dict) -> None:
    listed = operation.setdefault(RULES, []) if method in ("post", "patch") else operation.get(RULES)
    if method in ("post", "patch"):
        listed.append(IDEMPOTENCY_RULE)
    bad = [rule for rule in listed or () if rule["status"] == 400]
    if bad:
        response = operation["responses"]["400"]
        response["description"] = (
            response["description"]
            + " Also refused, although the schema allows it: "
            + " ".join(f"{rule['field']}: {rule['rule']}" for rule in bad)
        )


#: DRF refuses NUL in every text of a body (``ProhibitNullCharactersValidator``), as these patterns
#: say; a text that may not be blank is trimmed first, so it needs more than white space.
NO_NUL = r"^[^\u0000]*$"
NOT_BLANK = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"


def _no_nul(schema) -> None:
    """Give every free text of a request body's schema (nested ones too) its pattern."""
    if isinstance(schema, list):
        for item in schema:
            _no_nul(item)
        return
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not {"enum", "format", "pattern"} & schema.keys():
        schema["pattern"] = NOT_BLANK if schema.get("minLength", 0) else NO_NUL
    for key in ("properties", "additionalProperties", "items", "allOf", "anyOf", "oneOf"):
        value = schema.get(key)
        if isinstance(value, dict) and key == "properties":
            for item in value.values():
                _no_nul(item)
        elif value is not None:
            _no_nul(value)


def add_problems(result, generator, request, public):
    """Postprocessing hook: every operation documents its problem answers and the 304 of GET, and
    that its texts in the address hold no control character."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM
    for name, schema in components.items():
        if name.endswith("Request"):
            _no_nul(schema)
    reference = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, methods in result.get("paths", {}).items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in methods.items():
            _printable_parameters(operation)
            responses = operation.setdefault("responses", {})
            errors = {**ERRORS, **(WRITE_ERRORS if method in ("post", "patch") else {})}
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, "content": reference})
            for status, response in responses.items():
                if status.startswith(("4", "5")) and not response.get("content"):
                    response["content"] = reference
            if method == "get":
                responses.setdefault("304", {"description": "Not modified (If-None-Match matched the ETag)."})
            _document_rules(method, operation)
    return result
