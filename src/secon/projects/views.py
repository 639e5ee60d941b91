"""What the members' pages of every app share: the project from the URL, a permission, never cached."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from secon.projects import selectors


def project_view(permission: str):
    """Load the project named in the URL and let in only those with ``permission`` on it.

    Others are sent to sign in, or get 403; the answer is personal, so it is never cached.
    """

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, project: str, **kwargs) -> HttpResponse:
            current = selectors.get_project(slug=project)
            if not request.user.has_perm(permission, current):
                raise PermissionDenied
            response = view(request, project=current, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response

        return wrapper

    return decorate
