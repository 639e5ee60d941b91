"""The agenda and the minutes as PDF: what they say, in the language asked for."""

import io

import pytest
from pypdf import PdfReader

from secon.core.permissions import SYSTEM
from secon.governance.pdfs import agenda_pdf, minutes_pdf
from secon.governance.services import meetings
from secon.governance.services import minutes as minutes_service

pytestmark = pytest.mark.django_db


def text_of(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_the_agenda_pdf_numbers_the_items_in_the_meetings_zone(world, meeting):
    draft = text_of(agenda_pdf(meeting=meeting, language="en"))
    assert "Draft agenda" in draft and "1.1" in draft and "Finances" in draft and "Next steps" in draft
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meeting.refresh_from_db()
    spanish = text_of(agenda_pdf(meeting=meeting, language="es", url="https://example.org/m/1/"))
    # 10:00 UTC is 11:00 in Madrid (the fixture's meeting is in winter or summer: either way not 10:00)
    assert "Tercera reunión" in spanish and "Europe/Madrid" in spanish and "Convocatoria" in spanish
    assert meeting.starts_at.astimezone(meeting.zone).strftime("%H:%M") in spanish
    assert "example.org/m/" in spanish


def test_the_minutes_pdf_of_a_given_version(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    minutes_service.save_minutes(
        actor=SYSTEM, minutes=minutes, language="en", texts={"attendance": "Everyone."}
    )
    minutes.refresh_from_db()
    first = minutes.versions.get(number=1)
    old = text_of(minutes_pdf(minutes=minutes, language="en", version=first))
    new = text_of(minutes_pdf(minutes=minutes, language="en"))
    # The attendance is shown once, as the table: the drafted list that says the same is left out,
    # while a text the secretary wrote is kept under the table.
    assert "version 1" in old and "Present:" not in old and "Absent:" not in old
    assert old.count("Attendance and quorum") == 1 and old.count("Organisation") >= 3
    assert "version 2" in new and "Everyone." in new and "Present:" not in new


def test_the_minutes_pdf_speaks_one_language_throughout(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    spanish = text_of(minutes_pdf(minutes=minutes, language="es"))
    assert "Quórum: 2 de 3 presentes" in spanish and "hay quórum" in spanish
    assert "present;" not in spanish and "votes" not in spanish and "vota" in spanish
