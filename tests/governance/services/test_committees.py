import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from secon.core.models import AuditEntry
from secon.governance.models import Committee, SeatHolder
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
