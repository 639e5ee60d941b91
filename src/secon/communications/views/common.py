"""What the communication officer's pages share: who may open them, and their context."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from secon.events.models import Event
from secon.projects import selectors as project_selectors


def members_only(view):
    """Load the project; let only its members in (others: sign in, or 403); never cache the answer."""

    @wraps(view)
    @login_required
    def wrapper(request: HttpRequest, project: str, **kwargs) -> HttpResponse:
        current = project_selectors.get_project(slug=project)
        if not request.user.has_perm("communications.view_article", current):
            raise PermissionDenied
        response = view(request, project=current, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


def _require(request: HttpRequest, permission: str, obj) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _events(project):
    return Event.objects.filter(project=project).order_by("-start_date")


def _context(request, project, **values) -> dict:
    return {
        "project": project,
        "content_fallbacks": project.fallback_languages,
        "can_change": request.user.has_perm("communications.change_article", project),
        "can_publish": request.user.has_perm("communications.publish_article", project),
        **values,
    }
