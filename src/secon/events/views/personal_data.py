"""The download of one's own data (the link e-mailed by ``events/personal_data.py``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from secon.core.http import private
from secon.core.media import file_response
from secon.events.personal_data import export_problem
from secon.organisations.models import DataExport


@require_safe
def download(request: HttpRequest, key: str) -> HttpResponse:
    """Send the ZIP while the link is valid; a clear 410 page once it has expired."""
    export = DataExport.objects.filter(key=key).first()
    if export_problem(export):
        problem = _(
            "This download link has expired (links work for 7 days) or is not valid. Ask for your data "
            "again from your registration's personal page."
        )
        return private(render(request, "events/link_problem.html", {"problem": problem}, status=410))
    return private(file_response(export.file.name, public=False, download_name="my-data.zip"))
