"""Write to an event's participants."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secon.core.audit import record_change
from secon.core.models import AuditEntry
from secon.events import emails
from secon.events.enums import RegistrationStatus
from secon.events.models import Event, Message, Registration
from secon.projects.tenancy import check_same_project


@transaction.atomic
def message_participants(*, actor, event: Event, subject: str, body: str, statuses: list[str]) -> Message:
    """Write to the event's participants in the given statuses; each gets their personal link too."""
    if not set(statuses) <= {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.PENDING,
    }:
        raise ValidationError({"statuses": _("Choose whom to write to.")})
    message = Message(
        project_id=event.project_id,
        event=event,
        subject=subject.strip(),
        body=body.strip(),
        statuses=list(statuses),
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    message.full_clean(exclude=["project", "event", "sent_by"])
    check_same_project(message, event=event)
    message.save()
    recipients = list(Registration.objects.filter(event=event, status__in=statuses).select_related("person"))
    if not recipients:
        raise ValidationError({"statuses": _("Nobody is registered with these statuses.")})
    message.recipients.set(recipients)
    record_change(actor=actor, instance=message, action=AuditEntry.Action.CREATE, project_id=event.project_id)
    emails.queue_message(message, recipients)
    return message
