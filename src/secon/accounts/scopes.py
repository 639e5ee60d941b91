"""Accounts are on no cached page (only anonymous visitors are served from the page cache)."""

from secon.accounts.models import Invitation, Membership, User
from secon.core import cache

cache.not_on_cached_pages(User, reason="shown to signed-in people only, whose pages are never cached")
cache.not_on_cached_pages(Membership, reason="shown to signed-in people only, whose pages are never cached")
cache.not_on_cached_pages(Invitation, reason="its page is a form, answered per visitor")
