"""Erasing a participant, at their request or by retention, changes no reported figure (issue 9)."""

import datetime

import pytest

from django.utils import timezone

from secon.core import retention
from secon.core.permissions import SYSTEM
from secon.indicators import selectors, services
from secon.indicators.models import LockedFigure
from secon.organisations.erasure import erase_person
from secon.organisations.models import Person

pytestmark = pytest.mark.django_db


def lock(world, number):
    services.move_period(actor=SYSTEM, project=world.project, number=number, to="review")
    return services.move_period(actor=SYSTEM, project=world.project, number=number, to="reported")


def participations(world, number):
    return selectors.period_table(project=world.project, number=number).figure("participations")


def test_a_participant_counted_in_a_locked_period_is_erased_and_every_figure_stays(world):
    report = lock(world, 1)
    locked = LockedFigure.objects.get(report=report, code="participations")
    before = {number: participations(world, number).this for number in (1, 2, 4)}
    ana = world.people[0]  # at the kick-off (period 1, locked), Haskovo (2) and Cáceres (4)
    erase_person(actor=None, person=ana)
    ana = Person.objects.get(pk=ana.pk)
    assert ana.erased_at is not None and "Ana" not in f"{ana.first_name} {ana.last_name}"
    assert {number: participations(world, number).this for number in (1, 2, 4)} == before
    again = LockedFigure.objects.get(pk=locked.pk)
    assert (again.value, again.record_ids, again.digest) == (locked.value, locked.record_ids, locked.digest)
    # The locked figure's records still open, with the name gone.
    figure = participations(world, 1)
    names = " ".join(
        str(cell)
        for record in selectors.figure_records(figure, locked.record_ids)
        for _kind, cell in record["cells"]
    )
    assert "Alba" not in names


def test_retention_erases_old_participants_and_the_locked_figures_stay(world):
    lock(world, 1)
    before = {number: participations(world, number).this for number in (1, 2, 3, 4)}
    later = timezone.make_aware(datetime.datetime(2030, 1, 1))
    retention.purge(now=later)
    dora = Person.objects.get(pk=world.people[3].pk)  # no organisation, no account: erased
    assert dora.erased_at is not None
    assert {number: participations(world, number).this for number in (1, 2, 3, 4)} == before
