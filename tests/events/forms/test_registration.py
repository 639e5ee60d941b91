"""The registration form's session choices say how many places are left, in singular and plural."""

import pytest

from django.utils import translation

from secon.events import selectors
from secon.events.forms.registration import RegistrationForm
from secon.events.services import registrations
from tests.events.factories import EventFactory, SessionFactory, registration_values

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "(1 place left)", "(3 places left)"),
        ("de", "(noch 1 Platz frei)", "(noch 3 Plätze frei)"),
        ("es", "(queda 1 plaza)", "(quedan 3 plazas)"),
        ("el", "(απομένει 1 θέση)", "(απομένουν 3 θέσεις)"),
    ],
)
def test_places_left_in_singular_and_plural(language, one, two):
    event = EventFactory(capacity=None)
    visit = SessionFactory(event=event, kind="study_visit", capacity=2, title={"en": "Visit"})
    other = SessionFactory(event=event, kind="study_visit", capacity=3, title={"en": "Other"})
    registrations.register_participant(event=event, sessions=[visit], **registration_values(1))

    with translation.override(language):
        form = RegistrationForm(
            event=event, sessions=selectors.list_signup_sessions(event=event), language=language
        )
        labels = dict(form.fields["sessions"].choices)
    assert labels[str(visit.pk)].endswith(one)
    assert labels[str(other.pk)].endswith(two)
