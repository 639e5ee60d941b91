"""What every indicator page shares: the project from the URL, its members only, never cached."""

from django.http import Http404, HttpRequest

from secon.core.validators import is_whole_number
from secon.organisations.models import Partner
from secon.projects import views as project_views

#: Load the project named in the URL and let in its members only.
project_view = project_views.project_view("indicators.view_indicators")


#: The same, for those who set the targets and indicators, and for those who move a period on.
manager_view = project_views.project_view("indicators.manage_indicators")
period_manager_view = project_views.project_view("indicators.manage_period")


def chosen_partner(request: HttpRequest, project) -> Partner | None:
    """The partner named by ``?partner=<number>``, or None for the whole partnership; 404 if unknown."""
    value = request.GET.get("partner", "")
    if not value:
        return None
    if not is_whole_number(value, max_digits=5):
        raise Http404("No such partner")
    partner = (
        Partner.objects.filter(project=project, number=int(value)).select_related("organisation").first()
    )
    if partner is None:
        raise Http404("No such partner")
    return partner


def context(project, **values) -> dict:
    return {"project": project, "content_fallbacks": project.fallback_languages, **values}
