"""What the members' pages of every app share: the project from the URL, a permission, never cached."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from secon.projects import selectors


def project_view(
    permission: str, *, write: str | None = None, record: str | None = None, load: Callable | None = None
):
    """Load the project named in the URL and let in only those with ``permission`` on it.

    With ``write``, a POST also needs that permission (the page shows to readers, its form takes
    the writers' input only).

    With ``record`` (an argument of the URL, e.g. ``"event"``), the permission is asked on the
    record ``load(project=…, slug=…)`` returns instead, and the view receives that record under the
    argument's name rather than the project. Others are sent to sign in, or get 403; the answer is
    personal, so it is never cached.
    """

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(request: HttpRequest, project: str, **kwargs) -> HttpResponse:
            current = selectors.get_project(slug=project)
            name, target = "project", current
            if record is not None:
                name, target = record, load(project=current, slug=kwargs.pop(record))
            if not request.user.has_perm(permission, target):
                raise PermissionDenied
            if write is not None and request.method == "POST" and not request.user.has_perm(write, target):
                raise PermissionDenied
            response = view(request, **{name: target}, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response

        return wrapper

    return decorate
