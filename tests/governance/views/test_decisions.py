import io

import pytest

from secon.core.permissions import SYSTEM
from secon.governance.services import attendance, decisions, meetings

pytestmark = pytest.mark.django_db

SC = "/en/secon/committee/sc/"


@pytest.fixture
def register(world, meeting):
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    attendance.mark_attendance(actor=SYSTEM, meeting=meeting, user=world.users["partner"])
    public = decisions.record_decision(
        actor=SYSTEM,
        meeting=meeting,
        title={"en": "Work plan approved", "es": "Plan de trabajo aprobado"},
        text={"en": "The work plan for semester 4 is approved."},
        is_public=True,
    )
    secret = decisions.record_decision(
        actor=SYSTEM, meeting=meeting, title={"en": "Budget shift"}, text={"en": "Confidential."}
    )
    return public, secret


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("viewer", 403), ("partner", 200), ("coordinator", 200), ("other", 403)],
)
def test_the_register_is_for_the_committee(world, register, role, expected):
    client = world.client(role)
    for path in ("decisions/", "decisions/SC1-D01/", "decisions.csv"):
        assert client.get(SC + path).status_code == expected


def test_the_public_sees_only_published_decisions(world, register):
    page = world.client("anonymous").get(SC + "public/decisions/")
    text = page.content.decode()
    assert page.status_code == 200 and "Work plan approved" in text and "Budget shift" not in text
    assert (
        "Plan de trabajo aprobado"
        in world.client("anonymous").get("/es/secon/committee/sc/public/decisions/").content.decode()
    )
    assert world.client("anonymous").get("/en/other/committee/sc/public/decisions/").status_code == 404


def test_exports_in_three_formats(world, register):
    client = world.client("partner")
    csv = client.get(SC + "decisions.csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Number,Decided on,Title")
    assert "SC1-D01" in csv and "SC1-D02" in csv
    german = client.get(SC + "decisions.csv?language=de").content.decode("utf-8-sig")
    assert german.startswith("Nummer")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(SC + "decisions.xlsx").content)).active
    assert [sheet.cell(row=2, column=1).value, sheet.cell(row=3, column=1).value] == ["SC1-D01", "SC1-D02"]
    pdf = client.get(SC + "decisions.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "SC1-D01" in text and "Work plan approved" in text


def test_coordinator_revokes_with_a_reason_members_may_not(world, register):
    public, _secret = register
    path = SC + "decisions/SC1-D01/"
    assert world.client("partner").post(path, {"action": "revoke", "note": "x"}).status_code == 403
    bad = world.client("coordinator").post(path, {"action": "revoke", "note": ""})
    assert bad.status_code == 400
    assert (
        world.client("coordinator")
        .post(path, {"action": "revoke", "note": "Replaced by SC1-D02"})
        .status_code
        == 302
    )
    public.refresh_from_db()
    assert public.status == "revoked"


def test_recording_a_decision_on_the_running_page(world, register):
    client = world.client("coordinator")
    assert client.post(SC + "meetings/1/decisions/add/", {"title_en": "", "text_en": ""}).status_code == 400
    done = client.post(
        SC + "meetings/1/decisions/add/",
        {"title_en": "Next steps", "text_en": "Meet in Riga.", "is_public": "on"},
    )
    assert done.status_code == 302
    assert "SC1-D03" in client.get(SC + "decisions/").content.decode()
    assert world.client("partner").get(SC + "meetings/1/decisions/add/").status_code == 403


def test_register_queries_are_bounded(world, register, django_assert_max_num_queries):
    client = world.client("partner")
    client.get(SC + "decisions/")
    with django_assert_max_num_queries(12):
        assert client.get(SC + "decisions/").status_code == 200
