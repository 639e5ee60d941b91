"""The comment window on circulated minutes: members comment on a section or in general in their
language until the last day, the secretary answers, approval waits for the window (or for every seat,
or a recorded reason), and bad input is refused with nothing saved."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from secon.core.models import AuditEntry
from secon.core.permissions import SYSTEM
from secon.governance.models import Decision, Minutes, MinutesComment
from secon.governance.selectors.comments import describe_deadline
from secon.governance.services import comments as service
from secon.governance.services import decisions
from secon.governance.services import minutes as minutes_service
from secon.mail.models import Email
from secon.mail.rendering import RENDERERS
from tests.governance.conftest import next_meeting_approving

pytestmark = pytest.mark.django_db


@pytest.fixture
def circulated(world, closed_meeting) -> Minutes:
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    return minutes_service.circulate_minutes(actor=world.users["coordinator"], minutes=minutes)


def test_circulating_opens_the_window_for_the_committees_period_and_mails_the_last_day(world, circulated):
    local = circulated.comments_until.astimezone(circulated.meeting.zone)
    today = timezone.now().astimezone(circulated.meeting.zone).date()
    assert local.date() == today + datetime.timedelta(days=10)
    assert (local.hour, local.minute) == (23, 59)
    email = Email.objects.filter(kind="governance.minutes_circulated", language="es").get()
    with translation.override("es"):
        body = RENDERERS[email.kind](**email.params).body
    assert "/es/secon/committee/sc/meetings/1/minutes/" in body
    assert "(Europe/Madrid)" in body and str(local.year) in body


def test_the_secretary_chooses_another_last_day_but_not_a_past_or_far_one(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    today = timezone.localdate()
    for day, message in (
        (today - datetime.timedelta(days=1), "in the past"),
        (today + datetime.timedelta(days=61), "at most 60"),
    ):
        with pytest.raises(ValidationError, match=message):
            minutes_service.circulate_minutes(actor=SYSTEM, minutes=minutes, comments_until=day)
    assert Minutes.objects.get().status == "draft"
    assert not Email.objects.filter(kind="governance.minutes_circulated").exists()
    day = today + datetime.timedelta(days=3)
    minutes = minutes_service.circulate_minutes(actor=SYSTEM, minutes=minutes, comments_until=day)
    assert minutes.comments_until.astimezone(closed_meeting.zone).date() == day
    later = service.set_comment_deadline(
        actor=world.users["coordinator"], minutes=minutes, day=day + datetime.timedelta(days=7)
    )
    assert later.comments_until.astimezone(closed_meeting.zone).date() == day + datetime.timedelta(days=7)
    moved = Email.objects.filter(kind="governance.comment_deadline_moved").order_by("recipient")
    holders = [world.users[name] for name in ("partner", "partner2", "substitute")]
    assert sorted((e.recipient, e.language) for e in moved) == sorted(
        (user.email, user.preferred_language) for user in holders
    )
    with translation.override("es"):
        body = RENDERERS[moved.get(language="es").kind](**moved.get(language="es").params).body
        until = describe_deadline(later)
    assert f"hasta el {until} (antes: {day.day} " in body and until.endswith("23:59 (Europe/Madrid)")
    assert "/es/secon/committee/sc/meetings/1/minutes/" in body
    service.set_comment_deadline(actor=SYSTEM, minutes=later, day=day + datetime.timedelta(days=7))
    assert moved.count() == 3  # the same day again: nobody is told twice
    with pytest.raises(PermissionDenied):
        service.set_comment_deadline(actor=world.users["partner"], minutes=minutes, day=day)
    assert AuditEntry.objects.filter(model="governance.minutes", action="update").count() >= 2


def test_members_comment_on_a_section_or_in_general_kept_with_their_version(world, circulated):
    member, substitute = world.users["partner"], world.users["substitute"]
    on_item = service.comment_on_minutes(
        actor=member, minutes=circulated, section_key="attendance", text=" Bitte ergänzen.\r\n", language="de"
    )
    general = service.comment_on_minutes(
        actor=substitute, minutes=circulated, text="Καμία αντίρρηση.", language="el"
    )
    assert (on_item.section_key, on_item.text, on_item.language, on_item.version) == (
        "attendance",
        "Bitte ergänzen.",
        "de",
        1,
    )
    assert on_item.seat == world.seats[0] and general.seat == world.seats[0]
    assert (general.section_key, general.language, general.status) == ("", "el", "open")
    minutes_service.save_minutes(
        actor=SYSTEM, minutes=circulated, language="en", texts={"attendance": "All present."}
    )
    later = service.comment_on_minutes(
        actor=world.users["partner2"], minutes=circulated, text="OK", language="xx"
    )
    assert (later.version, later.language, later.seat) == (2, "en", world.seats[1])
    assert MinutesComment.objects.get(pk=on_item.pk).version == 1  # the version it was made on stays
    assert AuditEntry.objects.filter(model="governance.minutescomment", action="create").count() == 3


def test_bad_comments_are_refused_and_nothing_is_saved(world, circulated):
    member = world.users["partner"]
    with pytest.raises(ValidationError, match="Write your comment"):
        service.comment_on_minutes(actor=member, minutes=circulated, text="  ")
    with pytest.raises(ValidationError, match="under 4000"):
        service.comment_on_minutes(actor=member, minutes=circulated, text="x" * 4001)
    with pytest.raises(ValidationError, match="no such section"):
        service.comment_on_minutes(actor=member, minutes=circulated, text="x", section_key="item-0")
    for outsider in ("viewer", "other", "coordinator"):  # no seat: the secretary answers, does not comment
        with pytest.raises(PermissionDenied):
            service.comment_on_minutes(actor=world.users[outsider], minutes=circulated, text="x")
    assert not MinutesComment.objects.exists()


def test_after_the_last_day_comments_are_refused(world, circulated):
    after = circulated.comments_until + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError, match=r"comment period ended on .* \(Europe/Madrid\)"):
        service.comment_on_minutes(actor=world.users["partner"], minutes=circulated, text="Late", now=after)
    assert service.comment_on_minutes(
        actor=world.users["partner"], minutes=circulated, text="Just in time", now=circulated.comments_until
    )
    assert MinutesComment.objects.count() == 1


def test_draft_minutes_take_no_comments(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    with pytest.raises(ValidationError, match="not been circulated"):
        service.comment_on_minutes(actor=world.users["partner"], minutes=minutes, text="x")


def test_the_secretary_marks_comments_taken_into_account_or_answered(world, circulated):
    comment = service.comment_on_minutes(actor=world.users["partner"], minutes=circulated, text="Typo in 2.")
    with pytest.raises(ValidationError, match="This field is required"):
        service.answer_comment(actor=SYSTEM, comment=comment, status="answered", reply=" ")
    with pytest.raises(ValidationError, match="taken into account or answered"):
        service.answer_comment(actor=SYSTEM, comment=comment, status="open")
    with pytest.raises(PermissionDenied):
        service.answer_comment(actor=world.users["partner2"], comment=comment, status="taken")
    assert MinutesComment.objects.get().status == "open"
    taken = service.answer_comment(actor=world.users["coordinator"], comment=comment, status="taken")
    assert (taken.status, taken.answered_by, taken.reply) == ("taken", world.users["coordinator"], "")
    answered = service.answer_comment(
        actor=SYSTEM, comment=comment, status="answered", reply="Corrected in v2."
    )
    assert (answered.status, answered.reply) == ("answered", "Corrected in v2.")
    told = Email.objects.filter(kind="governance.comment_answered").order_by("pk")
    assert [(e.recipient, e.language) for e in told] == [(world.users["partner"].email, "de")] * 2
    with translation.override("de"):
        rendered = RENDERERS["governance.comment_answered"](**told.last().params)
    assert "Typo in 2." in rendered.body and "Corrected in v2." in rendered.body
    assert "/de/secon/committee/sc/meetings/1/minutes/#section-general" in rendered.body
    assert AuditEntry.objects.filter(model="governance.minutescomment", action="update").count() == 2


def _approve(world, closed_meeting):
    second, item = next_meeting_approving(world, closed_meeting)
    return lambda: decisions.record_decision(
        actor=SYSTEM, meeting=second, item=item, title={"en": "Minutes approved"}, text={"en": "Approved."}
    )


def test_approval_waits_for_the_end_of_the_comments(world, circulated, closed_meeting):
    approve = _approve(world, closed_meeting)
    with pytest.raises(ValidationError, match="may comment on these minutes until"):
        approve()
    assert not Decision.objects.filter(number__startswith="SC2").exists()
    assert Minutes.objects.get().status == "circulated"
    with pytest.raises(ValidationError, match="This field is required"):
        service.allow_early_approval(actor=SYSTEM, minutes=circulated, reason="")
    with pytest.raises(PermissionDenied):
        service.allow_early_approval(actor=world.users["partner"], minutes=circulated, reason="Hurry")
    service.allow_early_approval(
        actor=world.users["coordinator"], minutes=circulated, reason="The report to the programme is due."
    )
    assert approve().number == "SC2-D01"
    assert Minutes.objects.get().status == "approved"
    with pytest.raises(ValidationError, match="approved: comments are closed"):
        service.comment_on_minutes(actor=world.users["partner"], minutes=circulated, text="Late")


def test_approval_before_the_end_once_every_seat_has_commented(world, circulated, closed_meeting):
    approve = _approve(world, closed_meeting)
    service.comment_on_minutes(actor=world.users["partner"], minutes=circulated, text="Fine.")
    service.comment_on_minutes(actor=world.users["substitute"], minutes=circulated, text="Fine too.")
    with pytest.raises(ValidationError, match="may comment"):
        approve()  # seat 2 has not commented (seat 3 is held by nobody)
    service.comment_on_minutes(actor=world.users["partner2"], minutes=circulated, text="Sin comentarios.")
    assert approve().number == "SC2-D01"


def test_approval_after_the_last_day(world, closed_meeting):
    minutes = minutes_service.draft_minutes(actor=SYSTEM, meeting=closed_meeting)
    minutes_service.circulate_minutes(
        actor=SYSTEM, minutes=minutes, now=timezone.now() - datetime.timedelta(days=11)
    )
    assert _approve(world, closed_meeting)().number == "SC2-D01"
