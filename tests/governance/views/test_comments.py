"""Comments on the minutes' page: circulation with its last day, members comment per section or in
general in their language, the secretary answers, the window closes (400), approval waits for it."""

import datetime

import pytest

from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.governance.models import Meeting, Minutes, MinutesComment
from secon.governance.services import comments as comment_service
from secon.governance.services import minutes as service

pytestmark = pytest.mark.django_db

PAGE = "/en/secon/committee/sc/meetings/1/minutes/"


@pytest.fixture
def drafted(closed_meeting) -> Minutes:
    return service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)


def test_the_secretary_circulates_with_a_last_day_bad_dates_refused(world, drafted):
    client = world.client("coordinator")
    page = client.get(PAGE).content.decode()
    default = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    assert f'name="comments_until" id="id_comments_until" value="{default}"' in page
    bad = client.post(PAGE, {"action": "circulate", "comments_until": "31/02/2025"})
    assert bad.status_code == 400 and "Comments until: enter a date" in bad.content.decode()
    past = client.post(PAGE, {"action": "circulate", "comments_until": "2020-01-01"})
    assert past.status_code == 400 and "in the past" in past.content.decode()
    assert Minutes.objects.get().status == "draft"
    day = timezone.localdate() + datetime.timedelta(days=5)
    assert client.post(PAGE, {"action": "circulate", "comments_until": day.isoformat()}).status_code == 302
    minutes = Minutes.objects.select_related("meeting").get()
    assert minutes.comments_until.astimezone(minutes.meeting.zone).date() == day


def test_members_comment_the_secretary_answers(world, drafted):
    service.circulate_minutes(actor=SYSTEM, minutes=drafted)
    member, secretary = world.client("partner"), world.client("coordinator")
    page = member.get(PAGE).content.decode()
    assert "Comment on this section" in page and "Comment on the minutes as a whole" in page
    assert "Comment on this section" not in secretary.get(PAGE).content.decode()  # no seat
    empty = member.post(PAGE, {"action": "comment", "section": "attendance", "text": " "})
    assert empty.status_code == 400 and "Write your comment" in empty.content.decode()
    sent = world.client("partner").post(
        "/de/secon/committee/sc/meetings/1/minutes/",
        {"action": "comment", "section": "attendance", "text": "Frau Müller fehlt."},
    )
    assert sent.status_code == 302 and sent["Location"].endswith("#section-attendance")
    comment = MinutesComment.objects.get()
    assert (comment.language, comment.section_key, comment.version) == ("de", "attendance", 1)
    assert secretary.post(PAGE, {"action": "comment", "text": "x"}).status_code == 403
    assert (
        member.post(PAGE, {"action": "answer", "comment": comment.pk, "status": "taken"}).status_code == 403
    )
    missing = secretary.post(
        PAGE, {"action": "answer", "comment": comment.pk, "status": "answered", "reply": ""}
    )
    assert missing.status_code == 400
    answered = secretary.post(
        PAGE, {"action": "answer", "comment": comment.pk, "status": "answered", "reply": "Added, thank you."}
    )
    assert answered.status_code == 302
    shown = member.get(PAGE).content.decode()
    assert 'lang="de">Frau Müller fehlt.' in shown and "Added, thank you." in shown and "answered" in shown


def test_after_the_last_day_a_comment_is_refused(world, drafted):
    service.circulate_minutes(actor=SYSTEM, minutes=drafted, now=timezone.now() - datetime.timedelta(days=11))
    member = world.client("partner")
    assert "Comment on this section" not in member.get(PAGE).content.decode()
    late = member.post(PAGE, {"action": "comment", "text": "Late"})
    assert late.status_code == 400 and "comment period ended" in late.content.decode()
    assert not MinutesComment.objects.exists()


def test_the_secretary_moves_the_last_day_and_records_an_early_approval(world, drafted):
    service.circulate_minutes(actor=SYSTEM, minutes=drafted)
    client = world.client("coordinator")
    later = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    assert client.post(PAGE, {"action": "deadline", "comments_until": later}).status_code == 302
    assert client.post(PAGE, {"action": "deadline", "comments_until": ""}).status_code == 400
    assert client.post(PAGE, {"action": "early", "early_approval_reason": ""}).status_code == 400
    assert (
        world.client("partner").post(PAGE, {"action": "early", "early_approval_reason": "x"}).status_code
        == 403
    )
    assert client.post(PAGE, {"action": "early", "early_approval_reason": "Report due."}).status_code == 302
    minutes = Minutes.objects.select_related("meeting").get()
    assert minutes.comments_until.astimezone(minutes.meeting.zone).date().isoformat() == later
    assert minutes.early_approval_reason == "Report due."
    assert "Report due." in client.get(PAGE).content.decode()


def test_a_draft_takes_no_comments_over_http(world, drafted):
    refused = world.client("partner").post(PAGE, {"action": "comment", "text": "x"})
    assert refused.status_code == 400 and not MinutesComment.objects.exists()


def test_the_page_with_many_comments_runs_a_bounded_number_of_queries(
    world, drafted, django_assert_max_num_queries
):
    service.circulate_minutes(actor=SYSTEM, minutes=drafted)
    for n in range(12):
        comment = comment_service.comment_on_minutes(
            actor=world.users["partner" if n % 2 else "partner2"],
            minutes=drafted,
            text=f"Comment {n}",
            section_key="attendance" if n % 3 else "",
        )
        if n % 4 == 0:
            comment_service.answer_comment(actor=SYSTEM, comment=comment, status="answered", reply="OK")
    for role in ("coordinator", "partner"):
        client = world.client(role)
        client.get(PAGE)  # the session is stored on the first request
        with django_assert_max_num_queries(20):
            assert client.get(PAGE).status_code == 200


def test_comment_times_are_shown_in_the_meetings_time_zone(world, drafted):
    """The meeting is in Athens, the server in Brussels: 22:30 UTC is already the next day there."""
    Meeting.objects.filter(pk=drafted.meeting_id).update(time_zone="Europe/Athens")
    drafted.meeting.refresh_from_db()
    service.circulate_minutes(actor=SYSTEM, minutes=drafted)
    comment = comment_service.comment_on_minutes(
        actor=world.users["partner"], minutes=drafted, text="Zeitzone?", language="de"
    )
    written = datetime.datetime(2026, 1, 15, 22, 30, tzinfo=datetime.UTC)
    MinutesComment.objects.filter(pk=comment.pk).update(created_at=written)
    page = world.client("partner").get(PAGE).content.decode()
    assert '<time datetime="2026-01-16T00:30:00+02:00">16 January 2026, 00:30 EET</time>' in page
    assert "15 January 2026, 23:30" not in page
