"""The API's records are never shown on a cached page."""

from secon.api.models import IdempotentRequest, Token
from secon.core import cache

cache.not_on_cached_pages(Token, reason="a user's own keys, shown on their account page only")
cache.not_on_cached_pages(IdempotentRequest, reason="the stored answers of API writes, never shown on a page")
