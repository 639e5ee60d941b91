"""The core's records are on no cached page."""

from secon.core import cache
from secon.core.models import AuditEntry, ImportKey, Job, Lock, RecurringJob

cache.not_on_cached_pages(AuditEntry, reason="the log is read on the staff side only")
cache.not_on_cached_pages(Job, reason="background work, never shown to visitors")
cache.not_on_cached_pages(RecurringJob, reason="background work, never shown to visitors")
cache.not_on_cached_pages(Lock, reason="background work, never shown to visitors")
cache.not_on_cached_pages(ImportKey, reason="which record an imported item became, read by imports only")
