"""The counting rules: what each indicator counts, from the records as they were."""

import pytest

from secon.indicators import selectors
from secon.organisations.models import Person
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organisations_are_counted_as_they_were_at_the_event_not_as_they_are_now(world):
    def counted(number):
        table = selectors.period_table(project=world.project, number=number)
        return set(table.figure("organisations-capacity").ids)

    before = counted(2)
    cai = world.people[2]  # at Haskovo (period 2) for Cooperativa Uno
    assert cai.organisation_id in before
    Person.objects.filter(pk=cai.pk).update(organisation=OrganisationFactory(name="New employer"))
    assert counted(2) == before
