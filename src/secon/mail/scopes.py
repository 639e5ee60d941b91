"""E-mails are on no cached page."""

from secon.core import cache
from secon.mail.models import Email, Suppression

cache.not_on_cached_pages(Email, reason="shown to the project's coordinators only")
cache.not_on_cached_pages(Suppression, reason="shown to coordinators only; read by the mail workers")
