"""Retention of the events app's personal data (registered with core.retention in ``ready()``).

Registrations of events that ended more than :data:`REGISTRATION_DAYS` ago lose what the participant
typed (organisation, needs); a person whose registrations are all that old, who has no account and
no organisation on the site, is erased (``organisations/erasure.py``): the counts stay right. People
under legal hold are left alone.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from secon.events.models import Registration
from secon.organisations.erasure import erase_person
from secon.organisations.models import Person

#: 24 months.
REGISTRATION_DAYS = 730


def _old_registrations(cutoff):
    return Registration._base_manager.filter(
        event__end_date__lt=cutoff.date(), person__legal_hold=False, person__erased_at__isnull=True
    ).filter(~Q(organisation_name="") | ~Q(dietary_needs="") | ~Q(accessibility_needs=""))


def _people_to_erase(cutoff):
    recent = Registration._base_manager.filter(event__end_date__gte=cutoff.date()).values("person_id")
    accounts = get_user_model().objects.values("email")
    return (
        Person.objects.filter(
            registrations__event__end_date__lt=cutoff.date(),
            legal_hold=False,
            erased_at__isnull=True,
            organisation__isnull=True,
        )
        .exclude(Q(pk__in=recent) | Q(email__in=accounts))
        .distinct()
    )


def due(cutoff) -> int:
    """Old registrations still holding what was typed, plus the people to erase (legal holds left out)."""
    return _old_registrations(cutoff).count() + _people_to_erase(cutoff).count()


def purge(cutoff) -> int:
    count = due(cutoff)
    for person in list(_people_to_erase(cutoff)):
        erase_person(actor=None, person=person)
    _old_registrations(cutoff).update(organisation_name="", dietary_needs="", accessibility_needs="")
    return count
