import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.practices.services import drafts, transfers, workflow

DAY = datetime.date(2024, 10, 25)


def test_a_partner_records_interest_then_each_stage_in_order(practice, other_editor, other_partner):
    transfer = transfers.record_transfer_interest(
        actor=other_editor, practice=practice, partner=other_partner, date=DAY, evidence="Study visit"
    )
    assert transfer.region.code == "EL65"
    with pytest.raises(ValidationError) as error:
        transfers.record_transfer_step(actor=other_editor, transfer=transfer, stage="action_plan", date=DAY)
    assert "exchange or study visit" in str(error.value)
    transfers.record_transfer_step(actor=other_editor, transfer=transfer, stage="exchange", date=DAY)
    with pytest.raises(ValidationError):
        transfers.record_transfer_step(
            actor=other_editor, transfer=transfer, stage="adaptation", date=DAY - datetime.timedelta(days=1)
        )
    transfers.record_transfer_step(actor=other_editor, transfer=transfer, stage="adaptation", date=DAY)
    transfer.refresh_from_db()
    assert transfer.stage == "adaptation"
    assert [step.stage for step in transfer.steps.all()] == ["interest", "exchange", "adaptation"]


def test_only_that_partners_editors_or_coordinators_record_it(
    practice, editor, outsider, other_partner, coordinator
):
    for user in (editor, outsider):
        with pytest.raises(PermissionDenied):
            transfers.record_transfer_interest(actor=user, practice=practice, partner=other_partner, date=DAY)
    transfers.record_transfer_interest(actor=coordinator, practice=practice, partner=other_partner, date=DAY)


def test_a_practice_cannot_travel_to_its_own_region_nor_before_approval(
    editor, project, partner_org, coordinator, region, institution, other_partner
):
    from secon.organisations.models import Partner
    from tests.practices.factories import complete_values

    practice = drafts.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    with pytest.raises(ValidationError):
        transfers.record_transfer_interest(
            actor=coordinator, practice=practice, partner=other_partner, date=DAY
        )
    workflow.submit_practice(actor=editor, practice=practice)
    workflow.approve_practice(actor=coordinator, practice=practice)
    own = Partner.objects.get(project=project, organisation=partner_org)
    with pytest.raises(ValidationError):
        transfers.record_transfer_interest(actor=coordinator, practice=practice, partner=own, date=DAY)
