"""``Idempotency-Key`` on POST: the first answer is kept per token and key, and given again."""

import hashlib
import json

from django.db import IntegrityError, transaction

from secon.api.models import IdempotentRequest, Token

MAX_KEY_LENGTH = 200


def body_hash(data) -> str:
    """The fingerprint of a request body (its JSON, keys sorted: the same content, the same hash)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def find(*, token: Token, key: str) -> IdempotentRequest | None:
    return IdempotentRequest.objects.filter(token=token, key=key).first()


def remember(*, token: Token, key: str, digest: str, status: int, body, location: str = "") -> None:
    """Keep the answer (inside the write's transaction: a rolled-back write keeps nothing)."""
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(
                token=token, key=key, body_hash=digest, status=status, body=body, location=location
            )
    except IntegrityError:
        # The same key sent twice at once: the other request's answer stands.
        pass
