import datetime

import pytest

from django.utils import timezone

from secon.core.permissions import SYSTEM
from secon.governance.models import ActionItem
from secon.governance.services import actions, agenda

pytestmark = pytest.mark.django_db

SC = "/en/secon/committee/sc/"


def today():
    """Today in the installation's time zone, when the test runs (not when the module was
    imported: a suite that crosses midnight would compare two different days)."""
    return timezone.localdate()


@pytest.fixture
def overdue(world):
    action = actions.create_action(
        actor=SYSTEM,
        committee=world.committee,
        what="Regional report",
        due_on=today() + datetime.timedelta(days=5),
        owner_partner=world.partners[0],
    )
    ActionItem.objects.filter(pk=action.pk).update(due_on=today() - datetime.timedelta(days=3))
    return action


@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("viewer", 403), ("partner", 200), ("coordinator", 200), ("other", 403)],
)
def test_actions_page_for_the_committee(world, overdue, role, expected):
    assert world.client(role).get(SC + "actions/").status_code == expected


def test_overdue_list_per_partner_and_my_actions(world, overdue):
    page = world.client("partner2").get(SC + "actions/").content.decode()
    assert "Overdue, per partner" in page and "Regional report" in page
    home = world.client("partner").get(SC).content.decode()
    assert "My actions" in home and "Regional report" in home
    assert "My actions" not in world.client("partner2").get(SC).content.decode()


def test_the_secretary_assigns_bad_input_first(world):
    client = world.client("coordinator")
    past = client.post(
        SC + "actions/", {"what": "X", "due_on": "2020-01-01", "owner_partner": world.partners[0].pk}
    )
    assert past.status_code == 400 and "in the past" in past.content.decode()
    stranger = client.post(
        SC + "actions/",
        {
            "what": "X",
            "due_on": (today() + datetime.timedelta(days=3)).isoformat(),
            "owner_user": world.users["other"].pk,
        },
    )
    assert stranger.status_code == 400
    nobody = client.post(
        SC + "actions/", {"what": "X", "due_on": (today() + datetime.timedelta(days=3)).isoformat()}
    )
    assert nobody.status_code == 400 and not ActionItem.objects.exists()
    ok = client.post(
        SC + "actions/",
        {
            "what": "Book Riga",
            "due_on": (today() + datetime.timedelta(days=3)).isoformat(),
            "owner_user": world.users["partner2"].pk,
        },
    )
    assert ok.status_code == 302
    assert (
        world.client("partner")
        .post(
            SC + "actions/",
            {"what": "X", "due_on": today().isoformat(), "owner_user": world.users["partner"].pk},
        )
        .status_code
        == 403
    )


def test_owner_marks_done_stranger_may_not(world, overdue):
    assert world.client("partner2").post(SC + f"actions/{overdue.pk}/", {"status": "done"}).status_code == 403
    assert (
        world.client("partner").post(SC + f"actions/{overdue.pk}/", {"status": "finished"}).status_code == 400
    )
    assert world.client("partner").post(SC + f"actions/{overdue.pk}/", {"status": "done"}).status_code == 302
    overdue.refresh_from_db()
    assert overdue.status == "done"


def test_open_actions_appear_under_the_review_item_of_the_next_meeting(world, meeting, overdue):
    agenda.add_item(actor=SYSTEM, meeting=meeting, title={"en": "Review of actions"}, reviews_actions=True)
    page = world.client("coordinator").get(SC + "meetings/1/").content.decode()
    assert "Open action items" in page and "Regional report" in page


def test_home_shows_the_meeting_under_way_even_after_its_planned_end(world, meeting):
    from secon.governance.models import Meeting
    from secon.governance.services import meetings

    meetings.convene_meeting(actor=SYSTEM, meeting=meeting)
    meetings.start_meeting(actor=SYSTEM, meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    page = world.client("partner").get(SC).content.decode()
    assert "Third meeting" in page.split("Members")[0]
