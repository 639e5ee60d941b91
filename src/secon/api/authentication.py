"""How the API knows who calls: ``Authorization: Bearer <key>`` with a key from the tokens page."""

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from secon.api.services import tokens as services


class BearerTokenAuthentication(BaseAuthentication):
    """Authenticate by an API token; ``request.auth`` is the :class:`~secon.api.models.Token`."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the key as “Authorization: Bearer <key>”."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_("This token is not valid.")) from None
        try:
            token = services.authenticate(key=key)
        except PermissionDenied as error:
            raise AuthenticationFailed(str(error)) from None
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
