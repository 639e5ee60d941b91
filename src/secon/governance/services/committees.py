"""Create committees, give partners their seats, appoint and replace the people holding them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secon.accounts.models import Membership, User
from secon.core.audit import audited, record_change, snapshot
from secon.core.models import AuditEntry
from secon.core.permissions import require
from secon.governance.enums import HolderRole
from secon.governance.models import Committee, CommitteeDefaults, Seat, SeatHolder
from secon.governance.models.defaults import DEFAULT_FIELDS
from secon.governance.selectors.committees import committee_defaults
from secon.organisations.models import Partner

COMMITTEE_FIELDS = (
    "slug",
    "kind",
    "name",
    "code",
    "follows_defaults",
    "notice_days",
    "comment_days",
    "secretary",
    "chair",
    "quorum_basis",
    "quorum_numerator",
    "quorum_denominator",
    "quorum_comparison",
    "quorum_rounding",
)


def _check_secretary(committee: Committee) -> None:
    if committee.quorum_numerator > committee.quorum_denominator:
        raise ValidationError({"quorum_numerator": _("The fraction is at most 1 (e.g. 1/2, 2/3).")})
    if (
        committee.secretary_id
        and not Membership.objects.filter(
            project_id=committee.project_id, user_id=committee.secretary_id
        ).exists()
    ):
        raise ValidationError({"secretary": _("The secretary must be a member of the project.")})
    if committee.chair_id and committee.chair.project_id != committee.project_id:
        raise ValidationError({"chair": _("The chair must be a partner of the project.")})


def _follow_defaults(committee: Committee) -> None:
    """A committee following the project's defaults takes their values (whatever else was asked)."""
    if committee.follows_defaults:
        for name, value in committee_defaults(project=committee.project).values().items():
            setattr(committee, name, value)


@transaction.atomic
def set_committee_defaults(*, actor, project, **values) -> CommitteeDefaults:
    """Set the project's defaults (coordinators); every committee following them takes the new values."""
    require(actor, "governance.add_committee", project)
    defaults = CommitteeDefaults._base_manager.select_for_update().filter(project=project).first()
    creating = defaults is None
    if creating:
        defaults = CommitteeDefaults(project=project)
    before = snapshot(defaults)
    for name in DEFAULT_FIELDS:
        if name in values:
            setattr(defaults, name, values[name])
    if defaults.quorum_numerator > defaults.quorum_denominator:
        raise ValidationError({"quorum_numerator": _("The fraction is at most 1 (e.g. 1/2, 2/3).")})
    defaults.full_clean(exclude=["project"], validate_constraints=False)
    defaults.save()
    record_change(
        actor=actor,
        instance=defaults,
        action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
        before=None if creating else before,
        project_id=project.pk,
    )
    following = Committee._base_manager.select_for_update().filter(project=project, follows_defaults=True)
    for committee in following:
        with audited(actor=actor, instance=committee, project_id=project.pk):
            for name, value in defaults.values().items():
                setattr(committee, name, value)
            committee.save(update_fields=list(DEFAULT_FIELDS))
    return defaults


@transaction.atomic
def create_committee(*, actor, project, **values) -> Committee:
    """Set up a committee of the project (coordinators)."""
    require(actor, "governance.add_committee", project)
    committee = Committee(
        project=project, **{name: values[name] for name in COMMITTEE_FIELDS if name in values}
    )
    if "follows_defaults" not in values:  # own rules when some are given, else the project's
        committee.follows_defaults = not any(name in values for name in DEFAULT_FIELDS)
    _follow_defaults(committee)
    _check_secretary(committee)
    committee.full_clean()
    committee.save()
    record_change(actor=actor, instance=committee, action=AuditEntry.Action.CREATE, project_id=project.pk)
    return committee


@transaction.atomic
def update_committee(*, actor, committee: Committee, **values) -> Committee:
    """Change a committee's name, code, notice period, secretary or chair."""
    require(actor, "governance.manage_committee", committee)
    committee = Committee._base_manager.select_for_update().get(pk=committee.pk)
    with audited(actor=actor, instance=committee, project_id=committee.project_id):
        for name in COMMITTEE_FIELDS:
            if name in values:
                setattr(committee, name, values[name])
        if "follows_defaults" not in values and any(name in values for name in DEFAULT_FIELDS):
            committee.follows_defaults = False  # rules given: the committee's own from now on
        _follow_defaults(committee)
        _check_secretary(committee)
        committee.full_clean()
        committee.save()
    return committee


@transaction.atomic
def add_seat(
    *, actor, committee: Committee, partner: Partner, weight: int = 1, voting_right: bool = True
) -> Seat:
    """Give a partner of the project its seat on the committee."""
    require(actor, "governance.manage_committee", committee)
    if partner.project_id != committee.project_id:
        raise ValidationError({"partner": _("This organisation is not a partner of the project.")})
    if Seat.objects.filter(committee=committee, partner=partner).exists():
        raise ValidationError({"partner": _("This partner already has a seat on the committee.")})
    seat = Seat(
        project_id=committee.project_id,
        committee=committee,
        partner=partner,
        weight=weight,
        voting_right=voting_right,
    )
    seat.full_clean(exclude=["project", "committee", "partner"], validate_constraints=False)
    seat.save()
    record_change(
        actor=actor, instance=seat, action=AuditEntry.Action.CREATE, project_id=committee.project_id
    )
    return seat


@transaction.atomic
def update_seat(*, actor, seat: Seat, weight: int, voting_right: bool) -> Seat:
    """Change a seat's weight or voting right."""
    require(actor, "governance.manage_committee", seat.committee)
    seat = Seat._base_manager.select_for_update().get(pk=seat.pk)
    with audited(actor=actor, instance=seat, project_id=seat.project_id):
        seat.weight = weight
        seat.voting_right = voting_right
        seat.full_clean(exclude=["project", "committee", "partner"], validate_constraints=False)
        seat.save()
    return seat


def _check_holder(seat: Seat, user: User) -> None:
    """The holder must be a member of the project; a partner editor only for their own partner."""
    membership = Membership.objects.filter(project_id=seat.project_id, user=user).first()
    if membership is None:
        raise ValidationError({"user": _("This person is not a member of the project: invite them first.")})
    if membership.organisation_id and membership.organisation_id != seat.partner.organisation_id:
        raise ValidationError({"user": _("This person acts for another partner.")})


@transaction.atomic
def appoint_holder(
    *,
    actor,
    seat: Seat,
    user: User,
    role: str,
    valid_from: datetime.date | None = None,
    voting_right: bool = True,
) -> SeatHolder:
    """Appoint a representative (ending the current one the day before) or add a substitute."""
    require(actor, "governance.manage_committee", seat.committee)
    seat = Seat._base_manager.select_for_update().select_related("partner").get(pk=seat.pk)
    valid_from = valid_from or timezone.localdate()
    if role not in HolderRole.values:
        raise ValidationError({"role": _("Unknown role.")})
    _check_holder(seat, user)
    current = SeatHolder.objects.filter(seat=seat, role=role, user=user).exclude(valid_until__lt=valid_from)
    if current.exists():
        raise ValidationError({"user": _("This person already holds the seat in this role.")})
    if role == HolderRole.REPRESENTATIVE:
        for previous in (
            SeatHolder.objects.select_for_update()
            .filter(seat=seat, role=HolderRole.REPRESENTATIVE)
            .exclude(valid_until__lt=valid_from)
        ):
            if previous.valid_from >= valid_from:
                raise ValidationError(
                    {
                        "valid_from": _(
                            "The current representative only started on %(day)s; choose a later day."
                        )
                        % {"day": previous.valid_from.isoformat()}
                    }
                )
            with audited(actor=actor, instance=previous, project_id=seat.project_id):
                previous.valid_until = valid_from - datetime.timedelta(days=1)
                previous.save(update_fields=["valid_until"])
        voting_right = True
    holder = SeatHolder(
        project_id=seat.project_id,
        seat=seat,
        user=user,
        role=role,
        valid_from=valid_from,
        voting_right=voting_right,
    )
    holder.full_clean(exclude=["project", "seat", "user"])
    holder.save()
    record_change(actor=actor, instance=holder, action=AuditEntry.Action.CREATE, project_id=seat.project_id)
    return holder


@transaction.atomic
def end_holding(*, actor, holder: SeatHolder, valid_until: datetime.date | None = None) -> SeatHolder:
    """End a holding (it stays in the seat's history)."""
    require(actor, "governance.manage_committee", holder.seat.committee)
    holder = SeatHolder._base_manager.select_for_update().get(pk=holder.pk)
    valid_until = valid_until or timezone.localdate()
    if holder.valid_until is not None and holder.valid_until < valid_until:
        raise ValidationError({"valid_until": _("This holding has already ended.")})
    if valid_until < holder.valid_from:
        raise ValidationError({"valid_until": _("A holding cannot end before it starts.")})
    with audited(actor=actor, instance=holder, project_id=holder.project_id):
        holder.valid_until = valid_until
        holder.save(update_fields=["valid_until"])
    return holder
