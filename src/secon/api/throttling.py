"""Requests per token and minute: over the rate, a 429 with ``Retry-After``."""

from rest_framework.throttling import SimpleRateThrottle

from django.conf import settings


class TokenRateThrottle(SimpleRateThrottle):
    """Count each token's requests in the cache; the rate is ``settings.API_RATE`` (read per request)."""

    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        token = getattr(request, "auth", None)
        if token is None or not getattr(token, "pk", None):
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
        return self.cache_format % {"scope": self.scope, "ident": f"token-{token.pk}"}
