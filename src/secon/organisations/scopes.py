"""Page-cache declarations of the organisations app's newer models (the older ones name their scopes in
their services, see README "Architecture", step 4)."""

from secon.core import cache
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion

cache.not_on_cached_pages(PrivacyNotice, reason="the draft is shown only on the coordinators' editor")
cache.not_on_cached_pages(
    PrivacyNoticeVersion,
    reason="the privacy pages and the forms that link to the current version are not cached",
)
