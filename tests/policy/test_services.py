import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.policy import services
from secon.policy.models import PolicyInstrument, StatusChange
from tests.factories import RegionFactory
from tests.policy.conftest import evidence_file

pytestmark = pytest.mark.django_db

ADOPTION = {
    "adopted_on": datetime.date(2025, 3, 14),
    "adopted_by": "Regional council",
    "improvement": "structural",
}


def walk(actor, instrument, *statuses, **evidence):
    for status in statuses:
        instrument = services.change_status(actor=actor, instrument=instrument, status=status, **evidence)
    return instrument


def test_a_partner_records_an_instrument_of_their_region(world):
    instrument = services.create_instrument(
        actor=world.users["partner"],
        project=world.project,
        partner=world.partners[0],
        name={"en": "Social economy law"},
        kind="law",
        managing_body="Regional parliament",
    )
    assert instrument.status == "identified"
    assert [change.to_status for change in instrument.history.all()] == ["identified"]
    assert AuditEntry.objects.filter(model="policy.policyinstrument", object_id=str(instrument.pk)).exists()


def test_a_partner_cannot_record_or_edit_another_partners_instrument(world):
    partner = world.users["partner"]
    before = PolicyInstrument.objects.count()
    with pytest.raises(PermissionDenied):
        services.create_instrument(
            actor=partner,
            project=world.project,
            partner=world.partners[1],
            name={"en": "X"},
            kind="law",
            managing_body="Y",
        )
    theirs = world.instruments[1]
    with pytest.raises(PermissionDenied):
        services.update_instrument(actor=partner, instrument=theirs, managing_body="Hijacked")
    with pytest.raises(PermissionDenied):
        services.change_status(actor=partner, instrument=theirs, status="addressed")
    theirs.refresh_from_db()
    assert PolicyInstrument.objects.count() == before
    assert theirs.managing_body == "Managing authority" and theirs.status == "identified"


@pytest.mark.parametrize("role", ["viewer", "other"])
def test_viewers_and_other_projects_change_nothing(world, role):
    instrument = world.instruments[0]
    with pytest.raises(PermissionDenied):
        services.update_instrument(actor=world.users[role], instrument=instrument, funds="ESF+")
    with pytest.raises(PermissionDenied):
        services.create_instrument(
            actor=world.users[role],
            project=world.project,
            partner=world.partners[0],
            name={"en": "X"},
            kind="law",
            managing_body="Y",
        )
    instrument.refresh_from_db()
    assert instrument.funds == "ERDF"


def test_the_region_must_be_one_the_partner_represents(world):
    with pytest.raises(ValidationError) as error:
        services.update_instrument(
            actor=world.users["coordinator"],
            instrument=world.instruments[0],
            region=RegionFactory(code="PL91"),
        )
    assert "region" in error.value.message_dict


def test_the_path_to_a_validated_change(world):
    partner, coordinator = world.users["partner"], world.users["coordinator"]
    instrument = walk(partner, world.instruments[0], "addressed", "proposed")
    instrument = services.change_status(
        actor=partner, instrument=instrument, status="adopted", evidence=evidence_file(), **ADOPTION
    )
    assert (
        instrument.evidence.name.startswith("policy/evidence/")
        and instrument.adopted_by == "Regional council"
    )
    with pytest.raises(PermissionDenied):
        services.change_status(actor=partner, instrument=instrument, status="validated")
    instrument = services.change_status(actor=coordinator, instrument=instrument, status="validated")
    assert instrument.validated_by == coordinator and instrument.validated_at is not None
    history = list(instrument.history.order_by("pk").values_list("from_status", "to_status", "actor"))
    assert history[-1] == ("adopted", "validated", coordinator.pk)
    assert [row[1] for row in history] == ["identified", "addressed", "proposed", "adopted", "validated"]


def test_adopted_without_evidence_is_refused_and_nothing_saved(world):
    instrument = walk(world.users["partner"], world.instruments[0], "addressed", "proposed")
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=world.users["partner"], instrument=instrument, status="adopted")
    assert set(error.value.message_dict) == {"evidence", "adopted_on", "adopted_by", "improvement"}
    with pytest.raises(ValidationError) as error:
        services.change_status(
            actor=world.users["partner"], instrument=instrument, status="adopted", **ADOPTION
        )
    assert set(error.value.message_dict) == {"evidence"}
    instrument.refresh_from_db()
    assert instrument.status == "proposed" and instrument.adopted_by == ""
    assert instrument.history.count() == 3


def test_steps_cannot_be_skipped(world):
    with pytest.raises(ValidationError):
        services.change_status(actor=SYSTEM, instrument=world.instruments[0], status="adopted")


def test_going_back_needs_a_reason(world):
    instrument = walk(SYSTEM, world.instruments[0], "addressed", "proposed")
    with pytest.raises(ValidationError) as error:
        services.change_status(
            actor=world.users["partner"], instrument=instrument, status="addressed", reason="  "
        )
    assert "reason" in error.value.message_dict
    instrument.refresh_from_db()
    assert instrument.status == "proposed"
    instrument = services.change_status(
        actor=world.users["partner"],
        instrument=instrument,
        status="addressed",
        reason="The proposal was withdrawn.",
    )
    last = StatusChange.objects.filter(instrument=instrument).order_by("pk").last()
    assert (
        last.is_reopening and last.reason == "The proposal was withdrawn." and last.from_status == "proposed"
    )


def test_not_improved_needs_a_reason_and_reopening_clears_it(world):
    instrument = world.instruments[0]
    with pytest.raises(ValidationError):
        services.change_status(actor=SYSTEM, instrument=instrument, status="not_improved")
    instrument = services.change_status(
        actor=SYSTEM, instrument=instrument, status="not_improved", reason="Elections froze the programme."
    )
    assert instrument.not_improved_reason == "Elections froze the programme."
    with pytest.raises(ValidationError):
        services.change_status(actor=SYSTEM, instrument=instrument, status="addressed")
    instrument = services.change_status(
        actor=SYSTEM, instrument=instrument, status="addressed", reason="New government"
    )
    assert instrument.status == "addressed" and instrument.not_improved_reason == ""


def test_reopening_a_validated_change_forgets_the_validation(world):
    instrument = walk(SYSTEM, world.instruments[0], "addressed", "proposed")
    instrument = services.change_status(
        actor=SYSTEM, instrument=instrument, status="adopted", evidence=evidence_file(), **ADOPTION
    )
    instrument = services.change_status(
        actor=world.users["coordinator"], instrument=instrument, status="validated"
    )
    instrument = services.change_status(
        actor=world.users["coordinator"],
        instrument=instrument,
        status="adopted",
        reason="Evidence incomplete",
    )
    assert instrument.validated_by is None and instrument.evidence


def test_a_bad_evidence_file_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    instrument = walk(SYSTEM, world.instruments[0], "addressed", "proposed")
    bad = SimpleUploadedFile("decision.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.change_status(
            actor=SYSTEM, instrument=instrument, status="adopted", evidence=bad, **ADOPTION
        )
    assert "evidence" in error.value.message_dict
    instrument.refresh_from_db()
    assert instrument.status == "proposed" and not instrument.evidence
