import threading
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from secon.core.permissions import SYSTEM
from secon.indicators import selectors, services
from secon.indicators.computation import digest
from secon.indicators.models import LockedFigure, ManualValue, PeriodReport, PeriodStep
from secon.policy.models import PolicyInstrument
from secon.projects.tenancy import scopes_disabled
from tests.factories import PersonFactory
from tests.indicators.conftest import attend

pytestmark = pytest.mark.django_db


def lock(world, number, actor=SYSTEM):
    services.move_period(actor=actor, project=world.project, number=number, to="review")
    return services.move_period(actor=actor, project=world.project, number=number, to="reported")


def test_locking_stores_each_figure_with_its_records_and_their_digest(world):
    report = lock(world, 1)
    assert report.status == "reported" and report.locked_at is not None
    stored = {figure.code: figure for figure in LockedFigure.objects.filter(report=report)}
    participations = stored["participations"]
    assert participations.value == 2 and len(participations.record_ids) == 2
    assert participations.digest == digest(participations.record_ids)
    assert [step.to_status for step in PeriodStep.objects.filter(report=report)] == ["review", "reported"]


def test_a_record_added_after_the_lock_changes_no_locked_figure_and_counts_as_late(world):
    lock(world, 1)
    attend(world.events["kickoff"], PersonFactory(first_name="Late", last_name="Comer"), world.partners[2])
    table = selectors.period_table(project=world.project, number=2)
    assert table.figure("participations").previous == 2  # period 1 as locked
    assert table.figure("participations").this == 3
    assert len(table.figure("participations").late) == 1
    assert selectors.period_table(project=world.project, number=1).figure("participations").this == 2


def test_periods_are_reported_in_order(world):
    services.move_period(actor=SYSTEM, project=world.project, number=2, to="review")
    with pytest.raises(ValidationError) as error:
        services.move_period(actor=SYSTEM, project=world.project, number=2, to="reported")
    assert "not reported yet" in str(error.value)
    assert not LockedFigure.objects.exists()


def test_an_instrument_marked_adopted_without_evidence_blocks_the_report(world):
    PolicyInstrument.objects.create(
        project=world.project,
        partner=world.partners[0],
        name={"en": "Law"},
        kind="law",
        managing_body="Parliament",
        status="adopted",
    )
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="review")
    with pytest.raises(ValidationError) as error:
        services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
    assert "without its evidence" in str(error.value)
    assert PeriodReport.objects.get(number=1).status == "review"


def test_reopening_needs_a_reason_and_a_scope(world):
    lock(world, 1)
    for values in (
        {"reason": "", "scope": "full"},
        {"reason": "Typo", "scope": ""},
        {"reason": "  ", "scope": "text"},
    ):
        with pytest.raises(ValidationError):
            services.move_period(actor=SYSTEM, project=world.project, number=1, to="reopened", **values)
    assert PeriodReport.objects.get(number=1).status == "reported"
    assert LockedFigure.objects.count() == 7


def test_reopened_for_its_texts_the_figures_stay_locked(world):
    lock(world, 1)
    report = services.move_period(
        actor=SYSTEM, project=world.project, number=1, to="reopened", reason="Summary typo", scope="text"
    )
    assert report.figures_locked and report.text_editable
    services.update_summary(actor=SYSTEM, project=world.project, number=1, summary="Kick-off in Kalamata.")
    attend(world.events["kickoff"], PersonFactory(), world.partners[2])
    assert selectors.period_table(project=world.project, number=1).figure("participations").this == 2


def test_reopened_in_full_the_figures_are_computed_again_and_the_old_ones_kept_in_the_history(world):
    lock(world, 1)
    attend(world.events["kickoff"], PersonFactory(), world.partners[2])
    services.move_period(
        actor=SYSTEM,
        project=world.project,
        number=1,
        to="reopened",
        reason="Missing sign-in sheet",
        scope="full",
    )
    step = PeriodStep.objects.get(to_status="reopened")
    assert step.replaced_figures["participations"]["value"] == "2.00"
    assert selectors.period_table(project=world.project, number=1).figure("participations").this == 3
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
    assert LockedFigure.objects.get(code="participations").value == 3


def test_a_reported_periods_text_and_values_are_not_changed(world):
    custom = services.create_custom_indicator(
        actor=SYSTEM,
        project=world.project,
        code="jobs-created",
        name={"en": "Jobs created"},
        unit="other",
        description={},
    )
    services.set_manual_value(actor=SYSTEM, indicator=custom, number=1, value=Decimal(3), source="Survey")
    lock(world, 1)
    with pytest.raises(ValidationError) as error:
        services.set_manual_value(actor=SYSTEM, indicator=custom, number=1, value=Decimal(9), source="Survey")
    assert "locked" in str(error.value)
    with pytest.raises(ValidationError):
        services.update_summary(actor=SYSTEM, project=world.project, number=1, summary="Changed")
    assert ManualValue.objects.get().value == 3
    assert LockedFigure.objects.get(code="jobs-created").value == 3


def test_a_project_indicator_needs_a_source_and_a_sane_value(world):
    custom = services.create_custom_indicator(
        actor=SYSTEM,
        project=world.project,
        code="jobs-created",
        name={"en": "Jobs created"},
        unit="other",
        description={},
    )
    with pytest.raises(ValidationError):
        services.set_manual_value(actor=SYSTEM, indicator=custom, number=2, value=Decimal(1), source=" ")
    for value in (Decimal(-5), Decimal(10) ** 15):
        with pytest.raises(ValidationError):
            services.set_manual_value(actor=SYSTEM, indicator=custom, number=2, value=value, source="Survey")
    with pytest.raises(ValidationError):
        services.set_manual_value(
            actor=SYSTEM, indicator=custom, number=99, value=Decimal(1), source="Survey"
        )
    with pytest.raises(ValidationError):
        services.create_custom_indicator(
            actor=SYSTEM,
            project=world.project,
            code="participations",
            name={"en": "Clash"},
            unit="other",
            description={},
        )
    assert not ManualValue.objects.exists()


def test_only_a_coordinator_moves_a_period_or_sets_a_target(world):
    for role in ("partner", "viewer", "other"):
        with pytest.raises(PermissionDenied):
            services.move_period(actor=world.users[role], project=world.project, number=1, to="review")
        with pytest.raises(PermissionDenied):
            services.set_target(
                actor=world.users[role], project=world.project, code="participations", value=1
            )
    lock(world, 1, actor=world.users["coordinator"])
    assert PeriodReport.objects.get(number=1).locked_by == world.users["coordinator"]


def test_a_target_is_bounded_and_belongs_to_an_indicator(world):
    with pytest.raises(ValidationError):
        services.set_target(actor=SYSTEM, project=world.project, code="nonsense", value=Decimal(5))
    with pytest.raises(ValidationError):
        services.set_target(actor=SYSTEM, project=world.project, code="participations", value=Decimal(-1))
    services.set_target(actor=SYSTEM, project=world.project, code="participations", value=Decimal(100))
    services.set_target(actor=SYSTEM, project=world.project, code="participations", value=None)
    assert selectors.period_table(project=world.project, number=1).figure("participations").target is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises every write anyway")
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_locking_at_once_lock_once(world):
    services.move_period(actor=SYSTEM, project=world.project, number=1, to="review")
    outcomes = []

    def attempt():
        try:
            with scopes_disabled():  # a thread starts without the test's (disabled) scope
                services.move_period(actor=SYSTEM, project=world.project, number=1, to="reported")
            outcomes.append("locked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["locked", "refused"]
    assert LockedFigure.objects.filter(code="participations").count() == 1
    assert PeriodStep.objects.filter(to_status="reported").count() == 1


def _partner_figures(world) -> dict:
    """{partner id: {code: (this period, records)}} of period 1, partner by partner."""
    return {
        partner.pk: {
            figure.code: (figure.this, figure.ids)
            for figure in selectors.period_table(project=world.project, number=1, partner=partner).figures
        }
        for partner in world.partners
    }


def test_locking_stores_each_partners_figures_and_a_later_change_to_a_partner_changes_none(world):
    from secon.events.models import Registration

    first, second, third = world.partners
    report = lock(world, 1)
    stored = LockedFigure.objects.get(report=report, code="participations")
    bo = Registration.objects.get(event=world.events["kickoff"], person=world.people[1])
    ana = stored.record_ids[0]
    assert stored.partner_ids == {str(first.pk): [ana], str(second.pk): [bo.pk], str(third.pk): []}
    before = _partner_figures(world)
    assert before[second.pk]["participations"][0] == 1 and before[third.pk]["participations"][0] == 0
    # Later, Bo's registrations are moved to the third partner's delegation.
    Registration.objects.filter(person=world.people[1]).update(partner=third)
    assert _partner_figures(world) == before
    # Bo's kick-off, counted for the second partner, is no late addition of the third's (Cai's
    # participation in period 2 is); the open period counts Bo's Cáceres for the third partner now.
    period_4 = selectors.period_table(project=world.project, number=4, partner=third).figure("participations")
    assert period_4.previous == 1 and bo.pk not in period_4.previous_ids and not period_4.late
    assert period_4.this == 2


def test_the_partner_report_reads_back_the_stored_breakdown(world):
    from secon.events.models import Registration

    second, third = world.partners[1], world.partners[2]
    lock(world, 1)
    Registration.objects.filter(person=world.people[1]).update(partner=third)
    client = world.client("coordinator")
    for partner, expected in ((second, 1), (third, 0)):
        data = client.get(f"/en/secon/indicators/periods/1/report.json?partner={partner.number}").json()
        participations = next(row for row in data["indicators"] if row["code"] == "participations")
        assert participations["this_period"] == expected and len(participations["records"]) == expected
        page = client.get(f"/en/secon/indicators/periods/1/participations/?partner={partner.number}")
        assert page.context["total"] == expected


def test_a_figure_locked_before_partners_were_stored_falls_back_to_the_partners_records(world):
    report = lock(world, 1)
    LockedFigure.objects.filter(report=report).update(partner_ids=None)
    table = selectors.period_table(project=world.project, number=1, partner=world.partners[1])
    assert table.figure("participations").this == 1
