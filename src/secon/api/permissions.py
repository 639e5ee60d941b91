"""What a token may reach: the scope of the view's resource, for reading or writing."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from django.utils.translation import gettext as _

from secon.api.enums import Access, Resource, scope
from secon.api.models import Token


class TokenScope(BasePermission):
    """Allow a request when its token carries ``<view.resource>:read`` (or ``:write`` for a write).

    The project (or partner) limit of the token is applied by the views to what they read, and by
    :func:`check_project` to what they change.
    """

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, Token):
            return False
        access = Access.READ if request.method in SAFE_METHODS else Access.WRITE
        needed = scope(view.resource, access)
        if token.allows(needed):
            return True
        self.message = _("This token lacks the scope %(scope)s (%(resource)s: %(access)s).") % {
            "access": Access(access).label,
            "resource": Resource(view.resource).label,
            "scope": needed,
        }
        return False


def allows_project(token: Token, project_id: int | None) -> bool:
    """Tell whether the token's project limit lets it reach a record of ``project_id``."""
    return token.project_id is None or token.project_id == project_id
