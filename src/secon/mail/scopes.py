"""E-mails are on no cached page."""

from secon.core import cache
from secon.mail.models import Email

cache.not_on_cached_pages(Email, reason="shown to the project's coordinators only")
