"""Transfers: another region records its interest, then each stage in order, shown as a timeline."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.practices import services
from secon.practices.models import Transfer

DAY = datetime.date(2024, 10, 25)


@pytest.fixture
def practice(publish):
    return publish()


def test_a_partner_records_interest_then_each_stage_in_order(practice, other_editor, other_partner):
    transfer = services.record_transfer_interest(
        actor=other_editor, practice=practice, partner=other_partner, date=DAY, evidence="Study visit"
    )
    assert transfer.region.code == "EL65"
    with pytest.raises(ValidationError) as error:
        services.record_transfer_step(actor=other_editor, transfer=transfer, stage="action_plan", date=DAY)
    assert "exchange or study visit" in str(error.value)
    services.record_transfer_step(actor=other_editor, transfer=transfer, stage="exchange", date=DAY)
    with pytest.raises(ValidationError):
        services.record_transfer_step(
            actor=other_editor, transfer=transfer, stage="adaptation", date=DAY - datetime.timedelta(days=1)
        )
    services.record_transfer_step(actor=other_editor, transfer=transfer, stage="adaptation", date=DAY)
    transfer.refresh_from_db()
    assert transfer.stage == "adaptation"
    assert [step.stage for step in transfer.steps.all()] == ["interest", "exchange", "adaptation"]


def test_only_that_partners_editors_or_coordinators_record_it(
    practice, editor, outsider, other_partner, coordinator
):
    for user in (editor, outsider):
        with pytest.raises(PermissionDenied):
            services.record_transfer_interest(actor=user, practice=practice, partner=other_partner, date=DAY)
    services.record_transfer_interest(actor=coordinator, practice=practice, partner=other_partner, date=DAY)


def test_a_practice_cannot_travel_to_its_own_region_nor_before_approval(
    editor, project, partner_org, coordinator, region, institution, other_partner
):
    from secon.organisations.models import Partner
    from tests.practices.factories import complete_values

    practice = services.create_practice(
        actor=editor, project=project, **complete_values(region=region, institution=institution)
    )
    with pytest.raises(ValidationError):
        services.record_transfer_interest(
            actor=coordinator, practice=practice, partner=other_partner, date=DAY
        )
    services.submit_practice(actor=editor, practice=practice)
    services.approve_practice(actor=coordinator, practice=practice)
    own = Partner.objects.get(project=project, organisation=partner_org)
    with pytest.raises(ValidationError):
        services.record_transfer_interest(actor=coordinator, practice=practice, partner=own, date=DAY)


def test_the_practice_page_shows_the_journey_and_members_record_it(
    client, practice, other_editor, other_partner
):
    client.force_login(other_editor)
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Our region is interested in this practice" in html
    url = practice.get_absolute_url() + "transfers/"
    response = client.post(url, {"partner": other_partner.pk, "date": "2024-10-25", "evidence": "Visit"})
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    response = client.post(url, {"transfer": transfer.pk, "stage": "exchange", "date": "2024-11-02"})
    assert response.status_code == 302
    client.logout()
    html = client.get(practice.get_absolute_url()).content.decode()
    assert "Πελοπόννησος" in html
    assert "exchange or study visit" in html
