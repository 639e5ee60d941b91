"""The coordinators' import page: upload a file → see the dry run → confirm.

It lists every kind of import the apps register (schedules and Indico exports into an event,
contacts and good practices into the project; see :mod:`secon.core.imports`), and lives here
because events is the highest of the apps that own them. The uploaded file waits under
``SECON_VAR_DIR/imports/`` between the preview and the confirmation (a day at most); the importer's
own service checks the permission again and does all the work.
"""

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from secon.core.imports import MAX_IMPORT_BYTES, importers
from secon.core.spreadsheets import read_table
from secon.events.models import Event
from secon.projects.views import project_view

KEPT_SECONDS = 24 * 3600


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"))
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=Event.objects.none(),
        required=False,
        help_text=gettext_lazy("For a schedule or an Indico export."),
    )
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, importer.label) for kind, importer in sorted(importers().items())
        ]
        self.fields["event"].queryset = Event.objects.filter(project=project).order_by("-start_date")

    def clean(self):
        data = super().clean()
        importer = importers().get(data.get("kind", ""))
        if importer and importer.target == "event" and not data.get("event"):
            self.add_error("event", _("Choose the event the schedule goes into."))
        upload = data.get("file")
        if upload and upload.size > MAX_IMPORT_BYTES:
            self.add_error(
                "file", _("The file is larger than %(size)d MB.") % {"size": MAX_IMPORT_BYTES // 2**20}
            )
        return data


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.stat().st_mtime < time.time() - KEPT_SECONDS:
            old.unlink(missing_ok=True)
    return folder


def _pending(request: HttpRequest, token: str) -> dict | None:
    pending = request.session.get("pending_imports", {}).get(token)
    if pending is None or not (Path(settings.VAR_DIR) / "imports" / token).exists():
        return None
    return pending


def _target(pending: dict, project):
    importer = importers()[pending["kind"]]
    if importer.target == "event":
        return importer, Event.objects.select_related("project").get(pk=pending["event"], project=project)
    return importer, project


def _mapping_rows(importer, data: bytes, filename: str, chosen: dict) -> list[dict]:
    """Return one row per column of the file, with the field it is read as (for the mapping step)."""
    if not importer.mapping:
        return []
    try:
        header, _rows = read_table(data, filename=filename)
    except ValueError:
        return []
    from secon.organisations.imports import suggest_mapping

    suggested = suggest_mapping(header)
    return [
        {"index": index, "column": column, "field": chosen.get(column, suggested.get(column, ""))}
        for index, column in enumerate(header[:60])
    ]


@require_http_methods(["GET", "HEAD", "POST"])
@project_view("events.add_event")
def import_page(request: HttpRequest, project) -> HttpResponse:
    current = project
    action = request.POST.get("action", "")
    form = UploadForm(request.POST if action == "upload" else None, request.FILES or None, project=current)
    context = {"project": current, "form": form}
    status = 200
    if action == "upload":
        if form.is_valid():
            token = secrets.token_urlsafe(16)
            upload = form.cleaned_data["file"]
            (_folder() / token).write_bytes(upload.read())
            pending = request.session.get("pending_imports", {})
            pending[token] = {
                "kind": form.cleaned_data["kind"],
                "event": form.cleaned_data["event"].pk if form.cleaned_data.get("event") else None,
                "filename": Path(upload.name).name[:200],
                "mapping": {},
            }
            request.session["pending_imports"] = pending
            return redirect(f"{request.path}?preview={token}")
        status = 400
    token = request.POST.get("token") or request.GET.get("preview", "")
    pending = _pending(request, token) if token else None
    if token and pending is None and action != "upload":
        messages.error(request, _("This upload has expired; choose the file again."))
        return redirect(request.path)
    if pending is not None:
        importer, target = _target(pending, current)
        data = (Path(settings.VAR_DIR) / "imports" / token).read_bytes()
        if action == "map":
            header = [row["column"] for row in _mapping_rows(importer, data, pending["filename"], {})]
            pending["mapping"] = {
                column: request.POST.get(f"map-{index}", "") for index, column in enumerate(header)
            }
            request.session.modified = True
        confirm = action == "confirm"
        report = importer.run(
            actor=request.user,
            target=target,
            data=data,
            dry_run=not confirm,
            mapping=pending["mapping"],
            filename=pending["filename"],
        )
        if report.applied:
            (Path(settings.VAR_DIR) / "imports" / token).unlink(missing_ok=True)
            request.session["pending_imports"].pop(token, None)
            request.session.modified = True
            summary = report.summary()
            messages.success(
                request,
                _("Imported: %(new)d new, %(changed)d changed, %(removed)d removed, %(same)d unchanged.")
                % {
                    "new": summary["create"],
                    "changed": summary["update"],
                    "removed": summary["remove"],
                    "same": summary["unchanged"],
                },
            )
            return redirect(request.path)
        context.update(
            token=token,
            pending=pending,
            importer=importer,
            target=target,
            report=report,
            fields=importer.mapping,
            mapping_rows=_mapping_rows(importer, data, pending["filename"], pending["mapping"]),
        )
        status = 200 if report.ok else 400
    response = render(request, "events/imports.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
