import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from secon.core.permissions import SYSTEM
from secon.governance.emails import render_action_reminder
from secon.governance.models import ActionItem
from secon.governance.services import actions
from secon.governance.tasks import send_action_reminders
from secon.mail.models import Email
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def today():
    """Today in the installation's time zone, when the test runs (not when the module was
    imported: a suite that crosses midnight would compare two different days)."""
    return timezone.localdate()


def assign(world, days=10, **values):
    values = {"what": "Send the regional report", "due_on": today() + datetime.timedelta(days=days), **values}
    if "owner_user" not in values and "owner_partner" not in values:
        values["owner_partner"] = world.partners[0]
    return actions.create_action(actor=world.users["coordinator"], committee=world.committee, **values)


def test_bad_actions_are_refused(world):
    with pytest.raises(ValidationError, match="in the past"):
        assign(world, days=-1)
    with pytest.raises(ValidationError, match="member of the partnership"):
        assign(world, owner_user=UserFactory())
    with pytest.raises(ValidationError, match="partner of the project"):
        assign(world, owner_partner=PartnerFactory())
    with pytest.raises(ValidationError, match="Name the person"):
        actions.create_action(actor=SYSTEM, committee=world.committee, what="x", due_on=today())
    with pytest.raises(PermissionDenied):
        actions.create_action(
            actor=world.users["partner"],
            committee=world.committee,
            what="x",
            due_on=today(),
            owner_partner=world.partners[0],
        )
    assert not ActionItem.objects.exists()


def test_owners_update_their_actions_others_may_not(world):
    action = assign(world)
    actions.update_action(
        actor=world.users["partner"], action=action, status="in_progress"
    )  # representative of the owner
    with pytest.raises(PermissionDenied):
        actions.update_action(actor=world.users["partner2"], action=action, status="done")
    with pytest.raises(PermissionDenied):
        actions.update_action(
            actor=world.users["partner"],
            action=action,
            status="done",
            due_on=today() + datetime.timedelta(days=30),
        )
    done = actions.update_action(actor=world.users["substitute"], action=action, status="done")
    assert (done.status, done.done_on) == ("done", today())


@pytest.mark.parametrize(
    "left, sent, expected",
    [
        (10, [], None),
        (7, [], "before7"),
        (3, [], "before7"),
        (3, ["before7"], None),
        (1, ["before7"], "before1"),
        (0, ["before7", "before1"], None),
        (-1, ["before7", "before1"], "overdue1"),
        (-5, ["overdue1"], None),
        (-8, ["overdue1"], "overdue2"),
        (-22, ["overdue1", "overdue2", "overdue3"], "overdue4"),
        (-29, ["overdue1", "overdue2", "overdue3", "overdue4"], None),
        (-40, [], None),
    ],
)
def test_which_reminder_is_due(left, sent, expected):
    action = ActionItem(due_on=today() + datetime.timedelta(days=left), reminders_sent=sent)
    assert actions.reminder_due(action, today()) == expected


def test_the_daily_task_reminds_owners_once_and_at_most_four_times_overdue(world):
    action = assign(world, days=10)
    owners = {world.users["partner"].email, world.users["substitute"].email}
    timeline = {}
    for offset in range(0, 45):
        day = today() + datetime.timedelta(days=offset)
        for key, count in send_action_reminders(today=day.isoformat()).items():
            timeline[offset] = (key, count)
    assert timeline == {
        3: ("before7", 1),
        9: ("before1", 1),
        11: ("overdue1", 1),
        18: ("overdue2", 1),
        25: ("overdue3", 1),
        32: ("overdue4", 1),
    }
    emails = Email.objects.filter(kind="governance.action_reminder")
    assert emails.count() == 6 * 2 and set(emails.values_list("recipient", flat=True)) == owners
    action.refresh_from_db()
    assert action.overdue_reminders == 4
    with translation.override("de"):
        rendered = render_action_reminder(
            action=action.pk, user=world.users["partner"].pk, reminder="overdue4"
        )
    assert rendered.subject.startswith("Überfällige Aufgabe") and "Send the regional report" in rendered.body


def test_done_actions_are_not_reminded(world):
    action = assign(world, days=1)
    actions.update_action(actor=SYSTEM, action=action, status="done")
    assert send_action_reminders(today=today().isoformat()) == {}
