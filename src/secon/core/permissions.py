"""Check permissions in the write services, through the ``rules`` predicates the views ask too.

Every write service takes ``actor`` and calls :func:`require` before it changes anything, so no
caller — a view, the API, an import, a task — can skip the check. The views ask the same
permission (``request.user.has_perm(...)``) only to decide what to show.

``SYSTEM`` is the installation acting on its own (the demo loader, task workers, commands): it
passes every check and is logged without a person. A visitor without an account is Django's
``AnonymousUser``; services that the public may call (registering for an event) do not require a
permission, and say so in their docstring.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class System:
    """The installation itself as the actor of a write (not a person)."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def has_perm(self, permission: str, obj=None) -> bool:
        return True

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = System()


def require(actor, permission: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` has ``permission`` (on ``obj``)."""
    if actor is SYSTEM:
        return
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def person_of(actor):
    """Return the user to record as the author of a change, or None for SYSTEM and visitors."""
    return actor if getattr(actor, "is_authenticated", False) else None
