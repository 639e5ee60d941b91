"""The permission check every practice service makes first."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(actor, perm: str, obj) -> None:
    """Raise PermissionDenied unless ``actor`` holds ``perm`` on ``obj`` (see ``practices/rules.py``)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this with this good practice."))
