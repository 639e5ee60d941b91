"""What the events app tells organisations about a project's people (see ``organisations/people.py``)."""

from django.db.models import QuerySet

from secon.events.models import Registration


def event_people(project_ids: set[int]) -> QuerySet:
    """The people who registered for an event of these projects (attendance needs a registration)."""
    return Registration.objects.filter(project_id__in=project_ids).values("person_id")
