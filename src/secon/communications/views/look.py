"""The project's own look: the stylesheet that sets its colours, and the officer's page to set them.

The public pages keep the site's strict Content-Security-Policy (``style-src 'self'``, no inline
styles): a project's colours reach them as a tiny stylesheet of its own, served from the site,
which sets the custom properties the site's stylesheet is written with (``--brand``,
``--brand-dark``, ``--accent``). Its address carries the colours, so a change is a new address
that browsers and proxies fetch anew.
"""

import base64

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from secon.communications import selectors
from secon.communications.forms.look import LookForm
from secon.communications.services import look as look_service
from secon.communications.views.common import _context
from secon.core.forms import submit
from secon.core.uploads import content_type_for
from secon.projects import selectors as project_selectors
from secon.projects.views import project_view

#: Seconds a project's stylesheet may be kept: its address changes with its colours.
MAX_AGE = 86_400


def data_uri(image) -> str:
    """Return a stored picture as a ``data:`` address (WeasyPrint fetches nothing from the network)."""
    if not image:
        return ""
    try:
        with image.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError:
        return ""
    return f"data:{content_type_for(image.name)};base64,{base64.b64encode(content).decode('ascii')}"


def darker(colour: str, share: float = 0.25) -> str:
    """Return ``colour`` mixed with ``share`` of black (the hover shade of links and buttons)."""
    channels = [int(colour[start : start + 2], 16) for start in (1, 3, 5)]
    return "#" + "".join(f"{round(value * (1 - share)):02x}" for value in channels)


@require_safe
def look_css(request: HttpRequest, project: str) -> HttpResponse:
    """The project's colours as CSS custom properties (public, for the project's pages)."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    look = selectors.get_look(project=current)
    content = (
        f":root{{--brand:{look.primary_colour};--brand-dark:{darker(look.primary_colour)};"
        f"--accent:{look.accent_colour};}}\n"
    )
    response = HttpResponse(content, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("communications.publish_article")
def edit(request: HttpRequest, project) -> HttpResponse:
    """The communication officer sets the project's logo, colours and funding statement."""
    look = selectors.get_look(project=project)
    form = LookForm(
        request.POST or None, request.FILES or None, look=look, languages=project.content_languages
    )
    return submit(
        request,
        form,
        lambda data: look_service.save_look(actor=request.user, project=project, **form.service_values()),
        success_url=reverse("communications:look", kwargs={"project": project.slug}),
        message=_("The project's look is saved."),
        template="communications/manage/look.html",
        context=_context(request, project, form=form, look=look),
    )
