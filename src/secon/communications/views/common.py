"""What the communication officer's pages share: who may open them, and their context."""

from secon.events.models import Event
from secon.projects.views import project_view

#: Load the project; let only its members in (others: sign in, or 403); never cache the answer.
members_only = project_view("communications.view_article")


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
