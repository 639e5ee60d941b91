import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from secon.core.permissions import SYSTEM
from secon.indicators import selectors, services
from secon.indicators.registry import INDICATORS
from secon.policy import services as policy_services
from tests.factories import PersonFactory
from tests.indicators.conftest import attend, instrument_with_action
from tests.policy.conftest import evidence_file

pytestmark = pytest.mark.django_db


def figures(table) -> dict:
    return {figure.code: (figure.previous, figure.this, figure.cumulative) for figure in table.figures}


def test_period_four_counts_every_indicator_from_the_records(world):
    table = selectors.period_table(project=world.project, number=4)
    found = figures(table)
    assert found["participations"] == (4, 4, 8)  # the stakeholder group's meeting is regional
    assert found["people-capacity"] == (3, 1, 4)  # Dora's first learning event is Cáceres
    # Dora has no organisation of her own: the partner she came with counts, never a typed name
    assert found["organisations-capacity"] == (3, 1, 4)
    assert found["good-practices"] == (1, 1, 2)  # the submitted one does not count
    assert found["stakeholder-meetings"] == (1, 0, 1)
    assert found["instruments-improved"] == (0, 0, 0)
    assert found["actions-implemented"] == (0, 0, 0)


def test_the_drill_down_lists_exactly_the_records_of_each_figure(world):
    table = selectors.period_table(project=world.project, number=4)
    participations = table.figure("participations")
    people = selectors.figure_records(participations, participations.ids)
    assert sorted(row["name"] for row in people) == ["Ana Alba", "Ana Alba", "Bo Berg", "Dora Dunn"]
    for figure in table.figures:
        for column in ("this", "previous", "cumulative"):
            ids = figure.column_ids(column)
            assert len(selectors.figure_records(figure, ids)) == len(ids)
        assert len(figure.column_ids("cumulative")) == figure.cumulative


def test_an_instrument_counts_once_adopted_with_evidence(world):
    instrument = policy_services.create_instrument(
        actor=SYSTEM,
        project=world.project,
        partner=world.partners[0],
        name={"en": "ERDF programme"},
        kind="programme",
        managing_body="Managing authority",
    )
    for status in ("addressed", "proposed"):
        policy_services.change_status(actor=SYSTEM, instrument=instrument, status=status)
    policy_services.change_status(
        actor=SYSTEM,
        instrument=instrument,
        status="adopted",
        evidence=evidence_file(),
        adopted_on=datetime.date(2024, 12, 2),
        adopted_by="Regional government",
        improvement="structural",
    )
    assert figures(selectors.period_table(project=world.project, number=4))["instruments-improved"] == (
        0,
        1,
        1,
    )
    assert figures(selectors.period_table(project=world.project, number=3))["instruments-improved"] == (
        0,
        0,
        0,
    )


def test_a_partners_report_counts_its_own_records(world):
    table = selectors.period_table(project=world.project, number=4, partner=world.partners[0])
    found = figures(table)
    assert found["participations"] == (2, 2, 4)  # Ana: kick-off, Haskovo, Cáceres, committee
    assert found["good-practices"] == (1, 0, 1)
    assert all(not figure.is_custom for figure in table.figures)


def test_a_target_gives_the_percentage(world):
    services.set_target(actor=SYSTEM, project=world.project, code="participations", value=16)
    figure = selectors.period_table(project=world.project, number=4).figure("participations")
    assert figure.target == 16 and figure.percent == 50


def test_a_fixed_number_of_queries_per_indicator_whatever_the_records(world):
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="review")
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
    with CaptureQueriesContext(connection) as few:
        selectors.period_table(project=world.project, number=4)
    for _n in range(30):
        attend(world.events["caceres"], PersonFactory(), world.partners[2])
    with CaptureQueriesContext(connection) as many:
        table = selectors.period_table(project=world.project, number=4)
    assert table.figure("participations").this == 34
    # periods, reports, locked figures, targets, partners, project indicators, their values
    assert len(few.captured_queries) == len(many.captured_queries) == 7 + len(INDICATORS)


def test_an_action_counts_in_the_period_it_was_implemented(world):
    instrument_with_action(world, implemented_on=datetime.date(2024, 9, 15))
    assert figures(selectors.period_table(project=world.project, number=4))["actions-implemented"] == (
        0,
        1,
        1,
    )
    assert figures(selectors.period_table(project=world.project, number=3))["actions-implemented"] == (
        0,
        0,
        0,
    )
    table = selectors.period_table(project=world.project, number=4, partner=world.partners[0])
    assert table.figure("actions-implemented").this == 1


def test_an_organisation_typed_as_text_is_never_counted(world):
    registration = attend(world.events["caceres"], PersonFactory(organisation=None), None)
    registration.organisation_name = "Cooperativa Uno"  # the name of a known organisation, typed
    registration.save()
    table = selectors.period_table(project=world.project, number=4)
    assert table.figure("organisations-capacity").cumulative == 4
    assert table.figure("people-capacity").cumulative == 5


def test_a_reported_period_keeps_the_target_it_was_reported_against(world):
    services.set_target(actor=SYSTEM, project=world.project, code="participations", value=10)
    for to in ("review", "reported"):
        services.move_period(actor=SYSTEM, project=world.project, number=1, to=to)
    services.set_target(actor=SYSTEM, project=world.project, code="participations", value=40)
    assert selectors.period_table(project=world.project, number=1).figure("participations").target == 10
    assert selectors.period_table(project=world.project, number=2).figure("participations").target == 40
