import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from secon.core.permissions import SYSTEM
from secon.governance.emails import render_notice
from secon.governance.models import AgendaItem, Meeting, Paper
from secon.governance.services import agenda, meetings
from secon.mail.models import Email
from tests.governance.conftest import in_days

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def pdf(name="report.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_meetings_are_numbered_in_their_committee(world, meeting):
    second = meetings.create_meeting(
        actor=world.users["coordinator"],
        committee=world.committee,
        title={"en": "Fourth"},
        starts_at=in_days(60),
        ends_at=in_days(60, 11),
        time_zone="Europe/Athens",
    )
    assert (meeting.number, second.number) == (1, 2)


@pytest.mark.parametrize(
    "values, field",
    [
        # Dates as (days from today, hour), made when the test runs: a suite that crosses midnight
        # would otherwise compare a day computed at collection with one computed an hour later.
        ({"ends_at": (30, 9)}, "ends_at"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"title": {}}, "title"),
        ({"ends_at": (32, 10)}, "ends_at"),
    ],
)
def test_bad_meetings_are_refused(world, values, field):
    data = {
        "title": {"en": "M"},
        "starts_at": in_days(30),
        "ends_at": in_days(30, 12),
        "time_zone": "Europe/Madrid",
        **{name: in_days(*value) if name.endswith("_at") else value for name, value in values.items()},
    }
    with pytest.raises(ValidationError) as error:
        meetings.create_meeting(actor=world.users["coordinator"], committee=world.committee, **data)
    assert field in error.value.message_dict
    assert not Meeting.objects.exists()


def test_only_managers_plan_meetings(world):
    for role in ("partner", "viewer", "other"):
        with pytest.raises(PermissionDenied):
            meetings.create_meeting(
                actor=world.users[role],
                committee=world.committee,
                title={"en": "M"},
                starts_at=in_days(30),
                ends_at=in_days(30, 12),
                time_zone="Europe/Madrid",
            )


def test_agenda_is_numbered_on_two_levels(world, meeting):
    from secon.governance.selectors import flat_agenda

    assert [(item.number, item.title_text) for item in flat_agenda(meeting=meeting)] == [
        ("1", "Progress review"),
        ("1.1", "Finances"),
        ("2", "Next steps"),
    ]
    sub = AgendaItem.objects.get(parent__isnull=False)
    with pytest.raises(ValidationError, match="two levels"):
        agenda.add_item(actor=SYSTEM, meeting=meeting, parent=sub, title={"en": "Too deep"})
    with pytest.raises(ValidationError):
        agenda.add_item(actor=SYSTEM, meeting=meeting, title={"en": "Long"}, duration_minutes=481)
    second = AgendaItem.objects.get(position=2, parent=None)
    agenda.move_item(actor=world.users["coordinator"], item=second, direction=-1)
    assert next(item.title_text for item in flat_agenda(meeting=meeting)) == "Next steps"


def test_convening_too_late_is_refused_and_sends_nothing(world):
    soon = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "Soon"},
        starts_at=in_days(10),
        ends_at=in_days(10, 12),
        time_zone="Europe/Madrid",
    )
    agenda.add_item(actor=SYSTEM, meeting=soon, title={"en": "Item"})
    with pytest.raises(ValidationError, match="at least 14 days"):
        meetings.convene_meeting(actor=world.users["coordinator"], meeting=soon)
    soon.refresh_from_db()
    assert soon.status == "draft" and soon.convened_at is None
    assert not Email.objects.exists()


def test_convening_needs_an_agenda(world):
    empty = meetings.create_meeting(
        actor=SYSTEM,
        committee=world.committee,
        title={"en": "Empty"},
        starts_at=in_days(30),
        ends_at=in_days(30, 12),
        time_zone="UTC",
    )
    with pytest.raises(ValidationError, match="agenda"):
        meetings.convene_meeting(actor=world.users["coordinator"], meeting=empty)


def test_convening_sends_the_notice_in_each_language_and_freezes_the_papers(world, meeting):
    item = AgendaItem.objects.get(position=1, parent=None)
    paper = agenda.add_paper(actor=SYSTEM, item=item, title="Progress report", file=pdf())
    meetings.convene_meeting(actor=world.users["coordinator"], meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "convened" and meeting.convened_at
    sent = {email.recipient: email.language for email in Email.objects.filter(kind="governance.notice")}
    assert sent == {
        world.users["partner"].email: "de",
        world.users["partner2"].email: "es",
        world.users["substitute"].email: "el",
    }
    with translation.override("de"):
        rendered = render_notice(meeting=meeting.pk, user=world.users["partner"].pk)
    assert rendered.subject.startswith("Einladung zur Sitzung")
    assert "1.1. Finances" in rendered.body and "Progress report" in rendered.body
    name, ical, _mime = rendered.attachments[0]
    assert name == "meeting.ics" and b"BEGIN:VTIMEZONE" in ical and b"TZID=Europe/Madrid" in ical
    name, agenda_pdf, mime = rendered.attachments[1]
    assert (name, mime) == ("agenda-SC1-de.pdf", "application/pdf") and agenda_pdf.startswith(b"%PDF")
    assert "/meetings/1/agenda.pdf" in rendered.body
    paper.refresh_from_db()
    assert (paper.version, paper.updated_after_notice) == (1, False)
    agenda.replace_paper(actor=SYSTEM, paper=paper, file=pdf("report-v2.pdf"))
    paper.refresh_from_db()
    assert (paper.version, paper.updated_after_notice) == (2, True)
    agenda.update_item(actor=SYSTEM, item=item, duration_minutes=45)
    item.refresh_from_db()
    assert item.changed_after_notice
    with pytest.raises(ValidationError, match="already been convened"):
        meetings.convene_meeting(actor=world.users["coordinator"], meeting=meeting)
    with pytest.raises(ValidationError, match="can no longer change"):
        meetings.update_meeting(actor=SYSTEM, meeting=meeting, starts_at=in_days(40), ends_at=in_days(40, 12))
    with pytest.raises(ValidationError, match="no longer be removed"):
        agenda.delete_item(actor=SYSTEM, item=item)


def test_a_meeting_runs_through_its_states(world, meeting):
    with pytest.raises(ValidationError):
        meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    with pytest.raises(ValidationError, match="has started"):
        agenda.add_item(actor=SYSTEM, meeting=meeting, title={"en": "Late"})
    meetings.close_meeting(actor=world.users["coordinator"], meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"


def test_a_paper_must_be_a_document(world, meeting):
    item = AgendaItem.objects.first()
    with pytest.raises(ValidationError):
        agenda.add_paper(actor=SYSTEM, item=item, title="Not a PDF", file=pdf("x.pdf", b"MZ\x90\x00"))
    assert not Paper.objects.exists()


def test_the_meeting_may_be_a_session_of_an_event_of_the_same_project(world):
    from tests.events.factories import EventFactory, SessionFactory

    foreign = SessionFactory(event=EventFactory())
    with pytest.raises(ValidationError, match="another project"):
        meetings.create_meeting(
            actor=SYSTEM,
            committee=world.committee,
            title={"en": "M"},
            starts_at=in_days(30),
            ends_at=in_days(30, 12),
            time_zone="UTC",
            session=foreign,
        )
    assert datetime.date.today()
