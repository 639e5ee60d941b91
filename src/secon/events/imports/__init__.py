"""Imports into an event: a frab or pretalx schedule, an Indico event's export (see schedule.py)."""

from django.utils.translation import gettext_lazy as _

from secon.core.imports import Importer, register_importer


def find_event(reference: str):
    """Return the event named ``project/event`` (their address names), or None."""
    from secon.events.models import Event

    project, _slash, slug = reference.strip().partition("/")
    return Event.objects.select_related("project").filter(project__slug=project, slug=slug).first()


def _schedule(*, actor, target, data, dry_run, mapping, filename=""):
    from secon.events.imports.schedule import import_schedule

    return import_schedule(actor=actor, event=target, data=data, dry_run=dry_run)


def _indico(*, actor, target, data, dry_run, mapping, filename=""):
    from secon.events.imports.schedule import import_schedule

    return import_schedule(actor=actor, event=target, data=data, indico=True, dry_run=dry_run)


def register() -> None:
    register_importer(
        Importer(
            kind="schedule",
            label=_("Schedule (frab schedule.xml or pretalx schedule.json)"),
            target="event",
            run=_schedule,
            find=find_event,
            extensions=(".xml", ".json"),
        )
    )
    register_importer(
        Importer(
            kind="indico",
            label=_("Indico event export (JSON)"),
            target="event",
            run=_indico,
            find=find_event,
            extensions=(".json",),
        )
    )
