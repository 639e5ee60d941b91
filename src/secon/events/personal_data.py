"""Download one's own data: asked on a registration's personal page, built by a worker, e-mailed.

The request only records the ask and enqueues :func:`build_data_export`; the worker writes the ZIP
(``organisations/export.py``; this app adds the registrations) and e-mails the address a link valid
:data:`EXPORT_DAYS` days. One export per person per hour (a repeated click gets the same one).
"""

import datetime
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from secon.core.links import absolute_url
from secon.core.tasks import background
from secon.events.models import Registration
from secon.mail.rendering import Rendered, renderer
from secon.mail.services import queue_email
from secon.organisations.export import EXPORT_DAYS, build_archive
from secon.organisations.models import DataExport, Person

REPEAT_INTERVAL = datetime.timedelta(hours=1)


def registrations_section(person: Person) -> list[dict]:
    """The person's registrations, with what they typed and their attendance."""
    rows = []
    for registration in (
        Registration._base_manager.filter(person=person)
        .select_related("event__project")
        .prefetch_related("attendances")
        .order_by("created_at", "pk")
    ):
        event = registration.event
        rows.append(
            {
                "project": event.project.acronym,
                "event": event.title.render(registration.language, event.project.fallback_languages).text,
                "event_dates": f"{event.start_date} – {event.end_date}",
                "status": registration.status,
                "language": registration.language,
                "organisation": registration.organisation_name,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "registered_at": registration.created_at.isoformat(),
                "days_attended": ", ".join(
                    sorted({str(attendance.day) for attendance in registration.attendances.all()})
                ),
            }
        )
    return rows


@transaction.atomic
def request_data_export(*, registration: Registration, now: datetime.datetime | None = None) -> DataExport:
    """Ask for the person's data (the personal link proves who asks); the worker e-mails the link."""
    now = now or timezone.now()
    person = registration.person
    recent = DataExport.objects.filter(person=person, created_at__gte=now - REPEAT_INTERVAL).first()
    if recent is not None:
        return recent
    export = DataExport.objects.create(person=person, key=secrets.token_urlsafe(32), created_at=now)
    build_data_export.enqueue(
        export=export.pk,
        language=registration.language,
        project=registration.project_id,
        key=f"data-export:{export.pk}",
    )
    return export


@background(max_attempts=3)
def build_data_export(*, export: int, language: str, project: int) -> None:
    """Write the ZIP and e-mail its link to the person's address."""
    found = DataExport.objects.select_related("person").filter(pk=export).first()
    if found is None or found.ready_at is not None:
        return
    found.file.save(f"{found.key}.zip", ContentFile(build_archive(found.person)), save=False)
    found.ready_at = timezone.now()
    found.save(update_fields=["file", "ready_at"])
    queue_email(
        project_id=project,
        kind="events.data_export",
        recipient=found.person.email,
        language=language,
        params={"export": found.pk},
    )


def export_problem(export: DataExport | None, now: datetime.datetime | None = None) -> bool:
    """True when the link no longer gives the file (unknown, not ready, or older than EXPORT_DAYS)."""
    now = now or timezone.now()
    return (
        export is None
        or export.ready_at is None
        or not export.file
        or now >= export.created_at + datetime.timedelta(days=EXPORT_DAYS)
    )


@renderer("events.data_export", own_action=True)
def render_data_export(*, export: int) -> Rendered | None:
    found = DataExport.objects.filter(pk=export).first()
    if found is None:
        return None
    path = reverse("events:data_export", kwargs={"key": found.key})
    until = found.created_at + datetime.timedelta(days=EXPORT_DAYS)
    context = {
        "url": absolute_url(path),
        "until": until,
        "days": EXPORT_DAYS,
        "language": translation.get_language(),
    }
    return Rendered(
        subject=_("Your data are ready to download"),
        body=render_to_string("events/email/data_export.txt", context),
    )


def exports_due(cutoff) -> int:
    return DataExport.objects.filter(created_at__lt=cutoff).count()


def purge_exports(cutoff) -> int:
    """Delete the exports whose link has expired, files included."""
    count = 0
    for export in DataExport.objects.filter(created_at__lt=cutoff):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
