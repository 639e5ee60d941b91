import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.governance.models import Committee, CommitteeDefaults, SeatHolder
from secon.governance.services import committees
from tests.factories import PartnerFactory, UserFactory
from tests.governance.conftest import member

pytestmark = pytest.mark.django_db


def test_coordinators_set_up_committees_others_may_not(world):
    created = committees.create_committee(
        actor=world.users["coordinator"],
        project=world.project,
        slug="board",
        kind="thematic",
        name={"en": "Board"},
        code="TB",
    )
    assert created.notice_days == 14
    assert AuditEntry.objects.filter(model="governance.committee", object_id=str(created.pk)).exists()
    for role in ("partner", "viewer", "other"):
        with pytest.raises(PermissionDenied):
            committees.create_committee(
                actor=world.users[role],
                project=world.project,
                slug=f"x-{role}",
                kind="other",
                name={"en": "X"},
            )
    assert Committee.objects.filter(project=world.project).count() == 2


@pytest.mark.parametrize(
    "values, field",
    [
        ({"code": "sc"}, "code"),
        ({"notice_days": 91}, "notice_days"),
        ({"name": {}}, "name"),
        ({"slug": "sc"}, "__all__"),
    ],
)
def test_bad_committee_values_are_refused(world, values, field):
    data = {"slug": "new", "kind": "steering", "name": {"en": "New"}, "code": "NC", **values}
    with pytest.raises(ValidationError) as error:
        committees.create_committee(actor=world.users["coordinator"], project=world.project, **data)
    assert field in error.value.message_dict
    assert Committee.objects.filter(project=world.project).count() == 1


def test_secretary_must_be_a_member_of_the_project(world):
    with pytest.raises(ValidationError) as error:
        committees.update_committee(
            actor=world.users["coordinator"], committee=world.committee, secretary=world.users["other"]
        )
    assert "secretary" in error.value.message_dict


def test_a_new_representative_ends_the_previous_one_and_keeps_history(world):
    seat = world.seats[0]
    successor = member(world.project, "partner_editor", world.partners[0].organisation)
    committees.appoint_holder(
        actor=world.users["coordinator"],
        seat=seat,
        user=successor,
        role="representative",
        valid_from=datetime.date(2025, 3, 1),
    )
    holders = SeatHolder.objects.filter(seat=seat, role="representative").order_by("valid_from")
    assert [(h.user, h.valid_from, h.valid_until) for h in holders] == [
        (world.users["partner"], datetime.date(2024, 1, 1), datetime.date(2025, 2, 28)),
        (successor, datetime.date(2025, 3, 1), None),
    ]


def test_holders_come_from_the_partnership(world):
    stranger = UserFactory()
    with pytest.raises(ValidationError, match="not a member"):
        committees.appoint_holder(
            actor=world.users["coordinator"], seat=world.seats[2], user=stranger, role="representative"
        )
    with pytest.raises(ValidationError, match="another partner"):
        committees.appoint_holder(
            actor=world.users["coordinator"],
            seat=world.seats[2],
            user=world.users["partner"],
            role="representative",
        )
    with pytest.raises(PermissionDenied):
        committees.appoint_holder(
            actor=world.users["partner"], seat=world.seats[0], user=world.users["viewer"], role="substitute"
        )
    assert not SeatHolder.objects.filter(seat=world.seats[2]).exists()


def test_a_seat_per_partner_of_the_project(world):
    with pytest.raises(ValidationError, match="already has a seat"):
        committees.add_seat(
            actor=world.users["coordinator"], committee=world.committee, partner=world.partners[0]
        )
    with pytest.raises(ValidationError, match="not a partner"):
        committees.add_seat(
            actor=world.users["coordinator"], committee=world.committee, partner=PartnerFactory()
        )
    with pytest.raises(ValidationError):
        committees.update_seat(
            actor=world.users["coordinator"], seat=world.seats[0], weight=0, voting_right=True
        )


def test_ending_a_holding(world):
    holder = SeatHolder.objects.get(user=world.users["substitute"])
    with pytest.raises(ValidationError, match="before it starts"):
        committees.end_holding(
            actor=world.users["coordinator"], holder=holder, valid_until=datetime.date(2023, 1, 1)
        )
    committees.end_holding(
        actor=world.users["coordinator"], holder=holder, valid_until=datetime.date(2024, 6, 30)
    )
    holder.refresh_from_db()
    assert holder.valid_until == datetime.date(2024, 6, 30)


def test_committees_follow_the_projects_defaults_unless_they_set_their_own(world):
    coordinator = world.users["coordinator"]
    own = committees.create_committee(
        actor=coordinator,
        project=world.project,
        slug="board",
        kind="thematic",
        name={"en": "B"},
        notice_days=7,
    )
    assert own.follows_defaults is False and own.notice_days == 7
    assert world.committee.follows_defaults is True
    with pytest.raises(ValidationError) as error:
        committees.set_committee_defaults(
            actor=coordinator, project=world.project, quorum_numerator=3, quorum_denominator=2
        )
    assert "quorum_numerator" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        committees.set_committee_defaults(actor=coordinator, project=world.project, notice_days=91)
    assert "notice_days" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        committees.set_committee_defaults(actor=world.users["partner"], project=world.project, notice_days=21)
    assert not CommitteeDefaults.objects.exists()
    defaults = committees.set_committee_defaults(
        actor=coordinator,
        project=world.project,
        notice_days=21,
        comment_days=14,
        quorum_numerator=2,
        quorum_denominator=3,
        quorum_comparison="gt",
    )
    assert defaults.values()["notice_days"] == 21
    followed = Committee.objects.get(pk=world.committee.pk)
    assert (followed.notice_days, followed.comment_days, followed.quorum_numerator) == (21, 14, 2)
    assert (followed.quorum_denominator, followed.quorum_comparison) == (3, "gt")
    assert Committee.objects.get(pk=own.pk).notice_days == 7  # its own rules stay
    assert AuditEntry.objects.filter(model="governance.committeedefaults", action="create").count() == 1
    assert AuditEntry.objects.filter(model="governance.committee", object_id=str(followed.pk)).count() >= 2
    newer = committees.create_committee(
        actor=coordinator, project=world.project, slug="third", kind="other", name={"en": "T"}
    )
    assert (newer.follows_defaults, newer.notice_days, newer.comment_days) == (True, 21, 14)
    own = committees.update_committee(actor=coordinator, committee=own, follows_defaults=True, notice_days=3)
    assert own.notice_days == 21  # following the defaults: their values, whatever else was asked
    committees.update_committee(actor=coordinator, committee=newer, notice_days=5)
    assert Committee.objects.get(pk=newer.pk).follows_defaults is False
    committees.set_committee_defaults(actor=coordinator, project=world.project, notice_days=28)
    assert Committee.objects.get(pk=newer.pk).notice_days == 5
    assert Committee.objects.get(pk=own.pk).notice_days == 28
