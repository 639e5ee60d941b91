import re

import pytest

from secon.core.permissions import SYSTEM
from secon.policy import services
from secon.policy.models import PolicyInstrument
from tests.policy.conftest import evidence_file

pytestmark = pytest.mark.django_db

BASE = "/en/secon/policy/"


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("other", 403), ("viewer", 200), ("partner", 200), ("coordinator", 200)],
)
def test_the_instruments_are_for_the_projects_members(world, role, expected):
    client = world.client(role)
    assert client.get(BASE).status_code == expected
    assert client.get(f"{BASE}{world.instruments[0].pk}/").status_code == expected


def test_the_overview_shows_the_chart_and_its_figures(world, django_assert_max_num_queries):
    services.change_status(actor=SYSTEM, instrument=world.instruments[0], status="addressed")
    client = world.client("viewer")
    with django_assert_max_num_queries(12):
        page = client.get(BASE)
    text = page.content.decode()
    assert '<svg role="img"' in text and "Regional programme 3" in text
    assert '<th scope="row">Addressed</th>\n          <td>1</td>' in text
    assert '<th scope="row">Identified</th>\n          <td>2</td>' in text
    assert "Record an instrument" not in text


def test_a_viewer_cannot_open_the_edit_pages(world):
    client = world.client("viewer")
    pk = world.instruments[0].pk
    assert client.get(f"{BASE}{pk}/edit/").status_code == 403
    assert client.post(f"{BASE}{pk}/status/", {"status": "addressed"}).status_code == 403
    assert client.get(f"{BASE}new/").status_code == 403


def test_a_partner_edits_their_instrument_not_anothers(world):
    client = world.client("partner")
    mine, theirs = world.instruments[0], world.instruments[1]
    data = {"name_en": "Renamed", "kind": "law", "managing_body": "Parliament", "region": "", "funds": ""}
    assert client.post(f"{BASE}{theirs.pk}/edit/", data).status_code == 403
    response = client.post(f"{BASE}{mine.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.name["en"] == "Renamed" and mine.kind == "law"
    assert theirs.name["en"] == "Regional programme 2"


def test_a_partner_records_an_instrument_only_for_their_own_partner(world):
    client = world.client("partner")
    page = client.get(f"{BASE}new/").content.decode()
    assert f">{world.partners[0]}<" in page and f">{world.partners[1]}<" not in page
    data = {"partner": world.partners[1].pk, "name_en": "X", "kind": "law", "managing_body": "Y"}
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    data["partner"] = world.partners[0].pk
    assert client.post(f"{BASE}new/", data).status_code == 302
    assert PolicyInstrument.objects.filter(partner=world.partners[0]).count() == 2


def test_adopted_without_evidence_shows_the_messages(world):
    instrument = world.instruments[0]
    for status in ("addressed", "proposed"):
        instrument = services.change_status(actor=SYSTEM, instrument=instrument, status=status)
    response = world.client("partner").post(f"{BASE}{instrument.pk}/status/", {"status": "adopted"})
    text = response.content.decode()
    assert response.status_code == 400 and "Upload the document that shows the change was adopted." in text
    instrument.refresh_from_db()
    assert instrument.status == "proposed"
    response = world.client("partner").post(
        f"{BASE}{instrument.pk}/status/",
        {
            "status": "adopted",
            "evidence": evidence_file(),
            "adopted_on": "2025-03-14",
            "adopted_by": "Regional council",
            "improvement": "management",
        },
    )
    assert response.status_code == 302
    page = world.client("viewer").get(f"{BASE}{instrument.pk}/").content.decode()
    assert "Regional council" in page and "evidence document" in page


def test_going_back_asks_for_confirmation_and_a_reason(world):
    instrument = services.change_status(actor=SYSTEM, instrument=world.instruments[0], status="addressed")
    client = world.client("partner")
    url = f"{BASE}{instrument.pk}/status/"
    text = client.post(url, {"status": "identified", "reason": "Wrong instrument"}).content.decode()
    assert "Confirm that you want to go back" in text and "Give the reason for going back." not in text
    text = client.post(url, {"status": "identified"}).content.decode()
    assert "Confirm that you want to go back" in text and "Give the reason for going back." in text
    text = client.post(url, {"status": "identified", "confirm": "on"}).content.decode()
    assert "Give the reason for going back." in text
    instrument.refresh_from_db()
    assert instrument.status == "addressed"
    assert (
        client.post(url, {"status": "identified", "confirm": "on", "reason": "Wrong instrument"}).status_code
        == 302
    )
    page = client.get(f"{BASE}{instrument.pk}/").content.decode()
    assert "reopened" in page and "Wrong instrument" in page


def test_the_partner_cannot_offer_validation(world):
    page = (
        world.client("partner").get(f"{BASE}{world.instruments[0].pk}/status/?to=validated").content.decode()
    )
    assert 'value="validated"' not in page


def test_the_public_page_shows_public_instruments_only(world):
    services.update_instrument(actor=SYSTEM, instrument=world.instruments[2], is_public=False)
    page = world.client("anonymous").get(f"{BASE}public/")
    text = page.content.decode()
    assert page.status_code == 200 and "Regional programme 1" in text and "Regional programme 3" not in text
    assert world.client("anonymous").get("/en/nothing-here/policy/public/").status_code == 404


def test_the_project_pages_lead_to_the_instruments(world):
    assert f'href="{BASE}public/"' in world.client("anonymous").get("/en/secon/").content.decode()
    assert f'href="{BASE}"' in world.client("partner").get("/en/home/").content.decode()


@pytest.mark.parametrize("language", ["de", "el", "es"])
def test_the_chart_coordinates_are_not_localised(world, language):
    text = world.client("anonymous").get(f"/{language}/secon/policy/public/").content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert re.findall(r'(?:x|y|width|height)="[^"]*"', svg)
    assert not re.findall(r'(?:x|y|width|height)="[^"]*[,.][^"]*"', svg)


def test_a_member_of_another_project_changes_nothing(world):
    instrument = world.instruments[0]
    client = world.client("other")
    assert client.post(f"{BASE}{instrument.pk}/status/", {"status": "addressed"}).status_code == 403
    assert client.post(f"{BASE}{instrument.pk}/edit/", {"name_en": "Taken", "kind": "law"}).status_code == 403
    assert client.post(f"{BASE}new/", {"partner": world.partners[0].pk}).status_code == 403
    instrument.refresh_from_db()
    assert instrument.status == "identified" and instrument.name["en"] == "Regional programme 1"
    assert PolicyInstrument.objects.count() == 3


def test_an_instrument_of_another_project_is_not_found_here(world):
    from secon.core.permissions import SYSTEM as system
    from tests.factories import PartnerFactory

    partner = PartnerFactory(project=world.other_project)
    elsewhere = services.create_instrument(
        actor=system,
        project=world.other_project,
        partner=partner,
        name={"en": "X"},
        kind="law",
        managing_body="Y",
    )
    assert world.client("coordinator").get(f"{BASE}{elsewhere.pk}/").status_code == 404


def test_the_coordinator_validates_on_the_page_and_the_page_stays_bounded(
    world, django_assert_max_num_queries
):
    instrument = world.instruments[0]
    for status in ("addressed", "proposed"):
        instrument = services.change_status(actor=SYSTEM, instrument=instrument, status=status)
    instrument = services.change_status(
        actor=SYSTEM,
        instrument=instrument,
        status="adopted",
        evidence=evidence_file(),
        adopted_on="2025-01-31",
        adopted_by="Council",
        improvement="structural",
    )
    client = world.client("coordinator")
    assert client.post(f"{BASE}{instrument.pk}/status/", {"status": "validated"}).status_code == 302
    with django_assert_max_num_queries(12):
        page = client.get(f"{BASE}{instrument.pk}/")
    assert "Chris Coord" in page.content.decode()
