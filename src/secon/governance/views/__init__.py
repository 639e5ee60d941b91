"""Pages of the committee: for its members, and for the chair, the secretary and coordinators."""

from django.utils import translation

from secon.core.languages import INTERFACE_LANGUAGES
from secon.governance import selectors
from secon.projects.views import project_view


def committee_view(permission: str = "governance.view_committee", *, write: str | None = None):
    """Load the committee named in the URL and let in only those with ``permission`` on it (and
    ``write`` too for a POST)."""
    return project_view(permission, write=write, record="committee", load=selectors.get_committee)


def context(committee, request, **values) -> dict:
    return {
        "project": committee.project,
        "committee": committee,
        "content_fallbacks": committee.project.fallback_languages,
        "may_manage": request.user.has_perm("governance.manage_committee", committee),
        **values,
    }


def requested_language(request) -> str:
    """The interface language asked for (``?language=``) if the site has it, else the page's."""
    code = request.GET.get("language", "")
    return code if code in INTERFACE_LANGUAGES else translation.get_language()


def error_text(error) -> str:
    """Return a service's validation error as one sentence (for a page without a form)."""
    return " ".join(error.messages)
