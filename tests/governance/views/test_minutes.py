"""The minutes' pages: who sees what, drafting and editing per language (bad input first), circulation,
versions compared, the PDF with attendance, votes, decisions and signatures, the public PDF."""

import io

import pytest
from pypdf import PdfReader

from secon.core.permissions import SYSTEM
from secon.governance.models import Minutes, MinutesVersion
from secon.governance.services import decisions
from secon.governance.services import minutes as service
from tests.governance.conftest import in_days, next_meeting_approving

pytestmark = pytest.mark.django_db

SC = "/en/secon/committee/sc/"
PAGE = SC + "meetings/1/minutes/"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_secretary_drafts_edits_and_circulates_members_read_only_circulated(world, closed_meeting):
    coordinator, member = world.client("coordinator"), world.client("partner")
    assert "not been circulated" in member.get(PAGE).content.decode()
    assert member.post(PAGE, {"action": "draft"}).status_code == 403
    assert world.client("other").get(PAGE).status_code in (403, 404)
    assert coordinator.post(PAGE, {"action": "circulate"}).status_code == 400  # nothing drafted yet
    assert coordinator.post(PAGE, {"action": "draft"}).status_code == 302
    assert member.get(PAGE + "edit/").status_code == 403
    assert member.get(SC + "meetings/1/minutes.pdf").status_code == 404  # a draft is the secretary's
    form = coordinator.get(PAGE + "edit/?language=es")
    assert form.status_code == 200 and "section_attendance" in form.content.decode()
    too_long = coordinator.post(PAGE + "edit/?language=es", {"section_attendance": "x" * 20_001})
    assert too_long.status_code == 400 and too_long.context["form"].errors["section_attendance"]
    assert MinutesVersion.objects.count() == 1
    saved = coordinator.post(PAGE + "edit/?language=es", {"section_attendance": "Asistieron todos."})
    assert saved.status_code == 302 and MinutesVersion.objects.count() == 2
    assert coordinator.post(PAGE, {"action": "circulate"}).status_code == 302
    page = member.get(PAGE + "?language=es").content.decode()
    assert "Asistieron todos." in page
    versions = member.get(PAGE + "versions/?a=1&b=2").content.decode()
    assert "<ins>Asistieron" in versions and "<del>" in versions
    assert member.get(PAGE + "versions/?a=x&b=99").status_code == 200  # nonsense falls back


def test_the_pdf_has_attendance_votes_decisions_and_signatures(world, closed_meeting):
    service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    text = pdf_text(world.client("coordinator").get(SC + "meetings/1/minutes.pdf?language=en"))
    for expected in [
        "Minutes",
        "Attendance",
        "Adopt the work plan?",
        "2 of 2 voted yes; needed 2 = ⌈2/3 × 2⌉; passed",
        "SC1-D01",
        "The chair",
        "The secretary",
        "not approved yet",
    ]:
        assert expected in text, expected
    spanish = pdf_text(world.client("coordinator").get(SC + "meetings/1/minutes.pdf?language=es"))
    assert "Plan de trabajo adoptado" in spanish
    assert world.client("coordinator").get(SC + "meetings/1/minutes.pdf?version=9").status_code == 404


def test_approved_minutes_take_an_erratum_and_once_published_are_public(world, closed_meeting):
    minutes = service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    service.circulate_minutes(actor=SYSTEM, minutes=minutes, now=in_days(-20))  # comments ended
    second, item = next_meeting_approving(world, closed_meeting)
    approval = decisions.record_decision(
        actor=SYSTEM, meeting=second, item=item, title={"en": "Approved"}, text={"en": "A."}
    )
    client = world.client("coordinator")
    public = "/en/secon/committee/sc/public/minutes/1.pdf"
    assert world.client("anonymous").get(public).status_code == 404
    form = client.get(PAGE + "edit/?language=en").content.decode()
    assert f'<option value="{approval.pk}" selected>SC2-D01' in form  # the approval decision by default
    refused = client.post(
        PAGE + "edit/?language=en", {"section_attendance": "Corrected.", "reason": "", "decision": "999999"}
    )
    assert refused.status_code == 400 and refused.context["form"].errors.keys() == {"reason", "decision"}
    assert (
        client.post(
            PAGE + "edit/?language=en",
            {"section_attendance": "Corrected.", "reason": "Typo", "decision": approval.pk},
        ).status_code
        == 302
    )
    erratum = MinutesVersion.objects.get(kind="erratum")
    assert erratum.decision == approval
    history = client.get(PAGE + "versions/").content.decode()
    assert "Typo · authorised by decision" in history and "SC2-D01</a>" in history
    assert client.post(PAGE, {"action": "publish"}).status_code == 302
    assert Minutes.objects.get().status == "published"
    text = pdf_text(world.client("anonymous").get(public))
    assert "Approved on" in text and "SC2-D01" in text and "Typo (authorised by decision SC2-D01)" in text
    assert client.post(PAGE, {"action": "publish"}).status_code == 400  # already published


def test_minutes_pages_run_a_bounded_number_of_queries(world, closed_meeting, django_assert_max_num_queries):
    minutes = service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    for n in range(5):
        service.save_minutes(actor=SYSTEM, minutes=minutes, language="en", texts={"attendance": f"v{n}"})
    client = world.client("coordinator")
    for path in (PAGE, PAGE + "versions/", PAGE + "edit/"):
        with django_assert_max_num_queries(16):
            assert client.get(path).status_code == 200
